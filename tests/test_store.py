"""The event store and its read model: idempotent, atomic recording, corrections, as-recorded."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.application import Application

from tests.conftest import SEED_SCENARIO
from tests.stores import NewStore
from tracker.domain.belief import fold
from tracker.domain.vocabulary import Status
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.service import Tracker
from tracker.store import readmodel
from tracker.store.readmodel import FEW

Writer = Callable[..., Path]

BASE = """
sources:
  - id: wire
    outlet: Wire
    published: 2025-08-01
    recorded_on: 2025-08-02
    text: "The Kremlin confirmed the leaders will meet in Vienna next month."
  - id: paper
    outlet: Paper
    published: 2025-08-05
    recorded_on: 2025-08-20
    text: "The spokesman said there will be no meeting."
summits:
  - id: vienna
    title: Vienna meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: confirmed
    source: wire
    kind: meeting_confirmed
    summits: [vienna]
    attribution: {kind: official, speaker: the Kremlin}
    quote: confirmed the leaders will meet in Vienna
    venue: Vienna
  - id: denied
    source: paper
    kind: meeting_denied
    summits: [vienna]
    attribution: {kind: official, speaker: the spokesman}
    quote: there will be no meeting
"""
RETRACTION = """
corrections:
  - id: fix-denied
    claim: denied
    action: retract
    reason: the spokesman spoke of another meeting
    recorded_on: 2025-09-01
"""
DAY = dt.date(2025, 8, 10)


def status(tracker: Tracker, day: dt.date = DAY, recorded_at: dt.date | None = None) -> Status:
    return tracker.state(day, recorded_at, ["vienna"])[0].belief.status


def event_count(tracker: Tracker) -> int:
    return tracker.app.recorder.max_notification_id() or 0


def test_recording_the_same_scenario_twice_records_nothing_new(
    write_scenario: Writer, new_store: NewStore
) -> None:
    scenario = load_scenario(write_scenario(BASE))
    with Tracker(new_store()) as tracker:
        first = tracker.record(scenario)
        count = event_count(tracker)
        second = tracker.record(scenario)
        assert (first.sources, first.claims, first.summits) == (2, 2, 1)
        assert second.events == 0
        assert event_count(tracker) == count


def test_a_late_source_changes_the_state_only_as_recorded_after_it(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        assert status(tracker, recorded_at=dt.date(2025, 8, 10)) is Status.CONFIRMED
        assert status(tracker, recorded_at=dt.date(2025, 8, 20)) is Status.DENIED
        assert status(tracker) is Status.DENIED


def test_nothing_is_known_as_recorded_before_the_first_recording(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        assert tracker.state(DAY, dt.date(2025, 8, 1)) == []


def test_a_retraction_is_a_new_event_and_the_old_belief_stays_queryable(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        before = event_count(tracker)
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)))
        assert event_count(tracker) == before + 1
        assert status(tracker) is Status.CONFIRMED
        assert status(tracker, recorded_at=dt.date(2025, 8, 31)) is Status.DENIED
        assert status(tracker, recorded_at=dt.date(2025, 9, 1)) is Status.CONFIRMED
        retracted = {r.claim.id: r.retracted for r in tracker.claims(summit="vienna")}
        assert retracted == {"confirmed": False, "denied": True}


def test_as_recorded_after_everything_a_summit_left_to_settle_is_folded_not_read_from_the_view(
    write_scenario: Writer, new_store: NewStore
) -> None:
    """As recorded at a time after every recording, a summit whose claims have not changed
    since answers from the history the view keeps, unless it is left to settle: that history
    is then older than its claims (`BeliefView._kept_then`)."""
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)), settle=False)
        later = dt.date(2025, 9, 2)
        assert tracker.view.timeline("vienna")[-1].status is Status.DENIED  # not settled yet
        assert status(tracker, recorded_at=later) is Status.CONFIRMED
        unsettled = tracker.state(DAY, later, ["vienna"], latest=0)
        assert unsettled[0].belief.decided_by == ("confirmed",)
        tracker.view.settle()
        assert status(tracker) is status(tracker, recorded_at=later) is Status.CONFIRMED
        assert unsettled == tracker.state(DAY, later, ["vienna"], latest=0)


@pytest.mark.parametrize(
    ("day", "folded", "expected"),
    [(dt.date(2025, 8, 3), 0, Status.CONFIRMED), (dt.date(2025, 8, 6), 1, Status.CONFIRMED)],
    ids=["before-the-late-claim", "after-it"],
)
def test_as_recorded_a_summit_is_folded_only_if_a_claim_visible_by_the_day_changed_since(
    write_scenario: Writer,
    new_store: NewStore,
    monkeypatch: pytest.MonkeyPatch,
    day: dt.date,
    folded: int,
    expected: Status,
) -> None:
    """The denial, published on 5 August, was recorded on the 20th. As recorded on the 10th,
    the summit's belief on a day before the 5th is the one the view keeps (no fold); on a day
    after, the claims of then are folded (`BeliefView._kept_then`)."""
    folds = []
    monkeypatch.setattr(readmodel, "fold", lambda *args: folds.append(args) or fold(*args))
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        folds.clear()
        assert status(tracker, day, recorded_at=dt.date(2025, 8, 10)) is expected
        assert len(folds) == folded
        assert status(tracker, day) is (expected if day < dt.date(2025, 8, 5) else Status.DENIED)


def test_a_correction_replaces_the_claim_from_its_recording_on(
    write_scenario: Writer, new_store: NewStore
) -> None:
    correction = """
