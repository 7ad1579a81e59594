"""spaCy, imported here and only here: the blank English pipeline with a sentencizer (no model
to download), and the sentences of a text with a quotation kept whole."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

INSTALL_HINT = "tracker draft needs spaCy: install the capture extra, pip install -e '.[capture]'"


class CaptureUnavailable(RuntimeError):
    """spaCy is not installed: the message says how to install it."""


@functools.cache
def nlp() -> Language:
    """spaCy's blank English pipeline with a rule-based sentencizer, built once."""
    try:
        import spacy
    except ImportError:
        raise CaptureUnavailable(INSTALL_HINT) from None
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def parse(text: str) -> Doc:
    return nlp()(text)


OPENING = "“"
CLOSING = "”"


@dataclass(frozen=True)
class Sentence:
    """A sentence: its character offsets in the text, and its tokens' indices in the Doc."""

    start: int
    end: int
    first: int
    last: int
    """The index after its last token."""
    paragraph: int


def sentences(doc: Doc) -> list[Sentence]:
    """The sentences of `doc`, with a sentence inside an open quotation, or one followed by a
    lower-case word ("for Trump to. visit"), joined to the next; never across a line break."""
    text = doc.text
    spans: list[Any] = [s for s in doc.sents if s.text.strip()]
    merged: list[list[Any]] = []
    for span in spans:
        if merged:
            previous = merged[-1]
            between = text[previous[-1].end_char : span.start_char]
            before = text[previous[0].start_char : previous[-1].end_char]
            opened = before.count(OPENING) > before.count(CLOSING)
            continued = before.rstrip().endswith((",”", ',"')) or span.text.lstrip()[:1].islower()
            if "\n" not in between and (opened or continued):
                previous.append(span)
                continue
        merged.append([span])
    found = [Sentence(g[0].start_char, g[-1].end_char, g[0].start, g[-1].end, 0) for g in merged]
    return _split_lines(doc, found)


def _split_lines(doc: Doc, found: list[Sentence]) -> list[Sentence]:
    """Sentences cut at line breaks (a headline or a caption has no full stop, but it ends at
    its line), each with the number of its line: a paragraph of these texts."""
    out: list[Sentence] = []
    for sentence in found:
        first = sentence.first
        for index in range(sentence.first, sentence.last):
            token = doc[index]
            if "\n" in token.text or "\n" in token.whitespace_:
                end_token = index if "\n" in token.text else index + 1
                if end_token > first:
                    out.append(_sentence(doc, first, end_token))
                first = index + 1
        if first < sentence.last:
            out.append(_sentence(doc, first, sentence.last))
    return [piece for s in out if s.end > s.start for piece in _split_quotes(doc, s)]


def _split_quotes(doc: Doc, sentence: Sentence) -> list[Sentence]:
    """A sentence cut before a quotation that opens a new sentence ("... in Moscow. “We ..."),
    which the sentencizer leaves joined."""
    out = []
    first = sentence.first
    for index in range(sentence.first + 1, sentence.last - 1):
        before, token, after = doc[index - 1], doc[index], doc[index + 1]
        text = doc.text[sentence.start : token.idx]
        inside = text.count(OPENING) > text.count(CLOSING)
        if (
            token.text == OPENING
            and before.text in (".", "!", "?")
            and after.text[:1].isupper()
            and not inside
        ):
            out.append(_sentence(doc, first, index))
            first = index
    out.append(_sentence(doc, first, sentence.last))
    return out


def _sentence(doc: Doc, first: int, last: int) -> Sentence:
    while first < last and doc[first].is_space:
        first += 1
    while last > first and doc[last - 1].is_space:
        last -= 1
    if last == first:
        return Sentence(0, 0, first, first, 0)
    start = doc[first].idx
    return Sentence(
        start, doc[last - 1].idx + len(doc[last - 1].text), first, last, doc.text.count("\n", 0, start)
    )
