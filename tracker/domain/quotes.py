"""Finding a verbatim quote in its source, tolerant of typographic variants. Pure."""

from __future__ import annotations

import bisect
import difflib
import functools
import re
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


_VARIANT = re.compile(r"\s{2,}|[^\S ]|[" + re.escape("".join(_EQUIVALENTS)) + "]")
"""What folding changes: two or more whitespace characters in a row, a lone whitespace character
other than a space, a typographic variant (`\\s` matches what `str.isspace` accepts)."""


@dataclass(frozen=True)
class _Folded:
    """A text folded as `_fold` folds it, with the offsets of the original kept only where
    folding changed something: between two changes, offsets move together."""

    text: str
    starts: list[int]
    """Where each change's replacement starts in the folded text, in order."""
    changes: list[tuple[int, int, int]]
    """For each change: its replacement's length, and where the characters it replaced start
    and end in the original."""

    def origin(self, at: int) -> int:
        """The offset in the original of the character the folded one at `at` came from."""
        index = bisect.bisect_right(self.starts, at) - 1
        if index < 0:
            return at
        size, start, end = self.changes[index]
        inside = at - self.starts[index]
        return start if inside < size else end + inside - size


def _fold_by_stretches(text: str) -> _Folded:
    """`_fold(text)`, copying each unchanged stretch at once rather than a character at a time."""
    parts: list[str] = []
    starts: list[int] = []
    changes: list[tuple[int, int, int]] = []
    length = done = 0
    for found in _VARIANT.finditer(text):
        start, end = found.span()
        parts.append(text[done:start])
        length += start - done
        replacement = " " if text[start].isspace() else _EQUIVALENTS[text[start]]
        parts.append(replacement)
        starts.append(length)
        changes.append((len(replacement), start, end))
        length += len(replacement)
        done = end
    parts.append(text[done:])
    return _Folded("".join(parts), starts, changes)


_fold_source = functools.lru_cache(maxsize=64)(_fold_by_stretches)
"""A source's text is folded once for all its quotes."""


def find_quote(text: str, quote: str) -> Span | None:
    """The first span of `text` that reads as `quote` once typography is folded, or None."""
    quote = quote.strip()
    needle = quote if _VARIANT.search(quote) is None else _fold_by_stretches(quote).text
    if not needle:
        return None
    haystack = _fold_source(text)
    at = haystack.text.find(needle)
    if at < 0:
        return None
    start = haystack.origin(at)
    end = haystack.origin(at + len(needle) - 1) + 1
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
