"""The scenario file format: the entries a user writes in YAML, validated before anything is recorded."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from tracker.domain.dates import DateSpan, Day, Moment
from tracker.domain.models import Claim, Identifier, Model, Summit, Text, check_dated
from tracker.domain.vocabulary import SourceKind, Status


class SourceEntry(Model):
    """A source: its text comes from `file` (relative to the scenario) or inline `text`."""

    id: Identifier = Field(
        description="Required. The source's id, by which claims name it; unique in the scenario."
    )
    outlet: Text = Field(
        description="Required. Who published it, e.g. 'MENAFN', 'Global24'; claims of anonymous "
        "sources or of the outlet itself are attributed to it unless they name another (`via`)."
    )
    kind: SourceKind = Field(
        default=SourceKind.REPORT,
        description="Optional, default `report`. What kind of document it is; the rules do not use it.",
    )
    title: Text | None = Field(default=None, description="Optional. The document's headline.")
    published: DateSpan = Field(
        description="Required. When it became public: a date, or a date range when only bounds are "
        "known (then `dated_by` is required, and its claims count from the range's last day, R1)."
    )
    dated_by: Text | None = Field(
        default=None,
        description="How the publication date was established, e.g. 'Header “date 2025-07-22”'. "
        "Required when `published` is a range; optional otherwise.",
    )
    file: Text | None = Field(
        default=None,
        description="The file holding the source's text (UTF-8, by default at most 2 MiB), relative to the "
        "scenario and inside its project (see Limits and safety). Give exactly one of `file` or `text`.",
    )
    text: Text | None = Field(
        default=None,
        description="The source's text, written in the scenario. Give exactly one of `file` or `text`.",
    )
    sha256: str | None = Field(
        default=None,
        description="Optional: the SHA-256 of the file's bytes (or of the UTF-8 of `text`), 64 "
        "lower-case hex digits; if given, the source must hash to it, so that a changed file is "
        "noticed. Default: the hash of the text read.",
    )
    recorded_on: Day | None = Field(
        default=None,
        description="Optional. A simulated day on which the store recorded the source, not before its "
        "publication, for specs of what the store said at a time (`recorded_at`); default: recorded "
        "when replayed.",
    )
    note: Text | None = Field(
        default=None, description="Optional. A remark for the reader; the rules do not use it."
    )

    @model_validator(mode="after")
    def _one_text(self) -> SourceEntry:
        check_dated(self.published, self.dated_by)
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of 'file' or 'text'")
        return self


class ClaimEntry(Claim):
    """One attributed statement, from one source, about one or more summits."""

    recorded_on: Day | None = Field(
        default=None,
        description="Optional. A simulated day on which the store recorded the claim, not before its "
        "source's publication nor its source's `recorded_on`, for specs of what the store said at a "
        "time (`recorded_at`): a claim added later to a source already recorded counts, as recorded, "
        "only from then. Not part of the claim (recording it again on another day changes nothing); "
        "default: its source's `recorded_on`, else recorded when replayed.",
    )


CLAIM_RECORDING = ("recorded_on",)
"""The fields of a claim entry that say when it was recorded, not what it says: the loader takes
them out before validating the rest as the domain's `Claim`, and a correction cannot replace them."""

UNREPLACEABLE = ("id", "source")
"""The fields of a claim that a correction cannot replace."""


class CorrectionEntry(Model):
    """A later fix of an annotation mistake: retract a claim, or replace some of its fields."""

    id: Identifier = Field(
        description="Required. The correction's id: it names this one correction in the whole store."
    )
    claim: Identifier = Field(description="Required. The id of the claim it fixes, a claim of this scenario.")
    action: Literal["retract", "correct"] = Field(
        description="Required. `retract`: the claim was a mistake and takes no part any more (final: "
        "a retracted claim is never corrected back); `correct`: replace some of its fields (`replace`)."
    )
    reason: Text = Field(description="Required. Why, for the record, e.g. 'misread the text'.")
    replace: dict[str, Any] | None = Field(
        default=None,
        description="The claim's fields to replace, with their new values (see Replacement). Required "
        "for action `correct`, and only for it.",
    )
    recorded_on: Day | None = Field(
        default=None,
        description="Optional. A simulated day on which the store recorded the correction, not before "
        "the claim it fixes, for specs of what the store said at a time; default: recorded when "
        "replayed.",
    )

    @model_validator(mode="after")
    def _replacement(self) -> CorrectionEntry:
        if (self.action == "correct") != bool(self.replace):
            raise ValueError("'replace' is required for, and only for, action 'correct'")
        if self.replace and set(UNREPLACEABLE) & self.replace.keys():
            raise ValueError("a correction cannot change a claim's 'id' or 'source'")
        return self


