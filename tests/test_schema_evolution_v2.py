"""A store written before sides (belief rules v3) still reads, means what it meant, and takes
the scenarios as they are now.

`tests/fixtures/store-v2.sqlite` was written by tracker at commit 03958b6 (rules version 2;
`SourceRecord.Registered` at version 2, every other event at version 1; see
tests/fixtures/README.md). Since then `SummitRecord.Defined` gained `parties` and `host`, and
the claim of `ClaimAdded` and `ClaimCorrected` an attribution's `speaks_for` (each event at
version 2, with `upcast_v1_v2`). Every test works on a copy of the fixture in `tmp_path`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_schema_evolution import decoded, rebuild_read_model_on_opening, stored_states
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.events import SourceRecord, SummitRecord
from tracker.store.location import MEMORY

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "store-v2.sqlite"
FIXTURE_SHA256 = "9f1abd94349aab89522391b4a1a0f2dddf55404736f12d4bd79253c8790bcd43"
FROZEN = ROOT / "tests" / "fixtures" / "scenarios"
# What the fixture recorded, in this order, with this `now` (tests/fixtures/README.md).
RECORDED = (
    FROZEN / "putin_trump_2025.yaml",
    FROZEN / "istanbul_2025.yaml",
    FROZEN / "rules_v2_features.yaml",
)
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
EVENTS = {"Defined": 18, "Registered": 19, "ClaimAdded": 65, "ClaimCorrected": 1, "ClaimRetracted": 1}
# The same stories as they are now: the claims' sides added by corrections (R2).
CURRENT = (ROOT / "scenarios" / "putin_trump_2025.yaml", ROOT / "scenarios" / "istanbul_2025.yaml")
DAYS = [dt.date(2025, 5, 1) + dt.timedelta(days=n) for n in range(0, 280, 5)]
RECORDED_AT = [None, dt.date(2025, 8, 3), dt.date(2025, 8, 6), dt.date(2025, 8, 11), dt.date(2025, 8, 13)]


def record(tracker: Tracker, paths: tuple[Path, ...]) -> int:
    return sum(tracker.record(load_scenario(path), now=NOW).events for path in paths)


def same_answers(old: Tracker, fresh: Tracker) -> None:
    summits = [s.id for s in fresh.summits()]
    assert [s.id for s in old.summits()] == summits
    assert old.sources() == fresh.sources()
    for recorded_at in RECORDED_AT:
        assert old.claims(recorded_at=recorded_at) == fresh.claims(recorded_at=recorded_at)
        for day in DAYS:
            assert old.state(day, recorded_at) == fresh.state(day, recorded_at), (day, recorded_at)
    for summit in summits:
        assert old.timeline(summit) == fresh.timeline(summit), summit


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    copy = tmp_path / "store-v2.sqlite"
    shutil.copyfile(FIXTURE, copy)
    return copy


@pytest.fixture(scope="module")
def fresh() -> Iterator[Tracker]:
    """The fixture's scenarios recorded afresh, in memory, by the current code."""
    with Tracker(MEMORY) as tracker:
        record(tracker, RECORDED)
        yield tracker


def test_the_fixture_is_the_committed_store() -> None:
    """Never regenerated: it stands for the stores users already have."""
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == FIXTURE_SHA256


def test_every_event_decodes_and_old_ones_name_no_sides(old_store: Path) -> None:
    with Tracker(str(old_store)) as tracker:
        states = stored_states(tracker)
        events = decoded(tracker)
    assert Counter(type(e).__name__ for e in events) == EVENTS
    # As stored: the summits and claims at version 1, with no key for the new fields.
    for topic, state in states:
        if topic.endswith("SummitRecord.Defined"):
            assert "class_version" not in state and "parties" not in state["summit"]
        if topic.endswith(("ClaimAdded", "ClaimCorrected")):
            assert "class_version" not in state and "speaks_for" not in state["claim"]["attribution"]
    # As read: upcast to version 2, each participant a side of their own, no host, no side stated.
    for event in events:
        if isinstance(event, SummitRecord.Defined):
            assert (event.summit.parties, event.summit.host) == ((), None)
        if isinstance(event, (SourceRecord.ClaimAdded, SourceRecord.ClaimCorrected)):
            assert event.claim.attribution.speaks_for is None
    assert any(isinstance(e, SourceRecord.ClaimAdded) and e.claim.period for e in events)


@pytest.mark.parametrize("read_model", ["as-stored", "rebuilt-from-the-events"])
def test_the_old_store_answers_as_a_fresh_recording(old_store: Path, fresh: Tracker, read_model: str) -> None:
    """Its read model was projected under rules v2: it is rebuilt on opening either way."""
    if read_model == "rebuilt-from-the-events":
        rebuild_read_model_on_opening(old_store)
    with Tracker(str(old_store)) as old:
        same_answers(old, fresh)


def test_recording_the_same_scenarios_again_adds_nothing(old_store: Path) -> None:
    with Tracker(str(old_store)) as tracker:
        assert record(tracker, RECORDED) == 0
        assert tracker.app.recorder.max_notification_id() == sum(EVENTS.values())


def test_the_scenarios_as_they_are_now_add_only_their_sides(old_store: Path) -> None:
    """The seed corpus and the Istanbul story gained sides as corrections, so a store that
    holds them takes the corrections and then answers as a fresh recording of them does."""
    with Tracker(str(old_store)) as old:
        added = [old.record(load_scenario(path), now=NOW) for path in CURRENT]
        assert [(r.corrections, r.events) for r in added] == [(12, 12), (7, 7)]
        with Tracker(MEMORY) as now:
            record(now, CURRENT)
            record(now, RECORDED[2:])
            same_answers(old, now)
        trump = [c.claim for c in old.claims() if c.claim.attribution.speaker == "Donald Trump"]
        istanbul = [c for c in trump if c.id.startswith("ist-")]
        assert len(istanbul) == 7
        assert {c.attribution.speaks_for for c in istanbul} == {"the United States"}
