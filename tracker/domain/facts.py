"""A claim as the belief rules see it: a plain tuple of the values they weigh.

The rules (`tracker.domain.belief`) fold `Fact`s, never pydantic models: validation belongs to
the boundaries (loading a scenario, recording, reading events), and a fold over a million
claims should not pay for it again. A `Fact` is made from a validated claim (`Fact.of`), or
by a store straight from the columns it keeps (`tracker.store.readmodel`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import PublishedClaim, Summit
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality


class Fact(NamedTuple):
    """What the rules weigh of a claim about one or more summits (R1-R15)."""

    id: str
    kind: ClaimKind
    modality: Modality
    attribution: AttributionKind
    """Whose word it is: an official on the record, on background, anonymous sources, the outlet."""
    speaker: str | None
    speaks_for: str | None
    visible_from: dt.date
    """The day it takes part from (R1): its source's latest possible publication day."""
    moment: dt.datetime | None
    """When, within its day, it was said (UTC), if known (R6, R13)."""
    held_on: DateSpan | None
    venue: str | None
    window: TimeWindow | None
    period: TimeWindow | None
    summits: tuple[str, ...]

    @classmethod
    def of(cls, item: PublishedClaim) -> Fact:
        """The fact of a validated claim with its publication."""
        claim, attribution = item.claim, item.claim.attribution
        return cls(
            claim.id,
            claim.kind,
            claim.modality,
            attribution.kind,
            attribution.speaker,
            attribution.speaks_for,
            item.visible_from,
            item.moment,
            claim.held_on,
            claim.venue,
            claim.window,
            claim.period,
            claim.summits,
        )

    def side(self, summit: Summit) -> str | None:
        """The party of `summit` this word speaks for (`Summit.side_for`)."""
        return summit.side_for(self.speaks_for, self.speaker)


def facts(claims: Iterable[PublishedClaim]) -> list[Fact]:
    """The facts of validated claims, in their order."""
    return [Fact.of(item) for item in claims]
