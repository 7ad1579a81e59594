"""Fresh stores for tests, on both backends: SQLite files, and databases on a real PostgreSQL server.

The server is `$TRACKER_TEST_POSTGRES` (default postgresql://postgres@127.0.0.1:5432/test, the
database used only to create and drop this run's own databases). A test session creates a few
databases named `tracker_test_<pid>_<random>_<n>`, hands them out in turn, emptied, and drops
them at the end, so that runs never collide. Without a server the PostgreSQL tests skip, unless
TRACKER_REQUIRE_POSTGRES=1, when they fail.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ADMIN_URL = os.environ.get("TRACKER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRED = os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1"
BACKENDS = ("sqlite", "postgres")
NewStore = Callable[[], str]


def _connect(url: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(url, autocommit=True, connect_timeout=5)


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

    def url(self, name: str) -> str:
        return urlsplit(self.admin_url)._replace(path=f"/{name}").geturl()

    def fresh(self) -> str:
        """The URL of the next database, emptied: no tables, nobody connected."""
        name = next(self._turn)
        with _connect(self.url(name)) as db:
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
            db.execute("DROP SCHEMA public CASCADE")
            db.execute("CREATE SCHEMA public")
        return self.url(name)

    def drop(self) -> None:
        with _connect(self.admin_url) as admin:
            for name in self.names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_stores(folder: Path) -> NewStore:
    """New SQLite store files in `folder`."""
    numbers = itertools.count()
    return lambda: str(folder / f"store-{next(numbers)}.sqlite")