corrections:
  - id: fix-kind
    claim: denied
    action: correct
    reason: it was a postponement, not a denial
    replace: {kind: meeting_cancelled}
    recorded_on: 2025-09-01
"""
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE + correction)))
        assert status(tracker) is Status.CANCELLED
        assert status(tracker, recorded_at=dt.date(2025, 8, 25)) is Status.DENIED


def test_a_changed_claim_is_refused_and_nothing_of_the_scenario_is_recorded(
    write_scenario: Writer, new_store: NewStore
) -> None:
    changed = (
        BASE.replace("kind: meeting_denied", "kind: meeting_cancelled")
        + """
  - id: extra
    source: wire
    kind: meeting_proposed
    summits: [vienna]
    attribution: {kind: outlet}
    quote: leaders will meet
"""
    )
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        before = event_count(tracker)
        with pytest.raises(InvalidInput, match="record a correction"):
            tracker.record(load_scenario(write_scenario(changed, "changed.yaml")))
        assert event_count(tracker) == before
        assert {r.claim.id for r in tracker.claims()} == {"confirmed", "denied"}


def test_a_claim_id_already_used_by_another_source_is_refused(
    write_scenario: Writer, new_store: NewStore
) -> None:
    other = BASE.replace("id: wire", "id: wire2").replace("source: wire", "source: wire2")
    other = other.replace("id: paper", "id: paper2").replace("source: paper", "source: paper2")
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        with pytest.raises(InvalidInput, match="already recorded under source"):
            tracker.record(load_scenario(write_scenario(other, "other.yaml")))


@pytest.mark.parametrize("reopened", [False, True], ids=["same-session", "reopened"])
def test_a_changed_summit_definition_is_refused(
    write_scenario: Writer, new_store: NewStore, reopened: bool
) -> None:
    """Whether the definition was recorded in this session (and remembered) or read back."""
    store = new_store()
    changed = load_scenario(write_scenario(BASE.replace("title: Vienna meeting", "title: Geneva"), "x.yaml"))
    again = load_scenario(write_scenario(BASE + RETRACTION, "again.yaml"))

    def refuses_then_records(tracker: Tracker) -> None:
        before = event_count(tracker)
        with pytest.raises(InvalidInput, match="differs from the definition already recorded"):
            tracker.record(changed)
        assert event_count(tracker) == before
        assert tracker.record(again).corrections == 1

    with Tracker(store) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        if not reopened:
            refuses_then_records(tracker)
    if reopened:
        with Tracker(store) as tracker:
            refuses_then_records(tracker)


def test_the_read_model_resumes_after_a_restart_without_reprocessing(
    write_scenario: Writer, new_store: NewStore
) -> None:
    store = new_store()
    with Tracker(store) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        position = tracker.view.max_tracking_id(tracker.app.name)
    with Tracker(store) as tracker:
        assert tracker.view.max_tracking_id(tracker.app.name) == position
        assert tracker.view.catch_up(tracker.app) == 0
        assert status(tracker) is Status.DENIED
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)))
        assert tracker.view.max_tracking_id(tracker.app.name) == position + 1


def test_an_incrementally_updated_read_model_equals_one_rebuilt_from_scratch(
    write_scenario: Writer, new_store: NewStore
) -> None:
    store = new_store()
    days = [dt.date(2025, 7, 1) + dt.timedelta(days=n) for n in range(0, 200, 3)]
    with Tracker(store) as tracker:
        for text in (BASE, BASE + RETRACTION):
            tracker.record(load_scenario(write_scenario(text, f"s{len(text)}.yaml")))
        tracker.record(load_scenario(SEED_SCENARIO))
        incremental = [tracker.state(day) for day in days]
        events = len(tracker.app.recorder.select_notifications(1, 10**6))
    with Tracker(store) as tracker:
        assert tracker.rebuild() == events
        assert [tracker.state(day) for day in days] == incremental


def test_a_read_model_of_another_version_is_rebuilt_from_the_events(
    write_scenario: Writer, new_store: NewStore
) -> None:
    store = new_store()
    with Tracker(store) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        expected = tracker.state(DAY)
        with tracker.view._session(commit=True) as (c, _):
            c.execute("UPDATE tracker_view_version SET version = version + 100")
            c.execute("DELETE FROM tracker_beliefs")
    with Tracker(store) as tracker:
        assert tracker.state(DAY) == expected


def test_the_claims_explaining_a_state_as_recorded_are_those_recorded_by_then(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)))
        before_late = tracker.state(DAY, dt.date(2025, 8, 10))[0]
        before_retraction = tracker.state(DAY, dt.date(2025, 8, 25))[0]
        now = tracker.state(DAY)[0]
        assert (before_late.belief.decided_by, before_late.contradicting) == (("confirmed",), ())
        assert (before_retraction.belief.decided_by, before_retraction.contradicting) == (
            ("denied",),
            ("confirmed",),
        )
        assert (now.belief.decided_by, now.contradicting) == (("confirmed",), ())
        as_then = {r.claim.id: r.retracted for r in tracker.claims(recorded_at=dt.date(2025, 8, 25))}
        assert as_then == {"confirmed": False, "denied": False}


def test_a_state_not_explained_is_the_same_beliefs_without_reading_the_claims(
    write_scenario: Writer, new_store: NewStore
) -> None:
    """What a table of `tracker state` shows: every summit's belief, as explained states have it."""
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)))
        tracker.record(load_scenario(SEED_SCENARIO))
        pointed = 0
        for day, recorded_at in [(DAY, None), (DAY, dt.date(2025, 8, 25)), (dt.date(2025, 10, 20), None)]:
            explained = tracker.state(day, recorded_at)
            plain = tracker.state(day, recorded_at, explained=False)
            pointed += sum(len(s.supporting) + len(s.contradicting) for s in explained)
            assert [(s.summit, s.belief) for s in plain] == [(s.summit, s.belief) for s in explained]
            assert not any(s.supporting or s.contradicting or s.non_answers for s in plain)
        assert pointed > 0


