"""On SQLite a rebuild copies the checked events in SQL (`tracker.store.sqlite_copy`): the view's
tables come out exactly as when every event is read and copied one by one in Python, for
every spec and scenario of the project (times of day, ranges, corrections, retractions,
claims about several summits), for a generated corpus, and for a store whose claims need
upcasting (which the SQL way leaves to the other)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.generate.corpus import generate
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.changes import utc
from tracker.store.readmodel import VIEW_TABLES
from tracker.store.sqlite_copy import Stretch

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    [
        *ROOT.glob("specs/*.yaml"),
        *ROOT.glob("scenarios/*.yaml"),
        *ROOT.glob("tests/fixtures/scenarios/*.yaml"),
    ]
)
FIXTURE = ROOT / "tests" / "fixtures" / "store-v2.sqlite"


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the view's tables and of the tracking table, sorted."""
    with sqlite3.connect(path) as db:
        return {
            table: sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in (*VIEW_TABLES, "tracking")
        }


def rebuilt(path: Path, *, in_sql: bool) -> dict[str, list[tuple[object, ...]]]:
    with Tracker(str(path)) as tracker:
        tracker.view.copies_in_sql = in_sql
        tracker.rebuild()
    return tables(path)


def copyable(path: Path) -> bool:
    """Whether every event of the store can be copied in SQL (none needs upcasting)."""
    with sqlite3.connect(path) as db:
        return Stretch(db.cursor(), "stored_events", 1, 1 << 62).copyable()


def assert_same_both_ways(path: Path) -> None:
    by_event = rebuilt(path, in_sql=False)
    in_sql = rebuilt(path, in_sql=True)
    for table, rows in by_event.items():
        assert in_sql[table] == rows, table
    assert by_event["tracker_claims"], "the store holds claims"


@pytest.mark.parametrize("scenario", FILES, ids=lambda path: path.name)
def test_each_spec_and_scenario_rebuilds_the_same_in_sql(scenario: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    with Tracker(str(store)) as tracker:
        tracker.record(load_scenario(scenario))
    assert copyable(store)
    assert_same_both_ways(store)


def test_a_generated_corpus_rebuilds_the_same_in_sql(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    with Tracker(str(store)) as tracker:
        for chunk in generate(claims=3000, summits=30, seed=3, per_chunk=500):
            tracker.record(chunk, settle=False)
        tracker.catch_up()
    with sqlite3.connect(store) as db:
        topics = dict(db.execute("SELECT topic, COUNT(*) FROM stored_events GROUP BY topic").fetchall())
    assert any("ClaimCorrected" in topic for topic in topics), topics
    assert any("ClaimRetracted" in topic for topic in topics), topics
    assert copyable(store)
    assert_same_both_ways(store)


def test_claims_that_need_upcasting_are_read_one_by_one(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    shutil.copy(FIXTURE, store)
    assert not copyable(store)  # its claims were stored at version 1
    assert_same_both_ways(store)


STAMPS = ["2026-01-05T10:00:00.000001Z", "2026-01-05T10:00:00.000002Z", "2026-01-05T11:00:00.000001+01:00"]
"""Three timestamps as stored, the first and last the same instant in UTC."""


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(STAMPS), st.booleans(), st.integers(min_value=1, max_value=3)),
        min_size=1,
        max_size=30,
    ),
    st.data(),
)
def test_each_recordings_end_is_that_of_every_events_timestamp_in_order(
    events: list[tuple[str, bool, int]], data: st.DataObject
) -> None:
    """The recordings of a stretch (`Stretch.recordings`, grouped in SQL when it can) are the
    runs of its events whose timestamps are one instant in UTC, read event by event: for
    timestamps first in the JSON or not, the same timestamp in runs apart, and positions with
    gaps between them."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, topic TEXT, state BLOB)")
    rows, position = [], 0
    for stamp, first, step in events:
        position += step
        body = (
            {"timestamp": stamp, "summit": {"id": "s"}}
            if first
            else {"summit": {"id": "s"}, "timestamp": stamp}
        )
        rows.append((position, json.dumps(body, separators=(",", ":")).encode()))
    db.executemany("INSERT INTO events VALUES (?, 't', ?)", rows)
    start = data.draw(st.integers(min_value=1, max_value=position))
    end = data.draw(st.integers(min_value=start, max_value=position + 2))
    expected = []
    for at, run in groupby(
        ((p, utc(json.loads(s)["timestamp"])) for p, s in rows if start <= p <= end), key=itemgetter(1)
    ):
        expected.append((list(run)[-1][0], at))
    assert Stretch(db.cursor(), "events", start, end).recordings() == expected
