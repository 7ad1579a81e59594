"""The store's event recorders: the library's own, plus a register of claim and correction ids
written in the same transaction as the events, so that two sources never share one id.

A recording passes `names=[(kind, id, source id), ...]` for the claims ("claim") and
corrections ("correction") it adds; the register's primary key refuses a second owner
inside the recording's transaction, which is then refused whole (an integrity error) and
worked out again against what the other recorded. A store written before the register
existed is filled from its events when the register is created.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresFactory
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteFactory
from eventsourcing.utils import get_topic
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composable, Identifier

from tracker.store.events import SourceRecord

REGISTER = "tracker_names"
COLUMNS = "(kind TEXT NOT NULL, name TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (kind, name))"
Names = Sequence[tuple[str, str, str]]
"""(kind, id, source id): kind "claim" or "correction"."""
BACKFILL = (
    # (kind, topic, JSON path of the id, JSON path of the source or None: through the claim)
    ("claim", get_topic(SourceRecord.ClaimAdded), ("claim", "id"), ("claim", "source")),
    ("correction", get_topic(SourceRecord.ClaimCorrected), ("correction_id",), ("claim", "source")),
    ("correction", get_topic(SourceRecord.ClaimRetracted), ("correction_id",), None),
)
"""Where an earlier tracker's events hold the ids to register, in this order."""


class SQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, keeping the id register with the events."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {REGISTER} {COLUMNS}",
        ]

    def _create_table(self, c: SQLiteCursor) -> None:
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (REGISTER,))
        new = c.fetchone() is None
        super()._create_table(c)
        if not new:
            return
        for kind, topic, name_path, source_path in BACKFILL:  # a store of an earlier tracker
            state = "CAST(e.state AS TEXT)"
            name = f"json_extract({state}, '$.{'.'.join(name_path)}')"
            if source_path:
                source, join = f"json_extract({state}, '$.{'.'.join(source_path)}')", ""
            else:
                source = "r.source_id"
                join = (
                    f" JOIN {REGISTER} r ON r.kind = 'claim' AND r.name = json_extract({state}, '$.claim_id')"
                )
            c.execute(
                f"INSERT OR IGNORE INTO {REGISTER} SELECT ?, {name}, {source} "
                f"FROM {self.events_table_name} e{join} WHERE e.topic = ? AND json_valid({state}) "
                f"AND {name} IS NOT NULL AND {source} IS NOT NULL ORDER BY e.rowid",
                (kind, topic),
            )

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        names: Names = kwargs.get("names", ())
        if names:
            c.executemany(f"INSERT INTO {REGISTER} VALUES (?, ?, ?)", names)
        return ids

    def owners(self, kind: str, names: Sequence[str]) -> dict[str, str]:
        """The source each of these ids of `kind` is registered to, where it is."""
        found: dict[str, str] = {}
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(names), 500):
                part = names[start : start + 500]
                c.execute(
                    f"SELECT name, source_id FROM {REGISTER} "
                    f"WHERE kind = ? AND name IN ({', '.join('?' * len(part))})",
                    (kind, *part),
                )
                found.update((row[0], row[1]) for row in c.fetchall())
        return found


class PostgresRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL recorder, keeping the id register with the events."""

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
            curs.execute(SQL(f"CREATE TABLE IF NOT EXISTS {{}} {COLUMNS}").format(self.register))
            if new:
                self._backfill(curs)

    def _backfill(self, curs: Cursor[DictRow]) -> None:
        """Register the ids held by the events of an earlier tracker's store."""
        events = Identifier(self.datastore.schema, self.events_table_name)
        for kind, topic, name_path, source_path in BACKFILL:
            name = (
                "e.s -> " + " -> ".join(f"'{p}'" for p in name_path[:-1]) + f" ->> '{name_path[-1]}'"
                if len(name_path) > 1
                else f"e.s ->> '{name_path[0]}'"
            )
            join: Composable = SQL("")
            if source_path:
                source = f"e.s -> '{source_path[0]}' ->> '{source_path[1]}'"
            else:
                source = "r.source_id"
                join = SQL(" JOIN {} r ON r.kind = 'claim' AND r.name = e.s ->> 'claim_id'").format(
                    self.register
                )
            curs.execute(
                SQL(
                    "INSERT INTO {register} SELECT %s, " + name + ", " + source + " FROM (SELECT "
                    "convert_from(state, 'UTF8')::json AS s, notification_id "
                    "FROM {events} WHERE topic = %s) e"
                    "{join} WHERE " + name + " IS NOT NULL AND " + source + " IS NOT NULL "
                    "ORDER BY e.notification_id ON CONFLICT DO NOTHING"
                ).format(register=self.register, events=events, join=join),
                (kind, topic),
            )

    def _insert_stored_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        names: Names = kwargs.get("names", ())
        if names:
            # Under the events table's lock, which serialises writers (no deadlock between two
            # registering the same ids in another order); the events' insert comes last, since
            # the library reads its notification ids from this cursor.
            # A nested pipeline block syncs when it ends, so that an id another source holds
            # is an integrity error here (as the library does for its own insert), not an
            # aborted pipeline later, which the library would retry as an operational error.
            self._lock_table(curs)
            with curs.connection.pipeline():
                curs.executemany(SQL("INSERT INTO {} VALUES (%s, %s, %s)").format(self.register), names)
        super()._insert_stored_events(curs, stored_events, **kwargs)

    def owners(self, kind: str, names: Sequence[str]) -> dict[str, str]:
        """The source each of these ids of `kind` is registered to, where it is."""
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL("SELECT name, source_id FROM {} WHERE kind = %s AND name = ANY(%s)").format(
                    self.register
                ),
                (kind, list(names)),
            )
            return {row["name"]: row["source_id"] for row in curs.fetchall()}


def recorder_topic(factory: object) -> str | None:
    """The topic of the tracker's recorder for the library's factory of a backend, if any."""
    if isinstance(factory, PostgresFactory):
        return get_topic(PostgresRecorder)
    if isinstance(factory, SQLiteFactory):
        return get_topic(SQLiteRecorder)
    return None
