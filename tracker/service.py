"""The tracker's interface in simple terms, for the CLI and the pytest plugin.

Opens a store (events and read model), records scenarios, and answers questions:
state at a date (optionally as recorded at a time), timelines, claims, and the changes
each source caused. It keeps the read model caught up before every answer.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import groupby, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from eventsourcing.persistence import IntegrityError, OperationalError

from tracker.domain.belief import Belief, belief_at, history, seen_at
from tracker.domain.commands import RecordSources, Withdraw
from tracker.domain.errors import RecordingRefused
from tracker.domain.explain import Explanation, Pointer, bearing, explain, explained
from tracker.domain.models import Source, Summit
from tracker.domain.tallies import NONE, Counts
from tracker.store.application import Recorded, TrackerApplication
from tracker.store.backends import view_class
from tracker.store.changes import trusted
from tracker.store.guard import (
    check_sqlite_file,
    postgres_setup,
    read_only,
    read_only_environment,
    store_errors,
    use_wal,
)
from tracker.store.location import (
    MEMORY,
    SQLITE_LOCK_TIMEOUT,
    StoreUnavailable,
    environment,
    is_postgres,
    locate,
)
from tracker.store.mapper import PydanticMapper
from tracker.store.readmodel import BeliefView, ClaimRecord, LeftOut, Progress, StoredClaim

P = ParamSpec("P")
R = TypeVar("R")

if TYPE_CHECKING:  # the reading commands never load a scenario: not its models, nor YAML
    from tracker.scenario.load import Scenario


@dataclass(frozen=True)
class SummitState:
    """One summit's belief on a day, with the claims that explain it."""

    summit: Summit
    belief: Belief
    as_of: dt.date
    supporting: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()
    non_answers: tuple[str, ...] = ()
    """The latest of the visible claims that did not decide the state (`bearing`), as many of
    each as asked: all, none, or the latest few."""
    counts: Counts = NONE
    """How many there are of each, listed or not."""


