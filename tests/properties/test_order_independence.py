"""Property 1, order independence: recording a scenario's sources in any order and in any
batches, claims in any order, summit definitions first or last, gives the same state at
every date as recording it all at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import NOW, counterexample, fresh_stores_per_example, observe, part
from tests.stores import NewStore
from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.testing import days, scenarios


@dataclass(frozen=True)
class Orders:
    scenario: Scenario
    steps: tuple[Scenario, ...]
    """The same scenario in pieces, in the order they are recorded."""
    days: tuple[dt.date, ...]


@st.composite
def orders(draw: st.DrawFn) -> Orders:
    scenario = draw(scenarios())
    sources = draw(st.permutations([s.id for s in scenario.sources]), label="source order")
    claim_order = draw(st.permutations([c.id for c in scenario.claims]), label="claim order")
    batches: list[list[str]] = [[]]
    for source in sources:
        if len(batches[-1]) > 0 and draw(st.booleans(), label="new batch"):
            batches.append([])
        batches[-1].append(source)
    steps = [part(scenario, batch, summits=False, claim_order=claim_order) for batch in batches]
    definitions = replace(part(scenario, []), summits=scenario.summits)
    steps.insert(draw(st.integers(0, len(steps)), label="summits defined at step"), definitions)
    return Orders(scenario, tuple(steps), tuple(draw(st.lists(days(), min_size=1, max_size=3))))


def check_order_independence(new_store: NewStore, case: Orders) -> None:
    with Tracker(new_store()) as at_once, Tracker(new_store()) as in_pieces:
        at_once.record(case.scenario, NOW)
        for step in case.steps:
            in_pieces.record(step, NOW)
        assert observe(in_pieces, case.days) == observe(at_once, case.days)


@fresh_stores_per_example()
@given(case=orders())
def test_any_recording_order_gives_the_same_state_at_every_date(new_store: NewStore, case: Orders) -> None:
    check_order_independence(new_store, case)


def test_order_independence_catches_ties_broken_by_recording_order(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    broken.ties_go_to_the_last_recorded(monkeypatch)
    counterexample(orders(), partial(check_order_independence, sqlite_store))
