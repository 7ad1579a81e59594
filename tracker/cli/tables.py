"""Tables that fit the width they are given.

A listing names its fields; each row gives every field as text. The layout is chosen per width,
widest first, and the first that fits is drawn:

1. one column per field;
2. the listing's stacks: related fields share a column, one above the other ("status" over
   "since"), which halves the number of columns and their borders;
3. cards: one block per row, its key on the first line and every other field on a labelled line.

Fields that hold a name or a code (ids, dates, statuses) are kept whole in a table; fields that
hold prose or lists (`wraps`) wrap at spaces and fold inside a long word. A table is drawn only
when every whole field fits and every wrapping field keeps at least `WRAP_MIN` characters, so no
column is ever squeezed to nothing; otherwise the next layout is tried, and cards always fit.
Nothing is padded beyond the table's own width, titles included."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when a table is drawn: JSON and CSV output do without it
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

WRAP_MIN = 12
"""The narrowest a wrapping column may become (or its longest line, if shorter)."""

CARD_INDENT = 2

STATUS_STYLES: Mapping[str, str] = {
    "unknown": "dim",
    "rumored": "magenta",
    "proposed": "cyan",
    "conditional": "cyan",
    "confirmed": "green",
    "held": "bold green",
    "denied": "red",
    "cancelled": "red",
    "postponed": "blue",
    "lapsed": "yellow",
}
"""Colours of statuses (dropped by rich when NO_COLOR is set or the output is not a terminal)."""


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    wraps: bool = False
    """Prose or a list, which may wrap; otherwise a name or code kept whole in a table."""
    styled: bool = False
    """Its values are statuses, coloured by `STATUS_STYLES`."""


@dataclass(frozen=True)
class Listing:
    fields: tuple[Field, ...]
    stacks: tuple[tuple[str, ...], ...]
    """The narrower table: the keys of the fields of each column, every field exactly once."""

    def __post_init__(self) -> None:
        stacked = [key for column in self.stacks for key in column]
        assert sorted(stacked) == sorted(f.key for f in self.fields), "stacks must hold every field once"

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


Row = Mapping[str, str]
Columns = list[list[Field]]


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


class Measure:
    """What a layout needs to know of the rows, gathered a row at a time: of each field, its
    longest line, its longest line once a list is on one line (`_flat`), and, if it shares a
    column with prose in some layout, its longest word."""

    def __init__(self, listing: Listing) -> None:
        self.listing = listing
        self.rows = 0
        self.line = {f.key: 0 for f in listing.fields}
        self.flat = dict(self.line)
        self.word = dict(self.line)
        prose = {f.key for f in listing.fields if f.wraps}
        self._worded = {key for stack in listing.stacks if prose.intersection(stack) for key in stack} | prose

    @classmethod
    def of(cls, listing: Listing, rows: Iterable[Row]) -> Measure:
        measure = cls(listing)
        for row in rows:
            measure.add(row)
        return measure

    def add(self, row: Row) -> None:
        self.rows += 1
        line, flat, word, worded = self.line, self.flat, self.word, self._worded
        for f in self.listing.fields:
            key = f.key
            value = row[key]
            if value.isprintable():  # no line break: one line, flat as it is
                length = flat_length = len(value)
            else:
                length, flat_length = _longest_line(value), _longest_line(_flat(f, value))
            if length > line[key]:
                line[key] = length
            if flat_length > flat[key]:
                flat[key] = flat_length
            if key in worded:
                longest = max(map(len, value.split()), default=0)
                if longest > word[key]:
                    word[key] = longest

    def needs(self, column: list[Field]) -> tuple[int, int, int]:
        """The least, comfortable and natural widths of a column: what a column of whole
        values needs; for prose, `WRAP_MIN`, its longest word and its longest line."""
        headers = [len(f.header) for f in column]
        natural = max(headers + [self.line[f.key] for f in column])
        if not any(f.wraps for f in column):
            return natural, natural, natural
        whole = max(headers + [self.line[f.key] for f in column if not f.wraps])
        word = max([whole] + [self.word[f.key] for f in column])
        least = max(whole, min(natural, WRAP_MIN))
        return least, max(least, min(word, natural)), natural


def _overhead(count: int) -> int:
    """Borders and padding of a table of `count` columns: "│ a │ b │"."""
    return 3 * count + 1


def _grow(widths: list[int], targets: list[int], spare: int) -> int:
    """Widen the columns towards their targets, the neediest last, sharing `spare` fairly;
    return what is left of it."""
    wanting = sorted(range(len(widths)), key=lambda i: targets[i] - widths[i])
    for rank, index in enumerate(wanting):
        share = spare // (len(wanting) - rank)
        grant = min(max(targets[index] - widths[index], 0), share)
        widths[index] += grant
        spare -= grant
    return spare


def _widths(columns: Columns, measure: Measure, width: int) -> list[int] | None:
    """Each column's width within `width`, or None if the columns cannot fit: every column gets
    its least, then room for its longest word, then its longest line, as far as room goes."""
    needs = [measure.needs(column) for column in columns]
    spare = width - _overhead(len(columns)) - sum(least for least, _, _ in needs)
    if spare < 0:
        return None
    widths = [least for least, _, _ in needs]
    spare = _grow(widths, [word for _, word, _ in needs], spare)
    _grow(widths, [natural for _, _, natural in needs], spare)
    return widths


def _styled(field: Field, value: str) -> Text:
    from rich.text import Text

    status = value.split(" ", 1)[0]  # "denied (contested)"
    return Text(value, style=STATUS_STYLES.get(status, "") if field.styled else "")


def frame(columns: Columns, widths: list[int], rows: Sequence[Row], *, header: bool = True) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.HEAVY_HEAD, show_edge=True, pad_edge=True, expand=False, show_header=header)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(  # a header as Text, not markup: nothing to parse (nor rich's emoji codes to load)
            Text("\n".join(f.header for f in column)),
            width=width,
            no_wrap=not any(f.wraps for f in column),
            overflow="fold",
        )
    for row in rows:
        cells = []
        for column in columns:
            parts = [_styled(f, row[f.key]) for f in column]
            cells.append(Text("\n").join(parts) if len(parts) > 1 else parts[0])
        table.add_row(*cells)
    return table


def titled(title: str, columns: Columns, widths: list[int], rows: Sequence[Row]) -> RenderableType:
    """The table under its title, as rich lays it out."""
    from rich.console import Group
    from rich.text import Text

    return Group(Text(title, style="bold"), frame(columns, widths, rows))


def card_parts(
    title: str, listing: Listing, rows: Iterable[Row], width: int, per: int = 200
) -> Iterator[RenderableType]:
    """The cards of the rows (one block per row: its key, then a line per non-empty field,
    labelled and indented, long values wrapped under themselves), in parts of `per` rows (the
    title in the first), printed one after the other: a million lines are never held at once."""
    from rich.console import Group
    from rich.text import Text

    key, *others = listing.fields
    label = max(len(f.header) for f in others)
    room = max(width - CARD_INDENT - label - 1, WRAP_MIN)
    lines = [Text(title, style="bold")]
    for index, row in enumerate(rows, start=1):
        lines.append(Text(row[key.key], style="bold"))
        for field in others:
            values = [line for value in row[field.key].splitlines() for line in _wrap(value, room)]
            for number, value in enumerate(values):
                head = field.header if number == 0 else ""
                lines.append(Text(f"{'':{CARD_INDENT}}{head:{label}} ", style="dim") + _styled(field, value))
        if index % per == 0:
            yield Group(*lines)
            lines = []
    yield Group(*lines)


def _wrap(value: str, width: int) -> list[str]:
    return textwrap.wrap(value, width, break_long_words=True, break_on_hyphens=False) or [value]


def _flat(field: Field, value: str) -> str:
    """A value as a table that is wide enough shows it: a list on one line ("a, b")."""
    return ", ".join(value.splitlines()) if field.wraps else value


@dataclass(frozen=True)
class Drawing:
    """A table's layout: its columns (the fields of each) and their widths; `flat`, each list
    on one line (`_flat`), where the single-column layout fits so."""

    columns: Columns
    widths: list[int]
    flat: bool = False

    def shown(self, rows: Iterable[Row]) -> Iterator[Row]:
        """The rows as drawn: flattened one at a time, never all at once."""
        if not self.flat:
            yield from rows
            return
        fields = [column[0] for column in self.columns]
        for row in rows:
            yield {f.key: _flat(f, row[f.key]) for f in fields}


def choose(listing: Listing, measure: Measure, width: int) -> Drawing | None:
    """The widest table of the rows measured that fits in `width` columns, a row a line if it
    can be; None where only cards fit."""
    single = [[f] for f in listing.fields]
    naturals = [max(len(f.header), measure.flat[f.key]) for f in listing.fields]
    if sum(naturals) + _overhead(len(single)) <= width:
        return Drawing(single, naturals, flat=True)
    for columns in (single, [[listing.field(k) for k in s] for s in listing.stacks]):
        widths = _widths(columns, measure, width)
        if widths is not None:
            return Drawing(columns, widths)
    return None


def show(console: Console, title: str, listing: Listing, rows: Iterable[Row]) -> None:
    """Print the rows as a table (or cards) in the console's width: the same text as rich
    prints for the layout chosen (`tests/test_drawing.py`). The rows are measured as they come
    and kept aside (`Spool`: beyond a few thousand, in a temporary file), then drawn a line at
    a time and written a few hundred lines at a time (`tracker.cli.drawing`): a million rows
    are never all in memory."""
    from rich.text import Text

    from tracker.cli.spool import Spool

    measure = Measure(listing)
    with Spool([f.key for f in listing.fields]) as kept:
        for row in rows:
            measure.add(row)
            kept.add(row)
        if not measure.rows:
            console.print(Text(f"{title}: none", style="bold"))
            return
        drawing = choose(listing, measure, console.width)
        if drawing is None:
            for part in card_parts(title, listing, kept, console.width):
                console.print(part)
            return
        from tracker.cli.drawing import draw

        draw(console, title, drawing, kept)
