"""The `tracker` command: record scenarios and ask what could be believed when.

Exit status: 0 success, 1 an expectation failed, 2 invalid input or usage, 3 internal error,
4 the store cannot be used (unreachable server, corrupted or foreign store, newer version).
Data goes to stdout; messages go to stderr. Heavy modules are imported inside commands so
that `tracker --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

EXIT_EXPECTATION_FAILED = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3
EXIT_STORE = 4
F = TypeVar("F", bound=Callable[..., Any])


class DayType(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        from tracker.domain.dates import in_range, parse_day

        try:
            return in_range(value) if isinstance(value, dt.date) else parse_day(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


class MomentType(click.ParamType):  # type: ignore[type-arg]
    name = "DATE|DATETIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from tracker.domain.dates import parse_moment

        try:
            return parse_moment(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


DAY, MOMENT = DayType(), MomentType()


class TrackerGroup(click.Group):
    """Turns a user's mistake into a message and exit status 2, and a bug into status 3."""

    def invoke(self, ctx: click.Context) -> Any:
        from tracker.scenario.problems import InvalidInput
        from tracker.store.location import StoreUnavailable

        def store_problem(problem: StoreUnavailable) -> None:
            if os.environ.get("TRACKER_DEBUG") and problem.__context__ is not None:
                traceback.print_exception(problem.__context__)  # the store's own error
            click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_STORE)

        try:
            return super().invoke(ctx)
        except InvalidInput as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            click.echo("nothing was recorded", err=True)
            sys.exit(EXIT_INVALID)
        except StoreUnavailable as error:
            store_problem(error)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`tracker claims | head`): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_INTERNAL)
        except Exception as error:  # a bug of ours, not the user's: say so plainly
            if os.environ.get("TRACKER_DEBUG"):
                raise
            if OPENED:  # a store was opened: was the error the store's?
                from tracker.store.guard import explain

                unusable = explain(error, OPENED[-1])
                if unusable is not None:
                    store_problem(unusable)
            click.echo(f"internal error: {type(error).__name__}: {error}", err=True)
            click.echo("set TRACKER_DEBUG=1 to see the traceback", err=True)
            sys.exit(EXIT_INTERNAL)


OPENED: list[str] = []
"""The stores this command opened: an unexpected error from one of them is the store's."""


def open_tracker(store: str | None, progress: bool = True, catch_up: bool = True) -> Any:
    from tracker.cli.progress import progress as bar
    from tracker.cli.repair import report_left_out
    from tracker.service import Tracker
    from tracker.store.location import resolve

    OPENED.append(resolve(store))
    with bar("Updating the read model", enabled=progress) as advance:
        tracker = Tracker(store, progress=advance, catch_up=catch_up)
    report_left_out(tracker.view.left_out_now)
    if tracker.read_only:
        behind = f", which lacks the last {tracker.behind} recorded events" if tracker.behind else ""
        click.echo(f"note: store {tracker.location} is read-only here ({tracker.read_only}): answers "
                   f"come from its read model as last updated{behind}", err=True)
    return tracker


def store_option(command: F) -> F:
    return click.option(
        "--store",
        metavar="PATH|URL",
        default=None,
        help="SQLite store file or postgresql://user@host:port/db URL "
        "(default: $TRACKER_STORE, else .tracker/events.sqlite).",
    )(command)


def format_option(command: F) -> F:
    return click.option(
        "--format", "output", type=click.Choice(["table", "json"]), default="table", show_default=True,
        help="Output as a table, or as JSON (see the README).",
    )(command)


def scenarios_argument(command: F) -> F:
    return click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False))(command)


def root_option(command: F) -> F:
    """`--root DIR`: a folder the scenarios' source files may also lie in (see `_load_all`)."""
    return click.option(
        "--root", type=click.Path(file_okay=False), default=None,
        help="Also allow source files inside DIR (default: the scenario's project, "
        "the nearest folder with pyproject.toml or .git; also $TRACKER_ROOT).",
    )(command)


def _load_all(paths: tuple[str, ...], root: str | None = None) -> list[Any]:
    """Load every scenario, reporting the problems of all of them before failing."""
    from tracker.scenario.load import load_scenario
    from tracker.scenario.problems import InvalidInput

    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(load_scenario(path, root=root))
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return loaded


def _console() -> Any:
    from rich.console import Console

    # Off a terminal (a pipe, a file, CI) rich would assume 80 columns: allow wide rows.
    return Console(width=None if sys.stdout.isatty() else 200)


@click.group(cls=TrackerGroup)
@click.version_option(package_name="tracker")
def cli() -> None:
    """Track claims about summits that may or may not happen, and what could be believed when."""


