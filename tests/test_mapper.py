"""Pydantic events survive the store unchanged, and old versions are upcast on reading."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any, ClassVar

import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import TopicError, get_topic
from pydantic import BaseModel

from tracker.domain.models import Claim, Source
from tracker.store.events import EVENT_CLASSES, DomainEvent, SourceRecord
from tracker.store.mapper import JSONTranscoder, PydanticMapper

SOURCE = Source(id="s", outlet="Wire", published="2025-10-22/2025-11-21", dated_by="range", sha256="0" * 64)


class Noted(DomainEvent):
    """An event at its second version: `note` was added, with an upcaster for older records."""

    class_version: ClassVar[int] = 2
    text: str
    note: str

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["note"] = "(none)"


class MapperWithNoted(PydanticMapper):
    events: ClassVar[dict[str, type[BaseModel]]] = {**EVENT_CLASSES, get_topic(Noted): Noted}


def mapper() -> PydanticMapper:
    return MapperWithNoted(transcoder=JSONTranscoder())


def stored(state: dict[str, Any], topic: str) -> StoredEvent:
    return StoredEvent(uuid.uuid4(), 1, topic, json.dumps(state).encode())


def base_state() -> dict[str, Any]:
    return {
        "originator_id": str(uuid.uuid4()),
        "originator_version": 1,
        "timestamp": dt.datetime(2025, 8, 1, tzinfo=dt.UTC).isoformat(),
    }


def test_a_recorded_event_reads_back_equal() -> None:
    record = SourceRecord.register(SOURCE, dt.datetime(2025, 8, 1, tzinfo=dt.UTC))
    (event,) = record.collect_events()
    assert mapper().to_domain_event(mapper().to_stored_event(event)) == event


def test_a_claim_event_made_without_revalidation_equals_a_validated_one() -> None:
    """`add_claim` builds its event with `model_construct`: it must be the event validation makes."""
    claim = Claim(
        id="c",
        source="s",
        kind="meeting_confirmed",
        summits=("vienna",),
        attribution={"kind": "official", "speaker": "the Kremlin"},
        quote="confirmed",
    )
    at = dt.datetime(2025, 8, 2, tzinfo=dt.UTC)
    record = SourceRecord.register(SOURCE, dt.datetime(2025, 8, 1, tzinfo=dt.UTC))
    record.add_claim(claim, at)
    _, event = record.collect_events()
    validated = SourceRecord.ClaimAdded.model_validate(dict(event))
    assert (event, dict(event)) == (validated, dict(validated))
    assert mapper().to_domain_event(mapper().to_stored_event(event)) == validated
    assert (record.version, record.modified_on, record.claims) == (2, at, {"c": claim})


def test_the_stored_json_leaves_out_defaults_and_what_the_columns_hold() -> None:
    """A field at its default is not stored (read back, the model fills it in), nor are the
    aggregate's id and version (the stored event's columns); a field that may be null but has
    no default is stored, null."""
    bare = Claim(
        id="c",
        source="s",
        kind="meeting_rumored",
        summits=("vienna",),
        attribution={"kind": "anonymous"},
        quote="a meeting is possible",
    )
    full = Claim.model_validate(
        {
            **bare.model_dump(),
            "modality": "conditional",
            "condition": "if asked",
            "venue": "Vienna",
            "note": "n",
            "attribution": {"kind": "official", "speaker": "P", "role": "r", "via": "v", "speaks_for": "K"},
            "stated_on": "2025-08-01",
            "window": {"start": "2025-09-01", "end": "2025-09-30", "approximate": True, "note": "w"},
        }
    )
    unbounded = Claim.model_validate({**bare.model_dump(), "id": "c3", "window": {}})
    record = SourceRecord.register(SOURCE, dt.datetime(2025, 8, 1, tzinfo=dt.UTC))
    record.add_claim(bare, dt.datetime(2025, 8, 2, tzinfo=dt.UTC))
    record.add_claim(full, dt.datetime(2025, 8, 3, tzinfo=dt.UTC))
    record.add_claim(unbounded, dt.datetime(2025, 8, 4, tzinfo=dt.UTC))
    events = record.collect_events()
    states = [json.loads(mapper().to_stored_event(event).state) for event in events]
    assert all({"originator_id", "originator_version"}.isdisjoint(state) for state in states)
    assert states[0]["recorded_by"] is None  # no default: stored as null
    assert "null" not in json.dumps(states[1]) and "kind" not in states[0]["source"]
    assert states[1]["claim"] == {
        "id": "c",
        "source": "s",
        "kind": "meeting_rumored",
        "summits": ["vienna"],
        "attribution": {"kind": "anonymous"},
        "quote": "a meeting is possible",
    }
    assert set(states[2]["claim"]) == set(Claim.model_fields) - {"period", "held_on"}  # for others
    assert states[3]["claim"]["window"] == {}  # set, with every field at its default: kept
    for event in events:
        assert mapper().to_domain_event(mapper().to_stored_event(event)) == event


def test_an_event_stored_whole_by_an_earlier_tracker_reads_as_before() -> None:
    """Earlier trackers stored every field, the aggregate's id and version too."""
    record = SourceRecord.register(SOURCE, dt.datetime(2025, 8, 1, tzinfo=dt.UTC))
    (event,) = record.collect_events()
    whole = json.dumps({**event.model_dump(mode="json"), "class_version": 2}).encode()
    stored_whole = StoredEvent(event.originator_id, event.originator_version, get_topic(type(event)), whole)
    assert mapper().to_domain_event(stored_whole) == event


