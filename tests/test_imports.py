"""Commands on an SQLite store import nothing of PostgreSQL: neither the driver (psycopg, its
pool, its binary) nor the library's PostgreSQL persistence, nor the tracker's own PostgreSQL
modules. The command group imports only what `--help` needs, and the reading commands nothing
of what only other commands use (YAML, the scenario files' models, the checker, capture,
generation, the report; rich when nothing is drawn as a table): a process's start is part of
what users wait for (issue 13; `bench/startup.py` measures it). Each command runs in a process
of its own, which then lists what it imported."""

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


OTHER_COMMANDS_MODULES = (
    "yaml",
    "spacy",
    "altair",
    "vl_convert",
    "tracker.scenario",
    "tracker.checking",
    "tracker.capture",
    "tracker.generate",
    "tracker.report",
)
"""What only the commands that read or write scenario files, check, draft, generate or report use."""

HEAVY_MODULES = (
    *OTHER_COMMANDS_MODULES,
    "pydantic",
    "eventsourcing",
    "rich",
    "tracker.service",
    "tracker.store",
)
"""What no command needs to be listed or parsed: the command group imports none of it."""


def among(modules: list[str], packages: tuple[str, ...]) -> list[str]:
    """The modules that are, or are inside, one of `packages`."""
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in packages)]


def test_the_command_group_imports_only_what_help_needs(tmp_path: Path) -> None:
    """`tracker --help` (and the parsing of any command line) imports click and the tracker's
    command modules, whose commands import the rest when they run."""
    listing = tmp_path / "modules.json"
    code = (
        "import json, sys; import tracker.cli.main; "
        f"json.dump(sorted(sys.modules), open({str(listing)!r}, 'w', encoding='utf-8'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd=tmp_path)
    assert among(json.loads(listing.read_text(encoding="utf-8")), HEAVY_MODULES) == []
    assert among(imported_by(tmp_path, "--help"), HEAVY_MODULES) == []


@pytest.mark.parametrize(
    ("command", "draws_a_table"),
    [
        (["state", "--at", "2025-08-20"], True),
        (["state", "--at", "2025-08-20", "--format", "json"], False),
        (["state", "--at", "2025-08-20", "--recorded-at", "2025-08-20", "--format", "csv"], False),
        (["explain", "putin-trump-first-2025", "--at", "2025-08-20"], False),
        (["explain", "putin-trump-first-2025", "--at", "2025-08-20", "--format", "json"], False),
        (["timeline", "putin-trump-first-2025"], True),
        (["timeline", "putin-trump-first-2025", "--format", "jsonl"], False),
        (["claims", "--summit", "putin-trump-first-2025"], True),
        (["claims", "--format", "json"], False),
        (["summits", "--at", "2025-08-20"], True),
        (["changes", "--from", "2025-08-01", "--to", "2025-08-20", "--format", "json"], False),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else ("table" if value else "no table"),
)
def test_a_reading_command_imports_nothing_that_only_other_commands_use(
    sqlite_store: str, tmp_path: Path, command: list[str], draws_a_table: bool
) -> None:
    modules = imported_by(tmp_path, *command, "--store", sqlite_store)
    assert among(modules, OTHER_COMMANDS_MODULES) == []
    if not draws_a_table:
        assert among(modules, ("rich",)) == []
    assert "tracker.store.readmodel" in modules  # the listing is of the command that ran


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
