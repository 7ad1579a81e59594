"""Stores that cannot be used: say why in a sentence, never with a traceback or an empty answer.

A corrupted file, a file of another program, a store written by a newer tracker, events of
another application, an unreachable server: each becomes `StoreUnavailable` with a message
naming the store (without its password) and what to do.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventsourcing.persistence import PersistenceError
from eventsourcing.utils import TopicError
from pydantic import ValidationError

from tracker.store.location import MEMORY, StoreUnavailable, describe, is_postgres
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
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
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


SETUP_LOCK = 0x7472_6163_6B65_73  # serialises the creation of a store's tables


@contextmanager
def postgres_setup(location: str, env: dict[str, str]) -> Iterator[None]:
    """Connect once, directly, so that an unreachable server or a refused login says why at
    once; and hold a lock while the block creates tables, since concurrent DDL on one
    database fails ("tuple concurrently updated") where concurrent writes do not."""
    import psycopg

    try:
        connection = psycopg.connect(
            host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"] or None, dbname=env["POSTGRES_DBNAME"],
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]), autocommit=True,
        )
    except psycopg.Error as error:
        raise StoreUnavailable(
            f"PostgreSQL store {describe(location)} cannot be reached: {_first_line(error)}"
        ) from None
    with connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK,))
        yield


def explain(error: BaseException, location: str) -> StoreUnavailable | None:
    """The user-facing meaning of an error raised by a store, or None if it is not a store's."""
    where = describe(location)
    if isinstance(error, StoreUnavailable):
        return error
    if isinstance(error, NewerEventVersion):
        return StoreUnavailable(f"store {where} was written by a newer version of tracker ({error}); "
                                "upgrade tracker to read it")
    if isinstance(error, TopicError):
        return StoreUnavailable(f"store {where} holds events this tracker does not know ({error}): "
                                "is it the store of another application?")
    if isinstance(error, ValidationError | json.JSONDecodeError | UnicodeDecodeError):
        return StoreUnavailable(f"store {where} holds an event that cannot be decoded: "
                                f"{str(error).splitlines()[0]}")
    if isinstance(error, sqlite3.DatabaseError):
        return StoreUnavailable(f"store {where} is corrupted or unreadable: {error}")
    if _is_postgres_error(error) or (is_postgres(location) and isinstance(error, PersistenceError)):
        return StoreUnavailable(f"PostgreSQL store {where} cannot be reached or used: "
                                f"{_first_line(error)}")
    if isinstance(error, PersistenceError):
        return StoreUnavailable(f"store {where} cannot be read: {_first_line(error)}")
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _is_postgres_error(error: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(error, psycopg.Error)


@contextmanager
def store_errors(location: str) -> Iterator[None]:
    """Turn a store's errors inside the block into `StoreUnavailable`."""
    try:
        yield
    except Exception as error:
        problem = explain(error, location)
        if problem is None or problem is error:
            raise
        raise problem from None
