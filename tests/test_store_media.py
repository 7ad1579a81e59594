"""Stores on unfriendly media: a read-only filesystem still answers, and a full disk says so and
leaves nothing half-written. Real filesystems: a small tmpfs mounted for the test (needs root,
as this project's machines and CI run; elsewhere these tests cannot make the medium)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from eventsourcing.persistence import OperationalError

from tests.conftest import SEED_SCENARIO
from tests.consistency import TRACKER, assert_view_equals_rebuild, assert_whole_sources, claims_by_source
from tracker.generate import generate, write_corpus
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.guard import explain

needs_mount = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("mount") is None,
    reason="mounting a small filesystem for the test needs root",
)


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def tracker(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TRACKER, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k != "TRACKER_DEBUG"},
    )


@needs_mount
def test_a_store_on_a_read_only_filesystem_answers_and_says_why_it_cannot_record(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "fs", "8m") as fs:
        store = fs / "events.sqlite"
        with Tracker(str(store)) as writable:
            writable.record(load_scenario(SEED_SCENARIO))
        before = tracker("state", "--at", "2025-08-20", "--format", "json", "--store", store)
        claims = tracker("claims", "--format", "json", "--store", store)
        subprocess.run(["mount", "-o", "remount,ro", str(fs)], check=True)

        state = tracker("state", "--at", "2025-08-20", "--format", "json", "--store", store)
        assert state.returncode == 0, state.stderr
        assert json.loads(state.stdout) == json.loads(before.stdout)
        assert "is read-only here (it is on a read-only filesystem)" in state.stderr
        assert tracker("claims", "--format", "json", "--store", store).stdout == claims.stdout
        assert tracker("timeline", "putin-trump-first-2025", "--store", store).returncode == 0

        for command in (["replay", SEED_SCENARIO], ["rebuild"], ["ingest", SEED_SCENARIO]):
            refused = tracker(*command, "--store", store)
            assert refused.returncode == 4, (command, refused.stderr)
            assert "cannot be written (it is on a read-only filesystem)" in refused.stderr
            assert "Traceback" not in refused.stderr
        assert sorted(p.name for p in fs.iterdir()) == ["events.sqlite"]


@needs_mount
def test_a_full_disk_is_reported_as_such_and_leaves_only_whole_sources(tmp_path: Path) -> None:
    size = {"claims": 3000, "summits": 30, "seed": 4, "per_file": 100}
    files = write_corpus(tmp_path / "corpus", size["claims"], size["summits"], size["seed"], size["per_file"])
    expected = claims_by_source(generate(size["claims"], size["summits"], size["seed"], size["per_file"]))
    with tmpfs(tmp_path / "fs", "1200k") as fs:
        store = str(fs / "events.sqlite")
        full = tracker("ingest", *files, "--store", store)
        assert full.returncode == 4, full.stderr
        assert "disk full while writing to store" in full.stderr, full.stderr
        assert "cannot be read" not in full.stderr and "Traceback" not in full.stderr

        subprocess.run(["mount", "-o", "remount,size=64m", str(fs)], check=True)
        with Tracker(store) as reopened:
            recorded = assert_whole_sources(reopened, expected, complete=False)
        assert 0 < recorded < len(expected)
        assert_view_equals_rebuild(store)
        again = tracker("ingest", *files, "--store", store)
        assert again.returncode == 0, again.stderr
        with Tracker(store) as finished:
            assert assert_whole_sources(finished, expected, complete=True) == len(expected)


def test_postgresqls_disk_full_error_is_reported_as_a_full_disk() -> None:
    """The server's own error class (SQLSTATE 53100), however the library wraps it."""
    wrapped = OperationalError("could not extend file: No space left on device")
    wrapped.__cause__ = psycopg.errors.DiskFull("could not extend file: No space left on device")
    for error in (wrapped.__cause__, wrapped):
        problem = explain(error, "postgresql://analyst:S3cret@db/summits")
        assert problem is not None
        assert str(problem).startswith("disk full while writing to store postgresql://analyst:***@db/summits")
