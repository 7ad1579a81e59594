"""`tracker explain` reads the facts from the view's columns and each claim's words from its
stored event, building no model (`BeliefView.explaining`, `explain.explained`). It says
exactly what the domain's `explain` says from the validated claims: for every summit of every
spec and scenario, on every day one of its claims became visible, on both backends; for a
generated corpus with corrections and retractions, as now recorded and as recorded earlier;
and for a store whose claims need upcasting."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.stores import NewStore
from tracker.domain.explain import Explanation, explain, explained
from tracker.generate.corpus import generate
from tracker.scenario.load import load_scenario
from tracker.service import Tracker

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("specs/*.yaml"), *ROOT.glob("scenarios/*.yaml")])
FIXTURE = ROOT / "tests" / "fixtures" / "store-v2.sqlite"


def by_models(tracker: Tracker, summit_id: str, day: dt.date, position: int | None) -> Explanation:
    """The explanation from the claims read as validated models (what `explain` did before)."""
    summit = tracker.view.summits(position, [summit_id])[0]
    records = [r for r in tracker.view.claims(summit=summit_id, position=position) if not r.retracted]
    outlets = {r.claim.source: r.outlet for r in records}
    return explain(summit, [r.published_claim for r in records], day, outlets)


def by_columns(tracker: Tracker, summit_id: str, day: dt.date, position: int | None) -> Explanation:
    summit = tracker.view.summits(position, [summit_id])[0]
    return explained(summit, *tracker.view.explaining(summit_id, position, visible_by=day), day)


def assert_same(tracker: Tracker, position: int | None = None, most: int = 10_000) -> int:
    """Compares both ways for each summit on each day a claim of it became visible (and the
    day before the first); returns how many reasons were compared."""
    compared = 0
    for summit in tracker.view.summits(position)[:most]:
        records = tracker.view.claims(summit=summit.id, position=position)
        days = sorted({r.published_claim.visible_from for r in records})
        for day in [days[0] - dt.timedelta(days=1), *days] if days else []:
            expected = by_models(tracker, summit.id, day, position)
            assert by_columns(tracker, summit.id, day, position) == expected, (summit.id, day)
            compared += len(expected.reasons)
    return compared


@pytest.mark.parametrize("scenario", FILES, ids=lambda path: path.name)
def test_each_spec_and_scenario_is_explained_the_same_from_columns(
    scenario: Path, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(scenario))
        assert assert_same(tracker) > 0


def test_a_generated_corpus_is_explained_the_same_now_and_as_recorded_earlier(tmp_path: Path) -> None:
    with Tracker(str(tmp_path / "store.sqlite")) as tracker:
        positions = []
        for chunk in generate(claims=1500, summits=15, seed=5, per_chunk=300):
            tracker.record(chunk)
            positions.append(tracker.event_count())
        assert tracker.view.claims(summit=None) and any(r.retracted for r in tracker.view.claims())
        for position in (None, positions[1], positions[3]):
            assert assert_same(tracker, position, most=4) > 100


def test_claims_that_need_upcasting_are_explained_the_same(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    shutil.copy(FIXTURE, store)
    with Tracker(str(store)) as tracker:
        assert assert_same(tracker) > 0