@pytest.mark.parametrize("collecting", [True, False], ids=["gc-on", "gc-off"])
def test_all_summits_at_a_day_leaves_the_garbage_collector_as_it_found_it(
    write_scenario: Writer, new_store: NewStore, collecting: bool
) -> None:
    """The query pauses the cyclic collector while it makes its rows, and only then."""
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        was = gc.isenabled()
        (gc.enable if collecting else gc.disable)()
        try:
            beliefs = tracker.view.beliefs_at(DAY)
            assert gc.isenabled() is collecting
        finally:
            (gc.enable if was else gc.disable)()
        assert beliefs["vienna"].status is Status.DENIED  # the later official word


def test_summits_asked_for_by_id_are_the_same_however_many_are_asked_for(new_store: NewStore) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        every = tracker.summits()
        some = {every[0].id, every[-1].id, "no-such-summit"}
        expected = [s for s in every if s.id in some]
        assert len(expected) == 2
        assert tracker.view.summits(wanted=some) == expected  # looked up by id
        many = some | {f"missing-{n}" for n in range(FEW)}  # more than are looked up by id
        assert tracker.view.summits(wanted=many) == expected
        assert tracker.view.summits(wanted=[]) == []
        assert tracker.summit(every[-1].id) == every[-1]
        assert tracker.summit("no-such-summit") is None
        assert [s.summit.id for s in tracker.state(DAY, summit_ids=[every[-1].id])] == [every[-1].id]


