"""pytest plugin: collects YAML scenarios as executable specs (registered under `pytest11`).

Only files under the paths listed in the `tracker_scenarios` ini setting are collected, so
unrelated YAML in a repository is never picked up. Everything heavy is imported lazily,
inside the collection hook, when a scenario file is actually found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SUFFIXES = (".yaml", ".yml")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "tracker_scenarios",
        type="paths",
        default=[],
        help="Folders or files whose YAML files are tracker scenarios to run as specs.",
    )


def _is_scenario(config: pytest.Config, file_path: Path) -> bool:
    roots = [Path(p).resolve() for p in config.getini("tracker_scenarios")]
    path = file_path.resolve()
    return any(path == root or root in path.parents for root in roots)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Any:
    if file_path.suffix in SUFFIXES and _is_scenario(parent.config, file_path):
        from tracker.spec_items import ScenarioSpec

        return ScenarioSpec.from_parent(parent, path=file_path)
    return None
