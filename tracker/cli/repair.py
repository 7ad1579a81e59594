"""The way out of a store that an older tracker poisoned: `tracker withdraw`."""

from __future__ import annotations

import click

from tracker.cli.options import open_tracker, report_left_out, store_option


@click.command()
@click.option("--source", "source", metavar="ID", help="The source to withdraw.")
@click.option("--summit", "summit", metavar="ID", help="The summit to withdraw.")
@click.option("--reason", required=True, help="Why, for the record (kept in the withdrawal event).")
@store_option
def withdraw(source: str | None, summit: str | None, reason: str, store: str | None) -> None:
    """Withdraw a source or summit whose recorded events this tracker refuses to read.

    An older tracker may have recorded what this one refuses (a date out of range, a control
    character); every reading command then stops with exit status 4 and names the event.
    Withdrawing its source (with all its claims) or summit appends a withdrawal event: the
    old events stay in the store, and the read model leaves them out and lists them on
    rebuild. A source or summit this tracker can read is not withdrawn: correct it instead.
    """
    from tracker.domain.errors import Refused

    if (source is None) == (summit is None):
        raise click.UsageError("give one of --source ID or --summit ID")
    kind, ident = ("source", source) if source is not None else ("summit", summit)
    assert ident is not None
    tracker = open_tracker(store, progress=False, catch_up=False)
    try:
        done = tracker.withdraw(kind, ident, reason)
    except Refused as refusal:
        raise click.UsageError(str(refusal)) from None
    tracker.catch_up()
    report_left_out(tracker.left_out_now)
    click.echo(f"{kind} {ident} " + ("withdrawn" if done else "was withdrawn already"), err=True)
