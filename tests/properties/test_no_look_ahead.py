"""Property 2, no look-ahead: the state at D is the state computed from only the sources
published (surely: by the last day of their range) on or before D."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import NOW, counterexample, fresh_stores_per_example, published_by
from tests.stores import NewStore
from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.testing import FIRST_DAY, days, scenarios

cases = st.tuples(scenarios(), days(FIRST_DAY - dt.timedelta(days=1)))


def check_no_look_ahead(new_store: NewStore, case: tuple[Scenario, dt.date]) -> None:
    scenario, day = case
    with Tracker(new_store()) as everything, Tracker(new_store()) as until_then:
        everything.record(scenario, NOW)
        until_then.record(published_by(scenario, day), NOW)
        assert everything.state(day) == until_then.state(day)


@fresh_stores_per_example()
@given(case=cases)
def test_the_state_at_a_date_uses_only_claims_published_by_then(
    new_store: NewStore, case: tuple[Scenario, dt.date]
) -> None:
    check_no_look_ahead(new_store, case)


def test_no_look_ahead_catches_a_projection_looking_one_day_ahead(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    broken.looks_one_day_ahead(monkeypatch)
    counterexample(cases, partial(check_no_look_ahead, sqlite_store))
