"""What the write side is asked to do, in the domain's terms: no file format, no positions.

A scenario file is one way to make a `RecordSources`; a program can make one directly
(README, "Recording from Python"). The store's application carries commands out, and a
refusal names ids (`tracker.domain.errors`), never lines of a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from tracker.domain.models import Claim, Correction, Source, Summit


def publication_order(source: Source) -> tuple[dt.date, dt.date, str]:
    """The order sources are replayed and listed in: by latest possible publication day, then
    earliest, then id (so that the order never depends on a file's)."""
    return source.published.latest, source.published.earliest, source.id


@dataclass(frozen=True)
class RecordSources:
    """Record these sources with their claims and corrections, and the summits they concern,
    as one transaction. What is recorded already, unchanged, is left as it is."""

    sources: tuple[Source, ...] = ()
    summits: tuple[Summit, ...] = ()
    claims: tuple[Claim, ...] = ()
    corrections: tuple[Correction, ...] = ()
    recorded_on: Mapping[str, dt.date] = field(default_factory=dict)
    """Simulated recording day of a source or correction id (for "as recorded" specs)."""
    recorded_by: str | None = None
    """Who records them (`TRACKER_ANALYST` from the command line)."""
    claim_recorded_on: Mapping[str, dt.date] = field(default_factory=dict)
    """Simulated recording day of a claim id, where it is not its source's: a claim added later
    to a source already recorded (for "as recorded" specs). Not part of the claim."""


@dataclass(frozen=True)
class Withdraw:
    """Withdraw a source or summit that holds events this tracker refuses to read."""

    kind: str  # "source" or "summit"
    ident: str
    reason: str
    withdrawn_by: str | None = None
