"""The belief read model: tables kept up to date from the event store, on either backend.

Following the events (`catch_up`, or one event at a time under the library's projection
runner), claims and summits are copied into tables, claims as versions valid between two
store positions, and every summit the events touch is marked dirty, in the same
transaction as the view's tracking position. `settle` then recomputes the status history
(`tracker.domain.belief.history`) of each dirty summit once, however many events touched
it, and stores it as rows valid from a day: "state at D" is one index lookup per summit.
"As recorded at T" is answered from the claim versions recorded by T.

A rebuild (`rebuild`, or `clear` then `catch_up`) is one transaction where the backend allows
(PostgreSQL): the view is emptied, built again from every event and settled, then committed,
so that a reader sees the old view or the new one, and no other writer of the view (a
command catching up, a follower) ever works from an emptied one. After bulk work (a
rebuild, a catch-up that grows the view by a tenth or more) the backend refreshes the query
planner's statistics (`ANALYZE` on PostgreSQL).

The SQL here is written once, with the placeholder of the backend's driver (`BeliefView.param`:
`?` for sqlite3 on SQLite, `tracker.store.sqlite_view`; `%s` for psycopg on PostgreSQL,
`tracker.store.postgres_view`), run on the driver's own cursor.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
from abc import ABC, abstractmethod
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import Any, NamedTuple, Protocol, cast

from eventsourcing.application import Application
from eventsourcing.persistence import PersistenceError, Tracking

from tracker.domain.belief import RULES_VERSION, Belief, belief_at, fold, signal, signal_of
from tracker.domain.dates import DateSpan, TimeWindow, span_of, span_text, stored_span
from tracker.domain.explain import Pointer, Said
from tracker.domain.facts import Fact
from tracker.domain.models import Claim, PublishedClaim, Source, Summit
from tracker.domain.tallies import NONE, Counts, counts_of, tallies
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, Status
from tracker.store.acyclic import acyclic
from tracker.store.changes import (
    CLAIM_ADDED,
    CLAIM_CORRECTED,
    CLAIM_RETRACTED,
    SOURCE_REGISTERED,
    SOURCE_WITHDRAWN,
    SUMMIT_DEFINED,
    SUMMIT_WITHDRAWN,
    Change,
    checked,
    checked_to,
    extend,
    trusted,
)
from tracker.store.events import FIX_TOPICS, WITHDRAWN_TOPICS
from tracker.store.location import StoreUnavailable
from tracker.store.mapper import JSONTranscoder, PydanticMapper
from tracker.store.unreadable import UnreadableEvent, is_withdrawn, owner, reason, refused

BEGINNING = "0001-01-01"
BATCH = 2000
"""Events read and copied per transaction."""
BULK = 20000
"""Events already checked (`tracker.store.changes`), read and copied per transaction."""
SETTLE_BATCH = 200
"""Dirty summits recomputed per transaction."""
FEW = 500
"""Up to this many summits are looked up by id; more are picked out of all of them."""
LATEST_PART = 200
"""Claims read at a time when the latest are listed first (`latest_stored_claims`)."""
ANALYZE_AFTER = 1000
"""Bulk work: a view that took in at least this many events, and at least a tenth of all it
holds, since its statistics were last refreshed has them refreshed when it is next settled."""
VIEW_LAYOUT = 13
"""Bump when the view's tables change."""
VIEW_VERSION = 100 * VIEW_LAYOUT + RULES_VERSION
"""The view's layout and the version of the rules it was projected under: a view of another
version (either changed) is dropped and rebuilt from the events when the store is opened."""
VIEW_TABLES = (
    "tracker_summits",
    "tracker_sources",
    "tracker_claims",
    "tracker_claim_summits",
    "tracker_beliefs",
    "tracker_tallies",
    "tracker_recordings",
    "tracker_dirty",
    "tracker_left_out",
)
BELIEF_TABLES = ("tracker_beliefs", "tracker_tallies", "tracker_dirty")
"""What settling writes: analyzed again after settling in bulk."""
Progress = Callable[[int], None]


class Cursor(Protocol):
    """What the view needs of a database cursor (the driver's own): tuple rows, statements
    written with the backend's placeholder (`BeliefView.param`)."""

    def execute(self, sql: str, params: Sequence[Any] = (), /) -> Any: ...
    def executemany(self, sql: str, params: Iterable[Sequence[Any]], /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...
    def close(self) -> Any: ...


class LeftOut(NamedTuple):
    """An event the read model leaves out: its position, aggregate, what it belongs to, why."""

    position: int
    aggregate_id: str
    kind: str
    ident: str
    reason: str


@dataclass(frozen=True)
class ClaimRecord:
    """A claim as recorded, with its source's publication span."""

    claim: Claim
    published: DateSpan
    outlet: str
    retracted: bool

    @property
    def published_claim(self) -> PublishedClaim:
        # Both parts are validated models already: no need to validate them again.
        return PublishedClaim.model_construct(claim=self.claim, published=self.published)


class StoredClaim(NamedTuple):
    """A claim as stored: its JSON data (`Claim`'s, without the fields at their default), its
    source's publication as stored (`DateSpan`'s text), outlet, and whether it is retracted."""

    claim: dict[str, Any]
    published: str
    outlet: str
    retracted: bool


@functools.lru_cache(maxsize=65536)
def _window(text: str) -> TimeWindow:
    return TimeWindow.model_validate_json(text)


@functools.lru_cache(maxsize=65536)
def _summit(payload: str) -> Summit:
    """A summit from its row's JSON (validated when it was defined), made once per text: every
    question about all summits reads all their definitions, which change only when defined
    again (validating 9,860 of them was 96 ms of `state --at D`'s 227 at 1M)."""
    return Summit.model_validate_json(payload)


def _day_order(source: dict[str, Any]) -> tuple[dt.date, str]:
    """`publication_order` of a source as stored, among those of its last day."""
    return stored_span(source["published"]).earliest, source["id"]


def _belief_row(summit_id: str, belief: Belief) -> tuple[Any, ...]:
    return (
        summit_id,
        belief.valid_from.isoformat() if belief.valid_from else BEGINNING,
        belief.status.value,
        belief.since.isoformat() if belief.since else None,
        belief.venue,
        belief.window.model_dump_json() if belief.window else None,
        str(belief.held_on) if belief.held_on else None,
        " ".join(belief.decided_by),  # ids hold no spaces (ID_PATTERN)
        " ".join(belief.contested_by),
        " ".join(belief.uncertain),
    )


BELIEF_COLUMNS = (
    "summit_id, valid_from, status, since, venue, time_window, held_on, decided_by, contested_by, uncertain"
)
TALLY_COLUMNS = "summit_id, valid_from, supporting, contradicting, non_answers"
BELIEFS_OF_B = ", ".join(f"b.{column}" for column in BELIEF_COLUMNS.split(", "))
"""`BELIEF_COLUMNS` of the beliefs joined as `b`."""
Settled = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]
"""What settling writes of some summits: their rows of `tracker_beliefs` and of `tracker_tallies`."""


def latest_day(table: str, p: str, summit: str = "s.id") -> str:
    """The day from which the row of `table` (rows valid from a day, keyed by summit and day)
    of the summit `summit` (a column: of `s` by default) in force on a day (the parameter
    `p`) is valid: a seek."""
    return f"SELECT MAX(l.valid_from) FROM {table} l WHERE l.summit_id = {summit} AND l.valid_from <= {p}"


def latest_sql(table: str, columns: str, p: str, summits: str = "") -> str:
    """Each summit's row of `table` in force on a day (the first parameter): a seek per
    summit, not a scan of every row. `summits` narrows the summits (" WHERE s.id = ...")."""
    return (
        f"SELECT {columns} FROM {table} WHERE (summit_id, valid_from) IN ("
        f"SELECT s.id, ({latest_day(table, p)}) FROM tracker_summits s{summits})"
    )


def timeline_sql(p: str) -> str:
    """One summit's status history, in day order (`p`: the driver's placeholder)."""
    return f"SELECT {BELIEF_COLUMNS} FROM tracker_beliefs WHERE summit_id = {p} ORDER BY valid_from"


STATUSES = {status.value: status for status in Status}
KINDS = {kind.value: kind for kind in ClaimKind}
MODALITIES = {modality.value: modality for modality in Modality}
ATTRIBUTIONS = {kind.value: kind for kind in AttributionKind}
SIGNAL_OF = {k.value: {m.value: signal_of(k, m) for m in Modality} for k in ClaimKind}
"""The status a claim's kind and modality point at (`signal_of`), by their stored values: by
kind, then modality, so that no key is built for each of a million rows."""
_first, _second = itemgetter(0), itemgetter(1)
_made = tuple.__new__
"""Makes a named tuple (a `Pointer`, a `Fact`) of its fields without the call of its
`__new__`: they are made a row at a time, by the million."""
SOURCE_COLUMNS = "id, published, outlet, payload_at, visible_from, instant"
"""The columns of `tracker_sources`, in order (see `view_tables`)."""
CLAIM_COLUMNS = (
    "id, source_id, visible_from, retracted, payload_at, recorded_from, recorded_to, kind, modality, "
    "attribution, speaker, speaks_for, moment, held_on, venue, time_window, period, summits"
)
"""The columns of `tracker_claims`, in order (see `view_tables`)."""
FACT_COLUMNS = (
    "c.id, c.kind, c.modality, c.attribution, c.speaker, c.speaks_for, c.visible_from, c.moment, "
    "c.held_on, c.venue, c.time_window, c.period, c.summits"
)


WITH_SOURCES = "FROM tracker_claims c JOIN tracker_sources s ON s.id = c.source_id"
"""The claim versions, each with its source (`s`): for the columns the source gives a claim."""


def latest_of(span: str) -> str:
    """The last day (ISO 8601) of a day or range of days as stored (`DateSpan`)."""
    return span_of(span).latest.isoformat()


def instant_of(span: str | None) -> str | None:
    """The time in UTC (ISO 8601) of a day as stored (`DateSpan`), None when it has none: what
    orders a claim within its day (its `stated_on`'s, else its source's)."""
    instant = span_of(span).instant if span and "T" in span else None
    return instant.isoformat() if instant else None


