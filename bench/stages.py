"""Where a read-model rebuild spends its time: `python bench/stages.py STORE`.

Rebuilds the read model of an existing store, an SQLite path or a PostgreSQL URL (for
example one made by `tracker generate` and `tracker ingest`, or by `bench/hotspots.py`),
with timers around its stages, and prints seconds per stage and claims per second. The
store's events are not changed; its read model is rebuilt.

Stages: reading notifications (SQL), decoding them (JSON; pydantic only for events not
checked before, `tracker.store.changes`),
copying events into the view's tables, and settling (reading each summit's claims, parsing
them and folding them through the rules, then writing its history). The timers add a little.
Last, two floors: the standard library's `json.loads` alone on every claim event, and the
database's own JSON functions (SQLite's `json_extract`, PostgreSQL's `jsonb` operators)
pulling six fields of each into a temporary table.
"""

from __future__ import annotations

import argparse
import collections
import json
import sqlite3
import time
from typing import Any

from tracker.service import Tracker
from tracker.store import readmodel
from tracker.store.sqlite_copy import Stretch

spent: collections.Counter[str] = collections.Counter()


def timed(owner: Any, name: str, stage: str) -> None:
    """Wrap `owner.name` so the time spent in it counts towards `stage`."""
    original = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[stage] += time.perf_counter() - started

    setattr(owner, name, wrapper)


def connect(store: str) -> Any:
    if store.lower().startswith(("postgresql://", "postgres://")):
        import psycopg

        return psycopg.connect(store)
    return sqlite3.connect(store)


def postgres(store: str) -> bool:
    return store.lower().startswith(("postgresql://", "postgres://"))


def json_floor(store: str) -> tuple[int, float]:
    """Claim events, and the seconds the standard library's `json.loads` alone takes on them."""
    count, seconds = 0, 0.0
    table = "tracker_events" if postgres(store) else "stored_events"
    db = connect(store)
    for (state,) in db.execute(f"SELECT state FROM {table} WHERE topic LIKE '%.ClaimAdded'").fetchall():
        started = time.perf_counter()
        json.loads(state)
        seconds += time.perf_counter() - started
        count += 1
    db.close()
    return count, seconds


SQL_JSON = (
    "INSERT INTO temp.claim_fields SELECT json_extract(s, '$.claim.id'), "
    "json_extract(s, '$.claim.source'), json_extract(s, '$.claim.kind'), "
    "json_extract(s, '$.claim.modality'), json_extract(s, '$.claim.attribution.kind'), "
    "json_extract(s, '$.claim') FROM (SELECT CAST(state AS TEXT) AS s FROM stored_events "
    "WHERE topic LIKE '%.ClaimAdded')"
)


PG_JSON = (
    "INSERT INTO claim_fields SELECT c ->> 'id', c ->> 'source', c ->> 'kind', c ->> 'modality', "
    "c -> 'attribution' ->> 'kind', c::text FROM (SELECT convert_from(state, 'UTF8')::jsonb -> 'claim' "
    "AS c FROM tracker_events WHERE topic LIKE '%.ClaimAdded') e"
)


def sql_json_floor(store: str) -> float:
    """Seconds the database's own JSON functions take to pull six fields of every claim into a table."""
    db = connect(store)
    columns = "(id, source, kind, modality, attribution, payload)"
    if postgres(store):
        columns = "(id text, source text, kind text, modality text, attribution text, payload text)"
    db.execute(f"CREATE TEMP TABLE claim_fields {columns}")
    started = time.perf_counter()
    db.execute(PG_JSON if postgres(store) else SQL_JSON)
    spent = time.perf_counter() - started
    db.rollback()
    db.close()
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", help="an SQLite store file or a PostgreSQL URL")
    args = parser.parse_args()
    tracker = Tracker(args.store)
    timed(type(tracker.app.recorder), "select_notifications", "read events (SQL)")
    timed(readmodel, "checked", "decode events not checked before (JSON, upcast, pydantic)")
    timed(readmodel, "trusted", "decode events checked before (JSON, upcast)")
    # `_apply` and `_settle_some`: what a catch-up (SQLite's rebuild) and PostgreSQL's
    # one-transaction rebuild both go through.
    timed(readmodel.BeliefView, "_apply", "copy events into the view's tables")
    timed(readmodel.BeliefView, "_copy_checked", "copy checked events in SQL (SQLite; all of it)")
    timed(Stretch, "add_claims", "copy checked events in SQL: the added claims' INSERT ... SELECT")
    timed(Stretch, "add_sources", "copy checked events in SQL: the sources' INSERT ... SELECT")
    timed(Stretch, "recordings", "copy checked events in SQL: each recording's end (timestamps)")
    timed(readmodel.BeliefView, "_settle_some", "settle (all)")
    timed(readmodel.BeliefView, "_settle_alongside", "settle (all)")  # then none is left to the above
    timed(readmodel, "fold", "settle: read, parse and fold each summit's claims (this process's share)")
    started = time.perf_counter()
    tracker.rebuild()
    total = time.perf_counter() - started
    tracker.close()
    db = connect(args.store)
    claims = db.execute("SELECT COUNT(*) FROM tracker_claims WHERE recorded_to IS NULL").fetchone()[0]
    db.close()
    print(f"rebuild: {total:.1f} s, {claims:,} claims, {claims / total:,.0f} claims/s")
    for stage, seconds in spent.items():
        print(f"{seconds:8.1f} s  {seconds / total:4.0%}  {stage}")
    print(
        f"{total - sum(v for k, v in spent.items() if ': ' not in k):8.1f} s"
        "        the rest (view bookkeeping, commits, clearing)"
    )
    count, seconds = json_floor(args.store)
    print(
        f"floor: json.loads alone on the {count:,} claim events: {seconds:.1f} s, "
        f"{seconds / count * 1e6:.1f} µs each (100k claims/s allows 10 µs per claim for everything)"
    )
    seconds = sql_json_floor(args.store)
    print(
        f"floor: the database's JSON functions on six fields of each claim event, into a table: "
        f"{seconds:.1f} s, "
        f"{seconds / count * 1e6:.1f} µs each"
    )


if __name__ == "__main__":
    main()
