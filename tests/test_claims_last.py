"""`tracker claims --last N`: the N latest of the claims `tracker claims` lists with the same
options, in the same order, which is the end of that listing; read latest first
(`BeliefView.latest_stored_claims`), so that the latest few of a summit's many claims cost a
few reads. On both backends, for a generated corpus with corrections and retractions, now and
as recorded earlier, with every filter; a claim corrected to another summit is listed for that
summit only."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

from tests.reports import cli_json, tracker
from tests.stores import NewStore
from tests.test_report import MOVED
from tracker.generate.corpus import generate
from tracker.scenario.load import load_scenario
from tracker.service import Tracker


def listed(store: str, *args: str) -> list[dict[str, Any]]:
    claims: list[dict[str, Any]] = cli_json(store, "claims", *args)
    return claims


def test_the_last_claims_are_the_end_of_the_listing_with_any_filter(new_store: NewStore) -> None:
    store = new_store()
    with Tracker(store) as opened:
        for index, chunk in enumerate(generate(claims=1200, summits=12, seed=5, per_chunk=300)):
            opened.record(chunk)
            if index == 1:
                halfway = dt.datetime.now(dt.UTC).isoformat()
    everything = listed(store)
    assert any(c["retracted"] for c in everything)
    popular = [summit for summit, _ in Counter(s for c in everything for s in c["summits"]).most_common(3)]
    source = Counter(c["source"] for c in everything).most_common(1)[0][0]
    word = everything[0]["quote"].split()[0]
    filters: list[list[str]] = [
        [],
        *(["--summit", summit] for summit in popular),
        ["--source", source],
        ["--search", word],
        ["--summit", popular[0], "--search", word],
        ["--recorded-at", halfway],
        ["--summit", popular[0], "--recorded-at", halfway],
    ]
    for options in filters:
        full = listed(store, *options)
        assert full, options
        for last in sorted({1, 7, len(full) - 1, len(full), len(full) + 5} - {0}):
            assert listed(store, *options, "--last", str(last)) == full[-last:], (options, last)


def test_a_claim_corrected_to_another_summit_is_last_for_that_summit_only(
    new_store: NewStore, tmp_path: Path
) -> None:
    scenario = tmp_path / "moved.yaml"
    scenario.write_text(MOVED)
    store = new_store()
    with Tracker(store) as opened:
        opened.record(load_scenario(scenario))
    assert listed(store, "--summit", "geneva", "--last", "5") == []
    assert [c["id"] for c in listed(store, "--summit", "bern", "--last", "5")] == ["brandt"]


def test_last_is_a_positive_count(new_store: NewStore, tmp_path: Path) -> None:
    scenario = tmp_path / "moved.yaml"
    scenario.write_text(MOVED)
    store = new_store()
    with Tracker(store) as opened:
        opened.record(load_scenario(scenario))
    for bad in ("0", "-1", "many"):
        result = tracker("claims", "--store", store, "--last", bad)
        assert result.exit_code == 2 and "--last" in result.stderr, result.output
    table = tracker("claims", "--store", store, "--last", "1")  # the default format, a table
    assert table.exit_code == 0 and "brandt" in table.stdout
    assert json.loads(tracker("claims", "--store", store, "--last", "1", "--format", "json").stdout)[0][
        "id"
    ] == ("brandt")
