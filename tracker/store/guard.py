"""Stores that cannot be used: say why in a sentence, never with a traceback or an empty answer.

A corrupted file, a file of another program, a store written by a newer tracker, events of
another application, an unreachable server: each becomes `StoreUnavailable` with a message
naming the store (without its password) and what to do.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import TopicError
from pydantic import ValidationError

from tracker.store.location import (
    MEMORY,
    Location,
    StoreUnavailable,
    connection_parameters,
    describe,
    is_postgres,
    scrub,
)
from tracker.store.locks import SETUP_LOCK
from tracker.store.mapper import NewerEventVersion

STORE_TABLES = {"stored_events"}


def check_sqlite_file(location: str) -> None:
    """Refuse an existing file that is not an SQLite database, or one that is not a store.

    The file is only ever opened through SQLite: POSIX locks belong to the process, so
    opening and closing the file any other way would drop the locks this process's other
    connections hold on it, and another process could then delete the WAL from under them.
    """
    path = Path(location)
    if location == MEMORY or not path.exists() or path.stat().st_size == 0:
        return
    if not os.access(path, os.R_OK):
        raise StoreUnavailable(f"store {location} cannot be read: permission denied")
    try:
        db = sqlite3.connect(read_only_uri(location), uri=True)
        try:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        if "file is not a database" in str(error):
            raise StoreUnavailable(
                f"store {location} is not an SQLite database (corrupted, or another kind of file)"
            ) from None
        raise StoreUnavailable(f"store {location} is corrupted: {error}") from None
    if tables and not tables & STORE_TABLES:
        raise StoreUnavailable(
            f"store {location} is an SQLite database of another program (tables: "
            f"{', '.join(sorted(tables)[:5])}): refusing to write tracker tables into it"
        )


def read_only(location: str) -> str | None:
    """Why an existing SQLite store cannot be written here (None: it can): a read-only file,
    folder (SQLite writes its journal beside the file) or filesystem."""
    path = Path(location)
    if location == MEMORY or not path.is_file():
        return None
    folder = path.parent
    if os.statvfs(folder).f_flag & os.ST_RDONLY:
        return "it is on a read-only filesystem"
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(folder, os.W_OK):
        return "its folder is read-only"
    return None


def read_only_uri(location: str) -> str:
    """The SQLite URI that reads the file at `location` and never writes it.

    Where SQLite cannot write its WAL index beside the file, the file is opened as immutable:
    nothing can be writing it either, so it is read as it is.
    """
    path = Path(location).resolve()
    immutable = "" if os.access(path.parent, os.W_OK) else "&immutable=1"
    return f"{path.as_uri()}?mode=ro{immutable}"


def read_only_environment(env: dict[str, str], location: str) -> dict[str, str]:
    """Open the store at `location` for reading only: nothing is created or written."""
    return {**env, "SQLITE_DBNAME": read_only_uri(location), "CREATE_TABLE": "false"}


def use_wal(location: str, timeout: float) -> None:
    """Put an SQLite store in WAL mode before the library opens it.

    The library switches a new file to WAL on its first connection, but the switch needs a
    lock SQLite does not wait for: when several processes open a new store together, all
    but one are told "database is locked" at once. Here the losers retry until `timeout`
    (seconds); once the file is in WAL mode it stays so, and the library finds it so.
    """
    if location == MEMORY:
        return
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            db = sqlite3.connect(location, timeout=timeout)
            try:
                if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    db.execute("PRAGMA journal_mode = WAL")
                return
            finally:
                db.close()
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(2 * pause, 0.1)


@contextmanager
def postgres_setup(location: Location, env: dict[str, str]) -> Iterator[Any]:
    """Connect once, directly, so that an unreachable server or a refused login says why at
    once; and hold a lock while the block creates tables, since concurrent DDL on one
    database fails ("tuple concurrently updated") where concurrent writes do not.

    The connection has the URL's libpq parameters (sslmode, application_name, ...), as the
    library's own connections do; the block may use it (it is the one that holds the lock).
    """
    import psycopg

    parameters: dict[str, Any] = connection_parameters(env)
    try:
        connection = psycopg.connect(
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"] or None,
            dbname=env["POSTGRES_DBNAME"],
            autocommit=True,
            **{"connect_timeout": env["POSTGRES_CONNECT_TIMEOUT"], **parameters},
        )
    except psycopg.Error as error:
        raise StoreUnavailable(
            f"PostgreSQL store {describe(location)} cannot be reached: {_first_line(error, location)}"
        ) from None
    with connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK,))
        yield connection


def explain(error: BaseException, location: Location) -> StoreUnavailable | None:
    """The user-facing meaning of an error raised by a store, or None if it is not a store's.

    The store is named by `describe` (no password), and the library's own words pass through
    `scrub` (no password either, should a library ever echo it)."""
    where = describe(location)
    if isinstance(error, StoreUnavailable):
        return error
    if isinstance(error, NewerEventVersion):
        return StoreUnavailable(
            f"store {where} was written by a newer version of tracker ({error}); upgrade tracker to read it"
        )
    if isinstance(error, TopicError):
        return StoreUnavailable(
            f"store {where} holds events this tracker does not know "
            f"({scrub(str(error), location)}): "
            "is it the store of another application?"
        )
    if isinstance(error, ValidationError | json.JSONDecodeError | UnicodeDecodeError):
        return StoreUnavailable(
            f"store {where} holds an event that cannot be decoded: {_first_line(error, location)}"
        )
    if _disk_full(error):
        return StoreUnavailable(
            f"disk full while writing to store {where}: nothing of this write was "
            "kept; free some space and run the command again"
        )
    if isinstance(error, sqlite3.DatabaseError):
        return StoreUnavailable(f"store {where} is corrupted or unreadable: {scrub(str(error), location)}")
    if _is_postgres_error(error) or (is_postgres(location) and isinstance(error, PersistenceError)):
        return StoreUnavailable(
            f"PostgreSQL store {where} cannot be reached or used: {_first_line(error, location)}"
        )
    if isinstance(error, PersistenceError):
        return StoreUnavailable(f"store {where} cannot be read: {_first_line(error, location)}")
    return None


def _first_line(error: BaseException, location: Location) -> str:
    """The first line of a library's error message, with the store's passwords masked."""
    text = str(error).strip() or type(error).__name__
    return scrub(text.splitlines()[0], location)


def _disk_full(error: BaseException) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100), or the system's ENOSPC, however the
    library wrapped it."""
    import errno

    for cause in (error, error.__cause__, error.__context__):
        if cause is None:
            continue
        if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
            return True
        if getattr(cause, "sqlite_errorname", None) == "SQLITE_FULL" or "disk is full" in str(cause):
            return True
        if getattr(cause, "sqlstate", None) == "53100":
            return True
    return False


def _is_postgres_error(error: BaseException) -> bool:
    # Only a process that imported the driver (it opened a PostgreSQL store) can hold its
    # errors: an SQLite store's error is never a reason to import it.
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(error, psycopg.Error)


@contextmanager
def store_errors(location: Location) -> Iterator[None]:
    """Turn a store's errors inside the block into `StoreUnavailable`."""
    try:
        yield
    except Exception as error:
        problem = explain(error, location)
        if problem is None or problem is error:
            raise
        raise problem from None
