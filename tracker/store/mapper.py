"""Stored-event mapping for pydantic events: JSON on disk, upcast on the way back in."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, cast

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, StoredEvent, Transcoder, Transcoding
from eventsourcing.utils import TopicError, get_topic
from pydantic import BaseModel

from tracker.store.events import EVENT_CLASSES


class NewerEventVersion(ValueError):
    """A stored event was written by a newer tracker, with a schema this one does not know."""


class JSONTranscoder(Transcoder):
    """Plain JSON: pydantic has already turned the event into JSON-ready data."""

    def encode(self, obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def decode(self, data: bytes) -> Any:
        return json.loads(data)

    def register(self, transcoding: Transcoding) -> None:
        raise TypeError("events are pydantic models; no transcodings are needed")


IN_COLUMNS = {"originator_id", "originator_version"}
"""What the stored event's own columns hold: its aggregate and its version."""


def stored_state(event: BaseModel) -> dict[str, Any]:
    """What is stored of an event, as JSON data: every field not at its default (read back,
    the model fills those in; a field that may be null but has no default is kept), but not
    its aggregate's id and version (the stored event's columns), then its `class_version`
    when above 1, last.

    The JSON of a claim is about a third smaller than with every field. A view copies the
    same data from an event it is given as made (`tracker.store.changes.of_event`) as from
    one it reads back. An upcaster written for a later version must expect a field at its
    default to be absent (events stored by earlier trackers hold every field)."""
    state = event.model_dump(mode="json", exclude_defaults=True, exclude=IN_COLUMNS)
    version = getattr(type(event), "class_version", 1)
    if version > 1:
        state["class_version"] = version
    return state


def stored_json(event: BaseModel) -> bytes:
    """`stored_state` as JSON text, as `JSONTranscoder` writes it, byte for byte, written by
    pydantic in one call (about half the time of making the data and then its text)."""
    data = event.model_dump_json(exclude_defaults=True, exclude=IN_COLUMNS).encode("utf-8")
    version = getattr(type(event), "class_version", 1)
    if version > 1:
        data = data[:-1] + b',"class_version":%d}' % version
    return data


class PydanticMapper(Mapper[Any]):
    """Maps pydantic events to stored events and back, applying the class's upcasters.

    The state is stored as `stored_state` makes it. A stored event carries its `class_version`
    when above 1; on reading, each `upcast_vN_vN+1(state)` of the event class is applied in
    turn up to the current version. A stored topic is looked up among `events`, the tracker's
    own classes, and never imported.
    """

    events: Mapping[str, type[BaseModel]] = EVENT_CLASSES

    def to_stored_event(self, domain_event: DomainEventProtocol[Any]) -> StoredEvent:
        event = cast(BaseModel, domain_event)
        if type(self.transcoder) is JSONTranscoder:
            data = stored_json(event)
        else:
            data = self.transcoder.encode(stored_state(event))
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(event)),
            state=data,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[Any]:
        cls, state = self.decode_state(stored_event.topic, stored_event.state)
        return cast(DomainEventProtocol[Any], validated(cls, state, stored_event))

    def decode_state(self, topic: str, data: bytes) -> tuple[type[BaseModel], dict[str, Any]]:
        """A stored event's class and its state as JSON data, upcast to the class's version,
        not validated (`to_domain_event` validates it)."""
        if self.cipher:
            data = self.cipher.decrypt(data)
        if self.compressor:
            data = self.compressor.decompress(data)
        cls = self.events.get(topic)
        if cls is None:  # never imported: a crafted store must not run code by naming a module
            raise TopicError(f"unknown event topic {topic[:200]!r}")
        state = self.transcoder.decode(data)
        if not isinstance(state, dict):
            raise ValueError(f"the event's state is a JSON {type(state).__name__}, not an object")
        current = getattr(cls, "class_version", 1)
        version = state.pop("class_version", 1)
        if version > current:
            raise NewerEventVersion(
                f"event {topic} v{version} was written by a newer tracker (knows v{current})"
            )
        while version < current:
            getattr(cls, f"upcast_v{version}_v{version + 1}")(state)
            version += 1
        return cls, state


def validated(cls: type[BaseModel], state: dict[str, Any], stored: Any) -> BaseModel:
    """The event of `cls` with this state (decoded, upcast) as stored in `stored`, which has
    the stored event's `originator_id` and `originator_version`: the state does not hold
    them (`stored_state`), or, stored by an earlier tracker, holds the same."""
    return cls.model_validate(
        {**state, "originator_id": stored.originator_id, "originator_version": stored.originator_version}
    )
