"""Finding a verbatim quote in its source, tolerant of typographic variants. Pure."""

from __future__ import annotations

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
