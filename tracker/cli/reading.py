"""Reading commands: the state at a date, a summit's timeline, the claims, summits and sources,
and the changes day by day."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import click

from tracker.cli.options import DAY, LATEST, MOMENT, claims_option, format_option, open_tracker, store_option

EXPLAINED = 20
"""How many claims besides those that decide or contest a state `explain` explains by default."""


@click.command()
@click.option(
    "--at",
    "day",
    type=MOMENT,
    help="The date (its end; default: today), or a time with its UTC offset, e.g. 2025-10-10T14:05-04:00.",
)
@click.option("--recorded-at", type=MOMENT, help="Answer from the events recorded up to this time.")
@click.option("--summit", "summits", multiple=True, help="Only this summit (repeatable).")
@claims_option
@store_option
@format_option
def state(
    day: dt.date | None,
    recorded_at: Any,
    summits: tuple[str, ...],
    latest: int | None,
    store: str | None,
    output: str,
) -> None:
    """Print the believed state of every summit at a date, the claims that decided it, and
    how many other visible claims support it, contradict it or answer nothing (--claims: the
    latest of them)."""
    from tracker.cli import render

    day = day or dt.date.today()
    tracker = open_tracker(store)
    states = tracker.state(day, recorded_at, list(summits) or None, latest=0 if output == "table" else latest)
    unknown = set(summits) - {s.summit.id for s in states}
    if not states and not summits:
        when = f" as recorded at {recorded_at}" if recorded_at else ""
        click.echo(
            f"note: no summits in store {tracker.location}{when}; record some with `tracker replay SCENARIO`",
            err=True,
        )
    elif unknown:
        names = ", ".join(sorted(unknown))
        raise click.BadParameter(
            f"unknown summit{'s' if len(unknown) > 1 else ''}: {names}", param_hint="--summit"
        )
    render.print_state(output, day, recorded_at, states, listed=latest != 0)


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
@click.option("--search", metavar="TEXT", help="Only claims whose quote or speaker holds TEXT (any case).")
@click.option("--recorded-at", type=MOMENT, help="The claims as recorded at this time.")
@click.option(
    "--last",
    type=click.IntRange(min=1),
    metavar="N",
    help="Only the N latest of those claims (by the day each became visible, then id), in the same order.",
)
@store_option
@format_option
def claims(
    summit: str | None,
    source: str | None,
    search: str | None,
    recorded_at: Any,
    last: int | None,
    store: str | None,
    output: str,
) -> None:
    """List the recorded claims with their source, speaker, dates and verbatim quote."""
    from tracker.cli import render

    tracker = open_tracker(store)
    if summit is not None and tracker.summit(summit) is None:
        raise click.BadParameter(f"unknown summit {summit!r}", param_hint="--summit")
    if source is not None and tracker.source(source) is None:
        raise click.BadParameter(f"unknown source {source!r}", param_hint="--source")
    if last is None:
        stored = tracker.each_stored_claim(summit, source, recorded_at)  # as stored: no model is built
    else:
        stored = tracker.latest_stored_claims(summit, source, recorded_at)  # read as far as needed
    records = map(render.stored_claim_json, stored)
    found: Iterator[dict[str, Any]] = (r for r in records if _found(search, r["quote"], r["speaker"]))
    try:  # written as read: a summit's hundred thousand claims are never all held (but in a table)
        if last is not None:  # read latest first: the N of them, put back in order
            found = reversed(list(itertools.islice(found, last)))
        if output == "table":
            render.show_claims(render.console(), found)
        else:
            render.emit_each(output, "claims", found)
    finally:  # the reader may have gone away (`| head`): end the read while the store is open
        stored.close()


def _found(search: str | None, quote: str, speaker: str | None) -> bool:
    """Whether a claim's quote or speaker holds `search` (any case), or nothing is searched."""
    return (
        search is None
        or search.casefold() in quote.casefold()
        or search.casefold() in (speaker or "").casefold()
    )


