"""Drawing a table's rows as text, the text rich draws, without rich laying out each row.

rich lays a table out whole, about a millisecond a row on this machine: the claims of a popular
summit (16k at 100k claims, 160k at a million) took minutes and gigabytes to print. But the
layout (`tables.choose`) fixes every column's width before a row is drawn, so a row's lines
depend on that row alone. Here they are drawn as strings (each cell padded to its width, between
the borders) and written a few hundred rows at a time. rich still draws the title, the header
and the borders (the table with no rows), and any row holding a value that needs its care: a
line longer than its column (to be wrapped or folded), a character that is not one cell wide,
or a control character. Colours are rich's own codes for each style, asked of the console once
per style (`Paint`). `tests/test_drawing.py` compares the text with rich's, for any rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from tracker.cli.tables import STATUS_STYLES, Columns, Drawing, Field, Row, frame, titled

if TYPE_CHECKING:
    from rich.console import Console

PER = 500
"""Lines drawn before they are written."""


class Paint:
    """Text in a style as the console writes it: rich's codes around it, or none where the
    console has no colour (not a terminal); asked of rich once per style."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.codes: dict[str, tuple[str, str]] = {}

    def __call__(self, style: str, text: str) -> str:
        if not style or not text:
            return text
        codes = self.codes.get(style)
        if codes is None:
            from rich.text import Text

            with self.console.capture() as capture:
                self.console.print(Text("X", style=style), end="")
            before, _, after = capture.get().partition("X")
            codes = self.codes[style] = (before, after)
        return f"{codes[0]}{text}{codes[1]}"


def _simple(line: str) -> bool:
    """Whether each character of `line` is printable and one cell wide, as rich counts."""
    if not line.isprintable():
        return False
    if line.isascii():
        return True
    from rich.cells import cell_len

    return cell_len(line) == len(line)


def _style(field: Field, value: str) -> str:
    return STATUS_STYLES.get(value.split(" ", 1)[0], "") if field.styled else ""


def _wrapped(console: Console, field: Field, style: str, line: str, width: int) -> list[str] | None:
    """A line of a value in its column: as it is if it fits (unpadded); a prose field's
    unstyled line wrapped by rich's own rule (`Text.wrap`), each part padded to `width`; else
    None."""
    if not _simple(line):
        return None
    if len(line) <= width:
        return [line]
    if not field.wraps or style:
        return None
    from rich.text import Text

    return [part.plain for part in Text(line).wrap(console, width, justify="left", overflow="fold")]


def _cell(column: Sequence[Field], width: int, row: Row, paint: Paint) -> list[str] | None:
    """The lines of a cell, each `width` cells wide; None if rich must draw it. A cell of one
    field is one text, whose padding takes its style; of several, their texts joined, the
    padding unstyled."""
    drawn = []
    for field in column:
        value = row[field.key]
        style = _style(field, value)
        for line in value.split("\n"):
            lines = _wrapped(paint.console, field, style, line, width)
            if lines is None:
                return None
            if len(column) == 1:
                drawn += [paint(style, part.ljust(width)) for part in lines]
            else:
                drawn += [paint(style, part) + " " * (width - len(part)) for part in lines]
    return drawn


def _row(columns: Columns, widths: Sequence[int], row: Row, paint: Paint) -> list[str] | None:
    """The lines of a row of the table, as rich draws them; None if rich must draw it."""
    cells = []
    for column, width in zip(columns, widths, strict=True):
        cell = _cell(column, width, row, paint)
        if cell is None:
            return None
        cells.append(cell)
    height = max(len(cell) for cell in cells)
    blanks = [" " * width for width in widths]
    return [
        "│ "
        + " │ ".join(cell[i] if i < len(cell) else blank for cell, blank in zip(cells, blanks, strict=True))
        + " │\n"
        for i in range(height)
    ]


def _by_rich(console: Console, drawing: Drawing, row: Row) -> list[str]:
    """The lines of a row as rich draws it: a table of that row alone, without its borders."""
    with console.capture() as capture:
        console.print(frame(drawing.columns, drawing.widths, [row], header=False))
    return capture.get().splitlines(keepends=True)[1:-1]


def lines(console: Console, drawing: Drawing, rows: Iterable[Row]) -> Iterable[str]:
    """The body's lines, a row's at a time."""
    paint = Paint(console)
    for row in drawing.shown(rows):
        drawn = _row(drawing.columns, drawing.widths, row, paint)
        yield from drawn if drawn is not None else _by_rich(console, drawing, row)


def draw(console: Console, title: str, drawing: Drawing, rows: Iterable[Row]) -> None:
    """Print the rows under the title in the table laid out, to the same text as rich's."""
    with console.capture() as capture:
        console.print(titled(title, drawing.columns, drawing.widths, ()))
    *top, bottom = capture.get().splitlines(keepends=True)
    write = console.file.write
    write("".join(top))
    pending: list[str] = []
    for line in lines(console, drawing, rows):
        pending.append(line)
        if len(pending) >= PER:
            write("".join(pending))
            pending.clear()
    write("".join(pending) + bottom)
