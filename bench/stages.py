"""Where a read-model rebuild spends its time: `python bench/stages.py STORE`.

Rebuilds the read model of an existing SQLite store (for example one made by `tracker
generate` and `tracker ingest`) with timers around its stages, and prints seconds per stage
and claims per second. The store's events are not changed; its read model is rebuilt.

Stages: reading notifications (SQL), decoding them into events (JSON and pydantic),
copying events into the view's tables, and settling (reading each summit's claims, parsing
them and folding them through the rules, then writing its history). The timers add a little.
Last, two floors: the standard library's `json.loads` alone on every claim event, and
SQLite's own JSON functions pulling six fields of each into a temporary table.
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


def json_floor(store: str) -> tuple[int, float]:
    """Claim events, and the seconds the standard library's `json.loads` alone takes on them."""
    count, seconds = 0, 0.0
    with sqlite3.connect(store) as db:
        for (state,) in db.execute("SELECT state FROM stored_events WHERE topic LIKE '%.ClaimAdded'"):
            started = time.perf_counter()
            json.loads(state)
            seconds += time.perf_counter() - started
            count += 1
    return count, seconds


SQL_JSON = (
    "INSERT INTO temp.claim_fields SELECT json_extract(s, '$.claim.id'), "
    "json_extract(s, '$.claim.source'), json_extract(s, '$.claim.kind'), "
    "json_extract(s, '$.claim.modality'), json_extract(s, '$.claim.attribution.kind'), "
    "json_extract(s, '$.claim') FROM (SELECT CAST(state AS TEXT) AS s FROM stored_events "
    "WHERE topic LIKE '%.ClaimAdded')"
)


def sql_json_floor(store: str) -> float:
    """Seconds SQLite's own JSON functions take to pull six fields of every claim into a table."""
    with sqlite3.connect(store) as db:
        db.execute("CREATE TEMP TABLE claim_fields (id, source, kind, modality, attribution, payload)")
        started = time.perf_counter()
        db.execute(SQL_JSON)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", help="an SQLite store file")
    args = parser.parse_args()
    tracker = Tracker(args.store)
    timed(type(tracker.app.recorder), "select_notifications", "read events (SQL)")
    timed(type(tracker.app.mapper), "to_domain_event", "decode events (JSON, upcast, pydantic)")
    timed(readmodel.BeliefView, "apply", "copy events into the view's tables")
    timed(readmodel.BeliefView, "settle", "settle (all)")
    timed(readmodel, "fold", "settle: read, parse and fold each summit's claims")
    started = time.perf_counter()
    tracker.rebuild()
    total = time.perf_counter() - started
    tracker.close()
    with sqlite3.connect(args.store) as db:
        claims = db.execute("SELECT COUNT(*) FROM tracker_claims WHERE recorded_to IS NULL").fetchone()[0]
    print(f"rebuild: {total:.1f} s, {claims:,} claims, {claims / total:,.0f} claims/s")
    for stage, seconds in spent.items():
        print(f"{seconds:8.1f} s  {seconds / total:4.0%}  {stage}")
    print(
        f"{total - sum(v for k, v in spent.items() if not k.startswith('settle:')):8.1f} s"
        "        the rest (view bookkeeping, commits, clearing)"
    )
    count, seconds = json_floor(args.store)
    print(
        f"floor: json.loads alone on the {count:,} claim events: {seconds:.1f} s, "
        f"{seconds / count * 1e6:.1f} µs each (100k claims/s allows 10 µs per claim for everything)"
    )
    seconds = sql_json_floor(args.store)
    print(
        f"floor: SQLite's json_extract of six fields of each claim event, into a table: {seconds:.1f} s, "
        f"{seconds / count * 1e6:.1f} µs each"
    )


if __name__ == "__main__":
    main()
