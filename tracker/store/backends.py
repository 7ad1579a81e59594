"""The belief view on each store backend: SQLite (embedded, `tracker.store.sqlite_view`) and
PostgreSQL (shared, `tracker.store.postgres_view`), and what they share.

Each is the library's own tracking recorder for that database, extended with the view's
tables, so the view's rows and its tracking position are written in one transaction. A
backend's module is imported only when a store of that backend is opened (`view_class`):
a command on an SQLite store never imports the PostgreSQL driver. Each runs the view's SQL on
its driver's own cursor, written with its driver's placeholder (`BeliefView.param`: `?` for
sqlite3, `%s` for psycopg).
"""

from __future__ import annotations

import importlib
from typing import Any

from tracker.store.changes import prepare
from tracker.store.readmodel import VIEW_TABLES, VIEW_VERSION, BeliefView, Cursor

_MOVED = {
    "SQLiteBeliefView": "tracker.store.sqlite_view",
    "CACHE_PRAGMA": "tracker.store.sqlite_view",
    "PostgresBeliefView": "tracker.store.postgres_view",
}
"""Names this module once held, still importable from it (each imported when asked for)."""


def view_class(*, postgres: bool) -> type[BeliefView]:
    """The view's class for a store of this backend (its module imported now)."""
    if postgres:
        from tracker.store.postgres_view import PostgresBeliefView

        return PostgresBeliefView
    from tracker.store.sqlite_view import SQLiteBeliefView

    return SQLiteBeliefView


def rebuild_if_outdated(c: Cursor, p: str, tracking_exists: bool, tracking_table: str) -> None:
    """Drop a view built by another version of the tracker; it is rebuilt from the events
    (`p`: the driver's placeholder)."""
    prepare(c, p)  # the record of checked events outlives the view's versions
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
    c.execute(f"INSERT INTO tracker_view_version VALUES ({p})", (VIEW_VERSION,))


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
