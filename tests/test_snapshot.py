"""A question answered from several reads sees one snapshot of the view (`BeliefView.reading`),
on both backends, while another tracker of the same store records."""

from __future__ import annotations

import datetime as dt

from tests.conftest import SEED_SCENARIO
from tests.stores import NewStore
from tracker.domain.tallies import NONE
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
        reader.rebuild()  # writes: the connection was given back to the pool read-write
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


def test_states_counted_in_one_statement_are_the_beliefs_and_tallies_read_apart(
    new_store: NewStore,
) -> None:
    """`state`'s one statement (`counted_states`) joins each summit's belief and counts as the
    reads of each (`beliefs_at`, `tallies_at`) find them: for all summits and for a few."""
    store = new_store()
    with Tracker(store) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        summits = [s.id for s in tracker.view.summits()]
        for day in (dt.date(2025, 1, 1), DAY, dt.date(2025, 10, 20)):
            beliefs, counts = tracker.view.beliefs_at(day), tracker.view.tallies_at(day)
            apart = {i: (beliefs[i], counts.get(i, NONE)) for i in beliefs}
            together = {s.summit.id: (s.belief, s.counts) for s in tracker.state(day, latest=0)}
            assert together == apart
            assert sorted(together) == summits
            few = summits[::2]
            assert [s.summit.id for s in tracker.state(day, summit_ids=few, latest=0)] == few
            assert {s.id: (b, n) for s, b, n in tracker.view.counted_states(day, few)} == {
                i: apart[i] for i in few
            }
