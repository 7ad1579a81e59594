"""The tests' own fresh PostgreSQL stores (`tests/stores.py`): emptied in place, they must be as
empty as a new store, whatever the test before did to the database."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
import pytest

from tests.conftest import SEED_SCENARIO
from tests.stores import PostgresDatabases
from tracker.scenario.load import load_scenario
from tracker.service import Tracker


@pytest.fixture
def one_database(postgres_databases: PostgresDatabases) -> Iterator[PostgresDatabases]:
    """A single database of the test's own, so that `fresh()` hands out the same one each time."""
    databases = PostgresDatabases(count=1)
    yield databases
    databases.drop()


def tables(url: str) -> dict[str, list[tuple[object, ...]]]:
    with psycopg.connect(url, autocommit=True) as db:
        names = [row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {name: db.execute(f'SELECT * FROM "{name}"').fetchall() for name in sorted(names)}


def test_a_store_used_before_is_handed_out_as_a_new_one_with_events_numbered_from_one(
    one_database: PostgresDatabases,
) -> None:
    url = one_database.untouched()
    Tracker(url).close()
    new = tables(url)
    assert new, "a tracker creates its tables"
    scenario = load_scenario(SEED_SCENARIO)
    with Tracker(url) as tracker:
        tracker.record(scenario)
    assert tables(url) != new

    left_open = Tracker(url)  # as a test that failed before closing its store would leave it
    assert one_database.fresh() == url
    with contextlib.suppress(Exception):
        left_open.close()
    assert tables(url) == new
    with Tracker(url) as tracker:
        assert tracker.summits() == [] and tracker.claims() == []
        tracker.record(scenario)
        first = tracker.app.recorder.select_notifications(1, 1)[0]
        assert first.id == 1


@pytest.mark.parametrize(
    "change",
    [
        "DROP TABLE tracker_names",
        "CREATE TABLE people (name TEXT)",
        "ALTER TABLE tracker_claims ADD COLUMN extra TEXT",
        "CREATE INDEX tracker_extra ON tracker_sources (id, outlet)",
    ],
)
def test_a_database_whose_schema_a_test_changed_is_handed_out_without_tables(
    one_database: PostgresDatabases, change: str
) -> None:
    url = one_database.fresh()
    Tracker(url).close()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(change)
    one_database.fresh()
    assert tables(url) == {}
    with Tracker(url) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        assert tracker.app.recorder.select_notifications(1, 1)[0].id == 1


def test_a_database_never_opened_is_handed_out_as_it_is(one_database: PostgresDatabases) -> None:
    url = one_database.untouched()
    assert one_database.fresh() == url
    assert tables(url) == {}
