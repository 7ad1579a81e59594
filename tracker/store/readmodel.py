"""The belief read model: SQLite tables kept up to date from the event store.

Claims and summits are copied into tables; for every summit touched by new events its
status history (`tracker.domain.belief.history`) is recomputed and stored as rows valid
from a day. Rows are bitemporal: each carries the store position from which it was
believed and, once superseded, the position at which it stopped being so. The view's
tracking position is written in the same transaction as its rows, so it resumes after a
restart without reprocessing. "State at D" is then one index lookup per summit, and
"as recorded at T" the same lookup restricted to the rows believed at T.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Tracking
from eventsourcing.sqlite import SQLiteCursor, SQLiteTrackingRecorder

from tracker.domain.belief import Belief, history
from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Claim, PublishedClaim, Source, Summit
from tracker.domain.vocabulary import Status
from tracker.store.events import SourceRecord, SummitRecord

BEGINNING = dt.date.min.isoformat()
BATCH = 1000
VIEW_VERSION = 2
"""Bump when the view's tables change: a view of another version is dropped and rebuilt."""
VIEW_TABLES = ("tracker_summits", "tracker_sources", "tracker_claims", "tracker_claim_summits",
               "tracker_beliefs", "tracker_recordings")


@dataclass(frozen=True)
class ClaimRecord:
    """A claim as currently recorded, with its source's publication span."""

    claim: Claim
    published: DateSpan
    outlet: str
    retracted: bool

    @property
    def published_claim(self) -> PublishedClaim:
        return PublishedClaim(claim=self.claim, published=self.published)


