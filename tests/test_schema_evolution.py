"""A store written before a schema change still reads, and means what it meant.

`tests/fixtures/store-v1.sqlite` was written by tracker at a commit where every event was at
version 1 (see tests/fixtures/README.md). Since then `SourceRecord.Registered` gained
`recorded_by` (version 2, `upcast_v1_v2`). Every test works on a copy of the fixture in
`tmp_path`; the committed file is only read, byte for byte, to copy and checksum it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.utils import get_topic

from tests.stores import PostgresDatabases
from tracker.domain.models import Source
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.events import SourceRecord, SummitRecord, source_aggregate_id
from tracker.store.location import MEMORY, StoreUnavailable

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "store-v1.sqlite"
FIXTURE_SHA256 = "f0d9ad6f0f82af34c6428e0cdba3bc466299ff5d384b3756b5bb66f90bd7260d"
# What the fixture recorded, in this order, and with which `now` (tests/fixtures/README.md).
# The seed corpus as it was (frozen: the scenario itself has gained sides since).
SCENARIOS = (
    "tests/fixtures/scenarios/putin_trump_2025.yaml",
    "specs/retraction.yaml",
    "specs/correction_changes_kind.yaml",
)
NOW = dt.datetime(2025, 12, 1, 12, 0, tzinfo=dt.UTC)
EVENTS = {"Defined": 13, "Registered": 8, "ClaimAdded": 37, "ClaimCorrected": 1, "ClaimRetracted": 1}
SOURCES = {
    "saednews-2025-07-22",
    "menafn-2025-07-22",
    "us-outlet-2025-08-27",
    "analysis-2025-autumn",
    "global24-2025-08-07",
    "courier-2025-08-01",
    "press-2025-08-03",
    "wire-2025-08-01",
}
DAYS = [dt.date(2025, 7, 1) + dt.timedelta(days=n) for n in range(0, 215, 7)]  # to 2026-01-27
# "As recorded at": before and after the fixture's correction and retraction, and now.
RECORDED_AT = [None, dt.date(2025, 8, 11), dt.date(2025, 8, 12), dt.date(2025, 8, 14), dt.date(2025, 8, 15)]
NEW_SOURCE = """
sources:
  - id: desk-2025-12-02
    outlet: Desk
    published: 2025-12-02
    text: "Officials said the leaders may meet in Vienna."
summits:
  - id: vienna-2026
    title: Vienna meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: desk-may-meet
    source: desk-2025-12-02
    kind: meeting_possible
    summits: [vienna-2026]
    attribution: {kind: anonymous}
    quote: the leaders may meet in Vienna
"""

Writer = Callable[..., Path]


def copy_of_fixture(folder: Path) -> Path:
    copy = folder / "store-v1.sqlite"
    shutil.copyfile(FIXTURE, copy)
    return copy


def rebuild_read_model_on_opening(store: Path) -> None:
    """Make the next opening rebuild the read model from the stored (v1) events."""
    with sqlite3.connect(store) as db:
        db.execute("UPDATE tracker_view_version SET version = version + 100")
    db.close()


def notifications(tracker: Tracker) -> Sequence[Notification]:
    """Every stored event, in the order of the store."""
    return tracker.app.recorder.select_notifications(1, 10**6)


def stored_states(tracker: Tracker) -> list[tuple[str, dict[str, Any]]]:
    return [(n.topic, json.loads(n.state)) for n in notifications(tracker)]


def decoded(tracker: Tracker) -> list[Any]:
    return [tracker.app.mapper.to_domain_event(n) for n in notifications(tracker)]


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    return copy_of_fixture(tmp_path)


@pytest.fixture(scope="module")
def fresh() -> Iterator[Tracker]:
    """The fixture's scenarios recorded afresh, in memory, by the current code."""
    with Tracker(MEMORY) as tracker:
        for name in SCENARIOS:
            tracker.record(load_scenario(ROOT / name), now=NOW)
        yield tracker


def test_the_fixture_is_the_committed_v1_store() -> None:
    """Never regenerated: it stands for the stores users already have."""
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == FIXTURE_SHA256


