"""Turning answers into JSON, JSON Lines and CSV (stable, documented in the README) or rich tables.

Each listing is a document (its JSON) and a list of records, one per row, whose keys are the
listing's columns (`COLUMNS`): JSON Lines writes one record a line, CSV one row per record,
lists joined by "; " and windows written as ISO intervals."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from tracker.checking import Mismatch
from tracker.domain.belief import Belief
from tracker.domain.dates import TimeWindow
from tracker.domain.models import Source
from tracker.scenario.load import Scenario
from tracker.service import Change, SummitState
from tracker.store.readmodel import ClaimRecord


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _window(window: TimeWindow | None) -> dict[str, Any] | None:
    return window.model_dump(mode="json") if window else None


def belief_json(belief: Belief) -> dict[str, Any]:
    return {
        "status": belief.status.value,
        "since": _day(belief.since),
        "venue": belief.venue,
        "window": _window(belief.window),
        "held_on": str(belief.held_on) if belief.held_on else None,
        "decided_by": list(belief.decided_by),
    }


def state_json(day: dt.date, recorded_at: object, states: Sequence[SummitState]) -> dict[str, Any]:
    return {
        "as_of": day.isoformat(),
        "recorded_at": str(recorded_at) if recorded_at else None,
        "summits": [
            {
                "id": s.summit.id,
                "title": s.summit.title,
                "participants": list(s.summit.participants),
                "occasion": s.summit.occasion,
                **belief_json(s.belief),
                "supporting": list(s.supporting),
                "contradicting": list(s.contradicting),
                "non_answers": list(s.non_answers),
            }
            for s in states
        ],
    }


def claim_json(record: ClaimRecord) -> dict[str, Any]:
    claim = record.claim
    return {
        "id": claim.id,
        "source": claim.source,
        "outlet": record.outlet,
        "kind": claim.kind.value,
        "modality": claim.modality.value,
        "condition": claim.condition,
        "summits": list(claim.summits),
        "attribution": claim.attribution.kind.value,
        "speaker": claim.attribution.speaker,
        "role": claim.attribution.role,
        "via": claim.attribution.via,
        "stated_on": str(claim.stated_on) if claim.stated_on else None,
        "published": str(record.published),
        "quote": claim.quote,
        "held_on": str(claim.held_on) if claim.held_on else None,
        "venue": claim.venue,
        "window": _window(claim.window),
        "retracted": record.retracted,
    }


def timeline_json(summit_id: str, rows: Sequence[Belief]) -> dict[str, Any]:
    return {"summit": summit_id, "history": [{"from": _day(r.valid_from), **belief_json(r)} for r in rows]}


def changes_json(start: dt.date, end: dt.date, changes: Sequence[Change]) -> dict[str, Any]:
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "days": [
            {
                "day": c.day.isoformat(),
                "sources": [
                    {"id": s.id, "outlet": s.outlet, "published": str(s.published)} for s in c.sources
                ],
                "changes": [
                    {
                        "summit": summit.id,
                        "from": old.status.value,
                        "to": new.status.value,
                        "decided_by": list(new.decided_by),
                    }
                    for summit, old, new in c.moves
                ],
            }
            for c in changes
        ],
    }


def mismatch_json(path: str, m: Mismatch) -> dict[str, Any]:
    return {
        "file": path,
        "line": m.line,
        "summit": m.expectation.summit,
        "at": m.expectation.at.isoformat(),
        "field": m.field,
        "expected": m.expected,
        "actual": m.actual,
        "decided_by": list(m.state.belief.decided_by) if m.state else [],
    }


def check_json(results: Sequence[tuple[Scenario, Sequence[Mismatch]]]) -> list[dict[str, Any]]:
    """`tracker check --format json`: per scenario, its expectations and every mismatch."""
    return [
        {
            "scenario": str(scenario.path),
            "expectations": len(scenario.expectations),
            "mismatches": [mismatch_json(str(scenario.path), m) for m in mismatches],
        }
        for scenario, mismatches in results
    ]


def summit_json(state: SummitState, claims: int) -> dict[str, Any]:
    """One summit of `tracker summits`: its definition, its status on the day, how many claims."""
    summit = state.summit
    return {
        "id": summit.id,
        "title": summit.title,
        "participants": list(summit.participants),
        "occasion": summit.occasion,
        "venue": summit.venue,
        "window": _window(summit.window),
        "aliases": list(summit.aliases),
        "status": state.belief.status.value,
        "claims": claims,
    }


def source_json(source: Source, claims: int) -> dict[str, Any]:
    """One source of `tracker sources`: who published it, when, how that is known, its claims."""
    return {
        "id": source.id,
        "outlet": source.outlet,
        "kind": source.kind.value,
        "title": source.title,
        "published": str(source.published),
        "dated_by": source.dated_by,
        "file": source.file,
        "claims": claims,
    }


def emit_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


COLUMNS: dict[str, tuple[str, ...]] = {
    "state": (
        "id",
        "title",
        "participants",
        "occasion",
        "status",
        "since",
        "venue",
        "window",
        "held_on",
        "decided_by",
        "supporting",
        "contradicting",
        "non_answers",
    ),
    "claims": (
        "id",
        "source",
        "outlet",
        "kind",
        "modality",
        "condition",
        "summits",
        "attribution",
        "speaker",
        "role",
        "via",
        "stated_on",
        "published",
        "quote",
        "held_on",
        "venue",
        "window",
        "retracted",
    ),
    "timeline": ("summit", "from", "status", "since", "venue", "window", "held_on", "decided_by"),
    "changes": ("day", "sources", "summit", "from", "to", "decided_by"),
    "summits": ("id", "title", "participants", "occasion", "venue", "window", "aliases", "status", "claims"),
    "sources": ("id", "outlet", "kind", "title", "published", "dated_by", "file", "claims"),
    "check": ("file", "line", "summit", "at", "field", "expected", "actual", "decided_by"),
}
"""The records of each listing, in column order (the README's "JSON output" names them)."""


def state_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    return list(document["summits"])


def timeline_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"summit": document["summit"], **row} for row in document["history"]]


