"""Turning answers into JSON, JSON Lines and CSV (stable, documented in the README) or rich tables.

Each listing is a document (its JSON) and a list of records, one per row, whose keys are the
listing's columns (`COLUMNS`): JSON Lines writes one record a line, CSV one row per record,
lists joined by "; " and windows written as ISO intervals."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tracker.cli.jsontext import pretty
from tracker.cli.tables import Field, Listing, show

if TYPE_CHECKING:  # only for annotations: the reading commands need none of these to start
    from rich.console import Console

    from tracker.checking import Mismatch
    from tracker.domain.belief import Belief
    from tracker.domain.dates import TimeWindow
    from tracker.domain.explain import Explanation
    from tracker.domain.models import Summit
    from tracker.domain.tallies import Counts
    from tracker.scenario.load import Scenario
    from tracker.service import Change, SummitState
    from tracker.store.readmodel import StoredClaim


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
        "contested_by": list(belief.contested_by),
        "uncertain": list(belief.uncertain),
    }


def state_head(day: dt.date, recorded_at: object) -> dict[str, Any]:
    """`tracker state --format json` but its summits, which follow under `summits`, its last
    key, a record each (`state_record`)."""
    return {"as_of": day.isoformat(), "recorded_at": str(recorded_at) if recorded_at else None}


def state_record(s: SummitState, listed: bool = True) -> dict[str, Any]:
    """One summit of `tracker state`: its belief, how many visible claims bear on it, and
    (`listed`) the latest of them as asked (`--claims`)."""
    record = {
        "id": s.summit.id,
        "title": s.summit.title,
        "participants": list(s.summit.participants),
        "occasion": s.summit.occasion,
        **belief_json(s.belief),
        "supporting_count": s.counts.supporting,
        "contradicting_count": s.counts.contradicting,
        "non_answers_count": s.counts.non_answers,
    }
    if listed:
        record |= {
            "supporting": list(s.supporting),
            "contradicting": list(s.contradicting),
            "non_answers": list(s.non_answers),
        }
    return record


def stored_claim_json(stored: StoredClaim) -> dict[str, Any]:
    """One claim of `tracker claims`, from the claim as stored (no model is built): its fields,
    those stored at their default filled in from the models' defaults. Its words that many
    claims share (kind, speaker, outlet, days...) are one string each (`_shared`), not one per
    claim: the report of a popular summit holds a hundred thousand of these."""
    claim, defaults = stored.claim, _stored_defaults()
    attribution = {**defaults["attribution"], **claim["attribution"]}
    claim = {**defaults["claim"], **claim}
    return {
        "id": claim["id"],
        "source": _shared(claim["source"]),
        "outlet": _shared(stored.outlet),
        "kind": _shared(claim["kind"]),
        "modality": _shared(claim["modality"]),
        "condition": _shared(claim["condition"]),
        "summits": [_shared(summit) for summit in claim["summits"]],
        "attribution": _shared(attribution["kind"]),
        "speaker": _shared(attribution["speaker"]),
        "role": _shared(attribution["role"]),
        "via": _shared(attribution["via"]),
        "stated_on": _shared(_stored_span(claim["stated_on"])),
        "published": _shared(_stored_span(stored.published)),
        "quote": claim["quote"],
        "held_on": _shared(_stored_span(claim["held_on"])),
        "venue": _shared(claim["venue"]),
        "window": _stored_window(claim["window"]),
        "period": _stored_window(claim["period"]),
        "retracted": stored.retracted,
    }


def _shared(text: str | None) -> str | None:
    """One string for equal texts (`sys.intern`, freed when no longer used)."""
    return None if text is None else sys.intern(text)


@functools.cache
def _stored_defaults() -> dict[str, dict[str, Any]]:
    """The JSON value of each field of a claim, of its attribution and of a source, that is
    stored only when it is not its default."""
    from pydantic_core import to_jsonable_python

    from tracker.domain.models import Attribution, Claim, Source

    return {
        name: {
            f: to_jsonable_python(field.default)
            for f, field in model.model_fields.items()
            if not field.is_required()
        }
        for name, model in (("claim", Claim), ("attribution", Attribution), ("source", Source))
    }


def _stored_span(value: Any) -> str | None:
    from tracker.domain.dates import span_text

    return None if value is None else span_text(value)


def _stored_window(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    return dict(_window_json(json.dumps(value, sort_keys=True)))


@functools.lru_cache(maxsize=4096)
def _window_json(text: str) -> dict[str, Any]:
    from tracker.domain.dates import TimeWindow

    return TimeWindow.model_validate_json(text).model_dump(mode="json")


def timeline_json(summit_id: str, rows: Sequence[Belief]) -> dict[str, Any]:
    return {"summit": summit_id, "history": [{"from": _day(r.valid_from), **belief_json(r)} for r in rows]}


def changes_head(start: dt.date, end: dt.date) -> dict[str, Any]:
    return {"from": start.isoformat(), "to": end.isoformat()}


def change_json(change: Change) -> dict[str, Any]:
    """One day of `tracker changes --format json`."""
    return {
        "day": change.day.isoformat(),
        "sources": [{"id": s.id, "outlet": s.outlet, "published": str(s.published)} for s in change.sources],
        "changes": [
            {
                "summit": summit.id,
                "from": old.status.value,
                "to": new.status.value,
                "decided_by": list(new.decided_by),
                "contested_by": list(new.contested_by),
            }
            for summit, old, new in change.moves
        ],
    }


def explanation_head(explanation: Explanation) -> dict[str, Any]:
    """`tracker explain --format json` but its reasons: the belief. The reasons follow, a
    record per visible claim (`reason_records`), under `reasons`, its last key."""
    return {
        "summit": explanation.summit,
        "at": explanation.day.isoformat(),
        **belief_json(explanation.belief),
        "headline": explanation.headline,
        "not_explained": explanation.more,
    }


def reason_records(explanation: Explanation) -> Iterator[dict[str, Any]]:
    for r in explanation.reasons:
        yield {"claim": r.claim, "role": r.role, "rule": r.rule, "sentence": r.sentence}


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


def summit_json(summit: Summit, belief: Belief, claims: int) -> dict[str, Any]:
    """One summit of `tracker summits`: its definition, its status on the day, how many claims."""
    return {
        "id": summit.id,
        "title": summit.title,
        "participants": list(summit.participants),
        "occasion": summit.occasion,
        "venue": summit.venue,
        "window": _window(summit.window),
        "aliases": list(summit.aliases),
        "status": belief.status.value,
        "claims": claims,
    }


def stored_source_json(source: dict[str, Any], claims: int) -> dict[str, Any]:
    """One source of `tracker sources`, from the source as stored (no model is built): who
    published it, when, how that is known, its claims."""
    source = {**_stored_defaults()["source"], **source}
    return {
        "id": source["id"],
        "outlet": source["outlet"],
        "kind": source["kind"],
        "title": source["title"],
        "published": _stored_span(source["published"]),
        "dated_by": source["dated_by"],
        "file": source["file"],
        "claims": claims,
    }


def emit_json(data: Any) -> None:
    print(pretty(data))


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
        "contested_by",
        "uncertain",
        "supporting_count",
        "contradicting_count",
        "non_answers_count",
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
        "period",
        "retracted",
    ),
    "timeline": (
        "summit",
        "from",
        "status",
        "since",
        "venue",
        "window",
        "held_on",
        "decided_by",
        "contested_by",
        "uncertain",
    ),
    "changes": ("day", "sources", "summit", "from", "to", "decided_by", "contested_by"),
    "summits": ("id", "title", "participants", "occasion", "venue", "window", "aliases", "status", "claims"),
    "sources": ("id", "outlet", "kind", "title", "published", "dated_by", "file", "claims"),
    "explain": ("claim", "role", "rule", "sentence"),
    "check": ("file", "line", "summit", "at", "field", "expected", "actual", "decided_by"),
}
"""The records of each listing, in column order (the README's "JSON output" names them)."""


def timeline_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"summit": document["summit"], **row} for row in document["history"]]