def test_every_event_of_the_old_store_is_stored_at_v1_and_decodes(old_store: Path) -> None:
    with Tracker(str(old_store)) as tracker:
        states = stored_states(tracker)
        events = decoded(tracker)
    assert len(states) == sum(EVENTS.values())
    assert all("class_version" not in state for _, state in states)
    assert all("recorded_by" not in state for _, state in states)
    assert Counter(type(event).__name__ for event in events) == EVENTS
    assert [get_topic(type(event)) for event in events] == [topic for topic, _ in states]


def test_registered_events_of_v1_come_back_at_v2_with_no_recorder(old_store: Path) -> None:
    with Tracker(str(old_store)) as tracker:
        registered = [e for e in decoded(tracker) if isinstance(e, SourceRecord.Registered)]
        records: list[SourceRecord] = [
            tracker.app.repository.get(source_aggregate_id(s)) for s in sorted(SOURCES)
        ]
    assert SourceRecord.Registered.class_version == 2
    assert {event.source.id for event in registered} == SOURCES
    assert all(event.recorded_by is None for event in registered)
    assert [(r.source.id, r.recorded_by) for r in records] == [(s, None) for s in sorted(SOURCES)]


def test_an_upcast_event_is_written_back_at_v2_and_not_upcast_again(old_store: Path) -> None:
    with Tracker(str(old_store)) as tracker:
        mapper = tracker.app.mapper
        for event in decoded(tracker):
            stored = mapper.to_stored_event(event)
            state = json.loads(stored.state)
            if isinstance(event, SourceRecord.Registered):
                assert (state["class_version"], state["recorded_by"]) == (2, None)
            elif isinstance(event, SummitRecord.Defined):  # v2 of rules v3: no sides named
                # The upcast's defaults are left out of the stored JSON, and read back as such.
                assert state["class_version"] == 2
                assert {"parties", "host"}.isdisjoint(state["summit"])
                assert (event.summit.parties, event.summit.host) == ((), None)
            elif isinstance(event, (SourceRecord.ClaimAdded, SourceRecord.ClaimCorrected)):
                assert state["class_version"] == 2
                assert "speaks_for" not in state["claim"]["attribution"]
                assert event.claim.attribution.speaks_for is None
            else:  # events whose schema did not change are still written at v1
                assert "class_version" not in state
            # The aggregate's id and version are the stored event's columns, not in its JSON.
            assert {"originator_id", "originator_version"}.isdisjoint(state)
            assert mapper.to_domain_event(stored) == event


@pytest.mark.parametrize("read_model", ["as-stored", "rebuilt-from-v1-events"])
def test_the_old_store_projects_the_states_of_a_fresh_recording(
    old_store: Path, fresh: Tracker, read_model: str
) -> None:
    if read_model == "rebuilt-from-v1-events":
        rebuild_read_model_on_opening(old_store)
    with Tracker(str(old_store)) as old:
        summits = [s.id for s in fresh.summits()]
        assert [s.id for s in old.summits()] == summits
        assert len(summits) == EVENTS["Defined"]
        assert old.sources() == fresh.sources()
        for recorded_at in RECORDED_AT:
            assert old.claims(recorded_at=recorded_at) == fresh.claims(recorded_at=recorded_at)
            for day in DAYS:
                assert old.state(day, recorded_at) == fresh.state(day, recorded_at), (day, recorded_at)
        for summit in summits:
            assert old.timeline(summit) == fresh.timeline(summit), summit


def test_recording_the_same_scenarios_into_the_old_store_adds_nothing(old_store: Path) -> None:
    """The recorded v1 sources, read back through the upcaster, equal the scenarios' sources."""
    with Tracker(str(old_store)) as tracker:
        for name in SCENARIOS:
            assert tracker.record(load_scenario(ROOT / name), now=NOW).events == 0
        assert tracker.app.recorder.max_notification_id() == sum(EVENTS.values())


