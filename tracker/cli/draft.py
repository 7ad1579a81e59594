"""`tracker draft`: the capture assistant's command (tracker/capture)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from tracker.cli.options import EXIT_INVALID, MOMENT, open_tracker, store_option


@click.command()
@click.argument("text_file", type=click.Path(dir_okay=False))
@click.option(
    "--published",
    type=MOMENT,
    help="When the text was published (default: the date printed in its header; without one, required).",
)
@click.option("--outlet", metavar="NAME", help="Who published it (default: as the text names itself).")
@click.option(
    "--scenario-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="The folder the fragment will be saved in: its `file:` is written relative to it "
    "(default: the text's own folder).",
)
@store_option
def draft(
    text_file: str, published: Any, outlet: str | None, scenario_dir: str | None, store: str | None
) -> None:
    """Draft the claims of the news text TEXT_FILE as a scenario fragment, for review.

    Prints to stdout a source with its candidate claims and the summits they concern (matched
    against those the store holds, or new stubs), each candidate with a comment saying why it
    was proposed and how sure the assistant is. Records nothing: save it next to the text,
    review it, then `tracker validate` and `tracker replay` it. Needs the `capture` extra.
    """
    from tracker.capture.pipeline import CaptureUnavailable, nlp

    try:
        nlp()
    except CaptureUnavailable as error:
        click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_INVALID) from None
    from tracker.capture import textinput
    from tracker.capture.assistant import draft as run
    from tracker.store.location import DEFAULT_STORE

    news = textinput.read(text_file)
    folder = Path(scenario_dir) if scenario_dir else Path(text_file).parent
    known = []
    location = store or os.environ.get("TRACKER_STORE")
    if location or DEFAULT_STORE.exists():
        tracker = open_tracker(store, progress=False)
        known = tracker.summits()
        where = f"{tracker.location}"
    else:
        where = "none (no --store, no $TRACKER_STORE, no .tracker/events.sqlite): every summit is a new stub"
    try:
        result = run(news, folder, published, outlet, known)
    except LookupError as error:
        raise textinput.refuse(text_file, str(error)) from None
    header = [
        f"Drafted by `tracker draft` from {text_file}: candidates for review, not a record.",
        "Check each quote, kind, modality, speaker, side (speaks_for), date and summit (its parties",
        "and host); delete what is wrong.",
        f"Summits matched against the store: {where}.",
        f"Save it as a file in {folder}/ (its `file:` is relative to that folder), then run",
        "`tracker validate FRAGMENT` and, once reviewed, `tracker replay FRAGMENT`.",
    ]
    click.echo(result.yaml(header), nl=False)
    click.echo(
        f"{text_file}: {len(result.claims)} candidate claim(s), "
        f"{sum(not s.recorded for s in result.summits)} new summit stub(s)",
        err=True,
    )
