"""The store's event recorders: the library's own, plus a register of claim and correction ids
written in the same transaction as the events, so that two sources never share one id.

A recording passes `names=[(kind, id, source id), ...]` for the claims ("claim") and
corrections ("correction") it adds; the register's primary key refuses a second owner
inside the recording's transaction, which is then refused whole (an integrity error) and
worked out again against what the other recorded. A store written before the register
existed is filled from its events when the register is created.

This module holds what both backends share and picks a backend's recorder by its topic; the
recorders are in `tracker.store.sqlite_recorders` and `tracker.store.postgres_recorders`,
so that a command on an SQLite store never imports the PostgreSQL driver.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

from eventsourcing.sqlite import SQLiteFactory
from eventsourcing.utils import get_topic

from tracker.store.events import SourceRecord

REGISTER = "tracker_names"
COLUMNS = "(kind TEXT NOT NULL, name TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY (kind, name))"
Names = Sequence[tuple[str, str, str]]
"""(kind, id, source id): kind "claim" or "correction"."""
BACKFILL = (
    # (kind, topic, JSON path of the id, JSON path of the source or None: through the claim)
    ("claim", get_topic(SourceRecord.ClaimAdded), ("claim", "id"), ("claim", "source")),
    ("correction", get_topic(SourceRecord.ClaimCorrected), ("correction_id",), ("claim", "source")),
    ("correction", get_topic(SourceRecord.ClaimRetracted), ("correction_id",), None),
)
"""Where an earlier tracker's events hold the ids to register, in this order."""

SQLITE_RECORDER = "tracker.store.sqlite_recorders:SQLiteRecorder"
POSTGRES_RECORDER = "tracker.store.postgres_recorders:PostgresRecorder"
_MOVED = {"SQLiteRecorder": SQLITE_RECORDER, "PostgresRecorder": POSTGRES_RECORDER}
"""Names this module once held, still importable from it (each imported when asked for)."""


def recorder_topic(factory: object) -> str | None:
    """The topic of the tracker's recorder for the library's factory of a backend, if any.

    A PostgreSQL factory exists only once `eventsourcing.postgres` is imported, so an SQLite
    store never imports it here."""
    if isinstance(factory, SQLiteFactory):
        return SQLITE_RECORDER
    postgres = sys.modules.get("eventsourcing.postgres")
    if postgres is not None and isinstance(factory, postgres.PostgresFactory):
        return POSTGRES_RECORDER
    return None


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        module, _, attribute = _MOVED[name].partition(":")
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
