"""The recorded events: a source with its claims and their corrections, and summit definitions.

One aggregate per source (id derived from the source id) is the unit of atomic, idempotent
recording; one aggregate per summit holds its definition. Events are pydantic models.
To change an event's fields, bump its `class_version` and add `upcast_vN_vN+1` (see README).
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import Any, ClassVar, NamedTuple

from eventsourcing.domain import BaseAggregate, CanInitAggregate, CanMutateAggregate
from eventsourcing.utils import get_topic
from pydantic import BaseModel, ConfigDict, field_validator

from tracker.domain.errors import Refused
from tracker.domain.models import Claim, Correction, Source, Summit

NAMESPACE = uuid.UUID("5d1c0f3e-6f0a-4a53-9d0e-3b7c2f1a9e41")


@functools.lru_cache(maxsize=1 << 16)
def source_aggregate_id(source_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"source:{source_id}")


@functools.lru_cache(maxsize=1 << 16)
def summit_aggregate_id(summit_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"summit:{summit_id}")


class DomainEvent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    class_version: ClassVar[int] = 1
    originator_id: uuid.UUID
    originator_version: int
    timestamp: dt.datetime


class Aggregate(BaseAggregate[uuid.UUID]):
    class Event(DomainEvent, CanMutateAggregate[uuid.UUID]):
        def apply(self, aggregate: Any) -> None:
            """Events change aggregates through their own `apply`."""

    class Created(Event, CanInitAggregate[uuid.UUID]):
        originator_topic: str

        @field_validator("originator_topic")
        @classmethod
        def _ours(cls, topic: str) -> str:
            """The library imports the class an event names: only the tracker's own are named."""
            if topic not in AGGREGATE_TOPICS:
                raise ValueError(f"{topic!r} is not an aggregate of the tracker")
            return topic

    class Withdrawn(Event):
        """Taken out of the store's answers for good, with the reason: the way out for a source
        or summit that an older tracker recorded with data this one refuses (README, "Limits and
        safety"). Its earlier events stay in the store; the read model leaves them out."""

        withdrawn_id: str
        reason: str
        withdrawn_by: str | None

        def apply(self, aggregate: Any) -> None:
            aggregate.withdrawn = True

    def _trigger_validated(self, event_class: type[Aggregate.Event], **fields: Any) -> None:
        """`trigger_event` for fields that are validated models and typed values already.

        The event is made without validating them a second time (pydantic's
        `model_construct`): recording a corpus makes a million such events.
        """
        event = event_class.model_construct(
            originator_id=self.id, originator_version=self.version + 1, **fields
        )
        event.mutate(self)
        self.pending_events.append(event)


def upcast_claim_v1_v2(claim: dict[str, Any]) -> None:
    """A claim stored at v1 says nothing of sides: its speaker's side is not stated. v1 claims
    stored before denials could have a `period` (rules v2) have none either."""
    claim["attribution"]["speaks_for"] = None
    claim.setdefault("period", None)