@cli.command()
@scenarios_argument
@click.option("--at", "day", type=DAY, help="Print the state at this date (default: today).")
@click.option("--from", "start", type=DAY, help="Walk the sources from this date...")
@click.option("--to", "end", type=DAY, help="...to this date, printing the changes each caused.")
@store_option
@root_option
@format_option
def replay(scenarios: tuple[str, ...], day: dt.date | None, start: dt.date | None,
           end: dt.date | None, store: str | None, root: str | None, output: str) -> None:
    """Record SCENARIOS into the store (idempotently), then print the state at a date.

    With --from and --to, print instead, publication day by publication day, the sources
    that became public and the status changes they caused.
    """
    from tracker.cli import render

    if (start is None) != (end is None):
        raise click.UsageError("--from and --to go together")
    if start and day:
        raise click.UsageError("give either --at, or --from and --to")
    if start and end and end < start:
        raise click.UsageError("--to is before --from")
    loaded = _load_all(scenarios, root)
    with open_tracker(store) as tracker:
        for scenario in loaded:
            recorded = tracker.record(scenario)
            click.echo(f"{scenario.path}: {recorded.events} new events "
                       f"({recorded.sources} sources, {recorded.claims} claims, "
                       f"{recorded.summits} summits, {recorded.corrections} corrections)", err=True)
        if start and end:
            changes = tracker.changes(start, end)
            if output == "json":
                render.emit_json(render.changes_json(start, end, changes))
            else:
                render.show_changes(_console(), changes)
            return
        day = day or dt.date.today()
        states = tracker.state(day)
        if output == "json":
            render.emit_json(render.state_json(day, None, states))
        else:
            render.show_state(_console(), day, None, states)


@cli.command()
@click.option("--at", "day", type=DAY, help="The date (default: today).")
@click.option("--recorded-at", type=MOMENT, help="Answer from the events recorded up to this time.")
@click.option("--summit", "summits", multiple=True, help="Only this summit (repeatable).")
@store_option
@format_option
def state(day: dt.date | None, recorded_at: Any, summits: tuple[str, ...], store: str | None,
          output: str) -> None:
    """Print the believed state of every summit at a date, and the claims that decided it."""
    from tracker.cli import render

    day = day or dt.date.today()
    with open_tracker(store) as tracker:
        states = tracker.state(day, recorded_at, list(summits) or None)
        unknown = set(summits) - {s.summit.id for s in states}
        if not states and not summits:
            when = f" as recorded at {recorded_at}" if recorded_at else ""
            click.echo(f"note: no summits in store {tracker.location}{when}; "
                       "record some with `tracker replay SCENARIO`", err=True)
        elif unknown:
            names = ", ".join(sorted(unknown))
            raise click.BadParameter(f"unknown summit(s): {names}", param_hint="--summit")
    if output == "json":
        render.emit_json(render.state_json(day, recorded_at, states))
    else:
        render.show_state(_console(), day, recorded_at, states)


@cli.command()
@click.argument("summit")
@store_option
@format_option
def timeline(summit: str, store: str | None, output: str) -> None:
    """Print how SUMMIT's status changed, day by day, and which claims decided each step."""
    from tracker.cli import render

    with open_tracker(store) as tracker:
        if tracker.summit(summit) is None:
            raise click.BadParameter(f"unknown summit {summit!r}", param_hint="SUMMIT")
        rows = tracker.timeline(summit)
    if output == "json":
        render.emit_json(render.timeline_json(summit, rows))
    else:
        render.show_timeline(_console(), summit, rows)


@cli.command()
@click.option("--summit", help="Only claims about this summit.")
@click.option("--source", help="Only claims from this source.")
@click.option("--recorded-at", type=MOMENT, help="The claims as recorded at this time.")
@store_option
@format_option
def claims(summit: str | None, source: str | None, recorded_at: Any, store: str | None,
           output: str) -> None:
    """List the recorded claims with their source, speaker, dates and verbatim quote."""
    from tracker.cli import render

    with open_tracker(store) as tracker:
        records = tracker.claims(summit=summit, source=source, recorded_at=recorded_at)
    if output == "json":
        render.emit_json([render.claim_json(r) for r in records])
    else:
        render.show_claims(_console(), records)


@cli.command()
@scenarios_argument
@root_option
def validate(scenarios: tuple[str, ...], root: str | None) -> None:
    """Check SCENARIOS (schema, references, dates, quotes against their sources); record nothing."""
    for scenario in _load_all(scenarios, root):
        click.echo(f"{scenario.path}: valid ({len(scenario.sources)} sources, "
                   f"{len(scenario.claims)} claims, {len(scenario.expectations)} expectations)")


@cli.command()
@scenarios_argument
@root_option
@format_option
def check(scenarios: tuple[str, ...], root: str | None, output: str) -> None:
    """Replay each of SCENARIOS alone, in memory, and evaluate its `expect` list.

    Every mismatch is reported, not only the first; exit status 1 if there is any.
    """
    from tracker.checking import check as run_check
    from tracker.checking import describe
    from tracker.cli import render

    results = [(scenario, run_check(scenario)) for scenario in _load_all(scenarios, root)]
    failed = any(mismatches for _, mismatches in results)
    if output == "json":
        render.emit_json([
            {"scenario": str(s.path), "expectations": len(s.expectations),
             "mismatches": [render.mismatch_json(str(s.path), m) for m in ms]}
            for s, ms in results
        ])
    else:
        for scenario, mismatches in results:
            for line in describe(scenario, mismatches):
                click.echo(line)
            verdict = "FAILED" if mismatches else "ok"
            click.echo(f"{scenario.path}: {len(scenario.expectations)} expectations, "
                       f"{len(mismatches)} mismatches: {verdict}")
    if failed:
        sys.exit(EXIT_EXPECTATION_FAILED)


@cli.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of scenario files, for editors and validators."""
    from tracker.scenario.schema import schema_text

    click.echo(schema_text(), nl=False)


def main() -> None:
    cli(prog_name="tracker")


from tracker.cli import bulk, repair  # noqa: E402,F401  register ingest, rebuild, follow, generate, withdraw