def test_an_event_written_now_stores_class_version_2_and_round_trips() -> None:
    source = Source(id="s", outlet="Wire", published="2025-12-02", sha256="0" * 64)
    with Tracker(MEMORY) as tracker:
        mapper = tracker.app.mapper
        for recorded_by in (None, "analyst"):
            (event,) = SourceRecord.register(source, NOW, recorded_by=recorded_by).collect_events()
            stored = mapper.to_stored_event(event)
            state = json.loads(stored.state)
            assert (state["class_version"], state["recorded_by"]) == (2, recorded_by)
            back = mapper.to_domain_event(stored)
            assert back == event
            assert isinstance(back, SourceRecord.Registered) and back.recorded_by == recorded_by


def test_an_old_store_takes_v2_events_and_reads_both_after_reopening(
    old_store: Path, write_scenario: Writer, fresh: Tracker
) -> None:
    with Tracker(str(old_store)) as tracker:
        assert tracker.record(load_scenario(write_scenario(NEW_SOURCE)), now=NOW).sources == 1
    with Tracker(str(old_store)) as tracker:
        registered = get_topic(SourceRecord.Registered)
        (topic, state), *_ = [
            (t, s) for t, s in stored_states(tracker) if t == registered and "class_version" in s
        ]
        events = decoded(tracker)
        assert (topic, state["class_version"], state["source"]["id"]) == (
            get_topic(SourceRecord.Registered),
            2,
            "desk-2025-12-02",
        )
        registered = [e for e in events if isinstance(e, SourceRecord.Registered)]
        assert len(registered) == EVENTS["Registered"] + 1
        assert all(event.recorded_by is None for event in registered)
        assert {s.id for s in tracker.summits()} == {s.id for s in fresh.summits()} | {"vienna-2026"}
        (vienna,) = tracker.state(dt.date(2025, 12, 3), summit_ids=["vienna-2026"])
        assert vienna.belief.decided_by == ("desk-may-meet",)


def test_a_store_with_an_event_from_a_newer_tracker_is_refused_clearly(old_store: Path) -> None:
    """A newer tracker recorded a source at v3; this one, which knows v2, must refuse the store."""
    with sqlite3.connect(old_store) as db:
        topic, state = db.execute(
            "SELECT topic, state FROM stored_events WHERE topic = ? ORDER BY rowid DESC LIMIT 1",
            (get_topic(SourceRecord.Registered),),
        ).fetchone()
        newer = {
            **json.loads(state),
            "originator_id": str(uuid.uuid4()),
            "class_version": 3,
            "recorded_by": "analyst",
            "team": "desk",
        }
        db.execute(
            "INSERT INTO stored_events VALUES (?, 1, ?, ?)",
            (newer["originator_id"], topic, json.dumps(newer).encode()),
        )
    db.close()
    with pytest.raises(StoreUnavailable, match=r"newer tracker"):
        Tracker(str(old_store)).close()


def test_the_v1_events_copied_into_postgresql_project_the_same_states(
    old_store: Path, postgres_databases: PostgresDatabases
) -> None:
    """The v1 events, as an old SQLite store holds them, moved into a PostgreSQL store."""
    db = sqlite3.connect(old_store)
    rows = db.execute(
        "SELECT originator_id, originator_version, topic, state FROM stored_events ORDER BY rowid"
    ).fetchall()
    db.close()
    assert len(rows) == sum(EVENTS.values())
    url = postgres_databases.fresh()
    with Tracker(url) as tracker:  # creates the tables
        tracker.app.recorder.insert_events(
            [
                StoredEvent(uuid.UUID(originator_id), version, topic, bytes(state))
                for originator_id, version, topic, state in rows
            ]
        )
        assert tracker.rebuild() == len(rows)
    with Tracker(url) as moved, Tracker(str(old_store)) as old:
        assert stored_states(moved) == stored_states(old)
        summits = [s.id for s in old.summits()]
        assert [s.id for s in moved.summits()] == summits
        assert len(summits) == EVENTS["Defined"]
        assert moved.sources() == old.sources()
        for recorded_at in RECORDED_AT:
            assert moved.claims(recorded_at=recorded_at) == old.claims(recorded_at=recorded_at)
            for day in DAYS:
                assert moved.state(day, recorded_at) == old.state(day, recorded_at), (day, recorded_at)
        for summit in summits:
            assert moved.timeline(summit) == old.timeline(summit), summit
