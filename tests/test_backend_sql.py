"""Each backend runs the read model's SQL written with its own driver's placeholder (`?` for
sqlite3, `%s` for psycopg), on the driver's own cursor: no statement is rewritten on the way,
and none the view runs holds the other backend's placeholder. Checked on a real store of each
backend, through the commands a team runs: recording, a retraction, a poisoned source
withdrawn, every question, a rebuild, and opening the store again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.stores import NewStore
from tests.test_poisoned_store import old_source
from tests.test_store import BASE, RETRACTION
from tracker.cli.main import cli
from tracker.service import Tracker
from tracker.store.backends import view_class
from tracker.store.readmodel import BeliefView

OTHERS = {"?": "%s", "%s": "?"}
"""Each driver's placeholder, and the other backend's."""


class Recording:
    """The driver's cursor, keeping the text of every statement run through it."""

    def __init__(self, cursor: Any, seen: list[str]) -> None:
        self.cursor, self.seen = cursor, seen

    def execute(self, sql: str, *params: Any) -> Any:
        self.seen.append(sql)
        return self.cursor.execute(sql, *params)

    def executemany(self, sql: str, rows: Any) -> Any:
        self.seen.append(sql)
        return self.cursor.executemany(sql, rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.cursor)

    def __getattr__(self, name: str) -> Any:  # fetchone, fetchall, copy, connection...
        return getattr(self.cursor, name)


def record_statements(monkeypatch: pytest.MonkeyPatch, view: type[BeliefView]) -> list[str]:
    """Every statement the view runs from now on, in order."""
    seen: list[str] = []
    session = view._session

    @contextmanager
    def recorded(self: BeliefView, *, commit: bool) -> Iterator[tuple[Any, Any]]:
        with session(self, commit=commit) as (c, raw):
            yield Recording(c, seen), raw

    monkeypatch.setattr(view, "_session", recorded)
    return seen


def outside_quotes(sql: str) -> str:
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, (args, result.output)


def test_each_backend_runs_the_views_sql_with_its_own_placeholder_only(
    backend: str, new_store: NewStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = view_class(postgres=backend == "postgres")
    seen = record_statements(monkeypatch, view)
    store = new_store()
    base, retraction = tmp_path / "base.yaml", tmp_path / "retraction.yaml"
    base.write_text(BASE, encoding="utf-8")
    retraction.write_text(BASE + RETRACTION, encoding="utf-8")

    run("replay", str(base), "--store", store, "--at", "2025-08-20")
    run("replay", str(retraction), "--store", store, "--at", "2025-09-02")
    old_source(store)
    run("withdraw", "--source", "old-bad", "--reason", "recorded with a wrong date", "--store", store)
    for question in (
        ["state", "--at", "2025-08-20"],
        ["state", "--at", "2025-08-20", "--summit", "vienna", "--recorded-at", "2025-08-25"],
        ["state", "--at", "2025-08-20T12:00:00+00:00"],
        ["claims"],
        ["claims", "--summit", "vienna", "--recorded-at", "2025-08-25"],
        ["claims", "--source", "wire"],
        ["explain", "vienna", "--at", "2025-08-20"],
        ["timeline", "vienna"],
        ["summits"],
        ["sources"],
        ["rebuild"],
    ):
        run(*question, "--store", store)
    with Tracker(store) as tracker:  # opened again: the view's version checked
        assert tracker.left_out()

    own = view.param
    assert len(seen) > 50 and any(own in sql for sql in seen)
    wrong = [sql for sql in seen if OTHERS[own] in outside_quotes(sql)]
    assert not wrong, wrong


def test_a_placeholder_is_seen_outside_quotes_only() -> None:
    assert "?" in outside_quotes("SELECT 1 WHERE a = ? AND b = 'x'")
    assert "?" not in outside_quotes("SELECT '?' WHERE a = 'it''s ?'")
