"""The recorded events: a source with its claims and their corrections, and summit definitions.

One aggregate per source (id derived from the source id) is the unit of atomic, idempotent
recording; one aggregate per summit holds its definition. Events are pydantic models.
To change an event's fields, bump its `class_version` and add `upcast_vN_vN+1` (see README).
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from typing import Any, ClassVar

from eventsourcing.domain import BaseAggregate, CanInitAggregate, CanMutateAggregate
from pydantic import BaseModel, ConfigDict

from tracker.domain.models import Claim, Source, Summit

NAMESPACE = uuid.UUID("5d1c0f3e-6f0a-4a53-9d0e-3b7c2f1a9e41")


@functools.lru_cache(maxsize=1 << 16)
def source_aggregate_id(source_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"source:{source_id}")


@functools.lru_cache(maxsize=1 << 16)
def summit_aggregate_id(summit_id: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"summit:{summit_id}")


class DomainEvent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

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


class SourceRecord(Aggregate):
    """A source and the claims it makes, as recorded, with corrections applied."""

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
        claim: Claim

        def apply(self, aggregate: Any) -> None:
            aggregate.original[self.claim.id] = self.claim
            aggregate.claims[self.claim.id] = self.claim

    class ClaimCorrected(Aggregate.Event):
        correction_id: str
        claim: Claim
        reason: str

        def apply(self, aggregate: Any) -> None:
            aggregate.claims[self.claim.id] = self.claim
            aggregate.corrections.add(self.correction_id)

    class ClaimRetracted(Aggregate.Event):
        correction_id: str
        claim_id: str
        reason: str

        def apply(self, aggregate: Any) -> None:
            aggregate.claims.pop(self.claim_id, None)
            aggregate.corrections.add(self.correction_id)

    def __init__(self, source: Source, recorded_by: str | None = None) -> None:
        self.source = source
        self.recorded_by = recorded_by
        self.original: dict[str, Claim] = {}
        self.claims: dict[str, Claim] = {}
        self.corrections: set[str] = set()

    @classmethod
    def register(cls, source: Source, at: dt.datetime, recorded_by: str | None = None) -> SourceRecord:
        return cls._create(
            cls.Registered,
            id=source_aggregate_id(source.id),
            source=source,
            recorded_by=recorded_by,
            timestamp=at,
        )

    def add_claim(self, claim: Claim, at: dt.datetime) -> None:
        self._trigger_validated(self.ClaimAdded, claim=claim, timestamp=at)

    def correct(self, correction_id: str, claim: Claim, reason: str, at: dt.datetime) -> None:
        self.trigger_event(
            self.ClaimCorrected, correction_id=correction_id, claim=claim, reason=reason, timestamp=at
        )

    def retract(self, correction_id: str, claim_id: str, reason: str, at: dt.datetime) -> None:
        self.trigger_event(
            self.ClaimRetracted,
            correction_id=correction_id,
            claim_id=claim_id,
            reason=reason,
            timestamp=at,
        )


class SummitRecord(Aggregate):
    """A summit's definition."""

    class Defined(Aggregate.Created):
        summit: Summit

    def __init__(self, summit: Summit) -> None:
        self.summit = summit

    @classmethod
    def define(cls, summit: Summit, at: dt.datetime) -> SummitRecord:
        return cls._create(cls.Defined, id=summit_aggregate_id(summit.id), summit=summit, timestamp=at)
