"""Where the time of a rebuild and of `state --at D` goes, by function (cProfile), on either
backend: `python bench/hotspots.py STORE [--claims N] [--top K]`.

STORE is an SQLite path or a PostgreSQL URL. An empty store is first filled with the
benchmark's corpus of N claims (`bench/recording.py`, default 100k) and its read model built.
Then, each under cProfile:

- the rebuild (`Tracker.rebuild`, what `tracker rebuild` does);
- `Tracker.state(D)` on three days (what `tracker state --at D` asks of the service);
- `tracker state --at D --format json` as a process (`python -m cProfile`), imports and
  rendering included.

Each prints its total and the functions that cost most of their own time (tottime) and in
all (cumtime), as shares of the total. cProfile slows Python code down, pure C less: shares
are a guide, not a measurement (`bench/stages.py` times a rebuild's stages without it).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from commands import tracker_command
from recording import measure_record

DAYS = (dt.date(2025, 3, 1), dt.date(2026, 6, 15), dt.date(2027, 9, 30))


def top(stats: pstats.Stats, total: float, key: str, count: int) -> str:
    """The `count` costliest functions by `key` ("tottime" or "cumulative"), with shares."""
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tottime if key == "tottime" else cumtime, tottime, cumtime, calls, filename, line, name))
    rows.sort(reverse=True)
    out = io.StringIO()
    out.write(f"  {'own s':>7} {'own':>4} {'all s':>7} {'all':>4} {'calls':>9}  function\n")
    for _, tottime, cumtime, calls, filename, line, name in rows[:count]:
        where = filename.replace(str(Path(sys.prefix)), "<venv>").split("site-packages/")[-1]
        where = where.replace(str(Path(__file__).resolve().parent.parent) + "/", "")
        out.write(
            f"  {tottime:7.2f} {tottime / total:4.0%} {cumtime:7.2f} {cumtime / total:4.0%} {calls:9,}  "
            f"{name} ({where}:{line})\n"
        )
    return out.getvalue()


def show(title: str, profile: cProfile.Profile, seconds: float, count: int) -> None:
    stats = pstats.Stats(profile)
    print(f"\n== {title}: {seconds:.2f} s under cProfile ==")
    print("by own time:")
    print(top(stats, seconds, "tottime", count))
    print("by time including callees:")
    print(top(stats, seconds, "cumulative", count))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", help="an SQLite path or a PostgreSQL URL")
    parser.add_argument("--claims", type=int, default=100_000, help="corpus size for an empty store")
    parser.add_argument("--top", type=int, default=18, help="functions listed")
    args = parser.parse_args()
    from tracker.service import Tracker

    with Tracker(args.store) as tracker:
        empty = tracker.event_count() == 0
    if empty:
        print(f"recording {args.claims:,} claims ...", file=sys.stderr)
        measure_record(args.store, args.claims)
    started = time.perf_counter()
    tracker = Tracker(args.store)
    print(f"opened (catch-up) in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.runcall(tracker.rebuild)
    show("rebuild (Tracker.rebuild)", profile, time.perf_counter() - started, args.top)

    profile = cProfile.Profile()
    started = time.perf_counter()
    for day in DAYS:
        profile.runcall(tracker.state, day)
    show(f"Tracker.state(D), {len(DAYS)} days", profile, time.perf_counter() - started, args.top)
    tracker.close()

    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "state.prof"
        script = tracker_command()[:1]  # the `tracker` script of this environment
        state = ["state", "--at", str(DAYS[1]), "--store", args.store, "--format", "json"]
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(output), *script, *state],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        seconds = time.perf_counter() - started
        stats = pstats.Stats(str(output))
        print(f"\n== `tracker state --at {DAYS[1]} --format json` as a process: {seconds:.2f} s wall ==")
        print("by own time:")
        print(top(stats, seconds, "tottime", args.top))
        print("by time including callees:")
        print(top(stats, seconds, "cumulative", args.top))


if __name__ == "__main__":
    main()