@click.command()
@click.option("--at", "day", type=DAY, help="The day whose status --status filters on (default: today).")
@click.option(
    "--status", "statuses", multiple=True, help="Only summits in this status on that day (repeatable)."
)
@click.option("--participant", help="Only summits this person takes part in (any part of the name).")
@store_option
@format_option
def summits(
    day: dt.date | None, statuses: tuple[str, ...], participant: str | None, store: str | None, output: str
) -> None:
    """List the recorded summits: title, participants, window, status on a day, claim count."""
    from tracker.cli import render
    from tracker.domain.vocabulary import Status

    known = {status.value for status in Status}
    for status in statuses:
        if status not in known:
            raise click.BadParameter(
                f"{status!r} is not one of {', '.join(sorted(known))}", param_hint="--status"
            )
    tracker = open_tracker(store)
    day = day or dt.date.today()
    counts = tracker.claims_by_summit()
    listed = [
        render.summit_json(summit, belief, counts[summit.id])
        for summit, belief in tracker.beliefs(day)
        if (not statuses or belief.status.value in statuses)
        and (participant is None or any(participant.casefold() in p.casefold() for p in summit.participants))
    ]
    if output == "table":
        render.show_records(render.console(), f"Summits (status on {day})", "summits", listed)
    else:
        render.emit(output, "summits", listed, listed)


@click.command()
@click.option("--outlet", help="Only sources of this outlet (any part of its name).")
@store_option
@format_option
def sources(outlet: str | None, store: str | None, output: str) -> None:
    """List the recorded sources in publication order: outlet, publication, how dated, claims."""
    from tracker.cli import render

    tracker = open_tracker(store)
    counts = tracker.claims_by_source()
    read = tracker.each_stored_source()  # as stored: no model is built
    listed = (
        render.stored_source_json(source, counts[source["id"]])
        for source in read
        if outlet is None or outlet.casefold() in source["outlet"].casefold()
    )
    try:  # written as read: a store's hundreds of thousands of sources are never all held
        if output == "table":  # but a table's rows are, the cells it shows only
            render.show_records(render.console(), "Sources", "sources", listed)
        else:
            render.emit_each(output, "sources", listed)
    finally:  # the reader may have gone away (`| head`): end the read while the store is open
        read.close()


@click.command()
@click.option("--from", "start", type=DAY, required=True, help="From this publication day...")
@click.option("--to", "end", type=DAY, required=True, help="...to this one, both included.")
@click.option("--summit", "summit_ids", multiple=True, help="Only changes of this summit (repeatable).")
@store_option
@format_option
def changes(
    start: dt.date, end: dt.date, summit_ids: tuple[str, ...], store: str | None, output: str
) -> None:
    """Walk the publication days from --from to --to: the sources made public on each, and the
    status changes they caused (and those time alone caused), from the store."""
    from tracker.cli import render

    if end < start:
        raise click.UsageError("--to is before --from")
    tracker = open_tracker(store)
    for summit in summit_ids:
        if tracker.summit(summit) is None:
            raise click.BadParameter(f"unknown summit {summit!r}", param_hint="--summit")
    render.print_changes(output, start, end, tracker.each_change(start, end, list(summit_ids) or None))


@click.command()
@click.argument("summit")
@click.option(
    "--at",
    "day",
    type=MOMENT,
    help="The date (its end; default: today), or a time with its UTC offset, e.g. 2025-10-10T14:05-04:00.",
)
@click.option("--recorded-at", type=MOMENT, help="As the store knew it at this time.")
@click.option(
    "--claims",
    "limit",
    type=LATEST,
    default=str(EXPLAINED),
    show_default=True,
    help="Besides the claims that decide or contest the state, explain the N strongest other "
    "visible claims, or all of them.",
)
@store_option
@format_option
def explain(
    summit: str, day: dt.date | None, recorded_at: Any, limit: int | None, store: str | None, output: str
) -> None:
    """Say why SUMMIT stands where it does on a date: the status, since when, and a sentence
    per visible claim naming its speaker, standing, words and the rule that places it: the
    claims that decide or contest it, then the strongest others (--claims)."""
    from tracker.cli import render

    tracker = open_tracker(store)
    if tracker.summit(summit) is None:
        raise click.BadParameter(f"unknown summit {summit!r}", param_hint="SUMMIT")
    explanation = tracker.explain(summit, day or dt.date.today(), recorded_at, limit)
    if explanation is None:
        raise click.BadParameter(
            f"summit {summit!r} was not yet recorded at {recorded_at}", param_hint="SUMMIT"
        )
    if output == "table":
        for line in explanation.lines():
            click.echo(line)
    else:  # written as made: the most popular summit has a hundred thousand reasons
        head = render.explanation_head(explanation)
        render.emit_ending_in(output, "explain", head, "reasons", render.reason_records(explanation))
