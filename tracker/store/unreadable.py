"""Stored events this tracker refuses to read: named, with the way out, or left out once withdrawn.

An older tracker may have recorded what this one refuses (a date out of range, a control
character): such an event stops every reading command, naming the event and the source or
summit it belongs to, until that source or summit is withdrawn (`tracker withdraw`); from
then on the read model leaves all of its events out, and says so.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import TopicError
from pydantic import ValidationError

from tracker.store.events import WITHDRAWN_TOPICS
from tracker.store.location import StoreUnavailable
from tracker.store.mapper import NewerEventVersion

REFUSALS = (ValueError, TypeError, KeyError, TopicError)
"""What decoding a stored event raises when the event is not one this tracker accepts
(pydantic's ValidationError, JSON and UTF-8 errors are ValueErrors)."""


def refused(error: BaseException) -> bool:
    """Whether decoding failed because of the event (not a newer tracker's, which is upgraded to)."""
    return isinstance(error, REFUSALS) and not isinstance(error, NewerEventVersion)


def reason(error: BaseException) -> str:
    """Why an event was refused, in one line: each invalid field and what is wrong with it."""
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, e['loc']))}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()[:3]
        )[:400]
    lines = str(error).strip().splitlines()
    return lines[0][:400] if lines else type(error).__name__


def _state(stored: StoredEvent) -> dict[str, Any]:
    try:
        state = json.loads(stored.state)
    except ValueError:
        return {}
    return state if isinstance(state, dict) else {}


def _owner_in(state: dict[str, Any]) -> tuple[str, str] | None:
    for kind, outer, inner in (
        ("source", "source", "id"),
        ("source", "claim", "source"),
        ("summit", "summit", "id"),
    ):
        value = state.get(outer)
        if isinstance(value, dict) and isinstance(value.get(inner), str):
            return kind, value[inner]
    return None


def owner(recorder: Any, stored: StoredEvent) -> tuple[str, str] | None:
    """('source' or 'summit', its id) of the aggregate an event belongs to, read from the raw
    JSON of the event or of its aggregate's first event, without validating either."""
    found = _owner_in(_state(stored))
    if found is None and stored.originator_version != 1:
        first: Sequence[StoredEvent] = recorder.select_events(stored.originator_id, lte=1)
        found = _owner_in(_state(first[0])) if first else None
    return found


def is_withdrawn(recorder: Any, originator_id: uuid.UUID) -> bool:
    stored: Sequence[StoredEvent] = recorder.select_events(originator_id, desc=True, limit=1)
    return bool(stored) and stored[0].topic in WITHDRAWN_TOPICS


class UnreadableEvent(StoreUnavailable):
    """An event recorded by an older tracker that this one refuses: what it is and the way out."""

    def __init__(
        self, position: int, stored: StoredEvent, belongs_to: tuple[str, str] | None, error: BaseException
    ) -> None:
        self.position = position
        self.belongs_to = belongs_to
        kind_name = stored.topic.rpartition(":")[2][:80]
        if belongs_to is None:
            way_out = "this store was not written by a tracker: use another store"
        else:
            kind, ident = belongs_to
            way_out = (
                f"to go on without it, withdraw the {kind}: tracker withdraw --{kind} {ident} "
                "--reason '...' (README, \"Limits and safety\")"
            )
        of = f" of {belongs_to[0]} {belongs_to[1]!r}" if belongs_to else ""
        super().__init__(
            f"event {position} ({kind_name}{of}, aggregate {stored.originator_id}, "
            f"version {stored.originator_version}) cannot be read by this tracker: "
            f"{reason(error)}; {way_out}"
        )
