"""`tracker report --html` in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright loads the page from a file with every other request aborted and recorded, and checks
that the page asks for nothing, logs no error, and draws exactly what `tracker timeline`,
`tracker claims` and `tracker state --at` say, hovering shows a claim's quote and moving the
date cursor shows each summit's state on that day. A screenshot is kept as an artifact in
`$TRACKER_TEST_ARTIFACTS` (default `.artifacts/` at the repository's root).

Without Playwright or Chromium the tests are skipped with the reason; with
TRACKER_REQUIRE_BROWSER=1 (as CI sets) they fail instead.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.reports import CORRECTIONS, ROOT, SEED, cli_json, record, report, summit_ids, timelines
from tracker.report.chart import utc_ms
from tracker.scenario.load import load_scenario

REQUIRED = os.environ.get("TRACKER_REQUIRE_BROWSER") == "1"
ARTIFACTS = Path(os.environ.get("TRACKER_TEST_ARTIFACTS") or ROOT / ".artifacts")
TIMEZONE = "America/Los_Angeles"
"""Not UTC, so that a day drawn in local time instead of UTC would show."""

MARKS = """
() => {
  // A datum's own fields holding text, numbers, booleans, null, or lists of text (dates parsed
  // by Vega as Date objects or timestamps are left to the test to read).
  const simple = (v) => v === null || ["string", "number", "boolean"].includes(typeof v);
  const plain = (datum) => Object.fromEntries(
    Object.entries(datum)
      .map(([k, v]) => [k, v instanceof Date ? v.getTime() : v])
      .filter(([k, v]) => simple(v) || (Array.isArray(v) && v.every(simple)))
  );
  const found = {};
  const walk = (node) => {
    if (node.marktype !== undefined && node.name && node.name.endsWith("_marks")) {
      found[node.name.slice(0, -6)] = (node.items || []).map((item) => plain(item.datum));
    }
    (node.items || []).forEach((item) => (item.items ? walk(item) : null));
  };
  walk(window.trackerView.scenegraph().root);
  return found;
}
"""
"""The data of every item drawn, by layer name, from the running view's scenegraph."""


