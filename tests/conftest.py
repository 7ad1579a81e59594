"""Shared fixtures: paths of the project, and scenario files written for a test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import HealthCheck, settings

from tests.stores import ADMIN_URL, BACKENDS, REQUIRED, NewStore, PostgresDatabases, sqlite_stores

ROOT = Path(__file__).resolve().parent.parent
SEED_SCENARIO = ROOT / "scenarios" / "putin_trump_2025.yaml"


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write YAML text to a scenario file under the test's temporary folder."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# -- stores on both backends -------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    """This session's databases on the PostgreSQL test server (skip, or fail if required)."""
    try:
        databases = PostgresDatabases()
    except psycopg.OperationalError as error:
        reason = f"no PostgreSQL server at {ADMIN_URL} ({str(error).strip().splitlines()[0]})"
        if REQUIRED:
            pytest.fail(f"{reason}, and TRACKER_REQUIRE_POSTGRES=1")
        pytest.skip(f"{reason}; set TRACKER_TEST_POSTGRES to use one")
    yield databases
    databases.drop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend in turn: a test taking this (or `new_store`) runs once per backend."""
    name: str = request.param
    if name == "postgres":
        request.getfixturevalue("postgres_databases")
    return name


@pytest.fixture
def new_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> NewStore:
    """Make a fresh, empty store of the backend under test; returns its location. On
    PostgreSQL, a database holding a new store's tables and nothing else, or no tables."""
    if backend == "postgres":
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        return databases.fresh
    return sqlite_stores(tmp_path)


@pytest.fixture
def untouched_store(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> NewStore:
    """As `new_store`, but a store never opened: on PostgreSQL a database with no tables at
    all, for tests of whoever creates them."""
    if backend == "postgres":
        databases: PostgresDatabases = request.getfixturevalue("postgres_databases")
        return databases.untouched
    return sqlite_stores(tmp_path)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> NewStore:
    """Fresh SQLite stores only. For the searches that show a property catching a seeded bug
    that no backend causes or hides (in the projection, the domain, the loader): the property
    itself runs on both backends, and the search, run on one, shows the same."""
    return sqlite_stores(tmp_path)


# -- Hypothesis profiles -------------------------------------------------------------
# `ci`: the built-in CI settings (derandomized, no deadline, no example database), loaded
# when CI=true; otherwise the profile named by HYPOTHESIS_PROFILE, else `dev`.
# `nightly`: HYPOTHESIS_PROFILE=nightly pytest tests/properties

settings.register_profile("ci", settings.get_profile("ci"), stateful_step_count=10)
settings.register_profile("dev", max_examples=20, stateful_step_count=10, deadline=None)
settings.register_profile(
    "nightly",
    max_examples=2000,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    "ci" if os.environ.get("CI") == "true" else os.environ.get("HYPOTHESIS_PROFILE") or "dev"
)
