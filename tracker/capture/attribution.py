"""Whose word a statement is: the one decision, in `decide`, from what the text says of who
speaks (`Voice`) to an attribution of the belief model.

The model's attribution fields are read from `tracker.domain.models.Attribution` when the
fragment is written (`as_fields`), so that only fields the model has are drafted. Whom the
speaker speaks for is a `Hint` here (a country or a leader, as the text gives it); it becomes
`speaks_for` once the summit is known (`sides.speaks_for`, in `assistant.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.capture.people import Person
from tracker.capture.sides import Hint
from tracker.domain.models import Attribution
from tracker.domain.vocabulary import AttributionKind


@dataclass(frozen=True)
class Voice:
    """What a sentence says of who speaks; `matched` is the words that said it."""

    person: Person | None = None
    institution: str | None = None
    background: str | None = None
    """An unnamed official of a known side: "a senior Kremlin official"."""
    sources: str | None = None
    """Unnamed sources: "sources", "people familiar with the talks"."""
    media: str | None = None
    """The outlet that relays the words, when not the source's own."""
    hint: Hint = field(default_factory=Hint)
    """Whom the speaker speaks for, as the text says it (a title, a body, "a spokesman for")."""
    matched: str = ""


@dataclass(frozen=True)
class Guess:
    """An attribution as drafted, before the model's fields are applied."""

    kind: str
    speaker: str | None = None
    role: str | None = None
    via: str | None = None
    speaks_for: str | None = None
    """Set once the summits are known (`sides.speaks_for`), from `hint`."""
    reason: str = ""
    hint: Hint = field(default_factory=Hint)


def decide(voice: Voice) -> Guess:
    """A named person or body speaks on the record (official); an unnamed official of a side on
    background; unnamed sources are anonymous; an outlet relaying or its own reporting, outlet."""
    if voice.person is not None:
        return Guess(
            "official",
            voice.person.name,
            voice.person.role,
            voice.media,
            None,
            f"a named person: {voice.matched}",
            voice.hint,
        )
    if voice.institution is not None:
        speaker = (
            voice.institution[0].lower() + voice.institution[1:]
            if voice.institution.startswith("The ")
            else voice.institution
        )
        return Guess(
            "official", speaker, None, voice.media, None, f"a body on the record: {voice.matched}", voice.hint
        )
    if voice.background is not None:
        return Guess(
            "background",
            None,
            voice.background[0].lower() + voice.background[1:],
            voice.media,
            None,
            f"an unnamed official of a known side, on background: {voice.matched}"
            if voice.hint.nation or voice.hint.leader
            else f"an unnamed official, on background: {voice.matched}",
            voice.hint,
        )
    if voice.sources is not None:
        return Guess("anonymous", None, voice.sources, voice.media, None, f"unnamed sources: {voice.matched}")
    if voice.media is not None:
        return Guess("outlet", None, None, voice.media, None, f"another outlet's report: {voice.matched}")
    return Guess("outlet", reason="no speaker found: the outlet's own words")


def as_fields(guess: Guess) -> dict[str, Any]:
    """The guess as the fields of the model's `Attribution`, only those it has: a kind it does
    not know falls back to the nearest it does (background to anonymous)."""
    kinds = {kind.value for kind in AttributionKind}
    kind = guess.kind if guess.kind in kinds else "anonymous"
    values: dict[str, Any] = {
        "kind": kind,
        "speaker": guess.speaker if kind == "official" else None,
        "role": guess.role,
        "via": guess.via,
        "speaks_for": guess.speaks_for if kind != "outlet" else None,
    }
    return {name: value for name, value in values.items() if value and name in Attribution.model_fields}
