"""find_quote: verbatim quotes found despite typographic variants, as exact slices of the source."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.quotes import Span, _fold, find_quote

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("He said “we will meet” today.", 'we will meet"', "we will meet”"),
        ('He said "we will meet" today.', "“we will meet”", '"we will meet"'),
        ("It’s not planned, he said.", "It's not planned", "It’s not planned"),
        ("Talks in 2025–2026 are likely.", "2025-2026", "2025–2026"),
        ("Peace—now, they said.", "Peace-now", "Peace—now"),
        ("A non\u2011binding deal.", "non-binding deal", "non\u2011binding deal"),
        ("They met in\u00a0Alaska.", "met in Alaska", "met in\u00a0Alaska"),
        ("No meeting  is\n\tplanned.", "No meeting is planned", "No meeting  is\n\tplanned"),
        ("No meeting is planned.", "No   meeting\nis planned", "No meeting is planned"),
        ("Wait… and see.", "Wait... and see", "Wait… and see"),
    ],
)
def test_typographic_variants_match_and_the_span_keeps_the_original_characters(
    text: str, quote: str, expected: str
) -> None:
    span = find_quote(text, quote)
    assert span is not None
    assert span.text == expected


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Intro. He said “no\u00a0plans — at all”.", 'no plans - at all"'),
        ("Line one\n\n  the non\u2011binding   accord", "the non-binding accord"),
    ],
)
def test_the_span_is_the_exact_slice_of_the_source(text: str, quote: str) -> None:
    span = find_quote(text, quote)
    assert span is not None
    assert text[span.start : span.end] == span.text


def test_the_first_occurrence_is_returned() -> None:
    span = find_quote("a talk, then a talk", "a talk")
    assert span is not None
    assert (span.start, span.end) == (0, 6)


def test_surrounding_whitespace_of_the_quote_is_ignored() -> None:
    span = find_quote("They will meet soon.", "  will meet \n")
    assert span is not None
    assert span.text == "will meet"


def test_a_quote_not_in_the_text_is_not_found() -> None:
    assert find_quote("The Kremlin confirmed the meeting.", "the Kremlin denied the meeting") is None


def test_a_blank_quote_is_not_found() -> None:
    assert find_quote("Some text.", "  \n ") is None


def test_a_quote_typed_with_a_plain_hyphen_is_found_in_a_seed_with_a_non_breaking_hyphen() -> None:
    text = (SEEDS / "000_08fcacb3aec6ec7e.txt").read_text(encoding="utf-8")
    span = find_quote(text, "personality-driven diplomacy")
    assert span is not None
    assert span.text == "personality\u2011driven diplomacy"
    assert text[span.start : span.end] == span.text


def find_by_characters(text: str, quote: str) -> Span | None:
    """`find_quote` as it was written first, on `_fold`'s offset of every folded character."""
    needle, _ = _fold(quote.strip())
    if not needle:
        return None
    haystack, origin = _fold(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    start, end = origin[at], origin[at + len(needle) - 1] + 1
    return Span(start, end, text[start:end])


TYPED = st.text(st.sampled_from([*"ab c.'\"-", *"‘’‚‛′`´“”„‟″«»‐‑‒–—―−…", "\n", "\t", "\u00a0", "\u2028"]))


@given(text=TYPED, quote=TYPED, start=st.integers(0, 40), length=st.integers(0, 12))
def test_the_quote_is_found_where_folding_character_by_character_finds_it(
    text: str, quote: str, start: int, length: int
) -> None:
    """Folding by stretches between typographic variants finds the same span; the quote is
    sometimes a slice of the text, sometimes anything."""
    for wanted in (quote, text[start : start + length]):
        assert find_quote(text, wanted) == find_by_characters(text, wanted)
