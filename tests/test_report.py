"""`tracker report --html FILE`, without a browser: the page loads nothing from the network, it
embeds exactly what `tracker timeline` and `tracker claims` print, its chart draws those records,
and `--at`, `--summit`, unknown summits, a missing store and a missing extra behave like the other
commands. (tests/test_report_browser.py checks what a browser draws.) SQLite stores, but for the
corrections, read from their events in each backend's SQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reports import (
    CORRECTIONS,
    ROOT,
    SEED,
    Page,
    cli_json,
    counts_from,
    cut,
    record,
    report,
    summit_ids,
    timelines,
    tracker,
)
from tests.stores import NewStore
from tracker.report.data import collect
from tracker.report.page import script_json
from tracker.scenario.load import load_scenario
from tracker.service import Tracker

AT = "2025-08-20"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed corpus, recorded once for this module's tests (which only read it)."""
    return record(tmp_path_factory.mktemp("seeded") / "events.sqlite", SEED)


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two specs with a retraction and a correction."""
    return record(tmp_path_factory.mktemp("corrected") / "events.sqlite", *CORRECTIONS)


def datasets(page: Page) -> dict[str, list[dict[str, Any]]]:
    spec = page.json("tracker-spec")
    return {name.removesuffix("_data"): rows for name, rows in spec["datasets"].items()}


def test_the_page_loads_nothing_and_its_scripts_are_inline(seeded: str, tmp_path: Path) -> None:
    _, page = report(seeded, tmp_path / "report.html")
    for tag, attributes in page.tags:
        assert tag not in {"link", "iframe", "img", "object", "embed"}, tag
        assert "src" not in attributes, (tag, attributes)
        for name, value in attributes.items():
            assert not re.match(r"\s*(https?:)?//", value or "", re.IGNORECASE), (tag, name, value)
    scripts = [attributes for tag, attributes in page.tags if tag == "script"]
    assert len(scripts) == 5  # data, spec and embed options as JSON; the libraries; the start
    policy = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert policy is not None and "default-src 'none'" in policy and "connect-src" not in policy
    bundle = max(page.inline_scripts, key=len)
    assert "vegaEmbed" in bundle and len(bundle) > 500_000  # Vega, Vega-Lite and vega-embed inlined
    assert page.json("tracker-embed-options")["renderer"] == "svg"


def test_the_page_embeds_what_timeline_and_claims_print(seeded: str, tmp_path: Path) -> None:
    result, page = report(seeded, tmp_path / "report.html")
    document = page.json("tracker-data")
    summits = summit_ids(seeded)
    assert [s["id"] for s in document["summits"]] == summits and len(summits) == 11
    assert document["timelines"] == timelines(seeded, summits)
    claims = cli_json(seeded, "claims")
    assert document["claims"] == claims and len(claims) == 34
    assert document["at"] is None
    # The seed's only corrections are those that gave its claims their sides (R2).
    scenario = load_scenario(SEED)
    assert sorted((c["id"], c["claim"], c["action"], c["reason"]) for c in document["corrections"]) == sorted(
        (c.id, c.claim_id, "correct", c.reason) for c in scenario.corrections
    )
    assert len(document["corrections"]) == 12
    assert f"wrote {tmp_path / 'report.html'}: 11 summits, 34 claims" in result.stderr


def test_the_chart_draws_the_steps_claims_spans_and_lapses_the_commands_give(
    seeded: str, tmp_path: Path
) -> None:
    _, page = report(seeded, tmp_path / "report.html")
    data = datasets(page)
    steps = [
        (t["summit"], step["from"], step["status"], step["decided_by"])
        for t in timelines(seeded, summit_ids(seeded))
        for step in t["history"]
    ]
    assert [(b["summit"], b["from"], b["status"], b["decided_by"]) for b in data["bands"]] == steps
    for band, following in zip(data["bands"], data["bands"][1:], strict=False):
        if band["summit"] == following["summit"]:
            assert band["end"] == following["start"]  # the bands of a summit tile its row
    claims = cli_json(seeded, "claims")
    expected = sorted((summit, c["id"]) for c in claims for summit in c["summits"])
    assert sorted((m["summit"], m["claim"]) for m in data["markers"]) == expected
    by_id = {c["id"]: c for c in claims}
    for marker in data["markers"]:
        claim = by_id[marker["claim"]]
        for field in ("quote", "source", "outlet", "published", "attribution", "modality", "kind"):
            assert marker[field] == claim[field]
        assert marker["day"] == counts_from(claim["stated_on"] or claim["published"])
    ranged = {
        (s, "published", c["source"], c["published"])
        for c in claims
        if "/" in c["published"]
        for s in c["summits"]
    }
    ranged |= {
        (s, "stated", c["id"], c["stated_on"])
        for c in claims
        if "/" in (c["stated_on"] or "")
        for s in c["summits"]
    }
    spans = data["spans"]
    assert {(s["summit"], s["dated"], s["claim"] or s["source"], s["range"]) for s in spans} == ranged
    assert {s["dated"] for s in spans} == {"published", "stated"}
    us = next(s for s in spans if s["source"] == "us-outlet-2025-08-27")
    assert (us["start"], us["end"]) == ("2025-08-27", "2025-08-31")  # the whole range, last day included
    lapsed = [(summit, step) for summit, step, status, _ in steps if status == "lapsed"]
    assert [(lapse["summit"], lapse["day"]) for lapse in data["lapses"]] == lapsed and len(lapsed) == 4
    # The seed's corrections (its claims' sides, R2) are drawn as fixes.
    assert "fixes" in {layer["name"] for layer in page.json("tracker-spec")["layer"]}


@pytest.mark.parametrize(
    ("day", "lapsed"),
    [
        (AT, 0),
        ("2025-08-28", 0),  # inside the range 2025-08-27/2025-08-30: that source does not count yet
        ("2025-09-30", 3),  # the three Beijing meetings lapsed on 4 September
    ],
)
def test_at_shows_what_could_be_believed_that_day(seeded: str, tmp_path: Path, day: str, lapsed: int) -> None:
    result, page = report(seeded, tmp_path / "report.html", "--at", day)
    document = page.json("tracker-data")
    claims = cli_json(seeded, "claims")
    visible = [c for c in claims if counts_from(c["published"]) <= day]
    assert document["claims"] == visible and 0 < len(visible) < len(claims)
    assert all(m["claim"] in {c["id"] for c in visible} for m in datasets(page)["markers"])
    summits = summit_ids(seeded)
    assert document["timelines"] == [cut(t, day) for t in timelines(seeded, summits)]
    state = cli_json(seeded, "state", "--at", day)
    last_steps = {t["summit"]: t["history"][-1]["status"] for t in document["timelines"]}
    assert last_steps == {s["id"]: s["status"] for s in state["summits"]}
    following = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    assert document["last"] == day and {b["end"] for b in datasets(page)["bands"]} <= {
        b["start"] for b in datasets(page)["bands"]
    } | {following}
    assert len(datasets(page)["lapses"]) == lapsed
    assert f"{len(visible)} claims as of {day}" in result.stderr


def test_summit_keeps_those_summits_and_their_claims(seeded: str, tmp_path: Path) -> None:
    wanted = ["putin-trump-first-2025", "trump-xi-2025"]
    _, page = report(seeded, tmp_path / "report.html", "--summit", wanted[1], "--summit", wanted[0])
    document = page.json("tracker-data")
    assert [s["id"] for s in document["summits"]] == wanted  # in the store's order
    assert document["timelines"] == timelines(seeded, wanted)
    ids = {c["id"] for summit in wanted for c in cli_json(seeded, "claims", "--summit", summit)}
    assert [c["id"] for c in document["claims"]] == [
        c["id"] for c in cli_json(seeded, "claims") if c["id"] in ids
    ]
    assert {m["summit"] for m in datasets(page)["markers"]} == set(wanted)


def test_retractions_and_corrections_are_marked(corrected: str, tmp_path: Path) -> None:
    _, page = report(corrected, tmp_path / "report.html")
    document = page.json("tracker-data")
    assert document["claims"] == cli_json(corrected, "claims")
    assert sorted((c["claim"], c["action"]) for c in document["corrections"]) == [
        ("brandt-no-plans", "correct"),
        ("lind-will-go-ahead", "retract"),
    ]
    fixes = {m["claim"]: m for m in datasets(page)["fixes"]}
    assert fixes.keys() == {"lind-will-go-ahead", "brandt-no-plans"}
    assert fixes["lind-will-go-ahead"]["fixed"] == "retracted" and fixes["lind-will-go-ahead"]["retracted"]
    assert fixes["brandt-no-plans"]["fixed"] == "corrected"
    assert "a denial, not a confirmation" in fixes["brandt-no-plans"]["fixes"]
    assert fixes["brandt-no-plans"]["kind"] == "meeting_denied"  # the claim as now corrected


def test_an_unknown_summit_is_refused(seeded: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    result = tracker(
        "report", "--html", path, "--store", seeded, "--summit", "nope", "--summit", "trump-xi-2025"
    )
    assert result.exit_code == 2
    assert "unknown summit: nope" in result.stderr
    assert not path.exists()


def test_no_store_is_exit_4_and_creates_none(tmp_path: Path) -> None:
    store, path = tmp_path / "missing.sqlite", tmp_path / "report.html"
    result = tracker("report", "--html", path, "--store", store)
    assert result.exit_code == 4 and f"no store at {store}" in result.stderr
    assert not store.exists() and not path.exists()


def test_a_file_that_cannot_be_written_is_exit_2(seeded: str, tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "report.html"
    result = tracker("report", "--html", path, "--store", seeded)
    assert result.exit_code == 2 and f"error: cannot write {path}" in result.stderr
    result = tracker("report", "--store", seeded)
    assert result.exit_code == 2 and "--html" in result.stderr


def test_without_the_report_extra_it_says_what_to_install(seeded: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    code = (
        "import sys; sys.modules['vl_convert'] = None; sys.argv[0] = 'tracker';"  # None: cannot be imported
        "from tracker.cli.main import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "report", "--html", str(path), "--store", seeded],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "install tracker[report]" in done.stderr and "Traceback" not in done.stderr
    assert not path.exists()


QUOTE = "</script><script>alert(1)</script><!-- & --> done"
SCRIPTED = f"""\
sources:
  - id: s1
    outlet: "<b>Outlet</b>"
    published: 2025-08-07
    text: 'He said: "{QUOTE}".'
