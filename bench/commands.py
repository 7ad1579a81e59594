"""What users run, measured as they run it.

In-process: the service functions (`tracker.service.Tracker`) that the CLI's commands call,
on a store opened once, timed call by call (no rendering):

- `state --at D`: `Tracker.state(D, latest=0)`, every summit with its explanation as the
  command gives it by default (the deciding claims, and how many visible claims support,
  contradict and do not answer it), on random days; and `state --at D --claims all`,
  `Tracker.state(D)`, with every one of those claims listed;
- `state --at D --recorded-at T`: `Tracker.state(D, T, latest=0)`, T the moment half the
  corpus was recorded;
- one summit explained (`state --at D --summit S`): `Tracker.state(D, summit_ids=[S],
  latest=0)`, over random summits, and over the most popular summit, reported apart; and the
  most popular with every claim listed (`--claims all`);
- `timeline P` and `claims --summit P` of the most popular summit P: `Tracker.summit(P)` (the
  CLI checks it exists) then `Tracker.timeline(P)` or `Tracker.claims(summit=P)`.

As a process: `tracker ... --store S --format json` in a fresh helper process that starts it
and reports its wall time (from start to exit, imports included), its CPU time and its peak
memory (`resource.getrusage(RUSAGE_CHILDREN)`); the command's output goes to /dev/null. Beside
the commands above, for their memory (target 4: every command) and time: `explain P --at
D` (the deciding claims and the 20 strongest others, the default) and with `--claims all` (a
sentence per visible claim), `summits --at D`, `sources`, `changes` of the fortnight to D,
and `report --summit P` (its page written to a scratch file; it needs the `report` extra).
And as tables, the format a user gets by default (piped, so a row a line, as wide as it
needs): `state --at D`, `timeline P`, `claims --summit P` and `sources`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HELPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
child = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
wall = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "user_s": usage.ru_utime,
                  "peak_mb": usage.ru_maxrss / 1024, "returncode": child.returncode,
                  "stderr": child.stderr.decode("utf-8", "replace")[-3000:]}))
"""
"""Runs one command as its child: its peak RSS is then the helper's RUSAGE_CHILDREN maximum."""


def tracker_command() -> list[str]:
    script = Path(sys.executable).with_name("tracker")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from tracker.cli.main import main; main()"]


PYCACHE = Path(tempfile.gettempdir()) / "tracker-bench-pycache"


