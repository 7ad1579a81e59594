"""Commands on scenario files: replay into the store, validate, check expectations, the schema."""

from __future__ import annotations

import datetime as dt
import sys

import click

from tracker.cli.options import (
    DAY,
    EXIT_EXPECTATION_FAILED,
    MOMENT,
    claims_option,
    count,
    format_option,
    load_all,
    open_tracker,
    root_option,
    scenarios_argument,
    store_option,
)


@click.command()
@scenarios_argument
@click.option(
    "--at",
    "day",
    type=MOMENT,
    help="Print the state at this date (its end), or at a time with its UTC offset (default: today).",
)
@click.option("--from", "start", type=DAY, help="Walk the sources from this date...")
@click.option("--to", "end", type=DAY, help="...to this date, printing the changes each caused.")
@claims_option
@store_option
@root_option
@format_option
def replay(
    scenarios: tuple[str, ...],
    day: dt.date | None,
    start: dt.date | None,
    end: dt.date | None,
    latest: int | None,
    store: str | None,
    root: str | None,
    output: str,
) -> None:
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
    loaded = load_all(scenarios, root)
    tracker = open_tracker(store, create=True)
    for scenario in loaded:
        recorded = tracker.record(scenario)
        click.echo(
            f"{scenario.path}: {count(recorded.events, 'new event')} "
            f"({count(recorded.sources, 'source')}, {count(recorded.claims, 'claim')}, "
            f"{count(recorded.summits, 'summit')}, {count(recorded.corrections, 'correction')})",
            err=True,
        )
    if start and end:
        render.print_changes(output, start, end, tracker.each_change(start, end))
        return
    day = day or dt.date.today()
    states = tracker.state(day, latest=0 if output == "table" else latest)
    render.print_state(output, day, None, states, listed=latest != 0)


@click.command()
@scenarios_argument
@root_option
def validate(scenarios: tuple[str, ...], root: str | None) -> None:
    """Check SCENARIOS (schema, references, dates, quotes against their sources); record nothing."""
    for scenario in load_all(scenarios, root):
        click.echo(
            f"{scenario.path}: valid ({count(len(scenario.sources), 'source')}, "
            f"{count(len(scenario.claims), 'claim')}, "
            f"{count(len(scenario.expectations), 'expectation')})"
        )


@click.command()
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

    results = [(scenario, run_check(scenario)) for scenario in load_all(scenarios, root)]
    failed = any(mismatches for _, mismatches in results)
    if output != "table":
        document = render.check_json(results)
        render.emit(output, "check", document, render.check_records(document))
    else:
        for scenario, mismatches in results:
            for line in describe(scenario, mismatches):
                click.echo(line)
            verdict = "FAILED" if mismatches else "ok"
            click.echo(
                f"{scenario.path}: {count(len(scenario.expectations), 'expectation')}, "
                f"{count(len(mismatches), 'mismatch')}: {verdict}"
            )
    if failed:
        sys.exit(EXIT_EXPECTATION_FAILED)


@click.command()
@click.option(
    "--markdown",
    is_flag=True,
    help="Print instead the reference of every field of a scenario file, in Markdown (the README's).",
)
def schema(markdown: bool) -> None:
    """Print the JSON Schema (draft-07) of scenario files, for editors and validators."""
    if markdown:
        from tracker.scenario.reference import reference_markdown

        click.echo(reference_markdown(), nl=False)
        return
    from tracker.scenario.schema import schema_text

    click.echo(schema_text(), nl=False)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
def new(path: str) -> None:
    """Write a commented scenario template to PATH (a new file) to start from; it validates."""
    from importlib.resources import files
    from pathlib import Path

    target = Path(path)
    if target.exists():
        raise click.UsageError(f"{path} exists already: give a new file")
    template = files("tracker.scenario").joinpath("templates/new.yaml").read_text(encoding="utf-8")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as out:
            out.write(template)
    except OSError as error:
        raise click.UsageError(f"cannot write {path}: {error.strerror}") from None
    click.echo(f"{path}: a scenario to edit; `tracker validate {path}` checks it", err=True)
