"""Fresh stores for tests, on both backends: SQLite files, and databases on a real PostgreSQL server.

The server is `$TRACKER_TEST_POSTGRES` (default postgresql://postgres@127.0.0.1:5432/test, the
database used only to create and drop this run's own databases). A test session creates a few
databases named `tracker_test_<pid>_<random>_<n>`, hands them out in turn, emptied, and drops
them at the end, so that runs never collide. Without a server the PostgreSQL tests skip, unless
TRACKER_REQUIRE_POSTGRES=1, when they fail.

Emptying a database is cheap when it holds exactly the tables a tracker creates (the usual case:
the previous test recorded into it): their rows are deleted, the rows a tracker writes when it
creates them are put back, and the sequences restart, so the next test sees the store exactly
as a tracker leaves a new one (notification ids from 1). Anything else in it (a table dropped,
added or altered by a test) and the schema is dropped and created again, leaving no tables.
(Dropping and creating the schema every time cost about twice as much a store, 80 ms instead of
40 with the tracker's opening: its first opening creates a dozen tables and indexes; the
property tests make thousands of stores.)
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("TRACKER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRED = os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1"
BACKENDS = ("sqlite", "postgres")
NewStore = Callable[[], str]

Connection = psycopg.Connection[tuple[Any, ...]]

SCHEMA_QUERIES = (
    # Relations (tables, indexes, sequences, views, types' rows), their columns and defaults.
    "SELECT c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
    "pg_get_expr(d.adbin, d.adrelid) FROM pg_class c "
    "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
    "WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 3",
    "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
    "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1",
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2",
    "SELECT tgrelid::regclass::text, tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
    "WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 2",
    "SELECT proname, pg_get_function_identity_arguments(oid), md5(prosrc) FROM pg_proc "
    "WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2",
    "SELECT typname, typtype FROM pg_type WHERE typnamespace = 'public'::regnamespace ORDER BY 1",
    "SELECT ev_class::regclass::text, rulename FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
    "WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 2",
    "SELECT polrelid::regclass::text, polname FROM pg_policy ORDER BY 1, 2",
)

Schema = tuple[tuple[tuple[Any, ...], ...], ...]


def _connect(url: str) -> Connection:
    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def _schema(db: Connection) -> Schema:
    """Everything in the public schema that a test could have created, dropped or altered."""
    return tuple(tuple(db.execute(query).fetchall()) for query in SCHEMA_QUERIES)


def _relations(db: Connection, kind: str) -> list[str]:
    """The public schema's tables (`kind` "r") or sequences ("S"), by name."""
    return [
        row[0]
        for row in db.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = %s "
            "ORDER BY 1",
            (kind,),
        )
    ]


class PostgresDatabases:
    """This session's own databases on the test server, emptied before each use."""

    def __init__(self, admin_url: str = ADMIN_URL, count: int = 4) -> None:
        self.admin_url = admin_url
        token = f"{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.names = [f"tracker_test_{token}_{n}" for n in range(count)]
        self._turn = itertools.cycle(self.names)
        with _connect(admin_url) as admin:
            for name in self.names:
                admin.execute(f'CREATE DATABASE "{name}"')
        try:
            self._new_store = self._new_store_state(self.url(self.names[-1]))
        except BaseException:
            self.drop()
            raise

    def url(self, name: str) -> str:
        return urlsplit(self.admin_url)._replace(path=f"/{name}").geturl()

    def fresh(self) -> str:
        """The URL of the next database, emptied: no rows but those of a new store, or no
        tables at all; nobody connected."""
        return self._next(keep_tables=True)

    def untouched(self) -> str:
        """The URL of the next database, with no tables at all (as a store never opened);
        nobody connected."""
        return self._next(keep_tables=False)

    def _next(self, *, keep_tables: bool) -> str:
        name = next(self._turn)
        with _connect(self.url(name)) as db:
            db.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if not (keep_tables and self._emptied(db)):
                db.execute("DROP SCHEMA public CASCADE")
                db.execute("CREATE SCHEMA public")
        return self.url(name)

    def _emptied(self, db: Connection) -> bool:
        """Empty the database's store in place if it holds exactly a tracker's tables."""
        schema = _schema(db)
        if not any(schema):
            return True  # nothing in it: a store never opened
        new_store = self._new_store
        if schema != new_store[0]:
            return False
        with db.transaction():
            for table in _relations(db, "r"):
                db.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
            for sequence in _relations(db, "S"):
                db.execute(sql.SQL("ALTER SEQUENCE {} RESTART").format(sql.Identifier(sequence)))
            for table, rows in new_store[1].items():
                for row in rows:
                    db.execute(
                        sql.SQL("INSERT INTO {} VALUES ({})").format(
                            sql.Identifier(table), sql.SQL(", ").join(sql.Placeholder() * len(row))
                        ),
                        row,
                    )
        return True

    @staticmethod
    def _new_store_state(url: str) -> tuple[Schema, dict[str, list[tuple[Any, ...]]]]:
        """The schema and the rows of a store that a tracker has just created, in the
        database at `url`, new and empty."""
        from tracker.service import Tracker

        Tracker(url).close()
        with _connect(url) as db:
            rows = {
                table: db.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))).fetchall()
                for table in _relations(db, "r")
            }
            return _schema(db), {table: found for table, found in rows.items() if found}

    def drop(self) -> None:
        with _connect(self.admin_url) as admin:
            for name in self.names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_stores(folder: Path) -> NewStore:
    """New SQLite store files in `folder`."""
    numbers = itertools.count()
    return lambda: str(folder / f"store-{next(numbers)}.sqlite")
