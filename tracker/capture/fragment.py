"""The fragment as YAML: the scenario writer's entries, with comments for the reviewer beside
each candidate (why it was proposed, how sure the assistant is) and each summit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.domain.models import Claim, Source, Summit
from tracker.domain.text import escaped
from tracker.scenario.writer import claim_entry, source_entry, summit_entry


@dataclass(frozen=True)
class Drafted:
    """A candidate claim as the model holds it, and the comment lines that explain it."""

    claim: Claim
    comments: tuple[str, ...]
    span: tuple[int, int] = (0, 0)
    """Where its quote is in the text."""


@dataclass(frozen=True)
class DraftedSummit:
    summit: Summit
    recorded: bool
    """One of the store's summits, copied so that the fragment validates alone."""


def _comment(line: str) -> str:
    return "# " + escaped(line).replace("\n", " ")


def fragment(
    header: Sequence[str],
    source: Source,
    source_notes: Sequence[str],
    summits: Sequence[DraftedSummit],
    claims: Sequence[Drafted],
    empty_note: str | None = None,
) -> str:
    """The fragment's text: a header comment, the source, the summits and the claims."""
    out = [_comment(line) + "\n" for line in header]
    out.append("sources:\n")
    out += [f"  {_comment(note)}\n" for note in source_notes]
    out.append(source_entry(source, None))
    new = [s for s in summits if not s.recorded]
    recorded = [s for s in summits if s.recorded]
    if summits:
        out.append("summits:\n")
        if new:
            out.append(
                "  # New summit stubs: check the participants, add venue, occasion and window if known.\n"
            )
        out += [summit_entry(s.summit) for s in new]
        if recorded:
            out.append(
                "  # Recorded in the store already, copied unchanged so that this fragment validates\n"
                "  # alone (recording the same definition again changes nothing).\n"
            )
        out += [summit_entry(s.summit) for s in recorded]
    if claims:
        out.append("claims:\n")
        for drafted in claims:
            out += [f"  {_comment(line)}\n" for line in drafted.comments]
            out.append(claim_entry(drafted.claim))
    elif empty_note:
        out.append(f"{_comment(empty_note)}\nclaims: []\n")
    return "".join(out)
