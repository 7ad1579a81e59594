"""The recorded things: sources, summits and claims (pure pydantic models, no I/O)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.text import Text as Text  # the one free-text type (dates use it too)
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, SourceKind

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
ID_TEXT = (
    "lower-case letters, digits, '-', '_' and '.', starting with a letter or digit, at most 120 "
    "characters, e.g. putin-trump-beijing-2025"
)
Identifier = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=120),
    Field(description=f"An id: {ID_TEXT}."),
]
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Model(BaseModel):
    """Frozen and strict about unknown fields: a typo in a key is an error, not a default."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False, defer_build=True)


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

    id: Identifier = Field(
        description="Required. The summit's id, by which claims and expectations name it; unique "
        "in the scenario."
    )
    title: Text = Field(description="Required. A short title, e.g. 'Putin-Trump meeting in Beijing'.")
    participants: tuple[Text, ...] = Field(
        min_length=2,
        description="Required. Who would meet: at least two distinct people, full names as in the "
        "texts, e.g. [Vladimir Putin, Donald Trump].",
    )
    venue: Text | None = Field(
        default=None,
        description="Optional. Where it is to be held, when known in advance, e.g. 'Beijing'. A claim "
        "may disclose a venue later: the strongest visible claim that discloses one wins (R9).",
    )
    occasion: Text | None = Field(
        default=None,
        description="Optional. The event it would take place at, e.g. 'the SCO summit in Tianjin'.",
    )
    window: TimeWindow | None = Field(
        default=None,
        description="Optional. When it is expected to take place (see Window); none: not known. A "
        "summit still rumored, proposed, conditional or confirmed when its window has ended lapses "
        "(R8). A claim may disclose a window later, as for the venue.",
    )
    aliases: tuple[Text, ...] = Field(
        default=(),
        description="Optional. Other names the summit goes by in the texts; default none.",
    )
    parties: tuple[Text, ...] = Field(
        default=(),
        description="Optional. The side each participant leads, in the order of `participants`, "
        "e.g. [Russia, United States]; default: each participant is a side of their own. Claims "
        "name a side in `speaks_for`; the parties' own word weighs most (R2, R15).",
    )
    host: Text | None = Field(
        default=None,
        description="Optional. Who would host the meeting without being a party to it, e.g. "
        "'Hungary'; a claim that `speaks_for` the host weighs below the parties' (R2).",
    )

    @model_validator(mode="after")
    def _distinct_participants(self) -> Summit:
        if len(set(self.participants)) != len(self.participants):
            raise ValueError("participants must be distinct")
        if self.parties and len(self.parties) != len(self.participants):
            raise ValueError(
                f"'parties' names the side of each participant, in order: {len(self.participants)} "
                f"expected, {len(self.parties)} given"
            )
        if len(set(self.parties)) != len(self.parties):
            raise ValueError("parties must be distinct: two participants of one side are one party")
        if self.host is not None and self.host in {*self.parties, *self.participants}:
            raise ValueError("the 'host' is a party to the meeting: leave 'host' out")
        return self

    def side_for(self, speaks_for: str | None, speaker: str | None) -> str | None:
        """The party a word by `speaker` that `speaks_for` someone speaks for, or None (the host,
        a third party, not stated: see `standing` in the belief rules). A participant speaks for
        their own side whatever `speaks_for` says: Trump, for the United States, is a party to a
        Trump-Putin meeting and a third party to Russia-Ukraine talks."""
        return self.side_of(speaks_for) or self.side_of(speaker)

    def side_of(self, name: str | None) -> str | None:
        """The party (its name in `parties`, else its participant) that `name` is or leads."""
        return None if name is None else self.sides.get(name)

    @functools.cached_property
    def sides(self) -> dict[str, str]:
        """The party of each participant and of each party by name (the first pair naming it):
        looked up for every claim weighed, made once per summit."""
        found: dict[str, str] = {}
        for participant, side in zip(self.participants, self.parties or self.participants, strict=True):
            found.setdefault(participant, side)
            found.setdefault(side, side)
        return found


