"""One size on one backend, in the order that keeps the measurements apart, and one size on
every backend (run in a process of its own by `run.py`).

Per backend: record the corpus into the product store; the recording floors into stores of
their own; open the product store (building the read model from every event: the catch-up
a first command does); its size; the reading commands in-process, then as processes; a
rebuild in-process, then `tracker rebuild` as a process; the read floors (scans, SQL
extraction); `tracker ingest` of the YAML corpus into a store of its own.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from commands import Questions, as_process, in_process, run_process, yaml_loading
from floors import library_scan, raw_scan, sql_extraction
from recording import PER_CHUNK, SEED, measure_floors, measure_record, summits_for
from stores import PostgresStores, SQLiteStores, Stores


def log(message: str) -> None:
    import sys

    print(f"  {time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def measure_backend(stores: Stores, claims: int, corpus: Path, *, budget: float, runs: int) -> dict[str, Any]:
    from tracker.service import Tracker

    name = stores.backend
    product = stores.location("product")
    log(f"{name}: recording")
    result: dict[str, Any] = measure_record(product, claims)
    log(f"{name}: recording floors")
    result |= measure_floors(stores, claims)

    log(f"{name}: opening (building the read model)")
    started = time.perf_counter()
    tracker = Tracker(product)
    result["catch_up_s"] = time.perf_counter() - started
    result["sizes"] = stores.sizes(product)
    questions = Questions([s.id for s in tracker.summits()], result["popular"], result["halfway"])
    result["summits"] = len(questions.summit_ids)
    log(f"{name}: commands in-process")
    result["in_process"] = in_process(tracker, questions, budget)
    log(f"{name}: rebuild in-process")
    started = time.perf_counter()
    tracker.rebuild()
    result["rebuild_s"] = time.perf_counter() - started
    tracker.close()

    log(f"{name}: commands as processes")
    result["process"] = as_process(product, questions, runs)
    log(f"{name}: `tracker rebuild` as a process")
    result["process"]["rebuild"] = run_process(["rebuild", "--store", product])
    result["sizes_after_rebuilds"] = stores.sizes(product)

    log(f"{name}: read floors")
    result |= library_scan(product)
    result |= raw_scan(stores, product)
    result |= sql_extraction(stores, product)

    log(f"{name}: `tracker ingest` of the YAML corpus")
    ingested = stores.location("ingest")
    result["process"]["ingest"] = run_process(["ingest", str(corpus), "--store", ingested])
    result["ingest_sizes"] = stores.sizes(ingested)
    return result


def run_size(
    claims: int, backends: list[str], postgres_url: str, *, budget: float, runs: int
) -> dict[str, Any]:
    """Every measurement at one size, on every backend asked for."""
    from tracker.generate import write_corpus

    result: dict[str, Any] = {
        "claims": claims,
        "summits_asked": summits_for(claims),
        "seed": SEED,
        "per_chunk": PER_CHUNK,
        "backends": {},
    }
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as name:
        folder = Path(name)
        corpus = folder / "corpus"
        log("writing the YAML corpus (`tracker generate`'s writer, untimed)")
        write_corpus(corpus, claims, summits_for(claims), SEED, PER_CHUNK)
        log("loading the YAML corpus in-process")
        result |= yaml_loading(corpus)
        for backend in backends:
            if backend == "postgres":
                stores: Stores = PostgresStores(postgres_url)
                result["postgres_version"] = stores.server_version  # type: ignore[attr-defined]
            else:
                (folder / "sqlite").mkdir()
                stores = SQLiteStores(folder / "sqlite")
            try:
                result["backends"][backend] = measure_backend(
                    stores, claims, corpus, budget=budget, runs=runs
                )
            finally:
                stores.close()
    result["size_process_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result
