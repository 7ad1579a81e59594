"""Checks that a store lost nothing: for the concurrency and crash tests."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.store.events import SourceRecord

TRACKER = str(Path(sys.executable).parent / "tracker")
DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 4 * 365, 97)]


def ingest(store: str, files: Sequence[Path]) -> subprocess.Popen[str]:
    """Start `tracker ingest FILES --store STORE` in a process of its own."""
    return subprocess.Popen(
        [TRACKER, "ingest", *map(str, files), "--store", store],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def claims_by_source(chunks: Iterable[Scenario]) -> dict[str, set[str]]:
    expected: dict[str, set[str]] = {}
    for chunk in chunks:
        for source in chunk.sources:
            expected[source.id] = set()
        for claim in chunk.claims:
            expected[claim.source].add(claim.id)
    return expected


def recorded_claims(tracker: Tracker) -> tuple[dict[str, set[str]], Counter[str]]:
    """From the events themselves: each recorded source's claims, and how often each was added."""
    by_aggregate: dict[object, str] = {}
    claims: dict[str, set[str]] = {}
    added: Counter[str] = Counter()
    start = 1
    while batch := tracker.app.recorder.select_notifications(start, 5000):
        for notification in batch:
            event = tracker.app.mapper.to_domain_event(notification)
            if isinstance(event, SourceRecord.Registered):
                by_aggregate[event.originator_id] = event.source.id
                claims[event.source.id] = set()
            elif isinstance(event, SourceRecord.ClaimAdded):
                claims[by_aggregate[event.originator_id]].add(event.claim.id)
                added[event.claim.id] += 1
        start = batch[-1].id + 1
    return claims, added


def assert_whole_sources(tracker: Tracker, expected: dict[str, set[str]], *, complete: bool) -> int:
    """Every recorded source holds exactly its claims, each added once; return how many sources."""
    claims, added = recorded_claims(tracker)
    assert set(claims) <= set(expected)
    for source_id, recorded in claims.items():
        assert recorded == expected[source_id], f"source {source_id} is half recorded"
    assert not [claim for claim, count in added.items() if count != 1], "a claim was added twice"
    if complete:
        assert set(claims) == set(expected)
    return len(claims)


def observe(tracker: Tracker) -> tuple[object, ...]:
    """What the read model answers: states on many days, every timeline, every claim."""
    summits = [s.id for s in tracker.summits()]
    return (
        [tracker.view.beliefs_at(day) for day in DAYS],
        [tracker.view.tallies_at(day) for day in DAYS],
        [tracker.timeline(s) for s in summits],
        sorted((r.claim.id, r.retracted) for r in tracker.claims()),
    )


def assert_view_equals_rebuild(store: str) -> None:
    with Tracker(store) as tracker:
        incremental = observe(tracker)
        tracker.rebuild()
        assert observe(tracker) == incremental