def process_env(pycache: Path = PYCACHE) -> dict[str, str]:
    """The environment of each command: compiled bytecode cached (in `pycache`), as on a
    user's machine, even where `PYTHONDONTWRITEBYTECODE` is set: otherwise every run would
    compile the tracker's own modules again (about 60 ms here)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_process(args: list[str]) -> dict[str, Any]:
    """Run `tracker ARGS` once in a fresh helper; its wall and CPU seconds and peak MB."""
    helper = subprocess.run(
        [sys.executable, "-c", HELPER, *tracker_command(), *args],
        capture_output=True,
        text=True,
        check=True,
        env=process_env(),
    )
    result: dict[str, Any] = json.loads(helper.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(f"tracker {' '.join(args)} exited {result['returncode']}:\n{result['stderr']}")
    del result["stderr"]
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def sample(run: Callable[[], Any], *, least: int, most: int, budget: float) -> list[float]:
    """Milliseconds of each call: at least `least` calls, then more until `most` or `budget` s."""
    spent: list[float] = []
    deadline = time.perf_counter() + budget
    while len(spent) < most and (len(spent) < least or time.perf_counter() < deadline):
        started = time.perf_counter()
        run()
        spent.append((time.perf_counter() - started) * 1000)
    return spent


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(values),
        "p99": percentile(values, 0.99),
        "max": max(values),
        "n": len(values),
    }


class Questions:
    """The days, summits and moment asked about, the same on both backends (seeded). Each
    measurement asks about the same days in the same order (in-process and as a process), so
    that the figures of the two compare: how much of the corpus is visible depends on the day."""

    def __init__(self, summit_ids: list[str], popular: str, halfway: str) -> None:
        from tracker.generate import FIRST_DAY, LAST_DAY

        chance = random.Random(1)
        span = (LAST_DAY - FIRST_DAY).days
        self.days = [FIRST_DAY + dt.timedelta(days=chance.randrange(span)) for _ in range(50)]
        ordered = sorted(summit_ids)
        self.summits = [chance.choice(ordered) for _ in range(400)]
        self.summit_ids = ordered
        self.popular = popular
        self.halfway = dt.datetime.fromisoformat(halfway)

    def asking(self) -> tuple[Callable[[], dt.date], Callable[[], str]]:
        """A new walk through the days and summits, from the first."""
        days, summits = itertools.cycle(self.days), itertools.cycle(self.summits)
        return (lambda: next(days)), (lambda: next(summits))


def in_process(tracker: Any, questions: Questions, budget: float) -> dict[str, Any]:
    q, p = questions, questions.popular

    def timeline() -> None:
        tracker.summit(p)
        tracker.timeline(p)

    def claims() -> None:
        tracker.summit(p)
        tracker.claims(summit=p)

    day, _ = q.asking()
    state = sample(lambda: tracker.state(day(), latest=0), least=3, most=40, budget=budget)
    day, _ = q.asking()
    listed = sample(lambda: tracker.state(day()), least=3, most=40, budget=budget)
    day, _ = q.asking()
    then = sample(lambda: tracker.state(day(), q.halfway, latest=0), least=3, most=40, budget=budget)
    day, summit = q.asking()
    one = sample(
        lambda: tracker.state(day(), summit_ids=[summit()], latest=0), least=50, most=400, budget=budget
    )
    day, _ = q.asking()
    popular = sample(
        lambda: tracker.state(day(), summit_ids=[p], latest=0), least=10, most=200, budget=budget
    )
    day, _ = q.asking()
    popular_listed = sample(lambda: tracker.state(day(), summit_ids=[p]), least=5, most=100, budget=budget)
    measured = {
        "state": state,
        "state_listed": listed,
        "state_recorded_at": then,
        "one_explained": one,
        "popular_explained": popular,
        "popular_listed": popular_listed,
        "timeline": sample(timeline, least=5, most=100, budget=budget),
        "claims": sample(claims, least=3, most=50, budget=budget),
    }
    return {name: summary(values) for name, values in measured.items()}


def as_process(location: str, questions: Questions, runs: int) -> dict[str, Any]:
    """Each reading command run `runs` times as a process: wall p50, CPU p50, peak MB (max)."""
    q, p = questions, questions.popular
    halfway = q.halfway.isoformat()
    commands: dict[str, Callable[[Callable[[], dt.date], Callable[[], str]], list[str]]] = {
        "state": lambda day, summit: ["state", "--at", str(day())],
        "state_listed": lambda day, summit: ["state", "--at", str(day()), "--claims", "all"],
        "state_recorded_at": lambda day, summit: ["state", "--at", str(day()), "--recorded-at", halfway],
        "one_explained": lambda day, summit: ["state", "--at", str(day()), "--summit", summit()],
        "popular_explained": lambda day, summit: ["state", "--at", str(day()), "--summit", p],
        "popular_listed": lambda day, summit: ["state", "--at", str(day()), "--summit", p, "--claims", "all"],
        "timeline": lambda day, summit: ["timeline", p],
        "claims": lambda day, summit: ["claims", "--summit", p],
        # For their memory (target 4: every command): each reads across the whole store.
        "explain": lambda day, summit: ["explain", p, "--at", str(day())],
        "explain_all": lambda day, summit: ["explain", p, "--at", str(day()), "--claims", "all"],
        "summits": lambda day, summit: ["summits", "--at", str(day())],
        "sources": lambda day, summit: ["sources"],
        "changes": lambda day, summit: ["changes", *fortnight(day())],
        "report": lambda day, summit: ["report", "--summit", p, "--html", str(page)],
        # As tables, the format users get when they give none (piped: a row a line).
        "state_table": lambda day, summit: ["state", "--at", str(day())],
        "timeline_table": lambda day, summit: ["timeline", p],
        "claims_table": lambda day, summit: ["claims", "--summit", p],
        "sources_table": lambda day, summit: ["sources"],
    }
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"  # `report` writes a page, not JSON
        run_process(["state", "--at", str(q.asking()[0]()), "--store", location])  # caches the bytecode
        for name, args in commands.items():
            day, summit = q.asking()
            output = [] if name == "report" or name.endswith("_table") else ["--format", "json"]
            results = [run_process([*args(day, summit), "--store", location, *output]) for _ in range(runs)]
            found[name] = process_summary(results)
    return found


def fortnight(day: dt.date) -> list[str]:
    """`changes`' options for the fortnight that ends on `day`."""
    return ["--from", str(day - dt.timedelta(days=13)), "--to", str(day)]


def process_summary(results: list[dict[str, Any]]) -> dict[str, float]:
    return {
        "wall_s": statistics.median(r["wall_s"] for r in results),
        "cpu_s": statistics.median(r["cpu_s"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
        "n": len(results),
    }


def yaml_loading(folder: Path) -> dict[str, float]:
    """Seconds `load_scenario` takes on every file of the corpus, in this process (what `tracker
    ingest` does before recording each file)."""
    from tracker.scenario.load import load_scenario

    files = sorted(folder.glob("corpus-*.yaml"))
    started = time.perf_counter()
    cpu = time.process_time()
    for path in files:
        load_scenario(path)
    return {
        "yaml_load_s": time.perf_counter() - started,
        "yaml_load_cpu_s": time.process_time() - cpu,
        "yaml_files": len(files),
        "yaml_bytes": sum(p.stat().st_size for p in files),
    }
