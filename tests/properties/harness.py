"""What the property tests share: recording plans, observations, YAML documents, seeded bugs' search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st

from tracker.domain.belief import Belief
from tracker.scenario import writer
from tracker.scenario.load import Scenario
from tracker.scenario.yamlnodes import load_located
from tracker.service import SummitState, Tracker
from tracker.testing import source_text

T = TypeVar("T")

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""When recordings without a simulated `recorded_on` day happen: after every generated day."""


def fresh_stores_per_example() -> settings:
    """For a @given test taking `new_store`, a function-scoped fixture: the test calls
    `new_store()` inside each example, so no store is shared between examples, and Hypothesis's
    health check against such fixtures does not apply. The profile's other settings stay."""
    return settings(
        suppress_health_check=[*settings().suppress_health_check, HealthCheck.function_scoped_fixture]
    )


def part(
    scenario: Scenario,
    source_ids: Iterable[str],
    *,
    summits: bool = True,
    claim_order: Sequence[str] | None = None,
) -> Scenario:
    """The part of `scenario` about some of its sources: them, their claims and corrections."""
    keep = set(source_ids)
    claims = [c for c in scenario.claims if c.source in keep]
    if claim_order is not None:
        claims.sort(key=lambda c: claim_order.index(c.id))
    ids = {c.id for c in claims}
    fixes = tuple(f for f in scenario.corrections if f.claim_id in ids)
    ours = keep | {f.id for f in fixes}
    return replace(
        scenario,
        sources=tuple(s for s in scenario.sources if s.id in keep),
        summits=scenario.summits if summits else (),
        claims=tuple(claims),
        corrections=fixes,
        recorded_on={k: v for k, v in scenario.recorded_on.items() if k in ours},
        claim_recorded_on={k: v for k, v in scenario.claim_recorded_on.items() if k in ids},
    )


def published_by(scenario: Scenario, day: dt.date) -> Scenario:
    """The part of `scenario` whose sources were surely published on or before `day`."""
    return part(scenario, [s.id for s in scenario.sources if s.published.latest <= day])


def timelines(tracker: Tracker) -> dict[str, list[Belief]]:
    return {s.id: tracker.timeline(s.id) for s in tracker.summits()}


def observe(tracker: Tracker, days: Sequence[dt.date], recorded: Sequence[dt.date] = ()) -> tuple[Any, ...]:
    """Everything a reader can ask: each summit's history, the states at `days`, and the
    same states as recorded at the end of each day of `recorded`."""
    now = [tracker.state(day, latest=latest) for latest in (None, 0) for day in days]
    then = [tracker.state(day, at) for at in recorded for day in days]
    return timelines(tracker), now, then


def states(tracker: Tracker, day: dt.date, recorded_at: dt.date | None = None) -> dict[str, SummitState]:
    return {s.summit.id: s for s in tracker.state(day, recorded_at)}


def event_count(tracker: Tracker) -> int:
    return tracker.app.recorder.max_notification_id() or 0


def scenario_yaml(scenario: Scenario) -> str:
    """The scenario as a user would write it (README, "Scenario files"), by the product's one
    writer, `tracker.scenario.writer`; each source's text is `source_text`."""
    return writer.scenario_yaml(scenario, {s.id: source_text(scenario, s.id) for s in scenario.sources})


def scenario_document(scenario: Scenario) -> dict[str, Any]:
    """`scenario_yaml` read back as plain data (the loader's YAML 1.2 reading), to edit."""
    document: dict[str, Any] = load_located(scenario_yaml(scenario)).data
    return document


def counterexample(strategy: st.SearchStrategy[T], check: Callable[[T], None], max_examples: int = 1000) -> T:
    """The first input found on which `check` fails an assertion; a test of a
    seeded bug asserts that there is one (`find` raises NoSuchExample otherwise)."""

    def fails(value: T) -> bool:
        try:
            check(value)
        except AssertionError:
            return True
        return False

    return find(strategy, fails, settings=seeded_bug_search(max_examples))


def seeded_bug_search(max_examples: int = 1000) -> settings:
    """Settings for hunting a seeded bug: stop at the first failure, without shrinking it. The
    hunt is derandomized (a seed per test): a test that must catch a bug either always does or
    never does, instead of missing it now and then (`postponed_lapses` was missed by about one
    random search in ten)."""
    return settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        derandomize=True,
        phases=(Phase.explicit, Phase.generate),
        report_multiple_bugs=False,
    )
