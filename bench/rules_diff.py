"""Which (summit, day) statuses change between two versions of the belief rules.

    python bench/rules_diff.py --old REV SCENARIO... [--new REV] [--from D] [--to D]

Replays the scenarios into a store in memory, then folds every summit's claims (as
currently recorded: corrections applied, retractions left out) through the rules of
`tracker/domain/belief.py` at git revision REV and through those of `--new` (default: the
working tree), and prints each run of days on which the two disagree on the status:
summit, first and last day, old status, new status. Days run from the first publication
day to 60 days after the last one (or --from, --to). Exit 0 either way.

The old rules are the module's text at REV, run against today's models: a claim kind the
old rules do not know is reported, and that summit's comparison skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

from tracker.domain import belief as current
from tracker.domain.models import PublishedClaim, Summit
from tracker.scenario.load import load_scenario
from tracker.service import Tracker

ROOT = Path(__file__).resolve().parents[1]
MODULE = "tracker/domain/belief.py"


def rules_at(revision: str) -> types.ModuleType:
    """The belief module as it was at `revision`, imported under its own name."""
    text = subprocess.run(
        ["git", "show", f"{revision}:{MODULE}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType(f"belief_at_{revision}")
    module.__file__ = f"{revision}:{MODULE}"
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(text, module.__file__, "exec"), module.__dict__)
    return module


def statuses(rules: Any, summit: Summit, claims: list[PublishedClaim], days: list[dt.date]) -> list[str]:
    rows = rules.history(summit, claims)
    return [rules.belief_at(rows, day).status.value for day in days]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="+", type=Path)
    parser.add_argument("--old", required=True, help="git revision of the old rules")
    parser.add_argument("--new", help="git revision of the new rules (default: the working tree)")
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat)
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat)
    args = parser.parse_args()
    old, new = rules_at(args.old), rules_at(args.new) if args.new else current

    with Tracker(":memory:") as tracker:
        for path in args.scenarios:
            tracker.record(load_scenario(path))
        summits = tracker.summits()
        claims = [
            PublishedClaim(claim=r.claim, published=r.published) for r in tracker.claims() if not r.retracted
        ]
    published = [c.published.latest for c in claims]
    start = args.start or min(published)
    end = args.end or max(published) + dt.timedelta(days=60)
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]

    print(f"rules at {args.old} against {args.new or 'the working tree'}, {start} to {end}:")
    differences = 0
    for summit in summits:
        about = [c for c in claims if summit.id in c.claim.summits]
        try:
            before = statuses(old, summit, about, days)
        except KeyError as unknown:
            print(f"{summit.id}: the old rules do not know {unknown}; not compared")
            continue
        after = statuses(new, summit, about, days)
        run: tuple[dt.date, str, str] | None = None
        for day, was, now in [*zip(days, before, after, strict=True), (None, "", "")]:
            if run and (day is None or (was, now) != run[1:]):
                last = day - dt.timedelta(days=1) if day else end
                print(f"{summit.id}: {run[0]} to {last}: {run[1]} -> {run[2]}")
                differences += 1
                run = None
            if day is not None and was != now and run is None:
                run = (day, was, now)
    print(
        f"{differences} run{'' if differences == 1 else 's'} of days with a different status"
        if differences
        else "no difference"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
