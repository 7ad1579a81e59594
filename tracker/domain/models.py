"""The recorded things: sources, summits and claims (pure pydantic models, no I/O)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.text import Text as Text  # the one free-text type (dates use it too)
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, SourceKind

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
Identifier = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=120),
    Field(description="Lower-case letters, digits, '-', '_' and '.', e.g. putin-trump-beijing-2025."),
]
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Model(BaseModel):
    """Frozen and strict about unknown fields: a typo in a key is an error, not a default."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


def check_dated(published: DateSpan, dated_by: str | None) -> None:
    if not published.exact and not dated_by:
        raise ValueError("a source dated only by a range needs 'dated_by' giving the reason")


class Source(Model):
    """One document of the corpus, with when it became public and how that was established."""

    id: Identifier
    outlet: Text = Field(description="Who published it: 'MENAFN', 'Global24'.")
    kind: SourceKind = SourceKind.REPORT
    title: Text | None = None
    published: DateSpan = Field(
        description="Publication day, exact (2025-07-22) or bounded (2025-10-22/2025-11-21)."
    )
    dated_by: Text | None = Field(
        default=None, description="How the publication date was established; required for a range."
    )
    file: Text | None = Field(default=None, description="The text's file, relative to the scenario.")
    sha256: str = Field(description="SHA-256 of the source text's bytes.")
    note: Text | None = None

    @model_validator(mode="after")
    def _dated(self) -> Source:
        check_dated(self.published, self.dated_by)
        if not SHA256.match(self.sha256):
            raise ValueError("sha256 must be 64 lower-case hex digits")
        return self


class Summit(Model):
    """A prospective or past meeting. Venue and window may be unknown at first."""

    id: Identifier
    title: Text
    participants: tuple[Text, ...] = Field(min_length=2, description="Full names as in the texts.")
    venue: Text | None = Field(default=None, description="Known in advance, or null.")
    occasion: Text | None = None
    window: TimeWindow | None = Field(default=None, description="When it is expected to happen.")
    aliases: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _distinct_participants(self) -> Summit:
        if len(set(self.participants)) != len(self.participants):
            raise ValueError("participants must be distinct")
        return self


class Attribution(Model):
    """Whose word a claim is: an official on the record, anonymous sources, or the outlet itself."""

    kind: AttributionKind
    speaker: Text | None = Field(default=None, description="'Dmitry Peskov', 'the Kremlin'.")
    role: Text | None = Field(default=None, description="'Kremlin spokesman'.")
    via: Text | None = Field(
        default=None, description="The outlet that relayed it, when not the source itself."
    )

    @model_validator(mode="after")
    def _speaker_matches_kind(self) -> Attribution:
        if self.kind is AttributionKind.OFFICIAL and not self.speaker:
            raise ValueError(
                "an official attribution needs a 'speaker' (who spoke: 'Dmitry Peskov', "
                "'the Kremlin'); officials who are not named are kind 'anonymous'"
            )
        if self.kind is not AttributionKind.OFFICIAL and self.speaker:
            article = "an" if self.kind.value[0] in "aeiou" else "a"
            raise ValueError(
                f"{article} {self.kind.value} attribution names no 'speaker' (only kind "
                "'official' does): say who they are in 'role' (e.g. 'diplomats') and the "
                "outlet that relayed it in 'via'"
            )
        return self

    def describe(self, outlet: str) -> str:
        if self.kind is AttributionKind.OFFICIAL:
            return f"{self.speaker} ({self.role})" if self.role else str(self.speaker)
        if self.kind is AttributionKind.ANONYMOUS:
            return f"anonymous sources via {self.via or outlet}"
        return self.via or outlet


class Claim(Model):
    """One attributed statement, from one source, about one or more summits."""

    id: Identifier
    source: Identifier
    kind: ClaimKind
    summits: tuple[Identifier, ...] = Field(min_length=1)
    attribution: Attribution
    modality: Modality = Modality.PLAIN
    condition: Text | None = Field(default=None, description="Required for a conditional claim.")
    stated_on: DateSpan | None = Field(
        default=None, description="When the statement was made, when the text says so."
    )
    quote: Text = Field(description="A short verbatim quote; stored as the exact span found.")
    held_on: DateSpan | None = Field(default=None, description="For meeting_held: when.")
    venue: Text | None = Field(default=None, description="A venue this claim discloses.")
    window: TimeWindow | None = Field(default=None, description="A date or window it discloses.")
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if len(set(self.summits)) != len(self.summits):
            raise ValueError("summits must be distinct")
        if (self.modality is Modality.CONDITIONAL) != (self.condition is not None):
            raise ValueError("'condition' is required for, and only for, a conditional claim")
        if (self.kind is ClaimKind.MEETING_HELD) != (self.held_on is not None):
            raise ValueError("'held_on' is required for, and only for, a meeting_held claim")
        if self.modality is Modality.CONDITIONAL and self.kind in (
            ClaimKind.MEETING_HELD,
            ClaimKind.MEETING_CANCELLED,
        ):
            raise ValueError(f"a {self.kind.value} claim cannot be conditional")
        return self


class PublishedClaim(Model):
    """A claim with its source's publication date: what the projection works on."""

    claim: Claim
    published: DateSpan

    @property
    def visible_from(self) -> dt.date:
        """A claim takes part in "state at D" from its source's latest possible publication day."""
        return self.published.latest


class Correction(Model):
    """A fix of an annotation mistake, recorded as a new event: `corrected` None retracts."""

    id: Identifier
    claim_id: Identifier
    reason: Text
    corrected: Claim | None = None