def day_of(value: str | int) -> str:
    """A day in a datum: as written (YYYY-MM-DD), or parsed by Vega into a UTC timestamp."""
    if isinstance(value, str):
        return value
    return dt.datetime.fromtimestamp(value / 1000, dt.UTC).date().isoformat()


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason}, and TRACKER_REQUIRE_BROWSER=1")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (the system's `chromium`) through Playwright's sync API."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:
        _unavailable(f"playwright cannot be imported ({error}); pip install -e '.[test]'")
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("no `chromium` on PATH (apt-get install chromium)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, headless=True)
        except Error as error:
            _unavailable(f"chromium at {executable} does not start: {error.message.splitlines()[0]}")
        yield launched
        launched.close()


@dataclass
class Loaded:
    """A report opened in the browser, with what it asked for and what it logged."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def marks(self) -> dict[str, list[dict[str, Any]]]:
        marks: dict[str, list[dict[str, Any]]] = self.page.evaluate(MARKS)
        return marks

    def svg_count(self, layer: str, element: str = "path") -> int:
        count: int = self.page.locator(f"#chart svg g.{layer}_marks > {element}").count()
        return count

    def move_cursor(self, day: str) -> None:
        """Move the slider to `day`, as a user would, and wait for the view to redraw."""
        value = utc_ms(dt.date.fromisoformat(day))
        self.page.eval_on_selector(
            "#chart input[type=range]",
            "(input, value) => { input.value = String(value); "
            "input.dispatchEvent(new Event('input', {bubbles: true})); }",
            value,
        )
        self.page.evaluate("async () => { await window.trackerView.runAsync(); }")
        assert self.page.evaluate("() => window.trackerView.signal('cursor')") == value

    def check_clean(self) -> None:
        assert self.requests == [], "the page made network requests"
        assert self.errors == [], "the page raised errors"
        assert [text for kind, text in self.console if kind == "error"] == []


def load(browser: Any, path: Path) -> Iterator[Loaded]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, timezone_id=TIMEZONE)
    page = context.new_page()
    loaded = Loaded(page)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:")):
            request_route.continue_()
        else:
            loaded.requests.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: loaded.console.append((message.type, message.text)))
    page.on("pageerror", lambda error: loaded.errors.append(str(error)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    page.wait_for_selector("#chart svg g.bands_marks")
    try:
        yield loaded
    finally:
        context.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    return record(tmp_path_factory.mktemp("seeded") / "events.sqlite", SEED)


@pytest.fixture
def seed_page(browser: Any, seeded: str, tmp_path: Path) -> Iterator[Loaded]:
    path = tmp_path / "report.html"
    report(seeded, path)
    yield from load(browser, path)


def test_the_page_draws_the_timelines_and_claims_the_commands_give(seed_page: Loaded, seeded: str) -> None:
    marks = seed_page.marks()
    steps = [
        (t["summit"], step["from"], step["status"], step["decided_by"])
        for t in timelines(seeded, summit_ids(seeded))
        for step in t["history"]
    ]
    assert sorted(
        (b["summit"], b["from"] or "", b["status"], b["decided_by"]) for b in marks["bands"]
    ) == sorted((summit, start or "", status, decided) for summit, start, status, decided in steps)
    assert seed_page.svg_count("bands") == len(steps) == 31
    claims = cli_json(seeded, "claims")
    expected = sorted((summit, c["id"]) for c in claims for summit in c["summits"])
    assert sorted((m["summit"], m["claim"]) for m in marks["markers"]) == expected
    assert seed_page.svg_count("markers") == len(expected) == 38
    by_id = {c["id"]: c for c in claims}
    labels = [
        seed_page.page.locator("#chart svg g.markers_marks > path").nth(i).get_attribute("aria-label")
        for i in range(len(expected))
    ]
    for marker, label in zip(marks["markers"], labels, strict=True):
        claim = by_id[marker["claim"]]
        assert (marker["quote"], marker["source"], marker["outlet"], marker["published"]) == (
            claim["quote"],
            claim["source"],
            claim["outlet"],
            claim["published"],
        )
        assert f"quote: {claim['quote']}" in label and f"claim: {claim['id']}" in label
    lapsed = sorted((summit, start) for summit, start, status, _ in steps if status == "lapsed")
    assert sorted((lapse["summit"], day_of(lapse["day"])) for lapse in marks["lapses"]) == lapsed
    assert seed_page.svg_count("lapses") == len(lapsed) == 4
    ranged = {c["source"] for c in claims if "/" in c["published"]}
    assert {s["source"] for s in marks["spans"] if s["dated"] == "published"} == ranged
    assert seed_page.svg_count("spans") == len(marks["spans"]) > 0
    # The seed's corrections (its claims' sides, R2), one ring per corrected claim and summit.
    fixed = {c.claim_id for c in load_scenario(SEED).corrections}
    corrected = {(s, c["id"]) for c in claims if c["id"] in fixed for s in c["summits"]}
    assert {(f["summit"], f["claim"]) for f in marks["fixes"]} == corrected and len(corrected) >= 12
    assert seed_page.svg_count("fixes") == len(marks["fixes"])
    seed_page.check_clean()


def test_hovering_a_claim_shows_its_quote_speaker_and_source(seed_page: Loaded, seeded: str) -> None:
    markers = seed_page.marks()["markers"]
    places = [(m["summit"], dt.date.fromisoformat(day_of(m["day"]))) for m in markers]
    claims = {c["id"]: c for c in cli_json(seeded, "claims")}
    alone = [  # no other marker within three days on its row, so that the pointer reaches it
        i
        for i, (summit, day) in enumerate(places)
        if claims[markers[i]["claim"]]["role"]
        and not any(s == summit and abs((d - day).days) <= 3 for j, (s, d) in enumerate(places) if j != i)
    ]
    assert alone, "no marker of an official stands alone to hover over"
    for index in alone[:3]:
        claim = claims[markers[index]["claim"]]
        seed_page.page.locator("#chart svg g.markers_marks > path").nth(index).hover()
        tooltip = seed_page.page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible")
        text = tooltip.inner_text()
        for shown in (claim["quote"], claim["speaker"], claim["role"], claim["source"], claim["outlet"]):
            assert shown in text
        assert claim["published"] in text
        seed_page.page.mouse.move(0, 0)
    seed_page.check_clean()


@pytest.mark.parametrize("day", ["2025-07-22", "2025-08-20", "2025-09-04", "2025-11-25"])
def test_the_cursor_shows_the_state_on_its_day(seed_page: Loaded, seeded: str, day: str) -> None:
    seed_page.move_cursor(day)
    shown = {item["summit"]: item["status"] for item in seed_page.marks()["cursor_state"]}
    state = cli_json(seeded, "state", "--at", day)
    assert shown == {s["id"]: s["status"] for s in state["summits"]}
    texts = seed_page.page.locator("#chart svg g.cursor_state_marks > text").all_text_contents()
    assert sorted(texts) == sorted(shown.values())
    title = seed_page.page.locator("#chart svg .role-title-text").first.text_content() or ""
    assert title.endswith(f"on {day}")
    seed_page.check_clean()


def test_a_screenshot_is_kept(seed_page: Loaded) -> None:
    seed_page.move_cursor("2025-08-20")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "report-seed.png"
    seed_page.page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    print(f"screenshot: {path}")
    seed_page.check_clean()


def test_retractions_and_corrections_are_drawn(browser: Any, tmp_path: Path) -> None:
    store = record(tmp_path / "events.sqlite", *CORRECTIONS)
    path = tmp_path / "report.html"
    report(store, path, "--at", "2025-08-20")
    for loaded in load(browser, path):
        fixes = {item["claim"]: item["fixed"] for item in loaded.marks()["fixes"]}
        assert fixes == {"lind-will-go-ahead": "retracted", "brandt-no-plans": "corrected"}
        assert loaded.svg_count("fixes") == 2
        retracted = [m for m in loaded.marks()["markers"] if m["retracted"]]
        assert [m["claim"] for m in retracted] == ["lind-will-go-ahead"]
        opacity = loaded.page.locator("#chart svg g.markers_marks > path").evaluate_all(
            "(paths) => paths.map((p) => p.getAttribute('opacity') || p.style.opacity || '1')"
        )
        assert sorted(opacity) == ["0.35", "1", "1"]
        loaded.check_clean()
