"""The scenario file format: the entries a user writes in YAML, validated before anything is recorded."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from tracker.domain.dates import DateSpan, Day, Moment
from tracker.domain.models import Claim, Identifier, Model, Summit, Text, check_dated
from tracker.domain.vocabulary import SourceKind, Status


class SourceEntry(Model):
    """A source: its text comes from `file` (relative to the scenario) or inline `text`."""

    id: Identifier
    outlet: Text
    kind: SourceKind = SourceKind.REPORT
    title: Text | None = None
    published: DateSpan
    dated_by: Text | None = None
    file: Text | None = None
    text: Text | None = None
    sha256: str | None = Field(default=None, description="If given, the text must hash to it.")
    recorded_on: DateSpan | None = Field(
        default=None,
        description="Simulated day our store recorded it (for 'as recorded' specs); default: now.",
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _one_text(self) -> SourceEntry:
        check_dated(self.published, self.dated_by)
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of 'file' or 'text'")
        if self.recorded_on is not None and not self.recorded_on.exact:
            raise ValueError("'recorded_on' must be one day")
        return self


class CorrectionEntry(Model):
    """A later fix of an annotation mistake: retract a claim, or replace some of its fields."""

    id: Identifier
    claim: Identifier
    action: Literal["retract", "correct"]
    reason: Text
    replace: dict[str, Any] | None = Field(
        default=None, description="For 'correct': the claim fields to replace and their values."
    )
    recorded_on: DateSpan | None = None

    @model_validator(mode="after")
    def _replacement(self) -> CorrectionEntry:
        if (self.action == "correct") != bool(self.replace):
            raise ValueError("'replace' is required for, and only for, action 'correct'")
        if self.replace and {"id", "source"} & self.replace.keys():
            raise ValueError("a correction cannot change a claim's 'id' or 'source'")
        return self


class Expectation(Model):
    """What the state of one summit must be at one day (optionally as recorded at a time)."""

    at: Day
    summit: Identifier
    status: Status
    since: Day | None = None
    venue: Text | None = None
    held_on: DateSpan | None = None
    decided_by: list[Identifier] | None = None
    recorded_at: Moment | None = Field(
        default=None, description="Ask what the store said at this time (a day means its end)."
    )
    name: Text | None = Field(
        default=None,
        description="Short name; expectations sharing it form one test item (pytest id file::name).",
    )
    note: Text | None = Field(default=None, description="Why this is expected, for the reader.")


class ScenarioFile(Model):
    """A scenario: sources, summits, claims, corrections and expectations."""

    title: Text | None = None
    description: Text | None = None
    sources: list[SourceEntry] = Field(default_factory=list)
    summits: list[Summit] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    """A claim is written as the domain's `Claim`: one model, validated once."""
    corrections: list[CorrectionEntry] = Field(default_factory=list)
    expect: list[Expectation] = Field(default_factory=list)