summits:
  - id: m1
    title: A meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: c1
    source: s1
    kind: meeting_confirmed
    summits: [m1]
    attribution: {{kind: official, speaker: "</script>", role: spokesman}}
    quote: '{QUOTE}'
"""


def test_text_in_the_data_cannot_end_a_script(tmp_path: Path) -> None:
    scenario = tmp_path / "scripted.yaml"
    scenario.write_text(SCRIPTED, encoding="utf-8")
    store = record(tmp_path / "events.sqlite", scenario)
    _, page = report(store, tmp_path / "report.html")
    (claim,) = page.json("tracker-data")["claims"]
    assert claim["quote"] == QUOTE and claim["speaker"] == "</script>" and claim["outlet"] == "<b>Outlet</b>"
    assert (claim,) == tuple(cli_json(store, "claims"))
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "alert(1)" in text and "<script>alert(1)" not in text
    assert [tag for tag, _ in page.tags if tag == "b"] == []
    assert script_json("</script>") == '"\\u003c/script\\u003e"'


def test_the_corrections_are_read_from_their_events_on_both_backends(new_store: NewStore) -> None:
    """The report's corrections (read from the claim versions they made) are those the specs
    record, with their reasons, on either backend; and only those of the summits shown."""
    scenarios = [load_scenario(path) for path in CORRECTIONS]
    with Tracker(new_store()) as opened:
        for scenario in scenarios:
            opened.record(scenario)
        found = collect(opened).corrections
        expected = [c for scenario in scenarios for c in scenario.corrections]
        assert sorted((c["id"], c["claim"], c["reason"]) for c in found) == sorted(
            (c.id, c.claim_id, c.reason) for c in expected
        )
        assert {c["action"] for c in found} == {"correct", "retract"}
        for summit in opened.summits():
            shown = collect(opened, summit_ids=[summit.id])
            ids = {claim["id"] for claim in shown.claims}
            assert [c for c in found if c["claim"] in ids] == shown.corrections


def test_the_claims_counted_before_a_page_are_those_it_draws(new_store: NewStore) -> None:
    """`--max-claims` is checked against a count made in SQL before anything is read: for
    every question a page answers (all summits, some, up to a day), the claims it draws."""
    from tracker.generate.corpus import generate

    with Tracker(new_store()) as opened:
        for chunk in generate(claims=1200, summits=12, seed=5, per_chunk=300):
            opened.record(chunk)
        ids = [summit.id for summit in opened.summits()]
        days = sorted({claim["published"] for claim in collect(opened).claims})
        asked = [(None, None), (ids[:1], None), (ids[2:5], None), (None, days[len(days) // 2])]
        asked.append((ids[:3], days[2 * len(days) // 3]))
        for among, at in asked:
            day = None if at is None else dt.date.fromisoformat(at[-10:])
            drawn = collect(opened, day, among or ()).claims
            assert drawn and opened.count_claims(among, day) == len(drawn), (among, at)


MOVED = """
sources:
  - {id: wire, outlet: Nordwire, kind: wire, published: 2025-08-01,
     text: Spokesman Karl Brandt said Voss and Reyes will meet in Geneva.}
