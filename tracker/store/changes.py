"""Stored events as the read model copies them: JSON data, each event checked only once.

Reading an event through the mapper validates it with pydantic (`PydanticMapper.decode_state`,
then the model), which costs more than everything else the read model does with it. So the
view remembers how far the store's events have been checked (`tracker_checked`): every
event up to that position was read, upcast and validated by a tracker whose checks were
those of `CHECKS`, and none was refused. A rebuild or a large catch-up reads those events as
JSON data and copies them without validating them again (`trusted`); the rest are validated
as they are read, and extend the checked stretch only while it stays unbroken (the first
refused event ends it for good: a rebuild always checks from there).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

from pydantic import BaseModel

from tracker.store.mapper import PydanticMapper, stored_state, validated

CHECKS = 1
"""The version of the checks that reading a stored event applies (the models' validation and
limits, the upcasters). Bump it whenever they refuse something they accepted before: events
checked under another version are then checked again by the next rebuild. A test pins the
modules that hold the checks to this number."""

CLAIM_ADDED = "SourceRecord.ClaimAdded"
CLAIM_CORRECTED = "SourceRecord.ClaimCorrected"
CLAIM_RETRACTED = "SourceRecord.ClaimRetracted"
SOURCE_REGISTERED = "SourceRecord.Registered"
SOURCE_WITHDRAWN = "SourceRecord.Withdrawn"
SUMMIT_DEFINED = "SummitRecord.Defined"
SUMMIT_WITHDRAWN = "SummitRecord.Withdrawn"


class Change(NamedTuple):
    """One stored event: its position, its class (`CLAIM_ADDED`...), its state as JSON data
    upcast to the class's current version, and when it was recorded (UTC, ISO 8601)."""

    position: int
    name: str
    state: dict[str, Any]
    recorded_at: str


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def fetchone(self) -> Any: ...


@functools.lru_cache(maxsize=1024)
def utc(timestamp: str) -> str:
    """An event's timestamp as the view keeps it: UTC, ISO 8601."""
    return dt.datetime.fromisoformat(timestamp).astimezone(dt.UTC).isoformat()


def change(position: int, cls: type[BaseModel], state: dict[str, Any]) -> Change:
    return Change(position, cls.__qualname__, state, utc(state["timestamp"]))


def checked(mapper: PydanticMapper, notification: Any) -> Change:
    """The event of a notification (the library's: position `id`, `topic`, `state` and the
    aggregate's `originator_id` and `originator_version`), validated: what reading it
    through the mapper checks (it raises what the mapper raises)."""
    cls, state = mapper.decode_state(notification.topic, notification.state)
    validated(cls, state, notification)
    return change(notification.id, cls, state)


def trusted(mapper: PydanticMapper, position: int, topic: str, data: bytes) -> Change:
    """The event, upcast but not validated again: for events already checked (`CHECKS`)."""
    cls, state = mapper.decode_state(topic, data)
    return change(position, cls, state)


def of_event(position: int, event: BaseModel) -> Change:
    """A domain event (validated when it was made or read) as a change: its state as stored."""
    return change(position, type(event), stored_state(event))


CHECKED_TABLE = (
    "CREATE TABLE IF NOT EXISTS tracker_checked (checks INTEGER NOT NULL, position BIGINT NOT NULL)"
)


def prepare(c: Cursor, p: str) -> None:
    """Create the record of the checked events, or reset it when the checks have changed
    (`p`: the driver's placeholder)."""
    c.execute(CHECKED_TABLE)
    c.execute("SELECT checks FROM tracker_checked")
    row = c.fetchone()
    if row is None:
        c.execute(f"INSERT INTO tracker_checked VALUES ({p}, 0)", (CHECKS,))
    elif row[0] != CHECKS:
        c.execute(f"UPDATE tracker_checked SET checks = {p}, position = 0", (CHECKS,))


def checked_to(c: Cursor, p: str) -> int:
    """How far the store's events have been checked (0: none)."""
    c.execute(f"SELECT position FROM tracker_checked WHERE checks = {p}", (CHECKS,))
    row = c.fetchone()
    return int(row[0]) if row else 0


def extend(c: Cursor, p: str, start: int, end: int) -> None:
    """The events from `start` to `end` were checked, none refused: the checked stretch grows
    to `end` if it reached `start` (else it stays, broken by events not known to be checked)."""
    c.execute(
        f"UPDATE tracker_checked SET position = {p} WHERE checks = {p} AND position >= {p} "
        f"AND position < {p}",
        (end, CHECKS, start - 1, end),
    )
