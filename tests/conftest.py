"""Shared fixtures: paths of the project, and scenario files written for a test."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

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


# -- Hypothesis profiles -------------------------------------------------------------
# `ci`: the built-in CI settings (derandomized, no deadline, no example database), loaded
# when CI=true; otherwise the profile named by HYPOTHESIS_PROFILE, else `dev`.
# `nightly`: HYPOTHESIS_PROFILE=nightly pytest tests/properties

settings.register_profile("ci", settings.get_profile("ci"), stateful_step_count=10)
settings.register_profile("dev", max_examples=20, stateful_step_count=10, deadline=None)
settings.register_profile("nightly", max_examples=2000, stateful_step_count=50, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(
    "ci" if os.environ.get("CI") == "true" else os.environ.get("HYPOTHESIS_PROFILE") or "dev"
)
