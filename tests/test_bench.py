"""A smoke test of the benchmark (`bench/run.py`): at a tiny size, on both backends, it runs to
the end and its report holds every target and every figure for each backend. No figure is
checked: they depend on the machine."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from tests.stores import ADMIN_URL, REQUIRED

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _report_module() -> object:
    spec = importlib.util.spec_from_file_location("bench_report", BENCH / "report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _postgres_or_skip() -> None:
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=5).close()
    except psycopg.OperationalError as error:
        reason = f"no PostgreSQL server at {ADMIN_URL} ({str(error).strip().splitlines()[0]})"
        if REQUIRED:
            pytest.fail(f"{reason}, and TRACKER_REQUIRE_POSTGRES=1")
        pytest.skip(reason)


def _cells(text: str, row: str) -> list[str]:
    """The cells after the row's name of the table line that starts with it."""
    lines = [line for line in text.splitlines() if line.startswith(f"| {row} |")]
    assert len(lines) == 1, f"row {row!r} appears {len(lines)} times"
    return [cell.strip() for cell in lines[0].strip("|").split("|")][1:]


def test_the_benchmark_reports_every_target_and_figure_on_both_backends(tmp_path: Path) -> None:
    _postgres_or_skip()
    out = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "500",
            "--backends",
            "sqlite,postgres",
            "--postgres",
            ADMIN_URL,
            "--out",
            str(out),
            "--budget",
            "0.05",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = out.read_text(encoding="utf-8")
    assert text.strip() in done.stdout  # it prints what it writes
    assert "## 500 claims" in text
    report: object = _report_module()
    for row in report.TARGET_ROWS:  # type: ignore[attr-defined]
        goal, sqlite, postgres = _cells(text, row)
        assert goal
        for cell in (sqlite, postgres):
            assert cell.endswith((": met", ": **MISSED**", ": —")), (row, cell)
    for row in report.FIGURE_ROWS:  # type: ignore[attr-defined]
        sqlite, postgres = _cells(text, row)
        assert sqlite and postgres and "not run" not in (sqlite, postgres), row
    # the scratch databases it names are dropped
    token = re.search(r"scratch databases (bench_\w+?)_\*", done.stderr)
    assert token, done.stderr[-3000:]
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        left = admin.execute(
            "SELECT datname FROM pg_database WHERE starts_with(datname, %s)", (token.group(1),)
        ).fetchall()
    assert not left
