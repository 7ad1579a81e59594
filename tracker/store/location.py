"""Where the store is: `--store`, else `TRACKER_STORE`, else `.tracker/events.sqlite`."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

DEFAULT_STORE = Path(".tracker") / "events.sqlite"
MEMORY = ":memory:"


class StoreUnavailable(Exception):
    """The store cannot be opened or read: a clear message, never a traceback."""


def resolve(location: str | None) -> str:
    """The store location in force: the given one, the environment's, or the default."""
    return location or os.environ.get("TRACKER_STORE") or str(DEFAULT_STORE)


def environment(location: str) -> dict[str, str]:
    """The eventsourcing environment that selects the store at `location`."""
    if location.startswith(("postgresql://", "postgres://")):
        raise StoreUnavailable(
            "PostgreSQL stores are not supported yet by this version (only SQLite files)"
        )
    if location == MEMORY:
        # A private in-memory database, shared by the pool's connections and nobody else.
        name = f"file:tracker-{uuid.uuid4().hex}?mode=memory&cache=shared"
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": name}
    if location.startswith("file:"):
        raise StoreUnavailable(f"give the store as a plain path, not a URI: {location}")
    path = Path(location)
    if path.is_dir():
        raise StoreUnavailable(f"store {location} is a directory, not an SQLite file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable(f"cannot create the store's folder {path.parent}: {error.strerror}") from None
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": location}
