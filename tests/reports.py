"""What the tests of `tracker report` share: recording stores through the command line, asking
the commands for JSON, writing a report and reading back what its page embeds."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from tracker.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "putin_trump_2025.yaml"
CORRECTIONS = (ROOT / "specs" / "retraction.yaml", ROOT / "specs" / "correction_changes_kind.yaml")
"""Specs whose claims are retracted (`lind-will-go-ahead`) and corrected (`brandt-no-plans`)."""


def tracker(*args: str | Path) -> Result:
    """Run `tracker` in this process; a traceback is never an acceptable outcome."""
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def record(store: Path, *scenarios: Path) -> str:
    """An SQLite store holding these scenarios, recorded as a user would."""
    result = tracker("replay", *scenarios, "--store", store, "--at", "2025-08-20")
    assert result.exit_code == 0, result.output
    return str(store)


def cli_json(store: str, *args: str) -> Any:
    """What `tracker ARGS --format json` prints for this store."""
    result = tracker(*args, "--format", "json", "--store", store)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def summit_ids(store: str) -> list[str]:
    return [summit["id"] for summit in cli_json(store, "summits")]


class Page(HTMLParser):
    """An HTML page's tags with their attributes, and the text of its scripts by id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: dict[str, str] = {}
        self.inline_scripts: list[str] = []
        self._script: dict[str, str | None] | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is None:
            return
        ident = self._script.get("id")
        if ident:
            self.scripts[ident] = self.scripts.get(ident, "") + data
        else:
            self.inline_scripts.append(data)

    def json(self, ident: str) -> Any:
        return json.loads(self.scripts[ident])


def report(store: str, path: Path, *args: str) -> tuple[Result, Page]:
    """Write `tracker report --html PATH ARGS` for this store; the result and the page."""
    result = tracker("report", "--html", path, "--store", store, *args)
    assert result.exit_code == 0, result.output
    return result, Page(path.read_text(encoding="utf-8"))


def timelines(store: str, summits: list[str]) -> list[Any]:
    return [cli_json(store, "timeline", summit) for summit in summits]


def cut(timeline: dict[str, Any], day: str) -> dict[str, Any]:
    """A timeline as known on `day`: its steps from then on left out."""
    return {**timeline, "history": [s for s in timeline["history"] if s["from"] is None or s["from"] <= day]}


def counts_from(published: str) -> str:
    """The day a source counts from: the last of its range (R1)."""
    return published.rpartition("/")[2]