def _belief_payload(belief: Belief) -> str:
    return json.dumps(
        {
            "status": belief.status.value,
            "since": belief.since.isoformat() if belief.since else None,
            "venue": belief.venue,
            "window": belief.window.model_dump(mode="json") if belief.window else None,
            "held_on": str(belief.held_on) if belief.held_on else None,
            "decided_by": list(belief.decided_by),
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def _belief(summit_id: str, valid_from: str, payload: str) -> Belief:
    data = json.loads(payload)
    return Belief(
        summit=summit_id,
        valid_from=None if valid_from == BEGINNING else dt.date.fromisoformat(valid_from),
        status=Status(data["status"]),
        since=dt.date.fromisoformat(data["since"]) if data["since"] else None,
        venue=data["venue"],
        window=TimeWindow.model_validate(data["window"]) if data["window"] else None,
        held_on=DateSpan.model_validate(data["held_on"]) if data["held_on"] else None,
        decided_by=tuple(data["decided_by"]),
    )


class BeliefView(SQLiteTrackingRecorder):
    """The materialised belief of every summit, in the same SQLite database as the events."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            "CREATE TABLE IF NOT EXISTS tracker_summits ("
            "id TEXT PRIMARY KEY, position INTEGER NOT NULL, payload TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS tracker_sources ("
            "id TEXT PRIMARY KEY, published TEXT NOT NULL, payload TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS tracker_claims ("
            "id TEXT NOT NULL, source_id TEXT NOT NULL, visible_from TEXT NOT NULL, "
            "retracted INTEGER NOT NULL, payload TEXT NOT NULL, "
            "recorded_from INTEGER NOT NULL, recorded_to INTEGER)",
            "CREATE UNIQUE INDEX IF NOT EXISTS tracker_claims_now "
            "ON tracker_claims (id) WHERE recorded_to IS NULL",
            "CREATE INDEX IF NOT EXISTS tracker_claims_then ON tracker_claims (id, recorded_from)",
            "CREATE INDEX IF NOT EXISTS tracker_claims_source ON tracker_claims (source_id)",
            "CREATE TABLE IF NOT EXISTS tracker_claim_summits ("
            "summit_id TEXT, claim_id TEXT, PRIMARY KEY (summit_id, claim_id)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS tracker_beliefs ("
            "summit_id TEXT NOT NULL, valid_from TEXT NOT NULL, "
            "recorded_from INTEGER NOT NULL, recorded_to INTEGER, payload TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS tracker_beliefs_now "
            "ON tracker_beliefs (summit_id, valid_from) WHERE recorded_to IS NULL",
            "CREATE INDEX IF NOT EXISTS tracker_beliefs_then "
            "ON tracker_beliefs (summit_id, valid_from, recorded_from)",
            "CREATE TABLE IF NOT EXISTS tracker_recordings ("
            "position INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL)",
        ]

    def create_table(self) -> None:
        """Create the view's tables; a view built by another version is rebuilt from the events."""
        with self.datastore.transaction(commit=True) as c:
            c.execute("CREATE TABLE IF NOT EXISTS tracker_view_version (version INTEGER NOT NULL)")
            c.execute("SELECT version FROM tracker_view_version")
            row = c.fetchone()
            if row is None or row[0] != VIEW_VERSION:
                for table in VIEW_TABLES:
                    c.execute(f"DROP TABLE IF EXISTS {table}")
                c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'tracking'")
                if c.fetchone():
                    c.execute("DELETE FROM tracking WHERE application_name <> '__migration__'")
                c.execute("DELETE FROM tracker_view_version")
                c.execute("INSERT INTO tracker_view_version VALUES (?)", (VIEW_VERSION,))
        super().create_table()

    # -- following the event store -------------------------------------------------

    def catch_up(self, app: Application[Any]) -> int:
        """Apply every event recorded after this view's position; return how many."""
        applied = 0
        while True:
            start = (self.max_tracking_id(app.name) or 0) + 1
            notifications = app.recorder.select_notifications(start, BATCH, inclusive_of_start=True)
            if not notifications:
                return applied
            events: list[tuple[int, Any]] = [(n.id, app.mapper.to_domain_event(n)) for n in notifications]
            # Events of one recording share a timestamp: each group is one belief revision.
            for _, group in groupby(events, key=lambda pair: pair[1].timestamp):
                self._apply(app.name, list(group))
            applied += len(events)

    def _apply(self, app_name: str, group: list[tuple[int, Any]]) -> None:
        position = group[-1][0]
        with self.datastore.transaction(commit=True) as c:
            touched: set[str] = set()
            for _, event in group:
                touched |= self._copy(c, position, event)
            for summit_id in sorted(touched):
                self._revise(c, summit_id, position)
            c.execute("SELECT MAX(recorded_at) FROM tracker_recordings")
            latest = c.fetchone()[0]
            stamp = group[-1][1].timestamp.astimezone(dt.UTC).isoformat()
            c.execute(
                "INSERT INTO tracker_recordings VALUES (?, ?)",
                (position, max(stamp, latest) if latest else stamp),
            )
            self._insert_tracking(c, Tracking(app_name, position))

    def _copy(self, c: SQLiteCursor, position: int, event: Any) -> set[str]:
        """Copy one event into the tables; return the ids of the summits it touches."""
        if isinstance(event, SummitRecord.Defined):
            c.execute(
                "INSERT INTO tracker_summits VALUES (?, ?, ?)",
                (event.summit.id, position, event.summit.model_dump_json()),
            )
            return {event.summit.id}
        if isinstance(event, SourceRecord.Registered):
            c.execute(
                "INSERT INTO tracker_sources VALUES (?, ?, ?)",
                (event.source.id, str(event.source.published), event.source.model_dump_json()),
            )
            return set()
        if isinstance(event, SourceRecord.ClaimAdded | SourceRecord.ClaimCorrected):
            return self._put_claim(c, position, event.claim, retracted=False)
        if isinstance(event, SourceRecord.ClaimRetracted):
            c.execute(
                "SELECT payload FROM tracker_claims WHERE id = ? AND recorded_to IS NULL",
                (event.claim_id,),
            )
            row = c.fetchone()
            if row is None:
                return set()
            return self._put_claim(c, position, Claim.model_validate_json(row[0]), retracted=True)
        return set()

    def _put_claim(self, c: SQLiteCursor, position: int, claim: Claim, *, retracted: bool) -> set[str]:
        """Record a new version of a claim from `position` on; return the summits it touches."""
        c.execute("SELECT summit_id FROM tracker_claim_summits WHERE claim_id = ?", (claim.id,))
        touched = {row[0] for row in c.fetchall()} | set(claim.summits)
        c.execute("SELECT published FROM tracker_sources WHERE id = ?", (claim.source,))
        published = DateSpan.model_validate(c.fetchone()[0])
        c.execute(
            "UPDATE tracker_claims SET recorded_to = ? WHERE id = ? AND recorded_to IS NULL",
            (position, claim.id),
        )
        c.execute(
            "INSERT INTO tracker_claims VALUES (?, ?, ?, ?, ?, ?, NULL)",
            (claim.id, claim.source, published.latest.isoformat(), int(retracted),
             claim.model_dump_json(), position),
        )
        # Every summit a claim ever concerned, in any version: versions are filtered on reading.
        c.executemany(
            "INSERT OR IGNORE INTO tracker_claim_summits VALUES (?, ?)",
            [(s, claim.id) for s in claim.summits],
        )
        return touched

    def _revise(self, c: SQLiteCursor, summit_id: str, position: int) -> None:
        """Recompute one summit's history and record what changed at `position`."""
        c.execute("SELECT payload FROM tracker_summits WHERE id = ?", (summit_id,))
        row = c.fetchone()
        if row is None:  # claims may precede their summit's definition in a foreign store
            return
        summit = Summit.model_validate_json(row[0])
        claims = [r.published_claim for r in self._claims(c, summit=summit_id, include_retracted=False)]
        new = {(b.valid_from.isoformat() if b.valid_from else BEGINNING, _belief_payload(b))
               for b in history(summit, claims)}
        c.execute(
            "SELECT rowid, valid_from, payload FROM tracker_beliefs "
            "WHERE summit_id = ? AND recorded_to IS NULL",
            (summit_id,),
        )
        old = {(r[1], r[2]): r[0] for r in c.fetchall()}
        gone = [(position, rowid) for key, rowid in old.items() if key not in new]
        c.executemany("UPDATE tracker_beliefs SET recorded_to = ? WHERE rowid = ?", gone)
        c.executemany(
            "INSERT INTO tracker_beliefs VALUES (?, ?, ?, NULL, ?)",
            [(summit_id, valid_from, position, payload) for valid_from, payload in new - old.keys()],
        )

    # -- queries ---------------------------------------------------------------------

    def _claims(self, c: SQLiteCursor, *, summit: str | None = None, source: str | None = None,
                include_retracted: bool = True, position: int | None = None) -> Iterator[ClaimRecord]:
        """Claims as now recorded, or (with `position`) the versions recorded at that position."""
        sql = (
            "SELECT c.payload, s.published, json_extract(s.payload, '$.outlet'), c.retracted "
            "FROM tracker_claims c "
            "JOIN tracker_sources s ON s.id = c.source_id"
        )
        where: list[str] = []
        params: list[Any] = []
        if position is None:
            where.append("c.recorded_to IS NULL")
        else:
            where.append("c.recorded_from <= ? AND (c.recorded_to IS NULL OR c.recorded_to > ?)")
            params += [position, position]
        if summit is not None:
            sql += " JOIN tracker_claim_summits cs ON cs.claim_id = c.id"
            where.append("cs.summit_id = ?")
            params.append(summit)
        if source is not None:
            where.append("c.source_id = ?")
            params.append(source)
        if not include_retracted:
            where.append("c.retracted = 0")
        if where:
            sql += " WHERE " + " AND ".join(where)
        c.execute(sql + " ORDER BY c.visible_from, c.id", params)
        for payload, published, outlet, retracted in c.fetchall():
            claim = Claim.model_validate_json(payload)
            if summit is not None and summit not in claim.summits:
                continue  # this version no longer concerns the summit
            yield ClaimRecord(
                claim=claim,
                published=DateSpan.model_validate(published),
                outlet=outlet,
                retracted=bool(retracted),
            )

    def claims(self, *, summit: str | None = None, source: str | None = None,
               position: int | None = None) -> list[ClaimRecord]:
        with self.datastore.transaction(commit=False) as c:
            return list(self._claims(c, summit=summit, source=source, position=position))

    def sources(self) -> list[Source]:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT payload FROM tracker_sources")
            found = [Source.model_validate_json(r[0]) for r in c.fetchall()]
        return sorted(found, key=lambda s: (s.published.latest, s.published.earliest, s.id))

    def summits(self, position: int | None = None) -> list[Summit]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT payload FROM tracker_summits WHERE position <= ? ORDER BY id",
                (position if position is not None else 2**62,),
            )
            return [Summit.model_validate_json(r[0]) for r in c.fetchall()]

    def position_at(self, moment: dt.datetime) -> int:
        """The store position whose recordings all happened at or before `moment` (0: none)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT MAX(position) FROM tracker_recordings WHERE recorded_at <= ?",
                (moment.astimezone(dt.UTC).isoformat(),),
            )
            return c.fetchone()[0] or 0

    def beliefs_at(self, day: dt.date, summit_ids: Iterable[str],
                   position: int | None = None) -> dict[str, Belief]:
        """Each summit's belief on `day`, as now recorded or as recorded at `position`."""
        if position is None:
            sql = ("SELECT valid_from, payload FROM tracker_beliefs WHERE summit_id = ? "
                   "AND recorded_to IS NULL AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1")
            args: tuple[Any, ...] = (day.isoformat(),)
        else:
            sql = ("SELECT valid_from, payload FROM tracker_beliefs WHERE summit_id = ? "
                   "AND valid_from <= ? AND recorded_from <= ? "
                   "AND (recorded_to IS NULL OR recorded_to > ?) "
                   "ORDER BY valid_from DESC LIMIT 1")
            args = (day.isoformat(), position, position)
        found: dict[str, Belief] = {}
        with self.datastore.transaction(commit=False) as c:
            for summit_id in summit_ids:
                c.execute(sql, (summit_id, *args))
                row = c.fetchone()
                if row is not None:
                    found[summit_id] = _belief(summit_id, row[0], row[1])
        return found

    def timeline(self, summit_id: str) -> list[Belief]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT valid_from, payload FROM tracker_beliefs "
                "WHERE summit_id = ? AND recorded_to IS NULL ORDER BY valid_from",
                (summit_id,),
            )
            return [_belief(summit_id, r[0], r[1]) for r in c.fetchall()]

    def claim_sources(self, claim_ids: Iterable[str]) -> dict[str, str]:
        """For those of `claim_ids` already recorded: the source each was recorded under."""
        found: dict[str, str] = {}
        with self.datastore.transaction(commit=False) as c:
            for claim_id in claim_ids:
                c.execute(
                    "SELECT source_id FROM tracker_claims WHERE id = ? AND recorded_to IS NULL",
                    (claim_id,),
                )
                row = c.fetchone()
                if row:
                    found[claim_id] = row[0]
        return found
