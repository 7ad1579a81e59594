"""Property 2, no look-ahead: the state at D is the state computed from only the sources
published (surely: by the last day of their range) on or before D."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import NOW, counterexample, published_by
from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.store.location import MEMORY
from tracker.testing import FIRST_DAY, days, scenarios

cases = st.tuples(scenarios(), days(FIRST_DAY - dt.timedelta(days=1)))


def check_no_look_ahead(case: tuple[Scenario, dt.date]) -> None:
    scenario, day = case
    with Tracker(MEMORY) as everything, Tracker(MEMORY) as until_then:
        everything.record(scenario, NOW)
        until_then.record(published_by(scenario, day), NOW)
        assert everything.state(day) == until_then.state(day)


@given(cases)
def test_the_state_at_a_date_uses_only_claims_published_by_then(case: tuple[Scenario, dt.date]) -> None:
    check_no_look_ahead(case)


def test_no_look_ahead_catches_a_projection_looking_one_day_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    broken.looks_one_day_ahead(monkeypatch)
    counterexample(cases, check_no_look_ahead)
