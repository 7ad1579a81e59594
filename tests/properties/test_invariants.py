"""Property 7, invariants after every step of the recording machine (`machine.py`):

- the status is one of the allowed values;
- `held` implies a held date that began on or before the query date;
- `lapsed` implies a window that ended before the query date;
- every claim in `decided_by` is visible at the query date (published by then, recorded
  and not retracted at the time asked about);
- the answer "as recorded at T" never depends on events recorded after T;
- the counts the read model keeps (`tallies_at`) are those of the lists of visible claims
  (`bearing`), on every day they or the state may change and the day before; so are those
  counted as recorded at T (today), on the looked-at days.

Each is checked on every day: a summit's history is a list of rows, each in force from its
first day until the next row, and each invariant holding on a row's first day holds on
all its days. The states that `Tracker.state` answers are checked on the looked-at days.
The last test checks answers as recorded at T once more, without a machine: a scenario
recorded in two pieces on two days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import invariant, run_state_machine_as_test

from tests.properties import broken
from tests.properties.harness import counterexample, fresh_stores_per_example, part, seeded_bug_search
from tests.properties.machine import Recording
from tests.properties.reference import Said
from tests.stores import NewStore
from tracker.domain.belief import Belief
from tracker.domain.tallies import Counts
from tracker.domain.vocabulary import Status
from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.store.application import start_of
from tracker.testing import days, scenarios

ONE_DAY = dt.timedelta(days=1)
ALLOWED = {
    "unknown",
    "rumored",
    "proposed",
    "conditional",
    "confirmed",
    "denied",
    "cancelled",
    "postponed",
    "held",
    "lapsed",
}


def check_sound(belief: Belief, day: dt.date, said: list[Said]) -> None:
    """The invariants of one belief on one day, given the claims known at the time asked about."""
    assert isinstance(belief.status, Status) and belief.status.value in ALLOWED, belief.status
    if belief.status is Status.HELD:
        assert belief.held_on is not None and belief.held_on.earliest <= day, (belief, day)
    if belief.status is Status.LAPSED:
        window = belief.window
        assert window is not None and window.end is not None and window.end < day, (belief, day)
    visible = {s.claim.id for s in said if s.published.latest <= day}
    assert set(belief.decided_by) <= visible, (belief, day)


class Invariants(Recording):
    def __init__(self) -> None:
        super().__init__()
        self.as_recorded: dict[dt.date, object] = {}

    def answers_as_recorded(self, at: dt.date) -> object:
        return [self.tracker.state(day, at) for day in self.looks]

    @invariant()
    def every_state_is_sound(self) -> None:
        said = self.said(self.current)
        for summit in self.summits:
            for row in self.tracker.timeline(summit.id):
                check_sound(row, row.valid_from or dt.date.min, said)
        for day in self.looks:
            for state in self.tracker.state(day):
                check_sound(state.belief, day, said)
            # As recorded by the end of today; earlier days were checked on their day, and
            # `the_past_as_recorded_never_changes` makes sure that they stay as checked.
            for state in self.tracker.state(day, self.clock):
                check_sound(state.belief, day, self.said_as_recorded(self.clock))

    @invariant()
    def the_counts_kept_are_those_of_the_lists(self) -> None:
        published = {source.published.latest for source in self.sources.values()}
        changed = {
            row.valid_from for s in self.summits for row in self.tracker.timeline(s.id) if row.valid_from
        }
        kept_now = [(on, None) for day in {*self.looks, *published, *changed} for on in (day - ONE_DAY, day)]
        for on, recorded_at in [*kept_now, *((on, self.clock) for on in self.looks)]:  # then: folded
            kept = {s.summit.id: s.counts for s in self.tracker.state(on, recorded_at, latest=0)}
            listed = {
                s.summit.id: Counts.of((s.supporting, s.contradicting, s.non_answers))
                for s in self.tracker.state(on, recorded_at)
            }
            assert kept == listed, (on, recorded_at)

    @invariant()
    def the_past_as_recorded_never_changes(self) -> None:
        for at, then in self.as_recorded.items():
            if at < self.clock:  # the clock has left day `at`: nothing more is recorded on it
                assert self.answers_as_recorded(at) == then, f"as recorded at {at}"
        self.as_recorded[self.clock] = self.answers_as_recorded(self.clock)


def test_the_invariants_hold_after_every_step(new_store: NewStore) -> None:
    run_state_machine_as_test(Invariants.on(new_store))


@pytest.mark.parametrize(
    "bug",
    [
        broken.lapses_on_the_last_day,
        broken.looks_one_day_ahead,
        broken.as_recorded_sees_everything,
        broken.explains_with_the_claims_of_today,
        broken.ignores_retractions,
        broken.counts_the_deciding_claims,
        broken.counts_only_on_claim_days,
    ],
    ids=lambda bug: bug.__name__,
)
def test_the_invariants_catch(
    bug: Callable[[pytest.MonkeyPatch], None], monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    bug(monkeypatch)
    with pytest.raises(AssertionError):
        run_state_machine_as_test(Invariants.on(sqlite_store), settings=seeded_bug_search(300))


Later = tuple[Scenario, Scenario, dt.date, dt.date, list[dt.date]]


@st.composite
def later_recordings(draw: st.DrawFn) -> Later:
    """A scenario in two pieces recorded on two days, and days to look at."""
    scenario = draw(scenarios(recorded_on=False))
    first = draw(st.sets(st.sampled_from([s.id for s in scenario.sources])), label="recorded first")
    earlier = draw(days(), label="first recording")
    later = draw(days(earlier + dt.timedelta(days=1), earlier + dt.timedelta(days=30)), label="second")
    return (
        part(scenario, first),
        part(scenario, {s.id for s in scenario.sources} - first),
        earlier,
        later,
        draw(st.lists(days(), min_size=1, max_size=3), label="look at"),
    )


def check_answers_as_recorded_stay_put(new_store: NewStore, case: Later) -> None:
    first, second, earlier, later, looks = case
    with Tracker(new_store()) as tracker:
        tracker.record(first, start_of(earlier))
        then = [tracker.state(day, earlier) for day in looks]
        tracker.record(second, start_of(later))
        assert [tracker.state(day, earlier) for day in looks] == then


@fresh_stores_per_example()
@given(case=later_recordings())
def test_an_answer_as_recorded_at_t_never_depends_on_later_recordings(
    new_store: NewStore, case: Later
) -> None:
    check_answers_as_recorded_stay_put(new_store, case)


@pytest.mark.parametrize(
    "bug",
    [broken.as_recorded_sees_everything, broken.explains_with_the_claims_of_today],
    ids=lambda bug: bug.__name__,
)
def test_answers_as_recorded_catch(
    bug: Callable[[pytest.MonkeyPatch], None], monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    bug(monkeypatch)
    counterexample(later_recordings(), partial(check_answers_as_recorded_stay_put, sqlite_store))