class Attribution(Model):
    """Whose word a claim is: an official on the record, anonymous sources, or the outlet itself."""

    kind: AttributionKind = Field(
        description="Required. Whose word it is: `official`, a named official or participant on "
        "the record (needs `speaker`); `background`, an official of a known side speaking on "
        "background, not named ('a White House official'; give the side in `speaks_for`); "
        "`anonymous`, unnamed sources quoted by an outlet; `outlet`, the outlet's own reporting "
        "or speculation. Officials on the record weigh most (the parties', then the host's, then "
        "third parties'), then background officials, anonymous sources, the outlet (R2)."
    )
    speaker: Text | None = Field(
        default=None,
        description="Who spoke, e.g. 'Dmitry Peskov', 'the Kremlin'. Required for kind `official`, "
        "and only for it.",
    )
    role: Text | None = Field(
        default=None,
        description="Optional. The speaker's role, e.g. 'Kremlin spokesman'; for anonymous sources, "
        "who they are, e.g. 'diplomats'.",
    )
    via: Text | None = Field(
        default=None,
        description="Optional. The outlet that relayed the words, when not the source's own, e.g. "
        "'Reuters'; default: the source's outlet.",
    )
    speaks_for: Text | None = Field(
        default=None,
        description="Optional. Whom the speaker speaks for: a party of the summit (a name in its "
        "`parties`, or a participant: 'Vladimir Putin' for the Kremlin's spokesman), its `host`, "
        "or anyone else, a third party (e.g. 'Hungary', 'the European Union'). Judged for each "
        "summit the claim is about. A speaker who is a participant always speaks for their own "
        "side; otherwise, without `speaks_for`, the side is not stated and the word counts as a "
        "party's, as before sides existed (R2). Not for kind `outlet`.",
    )

    @model_validator(mode="after")
    def _speaker_matches_kind(self) -> Attribution:
        if self.kind is AttributionKind.OUTLET and self.speaks_for:
            raise ValueError("an outlet's own words speak for no side: leave out 'speaks_for'")
        if self.kind is AttributionKind.OFFICIAL and not self.speaker:
            raise ValueError(
                "an official attribution needs a 'speaker' (who spoke: 'Dmitry Peskov', "
                "'the Kremlin'); officials who are not named are kind 'anonymous'"
            )
        if self.kind is not AttributionKind.OFFICIAL and self.speaker:
            article = "an" if self.kind.value[0] in "aeiou" else "a"
            raise ValueError(
                f"{article} {self.kind.value} attribution names no 'speaker' (only kind "
                "'official' does): say who they are in 'role' (e.g. 'diplomats', 'a White House "
                "official') and the outlet that relayed it in 'via'"
            )
        return self

    def side(self, summit: Summit) -> str | None:
        """The party of `summit` this word speaks for (`Summit.side_for`)."""
        return summit.side_for(self.speaks_for, self.speaker)

    def describe(self, outlet: str) -> str:
        return describe(self.kind, self.speaker, self.role, self.via, outlet)


def describe(kind: str, speaker: str | None, role: str | None, via: str | None, outlet: str) -> str:
    """Whose word a claim is, in words ("Dmitry Peskov (Kremlin spokesman)", "anonymous
    sources via Reuters"): of an attribution's fields, as validated or as stored."""
    if kind == AttributionKind.OFFICIAL:
        return f"{speaker} ({role})" if role else str(speaker)
    if kind == AttributionKind.BACKGROUND:
        return f"{role or 'an official'} on background via {via or outlet}"
    if kind == AttributionKind.ANONYMOUS:
        return f"anonymous sources via {via or outlet}"
    return via or outlet


