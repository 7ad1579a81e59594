"""How long `tracker` takes to start: the time each command spends importing modules, and the
wall and CPU time of the command as a process, on a tiny SQLite store (the seed corpus).
Figures only, no assertions (issue 13, point 2: a process's start is part of what users wait
for; `tests/test_imports.py` checks what the commands import).

    python bench/startup.py              # 15 runs of each, medians and minima
    python bench/startup.py --runs 30

Imports: the sum of the top-level entries of `python -X importtime` for the command as it runs
(so exactly what that command imports, the interpreter's own `site` included), and the same
for `python -c pass` (what no command can avoid). Commands: wall and CPU time (user + system)
of the whole process, as a user runs it (the `tracker` console script of this environment); on
a shared machine CPU time and minima vary less than wall time and medians.

Compiled bytecode is cached in a temporary folder (`PYTHONPYCACHEPREFIX`), as it is on a user's
machine, even where `PYTHONDONTWRITEBYTECODE` is set: otherwise every run would compile the
tracker's modules again. To compare with another version of the package, put it first on
`PYTHONPATH`.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from commands import process_env, tracker_command

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "scenarios" / "putin_trump_2025.yaml"
SUMMIT = "putin-trump-first-2025"
DAY = "2025-10-20"

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    f"state --at {DAY}": ["state", "--at", DAY],
    f"state --at {DAY} --format json": ["state", "--at", DAY, "--format", "json"],
    f"state --at {DAY} --recorded-at {DAY}": ["state", "--at", DAY, "--recorded-at", DAY],
    f"explain {SUMMIT} --at {DAY}": ["explain", SUMMIT, "--at", DAY],
    f"timeline {SUMMIT}": ["timeline", SUMMIT],
    f"claims --summit {SUMMIT}": ["claims", "--summit", SUMMIT],
}
"""The commands measured (all but `--help` on the store)."""

TOP_LEVEL = re.compile(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$")
"""A line of `-X importtime` for a module imported by no other (its cumulative microseconds)."""


def import_ms(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    """The milliseconds a process spends importing: its top-level `-X importtime` entries."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr[-2000:]}")
    return sum(int(m.group(1)) for m in map(TOP_LEVEL.match, done.stderr.splitlines()) if m) / 1000


def run_ms(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run of `args` (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return wall, cpu


def figures(values: list[float]) -> str:
    return f"{statistics.median(values):6.0f} {min(values):6.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each measurement (default 15)")
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="tracker-startup-") as folder:
        here = Path(folder)
        env = process_env(here / "pycache")
        store = str(here / "S.sqlite")
        tracker = tracker_command()
        subprocess.run(
            [*tracker, "ingest", str(SEED), "--store", store],
            check=True,
            cwd=here,
            env=env,
            capture_output=True,
        )
        entry = ["-c", "from tracker.cli.main import main; main()"]
        print(f"tracker startup, {runs} runs each (after one warm-up), medians and minima in ms")
        print(f"{'command':54} {'imports':>13}   {'wall':>13}   {'CPU':>13}")
        print(f"{'':54} {'median    min':>13}   {'median    min':>13}   {'median    min':>13}")
        bare = [import_ms(["-c", "pass"], here, env) for _ in range(runs + 1)][1:]
        walls, cpus = zip(
            *[run_ms([sys.executable, "-c", "pass"], here, env) for _ in range(runs + 1)][1:], strict=True
        )
        print(f"{'python -c pass':54} {figures(bare)}   {figures(list(walls))}   {figures(list(cpus))}")
        for what, args in COMMANDS.items():
            full = args if args == ["--help"] else [*args, "--store", store]
            imports = [import_ms([*entry, *full], here, env) for _ in range(runs + 1)][1:]
            timed = [run_ms([*tracker, *full], here, env) for _ in range(runs + 1)][1:]
            walls, cpus = zip(*timed, strict=True)
            line = f"{figures(imports)}   {figures(list(walls))}   {figures(list(cpus))}"
            print(f"{'tracker ' + what:54} {line}")


if __name__ == "__main__":
    main()
