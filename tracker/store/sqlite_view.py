"""The belief view in the same SQLite file as the events."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, cast

from eventsourcing.application import Application
from eventsourcing.sqlite import SQLiteTrackingRecorder

from tracker.store.backends import rebuild_if_outdated
from tracker.store.readmodel import (
    BELIEFS_OF_B,
    BeliefView,
    Cursor,
    Progress,
    SQLCopier,
    instant_of,
    latest_of,
)
from tracker.store.sqlite_copy import Stretch, register

CACHE_PRAGMA = "PRAGMA cache_size = -65536"
"""64 MiB of page cache per connection (SQLite's default is 2 MiB): a large view's indexes fit."""


class SQLiteBeliefView(BeliefView, SQLiteTrackingRecorder):
    """The view in the same SQLite file as the events.

    A rebuild empties its tables with DELETE (SQLite has no TRUNCATE; it drops the pages of
    a table deleted whole), and no statistics are gathered: its planner does without."""

    param = "?"  # sqlite3's placeholder
    tracking_table = "tracking"
    events_table = "stored_events"  # the library's, for the application recorder
    event_id = "rowid"
    keyed = " WITHOUT ROWID"
    claims_first = "CROSS JOIN"  # keeps the order written: 0.6-0.7x the time of a seek per claim

    def in_force(self, table: str, alias: str, *, outer: bool = False) -> str:
        """As the view's; a summit's belief by one index seek then its row by rowid (a third
        faster), summits first (a CROSS JOIN keeps SQLite's planner to that order)."""
        if table != "tracker_beliefs" or outer:
            return super().in_force(table, alias, outer=outer)
        return (
            f"CROSS JOIN tracker_beliefs {alias} ON {alias}.rowid = ("
            "SELECT l.rowid FROM tracker_beliefs l WHERE l.summit_id = s.id "
            f"AND l.valid_from <= {self.param} ORDER BY l.valid_from DESC LIMIT 1)"
        )

    def latest_beliefs_sql(self, summits: str = "") -> str:
        """As the view's, with `in_force`."""
        return (
            f"SELECT {BELIEFS_OF_B} FROM tracker_summits s {self.in_force('tracker_beliefs', 'b')}{summits}"
        )

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *self.view_tables()]

    @contextmanager
    def _session(self, *, commit: bool) -> Iterator[tuple[Cursor, Any]]:
        with self.datastore.transaction(commit=commit) as raw:
            cursor = raw.sqlite_cursor.connection.cursor()  # same transaction, plain tuple rows
            cursor.row_factory = None
            try:
                cursor.execute(CACHE_PRAGMA)
                yield cursor, raw
            finally:
                cursor.close()

    def _cursor_beside(self, c: Cursor) -> Cursor:
        cursor = cast(sqlite3.Cursor, c).connection.cursor()
        cursor.row_factory = None
        return cursor

    def _snapshot(self) -> AbstractContextManager[tuple[Cursor, Any]]:
        return self._session(commit=False)  # a read transaction sees the file as at its first read

    def _lock(self, c: Cursor) -> None:
        # A write takes SQLite's write lock at once (waiting for other writers), before
        # anything is read, so the transaction never works from a stale snapshot.
        c.execute("UPDATE tracker_view_version SET version = version")

    def _copier(self, c: Cursor, start: int, end: int) -> SQLCopier | None:
        """Sources and added claims copied by SQLite's JSON functions (`tracker.store.sqlite_copy`)."""
        cursor = cast(sqlite3.Cursor, c)
        register(cursor.connection, instant_of, latest_of)
        stretch = Stretch(cursor, self.events_table, start, end)
        return stretch if stretch.copyable() else None

    def _reader_location(self) -> str | None:
        """The store's file, when in WAL mode (another connection reads as this one writes)."""
        pool = self.datastore.pool
        if pool.is_sqlite_memory_mode:
            return None
        with self._session(commit=False) as (c, _):
            c.execute("PRAGMA journal_mode")
            wal = str(c.fetchone()[0]).lower() == "wal"
        return str(pool.db_name) if wal else None

    def _analyze(self, c: Cursor, tables: Sequence[str] = ()) -> None:
        """Nothing: SQLite's planner does well without statistics on the view's queries."""

    def rebuild(self, app: Application[Any], progress: Progress | None = None) -> int:
        """Empty the view and build it again from every event: emptied (and its position
        forgotten) in one transaction, then caught up and settled in batches, as any catch-up.

        Not in one transaction as on PostgreSQL: the library's SQLite pool lets nobody read
        the events while a transaction of an in-memory store is writing. Other processes'
        commands catch up and settle by themselves, so theirs answer from a whole view."""
        self.rebuild_next = False
        with self._session(commit=True) as (c, _):
            self._lock(c)
            self._empty(c)
            c.execute(f"DELETE FROM {self.tracking_table} WHERE application_name <> '__migration__'")
        return self.catch_up(app, progress)

    def create_table(self) -> None:
        with self._session(commit=True) as (c, _):
            c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'tracking'")
            rebuild_if_outdated(c, self.param, c.fetchone() is not None, self.tracking_table)
        super().create_table()
