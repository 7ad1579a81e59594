"""The words of the domain, each defined once: statuses, claim kinds, modalities, attributions."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The believed state of a summit at a date."""

    UNKNOWN = "unknown"
    RUMORED = "rumored"
    PROPOSED = "proposed"
    CONDITIONAL = "conditional"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    HELD = "held"
    LAPSED = "lapsed"


class ClaimKind(StrEnum):
    """What a claim says about the summit(s) it concerns."""

    MEETING_RUMORED = "meeting_rumored"
    """Speculation or unverified reports that a meeting may take place."""
    MEETING_POSSIBLE = "meeting_possible"
    """A party says a meeting is possible or cannot be ruled out, without proposing it."""
    MEETING_PROPOSED = "meeting_proposed"
    """A meeting is proposed, sought, invited or agreed only as an intention."""
    MEETING_CONFIRMED = "meeting_confirmed"
    """A meeting is agreed or scheduled to take place."""
    MEETING_DENIED = "meeting_denied"
    """A meeting is said not to be planned or not to be happening."""
    MEETING_CANCELLED = "meeting_cancelled"
    """A planned meeting is called off."""
    MEETING_POSTPONED = "meeting_postponed"
    """Put off without a new date: "postponed", "not removed from the agenda", "no date yet"."""
    MEETING_HELD = "meeting_held"
    """The meeting took place (needs `held_on`)."""


class Modality(StrEnum):
    """How firmly a claim is stated."""

    PLAIN = "plain"
    HEDGED = "hedged"
    """Softened: "no concrete plan, but anything is possible", "in principle"."""
    CONDITIONAL = "conditional"
    """Holds only if a stated condition is met (needs `condition`)."""
    NO_COMMENT = "no_comment"
    """A non-answer: "declined to comment", "ask the White House"."""


class AttributionKind(StrEnum):
    """Whose word a claim is."""

    OFFICIAL = "official"
    """A named official or a participant, on the record."""
    BACKGROUND = "background"
    """An official speaking on background: not named, but an official of a known side
    ("a White House official", "a senior Kremlin official")."""
    ANONYMOUS = "anonymous"
    """Unnamed sources quoted by an outlet."""
    OUTLET = "outlet"
    """The outlet's own reporting, analysis or speculation."""


class SourceKind(StrEnum):
    """What kind of document a source is."""

    REPORT = "report"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    WIRE = "wire"
    TRANSCRIPT = "transcript"
