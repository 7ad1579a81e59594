"""The read model on PostgreSQL, done as a PostgreSQL user expects: a rebuild truncates the
view's tables (no dead rows left behind) in the one transaction that builds them again, so
readers see the old view or the new one; bulk work ends with ANALYZE; and the main queries'
plans come from statistics (EXPLAIN), using the indexes where they help.

On a generated corpus of a few thousand claims (`tracker generate`), recorded as `tracker
ingest` records it: one transaction per file, the read model settled once at the end.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.conftest import SEED_SCENARIO
from tests.consistency import observe
from tests.stores import PostgresDatabases
from tracker.generate import generate
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store import postgres_view
from tracker.store.postgres_view import LOCK_ORDER, SETTLING_COSTS, PostgresBeliefView
from tracker.store.readmodel import VIEW_TABLES, timeline_sql

CORPUS = {"claims": 4000, "summits": 150, "seed": 1, "per_chunk": 1000}
DAY = dt.date(2025, 8, 20)
ANALYZED = (*VIEW_TABLES, "tracker_events")


@pytest.fixture(scope="module")
def corpus_store(postgres_databases: PostgresDatabases) -> Iterator[str]:
    """A store holding the generated corpus, recorded as `tracker ingest` records it."""
    store = postgres_databases.fresh()
    with Tracker(store) as tracker:
        for scenario in generate(**CORPUS):  # as `tracker ingest` records each file
            tracker.record(scenario, settle=False)
        tracker.catch_up()
    yield store


def query(store: str, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows from a connection of its own (statistics are read as they are now)."""
    with psycopg.connect(store, autocommit=True) as db:
        return db.execute(sql, params).fetchall()


def last_analyzed(store: str) -> dict[str, dt.datetime | None]:
    rows = query(store, "SELECT relname, last_analyze FROM pg_stat_user_tables")
    return {name: when for name, when in rows if name in ANALYZED}


def nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def explain(view: PostgresBeliefView, sql: str, params: Any) -> list[dict[str, Any]]:
    """The plan's nodes of the view's own query, run as the view runs it (EXPLAIN ANALYZE)."""
    with view._session(commit=False) as (c, _):
        c.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        return list(nodes(c.fetchone()[0][0]["Plan"]))


def scans(plan: list[dict[str, Any]], table: str) -> list[str]:
    """How each node reading `table` reads it: "Seq Scan", "Index Scan using <index>", ..."""
    found = []
    for node in plan:
        index = node.get("Index Name", "")
        if node.get("Relation Name") == table or index.startswith(table):
            found.append(f"{node['Node Type']} using {index}" if index else node["Node Type"])
    return found


def popularity(store: str) -> list[tuple[str, int]]:
    """Each summit with how many claims concern it, the most popular first."""
    rows = query(
        store,
        "SELECT summit_id, COUNT(*) FROM tracker_claim_summits GROUP BY summit_id ORDER BY 2 DESC, 1",
    )
    return [(summit, count) for summit, count in rows]


