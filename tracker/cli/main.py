"""The `tracker` command: record scenarios and ask what could be believed when.

Exit status: 0 success, 1 an expectation failed, 2 invalid input or usage, 3 internal error,
4 the store cannot be used (unreachable server, corrupted or foreign store, newer version).
Data goes to stdout; messages go to stderr. Heavy modules are imported inside commands so
that `tracker --help` stays fast. Every command is registered here, and only here.
"""

from __future__ import annotations

import click

from tracker.cli import bulk, draft, reading, repair, report, scenarios
from tracker.cli.group import TrackerGroup


@click.group(cls=TrackerGroup)
@click.version_option(package_name="tracker")
def cli() -> None:
    """Track claims about summits that may or may not happen, and what could be believed when."""


for command in (
    scenarios.replay,
    reading.state,
    reading.timeline,
    reading.claims,
    reading.summits,
    reading.sources,
    reading.changes,
    reading.explain,
    report.report,
    scenarios.validate,
    scenarios.check,
    scenarios.schema,
    scenarios.new,
    draft.draft,
    bulk.ingest,
    bulk.generate,
    bulk.rebuild,
    bulk.follow,
    repair.withdraw,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="tracker")
