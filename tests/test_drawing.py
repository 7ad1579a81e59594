"""Tables drawn a row at a time (`tracker.cli.drawing`) are the text rich draws for the same
layout (`layout` below, the rows handed to rich whole), for any rows, in any width, with and
without colour: rich is the reference, character for character."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, Group, RenderableType

from tracker.cli import spool
from tracker.cli.render import LISTINGS
from tracker.cli.tables import STATUS_STYLES, Listing, Measure, Row, card_parts, choose, show, titled


def layout(title: str, listing: Listing, rows: list[Row], width: int) -> RenderableType:
    """What `show` prints, as rich lays it out whole: the reference."""
    drawing = choose(listing, Measure.of(listing, rows), width)
    if drawing is None:
        return Group(*card_parts(title, listing, rows, width))
    return titled(title, drawing.columns, drawing.widths, list(drawing.shown(rows)))


WORDS = st.sampled_from(
    ["a", "held", "c0012345", "2025-08-15", "Putin", "Lukashenko", "(uncertain)", "x" * 30]
)
ODD = st.sampled_from(["日本", "é", "e\u0301", "\t", "\x1b", "😀", "«»", " ", "  "])
"""Wide, combined and control characters, tabs and runs of spaces: rich's care."""


@st.composite
def values(draw: st.DrawFn, styled: bool) -> str:
    if styled and draw(st.booleans()):
        status = draw(st.sampled_from([*STATUS_STYLES, "—"]))
        return status + draw(st.sampled_from(["", " (contested)"]))
    parts = draw(st.lists(st.one_of(WORDS, WORDS, WORDS, WORDS, WORDS, WORDS, ODD), max_size=8))
    text = " ".join(parts)
    if draw(st.booleans()):
        text = text.replace(" ", "\n", draw(st.integers(0, 2)))
    return text


@st.composite
def tables(draw: st.DrawFn) -> tuple[Listing, list[dict[str, str]]]:
    listing = draw(st.sampled_from(list(LISTINGS.values())))
    count = draw(st.integers(1, 6))
    rows = [{f.key: draw(values(f.styled)) for f in listing.fields} for _ in range(count)]
    return listing, rows


CONSOLES = st.sampled_from(
    [
        {},
        {"force_terminal": True, "color_system": "truecolor"},
        {"force_terminal": True, "color_system": "standard"},
        {"force_terminal": True, "color_system": "256", "no_color": True},
    ]
)


def _console(width: int, options: dict[str, object]) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, **options), out  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(tables(), st.sampled_from([30, 60, 80, 120, 200, 100_000]), CONSOLES)
def test_a_table_drawn_a_row_at_a_time_is_the_text_rich_draws(
    table: tuple[Listing, list[dict[str, str]]], width: int, options: dict[str, object]
) -> None:
    listing, rows = table
    ours, drawn = _console(width, options)
    show(ours, "Title", listing, rows)
    theirs, reference = _console(width, options)
    theirs.print(layout("Title", listing, rows, width))
    assert drawn.getvalue() == reference.getvalue()


def test_many_rows_are_written_in_parts_to_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows kept aside in a file (here beyond 100) and written a few hundred lines at a time."""
    monkeypatch.setattr(spool, "KEPT", 100)
    listing = LISTINGS["claims"]
    rows = [
        {f.key: f"{f.key} {i}" + ("\nsecond" if f.wraps and i % 3 == 0 else "") for f in listing.fields}
        for i in range(1234)
    ]
    for width in (80, 100_000):
        ours, drawn = _console(width, {"force_terminal": True, "color_system": "truecolor"})
        show(ours, "Claims", listing, rows)
        theirs, reference = _console(width, {"force_terminal": True, "color_system": "truecolor"})
        theirs.print(layout("Claims", listing, rows, width))
        assert drawn.getvalue() == reference.getvalue()
        assert drawn.getvalue().count("\n") > 1234


@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=12)), max_size=40), st.integers(1, 9))
def test_a_spool_gives_back_its_rows_in_order(rows: list[tuple[str, str]], kept: int) -> None:
    original, spool.KEPT = spool.KEPT, kept
    try:
        with spool.Spool(["a", "b"]) as kept_rows:
            for a, b in rows:
                kept_rows.add({"a": a, "b": b, "c": "not kept"})
            assert list(kept_rows) == [{"a": a, "b": b} for a, b in rows]
    finally:
        spool.KEPT = original


@given(tables())
def test_a_measure_taken_a_row_at_a_time_is_that_of_all_the_rows(
    table: tuple[Listing, list[dict[str, str]]],
) -> None:
    """Each field's longest line, longest flattened line and longest word, as if counted over
    every row at once."""
    listing, rows = table
    measure = Measure.of(listing, rows)
    for f in listing.fields:
        values = [row[f.key] for row in rows]
        flat = [", ".join(v.splitlines()) if f.wraps else v for v in values]
        assert measure.line[f.key] == max((len(line) for v in values for line in v.splitlines()), default=0)
        assert measure.flat[f.key] == max((len(line) for v in flat for line in v.splitlines()), default=0)
        words = max((len(word) for v in values for word in v.split()), default=0)
        assert measure.word[f.key] in ((words, 0) if not f.wraps else (words,))