def changes_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """One record per status change, and one per day whose sources changed no status."""
    records = []
    for day in document["days"]:
        sources = [source["id"] for source in day["sources"]]
        moves = day["changes"] or [{"summit": None, "from": None, "to": None, "decided_by": []}]
        records += [{"day": day["day"], "sources": sources, **move} for move in moves]
    return records


def check_records(document: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [mismatch for scenario in document for mismatch in scenario["mismatches"]]


LIST_SEPARATOR = "; "
"""Between the items of a list in a CSV cell (names hold spaces, ids and names no semicolons)."""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, dict):  # a window
        return str(TimeWindow.model_validate(value))
    return str(value)


def console() -> Console:
    # Off a terminal (a pipe, a file, CI) rich would assume 80 columns: allow wide rows.
    return Console(width=None if sys.stdout.isatty() else 200)


def print_state(output: str, day: dt.date, recorded_at: object, states: Sequence[SummitState]) -> None:
    """The state of summits at a day, as `tracker state` and `tracker replay` print it."""
    if output == "table":
        show_state(console(), day, recorded_at, states)
    else:
        document = state_json(day, recorded_at, states)
        emit(output, "state", document, state_records(document))


def print_changes(output: str, start: dt.date, end: dt.date, changes: Sequence[Change]) -> None:
    """The changes day by day, as `tracker changes` and `tracker replay --from --to` print them."""
    if output == "table":
        show_changes(console(), changes)
    else:
        document = changes_json(start, end, changes)
        emit(output, "changes", document, changes_records(document))


def emit(output: str, listing: str, document: Any, records: list[dict[str, Any]]) -> None:
    """Write a listing as JSON (the document), JSON Lines or CSV (its records)."""
    if output == "json":
        emit_json(document)
    elif output == "jsonl":
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    else:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=COLUMNS[listing], extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows({key: _cell(record.get(key)) for key in COLUMNS[listing]} for record in records)


def _table(title: str, *columns: str) -> Table:
    """A table whose first columns (ids, dates, statuses) never wrap; the last ones fold."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for index, column in enumerate(columns):
        table.add_column(column, overflow="fold", no_wrap=index < len(columns) - 2)
    return table


def show_state(console: Console, day: dt.date, recorded_at: object, states: Sequence[SummitState]) -> None:
    title = f"State at {day}" + (f", as recorded at {recorded_at}" if recorded_at else "")
    table = _table(title, "summit", "status", "since", "venue", "window", "decided by")
    for s in states:
        b = s.belief
        table.add_row(
            s.summit.id,
            b.status.value,
            _day(b.since) or "",
            b.venue or "",
            str(b.window) if b.window else "",
            ", ".join(b.decided_by),
        )
    console.print(table)


def show_records(
    console: Console, title: str, records: Sequence[dict[str, Any]], columns: Sequence[str]
) -> None:
    """A table of some of a listing's columns, cells as in CSV."""
    table = _table(title, *columns)
    for record in records:
        table.add_row(*(_cell(record.get(column)) for column in columns))
    console.print(table)


def show_claims(console: Console, records: Sequence[ClaimRecord]) -> None:
    table = _table("Claims", "id", "published", "kind", "modality", "who", "summits", "quote")
    for r in records:
        c = r.claim
        table.add_row(
            c.id + (" (retracted)" if r.retracted else ""),
            str(r.published),
            c.kind.value,
            c.modality.value,
            c.attribution.describe(r.outlet),
            ", ".join(c.summits),
            c.quote,
        )
    console.print(table)


def show_timeline(console: Console, summit_id: str, rows: Sequence[Belief]) -> None:
    table = _table(f"Timeline of {summit_id}", "from", "status", "venue", "window", "held on", "decided by")
    for r in rows:
        table.add_row(
            _day(r.valid_from) or "(start)",
            r.status.value,
            r.venue or "",
            str(r.window) if r.window else "",
            str(r.held_on) if r.held_on else "",
            ", ".join(r.decided_by),
        )
    console.print(table)


def show_changes(console: Console, changes: Sequence[Change]) -> None:
    table = _table("Changes by publication day", "day", "sources", "summit", "from", "to", "decided by")
    for change in changes:
        sources = ", ".join(s.id for s in change.sources) or "(time passes)"
        if not change.moves:
            table.add_row(change.day.isoformat(), sources, "(no status change)", "", "", "")
        for summit, old, new in change.moves:
            table.add_row(
                change.day.isoformat(),
                sources,
                summit.id,
                old.status.value,
                new.status.value,
                ", ".join(new.decided_by),
            )
    console.print(table)
