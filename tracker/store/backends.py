"""The belief view on each store backend: SQLite (embedded) and PostgreSQL (shared).

Each is the library's own tracking recorder for that database, extended with the view's
tables, so the view's rows and its tracking position are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder

from tracker.store.locks import VIEW_LOCK
from tracker.store.readmodel import BELIEF_COLUMNS, VIEW_TABLES, VIEW_VERSION, BeliefView, Cursor

CACHE_PRAGMA = "PRAGMA cache_size = -65536"
"""64 MiB of page cache per connection (SQLite's default is 2 MiB): a large view's indexes fit."""


class _Adapter:
    """A cursor that takes `?` placeholders, for a driver that wants `%s`."""

    def __init__(self, raw: Any, placeholder: str) -> None:
        self.raw = raw
        self.placeholder = placeholder

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.placeholder) if self.placeholder != "?" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(self._sql(sql), params)

    def executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> Any:
        rows = list(params)
        if rows:
            self.raw.executemany(self._sql(sql), rows)

    def fetchone(self) -> Any:
        return self.raw.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.raw.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.raw)


def _rebuild_if_outdated(c: Cursor, tracking_exists: bool, tracking_table: str) -> None:
    """Drop a view built by another version of the tracker; it is rebuilt from the events."""
    c.execute("CREATE TABLE IF NOT EXISTS tracker_view_version (version INTEGER NOT NULL)")
    c.execute("SELECT version FROM tracker_view_version")
    row = c.fetchone()
    if row is not None and row[0] == VIEW_VERSION:
        return
    for table in VIEW_TABLES:
        c.execute(f"DROP TABLE IF EXISTS {table}")
    if tracking_exists:
        c.execute(f"DELETE FROM {tracking_table} WHERE application_name <> '__migration__'")
    c.execute("DELETE FROM tracker_view_version")
    c.execute("INSERT INTO tracker_view_version VALUES (?)", (VIEW_VERSION,))


class SQLiteBeliefView(BeliefView, SQLiteTrackingRecorder):
    """The view in the same SQLite file as the events."""

    tracking_table = "tracking"
    latest_beliefs_sql = (
        f"SELECT {', '.join('b.' + column for column in BELIEF_COLUMNS.split(', '))} "
        "FROM tracker_summits s CROSS JOIN tracker_beliefs b ON b.rowid = ("
        "SELECT l.rowid FROM tracker_beliefs l WHERE l.summit_id = s.id AND l.valid_from <= ? "
        "ORDER BY l.valid_from DESC LIMIT 1){summits}"
    )
    """As the view's, but one index seek per summit then its row by rowid (a third faster)."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *self.view_tables()]

    @contextmanager
    def _session(self, *, commit: bool) -> Iterator[tuple[Cursor, Any]]:
        with self.datastore.transaction(commit=commit) as raw:
            cursor = raw.sqlite_cursor.connection.cursor()  # same transaction, plain tuple rows
            cursor.row_factory = None
            try:
                cursor.execute(CACHE_PRAGMA)
                yield _Adapter(cursor, "?"), raw
            finally:
                cursor.close()

    def _lock(self, c: Cursor) -> None:
        # A write takes SQLite's write lock at once (waiting for other writers), before
        # anything is read, so the transaction never works from a stale snapshot.
        c.execute("UPDATE tracker_view_version SET version = version")

    def create_table(self) -> None:
        with self._session(commit=True) as (c, _):
            c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'tracking'")
            _rebuild_if_outdated(c, c.fetchone() is not None, self.tracking_table)
        super().create_table()


class PostgresBeliefView(BeliefView, PostgresTrackingRecorder):
    """The view in the same PostgreSQL database as the events."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from psycopg.sql import SQL

        self.sql_create_statements.extend(SQL(statement).format() for statement in self.view_tables())
        self.tracking_table = self.tracking_table_name  # named after the application

    @contextmanager
    def _session(self, *, commit: bool) -> Iterator[tuple[Cursor, Any]]:
        from psycopg.rows import tuple_row

        with self.datastore.get_connection() as conn, conn.transaction(force_rollback=not commit):
            raw = conn.cursor(row_factory=tuple_row)
            yield _Adapter(raw, "%s"), raw

    def _lock(self, c: Cursor) -> None:
        c.execute("SELECT pg_advisory_xact_lock(?)", (VIEW_LOCK,))

    def create_table(self) -> None:
        with self._session(commit=True) as (c, _):
            self._lock(c)
            c.execute("SELECT to_regclass(?)", (self.tracking_table,))
            _rebuild_if_outdated(c, c.fetchone()[0] is not None, self.tracking_table)
        super().create_table()
