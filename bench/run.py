"""Benchmarks at 10k, 100k and 1M claims, SQLite and PostgreSQL side by side, with the floors
measured on the same data in the same run, against the targets of issue 13.

    python bench/run.py                               # 10k, 100k, 1M claims, both backends
    python bench/run.py --sizes 10000 --out -         # one size, results to stdout only
    python bench/run.py --backends sqlite --sizes 1000000
    python bench/run.py --postgres postgresql://postgres@127.0.0.1:5432/test

Each size runs in a process of its own, on a corpus from `tracker generate`'s generator
(seed 1, one summit per 100 claims, chunks of 1000 claims). SQLite stores are files in a
temporary folder; PostgreSQL stores are scratch databases created on the server of
`--postgres` (default `$TRACKER_TEST_POSTGRES`, else postgresql://postgres@127.0.0.1:5432/test,
whose database is used only to create and drop them) and dropped at the end.

Per backend (`bench/measure.py`):

- recording: `TrackerApplication.record` of each chunk, against the library's bare
  `Application.save` of the same events and raw inserts of the same payloads (sqlite3
  `executemany`; PostgreSQL `COPY`), same batches (`bench/recording.py`);
- rebuild: opening the unbuilt store (its catch-up), `Tracker.rebuild` in-process and
  `tracker rebuild` as a process, claims/s, against a pure SQL extraction of the same events
  into columnar tables and scans of them (`bench/floors.py`);
- what users run, in-process (the service functions the CLI calls) and as processes
  (`tracker ... --store S`, wall time, CPU time, peak RSS): `state --at D`, `state --at D
  --recorded-at T`, one summit explained (random summits, and the most popular summit),
  `timeline` and `claims --summit` of the most popular summit (`bench/commands.py`);
- `tracker ingest` of the YAML corpus `tracker generate` writes, against the recording time,
  with the time `load_scenario` takes on the same files;
- peak memory per command, store size and bytes per claim.

It writes `bench/RESULTS.md` (`bench/report.py`: the targets with pass/fail, the figures,
the raw JSON) and prints the same. Generation is never inside a timed section.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from measure import run_size
from report import BACKENDS, commit, earlier_results, report
from stores import DEFAULT_POSTGRES


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000", help="claims per run, comma-separated")
    parser.add_argument("--backends", default=",".join(BACKENDS), help="sqlite, postgres or both (default)")
    parser.add_argument(
        "--postgres",
        default=DEFAULT_POSTGRES,
        help="a PostgreSQL server's URL, whose database is used to create and drop scratch databases "
        "(default: $TRACKER_TEST_POSTGRES, else %(default)s)",
    )
    parser.add_argument(
        "--out",
        default=str(Path(__file__).with_name("RESULTS.md")),
        help="where to write the report ('-': stdout only)",
    )
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds spent at most on each in-process measurement"
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each reading command as a process")
    parser.add_argument(
        "--merge",
        action="store_true",
        help="keep the sizes already reported in --out that this run does not measure (each size "
        "says which run measured it)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    args = parser.parse_args()
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - set(BACKENDS)
    if unknown or not backends:
        parser.error(f"--backends takes {' and '.join(BACKENDS)}, not {args.backends!r}")
    if args.one:
        result = run_size(args.one, backends, args.postgres, budget=args.budget, runs=args.runs)
        print(json.dumps(result))
        return
    command = f"python bench/run.py --sizes {args.sizes} --backends {','.join(backends)}"
    if args.budget != parser.get_default("budget") or args.runs != parser.get_default("runs"):
        command += f" --budget {args.budget:g} --runs {args.runs}"
    # (the server's URL is left out: it may hold a password)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size:,} claims ...", file=sys.stderr, flush=True)
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(size),
                "--backends",
                ",".join(backends),
                "--postgres",
                args.postgres,
                "--budget",
                str(args.budget),
                "--runs",
                str(args.runs),
            ],
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        if child.returncode:
            sys.exit(f"the run at {size} claims failed (exit {child.returncode}); see above")
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result["run"] = {
            "at": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            "command": command,
            "commit": commit(),
        }
        results.append(result)
    if args.merge and args.out != "-" and Path(args.out).exists():
        measured = {r["claims"] for r in results}
        earlier = [r for r in earlier_results(Path(args.out)) if r["claims"] not in measured]
        results = sorted([*earlier, *results], key=lambda r: r["claims"])
    text = report(results, command)
    print(text)
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
