"""The commands that print claims and sources read them as stored, building no model: `tracker
explain` reads the facts from the view's columns and each claim's words from its stored event
(`BeliefView.explaining`, `explain.explained`); `tracker claims` and `tracker sources` write
each from its stored JSON (`each_stored_claim`, `each_stored_source`, and render's
`stored_claim_json` and `stored_source_json`; the claims' table too, `show_claims`). They say
exactly what they said from the validated models: the domain's `explain`, and the records and
rows below made from the models. For
every summit of every spec and scenario (on every day one of its claims became visible), on
both backends; for a generated corpus with corrections and retractions, as now recorded and as
recorded earlier; and for a store whose claims need upcasting."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.stores import NewStore
from tracker.cli.render import LISTINGS, show_claims, stored_claim_json, stored_source_json
from tracker.cli.tables import show
from tracker.domain.commands import publication_order
from tracker.domain.explain import Explanation, explain, explained
from tracker.domain.models import Source
from tracker.generate.corpus import generate
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.readmodel import ClaimRecord

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.glob("specs/*.yaml"), *ROOT.glob("scenarios/*.yaml")])
FIXTURE = ROOT / "tests" / "fixtures" / "store-v2.sqlite"


def claim_json(record: ClaimRecord) -> dict[str, Any]:
    """A claim of `tracker claims` as it was written from the validated model."""
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
        "window": claim.window.model_dump(mode="json") if claim.window else None,
        "period": claim.period.model_dump(mode="json") if claim.period else None,
        "retracted": record.retracted,
    }


def claim_row(record: ClaimRecord) -> dict[str, str]:
    """A claim in `tracker claims`' table as it was drawn from the validated model."""
    claim = record.claim
    return {
        "id": claim.id + ("\n(retracted)" if record.retracted else ""),
        "published": str(record.published),
        "kind": claim.kind.value,
        "modality": claim.modality.value,
        "who": claim.attribution.describe(record.outlet),
        "summits": "\n".join(claim.summits),
        "quote": claim.quote,
    }


def drawn(draw: Any) -> str:
    """What a table drawing writes, in 100 columns, in colour."""
    out = io.StringIO()
    draw(Console(file=out, width=100, force_terminal=True, color_system="truecolor"))
    return out.getvalue()


def source_json(source: Source, claims: int) -> dict[str, Any]:
    """A source of `tracker sources` as it was written from the validated model."""
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


def by_models(tracker: Tracker, summit_id: str, day: dt.date, position: int | None) -> Explanation:
    """The explanation from the claims read as validated models (what `explain` did before)."""
    summit = tracker.view.summits(position, [summit_id])[0]
    records = [r for r in tracker.view.claims(summit=summit_id, position=position) if not r.retracted]
    outlets = {r.claim.source: r.outlet for r in records}
    return explain(summit, [r.published_claim for r in records], day, outlets)


def by_columns(tracker: Tracker, summit_id: str, day: dt.date, position: int | None) -> Explanation:
    summit = tracker.view.summits(position, [summit_id])[0]
    return explained(summit, *tracker.view.explaining(summit_id, position, visible_by=day), day)


def assert_the_strongest_explained_alike(
    tracker: Tracker, summit_id: str, day: dt.date, position: int | None, every: Explanation
) -> None:
    """An explanation of the strongest few claims (their words read one at a time) is the
    start of the explanation of all (read in bulk), and counts the rest."""
    summit = tracker.view.summits(position, [summit_id])[0]
    facts, words = tracker.view.explaining(summit_id, position, visible_by=day, every_word=False)
    for limit in (0, 2):
        some = explained(summit, facts, words, day, limit)
        shown = len(every.belief.decided_by) + len(every.belief.contested_by) + limit
        assert (some.belief, some.reasons) == (every.belief, every.reasons[:shown]), (summit_id, day, limit)
        assert some.more == max(0, len(every.reasons) - shown)
    assert len(words) < len(facts) or len(facts) <= shown  # only the words of those explained were read