class Claim(Model):
    """One attributed statement, from one source, about one or more summits."""

    id: Identifier = Field(
        description="Required. The claim's id: it names this one claim of one source in the whole "
        "store, and corrections and expectations name the claim by it."
    )
    source: Identifier = Field(
        description="Required. The id of the source that makes the claim, a source of this scenario."
    )
    kind: ClaimKind = Field(
        description="Required. What the claim says of the summits: `meeting_rumored`, speculation "
        "or unverified reports; `meeting_possible`, a party says a meeting is possible or cannot be "
        "ruled out; `meeting_proposed`, a meeting is proposed, sought, invited or agreed only as an "
        "intention; `meeting_confirmed`, agreed or scheduled; `meeting_denied`, not planned or not "
        "happening (for a `period` only, if it gives one); `meeting_cancelled`, a planned meeting "
        "called off; `meeting_postponed`, put off with no new date ('postponed', 'not removed from "
        "the agenda'); `meeting_held`, it took place (needs `held_on`)."
    )
    summits: tuple[Identifier, ...] = Field(
        min_length=1,
        description="Required. The ids of the summits the claim is about: at least one, each once, "
        "each a summit of this scenario.",
    )
    attribution: Attribution = Field(description="Required. Whose word the claim is (see Attribution).")
    modality: Modality = Field(
        default=Modality.PLAIN,
        description="Optional, default `plain`. How firmly it is stated: `plain`; `hedged`, softened "
        "('no concrete plan, but anything is possible'), it loses ties to a plain claim; "
        "`conditional`, it holds only if `condition` is met, and gives status `conditional`; "
        "`no_comment`, a non-answer, which never decides.",
    )
    condition: Text | None = Field(
        default=None,
        description="The condition a conditional claim depends on, e.g. 'Trump attends the "
        "commemorations'. Required for modality `conditional`, and only for it.",
    )
    stated_on: DateSpan | None = Field(
        default=None,
        description="Optional. When the statement was made, when the text says so: a date or a date "
        "range, not after the source's publication. A claim counts from its source's publication "
        "whatever this says (R1).",
    )
    quote: Text = Field(
        description="Required. A short verbatim quote from the source's text, which must contain it; "
        "typographic quotes, dashes and runs of spaces may differ. Recorded as the exact passage found."
    )
    held_on: DateSpan | None = Field(
        default=None,
        description="When the meeting took place: a date or a date range, not after the source's "
        "publication. Required for kind `meeting_held`, and only for it.",
    )
    venue: Text | None = Field(
        default=None,
        description="Optional. A venue this claim discloses, e.g. 'Anchorage, Alaska' (R9).",
    )
    window: TimeWindow | None = Field(
        default=None,
        description="Optional. A date or window this claim discloses for the meeting (see Window, R9).",
    )
    period: TimeWindow | None = Field(
        default=None,
        description="Optional, only for `meeting_denied`: the period the denial is about, with an "
        "end ('no meeting in the immediate future', 'not in September': `{end: 2025-09-30}`). "
        "After its end the denial no longer decides (R12). Default: the meeting itself is denied.",
    )
    note: Text | None = Field(
        default=None, description="Optional. A remark for the reader; the rules do not use it."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Claim:
        if self.period is not None and self.kind is not ClaimKind.MEETING_DENIED:
            raise ValueError("'period' is only for a meeting_denied claim: the period it denies")
        if self.period is not None and self.period.end is None:
            raise ValueError("a denied 'period' needs an 'end': after it, the denial no longer decides")
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

    @property
    def moment(self) -> dt.datetime | None:
        """When, within its day, it was said (UTC), if known: its `stated_on` time, else its
        source's `published` time; None when neither has one (R6, R13)."""
        stated = self.claim.stated_on
        return (stated.instant if stated is not None else None) or self.published.instant


class Correction(Model):
    """A fix of an annotation mistake, recorded as a new event: `corrected` None retracts."""

    id: Identifier
    claim_id: Identifier
    reason: Text
    corrected: Claim | None = None
