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
from collections.abc import Iterator, Mapping, Sequence
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


def _needs(column: list[Field], rows: Sequence[Row]) -> tuple[int, int, int]:
    """The least, comfortable and natural widths of a column: what a column of whole values
    needs; for prose, `WRAP_MIN`, its longest word and its longest line."""
    headers = [len(f.header) for f in column]
    natural = max(headers + [_longest_line(row[f.key]) for row in rows for f in column])
    if not any(f.wraps for f in column):
        return natural, natural, natural
    whole = max(headers + [_longest_line(row[f.key]) for row in rows for f in column if not f.wraps])
    word = max([whole] + [len(word) for row in rows for f in column for word in row[f.key].split()])
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


def _widths(columns: Columns, rows: Sequence[Row], width: int) -> list[int] | None:
    """Each column's width within `width`, or None if the columns cannot fit: every column gets
    its least, then room for its longest word, then its longest line, as far as room goes."""
    needs = [_needs(column, rows) for column in columns]
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


def _cards(title: str, listing: Listing, rows: Sequence[Row], width: int) -> RenderableType:
    """One block per row: its key, then a line per non-empty field, labelled and indented, long
    values wrapped under themselves."""
    from rich.console import Group

    return Group(*_card_parts(title, listing, rows, width))


def _card_parts(
    title: str, listing: Listing, rows: Sequence[Row], width: int, per: int = 200
) -> Iterator[RenderableType]:
    """`_cards` in parts of `per` rows (the title in the first), printed one after the other
    to the same text: a million lines are never held at once."""
    from rich.console import Group
    from rich.text import Text

    key, *others = listing.fields
    label = max(len(f.header) for f in others)
    room = max(width - CARD_INDENT - label - 1, WRAP_MIN)
    lines = [Text(title, style="bold")]
    for start in range(0, len(rows), per):
        for row in rows[start : start + per]:
            lines.append(Text(row[key.key], style="bold"))
            for field in others:
                values = [line for value in row[field.key].splitlines() for line in _wrap(value, room)]
                for index, value in enumerate(values):
                    head = field.header if index == 0 else ""
                    lines.append(
                        Text(f"{'':{CARD_INDENT}}{head:{label}} ", style="dim") + _styled(field, value)
                    )
        yield Group(*lines)
        lines = []


def _wrap(value: str, width: int) -> list[str]:
    return textwrap.wrap(value, width, break_long_words=True, break_on_hyphens=False) or [value]


def _flat(field: Field, value: str) -> str:
    """A value as a table that is wide enough shows it: a list on one line ("a, b")."""
    return ", ".join(value.splitlines()) if field.wraps else value


@dataclass(frozen=True)
class Drawing:
    """A table's layout: its columns (the fields of each), their widths and the rows; `flat`,
    each list on one line (`_flat`), where the single-column layout fits so."""

    columns: Columns
    widths: list[int]
    rows: Sequence[Row]
    flat: bool = False

    def each_row(self) -> Iterator[Row]:
        """The rows as drawn: flattened one at a time, never all at once."""
        if not self.flat:
            yield from self.rows
            return
        fields = [column[0] for column in self.columns]
        for row in self.rows:
            yield {f.key: _flat(f, row[f.key]) for f in fields}


def choose(listing: Listing, rows: Sequence[Row], width: int) -> Drawing | None:
    """The widest table of the rows that fits in `width` columns, a row a line if it can be;
    None where only cards fit."""
    single = [[f] for f in listing.fields]
    naturals = [
        max([len(f.header)] + [_longest_line(_flat(f, row[f.key])) for row in rows]) for f in listing.fields
    ]
    if sum(naturals) + _overhead(len(single)) <= width:
        return Drawing(single, naturals, rows, flat=True)
    for columns in (single, [[listing.field(k) for k in s] for s in listing.stacks]):
        widths = _widths(columns, rows, width)
        if widths is not None:
            return Drawing(columns, widths, rows)
    return None


def layout(title: str, listing: Listing, rows: Sequence[Row], width: int) -> RenderableType:
    """The rows laid out as `show` draws them, as one renderable of rich (slow for many rows:
    `show` draws the rows itself; this is its reference)."""
    drawing = choose(listing, rows, width)
    if drawing is None:
        return _cards(title, listing, rows, width)
    return titled(title, drawing.columns, drawing.widths, list(drawing.each_row()))


def show(console: Console, title: str, listing: Listing, rows: Sequence[Row]) -> None:
    """Print the rows as a table (or cards) in the console's width: the same text as
    `layout` printed by rich, but a table's rows are drawn here, a line at a time, and
    written a few hundred at a time (`tracker.cli.drawing`)."""
    from rich.text import Text

    if not rows:
        console.print(Text(f"{title}: none", style="bold"))
        return
    drawing = choose(listing, rows, console.width)
    if drawing is None:
        for part in _card_parts(title, listing, rows, console.width):
            console.print(part)
        return
    from tracker.cli.drawing import draw

    draw(console, title, drawing)