def test_an_event_stored_at_version_1_is_upcast_on_reading() -> None:
    event = mapper().to_domain_event(stored({**base_state(), "text": "hello"}, get_topic(Noted)))
    assert isinstance(event, Noted)
    assert (event.text, event.note) == ("hello", "(none)")


def test_the_current_version_is_written_with_the_event() -> None:
    event = Noted(
        originator_id=uuid.uuid4(),
        originator_version=1,
        timestamp=dt.datetime.now(dt.UTC),
        text="a",
        note="b",
    )
    state = json.loads(mapper().to_stored_event(event).state)
    assert state["class_version"] == 2


def test_an_event_from_a_newer_version_is_refused_with_a_clear_message() -> None:
    state = {**base_state(), "text": "a", "note": "b", "class_version": 3}
    with pytest.raises(ValueError, match="newer tracker"):
        mapper().to_domain_event(stored(state, get_topic(Noted)))


@pytest.mark.parametrize(
    "topic", ["os:system", "subprocess:Popen", "tracker.store.events:Aggregate", "tests.test_mapper:Noted"]
)
def test_a_stored_topic_is_never_imported_only_looked_up_among_the_trackers_events(topic: str) -> None:
    plain = PydanticMapper(transcoder=JSONTranscoder())
    with pytest.raises(TopicError, match="unknown event topic"):
        plain.to_domain_event(stored({**base_state(), "text": "a", "note": "b"}, topic))


def test_a_created_event_may_name_only_the_trackers_own_aggregates() -> None:
    (event,) = SourceRecord.register(SOURCE, dt.datetime(2025, 8, 1, tzinfo=dt.UTC)).collect_events()
    state = json.loads(mapper().to_stored_event(event).state)
    state["originator_topic"] = "os:system"
    with pytest.raises(ValueError, match="not an aggregate of the tracker"):
        mapper().to_domain_event(stored(state, get_topic(SourceRecord.Registered)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_stored_json_is_the_transcoders_text_of_the_stored_state(seed: int, tmp_path: Any) -> None:
    """`stored_json` (pydantic writes the text in one call) is, byte for byte, what the
    transcoder writes of `stored_state`, for every event that recording makes of every spec
    and scenario and of generated corpora (every kind of event, optional field and version),
    and the mapper stores it."""
    from pathlib import Path

    from tracker.generate.corpus import generate
    from tracker.scenario.load import load_scenario
    from tracker.store.application import TrackerApplication
    from tracker.store.location import environment
    from tracker.store.mapper import stored_json, stored_state

    made: list[Any] = []

    def record(name: str, commands: Any) -> None:
        """Record the commands into a store of their own, keeping every event made."""
        app = TrackerApplication(env=environment(str(tmp_path / f"{name}.sqlite")))
        put = app._put
        app._put = lambda events, names: (made.extend(events), put(events, names))[1]  # type: ignore[method-assign]
        for command in commands:
            app.record(command)
        app.close()

    root = Path(__file__).resolve().parent.parent
    if seed == 1:  # each spec and scenario alone: some share a source id
        for path in sorted([*root.glob("specs/*.yaml"), *root.glob("scenarios/*.yaml")]):
            record(path.stem, [load_scenario(path).command()])
    record(
        "corpus", (chunk.command() for chunk in generate(claims=2000, summits=20, seed=seed, per_chunk=500))
    )
    mapper = TrackerApplication(env=environment(str(tmp_path / "mapper.sqlite"))).mapper
    assert {type(event).__qualname__ for event in made} >= {"SummitRecord.Defined", "SourceRecord.ClaimAdded"}
    assert any(getattr(type(event), "class_version", 1) > 1 for event in made)
    transcoder = JSONTranscoder()
    for event in made:
        assert stored_json(event) == transcoder.encode(stored_state(event)), event
        assert mapper.to_stored_event(event).state == stored_json(event)