@functools.cache
def _plain_mapper() -> PydanticMapper:
    """The mapper of a store of plain JSON events, for a view not given its store's."""
    return PydanticMapper(transcoder=JSONTranscoder())


@functools.lru_cache(maxsize=4096)
def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _fact(row: Sequence[Any]) -> Fact:
    """A claim's fact from the view's columns (`FACT_COLUMNS`), validated when recorded.
    Made as a tuple of its fields (`_made`): a settling makes one per claim."""
    ident, kind, modality, attribution, speaker, speaks_for, visible_from, moment, held_on = row[:9]
    venue, window, period, summits = row[9:]
    return _made(
        Fact,
        (
            ident,
            KINDS[kind],
            MODALITIES[modality],
            ATTRIBUTIONS[attribution],
            speaker,
            speaks_for,
            _day(visible_from),
            dt.datetime.fromisoformat(moment) if moment else None,
            span_of(held_on) if held_on else None,
            venue,
            _window(window) if window else None,
            _window(period) if period else None,
            tuple(summits.split(" ")),
        ),
    )


def _noted(pairs: Iterable[tuple[str, Fact]], said: list[Pointer]) -> Iterator[Fact]:
    """The facts of `pairs` (summit, fact), each noted in `said` as a `Pointer` as it passes."""
    for _, fact in pairs:
        said.append(_made(Pointer, (fact.id, signal(fact), fact.visible_from)))
        yield fact


def _belief(row: Sequence[Any]) -> Belief:
    # Called once per summit by "all summits at D": kept lean (no enum call, no JSON).
    summit_id, valid_from, status, since, venue, window, held_on, decided_by, contested_by, uncertain = row
    return Belief(
        summit_id,
        None if valid_from == BEGINNING else dt.date.fromisoformat(valid_from),
        STATUSES[status],
        dt.date.fromisoformat(since) if since else None,
        venue,
        _window(window) if window else None,
        span_of(held_on) if held_on else None,
        tuple(decided_by.split(" ")) if decided_by else (),
        tuple(contested_by.split(" ")) if contested_by else (),
        tuple(uncertain.split(" ")) if uncertain else (),
    )


def _mapper(app: Application[Any]) -> PydanticMapper:
    return cast(PydanticMapper, app.mapper)


_json = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
"""JSON data as the view keeps it."""


def marks(p: str, count: int) -> str:
    """`count` placeholders `p`, for a list of values (`marks("?", 3)`: "?, ?, ?")."""
    return ", ".join([p] * count)


CURRENT = "recorded_to IS NULL AND retracted = 0"
"""The condition on `tracker_claims` of the claims as now recorded, not retracted."""


def about_any(p: str, count: int) -> str:
    """The condition on `tracker_claims c` that a claim concerns any of `count` summits (or did,
    in any version: check the version's own `summits`), their ids the parameters."""
    return (
        f"c.id IN (SELECT a.claim_id FROM tracker_claim_summits a WHERE a.summit_id IN ({marks(p, count)}))"
    )


def as_recorded(p: str, position: int | None) -> tuple[list[str], list[Any]]:
    """The condition (and its parameters) on `tracker_claims c` for the claim versions recorded
    now (None) or in force at `position` (`p`: the driver's placeholder)."""
    if position is None:
        return ["c.recorded_to IS NULL"], []
    condition = f"c.recorded_from <= {p} AND (c.recorded_to IS NULL OR c.recorded_to > {p})"
    return [condition], [position, position]


def picking(
    p: str,
    *,
    summit: str | None = None,
    summits: Sequence[str] | None = None,
    source: str | None = None,
    include_retracted: bool = True,
    position: int | None = None,
    visible_by: dt.date | None = None,
    among: Sequence[str] | None = None,
    ordered: bool = True,
    latest_first: bool = False,
    join: str = "JOIN",
) -> tuple[str, list[Any]]:
    """The end of a query of claim versions (`tracker_claims c`), and its parameters: the
    versions recorded now (or in force at `position`), about `summit` (joining its claims; or
    about each of `summits`, all if empty, in summit order: `cs.summit_id`; or about any of
    `among`, each once), of `source`, not retracted, visible by a day, as asked; in day order
    (then by id; both reversed if `latest_first`) unless not `ordered` (`p`: the driver's
    placeholder; `join`: how the claims' summits are joined, `BeliefView.claims_first`)."""
    joins, order, (where, params) = "", "", as_recorded(p, position)
    if summit is not None or summits is not None:
        joins = f" {join} tracker_claim_summits cs ON cs.claim_id = c.id"
    if summit is not None:
        where.append(f"cs.summit_id = {p}")
        params.append(summit)
    if summits is not None:
        order = "cs.summit_id, "
        if summits:
            where.append(f"cs.summit_id IN ({marks(p, len(summits))})")
            params += list(summits)
    if source is not None:
        where.append(f"c.source_id = {p}")
        params.append(source)
    if not include_retracted:
        where.append("c.retracted = 0")
    if visible_by is not None:
        where.append(f"c.visible_from <= {p}")
        params.append(visible_by.isoformat())
    if among is not None:
        where.append(about_any(p, len(among)))
        params += list(among)
    reverse = " DESC" if latest_first else ""
    ending = f" ORDER BY {order}c.visible_from{reverse}, c.id{reverse}" if ordered else ""
    return f"{joins} WHERE {' AND '.join(where)}{ending}", params


Insert = Callable[[Cursor, str, str, Sequence[tuple[Any, ...]]], None]
"""Writes new rows of a table (its name, then the columns given, in order) in the caller's
transaction (`BeliefView._insert`)."""


class _Copier:
    """Copies events into the view's tables within one transaction, new claims in bulk
    (`p`: the driver's placeholder)."""

    def __init__(self, c: Cursor, p: str, insert: Insert) -> None:
        self.c = c
        self.p = p
        self.insert = insert
        self.published: dict[str, tuple[str, str | None]] = {}
        """Each source's visible day and time in UTC (`_published`)."""
        self.claims: list[tuple[Any, ...]] = []
        self.claim_summits: list[tuple[str, str]] = []
        """The summits each claim concerns for the first time, in any version."""
        self.sources: list[tuple[str, str, str, int, str, str | None]] = []
        self.summits: list[tuple[str, int, str]] = []
        self.waiting: dict[str, tuple[int, set[str]]] = {}
        """The claims added since the last flush, every version of which waits in `claims`:
        where their current version is there, and the summits any version concerned. A
        correction or retraction of one is made there, without a flush (a corpus corrects its
        claims soon after adding them: a flush each would write a few rows at a time)."""

    def copy(self, changes: Sequence[Change]) -> set[str]:
        """Copy the changes in order; return the ids of the summits they touch."""
        touched: set[str] = set()
        for position, name, state, _ in changes:
            if name == CLAIM_ADDED:  # a claim id is added only once
                claim = state["claim"]
                summits = self._add(position, claim)
                self.claim_summits += [(summit, claim["id"]) for summit in summits]
                self.waiting[claim["id"]] = (len(self.claims) - 1, set(summits))
                touched.update(summits)
            elif name == CLAIM_CORRECTED:
                touched |= self._replace(position, state["claim"])
            elif name == CLAIM_RETRACTED:
                touched |= self._retract(position, state["claim_id"])
            elif name == SUMMIT_DEFINED:
                summit = state["summit"]
                self.summits.append((summit["id"], position, _json(summit)))
                touched.add(summit["id"])
            elif name == SOURCE_REGISTERED:
                source, published = state["source"], state["source"]["published"]
                seen = self.published[source["id"]] = (latest_of(published), instant_of(published))
                self.sources.append((source["id"], published, source["outlet"], position, *seen))
            elif name == SOURCE_WITHDRAWN:
                # Its claims leave every answer, as recorded at any time too: every version of
                # them leaves the view, so that no question needs to join the sources to skip them.
                self.flush()
                withdrawn, p = state["withdrawn_id"], self.p
                self.c.execute(
                    "SELECT DISTINCT cs.summit_id FROM tracker_claims c JOIN tracker_claim_summits"
                    f" cs ON cs.claim_id = c.id WHERE c.source_id = {p}",
                    (withdrawn,),
                )
                touched.update(row[0] for row in self.c.fetchall())
                self.c.execute(
                    "DELETE FROM tracker_claim_summits WHERE claim_id IN "
                    f"(SELECT id FROM tracker_claims WHERE source_id = {p})",
                    (withdrawn,),
                )
                self.c.execute(f"DELETE FROM tracker_claims WHERE source_id = {p}", (withdrawn,))
                self.c.execute(f"DELETE FROM tracker_sources WHERE id = {p}", (withdrawn,))
                self.published.pop(withdrawn, None)
            elif name == SUMMIT_WITHDRAWN:
                self.flush()
                for table, column in (
                    ("tracker_summits", "id"),
                    ("tracker_beliefs", "summit_id"),
                    ("tracker_tallies", "summit_id"),
                    ("tracker_dirty", "summit_id"),
                ):
                    self.c.execute(f"DELETE FROM {table} WHERE {column} = {self.p}", (state["withdrawn_id"],))
                touched.discard(state["withdrawn_id"])
        self.flush()
        return touched

    def _published(self, source_id: str) -> tuple[str, str | None]:
        """The day a source's claims become visible, and its time in UTC if known."""
        if source_id not in self.published:
            self.c.execute(
                f"SELECT visible_from, instant FROM tracker_sources WHERE id = {self.p}", (source_id,)
            )
            visible_from, instant = self.c.fetchone()
            self.published[source_id] = (visible_from, instant)
        return self.published[source_id]

    def _add(self, position: int, claim: dict[str, Any]) -> list[str]:
        """A new version of a claim (its JSON data, held by the event at `position`) from
        `position` on (written at the next flush); the summits it concerns."""
        ident, source, summits = claim["id"], claim["source"], list(claim["summits"])  # each once (validated)
        visible_from, instant = self._published(source)
        attribution = claim["attribution"]
        stated, held_on, window, period = (claim.get(k) for k in ("stated_on", "held_on", "window", "period"))
        self.claims.append(
            (
                ident,
                source,
                visible_from,
                0,
                position,  # the event that holds the claim as this version has it
                position,
                None,  # recorded_to: the version is current
                claim["kind"],
                claim.get("modality") or Modality.PLAIN.value,
                attribution["kind"],
                attribution.get("speaker"),
                attribution.get("speaks_for"),
                instant_of(stated) or instant,
                str(span_of(held_on)) if held_on else None,
                claim.get("venue"),
                _json(window) if window is not None else None,  # {}: a window with no field set
                _json(period) if period is not None else None,
                " ".join(summits),  # ids hold no spaces (ID_PATTERN)
            )
        )
        return summits

    def _replace(self, position: int, claim: dict[str, Any]) -> set[str]:
        """Close the claim's current version and add this one; the summits both concern."""
        before = self._close(position, claim["id"])
        summits = self._add(position, claim)
        # Every summit a claim ever concerned, in any version: versions are filtered on reading.
        self.claim_summits += [(summit, claim["id"]) for summit in summits if summit not in before]
        touched = before.union(summits)
        self._still_waiting(claim["id"], touched)
        return touched

    def _still_waiting(self, claim_id: str, summits: set[str]) -> None:
        """Note the version just added to `claims` as the current one of a claim waiting there."""
        if claim_id in self.waiting:
            self.waiting[claim_id] = (len(self.claims) - 1, summits)

    def _retract(self, position: int, claim_id: str) -> set[str]:
        """Close the claim's current version and add a retracted copy of it; its summits."""
        if claim_id in self.waiting:
            row = self.claims[self.waiting[claim_id][0]]
            touched = self._close(position, claim_id)
            self.claims.append(_retracted(row, position))
            self._still_waiting(claim_id, touched)
            return touched
        self.flush()
        self.c.execute(
            f"SELECT {CLAIM_COLUMNS} FROM tracker_claims WHERE id = {self.p} AND recorded_to IS NULL",
            (claim_id,),
        )
        row = self.c.fetchone()
        if row is None:
            return set()
        touched = self._close(position, claim_id)
        self.insert(self.c, "tracker_claims", CLAIM_COLUMNS, [_retracted(row, position)])
        return touched

    def _close(self, position: int, claim_id: str) -> set[str]:
        """Close the claim's current version at `position`; the summits it ever concerned."""
        if claim_id in self.waiting:
            index, summits = self.waiting[claim_id]
            row = self.claims[index]
            self.claims[index] = (*row[:6], position, *row[7:])
            return set(summits)
        self.flush()
        self.c.execute(
            f"UPDATE tracker_claims SET recorded_to = {self.p} WHERE id = {self.p} AND recorded_to IS NULL",
            (position, claim_id),
        )
        self.c.execute(f"SELECT summit_id FROM tracker_claim_summits WHERE claim_id = {self.p}", (claim_id,))
        return {row[0] for row in self.c.fetchall()}

    def flush(self) -> None:
        """Write what waits, in bulk: one round trip per table, not per event."""
        for table, columns, rows in (
            ("tracker_sources", SOURCE_COLUMNS, self.sources),
            ("tracker_summits", "id, position, payload", self.summits),
            ("tracker_claims", CLAIM_COLUMNS, self.claims),
        ):
            if rows:
                self.insert(self.c, table, columns, rows)
        if self.claim_summits:
            self.insert(self.c, "tracker_claim_summits", "summit_id, claim_id", self.claim_summits)
        self.sources, self.summits, self.claims, self.claim_summits = [], [], [], []
        self.waiting = {}


