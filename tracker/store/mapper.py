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


class PydanticMapper(Mapper[Any]):
    """Maps pydantic events to stored events and back, applying the class's upcasters.

    A stored event carries its `class_version` when above 1; on reading, each
    `upcast_vN_vN+1(state)` of the event class is applied in turn up to the current version.
    A stored topic is looked up among `events`, the tracker's own classes, and never imported.
    """

    events: Mapping[str, type[BaseModel]] = EVENT_CLASSES

    def to_stored_event(self, domain_event: DomainEventProtocol[Any]) -> StoredEvent:
        event = cast(BaseModel, domain_event)
        state = event.model_dump(mode="json")
        version = getattr(type(event), "class_version", 1)
        if version > 1:
            state["class_version"] = version
        data = self.transcoder.encode(state)
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
        return cast(DomainEventProtocol[Any], cls.model_validate(state))

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
