"""`tracker report --html FILE`: a self-contained HTML page of the summits' statuses over time
(see `tracker/report`). It needs the optional `report` extra (altair, vl-convert-python)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

import click

from tracker.cli.options import DAY, EXIT_INVALID, count, open_tracker, store_option

MAX_CLAIMS = 170_000
"""The most claims a page draws unless told otherwise (`--max-claims`). Making a page takes
about 2.5 KB of memory a claim (at a million claims: 1.8 GB, a 930 MB page that no browser
opens; the 163k claims of the most popular summit of `bench/`'s million: 456-469 MB); at
this many, under 500 MB."""
BYTES_PER_CLAIM = 2500


def _memory(claims: int) -> str:
    """The memory a page of `claims` claims takes to make, roughly, in words."""
    megabytes = claims * BYTES_PER_CLAIM / 1e6
    return f"{megabytes / 1000:.1f} GB" if megabytes >= 1000 else f"{megabytes:.0f} MB"


class ReportError(click.ClickException):
    """A report that cannot be made for a reason of the user's: exit status 2."""

    exit_code = EXIT_INVALID

    def show(self, file: object = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


@click.command()
@click.option(
    "--html",
    "path",
    required=True,
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the page to FILE (replaced if it exists).",
)
@click.option(
    "--at",
    "day",
    type=DAY,
    help="Only what could be believed on this day: timelines up to it, claims published by it.",
)
@click.option("--summit", "summits", multiple=True, help="Only this summit (repeatable).")
@click.option(
    "--max-claims",
    type=click.IntRange(min=1),
    default=MAX_CLAIMS,
    show_default=True,
    help="Refuse a page that would draw more claims than this (exit 2, nothing written).",
)
@store_option
def report(
    path: Path, day: dt.date | None, summits: tuple[str, ...], max_claims: int, store: str | None
) -> None:
    """Write one HTML page, working offline, that draws each summit's status over time, every
    claim at its day (its standing and modality, its quote on hover), range-dated sources,
    lapses and corrections, with a date cursor showing every summit's status on a day."""
    from tracker.report import ReportUnavailable, require

    try:
        require()
    except ReportUnavailable as error:
        raise ReportError(str(error)) from None
    from tracker.report import chart, data, page

    tracker = open_tracker(store)
    unknown = sorted({s for s in summits if tracker.summit(s) is None})
    if unknown:
        raise click.BadParameter(
            f"unknown summit{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}", param_hint="--summit"
        )
    drawn = tracker.count_claims(sorted(set(summits)) or None, day)
    if drawn > max_claims:
        raise ReportError(
            f"the page would draw {drawn:,} claims, more than --max-claims {max_claims:,}: a browser "
            f"cannot draw so many, and making the page would take about {_memory(drawn)} of memory; "
            "choose summits with --summit or a day with --at, or raise --max-claims"
        )
    collected = data.collect(tracker, day, summits)
    if not collected.summits:
        click.echo(
            f"note: no summits in store {tracker.location}; record some with `tracker replay SCENARIO`",
            err=True,
        )
    write(path, page.parts(collected, chart.spec(collected), str(tracker.location)))
    scope = f" as of {day}" if day else ""
    click.echo(
        f"wrote {path}: {count(len(collected.summits), 'summit')}, "
        f"{count(len(collected.claims), 'claim')}{scope}",
        err=True,
    )


def write(path: Path, parts: Iterable[str]) -> None:
    """Write the page, as its parts are made, whole or not at all: to a file beside it, then
    renamed over it."""
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ReportError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.writelines(parts)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:  # the page is made as it is written: leave nothing half-written
        Path(temporary).unlink(missing_ok=True)
        raise