def test_a_summit_definition_is_validated_once_then_shared_by_every_question(
    new_store: NewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    validate = readmodel.Summit.model_validate_json

    def counted(payload: str) -> Any:
        made.append(payload)
        return validate(payload)

    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        readmodel._summit.cache_clear()
        monkeypatch.setattr(readmodel.Summit, "model_validate_json", counted)
        every = tracker.summits()
        assert len(made) == len(every) > 1  # each definition once
        states = tracker.state(DAY, latest=0)  # the view's rows, one statement
        later = tracker.state(DAY + dt.timedelta(days=30), latest=0)
        assert len(made) == len(every)
        assert [s.summit for s in states] == every
        assert all(s.summit is t.summit for s, t in zip(states, later, strict=True))
        assert tracker.summit(every[0].id) is every[0]


def test_a_state_is_explained_only_by_claims_visible_on_its_day(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE)))
        (before,) = tracker.state(dt.date(2025, 8, 3), summit_ids=["vienna"])
        (after,) = tracker.state(DAY, summit_ids=["vienna"])
        assert (before.belief.decided_by, before.contradicting) == (("confirmed",), ())
        assert (after.belief.decided_by, after.contradicting) == (("denied",), ("confirmed",))


def test_recording_skips_only_steps_of_save_this_application_does_not_use(new_store: NewStore) -> None:
    """A recording puts its events straight into the event store (`TrackerApplication._put`),
    not through `Application.save`, whose other steps serve snapshots, a cache of aggregates
    and subscribers: should one of them ever be configured, recording must save again."""
    with Tracker(new_store()) as tracker:
        app = tracker.app
        assert (app.snapshots, app.repository.cache) == (None, None) and not app.snapshotting_intervals
        assert (type(app)._notify, type(app).notify) == (Application._notify, Application.notify)
        recorded = tracker.record(load_scenario(SEED_SCENARIO))
        positions = [r.notification.id for r in recorded.recordings]
        assert positions == list(range(1, len(positions) + 1)) == list(range(1, event_count(tracker) + 1))


def test_aggregates_read_for_recording_are_those_the_repository_makes(new_store: NewStore) -> None:
    """Recording reads the sources and summits it meets already stored all at once
    (`TrackerApplication._recorded`, `_find`): each is the aggregate the library's repository
    makes of the same events, corrected claims included; an id with no events is none.
    (A withdrawn source refused when recorded again: tests/test_poisoned_store.py.)"""
    from tracker.store.events import SourceRecord, SummitRecord, source_aggregate_id, summit_aggregate_id

    scenario = load_scenario(SEED_SCENARIO)
    with Tracker(new_store()) as tracker:
        tracker.record(scenario)
        app = tracker.app
        kinds = {source_aggregate_id(s.id): SourceRecord for s in scenario.sources}
        kinds |= {summit_aggregate_id(s.id): SummitRecord for s in scenario.summits}
        missing = source_aggregate_id("never-recorded")
        known = app._recorded([*kinds, missing])
        assert set(known) == set(kinds)
        for aggregate_id, kind in kinds.items():
            found = app._find(kind, aggregate_id, known)
            assert found is not None and vars(found) == vars(app.repository.get(aggregate_id))
        assert app._find(SourceRecord, missing, known) is None
        assert not any(app._withdrawn(known, aggregate_id) for aggregate_id in kinds)


def test_the_collector_waits_while_a_scenario_is_recorded_and_resumes_after(write_scenario: Writer) -> None:
    """Recording pauses the cyclic garbage collector (a scenario makes an event and more per
    claim, none in a cycle; at a million claims the collections cost a fifth of recording)
    and resumes it after, whether the scenario was recorded or refused."""
    import gc

    changed = BASE.replace("kind: meeting_denied", "kind: meeting_cancelled")
    seen: list[bool] = []
    with Tracker(":memory:") as tracker:
        record_once = tracker.app._record_once

        def watched(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return record_once(*args, **kwargs)

        tracker.app._record_once = watched  # type: ignore[method-assign]
        assert gc.isenabled()
        tracker.record(load_scenario(write_scenario(BASE)))
        assert gc.isenabled()
        with pytest.raises(InvalidInput, match="differs from the claim already recorded"):
            tracker.record(load_scenario(write_scenario(changed)))
        assert gc.isenabled() and seen == [False, False]
