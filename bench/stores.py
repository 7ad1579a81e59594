"""Scratch stores for the benchmark, on each backend, and what they weigh on disk.

SQLite stores are files in a temporary folder. PostgreSQL stores are databases created on
the server for the run (`bench_<pid>_<token>_<role>`) and dropped at the end, whatever
happens; the server is named by an admin URL whose database is only used to create and drop
them (default: `$TRACKER_TEST_POSTGRES`, else the test server of `tests/stores.py`).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_POSTGRES = os.environ.get("TRACKER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
EVENT_TABLES = ("stored_events", "tracker_events", "tracker_names")
"""The event store's own tables (the events and the register of claim ids); the rest is the view."""


class Stores:
    """Where one backend's stores of one run live: `location(role)` gives a store's location
    (an SQLite path or a PostgreSQL URL), made empty on first use; `close` removes them all."""

    backend = ""

    def location(self, role: str) -> str:
        raise NotImplementedError

    def connect(self, location: str) -> Any:
        """A plain DB-API connection to the store (sqlite3 or psycopg), not the library's."""
        raise NotImplementedError

    def sizes(self, location: str) -> dict[str, int]:
        """Bytes on disk: `total`, and the share of the `events` and of the `view`."""
        raise NotImplementedError

    def close(self) -> None:
        """Drop what was made."""


class SQLiteStores(Stores):
    backend = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def location(self, role: str) -> str:
        return str(self.folder / f"{role}.sqlite")

    def connect(self, location: str) -> sqlite3.Connection:
        return sqlite3.connect(location, timeout=60)

    def sizes(self, location: str) -> dict[str, int]:
        with self.connect(location) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            tables = dict(
                db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
            )
            try:
                pages = db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
            except sqlite3.OperationalError:  # built without the dbstat table
                pages = []
        db.close()
        total = sum(p.stat().st_size for p in Path(location).parent.glob(Path(location).name + "*"))
        owners = [(tables.get(name, name), size) for name, size in pages]
        events = sum(size for owner, size in owners if owner in EVENT_TABLES)
        view = sum(
            size for owner, size in owners if owner.startswith("tracker_") and owner not in EVENT_TABLES
        )
        return {"total": total, "events": events, "view": view}


class PostgresStores(Stores):
    backend = "postgres"

    def __init__(self, admin_url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        self.admin_url = admin_url
        self.token = f"{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.made: list[str] = []
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            self.server_version = admin.execute("SHOW server_version").fetchone()[0]
        print(f"  postgres: scratch databases bench_{self.token}_* (dropped at the end)", file=sys.stderr)

    def url(self, name: str) -> str:
        return urlsplit(self.admin_url)._replace(path=f"/{name}").geturl()

    def location(self, role: str) -> str:
        name = f"bench_{self.token}_{role}"
        if name not in self.made:
            with self.psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as admin:
                admin.execute(f'CREATE DATABASE "{name}"')
            self.made.append(name)
        return self.url(name)

    def connect(self, location: str) -> Any:
        return self.psycopg.connect(location, connect_timeout=5)

    def sizes(self, location: str) -> dict[str, int]:
        with self.psycopg.connect(location, autocommit=True) as db:
            rows = db.execute(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class "
                "WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
            ).fetchall()
            database = db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        events = sum(size for name, size in rows if name in EVENT_TABLES)
        view = sum(size for name, size in rows if name.startswith("tracker_") and name not in EVENT_TABLES)
        return {"total": sum(size for _, size in rows), "events": events, "view": view, "database": database}

    def close(self) -> None:
        with self.psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as admin:
            for name in self.made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made = []
