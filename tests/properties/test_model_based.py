"""Property 3, model-based: after every step of recording, retracting and correcting claims,
the real event-sourced path (store and incrementally updated read model) agrees with a
naive reading of the rules (`reference.py`) on every day, now and as recorded at any time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule, run_state_machine_as_test

from tests.properties import broken
from tests.properties.harness import seeded_bug_search, states
from tests.properties.machine import Recording
from tests.properties.reference import Expected, day_by_day
from tests.stores import NewStore
from tracker.domain.belief import Belief
from tracker.store import readmodel


def expected(belief: Belief) -> Expected:
    return Expected(
        belief.status.value,
        belief.since,
        belief.venue,
        belief.window,
        belief.held_on,
        belief.decided_by,
        belief.contested_by,
        belief.uncertain,
    )


def in_force(rows: Sequence[Belief], day: dt.date) -> Belief:
    return [r for r in rows if r.valid_from is None or r.valid_from <= day][-1]


class AgainstTheReference(Recording):
    @invariant()
    def every_day_agrees_with_the_reference(self) -> None:
        said = self.said(self.current)
        for summit in self.summits:
            rows = self.tracker.timeline(summit.id)
            for day, want in day_by_day(summit, said, self.days[0], self.days[-1]).items():
                assert expected(in_force(rows, day)) == want, f"{summit.id} on {day}"

    @rule(data=st.data())
    def query(self, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from(self.days), label="day")
        at = data.draw(st.sampled_from([d for d, _ in self.known]), label="recorded at")
        for recorded_at, said in ((None, self.said(self.current)), (at, self.said_as_recorded(at))):
            found = states(self.tracker, day, recorded_at)
            for summit in self.summits:
                want = day_by_day(summit, said, self.days[0], day)[day]
                got = expected(found[summit.id].belief)
                assert got == want, f"{summit.id} on {day}, as recorded at {recorded_at or 'now'}"


def test_the_store_agrees_with_a_naive_reading_of_the_rules_after_every_step(new_store: NewStore) -> None:
    run_state_machine_as_test(AgainstTheReference.on(new_store))


def test_the_store_agrees_with_it_reading_every_summit_at_once(
    new_store: NewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As above, every question read as for many summits (more than `FEW`): the facts of
    every summit in one query, which scans the claims first where the backend says so
    (`BeliefView.claims_first`), not those of the summits asked."""
    monkeypatch.setattr(readmodel, "FEW", 0)
    run_state_machine_as_test(AgainstTheReference.on(new_store))


@pytest.mark.parametrize(
    "bug",
    [
        broken.rumor_overrides_official,
        broken.ignores_the_window,
        broken.ignores_retractions,
        broken.postponed_lapses,
        broken.bounded_denials_never_expire,
        broken.speculation_is_certain,
        # R14, R15 and the sides of R2: `test_sides.py`, where such stories are dense.
    ],
    ids=lambda bug: bug.__name__,
)
def test_the_model_comparison_catches(
    bug: Callable[[pytest.MonkeyPatch], None], monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore
) -> None:
    bug(monkeypatch)
    with pytest.raises(AssertionError):
        run_state_machine_as_test(AgainstTheReference.on(sqlite_store), settings=seeded_bug_search(300))