class SourceRecord(Aggregate):
    """A source and the claims it makes, as recorded, with corrections applied."""

    class Withdrawn(Aggregate.Withdrawn):
        """The source and all its claims are withdrawn; `withdrawn_id` is the source's id."""

    class Registered(Aggregate.Created):
        """The source was recorded; v2 adds `recorded_by`, who recorded it (None: not known)."""

        class_version: ClassVar[int] = 2
        source: Source
        recorded_by: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """v1 did not say who recorded the source: stores of v1 read as not known."""
            state["recorded_by"] = None

    class ClaimAdded(Aggregate.Event):
        """A claim of the source; v2 (rules v3) gives its attribution `speaks_for`."""

        class_version: ClassVar[int] = 2
        claim: Claim

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            upcast_claim_v1_v2(state["claim"])

        def apply(self, aggregate: Any) -> None:
            aggregate.original[self.claim.id] = self.claim
            aggregate.claims[self.claim.id] = self.claim
            aggregate.added_at[self.claim.id] = self.timestamp

    class ClaimCorrected(Aggregate.Event):
        """A claim in its corrected form; v2 (rules v3) gives its attribution `speaks_for`."""

        class_version: ClassVar[int] = 2
        correction_id: str
        claim: Claim
        reason: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            upcast_claim_v1_v2(state["claim"])

        def apply(self, aggregate: Any) -> None:
            aggregate.claims[self.claim.id] = self.claim
            aggregate.corrections[self.correction_id] = Fix(self.claim.id, self.claim, self.reason)

    class ClaimRetracted(Aggregate.Event):
        correction_id: str
        claim_id: str
        reason: str

        def apply(self, aggregate: Any) -> None:
            aggregate.claims.pop(self.claim_id, None)
            aggregate.corrections[self.correction_id] = Fix(self.claim_id, None, self.reason)

    def __init__(self, source: Source, recorded_by: str | None = None) -> None:
        self.source = source
        self.recorded_by = recorded_by
        self.original: dict[str, Claim] = {}
        self.claims: dict[str, Claim] = {}
        """The claims in force: corrected where corrected, without the retracted ones."""
        self.corrections: dict[str, Fix] = {}
        self.added_at: dict[str, dt.datetime] = {}
        self.withdrawn = False

    @classmethod
    def register(cls, source: Source, at: dt.datetime, recorded_by: str | None = None) -> SourceRecord:
        return cls._create(
            cls.Registered,
            id=source_aggregate_id(source.id),
            source=source,
            recorded_by=recorded_by,
            timestamp=at,
        )

    # -- the recording rules: each decides, and triggers an event or refuses -------------------

    def check_same_source(self, source: Source) -> None:
        """A recorded source is never redefined."""
        if source != self.source:
            raise Refused("differs from the source already recorded")

    def record_claim(self, claim: Claim, at: dt.datetime) -> bool:
        """Add a claim; True if added, False if this very claim is recorded already. A claim
        recorded otherwise is not silently changed: that takes a correction."""
        known = self.original.get(claim.id)
        if known is None:
            if at < self.created_on:
                raise Refused(
                    f"recorded on {moment(at)}, before its source {self.source.id!r} was recorded "
                    f"({moment(self.created_on)}): a claim is recorded with its source or later",
                    "recorded_on",
                )
            self.add_claim(claim, at)
            return True
        if known != claim:
            raise Refused("differs from the claim already recorded; record a correction instead")
        return False

    def record_correction(self, fix: Correction, at: dt.datetime) -> bool:
        """Apply a correction; True if applied, False if this very correction is recorded
        already. A recorded correction is never edited, is never recorded before the claim it
        corrects, and a retracted claim is not corrected back into force."""
        recorded = self.corrections.get(fix.id)
        if recorded is not None:
            if recorded != (fix.claim_id, fix.corrected, fix.reason):
                raise Refused(
                    "differs from the correction already recorded: a correction cannot be "
                    "edited; add another correction instead"
                )
            return False
        added = self.added_at.get(fix.claim_id)
        if added is not None and at < added:
            raise Refused(
                f"recorded on {moment(at)}, before the claim it corrects ({fix.claim_id!r}, recorded "
                f"{moment(added)}): a correction cannot be recorded before the claim it corrects",
                "recorded_on",
            )
        if fix.corrected is None:
            self.retract(fix.id, fix.claim_id, fix.reason, at)
        else:
            self.correct(fix.id, fix.corrected, fix.reason, at)
        return True

    # -- the events, once decided ------------------------------------------------------------

    def add_claim(self, claim: Claim, at: dt.datetime) -> None:
        self._trigger_validated(self.ClaimAdded, claim=claim, timestamp=at)

    def correct(self, correction_id: str, claim: Claim, reason: str, at: dt.datetime) -> None:
        """Replace a claim in force. A retraction is final: a retracted claim is not corrected
        back into force (record a new claim instead), so the order of fixes never matters."""
        self._check_fixable(correction_id, claim.id)
        self.trigger_event(
            self.ClaimCorrected, correction_id=correction_id, claim=claim, reason=reason, timestamp=at
        )

    def retract(self, correction_id: str, claim_id: str, reason: str, at: dt.datetime) -> None:
        self._check_fixable(correction_id, claim_id)
        self.trigger_event(
            self.ClaimRetracted,
            correction_id=correction_id,
            claim_id=claim_id,
            reason=reason,
            timestamp=at,
        )

    def _check_fixable(self, correction_id: str, claim_id: str) -> None:
        if correction_id in self.corrections:
            raise Refused(f"correction {correction_id!r} is already recorded")
        if claim_id not in self.original:
            raise Refused(f"claim {claim_id!r} is not a claim of source {self.source.id!r}")
        if claim_id not in self.claims:
            by = [
                f" by {i!r}"
                for i, fix in self.corrections.items()
                if fix.claim_id == claim_id and fix.claim is None
            ]
            raise Refused(
                f"claim {claim_id!r} was retracted{''.join(by[-1:])}, and a retraction is final: "
                "record a new claim instead"
            )


def moment(at: dt.datetime) -> str:
    """A recording time in a message: its day when it is the start of a (simulated) UTC day."""
    utc = at.astimezone(dt.UTC)
    return utc.date().isoformat() if utc.time() == dt.time() else utc.isoformat(timespec="seconds")


class Fix(NamedTuple):
    """A recorded correction: the claim it fixed, the claim now in force (None: retracted), why."""

    claim_id: str
    claim: Claim | None
    reason: str


class SummitRecord(Aggregate):
    """A summit's definition."""

    class Withdrawn(Aggregate.Withdrawn):
        """The summit is withdrawn; `withdrawn_id` is the summit's id."""

    class Defined(Aggregate.Created):
        """The summit's definition; v2 (rules v3) adds its `parties` and `host`."""

        class_version: ClassVar[int] = 2
        summit: Summit

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """v1 named no sides: each participant is a side of their own, and no host."""
            state["summit"]["parties"] = []
            state["summit"]["host"] = None

    def __init__(self, summit: Summit) -> None:
        self.summit = summit
        self.withdrawn = False

    def check_same_definition(self, summit: Summit) -> None:
        """A recorded summit is never redefined."""
        if summit != self.summit:
            raise Refused("differs from the definition already recorded")

    @classmethod
    def define(cls, summit: Summit, at: dt.datetime) -> SummitRecord:
        return cls._create(cls.Defined, id=summit_aggregate_id(summit.id), summit=summit, timestamp=at)


AGGREGATE_TOPICS = frozenset(get_topic(cls) for cls in (SourceRecord, SummitRecord))
EVENT_CLASSES: dict[str, type[DomainEvent]] = {
    get_topic(cls): cls
    for cls in (
        SourceRecord.Registered,
        SourceRecord.ClaimAdded,
        SourceRecord.ClaimCorrected,
        SourceRecord.ClaimRetracted,
        SourceRecord.Withdrawn,
        SummitRecord.Defined,
        SummitRecord.Withdrawn,
    )
}
"""Every event a tracker store may hold, by its stored topic: nothing else is ever imported."""
WITHDRAWN_TOPICS = (get_topic(SourceRecord.Withdrawn), get_topic(SummitRecord.Withdrawn))
FIX_TOPICS = {get_topic(SourceRecord.ClaimCorrected): False, get_topic(SourceRecord.ClaimRetracted): True}
"""The topics of a claim's corrections, and whether each retracts the claim."""