def assert_same_claims(tracker: Tracker, position: int | None = None) -> None:
    """`claims`, of the whole store, of each summit and of each source, both ways."""
    view = tracker.view
    asked: list[dict[str, str]] = [{}]
    asked += [{"summit": summit.id} for summit in view.summits(position)]
    asked += [{"source": source.id} for source in view.sources()]
    for question in asked:
        expected = [claim_json(r) for r in view.each_claim(**question, position=position)]
        assert [
            stored_claim_json(r) for r in view.each_stored_claim(**question, position=position)
        ] == expected
    records = list(view.each_claim(position=position))
    stored = map(stored_claim_json, view.each_stored_claim(position=position))
    table = drawn(lambda console: show_claims(console, stored))
    assert table == drawn(
        lambda console: show(console, "Claims", LISTINGS["claims"], list(map(claim_row, records)))
    )


def assert_same_sources(tracker: Tracker) -> None:
    """`sources`, of the whole store and of a few days, both ways, in the same order."""
    view = tracker.view
    listed = list(view.each_source())
    assert listed == sorted(listed, key=publication_order)
    expected = [source_json(s, 0) for s in listed]
    assert [stored_source_json(s, 0) for s in view.each_stored_source()] == expected
    days = sorted({s.published.latest for s in view.each_source()})
    for between in ((days[0], days[0]), (days[len(days) // 3], days[-1])):
        expected = [source_json(s, 0) for s in view.each_source(between)]
        assert expected and [stored_source_json(s, 0) for s in view.each_stored_source(between)] == expected


def assert_same(tracker: Tracker, position: int | None = None, most: int = 10_000) -> int:
    """Compares both ways `claims`, and `explain` for each summit on each day a claim of it
    became visible (and the day before the first); returns how many reasons were compared."""
    assert_same_claims(tracker, position)
    if position is None:
        assert_same_sources(tracker)
    compared = 0
    for summit in tracker.view.summits(position)[:most]:
        records = tracker.view.claims(summit=summit.id, position=position)
        days = sorted({r.published_claim.visible_from for r in records})
        for day in [days[0] - dt.timedelta(days=1), *days] if days else []:
            expected = by_models(tracker, summit.id, day, position)
            assert by_columns(tracker, summit.id, day, position) == expected, (summit.id, day)
            assert_the_strongest_explained_alike(tracker, summit.id, day, position, expected)
            compared += len(expected.reasons)
    return compared


@pytest.mark.parametrize("scenario", FILES, ids=lambda path: path.name)
def test_each_spec_and_scenario_is_read_the_same_as_stored(scenario: Path, new_store: NewStore) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(scenario))
        assert assert_same(tracker) > 0


def test_a_generated_corpus_is_read_the_same_as_stored_now_and_as_recorded_earlier(tmp_path: Path) -> None:
    with Tracker(str(tmp_path / "store.sqlite")) as tracker:
        positions = []
        for chunk in generate(claims=1500, summits=15, seed=5, per_chunk=300):
            tracker.record(chunk)
            positions.append(tracker.event_count())
        listed = [claim_json(r) for r in tracker.view.each_claim()]
        assert any(r["retracted"] for r in listed)
        sources = list(tracker.view.each_source())  # a range ends on a day with other sources: ordered
        ranges_end = {s.published.latest for s in sources if not s.published.exact}
        assert any(s.published.latest in ranges_end and s.published.exact for s in sources)
        for field in (
            "window",
            "held_on",
            "stated_on",
            "role",
            "via",
            "condition",
        ):  # period: specs/r12_bounded_denial.yaml
            assert any(r[field] for r in listed), field  # every optional field is compared, somewhere
        for position in (None, positions[1], positions[3]):
            assert assert_same(tracker, position, most=4) > 100


def test_claims_that_need_upcasting_are_read_the_same_as_stored(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    shutil.copy(FIXTURE, store)
    with Tracker(str(store)) as tracker:
        assert assert_same(tracker) > 0
