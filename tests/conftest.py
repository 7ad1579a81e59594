"""Shared fixtures: paths of the project, and scenario files written for a test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