summits:
  - {id: geneva, title: Voss and Reyes in Geneva, participants: [Anna Voss, Luis Reyes]}
  - {id: bern, title: Voss and Reyes in Bern, participants: [Anna Voss, Luis Reyes]}
claims:
  - {id: brandt, source: wire, kind: meeting_confirmed, summits: [geneva],
     attribution: {kind: official, speaker: Karl Brandt, role: spokesman},
     quote: Voss and Reyes will meet in Geneva}
corrections:
  - {id: moved, claim: brandt, action: correct, reason: the wrong summit, replace: {summits: [bern]}}
"""


def test_a_claim_corrected_to_other_summits_is_counted_for_those_only(tmp_path: Path) -> None:
    """A claim's summits as now corrected decide the pages that draw it, counted or drawn."""
    scenario = tmp_path / "moved.yaml"
    scenario.write_text(MOVED)
    with Tracker(str(tmp_path / "store.sqlite")) as opened:
        opened.record(load_scenario(scenario))
        for summit, claims in (("geneva", 0), ("bern", 1)):
            assert len(collect(opened, summit_ids=[summit]).claims) == claims
            assert opened.count_claims([summit]) == claims


def test_a_page_of_more_claims_than_the_limit_is_refused_and_nothing_written(
    seeded: str, tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    path.write_text("the page of before")
    claims = len(cli_json(seeded, "claims"))
    result = tracker("report", "--html", path, "--store", seeded, "--max-claims", str(claims - 1))
    assert result.exit_code == 2
    assert f"the page would draw {claims:,} claims, more than --max-claims {claims - 1:,}" in result.stderr
    assert "--summit" in result.stderr and path.read_text() == "the page of before"
    assert list(tmp_path.iterdir()) == [path]
    result = tracker("report", "--html", path, "--store", seeded, "--max-claims", str(claims))
    assert result.exit_code == 0 and f"{claims} claims" in result.stderr
    assert tracker("report", "--html", path, "--store", seeded, "--max-claims", "0").exit_code == 2


def test_a_page_that_fails_while_written_leaves_the_old_one_and_nothing_else(tmp_path: Path) -> None:
    """The page is written as it is made: a failure midway leaves no part of it, and the file
    it would replace as it was."""
    from tracker.cli.report import write

    path = tmp_path / "report.html"
    path.write_text("the old page", encoding="utf-8")

    def failing() -> Iterator[str]:
        yield "<!DOCTYPE html>"
        raise RuntimeError("made halfway")

    with pytest.raises(RuntimeError, match="made halfway"):
        write(path, failing())
    assert path.read_text(encoding="utf-8") == "the old page"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize(
    "value",
    [
        {"claims": [{"quote": "a </script> b & <!-- c", "n": 1}] * 3, "at": None, "none": []},
        {"datasets": {"markers_data": [{"x": [1, {"y": "<"}]}], "empty": {}}, 2: "number key"},
        [[["deep", {"k": ">"}]]],
        "text",
    ],
)
def test_script_json_in_parts_is_the_whole_text(value: Any) -> None:
    """The page's JSON is written a record at a time, in exactly the text of writing it whole."""
    from tracker.report.page import script_json_parts

    whole = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    whole = whole.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    assert "".join(script_json_parts(value)) == whole == script_json(value)


def test_the_page_names_each_speaker_as_the_claims_table_does(tmp_path: Path) -> None:
    """A claim's speaker on the page is the words of the claims' table ("a Nordland official on
    background via Nordwire"), for every kind of attribution (the R2 spec holds each)."""
    store = record(tmp_path / "events.sqlite", ROOT / "specs" / "r02_sides.yaml")
    _, page = report(store, tmp_path / "report.html")
    table = subprocess.run(  # piped: a row a line
        [Path(sys.executable).parent / "tracker", "claims", "--store", store],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "400"},
    )
    lines = table.stdout.splitlines()
    header = [cell.strip() for cell in next(line for line in lines if line.startswith("┃")).split("┃")]
    who = {
        cells[header.index("id")]: cells[header.index("who")]
        for cells in ([cell.strip() for cell in line.split("│")] for line in lines if line.startswith("│"))
    }
    markers = datasets(page)["markers"]
    assert {m["attribution"] for m in markers} == {"official", "background", "anonymous", "outlet"}
    assert {m["claim"]: m["speaker"] for m in markers} == who
