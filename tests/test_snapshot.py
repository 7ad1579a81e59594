"""A question answered from several reads sees one snapshot of the view (`BeliefView.reading`),
on both backends, while another process's tracker records."""

from __future__ import annotations

import datetime as dt

from tests.conftest import SEED_SCENARIO
from tests.stores import NewStore
from tracker.scenario.load import load_scenario
from tracker.service import Tracker

DAY = dt.date(2025, 8, 20)


def test_reads_inside_reading_see_the_view_as_it_was_at_the_first(new_store: NewStore) -> None:
    store = new_store()
    scenario = load_scenario(SEED_SCENARIO)
    with Tracker(store) as reader, Tracker(store) as writer:
        with reader.view.reading():
            assert reader.view.summits() == []
            writer.record(scenario)
            assert reader.view.summits() == []
            assert reader.view.beliefs_at(DAY) == {}
            assert reader.state(DAY) == []  # nested: the outer transaction holds
        recorded = reader.view.summits()
        assert [s.id for s in recorded] == sorted(s.id for s in scenario.summits)
        assert reader.view.beliefs_at(DAY) == writer.view.beliefs_at(DAY)


def test_without_reading_each_read_sees_the_latest_commit(new_store: NewStore) -> None:
    """The control of the test above: the same reads, each in a transaction of its own."""
    store = new_store()
    scenario = load_scenario(SEED_SCENARIO)
    with Tracker(store) as reader, Tracker(store) as writer:
        assert reader.view.summits() == []
        writer.record(scenario)
        assert len(reader.view.summits()) == len(scenario.summits)


def test_reads_inside_reading_may_interleave(new_store: NewStore) -> None:
    """A read may start while another's rows are still being consumed: each has its cursor."""
    store = new_store()
    with Tracker(store) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        expected = [
            (stored.claim["id"], len(tracker.view.summits())) for stored in tracker.each_stored_claim()
        ]
        with tracker.view.reading():
            interleaved = [
                (stored.claim["id"], len(tracker.view.summits())) for stored in tracker.each_stored_claim()
            ]
        assert interleaved == expected
        assert len(expected) > 1


def test_a_question_answers_alike_in_one_snapshot_and_outside(new_store: NewStore) -> None:
    store = new_store()
    with Tracker(store) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        summits = [s.id for s in tracker.view.summits()]
        for day in (DAY, dt.date(2025, 10, 20)):
            alone = {s.summit.id: (s.belief, s.counts) for s in tracker.state(day, latest=0)}
            outside = tracker.view.counted_beliefs(day)
            assert alone == outside
            assert sorted(alone) == summits
