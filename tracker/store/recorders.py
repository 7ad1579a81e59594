"""The store's event recorders: the library's own, plus the claim-id register written in the
same transaction as the events, so that two sources can never both claim one claim id.

A recording passes `claim_ids=[(claim id, source id), ...]` for the claims it adds; the
register's primary key refuses a second owner inside the recording's transaction, which is
then refused whole (an integrity error) and worked out again against what the other
recorded. A store written before the register existed is filled from its events when the
register is created.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from eventsourcing.utils import get_topic
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from tracker.store.events import SourceRecord

REGISTER = "tracker_claim_ids"
CLAIM_ADDED = get_topic(SourceRecord.ClaimAdded)
ClaimOwners = Sequence[tuple[str, str]]
"""(claim id, source id) pairs."""


class SQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, keeping the claim-id register with the events."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(),
                f"CREATE TABLE IF NOT EXISTS {REGISTER} (claim_id TEXT PRIMARY KEY, source_id TEXT NOT NULL)"]

    def _create_table(self, c: SQLiteCursor) -> None:
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (REGISTER,))
        new = c.fetchone() is None
        super()._create_table(c)
        if new:  # a store of an earlier tracker: register the claims it holds
            c.execute(
                f"INSERT OR IGNORE INTO {REGISTER} "
                "SELECT json_extract(CAST(state AS TEXT), '$.claim.id'), "
                "json_extract(CAST(state AS TEXT), '$.claim.source') "
                f"FROM {self.events_table_name} WHERE topic = ? AND json_valid(CAST(state AS TEXT)) "
                "AND json_extract(CAST(state AS TEXT), '$.claim.id') IS NOT NULL "
                "AND json_extract(CAST(state AS TEXT), '$.claim.source') IS NOT NULL "
                "ORDER BY rowid",
                (CLAIM_ADDED,),
            )

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        owners: ClaimOwners = kwargs.get("claim_ids", ())
        if owners:
            c.executemany(f"INSERT INTO {REGISTER} VALUES (?, ?)", owners)
        return ids

    def claim_owners(self, claim_ids: Sequence[str]) -> dict[str, str]:
        """The source each of these claim ids is registered to, where it is."""
        found: dict[str, str] = {}
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(claim_ids), 500):
                part = claim_ids[start:start + 500]
                c.execute(f"SELECT claim_id, source_id FROM {REGISTER} "
                          f"WHERE claim_id IN ({', '.join('?' * len(part))})", part)
                found.update((row[0], row[1]) for row in c.fetchall())
        return found


class PostgresRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, keeping the claim-id register with the events."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register = Identifier(self.datastore.schema, REGISTER)

    def create_table(self) -> None:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute("SELECT to_regclass(%s) IS NULL AS new", (f"{self.datastore.schema}.{REGISTER}",))
            row = curs.fetchone()
            new = bool(row and row["new"])
        super().create_table()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(SQL("CREATE TABLE IF NOT EXISTS {} (claim_id TEXT PRIMARY KEY, "
                             "source_id TEXT NOT NULL)").format(self.register))
            if new:  # a store of an earlier tracker: register the claims it holds
                curs.execute(SQL(
                    "INSERT INTO {register} SELECT e.s -> 'claim' ->> 'id', e.s -> 'claim' ->> 'source' "
                    "FROM (SELECT convert_from(state, 'UTF8')::jsonb AS s, notification_id "
                    "FROM {events} WHERE topic = %s) e "
                    "WHERE e.s -> 'claim' ->> 'id' IS NOT NULL AND e.s -> 'claim' ->> 'source' IS NOT NULL "
                    "ORDER BY e.notification_id ON CONFLICT DO NOTHING"
                ).format(register=self.register,
                         events=Identifier(self.datastore.schema, self.events_table_name)),
                    (CLAIM_ADDED,))

    def _insert_stored_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent],
                              **kwargs: Any) -> None:
        owners: ClaimOwners = kwargs.get("claim_ids", ())
        if owners:
            # Under the events table's lock, which serialises writers (no deadlock between two
            # registering the same ids in another order); the events' insert comes last, since
            # the library reads its notification ids from this cursor.
            self._lock_table(curs)
            curs.executemany(SQL("INSERT INTO {} VALUES (%s, %s)").format(self.register), owners)
        super()._insert_stored_events(curs, stored_events, **kwargs)

    def claim_owners(self, claim_ids: Sequence[str]) -> dict[str, str]:
        """The source each of these claim ids is registered to, where it is."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(SQL("SELECT claim_id, source_id FROM {} WHERE claim_id = ANY(%s)")
                         .format(self.register), (list(claim_ids),))
            return {row["claim_id"]: row["source_id"] for row in curs.fetchall()}


RECORDER_TOPICS = {
    "eventsourcing.sqlite": get_topic(SQLiteRecorder),
    "eventsourcing.postgres": get_topic(PostgresRecorder),
}
"""The application recorder for each persistence module the tracker uses."""
