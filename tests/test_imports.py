"""Commands on an SQLite store import nothing of PostgreSQL: neither the driver (psycopg, its
pool, its binary) nor the library's PostgreSQL persistence, nor the tracker's own PostgreSQL
modules. Each command runs in a process of its own, which then lists what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_SCENARIO
from tests.stores import PostgresDatabases

RUN_AND_LIST = """
import json, sys
from tracker.cli.main import cli
try:
    cli(args=sys.argv[2:], prog_name="tracker")
finally:
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)
"""
"""Run the CLI with the arguments given, then write every module the process imported."""

POSTGRES_MODULES = ("psycopg", "eventsourcing.postgres", "tracker.store.postgres_")


def postgres_modules(modules: list[str]) -> list[str]:
    return [m for m in modules if "psycopg" in m or m.startswith(POSTGRES_MODULES)]


def run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `tracker ARGS` in a process of its own: how it ended, and every module it imported."""
    listing = tmp_path / "modules.json"
    listing.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST, str(listing), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    found: list[str] = json.loads(listing.read_text(encoding="utf-8"))
    return done, found


def imported_by(tmp_path: Path, *args: str) -> list[str]:
    """Every module `tracker ARGS` imports (the command must succeed)."""
    done, found = run(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    return found


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("store")
    store = str(folder / "X.sqlite")
    modules = imported_by(folder, "replay", str(SEED_SCENARIO), "--store", store)
    assert postgres_modules(modules) == []  # recording imports none either
    assert "tracker.store.sqlite_view" in modules  # the listing is of the command that ran
    return store


@pytest.mark.parametrize(
    "command",
    [
        ["state", "--at", "2025-08-20"],
        ["state", "--at", "2025-08-20", "--recorded-at", "2025-08-20", "--format", "json"],
        ["replay", str(SEED_SCENARIO)],
        ["claims"],
        ["claims", "--summit", "putin-trump-first-2025"],
        ["timeline", "putin-trump-first-2025"],
        ["rebuild"],
    ],
    ids=" ".join,
)
def test_a_command_on_an_sqlite_store_imports_nothing_of_postgresql(
    sqlite_store: str, tmp_path: Path, command: list[str]
) -> None:
    assert postgres_modules(imported_by(tmp_path, *command, "--store", sqlite_store)) == []


def test_an_sqlite_store_that_cannot_be_used_imports_nothing_of_postgresql_to_say_so(tmp_path: Path) -> None:
    """An error of the store is explained without the driver (it cannot be one of its errors)."""
    foreign = tmp_path / "foreign.sqlite"
    foreign.write_bytes(b"not a database at all, " * 100)
    done, modules = run(tmp_path, "state", "--store", str(foreign))
    assert done.returncode == 4, done.stderr
    assert "not an SQLite database" in done.stderr
    assert postgres_modules(modules) == []


def test_a_command_on_a_postgresql_store_imports_its_modules_and_works(
    postgres_databases: PostgresDatabases, tmp_path: Path
) -> None:
    """The other side: a PostgreSQL store gets the tracker's PostgreSQL recorder and view
    (imported when it is opened), and the commands work on it."""
    store = postgres_databases.fresh()
    imported_by(tmp_path, "replay", str(SEED_SCENARIO), "--store", store)
    done, modules = run(tmp_path, "state", "--at", "2025-08-20", "--format", "json", "--store", store)
    assert done.returncode == 0, done.stderr
    assert {"psycopg", "tracker.store.postgres_recorders", "tracker.store.postgres_view"} <= set(modules)
    assert "putin-trump-first-2025" in done.stdout


def test_the_recorders_and_views_moved_into_modules_per_backend_are_still_found_where_they_were() -> None:
    from eventsourcing.utils import resolve_topic

    from tracker.store import backends, recorders
    from tracker.store.postgres_recorders import PostgresRecorder
    from tracker.store.postgres_view import PostgresBeliefView
    from tracker.store.sqlite_recorders import SQLiteRecorder
    from tracker.store.sqlite_view import SQLiteBeliefView

    def named(cls: type) -> str:  # resolve_topic caches: compare names, not class objects
        return f"{cls.__module__}:{cls.__qualname__}"

    assert named(resolve_topic(recorders.SQLITE_RECORDER)) == named(SQLiteRecorder)
    assert named(resolve_topic(recorders.POSTGRES_RECORDER)) == named(PostgresRecorder)
    assert named(resolve_topic("tracker.store.recorders:PostgresRecorder")) == named(PostgresRecorder)
    assert recorders.SQLiteRecorder is SQLiteRecorder
    assert recorders.PostgresRecorder is PostgresRecorder
    assert backends.view_class(postgres=False) is SQLiteBeliefView
    assert backends.view_class(postgres=True) is PostgresBeliefView
    assert backends.PostgresBeliefView is PostgresBeliefView
    assert backends.SQLiteBeliefView is SQLiteBeliefView
    with pytest.raises(AttributeError):
        _ = backends.NoSuchView