def test_a_bulk_catch_up_settles_with_fresh_statistics(
    postgres_databases: PostgresDatabases, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settling reads each summit's claims: planned on the statistics of the empty tables of
    before, that query scans the whole claims table once per summit (an ingest of 100k claims
    took 19x its recording time). So a bulk catch-up refreshes them before settling."""
    store = postgres_databases.fresh()
    seen: list[tuple[float, int]] = []
    settle_some = PostgresBeliefView._settle_some

    def watched(self: PostgresBeliefView, c: Any) -> int:
        c.execute("SELECT COUNT(*) FROM tracker_claims")
        (count,) = c.fetchone()
        if count and not seen:  # the first settling with claims to read
            c.execute("SELECT reltuples FROM pg_class WHERE relname = 'tracker_claims'")
            seen.append((c.fetchone()[0], count))
        return settle_some(self, c)

    monkeypatch.setattr(PostgresBeliefView, "_settle_some", watched)
    with Tracker(store) as tracker:
        for scenario in generate(claims=2000, summits=40, seed=2, per_chunk=1000):
            tracker.record(scenario, settle=False)
        tracker.catch_up()
    (estimate, count), *_ = seen
    assert estimate == count > 0


def test_a_rebuild_truncates_and_analyzes_in_one_transaction(corpus_store: str) -> None:
    after_ingest = last_analyzed(corpus_store)
    assert all(after_ingest.values()), f"an ingest's catch-up ends with ANALYZE: {after_ingest}"
    sizes = dict(query(corpus_store, "SELECT relname, pg_total_relation_size(oid) FROM pg_class"))
    files = dict(query(corpus_store, "SELECT relname, pg_relation_filenode(oid) FROM pg_class"))
    (started,) = query(corpus_store, "SELECT clock_timestamp()")[0]
    with Tracker(corpus_store) as tracker:
        events = tracker.event_count()
        assert tracker.rebuild() == events
    analyzed = last_analyzed(corpus_store)
    assert all(when is not None and when >= started for when in analyzed.values()), analyzed
    for table in ("tracker_claims", "tracker_claim_summits", "tracker_beliefs"):
        # ANALYZE ran after the rows were written: the planner knows how many there are.
        (count,) = query(corpus_store, f"SELECT COUNT(*) FROM {table}")[0]
        (estimate,) = query(corpus_store, "SELECT reltuples FROM pg_class WHERE relname = %s", (table,))[0]
        assert estimate == count > 0, table
        # Truncated (a new file), not deleted: no dead rows left behind, no bigger than before.
        (size,) = query(corpus_store, "SELECT pg_total_relation_size(%s::regclass)", (table,))[0]
        (file,) = query(corpus_store, "SELECT pg_relation_filenode(%s::regclass)", (table,))[0]
        assert file != files[table], table
        assert size <= sizes[table] * 1.2, (table, size, sizes[table])


def test_the_main_queries_use_the_indexes_and_estimate_from_statistics(corpus_store: str) -> None:
    with Tracker(corpus_store) as tracker:
        tracker.rebuild()
        view = tracker.view
        assert isinstance(view, PostgresBeliefView)
        ranked = popularity(corpus_store)
        (popular, most), (typical, few) = ranked[0], ranked[len(ranked) // 2]
        assert most > 20 * few  # a corpus with a summit far more popular than most

        # The state of every summit on a day: each summit's row in force is one index seek.
        plan = explain(view, view.latest_beliefs_sql(), (DAY.isoformat(),))
        assert any(scan.endswith("using tracker_beliefs_pkey") for scan in scans(plan, "tracker_beliefs"))
        # One summit on a day: its rows of history by the index, for the most popular too.
        # (The summits themselves may be read whole: a table of a few pages, and just rebuilt,
        # so not yet vacuumed, which an index-only scan of it would want.)
        one = view.latest_beliefs_sql(" WHERE s.id = %s")
        for summit in (popular, typical):
            plan = explain(view, one, (DAY.isoformat(), summit))
            read = scans(plan, "tracker_beliefs")
            assert "Seq Scan" not in read, plan
            assert any(scan.endswith("using tracker_beliefs_pkey") for scan in read), plan

        # The counts beside each state: likewise a seek per summit, of the tallies' key.
        plan = explain(view, view.latest_tallies_sql(), (DAY.isoformat(),))
        assert any(scan.endswith("using tracker_tallies_pkey") for scan in scans(plan, "tracker_tallies"))
        for summit in (popular, typical):
            plan = explain(view, view.latest_tallies_sql(" WHERE s.id = %s"), (DAY.isoformat(), summit))
            read = scans(plan, "tracker_tallies")
            assert "Seq Scan" not in read and any(
                scan.endswith("using tracker_tallies_pkey") for scan in read
            )

        # `state`'s one statement (definitions, beliefs and counts): the same seeks, joined.
        day = DAY.isoformat()
        for sql, params in (
            (view.counted_states_sql(), (day, day, 2**62)),
            *(
                (view.counted_states_sql(" AND s.id IN (%s)"), (day, day, 2**62, s))
                for s in (popular, typical)
            ),
        ):
            plan = explain(view, sql, params)
            for table in ("tracker_beliefs", "tracker_tallies"):
                read = scans(plan, table)
                assert "Seq Scan" not in read and any(
                    scan.endswith(f"using {table}_pkey") for scan in read
                ), plan

        for summit in (popular, typical):  # a summit's timeline
            assert scans(explain(view, timeline_sql(view.param), (summit,)), "tracker_beliefs") in (
                ["Index Scan using tracker_beliefs_pkey"],
                ["Bitmap Heap Scan", "Bitmap Index Scan using tracker_beliefs_pkey"],
            )

        # A typical summit's claims (and those explaining its state on a day): through the
        # summit's index entries to each claim by an index, never a scan of all the claims.
        for sql, params in (
            view.claims_query(summit=typical),
            view.claims_query(summit=typical, visible_by=DAY),
        ):
            plan = explain(view, sql, params)
            assert "Seq Scan" not in scans(plan, "tracker_claims"), plan
            assert any("Index" in scan for scan in scans(plan, "tracker_claims")), plan
            assert any(
                scan.endswith("tracker_claim_summits_pkey") for scan in scans(plan, "tracker_claim_summits")
            )
            assert "Seq Scan" not in scans(plan, "tracker_claim_summits"), plan

        # The most popular summit's claims: the planner knows how many there are (from the
        # statistics, not a default guess), so its plan is chosen for what it reads.
        plan = explain(view, *view.claims_query(summit=popular))
        read = next(
            node
            for node in plan
            if node.get("Relation Name") == "tracker_claim_summits"
            or node.get("Index Name") == "tracker_claim_summits_pkey"
        )
        assert read["Actual Rows"] * read["Actual Loops"] == most
        assert most / 2 <= read["Plan Rows"] <= most * 2, read


def test_settling_seeks_the_claims_of_a_batch_of_summits_by_their_key(corpus_store: str) -> None:
    """Settling reads the claims of a batch of summits at a time. Costed as it settles
    (`SETTLING_COSTS`), the planner seeks each claim of a batch of a few typical summits by
    the key, rather than scanning every claim (at 1M, twice as slow)."""
    with Tracker(corpus_store) as tracker:
        view = tracker.view
        assert isinstance(view, PostgresBeliefView)
        ranked = popularity(corpus_store)
        batch = sorted(summit for summit, _ in ranked[len(ranked) // 2 :][:10])
        with view._session(commit=False) as (c, _):
            sql, params = view.facts_query(batch)
            c.execute(SETTLING_COSTS)
            c.execute("EXPLAIN (FORMAT JSON) " + sql, params)
            plan = list(nodes(c.fetchone()[0][0]["Plan"]))
        read = scans(plan, "tracker_claims")
        assert read and all(scan.startswith("Index") for scan in read), plan


def test_changes_seek_the_rows_of_each_moving_summit_between_the_days_asked(corpus_store: str) -> None:
    """`changes` reads the rows of the summits whose state moves in the days asked. Each
    one's row in force the day before is looked up once per summit, and its rows are sought by
    the key between that day and the last: never a lookup per row of every history (left to
    the planner, a join filter that made `changes` over a fortnight at 1M ten times slower)."""
    with Tracker(corpus_store) as tracker:
        view = tracker.view
        assert isinstance(view, PostgresBeliefView)
        days = sorted(
            {row.valid_from for s in tracker.summits() for row in tracker.timeline(s.id) if row.valid_from}
        )
        start = days[len(days) // 2]
        plan = explain(view, *view.moving_query(start, start + dt.timedelta(days=13)))
        moving = {
            row[0] for row in query(corpus_store, *view.moving_query(start, start + dt.timedelta(days=13)))
        }
        lookups = [node for node in plan if node.get("Index Name") == "tracker_beliefs_pkey"]
        assert len(moving) > 1 and lookups, plan
        # No node of the plan runs once per row of the beliefs read: at most once per summit.
        assert max(node["Actual Loops"] for node in plan) <= len(moving), plan


def test_readers_and_writers_during_a_rebuild_see_the_old_view_or_the_new_one(corpus_store: str) -> None:
    """Readers never see a view emptied or half built, and a recording committed meanwhile
    (whose catch-up waits for the rebuild) is projected, with nothing of the rebuild lost."""
    seed = load_scenario(SEED_SCENARIO)
    with Tracker(corpus_store) as tracker:
        expected = tracker.view.beliefs_at(DAY)
        claims = len(tracker.claims())
    reader, writer = Tracker(corpus_store), Tracker(corpus_store)
    rebuilding = threading.Event()
    failures: list[BaseException] = []

    def in_thread(work: Any) -> threading.Thread:
        def run() -> None:
            try:
                work()
            except BaseException as error:  # reported by the test
                failures.append(error)
            finally:
                rebuilding.set()

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    with Tracker(corpus_store) as rebuilder:
        rebuild = in_thread(lambda: (rebuilding.set(), rebuilder.rebuild()))
        rebuilding.wait(timeout=60)
        record = in_thread(lambda: writer.record(seed))
        seen = []
        try:
            while rebuild.is_alive():
                seen.append(reader.view.beliefs_at(DAY))
        finally:
            rebuild.join(timeout=300)
            record.join(timeout=300)
            reader.close()
            writer.close()
    assert not failures, failures
    with Tracker(corpus_store) as after:
        assert len(after.claims()) == claims + len(seed.claims)
        final = after.view.beliefs_at(DAY)
        assert {s.id for s in seed.summits} <= set(final)
        after.rebuild()
        assert after.view.beliefs_at(DAY) == final  # the catch-up during the rebuild lost nothing
    assert seen
    for answer in seen:  # the view before, or with the recording projected; nothing between
        assert answer in (expected, final)


def test_the_rebuild_truncates_the_tables_in_the_order_readers_take_them() -> None:
    """Each reading query takes its tables in `LOCK_ORDER` (beliefs, then summits; summits,
    then claims, their sources and summits), so no reader waits on a TRUNCATE waiting on it.
    (The store's own table of events, which claims are read from, is never truncated.)"""
    assert sorted(LOCK_ORDER) == sorted(VIEW_TABLES)
    view = PostgresBeliefView.__new__(PostgresBeliefView)  # its SQL only: no connection
    for sql in (
        view.latest_beliefs_sql(" WHERE s.id = %s"),
        "SELECT id, payload FROM tracker_summits; "
        + view.claims_query(summit="s", source="x", position=1, visible_by=DAY)[0],
    ):
        found = re.findall(r"(?:FROM|JOIN) (tracker_\w+)", sql)
        taken = list(dict.fromkeys(table for table in found if table in VIEW_TABLES))
        assert len(taken) > 1
        assert taken == sorted(taken, key=LOCK_ORDER.index), sql


@pytest.mark.parametrize("few_rows", [0, 10**9], ids=["copied", "inserted"])
def test_rows_copied_in_bulk_or_inserted_make_the_view_sqlite_makes(
    postgres_databases: PostgresDatabases, few_rows: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The view's rows go by COPY, or by statements when few (`FEW_ROWS`): either way, with
    the corrections' summits named again (skipped as already there), a catch-up in bulk and a
    rebuild make the same view as the same events make on SQLite."""
    monkeypatch.setattr(postgres_view, "FEW_ROWS", few_rows)
    observed = []
    for store in (postgres_databases.fresh(), str(tmp_path / "store.sqlite")):
        with Tracker(store) as tracker:
            for scenario in generate(**CORPUS):
                tracker.record(scenario, settle=False)
            tracker.catch_up()
            observed.append(observe(tracker))
            if store.startswith("postgresql"):
                tracker.rebuild()
                assert observe(tracker) == observed[0]
                (corrected, retracted), *_ = query(
                    store,
                    "SELECT COUNT(*) FILTER (WHERE recorded_to IS NOT NULL), "
                    "COUNT(*) FILTER (WHERE retracted = 1) FROM tracker_claims",
                )
                assert corrected and retracted  # closed versions, retracted copies: summits named again
    assert observed[0] == observed[1]


def test_a_question_that_computes_between_its_reads_keeps_its_snapshot(
    postgres_databases: PostgresDatabases, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store's connections end a transaction left idle longer than eventsourcing's
    `POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT` (5 s by default): a writer stuck holding
    its locks. A question's snapshot (`reading`) is idle between its reads only while the
    question computes (`changes` over four years at 1M decoded sources for longer than 5 s,
    then lost its connection): it keeps its transaction."""
    monkeypatch.setenv("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT", "1")
    store = postgres_databases.fresh()
    with Tracker(store) as tracker:
        tracker.record(load_scenario(SEED_SCENARIO))
        with tracker.view.reading():
            summits = tracker.view.summits()
            time.sleep(1.5)  # computing
            assert tracker.view.beliefs_at(DAY, [s.id for s in summits]).keys() == {s.id for s in summits}
        with tracker.view._session(commit=False) as (c, _):  # others keep the connection's limit
            c.execute("SHOW idle_in_transaction_session_timeout")
            assert c.fetchone()[0] == "1s"