def _retracted(row: Sequence[Any], position: int) -> tuple[Any, ...]:
    """A claim's current version (a row of `CLAIM_COLUMNS`) retracted from `position` on: a
    copy of it, marked retracted, recorded from then, current."""
    return (*row[:3], 1, row[4], position, None, *row[7:])


class SQLCopier(Protocol):
    """A backend's copy of a stretch of checked events in its own SQL (for SQLite,
    `tracker.store.sqlite_copy.Stretch`): the added claims in SQL, the rest through `_Copier`."""

    def others(self) -> list[tuple[int, str, bytes]]:
        """The position, topic and state of the stretch's events other than those it adds."""
        ...

    def add_sources(self) -> int:
        """Insert the sources registered in the stretch; how many."""
        ...

    def add_claims(self) -> int:
        """Insert the stretch's added claims and their summits, marked dirty; how many."""
        ...

    def recordings(self) -> list[tuple[int, str]]:
        """The last position of each recording in the stretch, and its time (UTC)."""
        ...


def _mark_dirty(c: Cursor, p: str, summits: Iterable[str]) -> None:
    c.executemany(
        f"INSERT INTO tracker_dirty VALUES ({p}) ON CONFLICT DO NOTHING", [(s,) for s in sorted(summits)]
    )


def _recordings(c: Cursor, p: str, ends: Iterable[tuple[int, str]]) -> None:
    """Keep when each recording ended (its last position, its time in UTC), never earlier
    than the one before (clocks may step back)."""
    c.execute("SELECT MAX(recorded_at) FROM tracker_recordings")
    latest = c.fetchone()[0] or ""
    for position, recorded_at in ends:
        latest = max(latest, recorded_at)
        c.execute(f"INSERT INTO tracker_recordings VALUES ({p}, {p})", (position, latest))


class StoredWords(Mapping[str, Said]):
    """The words of claims as recorded (now or at a position), read from their events one
    claim at a time as they are asked for: an explanation of the strongest few of a summit's
    hundred thousand claims reads a few."""

    def __init__(self, view: BeliefView, position: int | None) -> None:
        self.view, self.position = view, position
        self.read: dict[str, Said] = {}

    def __getitem__(self, claim_id: str) -> Said:
        if claim_id not in self.read:
            said = self.view.words_of(claim_id, self.position)
            if said is None:
                raise KeyError(claim_id)
            self.read[claim_id] = said
        return self.read[claim_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.read)  # only those read: the others are not known until asked for

    def __len__(self) -> int:
        return len(self.read)


