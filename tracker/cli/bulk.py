"""Commands for large corpora and shared stores: ingest, rebuild, follow, generate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tracker.cli.options import EXIT_INVALID, count, open_tracker, report_left_out, root_option, store_option
from tracker.cli.progress import progress


def _scenario_files(paths: tuple[str, ...]) -> list[Path]:
    """The files named, and the YAML files of the folders named (sorted by name)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise click.UsageError(f"{path} holds no .yaml scenario files")
            files += found
        else:
            files.append(path)
    return files


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@store_option
@root_option
def ingest(paths: tuple[str, ...], store: str | None, root: str | None) -> None:
    """Record many scenario files (or folders of them) into the store, each in one transaction.

    Files are loaded a few at a time, so a corpus of any size fits in memory: while one is
    recorded, worker processes (one per core; TRACKER_INGEST_WORKERS=N for N) load the next
    ones (TRACKER_INGEST_WORKERS=0 loads each in this process instead). What is already
    recorded is skipped: an interrupted ingest is finished by running it again. The read
    model is brought up to date once, at the end. A progress bar shows on a terminal.
    """
    from tracker.cli.loading import Prefetch, workers
    from tracker.scenario.problems import InvalidInput

    try:
        loaders = workers()
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    files = _scenario_files(paths)
    totals = {"files": 0, "events": 0, "sources": 0, "claims": 0}
    with Prefetch(files, root, loaders) as loading:  # its workers start before the store is opened
        tracker = open_tracker(store, create=True)
        try:
            with progress("Recording", total=len(files)) as advance:
                for path, load in loading:
                    try:
                        recorded = tracker.record(load(), defer=True)  # copied in bulk at the end
                    except InvalidInput as error:
                        for problem in error.problems:
                            click.echo(f"error: {problem}", err=True)
                        click.echo(
                            f"{path}: not recorded; the {totals['files']} files before it were "
                            "(run again once it is fixed: they are skipped)",
                            err=True,
                        )
                        sys.exit(EXIT_INVALID)
                    totals["files"] += 1
                    totals["events"] += recorded.events
                    totals["sources"] += recorded.sources
                    totals["claims"] += recorded.claims
                    if advance:
                        advance(1)
        finally:
            loading.close()  # nothing more will be recorded: stop loading ahead
            with progress("Updating the read model") as advance:
                tracker.catch_up(advance)
    click.echo(
        f"{count(totals['files'], 'file')}: {count(totals['events'], 'new event')} "
        f"({count(totals['sources'], 'source')}, {count(totals['claims'], 'claim')})",
        err=True,
    )


@click.command()
@store_option
def rebuild(store: str | None) -> None:
    """Drop the read model and build it again from every recorded event."""
    tracker = open_tracker(store)
    total = tracker.event_count()
    with progress("Rebuilding the read model", total=total) as advance:
        events = tracker.rebuild(advance)
    report_left_out(tracker.left_out(), everything=True)
    click.echo(f"read model rebuilt from {count(events, 'event')}", err=True)


@click.command()
@store_option
def follow(store: str | None) -> None:
    """Keep a PostgreSQL store's read model up to date as events are committed, until Ctrl-C.

    Uses the event store's subscription (LISTEN/NOTIFY) and the library's projection runner.
    Commands catch up by themselves too; a follower makes their answers immediate.
    """
    from tracker.store.follow import follow as run
    from tracker.store.location import check, locate

    location = locate(store)  # prints without its password
    if check(location) != "postgres":  # a URL of another scheme is refused (status 4)
        raise click.UsageError(
            "follow is for PostgreSQL stores; an SQLite store is caught up by every command"
        )
    open_tracker(store, progress=True).close()  # create tables, catch up, and check the server
    click.echo(f"following {location}; Ctrl-C to stop", err=True)
    try:
        run(location)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@click.command()
@click.option("--claims", type=click.IntRange(min=1), required=True, help="How many claims in all.")
@click.option("--summits", type=click.IntRange(min=1), required=True, help="How many summits at most.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same corpus.")
@click.option(
    "--per-file",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="About how many claims per scenario file.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    help="The folder to write corpus-00001.yaml, ... into (new, or without corpus files).",
)
def generate(claims: int, summits: int, seed: int, per_file: int, out_dir: str) -> None:
    """Write a deterministic synthetic corpus: many summits, power-law popularity, every kind.

    Sources are published out of order, some are dated by a range, some claims are retracted
    or corrected. Each file is a self-contained scenario: `tracker ingest OUT` records them.
    """
    from tracker.generate import write_corpus

    with progress("Generating", total=claims) as advance:
        try:
            written = write_corpus(Path(out_dir), claims, summits, seed, per_file, advance)
        except ValueError as error:
            raise click.UsageError(str(error)) from None
    click.echo(f"{out_dir}: {len(written)} files, {claims} claims", err=True)
