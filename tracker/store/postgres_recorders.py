"""The store's event recorder on PostgreSQL: the library's own, keeping the register of claim
and correction ids (`tracker.store.recorders`) in the same transaction as the events.

Imported only when a PostgreSQL store is opened (its topic is `recorders.POSTGRES_RECORDER`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composable, Identifier

from tracker.store.recorders import BACKFILL, COLUMNS, REGISTER, Names


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
