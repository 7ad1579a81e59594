"""Finding a verbatim quote in its source, tolerant of typographic variants. Pure."""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass

# One entry per character class a typist may type differently from the printed text.
_EQUIVALENTS = {
    **dict.fromkeys("‘’‚‛′`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}


@dataclass(frozen=True)
class Span:
    """Where a quote was found: the exact characters of the source, and their offsets."""

    start: int
    end: int
    text: str


@functools.lru_cache(maxsize=64)  # a source's text is folded once for all its quotes
def _fold(text: str) -> tuple[str, list[int]]:
    """The text with typographic variants unified and whitespace runs collapsed to one
    space, and for each folded character the offset of the original it came from."""
    folded: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if not in_space:
                folded.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        for part in _EQUIVALENTS.get(char, char):
            folded.append(part)
            origin.append(index)
    return "".join(folded), origin


def find_quote(text: str, quote: str) -> Span | None:
    """The first span of `text` that reads as `quote` once typography is folded, or None."""
    needle, _ = _fold(quote.strip())
    if not needle:
        return None
    haystack, origin = _fold(text)
    at = haystack.find(needle)
    if at < 0:
        return None
    start = origin[at]
    last = origin[at + len(needle) - 1]
    end = last + 1
    return Span(start, end, text[start:end])


HINT_LIMIT = 200_000
"""Longest (folded) source text searched for a near passage: the search is quadratic-ish."""


def closest_passage(text: str, quote: str) -> str | None:
    """The passage of `text` most like `quote` (as long as the quote), when one is close
    enough to be worth showing: the hint for a quote that was not found."""
    needle, _ = _fold(quote.strip())
    haystack, origin = _fold(text)
    if not needle or not haystack or len(haystack) > HINT_LIMIT:
        return None
    matcher = difflib.SequenceMatcher(None, haystack, needle, autojunk=False)
    block = max(matcher.get_matching_blocks(), key=lambda b: b.size)
    if block.size < max(3, len(needle) // 4):
        return None
    start = max(0, block.a - block.b)
    end = min(len(haystack), start + len(needle))
    candidates = [
        (start + shift, end + shift)
        for shift in range(-3, 4)
        if start + shift >= 0 and end + shift <= len(haystack)
    ]
    best = max(
        candidates,
        key=lambda span: difflib.SequenceMatcher(
            None, haystack[span[0] : span[1]], needle, autojunk=False
        ).ratio(),
    )
    if difflib.SequenceMatcher(None, haystack[best[0] : best[1]], needle, autojunk=False).ratio() < 0.6:
        return None
    return text[origin[best[0]] : origin[best[1] - 1] + 1].strip() or None
