"""Property 5, idempotent recording: recording a scenario again, or any of its sources
again, records nothing and changes no answer, now or as recorded at any time."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import NOW, counterexample, event_count, fresh_stores_per_example, observe, part
from tests.stores import NewStore
from tracker.scenario.load import Scenario
from tracker.scenario.problems import InvalidInput
from tracker.service import Tracker
from tracker.store.application import Recorded
from tracker.store.location import StoreUnavailable
from tracker.testing import days, scenarios

cases = st.tuples(scenarios(), st.lists(days(), min_size=1, max_size=3))
LATER = [NOW.date(), NOW.date() + dt.timedelta(days=1), NOW.date() + dt.timedelta(days=2)]


def again(tracker: Tracker, scenario: Scenario, now: dt.datetime) -> Recorded:
    """Record what was recorded already: refusing it, or failing to (a store error, as when it
    writes a correction id that its register holds already), breaks the property as much as
    adding to it."""
    try:
        return tracker.record(scenario, now)
    except InvalidInput as refusal:
        raise AssertionError(f"recording again was refused: {refusal}") from refusal
    except StoreUnavailable as error:
        raise AssertionError(f"recording again failed: {error}") from error


def check_idempotent_recording(new_store: NewStore, case: tuple[Scenario, list[dt.date]]) -> None:
    scenario, looks = case
    with Tracker(new_store()) as tracker:
        tracker.record(scenario, NOW)
        before = event_count(tracker), observe(tracker, looks, LATER)
        assert again(tracker, scenario, NOW + dt.timedelta(days=1)) == Recorded()
        for source in scenario.sources:
            assert again(tracker, part(scenario, [source.id]), NOW + dt.timedelta(days=2)) == Recorded()
        assert (event_count(tracker), observe(tracker, looks, LATER)) == before


@fresh_stores_per_example()
@given(case=cases)
def test_recording_the_same_sources_again_changes_nothing(
    new_store: NewStore, case: tuple[Scenario, list[dt.date]]
) -> None:
    check_idempotent_recording(new_store, case)


def test_idempotent_recording_catches_corrections_applied_twice(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    broken.reapplies_corrections(monkeypatch)
    counterexample(cases, partial(check_idempotent_recording, sqlite_store))
