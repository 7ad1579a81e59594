"""Reading commands: the state at a date, a summit's timeline, the recorded claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from tracker.cli.options import DAY, MOMENT, format_option, open_tracker, store_option


@click.command()
@click.option("--at", "day", type=DAY, help="The date (default: today).")
@click.option("--recorded-at", type=MOMENT, help="Answer from the events recorded up to this time.")
@click.option("--summit", "summits", multiple=True, help="Only this summit (repeatable).")
@store_option
@format_option
def state(
    day: dt.date | None, recorded_at: Any, summits: tuple[str, ...], store: str | None, output: str
) -> None:
    """Print the believed state of every summit at a date, and the claims that decided it."""
    from tracker.cli import render

    day = day or dt.date.today()
    tracker = open_tracker(store)
    states = tracker.state(day, recorded_at, list(summits) or None)
    unknown = set(summits) - {s.summit.id for s in states}
    if not states and not summits:
        when = f" as recorded at {recorded_at}" if recorded_at else ""
        click.echo(
            f"note: no summits in store {tracker.location}{when}; record some with `tracker replay SCENARIO`",
            err=True,
        )
    elif unknown:
        names = ", ".join(sorted(unknown))
        raise click.BadParameter(f"unknown summit(s): {names}", param_hint="--summit")
    render.print_state(output, day, recorded_at, states)


@click.command()
@click.argument("summit")
@store_option
@format_option
def timeline(summit: str, store: str | None, output: str) -> None:
    """Print how SUMMIT's status changed, day by day, and which claims decided each step."""
    from tracker.cli import render

    tracker = open_tracker(store)
    if tracker.summit(summit) is None:
        raise click.BadParameter(f"unknown summit {summit!r}", param_hint="SUMMIT")
    rows = tracker.timeline(summit)
    if output != "table":
        document = render.timeline_json(summit, rows)
        render.emit(output, "timeline", document, render.timeline_records(document))
    else:
        render.show_timeline(render.console(), summit, rows)


@click.command()
@click.option("--summit", help="Only claims about this summit.")
@click.option("--source", help="Only claims from this source.")
@click.option("--recorded-at", type=MOMENT, help="The claims as recorded at this time.")
@store_option
@format_option
def claims(summit: str | None, source: str | None, recorded_at: Any, store: str | None, output: str) -> None:
    """List the recorded claims with their source, speaker, dates and verbatim quote."""
    from tracker.cli import render

    tracker = open_tracker(store)
    if summit is not None and tracker.summit(summit) is None:
        raise click.BadParameter(f"unknown summit {summit!r}", param_hint="--summit")
    if source is not None and source not in {s.id for s in tracker.sources()}:
        raise click.BadParameter(f"unknown source {source!r}", param_hint="--source")
    records = tracker.claims(summit=summit, source=source, recorded_at=recorded_at)
    if output != "table":
        listed = [render.claim_json(r) for r in records]
        render.emit(output, "claims", listed, listed)
    else:
        render.show_claims(render.console(), records)
