"""A team's shared store: who recorded what, and a follower that keeps the read model current."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from tests.conftest import SEED_SCENARIO
from tests.stores import NewStore, PostgresDatabases
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.application import TrackerApplication
from tracker.store.events import SourceRecord
from tracker.store.follow import follow, runner
from tracker.store.location import environment
from tracker.store.postgres_view import PostgresBeliefView


def test_each_source_records_the_analyst_who_recorded_it(
    new_store: NewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario = load_scenario(SEED_SCENARIO)
    monkeypatch.setenv("TRACKER_ANALYST", "ana")
    with Tracker(new_store()) as tracker:
        tracker.record(scenario)
        events = [
            tracker.app.mapper.to_domain_event(n)
            for n in tracker.app.recorder.select_notifications(1, 10_000)
        ]
    registered = [e for e in events if isinstance(e, SourceRecord.Registered)]
    assert len(registered) == len(scenario.sources)
    assert {e.recorded_by for e in registered} == {"ana"}


def test_a_follower_projects_what_another_analyst_commits(postgres_databases: PostgresDatabases) -> None:
    store = postgres_databases.fresh()
    Tracker(store).close()
    scenario = load_scenario(SEED_SCENARIO)
    day = dt.date(2025, 8, 20)
    with runner(store) as following:
        writer = Tracker(store)
        writer.app.record(scenario.command())  # the events only: this process does not catch up
        last = writer.app.recorder.max_notification_id()
        writer.app.close()
        following.wait(last, timeout=30)
        beliefs = following.view.beliefs_at(day)
    with Tracker(":memory:") as expected:
        expected.record(scenario)
        assert beliefs == expected.view.beliefs_at(day)


def test_follow_applies_commits_as_they_come_and_stops_when_asked(
    postgres_databases: PostgresDatabases,
) -> None:
    store = postgres_databases.fresh()
    Tracker(store).close()
    app = TrackerApplication(env=environment(store))
    view = app.factory.tracking_recorder(PostgresBeliefView)  # reads the position, never catches up
    stop = threading.Event()
    thread = threading.Thread(target=follow, args=(store, stop))
    thread.start()
    try:
        app.record(load_scenario(SEED_SCENARIO).command())
        last = app.recorder.max_notification_id()
        deadline = time.monotonic() + 30
        while (view.max_tracking_id(app.name) or 0) < (last or 0) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert view.max_tracking_id(app.name) == last
        assert view.beliefs_at(dt.date(2025, 8, 20))
    finally:
        stop.set()
        thread.join(timeout=30)
        app.close()
    assert not thread.is_alive()
