"""The seed corpus: its texts, its annotation, and the states it gives from July to December 2025."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED_SCENARIO
from tests.stores import NewStore
from tracker.checking import check
from tracker.scenario.load import load_scenario
from tracker.service import Tracker

SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
DAYS = [dt.date(2025, 7, 1) + dt.timedelta(days=n) for n in range(0, 190, 2)]


def test_seeds_are_the_shared_texts_byte_for_byte() -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"no shared seeds beside the checkout ({SHARED_SEEDS})")
    shared = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED_SEEDS.iterdir()}
    ours = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").iterdir()}
    assert ours == shared


def test_every_quote_is_an_exact_span_of_its_source_text() -> None:
    scenario = load_scenario(SEED_SCENARIO)
    texts = {s.id: (SEED_SCENARIO.parent / str(s.file)).read_text(encoding="utf-8") for s in scenario.sources}
    assert len(scenario.claims) >= 30
    for claim in scenario.claims:
        assert claim.quote in texts[claim.source], claim.id


def test_every_source_is_dated_and_says_how() -> None:
    scenario = load_scenario(SEED_SCENARIO)
    assert all(source.dated_by for source in scenario.sources)
    ranged = {s.id for s in scenario.sources if not s.published.exact}
    assert ranged == {"us-outlet-2025-08-27", "analysis-2025-autumn"}


def test_the_corpus_expectations_hold_and_span_july_to_december() -> None:
    scenario = load_scenario(SEED_SCENARIO)
    assert check(scenario) == []
    months = {e.at.month for e in scenario.expectations if e.at.year == 2025}
    assert months >= {7, 8, 9, 10, 11, 12}


def test_every_status_is_decided_by_claims_visible_on_the_day(new_store: NewStore) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        published = {r.claim.id: r.published.latest for r in tracker.claims()}
        for day in DAYS:
            for state in tracker.state(day):
                assert all(published[c] <= day for c in state.belief.decided_by), (day, state)


def test_the_order_of_the_file_does_not_matter(tmp_path: Path, new_store: NewStore) -> None:
    data = yaml.safe_load(SEED_SCENARIO.read_text(encoding="utf-8"))
    for source in data["sources"]:
        source["file"] = os.path.relpath((SEED_SCENARIO.parent / source["file"]).resolve(), tmp_path)
        source["published"] = str(source["published"])
    for section in ("sources", "summits", "claims"):
        data[section].reverse()
    data.pop("expect")
    shuffled = tmp_path / "reversed.yaml"
    shuffled.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with Tracker(new_store()) as forward, Tracker(new_store()) as backward:
        forward.record(load_scenario(SEED_SCENARIO))
        backward.record(load_scenario(shuffled, root=ROOT))  # its sources are the project's seeds
        for day in DAYS:
            assert forward.state(day) == backward.state(day)