def changes_records(days: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """One record per status change, and one per day whose sources changed no status."""
    for day in days:
        sources = [source["id"] for source in day["sources"]]
        moves = day["changes"] or [
            {"summit": None, "from": None, "to": None, "decided_by": [], "contested_by": []}
        ]
        for move in moves:
            yield {"day": day["day"], "sources": sources, **move}


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
        from tracker.domain.dates import TimeWindow

        return str(TimeWindow.model_validate(value))
    return str(value)


def console() -> Console:
    """On a terminal, its width (or $COLUMNS); off one (a pipe, a file, CI), as wide as rows need,
    so that each row stays on one line and nothing is padded."""
    from rich.console import Console

    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return Console()
    return Console(width=UNBOUNDED)


UNBOUNDED = 100_000


def print_state(
    output: str, day: dt.date, recorded_at: object, states: Sequence[SummitState], *, listed: bool = True
) -> None:
    """The state of summits at a day, as `tracker state` and `tracker replay` print it, with
    the lists of claims bearing on each if `listed` (`--claims`)."""
    if output == "table":
        show_state(console(), day, recorded_at, states)
    else:  # written a summit at a time: at a million claims all lists name each visible one
        records = (state_record(s, listed) for s in states)
        emit_ending_in(output, "state", state_head(day, recorded_at), "summits", records)


def print_changes(output: str, start: dt.date, end: dt.date, changes: Iterable[Change]) -> None:
    """The changes day by day, as `tracker changes` and `tracker replay --from --to` print them,
    written a day at a time as they come."""
    if output == "table":
        show_changes(console(), changes)
        return
    days = map(change_json, changes)
    if output == "json":
        emit_ending_in(output, "changes", changes_head(start, end), "days", days)
    else:
        emit(output, "changes", None, changes_records(days))


def emit(output: str, listing: str, document: Any, records: Iterable[dict[str, Any]]) -> None:
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


def emit_each(output: str, listing: str, records: Iterable[dict[str, Any]]) -> None:
    """`emit` of a listing whose document is the list of its records, written one record at
    a time as they come: the same text as `emit`, without holding them all."""
    if output != "json":
        emit(output, listing, None, records)
        return
    _write_list(records, "")
    print()


def emit_ending_in(
    output: str, listing: str, head: dict[str, Any], key: str, records: Iterable[dict[str, Any]]
) -> None:
    """`emit` of a document, `head` then `key` listing its records last, written one record at
    a time as they come: the same text as `emit` of `{**head, key: list(records)}`."""
    if output != "json":
        emit(output, listing, None, records)
        return
    opening = pretty(head)[:-1].rstrip()  # without its "}"
    sys.stdout.write(f"{opening}{',' if head else ''}\n  {json.dumps(key)}: ")
    _write_list(records, "  ")
    print("\n}")


def _write_list(records: Iterable[dict[str, Any]], indent: str) -> None:
    """A JSON list of `records` (`pretty`), nested at `indent`, written as they come."""
    opened = False
    for record in records:
        item = pretty(record, f"  {indent}")
        sys.stdout.write(f",\n  {indent}{item}" if opened else f"[\n  {indent}{item}")
        opened = True
    sys.stdout.write(f"\n{indent}]" if opened else "[]")


def _join(values: Sequence[str]) -> str:
    """A list in a table's cell or a card: an item a line."""
    return "\n".join(values)


LISTINGS: dict[str, Listing] = {
    "state": Listing(
        (
            Field("summit", "summit"),
            Field("status", "status", styled=True),
            Field("since", "since"),
            Field("venue", "venue", wraps=True),
            Field("window", "window"),
            Field("decided_by", "decided by", wraps=True),
            Field("claims", "other claims", wraps=True),
        ),
        (("summit",), ("status", "since"), ("venue", "window"), ("decided_by", "claims")),
    ),
    "claims": Listing(
        (
            Field("id", "id"),
            Field("published", "published"),
            Field("kind", "kind"),
            Field("modality", "modality"),
            Field("who", "who", wraps=True),
            Field("summits", "summits", wraps=True),
            Field("quote", "quote", wraps=True),
        ),
        (("id",), ("published", "kind", "modality"), ("who", "summits"), ("quote",)),
    ),
    "timeline": Listing(
        (
            Field("from", "from"),
            Field("status", "status", styled=True),
            Field("held_on", "held on"),
            Field("venue", "venue", wraps=True),
            Field("window", "window"),
            Field("decided_by", "decided by", wraps=True),
        ),
        (("from",), ("status", "held_on"), ("venue", "window"), ("decided_by",)),
    ),
    "changes": Listing(
        (
            Field("day", "day"),
            Field("sources", "sources", wraps=True),
            Field("summit", "summit"),
            Field("from", "from", styled=True),
            Field("to", "to", styled=True),
            Field("decided_by", "decided by", wraps=True),
        ),
        (("day",), ("sources",), ("summit", "decided_by"), ("from", "to")),
    ),
    "summits": Listing(
        (
            Field("id", "id"),
            Field("title", "title", wraps=True),
            Field("participants", "participants", wraps=True),
            Field("window", "window"),
            Field("status", "status", styled=True),
            Field("claims", "claims"),
        ),
        (("id",), ("title", "participants"), ("window", "status", "claims")),
    ),
    "sources": Listing(
        (
            Field("id", "id"),
            Field("outlet", "outlet", wraps=True),
            Field("published", "published"),
            Field("dated_by", "dated by", wraps=True),
            Field("claims", "claims"),
        ),
        (("id",), ("outlet", "published", "claims"), ("dated_by",)),
    ),
}
"""What each listing's table shows (a subset of its `COLUMNS`; JSON and CSV have them all)."""


def _shown(value: Any) -> str:
    """A record's value in a table: as in CSV, but a list's items a line each."""
    return _join([_cell(item) for item in value]) if isinstance(value, list) else _cell(value)


def _maybe(belief: Belief, name: str, value: object) -> str:
    """A venue or window in a table, marked when speculation alone disclosed it (R9)."""
    if value is None:
        return ""
    return f"{value} (uncertain)" if name in belief.uncertain else str(value)


def _status(belief: Belief) -> str:
    return belief.status.value + (" (contested)" if belief.contested_by else "")


def _decided(belief: Belief) -> str:
    """The claims that decided, and after them those contesting the status (R13)."""
    return _join([*belief.decided_by, *(f"contested by {i}" for i in belief.contested_by)])


def show_state(console: Console, day: dt.date, recorded_at: object, states: Sequence[SummitState]) -> None:
    title = f"State at {day}" + (f", as recorded at {recorded_at}" if recorded_at else "")
    rows = [
        {
            "summit": s.summit.id,
            "status": _status(s.belief),
            "since": _day(s.belief.since) or "",
            "venue": _maybe(s.belief, "venue", s.belief.venue),
            "window": _maybe(s.belief, "window", s.belief.window),
            "decided_by": _decided(s.belief),
            "claims": bearing_text(s.counts),
        }
        for s in states
    ]
    show(console, title, LISTINGS["state"], rows)


def bearing_text(counts: Counts) -> str:
    """The counts of the other visible claims, as a state's table shows them ("3 for, 1 no
    answer"): a count of zero is left out, and all of them if no claim is counted."""
    words = zip(counts, ("for", "against", "no answer"), strict=True)
    return ", ".join(f"{count:,} {word}" for count, word in words if count)


def show_records(console: Console, title: str, listing: str, records: Iterable[dict[str, Any]]) -> None:
    """A table of some of a listing's columns, cells as in CSV (the records are not kept)."""
    fields = LISTINGS[listing].fields
    show(console, title, LISTINGS[listing], ({f.key: _shown(r.get(f.key)) for f in fields} for r in records))


def show_claims(console: Console, records: Iterable[dict[str, Any]]) -> None:
    """The claims' table, from their records as `tracker claims` writes them
    (`stored_claim_json`): no model is built."""
    from tracker.domain.models import describe

    rows = (
        {
            "id": r["id"] + ("\n(retracted)" if r["retracted"] else ""),
            "published": r["published"],
            "kind": r["kind"],
            "modality": r["modality"],
            "who": describe(r["attribution"], r["speaker"], r["role"], r["via"], r["outlet"]),
            "summits": _join(r["summits"]),
            "quote": r["quote"],
        }
        for r in records
    )
    show(console, "Claims", LISTINGS["claims"], rows)


def show_timeline(console: Console, summit_id: str, rows: Sequence[Belief]) -> None:
    records = [
        {
            "from": _day(r.valid_from) or "(start)",
            "status": _status(r),
            "held_on": str(r.held_on) if r.held_on else "",
            "venue": _maybe(r, "venue", r.venue),
            "window": _maybe(r, "window", r.window),
            "decided_by": _decided(r),
        }
        for r in rows
    ]
    show(console, f"Timeline of {summit_id}", LISTINGS["timeline"], records)


def show_changes(console: Console, changes: Iterable[Change]) -> None:
    show(console, "Changes by publication day", LISTINGS["changes"], _change_rows(changes))


def _change_rows(changes: Iterable[Change]) -> Iterator[dict[str, str]]:
    for change in changes:
        sources = _join([s.id for s in change.sources]) or "(time passes)"
        if not change.moves:
            no_change = {"summit": "(no status change)", "from": "", "to": "", "decided_by": ""}
            yield {"day": change.day.isoformat(), "sources": sources, **no_change}
        for summit, old, new in change.moves:
            yield {
                "day": change.day.isoformat(),
                "sources": sources,
                "summit": summit.id,
                "from": old.status.value,
                "to": _status(new),
                "decided_by": _decided(new),
            }