class BeliefView(ABC):
    """The materialised belief of every summit. Mixed into a backend's tracking recorder."""

    param: str
    """The placeholder of the backend's driver (`?` for sqlite3, `%s` for psycopg): every
    statement of the view is written with it."""
    tracking_table = "tracking"
    events_table: str
    """The store's table of events, in the same database."""
    event_id: str
    """Its column of positions (notification ids)."""
    mapper: PydanticMapper | None = None
    """How the store's events are read (the application's: `Tracker` sets it); else plain JSON."""
    left_out_now: Sequence[LeftOut] = ()
    """The events the last catch-up left out (of withdrawn sources and summits)."""
    rebuild_next = False
    """Set by `clear`: the next catch-up rebuilds the view (`rebuild`)."""
    grown = 0
    """Events this view took in since its statistics were last refreshed (by this process)."""
    reached = 0
    """The position the view last reached in this process."""
    copies_in_sql = True
    """Whether checked events are copied in the backend's own SQL where it has a way
    (`_copier`); tests turn it off to compare with reading them one by one."""

    # -- supplied by the backend ---------------------------------------------------------

    @abstractmethod
    def _session(self, *, commit: bool) -> AbstractContextManager[tuple[Cursor, Any]]:
        """A transaction: the driver's own cursor (tuple rows; statements written with
        `param`), and the raw cursor for tracking."""

    @abstractmethod
    def _cursor_beside(self, c: Cursor) -> Cursor:
        """Another cursor in `c`'s transaction (tuple rows), so that reads inside `reading`
        may be nested or interleaved."""

    @abstractmethod
    def _snapshot(self) -> AbstractContextManager[tuple[Cursor, Any]]:
        """As `_session(commit=False)`, a transaction that sees one snapshot to its end."""

    @abstractmethod
    def _lock(self, c: Cursor) -> None:
        """Serialise the view's writers (processes following the same store) until commit."""

    @functools.cached_property
    def _held(self) -> threading.local:
        """This thread's transaction held by `reading` (`.session`), if any."""
        return threading.local()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Every read of the view inside, in one transaction: the answers come from one snapshot
        (no writer's commit falls between two of them) and a question costs one transaction,
        not one per read (on PostgreSQL, a connection from the pool, BEGIN and ROLLBACK each).
        Nested, the outermost holds."""
        if getattr(self._held, "session", None) is not None:
            yield
            return
        with self._snapshot() as session:
            self._held.session = session
            try:
                yield
            finally:
                self._held.session = None

    def _statement(self) -> AbstractContextManager[tuple[Cursor, Any]]:
        """For a read of one statement, as `_session(commit=False)`; a backend may spare the
        transaction (one statement is a transaction by itself)."""
        return self._session(commit=False)

    @contextmanager
    def _reader(self, *, one_statement: bool = False) -> Iterator[tuple[Cursor, Any]]:
        """A read-only transaction: the one `reading` holds (a cursor of its own in it), else
        a transaction of its own (for `one_statement`, the backend's `_statement`)."""
        held = getattr(self._held, "session", None)
        if held is None:
            with self._statement() if one_statement else self._session(commit=False) as session:
                yield session
            return
        cursor = self._cursor_beside(held[0])
        try:
            yield cursor, held[1]
        finally:
            cursor.close()

    def _empty(self, c: Cursor) -> None:
        """Remove every row of the view's tables, in the caller's transaction."""
        for table in VIEW_TABLES:
            c.execute(f"DELETE FROM {table}")

    @abstractmethod
    def _analyze(self, c: Cursor, tables: Sequence[str] = ()) -> None:
        """Refresh the query planner's statistics of the view's tables and of the events (or
        of the `tables` given), in the caller's transaction (which holds the view's lock);
        nothing where not needed."""

    def latest_beliefs_sql(self, summits: str = "") -> str:
        """Each summit's belief row in force on a day (the first parameter), summit by summit:
        a seek each, not a scan of every history row. `summits` narrows the summits (" WHERE
        s.id = ..."). A backend may do better."""
        return latest_sql("tracker_beliefs", BELIEF_COLUMNS, self.param, summits)

    def in_force(self, table: str, alias: str, *, outer: bool = False) -> str:
        """The join of summit `s` (of `tracker_summits`) with its row of `table` (rows valid from
        a day, keyed by summit and day) in force on a day (the parameter), as `alias`: a seek.
        `outer`: a summit without one is kept, with nulls. A backend may do better."""
        return (
            f"{'LEFT JOIN' if outer else 'JOIN'} {table} {alias} ON {alias}.summit_id = s.id "
            f"AND {alias}.valid_from = ({latest_day(table, self.param)})"
        )

    def counted_states_sql(self, narrow: str = "") -> str:
        """Each summit's definition, its belief row and its counts in force on a day (the first
        two parameters), of the summits defined by a position (the third), by id: a seek per
        summit in each of the beliefs and the counts, one statement. `narrow` narrows the
        summits (" AND s.id IN (...)")."""
        return (
            f"SELECT s.payload, {BELIEFS_OF_B}, "
            "t.supporting, t.contradicting, t.non_answers FROM tracker_summits s "
            f"{self.in_force('tracker_beliefs', 'b')} {self.in_force('tracker_tallies', 't', outer=True)} "
            f"WHERE s.position <= {self.param}{narrow} ORDER BY s.id"
        )

    def latest_tallies_sql(self, summits: str = "") -> str:
        """As `latest_beliefs_sql`, each summit's counts (`tracker_tallies`) in force on a day."""
        return latest_sql(
            "tracker_tallies", "summit_id, supporting, contradicting, non_answers", self.param, summits
        )

    claims_first = "JOIN"
    """How the facts of every summit join the claims to their summits (`_facts`): a backend
    whose planner would seek each claim of each summit in turn says how to scan the claims
    first, then sort (SQLite: `CROSS JOIN`)."""

    keyed = ""
    """What a backend adds to the definition of a table that is only looked up by its primary
    key (SQLite: `WITHOUT ROWID`, the table is its key's index, not a second copy of it)."""

    _insert_tracking: Callable[[Any, Tracking], None]
    """The tracking recorder's own: writes the position in the caller's transaction."""

    def view_tables(self) -> list[str]:
        """The view's CREATE statements (dialect-neutral except where a backend adds)."""
        return [
            "CREATE TABLE IF NOT EXISTS tracker_summits ("
            "id TEXT PRIMARY KEY, position BIGINT NOT NULL, payload TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS tracker_sources ("
            "id TEXT PRIMARY KEY, published TEXT NOT NULL, outlet TEXT NOT NULL, payload_at BIGINT NOT NULL, "
            "visible_from TEXT NOT NULL, instant TEXT)",
            "CREATE TABLE IF NOT EXISTS tracker_claims ("
            "id TEXT NOT NULL, source_id TEXT NOT NULL, visible_from TEXT NOT NULL, "
            "retracted INTEGER NOT NULL, payload_at BIGINT NOT NULL, "
            "recorded_from BIGINT NOT NULL, recorded_to BIGINT, "
            "kind TEXT NOT NULL, modality TEXT NOT NULL, attribution TEXT NOT NULL, "
            "speaker TEXT, speaks_for TEXT, moment TEXT, held_on TEXT, venue TEXT, "
            "time_window TEXT, period TEXT, summits TEXT NOT NULL)",
            "CREATE UNIQUE INDEX IF NOT EXISTS tracker_claims_now "
            "ON tracker_claims (id) WHERE recorded_to IS NULL",
            "CREATE INDEX IF NOT EXISTS tracker_claims_then ON tracker_claims (id, recorded_from)",
            "CREATE INDEX IF NOT EXISTS tracker_claims_source ON tracker_claims (source_id)",
            "CREATE TABLE IF NOT EXISTS tracker_claim_summits ("
            "summit_id TEXT NOT NULL, claim_id TEXT NOT NULL, PRIMARY KEY (summit_id, claim_id))"
            f"{self.keyed}",
            "CREATE INDEX IF NOT EXISTS tracker_claim_summits_claim ON tracker_claim_summits (claim_id)",
            "CREATE TABLE IF NOT EXISTS tracker_beliefs ("
            "summit_id TEXT NOT NULL, valid_from TEXT NOT NULL, status TEXT NOT NULL, since TEXT, "
            "venue TEXT, time_window TEXT, held_on TEXT, decided_by TEXT NOT NULL, "
            "contested_by TEXT NOT NULL, uncertain TEXT NOT NULL, "
            "PRIMARY KEY (summit_id, valid_from))",
            "CREATE TABLE IF NOT EXISTS tracker_tallies ("
            "summit_id TEXT NOT NULL, valid_from TEXT NOT NULL, supporting INTEGER NOT NULL, "
            "contradicting INTEGER NOT NULL, non_answers INTEGER NOT NULL, "
            "PRIMARY KEY (summit_id, valid_from))"
            f"{self.keyed}",
            "CREATE TABLE IF NOT EXISTS tracker_recordings ("
            "position BIGINT PRIMARY KEY, recorded_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS tracker_dirty (summit_id TEXT PRIMARY KEY)",
            "CREATE TABLE IF NOT EXISTS tracker_left_out (position BIGINT PRIMARY KEY, "
            "aggregate_id TEXT NOT NULL, kind TEXT NOT NULL, ident TEXT NOT NULL, reason TEXT NOT NULL)",
        ]

    # -- following the event store -------------------------------------------------------

    def catch_up(
        self, app: Application[Any], progress: Progress | None = None, *, settle: bool = True
    ) -> int:
        """Apply every event recorded after this view's position, then settle; return how many.

        An event this tracker refuses to read stops the catch-up with `UnreadableEvent`,
        naming it, unless its source or summit was withdrawn: then every event of that
        aggregate is left out, listed in `left_out` (and in `left_out_now` when this
        catch-up is the one that left it out). After `clear`, this is a `rebuild`.
        """
        if self.rebuild_next:
            return self.rebuild(app, progress)
        self.left_out_now = []
        applied = self._copy_from(app, self._position(app.name), self._left_out_aggregates(), progress)
        if settle:
            self.settle()
        return applied

    def rebuild(self, app: Application[Any], progress: Progress | None = None) -> int:
        """Empty the view and build it again from every event, settled, in one transaction;
        return how many events were read.

        Under the view's lock throughout: readers see the old view until the new one is
        committed (on PostgreSQL, whose tables are truncated, they wait for it), and other
        writers of the view wait, then find it at the position it reached. An event that
        cannot be read (`UnreadableEvent`) leaves the old view as it was.
        """
        self.rebuild_next = False
        self.left_out_now = []
        with self._session(commit=True) as (c, raw):
            self._lock(c)
            self._empty(c)
            c.execute(f"DELETE FROM {self.tracking_table} WHERE application_name <> '__migration__'")
            applied = self._copy_from(app, 0, set(), progress, (c, raw))
            self._analyze(c)  # before settling: see `settle`
            while self._settle_some(c, emptied=True):
                pass
            self._analyze(c, BELIEF_TABLES)
        self.grown = 0
        return applied

    def _copy_from(
        self,
        app: Application[Any],
        position: int,
        skipped: set[str],
        progress: Progress | None,
        within: tuple[Cursor, Any] | None = None,
    ) -> int:
        """Copy every event after `position` into the view, a batch at a time: checked events
        in the backend's own SQL where it can (`_copy_checked`), the others read and validated
        one by one (`_read`); in the caller's transaction `within` (its cursor and raw cursor),
        else each batch in one of its own. Return how many events were read."""
        applied = 0
        while True:
            start = position + 1
            if within is None:
                copied = self._copy_in_sql(app, start)
            else:
                copied = self._copy_checked(*within, app, start)
            if copied is None:
                batch = self._read(app, start, skipped, within[0] if within else None)
                if batch is None:
                    return applied
                changes, last, clean, read = batch
                checked_from = start if clean else None
                if within is None:
                    self.apply(app.name, changes, upto=last, checked_from=checked_from)
                else:
                    self._apply(*within, app.name, changes, last, checked_from=checked_from)
                copied = last, read
            position, read = copied
            applied += read
            if progress:
                progress(read)

    @staticmethod
    def _notifications(app: Application[Any], start: int) -> Sequence[Any]:
        try:
            return app.recorder.select_notifications(start, BATCH, inclusive_of_start=True)
        except ValueError as error:  # the library makes a UUID of every aggregate id it reads
            raise StoreUnavailable(
                f"the store's events from position {start} on were not written by "
                f"a tracker (an aggregate id is not a UUID: {error}); use another "
                "store"
            ) from None

    def _read(
        self, app: Application[Any], start: int, skipped: set[str], c: Cursor | None = None
    ) -> tuple[list[Change], int, bool, int] | None:
        """The next batch of events from `start` (None: there is none): their changes, the last
        position read, whether every event read was checked, before or now, none refused or
        left out (`tracker.store.changes`), and how many events were read. Events already
        checked are read in bulk as JSON data, trusted; the others are read through the
        library and validated."""
        rows: list[Any] = []
        with nullcontext((c, None)) if c is not None else self._session(commit=False) as (own, _):
            checked = checked_to(own, self.param)
            if start <= checked and self._mapper_is_plain(app):
                own.execute(self.events_sql, (start, checked, BULK))
                rows = own.fetchall()
        try:
            if rows:
                return [trusted(_mapper(app), *row) for row in rows], rows[-1][0], True, len(rows)
        except Exception:  # not as checked as recorded: read it as any other event
            pass
        notifications = self._notifications(app, start)
        if not notifications:
            return None
        left_out = len(self.left_out_now)
        changes = [
            change
            for notification in notifications
            if (change := self._decode(app, notification, skipped, c)) is not None
        ]
        clean = len(self.left_out_now) == left_out
        return changes, notifications[-1].id, clean, len(notifications)

    @staticmethod
    def _mapper_is_plain(app: Application[Any]) -> bool:
        """Whether the store's events are plain JSON (no cipher, no compression): readable in bulk."""
        return not (app.mapper.cipher or app.mapper.compressor)

    @property
    def events_sql(self) -> str:
        """The position, topic and state of the events from one position up to another, in
        order, at most so many (its three parameters)."""
        event_id, p = self.event_id, self.param
        return (
            f"SELECT {event_id}, topic, state FROM {self.events_table} "
            f"WHERE {event_id} >= {p} AND {event_id} <= {p} ORDER BY {event_id} LIMIT {p}"
        )

    def _decode(self, app: Application[Any], notification: Any, skipped: set[str], c: Cursor | None) -> Any:
        """The event's change, validated, or None when its aggregate is withdrawn and it cannot
        be read (then it is listed as left out, through `c` if given, else in a transaction of
        its own)."""
        if (
            skipped
            and str(notification.originator_id) in skipped
            and notification.topic not in WITHDRAWN_TOPICS
        ):
            self._leave_out(c, notification, str(notification.originator_id), None)
            return None
        try:
            return checked(_mapper(app), notification)
        except Exception as error:
            if not refused(error):
                raise
            aggregate = str(notification.originator_id)
            belongs_to = owner(app.recorder, notification)
            if belongs_to is None or not is_withdrawn(app.recorder, notification.originator_id):
                raise UnreadableEvent(notification.id, notification, belongs_to, error) from error
            skipped.add(aggregate)
            self._leave_out(c, notification, aggregate, belongs_to, error)
            return None

    def _leave_out(
        self,
        c: Cursor | None,
        notification: Any,
        aggregate: str,
        belongs_to: tuple[str, str] | None,
        error: BaseException | None = None,
    ) -> None:
        why = reason(error) if error else "its source or summit is withdrawn"
        kind, ident = belongs_to or ("", "")
        item = LeftOut(notification.id, aggregate, kind, ident, why)
        self.left_out_now = [*self.left_out_now, item]
        insert = f"INSERT INTO tracker_left_out VALUES ({marks(self.param, 5)}) ON CONFLICT DO NOTHING"
        if c is not None:
            c.execute(insert, item)
            return
        with self._session(commit=True) as (own, _):
            own.execute(insert, item)

    def _left_out_aggregates(self) -> set[str]:
        with self._reader() as (c, _):
            c.execute("SELECT DISTINCT aggregate_id FROM tracker_left_out")
            return {row[0] for row in c.fetchall()}

    def left_out(self) -> list[LeftOut]:
        """Every event the read model leaves out (of withdrawn sources and summits), in order."""
        with self._reader() as (c, _):
            c.execute(
                "SELECT position, aggregate_id, kind, ident, reason FROM tracker_left_out ORDER BY position"
            )
            return [LeftOut(*row) for row in c.fetchall()]

    def lag(self, app: Application[Any]) -> int:
        """How many recorded events this view does not hold yet, for a store that cannot be
        written (so cannot be caught up); a view of another version cannot answer at all."""
        try:
            with self._reader() as (c, _):
                c.execute("SELECT version FROM tracker_view_version")
                row = c.fetchone()
                position = self._position_in(c, app.name)
        except PersistenceError:
            row = None
        if row is None or row[0] != VIEW_VERSION:
            raise StoreUnavailable(
                "its read model was built by another version of tracker, and it cannot "
                "be rebuilt where the store cannot be written: open it once where it can"
            )
        return (app.recorder.max_notification_id() or 0) - position

    def clear(self) -> None:
        """Have the next catch-up rebuild the view from the events (`rebuild`): it empties the
        view and forgets its position in the transaction that builds it again, so that nobody
        ever reads or follows an emptied view. Until then the view is as it was."""
        self.rebuild_next = True

    def _position(self, app_name: str) -> int:
        with self._reader() as (c, _):
            return self._position_in(c, app_name)

    def apply(
        self,
        app_name: str,
        changes: Sequence[Change],
        upto: int | None = None,
        checked_from: int | None = None,
    ) -> None:
        """Copy changes into the tables, in one transaction; the view's position becomes `upto`
        if given (events between were left out), else the last change's. `checked_from`: every
        event from there on was checked, none refused (`tracker.store.changes.extend`).

        Events another follower has already applied are skipped, so several processes may
        follow one store. Events of one recording share a timestamp: each group is one
        recording, whose time is kept for "as recorded at".
        """
        with self._session(commit=True) as (c, raw):
            self._lock(c)
            self._apply(c, raw, app_name, changes, upto, checked_from)

    def made(self, positions: Sequence[int]) -> None:
        """The events at these positions were just recorded by this tracker, in one
        transaction, validated as they were made: the stretch of checked events grows over
        them if it reached them and they follow on each other, so that the next catch-up
        copies them in bulk, as trusted (`tracker.store.changes`); else it checks them."""
        if positions and list(positions) == list(range(positions[0], positions[-1] + 1)):
            with self._session(commit=True) as (c, _):
                extend(c, self.param, positions[0], positions[-1])

    def follow_on(self, app_name: str, changes: Sequence[Change]) -> bool:
        """Apply changes this process has just recorded (validated as they were made, so not
        read back nor checked again) when they follow on the view's position with nothing
        between; False (nothing done) when they do not: another writer recorded meanwhile, or
        the view is to be rebuilt. Then a catch-up reads them with the others."""
        if self.rebuild_next or not changes:
            return False
        with self._session(commit=True) as (c, raw):
            self._lock(c)
            done = self._position_in(c, app_name)
            if [change.position for change in changes] != list(range(done + 1, done + 1 + len(changes))):
                return False
            self._apply(c, raw, app_name, changes, None, checked_from=done + 1)
        return True

    def _apply(
        self,
        c: Cursor,
        raw: Any,
        app_name: str,
        changes: Sequence[Change],
        upto: int | None,
        checked_from: int | None = None,
    ) -> None:
        """`apply`, in the caller's transaction (which holds the view's lock)."""
        done = self._position_in(c, app_name)
        changes = [change for change in changes if change.position > done]
        reached = max(upto or 0, changes[-1].position if changes else 0)
        if checked_from is not None and reached:
            extend(c, self.param, checked_from, reached)
        if reached <= done:
            return
        self.reached = reached
        self.grown += len(changes)
        if not changes:
            self._insert_tracking(raw, Tracking(app_name, reached))
            return
        _mark_dirty(c, self.param, _Copier(c, self.param, self._insert).copy(changes))
        ends = []
        for recorded_at, group in groupby(changes, key=lambda change: change.recorded_at):
            *_, last = group
            ends.append((last.position, recorded_at))
        _recordings(c, self.param, ends)
        self._insert_tracking(raw, Tracking(app_name, reached))

    def _insert(self, c: Cursor, table: str, columns: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Write new rows of `table`'s `columns` in the caller's transaction; a backend may do
        it faster than `INSERT`."""
        c.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({marks(self.param, columns.count(',') + 1)})", rows
        )

    def _copier(self, c: Cursor, start: int, end: int) -> SQLCopier | None:
        """The backend's way to copy the checked events from `start` to `end` (both included)
        in its own SQL, or None (none, or not for these events): they are read one by one."""
        return None

    def _copy_checked(self, c: Cursor, raw: Any, app: Application[Any], start: int) -> tuple[int, int] | None:
        """Copy the next stretch of checked events from `start` in the backend's own SQL
        (`_copier`), in the caller's transaction, which holds the view's lock: the stretch's
        last position and how many events it held; None when there is no such stretch or
        way, or another follower has applied these events (then they are read one by one)."""
        if not self.copies_in_sql or not self._mapper_is_plain(app):
            return None
        end = min(checked_to(c, self.param), start + BULK - 1)
        if end < start or self._position_in(c, app.name) >= start:
            return None
        copier = self._copier(c, start, end)
        if copier is None:
            return None
        try:
            others = [trusted(_mapper(app), *row) for row in copier.others()]
        except Exception:  # not as checked as recorded: read them as any other events
            return None
        definitions = [change for change in others if change.name == SUMMIT_DEFINED]
        rest = [change for change in others if change.name != SUMMIT_DEFINED]
        p = self.param
        copy = _Copier(c, p, self._insert).copy
        count = copier.add_sources() + len(others)  # an added claim needs its source
        _mark_dirty(c, p, copy(definitions))
        count += copier.add_claims()
        _mark_dirty(c, p, copy(rest))  # each closes the version current before it: all are in
        _recordings(c, p, copier.recordings())
        self._insert_tracking(raw, Tracking(app.name, end))
        self.reached = end
        self.grown += count
        return end, count

    def _copy_in_sql(self, app: Application[Any], start: int) -> tuple[int, int] | None:
        """`_copy_checked` in a transaction of its own."""
        with self._session(commit=True) as (c, raw):
            self._lock(c)
            return self._copy_checked(c, raw, app, start)

    def _position_in(self, c: Cursor, app_name: str) -> int:
        c.execute(
            f"SELECT MAX(notification_id) FROM {self.tracking_table} WHERE application_name = {self.param}",
            (app_name,),
        )
        return int(c.fetchone()[0] or 0)

    settles_alongside_from = 20000
    """Events taken in since the last settling from which a settling of more than one batch
    of summits folds alongside a worker process, where the backend allows
    (`tracker.store.alongside`; tests lower it)."""

    def settle(self) -> int:
        """Recompute the history of every dirty summit; return how many were recomputed.

        After bulk work (`ANALYZE_AFTER`), the planner's statistics are refreshed first: the
        queries that read each summit's claims are planned on the tables as they now are (a
        plan made for the small tables of before scans the whole claims table per summit).
        After much bulk work, a worker process folds every other batch of summits
        (`tracker.store.alongside`)."""
        bulk = self.grown >= ANALYZE_AFTER and self.grown * 10 >= self.reached
        if bulk:
            with self._session(commit=True) as (c, _):
                self._lock(c)
                self._analyze(c)
        settled = self._settle_alongside() if self.grown >= self.settles_alongside_from else 0
        while True:
            with self._session(commit=True) as (c, _):
                self._lock(c)
                done = self._settle_some(c)
                if not done and bulk:  # the histories just written, for the questions
                    self._analyze(c, BELIEF_TABLES)
                    self.grown = 0
            if not done:
                return settled
            settled += done

    def _settle_alongside(self) -> int:
        """Settle the summits now dirty, a batch at a time, with a worker process folding
        every other batch, if the backend lets another connection read the store as this one
        writes (`_reader_location`) and there is more than one batch; how many were settled."""
        location = self._reader_location()
        if location is None:
            return 0
        with self._reader() as (c, _):
            c.execute("SELECT summit_id FROM tracker_dirty ORDER BY summit_id")
            dirty = [row[0] for row in c.fetchall()]
        if len(dirty) <= SETTLE_BATCH:
            return 0
        from tracker.store.alongside import settle_alongside

        return settle_alongside(
            self, location, [dirty[i : i + SETTLE_BATCH] for i in range(0, len(dirty), SETTLE_BATCH)]
        )

    def _reader_location(self) -> str | None:
        """Where a worker process may open the store to read it while this view writes (None:
        nowhere, the default: then settling folds in this process alone)."""
        return None

    def tracked(self, c: Cursor) -> int:
        """The furthest position the view has taken in, of any application."""
        c.execute(f"SELECT MAX(notification_id) FROM {self.tracking_table}")
        return int(c.fetchone()[0] or 0)

    def _settle_some(self, c: Cursor, *, emptied: bool = False) -> int:
        """Recompute up to `SETTLE_BATCH` dirty summits in the caller's transaction (which holds
        the view's lock); return how many (0: none was dirty). `emptied`: in a rebuild, whose
        histories and tallies were all emptied (none to delete)."""
        p = self.param
        c.execute(f"SELECT summit_id FROM tracker_dirty ORDER BY summit_id LIMIT {p}", (SETTLE_BATCH,))
        dirty = [r[0] for r in c.fetchall()]
        self.write_histories(c, dirty, self.history_rows(c, dirty), emptied=emptied)
        return len(dirty)

    def history_rows(self, c: Cursor, summit_ids: Sequence[str]) -> Settled:
        """The rows of `tracker_beliefs` and `tracker_tallies` of these summits, computed from
        their current claims (read in one query for them all); none for a summit not defined
        (claims may precede their summit's definition in a foreign store)."""
        summits = self._summits(c, None, set(summit_ids))
        said: dict[str, list[Pointer]] = {}
        histories = self._histories(c, summits, said=said)
        beliefs = [_belief_row(summit_id, belief) for summit_id, history in histories for belief in history]
        counts = [
            (summit_id, day.isoformat(), *tally)
            for summit_id, history in histories
            for day, tally in tallies(history, said.get(summit_id, ()))
        ]
        return beliefs, counts

    def write_histories(
        self, c: Cursor, summit_ids: Sequence[str], rows: Settled, *, emptied: bool = False
    ) -> None:
        """Replace these summits' stored histories and tallies with `rows` (`history_rows`), and
        mark them settled, in the caller's transaction (which holds the view's lock); in a
        rebuild (`emptied`), there are none to replace."""
        p, which = self.param, [(s,) for s in summit_ids]
        beliefs, counts = rows
        if not emptied:
            c.executemany(f"DELETE FROM tracker_beliefs WHERE summit_id = {p}", which)
            c.executemany(f"DELETE FROM tracker_tallies WHERE summit_id = {p}", which)
        self._insert(c, "tracker_beliefs", BELIEF_COLUMNS, beliefs)
        self._insert(c, "tracker_tallies", TALLY_COLUMNS, counts)
        c.executemany(f"DELETE FROM tracker_dirty WHERE summit_id = {p}", which)

    def _histories(
        self,
        c: Cursor,
        summits: Sequence[Summit],
        *,
        position: int | None = None,
        until: dt.date | None = None,
        said: dict[str, list[Pointer]] | None = None,
    ) -> list[tuple[str, list[Belief]]]:
        """Each summit's history from its claims as now recorded (or at `position`), visible by
        `until` if given: the facts of all of them stream from one query, in summit then day
        order, through the fold, a summit at a time. With `said`, each summit's claims folded
        are noted there as `Pointer`s, in the order folded."""
        by_id = {summit.id: summit for summit in summits}
        if not by_id:
            return []
        ids = sorted(by_id) if len(by_id) <= FEW else []  # more: all summits, the others skipped
        histories = []
        for summit_id, pairs in groupby(self._facts(c, ids, position=position, visible_by=until), key=_first):
            summit = by_id.pop(summit_id, None)
            if summit is not None:
                if said is None:
                    items: Iterator[Fact] = map(_second, pairs)
                else:
                    items = _noted(pairs, said.setdefault(summit_id, []))
                histories.append((summit_id, fold(summit, items)))
        histories += [(summit.id, fold(summit, ())) for summit in by_id.values()]  # no claims
        return histories

    # -- queries -------------------------------------------------------------------------

    def _claims(
        self,
        c: Cursor,
        *,
        summit: str | None = None,
        source: str | None = None,
        include_retracted: bool = True,
        position: int | None = None,
        visible_by: dt.date | None = None,
    ) -> Iterator[ClaimRecord]:
        """Claims as now recorded, or (with `position`) the versions recorded at that position.

        In day order (`visible_from`), read from the cursor as they are consumed: use them
        up before the cursor runs another statement.
        """
        c.execute(
            *self.claims_query(
                summit=summit,
                source=source,
                include_retracted=include_retracted,
                position=position,
                visible_by=visible_by,
            )
        )
        for topic, state, published, outlet, retracted in c:
            claim = Claim.model_validate(self._decoded(topic, state)["claim"])
            if summit is not None and summit not in claim.summits:
                continue  # this version no longer concerns the summit
            yield ClaimRecord(
                claim=claim, published=span_of(published), outlet=outlet, retracted=bool(retracted)
            )

    def _facts(
        self,
        c: Cursor,
        summits: Sequence[str],
        *,
        position: int | None = None,
        visible_by: dt.date | None = None,
        include_retracted: bool = False,
    ) -> Iterator[tuple[str, Fact]]:
        """The facts the rules weigh of the claims about each of `summits` (all if empty), with
        the summit, as now recorded or (with `position`) recorded then, visible by `visible_by`
        if given: read from the view's columns, never from its JSON, in summit then day order
        (`visible_from`), as they are consumed: use them up before the cursor runs another
        statement."""
        c.execute(
            *self.facts_query(
                summits, position=position, visible_by=visible_by, include_retracted=include_retracted
            )
        )
        for row in c:
            fact = _fact(row[1:])
            if row[0] in fact.summits:  # else this version no longer concerns the summit
                yield row[0], fact

    def facts_query(
        self,
        summits: Sequence[str],
        *,
        position: int | None = None,
        visible_by: dt.date | None = None,
        include_retracted: bool = False,
    ) -> tuple[str, list[Any]]:
        """The SQL (written with `param`) and parameters that `_facts` runs."""
        picked, params = picking(
            self.param,
            summits=summits,
            include_retracted=include_retracted,
            position=position,
            visible_by=visible_by,
            join="JOIN" if summits else self.claims_first,
        )
        return f"SELECT cs.summit_id, {FACT_COLUMNS} FROM tracker_claims c{picked}", params

    def claims_query(
        self,
        *,
        summit: str | None = None,
        source: str | None = None,
        include_retracted: bool = True,
        position: int | None = None,
        visible_by: dt.date | None = None,
        among: Sequence[str] | None = None,
    ) -> tuple[str, list[Any]]:
        """The SQL (written with `param`) and parameters that `_claims` runs: each claim's
        version is read from the event that holds it, in the store's own table."""
        picked, params = picking(
            self.param,
            summit=summit,
            source=source,
            include_retracted=include_retracted,
            position=position,
            visible_by=visible_by,
            among=among,
        )
        sql = (
            "SELECT e.topic, e.state, s.published, s.outlet, c.retracted "
            f"{WITH_SOURCES} "
            f"JOIN {self.events_table} e ON e.{self.event_id} = c.payload_at{picked}"
        )
        return sql, params

    def pointers(
        self, day: dt.date, summit_ids: Sequence[str] | None = None, position: int | None = None
    ) -> dict[str, list[Pointer]]:
        """Each (or each given) summit's claims visible on `day`, not retracted, as recorded now
        or at `position`, as `Pointer`s (id, status pointed at, day): what `state` lists beside
        a belief. One query for all the summits, read from the view's columns: for a few
        summits through their claims' index, else a scan of the claim versions, each counted
        for the summits it concerns (a withdrawn source's claims are no longer in the view)."""
        p = self.param
        where, params = as_recorded(p, position)
        where += ["c.retracted = 0", f"c.visible_from <= {p}"]
        params.append(day.isoformat())
        wanted = None if summit_ids is None else set(summit_ids)
        sql = "SELECT c.summits, c.id, c.kind, c.modality, c.visible_from FROM tracker_claims c"
        if summit_ids is not None and len(summit_ids) <= FEW:
            sql += " JOIN tracker_claim_summits cs ON cs.claim_id = c.id"
            where.append(f"cs.summit_id IN ({marks(p, len(summit_ids))})")
            params += list(summit_ids)
        found: defaultdict[str, list[Pointer]] = defaultdict(list)
        seen: set[str] = set()
        with self._reader() as (c, _):
            c.execute(f"{sql} WHERE {' AND '.join(where)}", params)
            for summits, claim_id, kind, modality, visible_from in c:  # a million rows at 1M claims
                if wanted is not None:  # joined once per summit asked about: counted once
                    if claim_id in seen:
                        continue
                    seen.add(claim_id)
                pointer = _made(Pointer, (claim_id, SIGNAL_OF[kind][modality], _day(visible_from)))
                if " " not in summits:  # the summits this version concerns: mostly one
                    if wanted is None or summits in wanted:
                        found[summits].append(pointer)
                    continue
                for summit_id in summits.split(" "):
                    if wanted is None or summit_id in wanted:
                        found[summit_id].append(pointer)
        return dict(found)

    def explaining(
        self,
        summit: str,
        position: int | None = None,
        visible_by: dt.date | None = None,
        *,
        every_word: bool = True,
    ) -> tuple[list[Fact], Mapping[str, Said]]:
        """What `explained` needs of `summit`'s claims not retracted, as now recorded or at
        `position`, visible by `visible_by`: the facts from the view's columns, and the words of
        each from its event, read as stored (validated when recorded: no model is built). Not
        `every_word`, the words are read a claim at a time as they are asked for
        (`StoredWords`): for an explanation of a few of many claims."""
        picked, params = picking(
            self.param, summit=summit, include_retracted=False, position=position, visible_by=visible_by
        )
        words = ", s.published, s.outlet, e.topic, e.state" if every_word else ""
        joined = f" JOIN {self.events_table} e ON e.{self.event_id} = c.payload_at" if every_word else ""
        sql = f"SELECT {FACT_COLUMNS}{words} {WITH_SOURCES}{joined}{picked}"
        facts: list[Fact] = []
        said: dict[str, Said] = {}
        with self._reader() as (c, _):
            c.execute(sql, params)
            for row in c:
                fact = _fact(row[:13])
                if summit not in fact.summits:
                    continue  # this version no longer concerns the summit
                facts.append(fact)
                if every_word:
                    said[fact.id] = self._said(*row[13:])
        return facts, said if every_word else StoredWords(self, position)

    def _said(self, published: str, outlet: str, topic: str, state: Any) -> Said:
        """A claim's `Said` from its source's publication and outlet and its event as stored."""
        claim = self._decoded(topic, state)["claim"]
        attribution, stated_on = claim.get("attribution") or {}, claim.get("stated_on")
        return Said(
            outlet,
            span_text(published),
            attribution.get("role"),
            attribution.get("via"),
            claim["quote"],
            None if stated_on is None else span_text(stated_on),
        )

    def words_of(self, claim_id: str, position: int | None = None) -> Said | None:
        """The words of one claim as now recorded or at `position` (None if it had none then)."""
        where, params = as_recorded(self.param, position)
        sql = (
            f"SELECT s.published, s.outlet, e.topic, e.state {WITH_SOURCES} "
            f"JOIN {self.events_table} e ON e.{self.event_id} = c.payload_at "
            f"WHERE c.id = {self.param} AND {' AND '.join(where)}"
        )
        with self._reader() as (c, _):
            c.execute(sql, [claim_id, *params])
            row = c.fetchone()
        return None if row is None else self._said(*row)

    def claims(
        self,
        *,
        summit: str | None = None,
        source: str | None = None,
        position: int | None = None,
        visible_by: dt.date | None = None,
    ) -> list[ClaimRecord]:
        return list(self.each_claim(summit=summit, source=source, position=position, visible_by=visible_by))

    def each_claim(
        self,
        *,
        summit: str | None = None,
        source: str | None = None,
        position: int | None = None,
        visible_by: dt.date | None = None,
    ) -> Generator[ClaimRecord, None, None]:
        """`claims`, one at a time as they are read, in a read transaction held until the last
        (or until the iterator is closed): memory does not grow with how many there are."""
        with self._reader() as (c, _):
            yield from self._claims(c, summit=summit, source=source, position=position, visible_by=visible_by)

    def each_stored_claim(
        self,
        *,
        summit: str | None = None,
        source: str | None = None,
        position: int | None = None,
        among: Sequence[str] | None = None,
    ) -> Generator[StoredClaim, None, None]:
        """`each_claim` without models, for output: each claim as stored (its JSON data, upcast;
        validated when recorded), in the same order, read as consumed; with `among`, only the
        claims about any of those summits, each once."""
        sql, params = self.claims_query(summit=summit, source=source, position=position, among=among)
        concerned = {summit} if summit is not None else set(among) if among is not None else None
        with self._reader() as (c, _):
            c.execute(sql, params)
            for topic, state, published, outlet, retracted in c:
                claim = self._decoded(topic, state)["claim"]
                if concerned is None or concerned.intersection(claim["summits"]):  # else no longer
                    yield StoredClaim(claim, published, outlet, bool(retracted))

    def latest_stored_claims(
        self, *, summit: str | None = None, source: str | None = None, position: int | None = None
    ) -> Generator[StoredClaim, None, None]:
        """`each_stored_claim`, latest first: by the day each claim became visible, then by id,
        both descending. Where each claim is stored is read first, in that order; the claims
        themselves then a part at a time, as consumed: the latest few of a summit's hundred
        thousand claims cost a few reads, not the hundred thousand."""
        picked, params = picking(
            self.param, summit=summit, source=source, position=position, latest_first=True
        )
        sql = f"SELECT c.payload_at, c.summits, s.published, s.outlet, c.retracted {WITH_SOURCES}{picked}"
        with self._reader() as (c, _):
            c.execute(sql, params)
            keys = [row for row in c.fetchall() if summit is None or summit in row[1].split(" ")]
            for start in range(0, len(keys), LATEST_PART):
                part = keys[start : start + LATEST_PART]
                c.execute(
                    f"SELECT {self.event_id}, topic, state FROM {self.events_table} "
                    f"WHERE {self.event_id} IN ({marks(self.param, len(part))})",
                    [key[0] for key in part],
                )
                states = {at: (topic, state) for at, topic, state in c.fetchall()}
                for payload_at, _, published, outlet, retracted in part:
                    claim = self._decoded(*states[payload_at])["claim"]
                    yield StoredClaim(claim, published, outlet, bool(retracted))

    def corrections(self, among: Sequence[str] | None = None) -> list[tuple[str, bool, dict[str, Any]]]:
        """The corrections and retractions of the claims in the view (about any of `among`, if
        given), in the order recorded: for each, its claim's source, whether it retracts the
        claim, and its event's data (upcast). Read from the claim versions they made (each made
        one, recorded from its event): a withdrawn source's are gone with its claims."""
        p = self.param
        sql = (
            f"SELECT c.source_id, e.topic, e.state FROM tracker_claims c "
            f"JOIN {self.events_table} e ON e.{self.event_id} = c.recorded_from WHERE e.topic IN ({p}, {p})"
        )
        params: list[Any] = list(FIX_TOPICS)
        if among is not None:
            sql += f" AND {about_any(p, len(among))}"
            params += list(among)
        with self._reader() as (c, _):
            c.execute(f"{sql} ORDER BY e.{self.event_id}", params)
            return [
                (source_id, FIX_TOPICS[topic], self._decoded(topic, state)) for source_id, topic, state in c
            ]

    def claims_by_summit(self) -> Counter[str]:
        """How many claims each summit has, as now recorded, not retracted: counted in SQL by
        the claims' summits (a few combinations), no claim read."""
        counts: Counter[str] = Counter()
        with self._reader() as (c, _):
            c.execute(f"SELECT summits, COUNT(*) FROM tracker_claims WHERE {CURRENT} GROUP BY summits")
            for summits, count in c:
                for summit_id in summits.split(" "):  # ids hold no spaces (ID_PATTERN)
                    counts[summit_id] += count
        return counts

    def count_claims(self, among: Sequence[str] | None = None, visible_by: dt.date | None = None) -> int:
        """How many claims there are as now recorded (retracted ones too), about any of `among`
        (all if None), visible by `visible_by` if given: what `each_stored_claim` would give,
        counted in SQL (about some summits, only each claim's summits are read)."""
        picked, params = picking(self.param, visible_by=visible_by, among=among, ordered=False)
        with self._reader() as (c, _):
            if among is None:
                c.execute(f"SELECT COUNT(*) FROM tracker_claims c{picked}", params)
                return int(c.fetchone()[0])
            c.execute(f"SELECT c.summits FROM tracker_claims c{picked}", params)
            wanted = set(among)  # a version may no longer concern the summits its claim did
            return sum(1 for (summits,) in c if not wanted.isdisjoint(summits.split(" ")))

    def claims_by_source(self) -> Counter[str]:
        """How many claims each source has, as now recorded, not retracted: counted in SQL."""
        with self._reader() as (c, _):
            c.execute(f"SELECT source_id, COUNT(*) FROM tracker_claims WHERE {CURRENT} GROUP BY source_id")
            return Counter(dict(c.fetchall()))

    def _decoded(self, topic: str, state: Any) -> dict[str, Any]:
        """A stored event's state as JSON data, upcast (what the view points at: `payload_at`)."""
        return (self.mapper or _plain_mapper()).decode_state(topic, bytes(state))[1]

    def _sources_sql(self, rest: str) -> str:
        """The sources' visible day and their events' topic and state (`_source`), then `rest`."""
        return (
            f"SELECT s.visible_from, e.topic, e.state FROM tracker_sources s JOIN {self.events_table} e "
            f"ON e.{self.event_id} = s.payload_at {rest}"
        )

    def _source(self, topic: str, state: Any) -> Source:
        return Source.model_validate(self._decoded(topic, state)["source"])

    def sources(self, source_id: str | None = None) -> list[Source]:
        """The recorded sources in publication order (or the one of this id, if recorded)."""
        if source_id is None:
            return list(self.each_source())
        with self._reader() as (c, _):
            c.execute(self._sources_sql(f"WHERE s.id = {self.param}"), (source_id,))
            return [self._source(topic, state) for _, topic, state in c]

    def each_source(self, between: tuple[dt.date, dt.date] | None = None) -> Generator[Source, None, None]:
        """The recorded sources in publication order (`publication_order`), read a day at a
        time (the last day each may have been published), in a read transaction held until the
        last (or until the iterator is closed): memory does not grow with how many there are.
        With `between`, only those whose last day of publication is within those days."""
        stored = self.each_stored_source(between)
        try:
            for source in stored:
                yield Source.model_validate(source)
        finally:
            stored.close()

    def each_stored_source(
        self, between: tuple[dt.date, dt.date] | None = None
    ) -> Generator[dict[str, Any], None, None]:
        """`each_source` without models, for output: each source's JSON data as stored (upcast;
        validated when recorded), in the same order."""
        where, params = "", []
        if between is not None:
            where, params = (
                f"WHERE s.visible_from BETWEEN {self.param} AND {self.param} ",
                [day.isoformat() for day in between],
            )
        with self._reader() as (c, _):
            c.execute(self._sources_sql(f"{where}ORDER BY s.visible_from"), params)
            for _, rows in groupby(c, key=lambda row: row[0]):  # a day: then by earliest day, id
                yield from sorted(
                    (self._decoded(topic, state)["source"] for _, topic, state in rows), key=_day_order
                )

    def summits(self, position: int | None = None, wanted: Iterable[str] | None = None) -> list[Summit]:
        """The summits defined by `position` (None: all), by id; only the `wanted` ones if given."""
        with self._reader(one_statement=True) as (c, _):
            return self._summits(c, position, None if wanted is None else set(wanted))

    def _summits(self, c: Cursor, position: int | None, wanted: set[str] | None = None) -> list[Summit]:
        """The summits defined by `position` (None: all), by id; only `wanted` ones are parsed."""
        if wanted is not None and not wanted:
            return []
        narrow, ids = self._narrowed(wanted, "id")
        c.execute(
            f"SELECT id, payload FROM tracker_summits WHERE position <= {self.param}{narrow} ORDER BY id",
            (position if position is not None else 2**62, *ids),
        )
        return [
            _summit(payload) for summit_id, payload in c.fetchall() if wanted is None or summit_id in wanted
        ]

    def _narrowed(self, wanted: set[str] | None, column: str) -> tuple[str, list[str]]:
        """The condition (" AND column IN (...)") and parameters that narrow a read of summits
        to the `wanted` ones, if they are few; else none: all are read, the wanted kept."""
        if wanted is None or len(wanted) > FEW:
            return "", []
        return f" AND {column} IN ({marks(self.param, len(wanted))})", sorted(wanted)

    def position_at(self, moment: dt.datetime) -> int:
        """The store position whose recordings all happened at or before `moment` (0: none)."""
        with self._reader() as (c, _):
            c.execute(
                f"SELECT MAX(position) FROM tracker_recordings WHERE recorded_at <= {self.param}",
                (moment.astimezone(dt.UTC).isoformat(),),
            )
            return int(c.fetchone()[0] or 0)

    def beliefs_at(
        self, day: dt.date, summit_ids: Iterable[str] | None = None, position: int | None = None
    ) -> dict[str, Belief]:
        """Each summit's (or each given summit's) belief on `day`, as now recorded or at `position`."""
        if position is not None:
            return self._beliefs_then(day, summit_ids, position)
        with self._reader() as (c, _), acyclic():
            rows = self._latest_rows(c, self.latest_beliefs_sql, day, summit_ids)
            return {row[0]: _belief(row) for row in rows}

    def tallies_at(self, day: dt.date, summit_ids: Iterable[str] | None = None) -> dict[str, Counts]:
        """Each summit's (or each given summit's) `Counts` on `day`, as now recorded: what
        `bearing` would count of its visible claims (a summit without a row counts none)."""
        with self._reader() as (c, _):
            rows = self._latest_rows(c, self.latest_tallies_sql, day, summit_ids)
        return {row[0]: Counts(*row[1:]) for row in rows}

    def _latest_rows(
        self, c: Cursor, sql: Callable[[str], str], day: dt.date, summit_ids: Iterable[str] | None
    ) -> list[Any]:
        """The rows in force on `day` that `sql` selects (`latest_sql`): of every summit in one
        statement, else of each given summit in turn, unless they are many (more than `FEW`):
        then those of every summit, the given ones kept."""
        wanted = None if summit_ids is None else set(summit_ids)
        if wanted is None or len(wanted) > FEW:
            c.execute(sql(""), (day.isoformat(),))
            return [row for row in c.fetchall() if wanted is None or row[0] in wanted]
        rows: list[Any] = []
        one = sql(f" WHERE s.id = {self.param}")
        for summit_id in sorted(wanted):
            c.execute(one, (day.isoformat(), summit_id))
            rows += c.fetchall()
        return rows

    def _beliefs_then(
        self, day: dt.date, summit_ids: Iterable[str] | None, position: int
    ) -> dict[str, Belief]:
        """Beliefs as recorded at `position`: those the view keeps of the summits whose claims
        have not changed since (`_kept_then`), the others recomputed from the claim versions of
        then."""
        with self.reading():
            beliefs, changed = self._kept_then(day, self.summits(position, summit_ids), position)
            for summit_id, history in self._folded_then(day, changed, position):
                beliefs[summit_id] = belief_at(history, day)
            return beliefs

    def _kept_then(
        self, day: dt.date, summits: Sequence[Summit], position: int
    ) -> tuple[dict[str, Belief], list[Summit]]:
        """The beliefs on `day` that the view keeps of those `summits` whose history up to
        `day` as recorded at `position` is the one it keeps, and the other summits. A summit's
        belief on a day is a fold of the versions of its claims in force visible by then: when
        no version of one of its claims visible by `day` was recorded or closed (corrected,
        retracted) after `position`, and it is not left to settle, those of then are those of
        now. (Recorded in publication order, a question about a day before `position`'s
        recordings finds nearly every summit so.)"""
        p = self.param
        with self._reader() as (c, _):
            c.execute(
                "SELECT cs.summit_id FROM tracker_claim_summits cs WHERE cs.claim_id IN ("
                f"SELECT c.id FROM tracker_claims c WHERE (c.recorded_from > {p} OR c.recorded_to > {p}) "
                f"AND c.visible_from <= {p}) UNION SELECT summit_id FROM tracker_dirty",
                (position, position, day.isoformat()),
            )
            moved = {row[0] for row in c.fetchall()}
            still = [summit.id for summit in summits if summit.id not in moved]
            rows = self._latest_rows(c, self.latest_beliefs_sql, day, still)
        kept = {row[0]: _belief(row) for row in rows}
        return kept, [summit for summit in summits if summit.id not in kept]

    def _folded_then(
        self,
        day: dt.date,
        summits: Sequence[Summit],
        position: int,
        said: dict[str, list[Pointer]] | None = None,
    ) -> list[tuple[str, list[Belief]]]:
        """The histories up to `day` of `summits` (defined at `position`) as recorded then,
        folded from the claim versions of then (noted in `said`, if given)."""
        with self._reader() as (c, _):
            return self._histories(c, summits, position=position, until=day, said=said)

    def counted_states(
        self, day: dt.date, summit_ids: Iterable[str] | None = None, position: int | None = None
    ) -> list[tuple[Summit, Belief, Counts]]:
        """Each summit defined at `position` (None: now), or each given one, by id: with its
        belief on `day` and the `Counts` of the visible claims bearing on it. As now recorded,
        from the view's rows in one statement (`counted_states_sql`); at `position`, the rows
        of the summits unchanged since (`_kept_then`), the others from the fold of the claim
        versions of then."""
        wanted = None if summit_ids is None else set(summit_ids)
        if position is not None:
            with self.reading():
                summits = self.summits(position, wanted)
                kept, changed = self._kept_then(day, summits, position)
                counts = self.tallies_at(day, kept)
                counted = self._counted_then(day, changed, position)
            counted |= {
                summit_id: (belief, counts.get(summit_id, NONE)) for summit_id, belief in kept.items()
            }
            return [(s, *counted[s.id]) for s in summits if s.id in counted]
        narrow, ids = self._narrowed(wanted, "s.id")
        with self._reader(one_statement=True) as (c, _), acyclic():
            c.execute(self.counted_states_sql(narrow), (day.isoformat(), day.isoformat(), 2**62, *ids))
            return [
                (
                    _summit(row[0]),
                    _belief(row[1:11]),
                    NONE if row[11] is None else Counts(*row[11:]),
                )
                for row in c
                if wanted is None or row[1] in wanted
            ]

    def _counted_then(
        self, day: dt.date, summits: Sequence[Summit], position: int
    ) -> dict[str, tuple[Belief, Counts]]:
        """`counted_states` as recorded at `position`: the claim versions of then visible on
        `day` folded, and counted for the belief they lead to (`counts_of`) as settling counts
        them."""
        said: dict[str, list[Pointer]] = {}
        counted = {}
        for summit_id, history in self._folded_then(day, summits, position, said):
            belief = belief_at(history, day)
            counted[summit_id] = (belief, counts_of(belief, said.get(summit_id, ())))
        return counted

    def timeline(self, summit_id: str) -> list[Belief]:
        with self._reader(one_statement=True) as (c, _):
            c.execute(timeline_sql(self.param), (summit_id,))
            return [_belief(r) for r in c.fetchall()]

    def timelines_moving(self, start: dt.date, end: dt.date) -> dict[str, list[Belief]]:
        """The timelines from the day before `start` to `end` of the summits whose state moves
        on a day from `start` to `end` (a row of theirs starts on one): one statement
        (`moving_query`). Each begins with the row in force the day before `start` (every
        history has one from its beginning), so `belief_at` answers for any of those days.
        Every other summit stands on each of those days where it stood the day before."""
        with self._reader(one_statement=True) as (c, _), acyclic():
            c.execute(*self.moving_query(start, end))
            return {summit_id: [_belief(row) for row in rows] for summit_id, rows in groupby(c, key=_first)}

    def moving_query(self, start: dt.date, end: dt.date) -> tuple[str, tuple[str, ...]]:
        """The statement of `timelines_moving`, and its parameters: the summits with a row
        starting from `start` to `end`, each with the day of its row in force the day before
        `start` (a seek each), then a seek of each one's rows from that day to `end`. Kept
        apart (`MATERIALIZED`) so that PostgreSQL looks that day up once per summit, not once
        per row of every summit's history (a tenfold difference at 1M)."""
        p = self.param
        since = latest_day("tracker_beliefs", p, "d.summit_id")
        return (
            f"WITH m AS MATERIALIZED (SELECT d.summit_id, ({since}) AS since FROM (SELECT DISTINCT "
            f"summit_id FROM tracker_beliefs WHERE valid_from >= {p} AND valid_from <= {p}) d) "
            f"SELECT {BELIEFS_OF_B} FROM m JOIN tracker_beliefs b ON b.summit_id = m.summit_id "
            f"AND b.valid_from >= m.since AND b.valid_from <= {p} ORDER BY b.summit_id, b.valid_from",
            ((start - dt.timedelta(days=1)).isoformat(), start.isoformat(), end.isoformat(), end.isoformat()),
        )
