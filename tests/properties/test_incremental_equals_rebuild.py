"""Property 4, incremental equals rebuild: a read model kept up to date recording after
recording, with restarts at random points (also between writing events and projecting
them, as after a crash), answers everything as one rebuilt from the events from scratch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import counterexample, fresh_stores_per_example, observe, part
from tests.stores import NewStore
from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.store.application import start_of
from tracker.testing import LAST_DAY, days, scenarios

Then = Literal["go on", "restart", "crash"]


@dataclass(frozen=True)
class Steps:
    scenario: Scenario
    steps: tuple[tuple[Scenario, dt.date, Then], ...]
    """Pieces of the scenario, the day each is recorded, and what happens right after."""
    days: tuple[dt.date, ...]


@st.composite
def steps(draw: st.DrawFn) -> Steps:
    scenario = draw(scenarios(recorded_on=False))  # the steps say when each piece is recorded
    order = draw(st.permutations([s.id for s in scenario.sources]), label="source order")
    cuts = [0, *sorted(draw(st.sets(st.integers(1, len(order) - 1))) if len(order) > 1 else []), len(order)]
    pieces = [part(scenario, order[a:b], summits=a == 0) for a, b in pairwise(cuts)]
    when = sorted(
        draw(
            st.lists(days(last=LAST_DAY + dt.timedelta(days=30)), min_size=len(pieces), max_size=len(pieces))
        )
    )
    afterwards: list[Then] = ["go on", "restart", "crash"]
    then = draw(st.lists(st.sampled_from(afterwards), min_size=len(pieces), max_size=len(pieces)))
    looks = draw(st.lists(days(), min_size=1, max_size=3), label="look at")
    return Steps(scenario, tuple(zip(pieces, when, then, strict=True)), tuple(looks))


def check_incremental_equals_rebuild(new_store: NewStore, case: Steps) -> None:
    recorded = [day for _, day, _ in case.steps]
    store = new_store()
    tracker = Tracker(store)
    try:
        for piece, day, then in case.steps:
            if then == "crash":  # the events are written, the read model not yet updated
                tracker.app.record(piece.command(), start_of(day))
            else:
                tracker.record(piece, start_of(day))
            if then != "go on":
                tracker.close()
                tracker = Tracker(store)
        incremental = observe(tracker, case.days, recorded)
    finally:
        tracker.close()
    with Tracker(store) as rebuilt:
        rebuilt.rebuild()
        assert observe(rebuilt, case.days, recorded) == incremental


@fresh_stores_per_example()
@given(case=steps())
def test_the_incremental_read_model_equals_one_rebuilt_from_scratch(new_store: NewStore, case: Steps) -> None:
    check_incremental_equals_rebuild(new_store, case)


def test_incremental_equals_rebuild_catches_a_cache_lost_on_restart(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    broken.forgets_summits_on_restart(monkeypatch)
    counterexample(steps(), partial(check_incremental_equals_rebuild, sqlite_store))
