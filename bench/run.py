"""Benchmarks at 10k, 100k and 1M claims, with the floors measured on the same data in the same run.

    python bench/run.py                      # 10k, 100k, 1M claims; writes bench/RESULTS.md
    python bench/run.py --sizes 10000 --out -    # one size, results to stdout only

Each size runs in a process of its own (so its peak memory is its own), on a generated corpus
(`tracker.generate`, seed 1, one summit per 100 claims, chunks of 1000 claims), in SQLite
files in a temporary folder. Measured:

- record: `TrackerApplication.record` of each chunk (one transaction per chunk), events/s;
- floor, bare save: `Application.save` of the same events, built the same way, same batches;
- floor, raw sqlite3: `executemany` of the same stored payloads into the library's table
  schema, same batches; and a raw scan of them;
- rebuild: building the read model from all the events (what opening an unbuilt store does),
  claims/s;
- state of one summit at D, and of all summits at D: p50 and p99 over random summits and days;
  one summit with its explanation (the supporting and contradicting claims) as well;
- peak memory (max RSS of the size's process) and store size.
Generation time is never inside a timed section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SEED = 1
PER_CHUNK = 1000
TARGETS = {
    "record_vs_save": 0.8,
    "rebuild_claims_per_s": 100_000,
    "one_p50_ms": 1.0,
    "all_p50_ms": 50.0,
    "peak_mb": 1024,
}


def summits_for(claims: int) -> int:
    return max(20, claims // 100)


def chunks(claims: int) -> Any:
    from tracker.generate import generate

    return generate(claims, summits_for(claims), SEED, PER_CHUNK)


def sqlite_env(path: Path) -> dict[str, str]:
    return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)}


def bare_events(chunk: Any, defined: set[str], now: dt.datetime) -> list[Any]:
    """The events `record` writes for a new chunk, built without looking anything up."""
    from tracker.store.events import SourceRecord, SummitRecord

    events: list[Any] = []
    for summit in chunk.summits:
        if summit.id not in defined:
            defined.add(summit.id)
            events += SummitRecord.define(summit, now).collect_events()
    by_source: dict[str, list[Any]] = {}
    for claim in chunk.claims:
        by_source.setdefault(claim.source, []).append(claim)
    source_of = {c.id: c.source for c in chunk.claims}
    fixes: dict[str, list[Any]] = {}
    for fix in chunk.corrections:
        fixes.setdefault(source_of[fix.claim_id], []).append(fix)
    for source in chunk.sources:
        record = SourceRecord.register(source, now)
        for claim in by_source.get(source.id, []):
            record.add_claim(claim, now)
        for fix in fixes.get(source.id, []):
            if fix.corrected is None:
                record.retract(fix.id, fix.claim_id, fix.reason, now)
            else:
                record.correct(fix.id, fix.corrected, fix.reason, now)
        events += record.collect_events()
    return events


def measure_record(claims: int, folder: Path) -> dict[str, Any]:
    from tracker.store.application import TrackerApplication

    app = TrackerApplication(env=sqlite_env(folder / "tracker.sqlite"))
    spent, events = 0.0, 0
    for chunk in chunks(claims):
        started = time.perf_counter()
        events += app.record(chunk.command()).events
        spent += time.perf_counter() - started
    app.close()
    return {"events": events, "record_s": spent}


def measure_bare_save(claims: int, folder: Path) -> dict[str, Any]:
    from tracker.store.application import TrackerApplication

    app = TrackerApplication(env=sqlite_env(folder / "bare.sqlite"))
    now = dt.datetime.now(dt.UTC)
    defined: set[str] = set()
    spent, events, payloads = 0.0, 0, []
    raw = sqlite3.connect(folder / "raw.sqlite")
    raw.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, "
        "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version)) WITHOUT ROWID"
    )
    raw_spent = build_spent = 0.0
    for chunk in chunks(claims):
        started = time.perf_counter()
        batch = bare_events(chunk, defined, now)
        build_spent += time.perf_counter() - started
        started = time.perf_counter()
        app.save(*batch)
        spent += time.perf_counter() - started
        events += len(batch)
        payloads = [
            (s.originator_id.hex, s.originator_version, s.topic, s.state)
            for s in map(app.mapper.to_stored_event, batch)
        ]
        started = time.perf_counter()
        with raw:
            raw.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", payloads)
        raw_spent += time.perf_counter() - started
    app.close()
    started = time.perf_counter()
    scanned = sum(1 for _ in raw.execute("SELECT * FROM stored_events"))
    scan_spent = time.perf_counter() - started
    raw.close()
    return {
        "bare_events": events,
        "bare_s": spent,
        "build_s": build_spent,
        "raw_insert_s": raw_spent,
        "raw_scan_s": scan_spent,
        "raw_rows": scanned,
    }


def measure_reads(claims: int, folder: Path) -> dict[str, Any]:
    from tracker.generate import FIRST_DAY, LAST_DAY
    from tracker.service import Tracker

    store = str(folder / "tracker.sqlite")
    started = time.perf_counter()
    tracker = Tracker(store)  # the view is empty: opening builds it from every event
    rebuild_s = time.perf_counter() - started
    chance = random.Random(SEED)
    summit_ids = [s.id for s in tracker.summits()]
    span = (LAST_DAY - FIRST_DAY).days

    def day() -> dt.date:
        return FIRST_DAY + dt.timedelta(days=chance.randrange(span))

    def timed(run: Any, times: int) -> list[float]:
        spent = []
        for _ in range(times):
            started = time.perf_counter()
            run()
            spent.append((time.perf_counter() - started) * 1000)
        return spent

    one = timed(lambda: tracker.view.beliefs_at(day(), [chance.choice(summit_ids)]), 2000)
    every = timed(lambda: tracker.view.beliefs_at(day()), 40)
    explained = timed(lambda: tracker.state(day(), summit_ids=[chance.choice(summit_ids)]), 200)
    tracker.close()
    return {
        "rebuild_s": rebuild_s,
        "summits": len(summit_ids),
        "one_ms": one,
        "all_ms": every,
        "explained_ms": explained,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_one(claims: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as name:
        folder = Path(name)
        result: dict[str, Any] = {"claims": claims}
        result |= measure_record(claims, folder)
        result |= measure_bare_save(claims, folder)
        result |= measure_reads(claims, folder)
        store = folder / "tracker.sqlite"
        result["store_mb"] = sum(p.stat().st_size for p in folder.glob("tracker.sqlite*")) / 2**20
        del store
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for key in ("one_ms", "all_ms", "explained_ms"):
        values = result.pop(key)
        result[key.replace("_ms", "_p50_ms")] = statistics.median(values)
        result[key.replace("_ms", "_p99_ms")] = percentile(values, 0.99)
    return result


def derived(r: dict[str, Any]) -> dict[str, float]:
    return {
        "record_eps": r["events"] / r["record_s"],
        "bare_eps": r["bare_events"] / r["bare_s"],
        "raw_eps": r["raw_rows"] / r["raw_insert_s"],
        "scan_eps": r["raw_rows"] / r["raw_scan_s"],
        "record_vs_save": (r["events"] / r["record_s"]) / (r["bare_events"] / r["bare_s"]),
        "record_vs_build_and_save": (r["bare_s"] + r["build_s"]) / r["record_s"],
        "record_vs_raw": (r["events"] / r["record_s"]) / (r["raw_rows"] / r["raw_insert_s"]),
        "rebuild_claims_per_s": r["claims"] / r["rebuild_s"],
        "rebuild_vs_scan": (r["bare_events"] / r["rebuild_s"]) / (r["raw_rows"] / r["raw_scan_s"]),
    }


def verdict(name: str, value: float) -> str:
    target = TARGETS[name]
    ok = value >= target if name in ("record_vs_save", "rebuild_claims_per_s") else value <= target
    return "met" if ok else "MISSED"


def report(results: list[dict[str, Any]]) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"SQLite {sqlite3.sqlite_version}. Command: `python bench/run.py`. Corpus: `tracker generate` "
        f"with seed {SEED}, one summit per 100 claims, {PER_CHUNK} claims per chunk (= per transaction).",
        "",
        "| claims | events | record ev/s | bare save ev/s | raw sqlite3 ev/s | record / bare save "
        "| record / (build events + bare save) "
        "| rebuild claims/s | raw scan rows/s | one summit p50 / p99 ms | all summits p50 / p99 ms "
        "| one summit explained p50 / p99 ms | peak MB | store MB |",
        "|" + "---|" * 14,
    ]
    for r in results:
        d = derived(r)
        lines.append(
            f"| {r['claims']:,} | {r['events']:,} | {d['record_eps']:,.0f} | {d['bare_eps']:,.0f} "
            f"| {d['raw_eps']:,.0f} | {d['record_vs_save']:.2f} | {d['record_vs_build_and_save']:.2f} "
            f"| {d['rebuild_claims_per_s']:,.0f} "
            f"| {d['scan_eps']:,.0f} | {r['one_p50_ms']:.3f} / {r['one_p99_ms']:.3f} "
            f"| {r['all_p50_ms']:.1f} / {r['all_p99_ms']:.1f} "
            f"| {r['explained_p50_ms']:.1f} / {r['explained_p99_ms']:.1f} "
            f"| {r['peak_mb']:.0f} | {r['store_mb']:.0f} |"
        )
    largest = max(results, key=lambda r: r["claims"])
    d = derived(largest)
    figures = {
        "record_vs_save": d["record_vs_save"],
        "rebuild_claims_per_s": d["rebuild_claims_per_s"],
        "one_p50_ms": largest["one_p50_ms"],
        "all_p50_ms": largest["all_p50_ms"],
        "peak_mb": largest["peak_mb"],
    }
    lines += ["", f"Targets at {largest['claims']:,} claims:", ""]
    for name, value in figures.items():
        sense = ">=" if name in ("record_vs_save", "rebuild_claims_per_s") else "<="
        lines.append(f"- {name}: {value:,.3g} (target {sense} {TARGETS[name]:,}): {verdict(name, value)}")
    lines += [
        "",
        "Where the time goes, and why a missed target is out of reach with this design: "
        "[NOTES.md](NOTES.md).",
        "",
        "Raw figures (JSON):",
        "",
        "```json",
        json.dumps(results, indent=1),
        "```",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims per run, comma-separated")
    parser.add_argument(
        "--out",
        default=str(Path(__file__).with_name("RESULTS.md")),
        help="where to write the report ('-': stdout only)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size:,} claims ...", file=sys.stderr, flush=True)
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=False
        )
        if child.returncode:
            sys.exit(f"the run at {size} claims failed:\n{child.stderr}")
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        row = next(line for line in report(results[-1:]).splitlines() if line.startswith(f"| {size:,} "))
        print(row, file=sys.stderr, flush=True)
    text = report(results)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
