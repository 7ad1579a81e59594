"""Evaluating a scenario's `expect` list: every mismatch, with the claims that explain it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.scenario.entries import Expectation
from tracker.scenario.load import Scenario
from tracker.service import SummitState, Tracker
from tracker.store.location import MEMORY


@dataclass(frozen=True)
class Mismatch:
    """One expected field of one expectation that the projection does not bear out."""

    index: int
    line: int | None
    expectation: Expectation
    field: str
    expected: Any
    actual: Any
    state: SummitState | None


def _compare(expectation: Expectation, state: SummitState | None) -> list[tuple[str, Any, Any]]:
    if state is None:
        return [("summit", expectation.summit, "not recorded at that time")]
    belief = state.belief
    wanted = expectation.model_fields_set
    checks: list[tuple[str, Any, Any]] = [("status", expectation.status.value, belief.status.value)]
    if "since" in wanted:
        checks.append(("since", _text(expectation.since), _text(belief.since)))
    if "venue" in wanted:
        checks.append(("venue", expectation.venue, belief.venue))
    if "held_on" in wanted:
        checks.append(("held_on", _text(expectation.held_on), _text(belief.held_on)))
    for name in ("decided_by", "contested_by", "uncertain"):
        if name in wanted:
            checks.append((name, sorted(getattr(expectation, name) or ()), sorted(getattr(belief, name))))
    return [(name, want, got) for name, want, got in checks if want != got]


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def evaluate(tracker: Tracker, scenario: Scenario, indices: Iterable[int] | None = None) -> list[Mismatch]:
    """Compare every expectation of `scenario` (or those at `indices`) with what `tracker` believes."""
    mismatches = []
    wanted = range(len(scenario.expectations)) if indices is None else indices
    for index in wanted:
        expectation = scenario.expectations[index]
        states = tracker.state(expectation.at, expectation.recorded_at, [expectation.summit])
        state = states[0] if states else None
        for field, expected, actual in _compare(expectation, state):
            line = scenario.lines.get(("expect", str(index)))
            mismatches.append(Mismatch(index, line, expectation, field, expected, actual, state))
    return mismatches


def check(scenario: Scenario) -> list[Mismatch]:
    """Replay `scenario` alone into a fresh in-memory store and evaluate its expectations."""
    with Tracker(MEMORY) as tracker:
        tracker.record(scenario)
        return evaluate(tracker, scenario)


def _claim_where(scenario: Scenario, claim_id: str) -> str:
    source = next((c.source for c in scenario.claims if c.id == claim_id), "?")
    line = scenario.lines.get(("claim", claim_id))
    return f"{claim_id} (source {source}, {scenario.path}:{line})"


def describe(scenario: Scenario, mismatches: Sequence[Mismatch]) -> list[str]:
    """Explain mismatches for a person: where the expectation is written, what differs,
    which claims decided the actual state and which claims were visible that day."""
    lines: list[str] = []
    for index in sorted({m.index for m in mismatches}):
        group = [m for m in mismatches if m.index == index]
        first = group[0]
        where = f"{scenario.path}:{first.line}"
        label = f" [{first.expectation.name}]" if first.expectation.name else ""
        lines.append(f"{where}: {first.expectation.summit} at {first.expectation.at}{label}")
        if first.expectation.note:
            lines.append(f"  expected because: {first.expectation.note}")
        for m in group:
            lines.append(f"  {m.field}: expected {m.expected!r}, got {m.actual!r}")
        state = first.state
        if state is None:
            continue
        decided = state.belief.decided_by
        lines.append("  decided by: " + (", ".join(_claim_where(scenario, c) for c in decided) or "no claim"))
        visible = [*state.supporting, *state.contradicting, *state.non_answers]
        if visible:
            lines.append(f"  also visible on {state.as_of}:")
            lines += [f"    {_claim_where(scenario, c)}" for c in visible]
    return lines
