"""The event-sourced application: carries out the write side's commands as immutable events,
atomically. It loads aggregates, lets them decide (the recording rules are theirs), and saves."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from eventsourcing.application import Application, project_aggregate
from eventsourcing.persistence import (
    ApplicationRecorder,
    IntegrityError,
    Mapper,
    Recording,
    StoredEvent,
    Transcoder,
)
from eventsourcing.sqlite import SQLiteDatastore

from tracker.domain.commands import RecordSources, Withdraw
from tracker.domain.errors import Conflict, Kind, RecordingRefused, Refused
from tracker.domain.models import Claim, Correction
from tracker.store.acyclic import acyclic
from tracker.store.events import (
    WITHDRAWN_TOPICS,
    Aggregate,
    SourceRecord,
    SummitRecord,
    moment,
    source_aggregate_id,
    summit_aggregate_id,
)
from tracker.store.mapper import JSONTranscoder, PydanticMapper
from tracker.store.recorders import recorder_topic
from tracker.store.unreadable import refused

A = TypeVar("A", bound=Aggregate)
ATTEMPTS = 5
"""Recordings retried when another writer recorded one of the same things meanwhile."""


@dataclass(frozen=True)
class Recorded:
    """What one recording added to the store (all zero when it was already there)."""

    summits: int = 0
    sources: int = 0
    claims: int = 0
    corrections: int = 0
    recordings: tuple[Recording[uuid.UUID], ...] = field(default=(), compare=False, repr=False)
    """The events stored, with their positions: what the read model takes without reading them back."""

    @classmethod
    def of(cls, counts: dict[str, int], recordings: Sequence[Recording[uuid.UUID]] = ()) -> Recorded:
        return cls(
            counts["summits"], counts["sources"], counts["claims"], counts["corrections"], tuple(recordings)
        )

    @property
    def events(self) -> int:
        return self.summits + self.sources + self.claims + self.corrections


def start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


class TrackerApplication(Application[uuid.UUID]):
    """Holds sources, claims, corrections and summit definitions as events."""

    name = "tracker"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.defined: dict[str, SummitRecord] = {}
        """Summit definitions known to be in the store. A definition is its aggregate's only
        event and never changes, so once seen it need not be read again: a corpus names the
        same summits in chunk after chunk."""

    def construct_recorder(self) -> ApplicationRecorder:
        """The library's recorder for the store's backend, with the claim-id register."""
        env = self.factory.env
        topic = recorder_topic(self.factory)
        if topic and not env.get("APPLICATION_RECORDER_TOPIC"):
            env["APPLICATION_RECORDER_TOPIC"] = topic
        return super().construct_recorder()

    def construct_mapper(self) -> Mapper[uuid.UUID]:
        return self.factory.mapper(transcoder=self.construct_transcoder(), mapper_class=PydanticMapper)

    def construct_transcoder(self) -> Transcoder:
        return JSONTranscoder()

    def _put(self, events: list[Any], names: list[tuple[str, str, str]]) -> list[Any]:
        """Store the events in this order, with the ids they register, in one transaction.

        What `Application.save` does for this application, without first checking each event
        against the library's runtime protocols (on Python 3.11 such an `isinstance` costs
        tens of microseconds, a sixth of recording a claim): it has no snapshots, no cache of
        aggregates and no subscribers to tell (`tests/test_store.py` checks)."""
        return self.events.put(events, names=names)

    def _recorded(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[StoredEvent]]:
        """The stored events of each of these aggregates that has any, in order, in one query
        per thousand ids.

        The library reads aggregates one at a time, a round trip each: on PostgreSQL about a
        third of a millisecond, so that recording slowed as more of a corpus's sources were
        already stored (at 1M, 4.6k events/s; 8.0k since). Here the events of all of a
        scenario's sources and summits are asked for at once, and `_find` makes the aggregates
        of them, as the library's repository would.
        """
        recorder: Any = self.recorder
        table = recorder.events_table_name
        found: dict[uuid.UUID, list[StoredEvent]] = {}
        postgres = not isinstance(recorder.datastore, SQLiteDatastore)
        mark = "%s" if postgres else "?"
        for start in range(0, len(ids), 1000):
            part = ids[start : start + 1000]
            sql = (
                f"SELECT originator_id, originator_version, topic, state FROM {table} "
                f"WHERE originator_id IN ({', '.join([mark] * len(part))}) "
                "ORDER BY originator_id, originator_version"
            )
            with recorder.datastore.transaction(commit=False) as cursor:
                cursor.execute(sql, [i if postgres else i.hex for i in part])
                for row in cursor.fetchall():
                    value, version, topic, state = (
                        (row["originator_id"], row["originator_version"], row["topic"], row["state"])
                        if postgres
                        else row
                    )
                    aggregate_id = value if isinstance(value, uuid.UUID) else uuid.UUID(value)
                    found.setdefault(aggregate_id, []).append(
                        StoredEvent(
                            originator_id=aggregate_id,
                            originator_version=version,
                            topic=topic,
                            state=bytes(state),
                        )
                    )
        return found

    def _find(
        self, kind: type[A], aggregate_id: uuid.UUID, known: dict[uuid.UUID, list[StoredEvent]]
    ) -> A | None:
        """The aggregate of `aggregate_id` made from its events among those `known`
        (`_recorded`), as the library's repository makes it; None if it has none."""
        stored = known.get(aggregate_id)
        if stored is None:
            return None
        found: Any = project_aggregate(None, map(self.mapper.to_domain_event, stored))
        if not isinstance(found, kind):
            raise TypeError(f"{aggregate_id} is a {type(found).__name__}, not a {kind.__name__}")
        return found

    @staticmethod
    def _withdrawn(known: dict[uuid.UUID, list[StoredEvent]], aggregate_id: uuid.UUID) -> bool:
        """Whether `aggregate_id`, among the aggregates `known` (`_recorded`), was withdrawn."""
        return any(event.topic in WITHDRAWN_TOPICS for event in known.get(aggregate_id, ()))

    def withdraw(self, command: Withdraw, now: dt.datetime) -> bool:
        """Withdraw the source or summit `ident` for good; False if it was already.

        Only one holding an event this tracker refuses to read may be withdrawn: a readable
        one is fixed with corrections, which keep its history.
        """
        kind, ident = command.kind, command.ident
        record_class: type[SourceRecord | SummitRecord]
        if kind == "source":
            record_class, aggregate_id = SourceRecord, source_aggregate_id(ident)
        else:
            record_class, aggregate_id = SummitRecord, summit_aggregate_id(ident)
        stored = self.recorder.select_events(aggregate_id)
        if not stored:
            raise Refused(f"there is no {kind} {ident!r} in this store")
        if stored[-1].topic in WITHDRAWN_TOPICS:
            return False
        if all(self._readable(event) for event in stored):
            raise Refused(
                f"{kind} {ident!r} can be read by this tracker, so it is not withdrawn: "
                "retract or correct its claims instead (corrections keep its history)"
            )
        withdrawal = record_class.Withdrawn(
            originator_id=aggregate_id,
            originator_version=stored[-1].originator_version + 1,
            timestamp=now,
            withdrawn_id=ident,
            reason=command.reason,
            withdrawn_by=command.withdrawn_by,
        )
        self.save(withdrawal)
        return True

    def _readable(self, stored: Any) -> bool:
        try:
            self.mapper.to_domain_event(stored)
        except Exception as error:
            if refused(error):
                return False
            raise
        return True

    def record(self, command: RecordSources, now: dt.datetime | None = None) -> Recorded:
        """Record what of `command` is not yet in the store, in one transaction.

        Already-recorded summits, sources, claims and corrections that are unchanged are
        skipped, so recording twice adds nothing. What the aggregates refuse (a recorded
        thing now said differently, a claim id another source holds, ...) is gathered, and
        the whole command is refused with every conflict (`RecordingRefused`): nothing is
        recorded. When another writer records some of the same things at the same moment,
        the store refuses the second transaction whole; it is then worked out again against
        what the other recorded.
        """
        now = now or dt.datetime.now(dt.UTC)
        for attempt in range(1, ATTEMPTS + 1):
            try:
                # The first try trusts the id register to refuse a clash; after a refused
                # transaction, ids are looked up first, so that a clash is named. A scenario
                # makes an event and more per claim, none in a cycle: the collector waits.
                with acyclic():
                    return self._record_once(command, now, look_up_ids=attempt > 1)
            except (IntegrityError, sqlite3.IntegrityError):
                if attempt == ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def _record_once(self, command: RecordSources, now: dt.datetime, *, look_up_ids: bool) -> Recorded:
        conflicts = Conflicts()

        def when(key: str) -> dt.datetime:
            day = command.recorded_on.get(key)
            return start_of(day) if day else now

        def claimed(claim: Claim, source_at: dt.datetime) -> dt.datetime:
            """A claim is recorded on its own day if it has one, else with its source."""
            day = command.claim_recorded_on.get(claim.id)
            return start_of(day) if day else source_at

        pending: list[Any] = []
        counts = dict(summits=0, sources=0, claims=0, corrections=0)
        # Summits are defined before anything of the command that refers to them.
        days = [*command.recorded_on.values(), *command.claim_recorded_on.values()]
        first = min([now, *(start_of(day) for day in days)])
        existing = self._recorded(
            [summit_aggregate_id(s.id) for s in command.summits if s.id not in self.defined]
            + [source_aggregate_id(s.id) for s in command.sources]
        )
        new_summits: list[SummitRecord] = []
        for summit in command.summits:
            with conflicts.about("summit", summit.id):
                if self._withdrawn(existing, summit_aggregate_id(summit.id)):
                    raise Refused("was withdrawn from this store: define the summit under a new id")
                record = self.defined.get(summit.id) or self._find(
                    SummitRecord, summit_aggregate_id(summit.id), existing
                )
                if record is None:
                    record = SummitRecord.define(summit, first)
                    pending += record.collect_events()
                    new_summits.append(record)
                    counts["summits"] += 1
                else:
                    self.defined[summit.id] = record
                    record.check_same_definition(summit)
        # A claim or correction id names one thing of one source in the whole store. The
        # register written with the events decides; this look-up only words the refusal.
        recorder: Any = self.recorder
        owners: dict[str, str] = {}
        fix_owners: dict[str, str] = {}
        if look_up_ids:
            owners = recorder.owners("claim", [claim.id for claim in command.claims])
            fix_owners = recorder.owners("correction", [fix.id for fix in command.corrections])
        claim_source = {c.id: c.source for c in command.claims}
        claims_by_source: dict[str, list[Claim]] = {}
        for claim in command.claims:  # a plain loop: a corpus records a million claims
            try:
                if owners:
                    check_owner("claim", owners.get(claim.id, claim.source), claim.source)
                claims_by_source.setdefault(claim.source, []).append(claim)
            except Refused as refusal:
                conflicts.add("claim", claim.id, refusal)
        fixes_by_source: dict[str, list[Correction]] = {}
        for fix in command.corrections:
            with conflicts.about("correction", fix.id):
                check_owner(
                    "correction",
                    fix_owners.get(fix.id, claim_source[fix.claim_id]),
                    claim_source[fix.claim_id],
                )
                fixes_by_source.setdefault(claim_source[fix.claim_id], []).append(fix)
        names: list[tuple[str, str, str]] = []
        for source in command.sources:
            at = when(source.id)
            with conflicts.about("source", source.id):
                if self._withdrawn(existing, source_aggregate_id(source.id)):
                    raise Refused("was withdrawn from this store: record the source under a new id")
                found = self._find(SourceRecord, source_aggregate_id(source.id), existing)
                if found is not None:
                    found.check_same_source(source)
                    at = now
            if conflicts.holds("source", source.id):
                continue
            if found is None:
                found = SourceRecord.register(source, at, command.recorded_by)
                counts["sources"] += 1
            # A source's events are recorded in time order, claims before corrections of the
            # same moment: a claim added later (its own `recorded_on`) after what came before.
            timed = {claim.id: claimed(claim, at) for claim in claims_by_source.get(source.id, [])}
            steps: list[tuple[dt.datetime, int, Claim | Correction]] = [
                (timed[claim.id], 0, claim) for claim in claims_by_source.get(source.id, [])
            ]
            steps += [(when(fix.id), 1, fix) for fix in fixes_by_source.get(source.id, [])]
            steps.sort(key=lambda step: step[:2])  # stable: file order among equals
            for step_at, _, thing in steps:
                if isinstance(thing, Claim):
                    try:
                        if found.record_claim(thing, step_at):
                            names.append(("claim", thing.id, source.id))
                            counts["claims"] += 1
                    except Refused as refusal:
                        conflicts.add("claim", thing.id, refusal)
                    continue
                with conflicts.about("correction", thing.id):
                    claim_at = timed.get(thing.claim_id)
                    if thing.claim_id not in found.original and claim_at is not None and claim_at > step_at:
                        raise Refused(
                            f"recorded on {moment(step_at)}, before the claim it corrects "
                            f"({thing.claim_id!r}, recorded {moment(claim_at)}): a correction cannot "
                            "be recorded before the claim it corrects",
                            "recorded_on",
                        )
                    if found.record_correction(thing, step_at):
                        names.append(("correction", thing.id, source.id))
                        counts["corrections"] += 1
            pending += found.collect_events()
        if conflicts:
            raise RecordingRefused(conflicts)
        if pending:
            # One transaction: the whole command, or (on any conflict) nothing.
            pending.sort(key=lambda event: event.timestamp)
            recordings = self._put(pending, names)
            self.defined.update((record.summit.id, record) for record in new_summits)
            return Recorded.of(counts, recordings)
        return Recorded.of(counts)


def check_owner(what: str, owner: str, source_id: str) -> None:
    """A claim or correction id already registered to another source is refused."""
    if owner == source_id:
        return
    if what == "correction":  # the same correction, now about a claim of another source
        raise Refused(
            f"differs from the correction already recorded (of a claim of source {owner!r}): "
            "a correction cannot be edited; add another correction instead"
        )
    raise Refused(f"{what} id already recorded under source {owner!r}: choose another id")


class Conflicts(list[Conflict]):
    """The conflicts found so far in one command."""

    @contextmanager
    def about(self, kind: Kind, ident: str) -> Iterator[None]:
        """Gather what a rule refuses about this thing, and go on to the next."""
        try:
            yield
        except Refused as refusal:
            self.add(kind, ident, refusal)

    def add(self, kind: Kind, ident: str, refusal: Refused) -> None:
        self.append(Conflict(kind, ident, str(refusal), refusal.field))

    def holds(self, kind: Kind, ident: str) -> bool:
        return any(c.kind == kind and c.ident == ident for c in self)
