"""The lexicon compiled into one spaCy rule `Matcher`, and the cues it finds in a text."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.capture import lexicon
from tracker.capture.pipeline import nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.tokens import Doc

POSITIVE_KINDS = frozenset({"meeting_confirmed", "meeting_proposed", "meeting_possible", "meeting_rumored"})


@dataclass(frozen=True)
class Cue:
    """A lexicon entry matched in the text: tokens [first, last), characters [start, end)."""

    entry: lexicon.Entry
    first: int
    last: int
    start: int
    end: int
    words: str

    @property
    def field(self) -> str:
        return self.entry.field

    @property
    def value(self) -> str:
        return self.entry.value

    @property
    def weight(self) -> float:
        return self.entry.weight


def token_pattern(phrase: str) -> list[dict[str, Any]]:
    """A phrase of the lexicon's notation as a spaCy Matcher pattern."""
    pattern: list[dict[str, Any]] = []
    for word in phrase.split():
        if word.startswith("~"):
            pattern += [{"OP": "?"}] * int(word[1:])
            continue
        optional = word.endswith("?") and len(word) > 1
        word = word.removesuffix("?") if optional else word
        choices = word.split("|")
        spec: dict[str, Any] = {"LOWER": choices[0]} if len(choices) == 1 else {"LOWER": {"IN": choices}}
        if optional:
            spec["OP"] = "?"
        pattern.append(spec)
    return pattern


def matcher() -> tuple[Matcher, dict[str, lexicon.Entry]]:
    """One Matcher for the whole lexicon, each entry under a key of its own, built once for
    the pipeline's vocabulary (a pipeline built again gets a Matcher of its own)."""
    return _matcher(nlp())


@functools.lru_cache(maxsize=2)
def _matcher(language: Language) -> tuple[Matcher, dict[str, lexicon.Entry]]:
    from spacy.matcher import Matcher

    built = Matcher(language.vocab)
    keys: dict[str, lexicon.Entry] = {}
    for index, entry in enumerate(lexicon.ALL):
        key = f"{entry.field}:{index}"
        keys[key] = entry
        built.add(key, [token_pattern(entry.phrase)], greedy="LONGEST")
    return built, keys


def find(doc: Doc) -> list[Cue]:
    """Every cue of the text, overlapping ones of the same field kept only at their longest;
    a kind or modality inside a longer kind or modality cue is dropped ("ruled out" inside
    "cannot be ruled out"); positive kinds after a negation are dropped ("no date was agreed")."""
    built, keys = matcher()
    found = []
    for key, first, last in built(doc):
        entry = keys[doc.vocab.strings[key]]
        span = doc[first:last]
        found.append(Cue(entry, first, last, span.start_char, span.end_char, span.text))
    found.sort(key=lambda c: (c.first, -(c.last - c.first)))
    kept: list[Cue] = []
    for cue in found:
        rivals = ("kind", "modality") if cue.field in ("kind", "modality") else (cue.field,)
        if any(
            other.field in rivals
            and other.first <= cue.first
            and cue.last <= other.last
            and (other.last - other.first) > (cue.last - cue.first)
            for other in found
        ):
            continue
        if any(k.field == cue.field and k.first == cue.first and k.last == cue.last for k in kept):
            continue
        if cue.field == "kind" and cue.value in POSITIVE_KINDS and _negated(doc, cue):
            continue
        if cue.field == "modality" and cue.words.lower() == "if" and _concessive(doc, cue):
            continue
        kept.append(cue)
    return kept


def _negated(doc: Doc, cue: Cue) -> bool:
    for index in range(cue.first - 1, max(cue.first - lexicon.NEGATION_REACH, 0) - 1, -1):
        token = doc[index]
        if token.is_punct or "\n" in token.text:
            return False  # a negation does not reach across a comma
        if token.lower_ in lexicon.NEGATORS:
            return True
    return False


def _concessive(doc: Doc, cue: Cue) -> bool:
    return cue.first > 0 and doc[cue.first - 1].lower_ in lexicon.CONCESSIVE
