"""Where the store is: `--store`, else `TRACKER_STORE`, else `.tracker/events.sqlite`.

A plain path (or `:memory:`) is an SQLite store, the embedded default. A URL
`postgresql://user:password@host:port/database` is a shared PostgreSQL store; what the URL
leaves out comes from the usual libpq environment (PGUSER, PGPASSWORD, PGHOST, PGPORT,
PGDATABASE), else user `postgres` on localhost:5432.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_STORE = Path(".tracker") / "events.sqlite"
MEMORY = ":memory:"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_LOCK_TIMEOUT = "60"
"""Seconds a writer waits for another to commit on a shared SQLite file before giving up."""
CONNECT_TIMEOUT = "5"
"""Seconds to wait for a PostgreSQL server before saying it cannot be reached."""


class StoreUnavailable(Exception):
    """The store cannot be opened or read: a clear message, never a traceback."""


def resolve(location: str | None) -> str:
    """The store location in force: the given one, the environment's, or the default."""
    return location or os.environ.get("TRACKER_STORE") or str(DEFAULT_STORE)


def is_postgres(location: str) -> bool:
    return location.startswith(POSTGRES_SCHEMES)


def describe(location: str) -> str:
    """The location as it may be shown to a user: without a password."""
    if not is_postgres(location):
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def postgres_environment(location: str) -> dict[str, str]:
    """eventsourcing's POSTGRES_* settings for a postgresql:// URL."""
    try:
        parts = urlsplit(location)
        port = parts.port
    except ValueError as error:
        raise StoreUnavailable(f"store URL {describe(location)} is malformed: {error}") from None
    unknown = set(parse_qs(parts.query)) - {"connect_timeout"}
    if unknown:
        raise StoreUnavailable(
            f"store URL {describe(location)}: unknown parameter(s) {', '.join(sorted(unknown))}"
            " (only connect_timeout is understood)"
        )
    database = unquote(parts.path.lstrip("/")) or os.environ.get("PGDATABASE")
    if not database:
        raise StoreUnavailable(f"store URL {describe(location)} names no database (…/database)")
    timeout = parse_qs(parts.query).get("connect_timeout", [CONNECT_TIMEOUT])[-1]
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": database,
        "POSTGRES_HOST": unquote(parts.hostname or "") or os.environ.get("PGHOST", "127.0.0.1"),
        "POSTGRES_PORT": str(port or os.environ.get("PGPORT", "5432")),
        "POSTGRES_USER": unquote(parts.username or "") or os.environ.get("PGUSER", "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or "") or os.environ.get("PGPASSWORD", ""),
        "POSTGRES_CONNECT_TIMEOUT": timeout,
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
        "POSTGRES_SCHEMA": "public",
    }


def environment(location: str) -> dict[str, str]:
    """The eventsourcing environment that selects the store at `location`."""
    if is_postgres(location):
        return postgres_environment(location)
    if location == MEMORY:
        # A private in-memory database, shared by the pool's connections and nobody else.
        name = f"file:tracker-{uuid.uuid4().hex}?mode=memory&cache=shared"
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": name}
    if "://" in location:
        raise StoreUnavailable(
            f"store {location}: only SQLite paths and postgresql:// URLs are understood"
        )
    if location.startswith("file:"):
        raise StoreUnavailable(f"give the store as a plain path, not a URI: {location}")
    path = Path(location)
    if path.is_dir():
        raise StoreUnavailable(f"store {location} is a directory, not an SQLite file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable(f"cannot create the store's folder {path.parent}: {error.strerror}") from None
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": location,
            "SQLITE_LOCK_TIMEOUT": SQLITE_LOCK_TIMEOUT}
