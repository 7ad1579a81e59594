"""Property 7, nothing the loader accepts poisons a store: a scenario written with any text in its
free-text fields and any day in its date fields either is refused when loading, or records,
answers `state` on the days at the edges of the valid range, and rebuilds to the same answers,
on both backends (what SQLite accepts, PostgreSQL accepts too)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, example, given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import NOW, counterexample, fresh_stores_per_example, observe, scenario_document
from tests.stores import NewStore, PostgresDatabases
from tracker.domain.dates import EARLIEST_DAY, LATEST_DAY
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.service import Tracker
from tracker.testing import scenarios

DAY = dt.timedelta(days=1)
EDGE_DAYS = [
    dt.date.min,
    EARLIEST_DAY - DAY,
    EARLIEST_DAY,
    EARLIEST_DAY + DAY,
    LATEST_DAY - DAY,
    LATEST_DAY,
    LATEST_DAY + DAY,
    dt.date.max,
]
ASKED = [d for d in EDGE_DAYS if EARLIEST_DAY <= d <= LATEST_DAY] + [dt.date(2025, 8, 20)]
HOSTILE = [
    "\x00",
    "a\x00b",
    "\x01",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\x9f",
    "\ud800",
    "\udfff",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\ufffe",
    "\U0010ffff",
    "🙂",
    "\t",
    "a\nb",
    "a\r\nb",
    " ",
    "'",
    '"',
    "\\",
    "%",
    "--",
    "*",
    "&a",
    "!!python/object",
    "null",
    "2025-07-22",
    "ﬁ",
]
printable = st.text(st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=12)
texts = st.one_of(  # about half of them valid, so that as many scenarios reach the stores
    printable,
    printable,
    printable,
    st.sampled_from(HOSTILE),
    st.text(max_size=12),
    st.text(st.characters(min_codepoint=0, max_codepoint=0xA0), max_size=6),
    st.text(st.characters(categories=("Cc", "Cf", "Cs", "Zl", "Zp", "Co")), max_size=4),
)
days = st.one_of(
    st.sampled_from(EDGE_DAYS),
    st.dates(EARLIEST_DAY, LATEST_DAY),
    st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
)
TEXT_FIELDS = [
    ("sources", "outlet"),
    ("sources", "title"),
    ("sources", "note"),
    ("summits", "title"),
    ("summits", "venue"),
    ("summits", "occasion"),
    ("claims", "quote"),
    ("claims", "note"),
    ("claims", "venue"),
    ("claims", "condition"),
]
DATE_FIELDS = [
    ("sources", "published"),
    ("sources", "recorded_on"),
    ("claims", "stated_on"),
    ("summits", "window"),
    ("claims", "window"),
]


@st.composite
def documents(draw: st.DrawFn, texts: st.SearchStrategy[str] = texts) -> dict[str, Any]:
    """A valid scenario document with one text field and one date field set to edge values."""
    document = scenario_document(draw(scenarios(max_sources=2, max_claims=3, corrections=False)))
    section, field = draw(st.sampled_from([(s, f) for s, f in TEXT_FIELDS if document[s]]))
    entry = draw(st.sampled_from(document[section]))
    value = draw(texts)
    entry[field] = value
    if (section, field) == ("claims", "quote"):  # a quote must be in its source's text
        source = next(s for s in document["sources"] if s["id"] == entry["source"])
        source["text"] = f"{source['text']} {value}"
    section, field = draw(st.sampled_from([(s, f) for s, f in DATE_FIELDS if document[s]]))
    entry = draw(st.sampled_from(document[section]))
    first, last = sorted([draw(days), draw(days)])
    entry[field] = first.isoformat() if draw(st.booleans()) else f"{first.isoformat()}/{last.isoformat()}"
    if field == "published" and first != last:
        entry["dated_by"] = "a range, for the property"
    return document


def check_accepted_scenario_records(new_store: NewStore, folder: Path, document: dict[str, Any]) -> None:
    """Refused when loading, or recorded, answered on the edge days and rebuilt to the same."""
    path = folder / "scenario.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        scenario = load_scenario(path)
    except InvalidInput:
        event("refused when loading")
        return  # refused with located problems: nothing can reach a store
    event("accepted, recorded and rebuilt")
    try:
        with Tracker(new_store()) as tracker:
            tracker.record(scenario, NOW)
            answers = observe(tracker, ASKED)
            tracker.rebuild()
            rebuilt = observe(tracker, ASKED)
    except Exception as error:  # whatever breaks, the property does not hold
        raise AssertionError(f"an accepted scenario broke the store: {error}") from error
    assert rebuilt == answers


POISONED_BY_THE_SENTINEL = {
    "sources": [{"id": "s", "outlet": "Wire", "published": "0001-01-01", "text": "they will meet"}],
    "summits": [{"id": "m", "title": "T", "participants": ["A", "B"]}],
    "claims": [
        {
            "id": "c",
            "source": "s",
            "kind": "meeting_confirmed",
            "summits": ["m"],
            "attribution": {"kind": "outlet"},
            "quote": "they will meet",
        }
    ],
}
NUL_IN_AN_OUTLET = {
    "sources": [{"id": "s", "outlet": "Wire\x00", "published": "2025-01-01", "text": "they meet"}],
    "summits": [{"id": "m", "title": "T", "participants": ["A", "B"]}],
}


@fresh_stores_per_example()
@example(POISONED_BY_THE_SENTINEL)
@example(NUL_IN_AN_OUTLET)
@given(documents())
def test_a_scenario_the_loader_accepts_records_answers_and_rebuilds(
    new_store: NewStore, tmp_path: Path, document: dict[str, Any]
) -> None:
    check_accepted_scenario_records(new_store, tmp_path, document)


def test_the_property_catches_a_loader_accepting_any_day(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: NewStore, tmp_path: Path
) -> None:
    broken.accepts_any_day(monkeypatch)
    counterexample(documents(), partial(check_accepted_scenario_records, sqlite_store, tmp_path))


def test_the_property_catches_a_loader_accepting_control_characters_on_postgresql(
    monkeypatch: pytest.MonkeyPatch, postgres_databases: PostgresDatabases, tmp_path: Path
) -> None:
    broken.accepts_control_characters(monkeypatch)
    counterexample(
        documents(texts=st.sampled_from(["\x00", "a\x00b", "\x01\x00"])),
        partial(check_accepted_scenario_records, postgres_databases.fresh, tmp_path),
    )
