"""How fast the rules fold: `python bench/fold.py STORE [--repeat N]`.

Reads every summit's facts from the view of an existing store (an SQLite path or a
PostgreSQL URL, for example one made by `tracker generate` and `tracker ingest`) once, into
memory, then folds them through the rules (`belief.fold`, what settling and "as recorded at
T" run) N times, and prints the best and the median seconds, microseconds per fact, and the
share of the most popular summit. Nothing is written. The store's reading is left out, so the
figures are the fold's alone: compare two commits on the same store (`PYTHONPATH`).
"""

from __future__ import annotations

import argparse
import statistics
import time
from itertools import groupby

from tracker.domain.belief import fold
from tracker.domain.facts import Fact
from tracker.service import Tracker


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", help="an SQLite store file or a PostgreSQL URL")
    parser.add_argument("--repeat", type=int, default=5, help="how many times to fold (default 5)")
    args = parser.parse_args()
    with Tracker(args.store) as tracker:
        view = tracker.view
        summits = {summit.id: summit for summit in view.summits()}
        with view.reading(), view._reader() as (c, _):
            by_summit: list[tuple[str, list[Fact]]] = [
                (summit_id, [fact for _, fact in pairs])
                for summit_id, pairs in groupby(view._facts(c, []), key=lambda pair: pair[0])
            ]
    count = sum(len(facts) for _, facts in by_summit)
    popular, most = max(((s, len(f)) for s, f in by_summit), key=lambda pair: pair[1])
    times, popular_times = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for summit_id, facts in by_summit:
            if summit_id == popular:
                begun = time.perf_counter()
                fold(summits[summit_id], facts)
                popular_times.append(time.perf_counter() - begun)
            else:
                fold(summits[summit_id], facts)
        times.append(time.perf_counter() - started)
    best, median = min(times), statistics.median(times)
    print(f"{len(by_summit):,} summits, {count:,} facts; the most popular, {popular}: {most:,} facts")
    print(
        f"fold: best {best:.2f} s, median {median:.2f} s ({best / count * 1e6:.1f} µs per fact at best), "
        f"{args.repeat} runs; {popular}: best {min(popular_times):.2f} s"
    )


if __name__ == "__main__":
    main()
