"""What the commands share: option types and decorators, exit statuses, opening a store
through click's context (closed when the command ends), loading scenarios, the console."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from tracker.service import Tracker
    from tracker.store.readmodel import LeftOut

EXIT_EXPECTATION_FAILED = 1
EXIT_INVALID = 2
EXIT_INTERNAL = 3
EXIT_STORE = 4
EXIT_READER_GONE = 141
"""The output's reader went away (`tracker claims | head`): 128 + SIGPIPE, the status a shell
gives any program its pipe's reader stopped."""
STORE_KEY = "tracker.store"
"""`ctx.meta` key of the store a command opened: an unexpected error of the command may be its."""
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


class LatestType(click.ParamType):  # type: ignore[type-arg]
    """A count of claims to list, or `all` (None)."""

    name = "N|all"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if value is None or isinstance(value, int):
            return value
        text = str(value).strip().lower()
        if text == "all":
            return None
        if not text.isdigit():
            self.fail(f"{value!r} is neither a count of claims (0, 1, 2...) nor 'all'", param, ctx)
        return int(text)


DAY, MOMENT, LATEST = DayType(), MomentType(), LatestType()


def claims_option(function: F) -> F:
    """`--claims N|all`: how many of the claims bearing on each state `state` lists."""
    return click.option(
        "--claims",
        "latest",
        type=LATEST,
        default="0",
        show_default=True,
        help="List the N latest visible claims of each kind beside each state (supporting it, "
        "contradicting it, non-answers), or all of them; their counts are always given. "
        "Not in tables.",
    )(function)


def open_tracker(
    store: str | None, progress: bool = True, catch_up: bool = True, *, create: bool = False
) -> Tracker:
    """Open the store for this command; click's context closes it when the command ends. Only
    a recording command (`create`) makes a new SQLite store: a reading one refuses a path
    where there is none, so that a typo never reads as "nothing is known"."""
    from tracker.cli.progress import progress as bar
    from tracker.service import Tracker
    from tracker.store.location import resolve

    ctx = click.get_current_context()
    ctx.meta[STORE_KEY] = resolve(store)
    with bar("Updating the read model", enabled=progress) as advance:
        tracker = ctx.with_resource(Tracker(store, progress=advance, catch_up=catch_up, create=create))
    report_left_out(tracker.left_out_now)
    if tracker.read_only:
        behind = f", which lacks the last {count(tracker.behind, 'recorded event')}" if tracker.behind else ""
        click.echo(
            f"note: store {tracker.location} is read-only here ({tracker.read_only}): answers "
            f"come from its read model as last updated{behind}",
            err=True,
        )
    return tracker


def count(number: int, noun: str) -> str:
    """`1 source`, `2 sources`, `0 sources`: a number and its noun, in the right number."""
    plural = noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{number} {noun}" if number == 1 else f"{number} {plural}"


def report_left_out(items: Sequence[LeftOut], *, everything: bool = False) -> None:
    """Say which events the read model leaves out: never skip silently."""
    if not items:
        return
    what = "leaves out" if everything else "left out"
    click.echo(
        f"note: the read model {what} {count(len(items), 'event')} of withdrawn sources or summits:", err=True
    )
    for item in items:
        which = f"{item.kind} {item.ident}" if item.kind else f"aggregate {item.aggregate_id}"
        click.echo(f"  event {item.position} of {which}: {item.reason}", err=True)


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
        "--format",
        "output",
        type=click.Choice(["table", "json", "jsonl", "csv"]),
        default="table",
        show_default=True,
        help="Output as a table, JSON, JSON Lines or CSV (columns: see the README).",
    )(command)


def scenarios_argument(command: F) -> F:
    return click.argument("scenarios", nargs=-1, required=True, type=click.Path(dir_okay=False))(command)


def root_option(command: F) -> F:
    """`--root DIR`: a folder the scenarios' source files may also lie in (see `load_all`)."""
    return click.option(
        "--root",
        type=click.Path(file_okay=False),
        default=None,
        help="Also allow source files inside DIR (default: the scenario's project, "
        "the nearest folder with pyproject.toml or .git; also $TRACKER_ROOT).",
    )(command)


def load_all(paths: tuple[str, ...], root: str | None = None) -> list[Any]:
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