class Expectation(Model):
    """What the state of one summit must be at one day (optionally as recorded at a time)."""

    at: Moment = Field(
        description="Required. When the state is checked: a day (its end, e.g. 2025-10-21), or a time "
        "with its UTC offset (e.g. 2025-10-21T12:00-04:00; without one, UTC), which sees only the "
        "sources published by then (R1)."
    )
    summit: Identifier = Field(
        description="Required. The id of the summit whose state is checked, a summit of this scenario."
    )
    status: Status = Field(description="Required. The status the summit must have that day.")
    since: Day | None = Field(
        default=None,
        description="Optional. The first day of the status's current run (R11); not checked when left out.",
    )
    venue: Text | None = Field(
        default=None,
        description="Optional. The venue known that day; null: none known yet. Not checked when left out.",
    )
    held_on: DateSpan | None = Field(
        default=None,
        description="Optional. When the meeting was held, a date or a date range (for status `held`); "
        "not checked when left out.",
    )
    decided_by: list[Identifier] | None = Field(
        default=None,
        description="Optional. The ids of every claim that decides the status that day, in any order; "
        "not checked when left out.",
    )
    contested_by: list[Identifier] | None = Field(
        default=None,
        description="Optional. The ids of the claims contesting the status that day (R13), in any "
        "order; `[]`: not contested. Not checked when left out.",
    )
    uncertain: list[Literal["venue", "window"]] | None = Field(
        default=None,
        description="Optional. Which of `venue` and `window` only speculation disclosed that day "
        "(R9), in any order; `[]`: none. Not checked when left out.",
    )
    recorded_at: Moment | None = Field(
        default=None,
        description="Optional. Check the state as the store knew it at this time: a date (meaning the "
        "end of that day, UTC) or an ISO 8601 date and time. Default: with everything the scenario "
        "records.",
    )
    name: Text | None = Field(
        default=None,
        description="Optional. A short name: the expectations sharing it form one test item, pytest "
        "id `file::name`; unnamed expectations are grouped by summit.",
    )
    note: Text | None = Field(
        default=None,
        description="Optional. Why this is expected, for the reader; a failed check prints it.",
    )


class ScenarioFile(Model):
    """A scenario: sources, summits, claims, corrections and expectations."""

    title: Text | None = Field(default=None, description="Optional. The scenario's title, for the reader.")
    description: Text | None = Field(
        default=None, description="Optional. What the scenario is about, for the reader."
    )
    sources: list[SourceEntry] = Field(
        default_factory=list,
        description="Optional. The documents the claims come from, in any order: they are replayed in "
        "publication order.",
    )
    summits: list[Summit] = Field(
        default_factory=list,
        description="Optional. The summits that the claims and expectations of this scenario name.",
    )
    claims: list[ClaimEntry] = Field(
        default_factory=list,
        description="Optional. What the sources say about the summits, one attributed statement each.",
    )
    """A claim is written as the domain's `Claim` and its recording day (`ClaimEntry`, for the
    schema); the loader takes the day out and validates the rest once, as a `Claim`."""
    corrections: list[CorrectionEntry] = Field(
        default_factory=list,
        description="Optional. Fixes of this scenario's claims, recorded as new events: a recorded "
        "claim is never edited.",
    )
    expect: list[Expectation] = Field(
        default_factory=list,
        description="Optional. The states the summits must be in on given days, checked by `tracker "
        "check` and by pytest.",
    )