@dataclass(frozen=True)
class Change:
    """What changed on one day: the sources that became visible and the statuses they moved."""

    day: dt.date
    sources: tuple[Source, ...]
    moves: tuple[tuple[Summit, Belief, Belief], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class CorrectionRecord:
    """A recorded correction of a claim: a retraction, or a replacement now in force."""

    id: str
    claim_id: str
    retracted: bool
    reason: str


SETUP_ATTEMPTS = 10
SETUP_RACES = (IntegrityError, OperationalError, sqlite3.IntegrityError, sqlite3.OperationalError)
"""What a process loses to another creating the same tables at the same moment: retried."""


def _stated(
    summit: Summit,
    belief: Belief,
    day: dt.date,
    visible: Iterable[Pointer],
    latest: int | None,
    explained: bool = True,
) -> SummitState:
    """`summit`'s state with the `latest` (None: all) of each of `bearing`'s lists of the
    `visible` claims, and their counts (none if not `explained`)."""
    if not explained:
        return SummitState(summit, belief, day)
    lists = bearing(belief, visible)
    supporting, contradicting, non_answers = (found[:latest] for found in lists)
    return SummitState(summit, belief, day, supporting, contradicting, non_answers, Counts.of(lists))


def _one_snapshot(method: Callable[Concatenate[Tracker, P], R]) -> Callable[Concatenate[Tracker, P], R]:
    """The method's reads of the view in one transaction (`BeliefView.reading`): one snapshot,
    and one transaction per question rather than one per read."""

    @functools.wraps(method)
    def in_one_snapshot(self: Tracker, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.view.reading():
            return method(self, *args, **kwargs)

    return in_one_snapshot


def _by_day(
    moved: dict[dt.date, list[tuple[Summit, Belief, Belief]]],
    published: Iterable[tuple[dt.date, Iterable[Source]]],
    *,
    quiet: bool,
) -> Iterator[Change]:
    """The days with a move (and, if `quiet`, those with a source published but no move), in
    order: each day's sources (`published`: by day, in order, read as they come) and moves."""
    pending = sorted(moved)  # the days with a move
    n = 0
    for day, sources in published:
        while n < len(pending) and pending[n] < day:
            yield Change(pending[n], (), tuple(moved[pending[n]]))
            n += 1
        if n < len(pending) and pending[n] == day:
            n += 1
        elif not quiet:
            continue
        yield Change(day, tuple(sources), tuple(moved.get(day, ())))
    for day in pending[n:]:
        yield Change(day, (), tuple(moved[day]))


def analyst() -> str | None:
    """Who is recording: `TRACKER_ANALYST`, kept with each source recorded."""
    return os.environ.get("TRACKER_ANALYST") or None


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)


class Tracker:
    """A store and its read model, opened together."""

    def __init__(
        self,
        location: str | None = None,
        progress: Progress | None = None,
        *,
        catch_up: bool = True,
        create: bool = True,
    ) -> None:
        self.location = locate(location)  # prints without a password; `.unmasked` to connect
        raw = self.location.unmasked
        if not create and not is_postgres(raw) and raw != MEMORY and not Path(raw).exists():
            raise StoreUnavailable(
                f"no store at {self.location}: record one with `tracker replay "
                f"SCENARIO --store {self.location}` (or `tracker ingest`)"
            )
        env = environment(raw)
        postgres = is_postgres(raw)
        self.read_only: str | None = None
        """Why the store can only be read here (it answers from its read model as it is)."""
        self.behind = 0
        """Events recorded that the read model of a read-only store does not hold."""
        with store_errors(self.location):
            if not postgres:
                check_sqlite_file(raw)
                self.read_only = read_only(raw)
                if self.read_only:
                    env = read_only_environment(env, raw)
                else:
                    use_wal(raw, float(env.get("SQLITE_LOCK_TIMEOUT", SQLITE_LOCK_TIMEOUT)))
            with postgres_setup(self.location, env) if postgres else nullcontext():
                self._open(env, view_class(postgres=postgres))
            try:
                if self.read_only:
                    self.behind = self.view.lag(self.app)
                elif catch_up:  # without: only to withdraw what a catch-up cannot read
                    self.view.catch_up(self.app, progress)
            except BaseException:
                self.app.close()
                raise

    def _writable(self, doing: str) -> None:
        if self.read_only:
            raise StoreUnavailable(
                f"store {self.location} cannot be written ({self.read_only}), so "
                f"{doing} cannot proceed; reading commands still answer"
            )

    def _open(self, env: dict[str, str], view_class: type[Any]) -> None:
        """Open the store and its view, creating their tables if need be.

        Processes opening a new SQLite store at the same moment may race to create its
        tables (PostgreSQL ones take a lock first): the loser retries, and finds them made.
        """
        for attempt in range(1, SETUP_ATTEMPTS + 1):
            app = None
            try:
                app = TrackerApplication(env=env)
                self.view = cast(BeliefView, app.factory.tracking_recorder(view_class))
                self.view.mapper = cast(PydanticMapper, app.mapper)
                self.app = app
                return
            except BaseException as error:
                if app is not None:
                    app.close()
                if not isinstance(error, SETUP_RACES) or attempt == SETUP_ATTEMPTS:
                    raise
                time.sleep(0.05 * attempt)

    def catch_up(self, progress: Progress | None = None) -> int:
        """Bring the read model up to date with every recorded event; return how many were new."""
        self._writable("updating its read model")
        with store_errors(self.location):
            return self.view.catch_up(self.app, progress)

    def rebuild(self, progress: Progress | None = None) -> int:
        """Drop the read model and build it again from every event; return how many."""
        self._writable("rebuilding its read model")
        with store_errors(self.location):
            self.view.clear()
            return self.view.catch_up(self.app, progress)

    def close(self) -> None:
        """Close the store's connections; closing again does nothing."""
        if not self.closed:
            self.closed = True
            self.app.close()

    closed = False

    def event_count(self) -> int:
        """How many events the store holds (its last position)."""
        with store_errors(self.location):
            return self.app.recorder.max_notification_id() or 0

    @property
    def left_out_now(self) -> Sequence[LeftOut]:
        """The events that opening (or the last catch-up) left out, of withdrawn sources or summits."""
        return self.view.left_out_now

    def withdraw(self, kind: str, ident: str, reason: str, now: dt.datetime | None = None) -> bool:
        """Withdraw a source or summit holding events this tracker refuses to read (the way
        out of a store an older tracker poisoned); False if it was withdrawn already."""
        self._writable("withdrawing")
        with store_errors(self.location):
            return self.app.withdraw(Withdraw(kind, ident, reason, analyst()), now or dt.datetime.now(dt.UTC))

    def left_out(self) -> list[LeftOut]:
        """The events the read model leaves out, as those of withdrawn sources and summits."""
        return self.view.left_out()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- recording -------------------------------------------------------------------

    def record(
        self, scenario: Scenario, now: dt.datetime | None = None, *, settle: bool = True, defer: bool = False
    ) -> Recorded:
        """Record a scenario idempotently and atomically; then bring the read model up to date.

        A refusal of the write side comes back as `InvalidInput`, each conflict at the line of
        the scenario where its thing is written. With `settle=False` the read model copies the
        new claims but leaves the summits' histories to the next `catch_up` (many recordings
        in a row settle once). With `defer=True` it copies nothing: the next `catch_up` copies
        the events of many recordings at once, in bulk (they are noted as checked, having been
        validated as they were made).
        """
        try:
            return self.record_sources(scenario.command(analyst()), now, settle=settle, defer=defer)
        except RecordingRefused as refused:
            raise scenario.refusal(refused) from None

    def record_sources(
        self,
        command: RecordSources,
        now: dt.datetime | None = None,
        *,
        settle: bool = True,
        defer: bool = False,
    ) -> Recorded:
        """Carry out `command` (sources, claims, corrections and summits built in any way);
        a refusal raises `RecordingRefused`, naming each thing by its id. `settle` and `defer`:
        as for `record`."""
        self._writable("recording")
        with store_errors(self.location):
            recorded = self.app.record(command, now)
            if defer:
                self.view.made([r.notification.id for r in recorded.recordings])
                return recorded
            mapper = cast(PydanticMapper, self.app.mapper)
            made = [  # each as stored: what a rebuild reads of it (validated when it was made)
                trusted(mapper, r.notification.id, r.notification.topic, r.notification.state)
                for r in recorded.recordings
            ]
            if not self.view.follow_on(self.app.name, made):
                self.view.catch_up(self.app, settle=settle)
            elif settle:
                self.view.settle()
        return recorded

    # -- questions -------------------------------------------------------------------

    def _position(self, recorded_at: dt.datetime | dt.date | None) -> int | None:
        if recorded_at is None:
            return None
        if not isinstance(recorded_at, dt.datetime):
            recorded_at = end_of(recorded_at)
        elif recorded_at.tzinfo is None:
            recorded_at = recorded_at.replace(tzinfo=dt.UTC)
        return self.view.position_at(recorded_at)

    def summits(self, recorded_at: dt.datetime | dt.date | None = None) -> list[Summit]:
        return self.view.summits(self._position(recorded_at))

    def summit(self, summit_id: str) -> Summit | None:
        return next(iter(self.view.summits(wanted=[summit_id])), None)

    def state(
        self,
        day: dt.date,
        recorded_at: dt.datetime | dt.date | None = None,
        summit_ids: Sequence[str] | None = None,
        *,
        explained: bool = True,
        latest: int | None = None,
    ) -> list[SummitState]:
        """Every (or each given) summit's belief on `day` (its end), or at a moment (a
        datetime: R1), explained by the visible claims: how many support it, contradict it
        and answer nothing, and the `latest` of each (None: all of them). Not `explained`,
        without them (a table shows none; on a day, they are not read).

        On a day, `latest=0` reads no claim: as now recorded, the counts the view keeps (a
        lookup per summit); as recorded at a time, those of the fold that answers it.
        Otherwise every visible claim is read."""
        with nullcontext() if recorded_at is None else self.view.reading():
            position = self._position(recorded_at)
            if explained and latest == 0 and not isinstance(day, dt.datetime):
                # No claim read: as settled (one statement: no snapshot to hold), or in the
                # fold of then.
                return [
                    SummitState(summit, belief, day, counts=counts)
                    for summit, belief, counts in self.view.counted_states(day, summit_ids, position)
                ]
            with self.view.reading():
                return self._listed(day, position, summit_ids, explained, latest)

    def _listed(
        self,
        day: dt.date,
        position: int | None,
        summit_ids: Sequence[str] | None,
        explained: bool,
        latest: int | None,
    ) -> list[SummitState]:
        """`state` with the claims bearing on each state read, at `position`."""
        summits = self.view.summits(position, summit_ids)
        if isinstance(day, dt.datetime):
            return [self._at_moment(summit, day, position, latest) for summit in summits]
        ids = [s.id for s in summits]
        wanted = None if summit_ids is None else ids
        beliefs = self.view.beliefs_at(day, ids, position)
        said = self._said(day, wanted, position) if explained else {}
        return [
            _stated(s, beliefs[s.id], day, said.get(s.id, ()), latest, explained)
            for s in summits
            if s.id in beliefs
        ]

    @_one_snapshot
    def beliefs(self, day: dt.date) -> list[tuple[Summit, Belief]]:
        """Every summit's belief on `day`, without the claims that explain it (see `state`)."""
        summits = self.view.summits()
        beliefs = self.view.beliefs_at(day, [s.id for s in summits])
        return [(s, beliefs[s.id]) for s in summits if s.id in beliefs]

    def _said(
        self, day: dt.date, summit_ids: list[str] | None, position: int | None
    ) -> dict[str, list[Pointer]]:
        """The claims visible on `day` of each summit, as recorded at `position`: one query."""
        return self.view.pointers(day, summit_ids, position)

    def _at_moment(
        self, summit: Summit, moment: dt.datetime, position: int | None, latest: int | None
    ) -> SummitState:
        """`summit`'s state at `moment` (R1), folded from its claims as recorded: the read model
        keeps beliefs by the day only. A time in a zone ahead may fall on the next day."""
        records = self.view.claims(
            summit=summit.id, position=position, visible_by=moment.date() + dt.timedelta(days=1)
        )
        seen, day = seen_at((r.published_claim for r in records if not r.retracted), moment)
        belief = belief_at(history(summit, seen), day)
        return _stated(summit, belief, moment, map(Pointer.of, seen), latest)

    @_one_snapshot
    def explain(
        self,
        summit_id: str,
        day: dt.date,
        recorded_at: dt.datetime | dt.date | None = None,
        limit: int | None = None,
    ) -> Explanation | None:
        """Why `summit_id` stands where it does on `day` (as recorded at `recorded_at`): the
        domain's fold over its claims, with a sentence per visible claim naming the rule (with
        `limit`, per deciding or contesting claim and that many others, the strongest: only
        their words are read). None if the summit was not recorded (by `recorded_at`)."""
        position = self._position(recorded_at)
        found = self.view.summits(position, [summit_id])
        if not found:
            return None
        summit = found[0]
        if not isinstance(day, dt.datetime):  # from the view's columns and the claims' words
            facts, said = self.view.explaining(summit_id, position, visible_by=day, every_word=limit is None)
            return explained(summit, facts, said, day, limit)
        records = [r for r in self.view.claims(summit=summit_id, position=position) if not r.retracted]
        outlets = {r.claim.source: r.outlet for r in records}
        claims, day = seen_at([r.published_claim for r in records], day)
        return explain(summit, claims, day, outlets, limit)

    def timeline(self, summit_id: str) -> list[Belief]:
        return self.view.timeline(summit_id)

    def claims(
        self,
        summit: str | None = None,
        source: str | None = None,
        recorded_at: dt.datetime | dt.date | None = None,
    ) -> list[ClaimRecord]:
        """The claims as now recorded, or as recorded at `recorded_at`."""
        return list(self.each_claim(summit, source, recorded_at))

    def each_claim(
        self,
        summit: str | None = None,
        source: str | None = None,
        recorded_at: dt.datetime | dt.date | None = None,
    ) -> Generator[ClaimRecord, None, None]:
        """`claims`, one at a time as they are read (see `BeliefView.each_claim`); close it to
        end the read early."""
        return self.view.each_claim(summit=summit, source=source, position=self._position(recorded_at))

    def each_stored_claim(
        self,
        summit: str | None = None,
        source: str | None = None,
        recorded_at: dt.datetime | dt.date | None = None,
        among: Sequence[str] | None = None,
    ) -> Generator[StoredClaim, None, None]:
        """`each_claim` as stored, without models: for output (`BeliefView.each_stored_claim`);
        with `among`, only the claims about any of those summits."""
        position = self._position(recorded_at)
        return self.view.each_stored_claim(summit=summit, source=source, position=position, among=among)

    def latest_stored_claims(
        self,
        summit: str | None = None,
        source: str | None = None,
        recorded_at: dt.datetime | dt.date | None = None,
    ) -> Generator[StoredClaim, None, None]:
        """`each_stored_claim`, latest first (`BeliefView.latest_stored_claims`): the claims
        consumed are the only ones read; close it to end the read early."""
        position = self._position(recorded_at)
        return self.view.latest_stored_claims(summit=summit, source=source, position=position)

    def sources(self) -> list[Source]:
        return self.view.sources()

    def each_stored_source(self) -> Generator[dict[str, Any], None, None]:
        """`each_source` as stored, without models: for output (`BeliefView.each_stored_source`)."""
        return self.view.each_stored_source()

    def each_source(self) -> Generator[Source, None, None]:
        """`sources`, read a day at a time (see `BeliefView.each_source`); close it to end the
        read early."""
        return self.view.each_source()

    def source(self, source_id: str) -> Source | None:
        return next(iter(self.view.sources(source_id)), None)

    def claims_by_summit(self) -> Counter[str]:
        """How many claims each summit has, as now recorded, not retracted (no claim is read)."""
        return self.view.claims_by_summit()

    def count_claims(self, among: Sequence[str] | None = None, visible_by: dt.date | None = None) -> int:
        """How many claims there are as now recorded, retracted ones too, about any of `among`
        (all if None), visible by `visible_by` if given (no claim is read)."""
        return self.view.count_claims(among, visible_by)

    def claims_by_source(self) -> Counter[str]:
        """How many claims each source has, as now recorded, not retracted (no claim is read)."""
        return self.view.claims_by_source()

    def corrections(self, among: Sequence[str] | None = None) -> list[CorrectionRecord]:
        """The corrections recorded of the claims (about any of `among`, if given) in the order
        recorded (read from their events: the read model keeps no reasons)."""
        return [
            CorrectionRecord(
                fix["correction_id"],
                fix["claim_id"] if retracts else fix["claim"]["id"],
                retracts,
                fix["reason"],
            )
            for _, retracts, fix in self.view.corrections(among)
        ]

    def changes(self, start: dt.date, end: dt.date, summit_ids: Sequence[str] | None = None) -> list[Change]:
        """Day by day from `start` to `end`: the sources published and the statuses they moved;
        with `summit_ids`, only the days on which one of those summits changed status."""
        return list(self.each_change(start, end, summit_ids))

    def each_change(
        self, start: dt.date, end: dt.date, summit_ids: Sequence[str] | None = None
    ) -> Generator[Change, None, None]:
        """`changes`, a day at a time, in one snapshot held until the last (or until the
        iterator is closed): the sources are read a day at a time as they come (at 1M, four
        years of them were a gigabyte of models)."""
        with self.view.reading():
            timelines = self.view.timelines_moving(start, end)
            if summit_ids is not None:
                timelines = {s: timelines[s] for s in summit_ids if s in timelines}
            # A summit's state moves only on a day one of its rows starts (one row a day at
            # most): from the row before to that one. Each timeline is walked once.
            moved: dict[dt.date, list[tuple[Summit, Belief, Belief]]] = {}
            for summit in self.view.summits(wanted=timelines):
                for before, after in pairwise(timelines[summit.id]):
                    day = after.valid_from
                    if day and start <= day <= end and before.status is not after.status:
                        moved.setdefault(day, []).append((summit, before, after))
            del timelines
            sources = self.view.each_source(between=(start, end))  # by the last day published
            published = groupby(sources, key=lambda source: source.published.latest)
            try:
                yield from _by_day(moved, published, quiet=summit_ids is None)
            finally:
                sources.close()
