"""The pytest nodes of a scenario spec: one file, one item per group of expectations.

Expectations that share a `name` form one item, named after it; unnamed expectations form
one item per summit, named after the summit. A group is what a user states as one fact
("the Beijing meeting lapses after its window"), so that is what passes or fails, and its
id (`specs/lapse.yaml::beijing-after-window`) is stable under edits elsewhere in the file.
Each file is replayed once, in memory, and shared by its items.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tracker.checking import Mismatch, describe, evaluate
from tracker.scenario.load import Scenario, load_scenario
from tracker.scenario.problems import InputProblem, InvalidInput
from tracker.service import Tracker
from tracker.store.location import MEMORY


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "expectations"


def groups(scenario: Scenario) -> dict[str, list[int]]:
    """Expectation indices by item name, in file order."""
    found: dict[str, list[int]] = {}
    for index, expectation in enumerate(scenario.expectations):
        found.setdefault(slug(expectation.name or expectation.summit), []).append(index)
    return found


class SpecFailed(Exception):
    """Raised by an item whose expectations the projection does not bear out."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))


class ScenarioSpec(pytest.File):
    """A scenario file: loaded at collection, replayed in memory on first use."""

    scenario: Scenario | None = None
    tracker: Tracker | None = None

    def collect(self) -> Iterator[pytest.Item]:
        shown = Path(os.path.relpath(self.path, self.config.invocation_params.dir))
        if shown.parts[:1] == ("..",):
            shown = self.path
        try:
            self.scenario = replace(load_scenario(self.path, root=self.config.rootpath), path=shown)
        except InvalidInput as error:
            problems = [replace(p, file=str(shown)) for p in error.problems]
            yield InvalidSpec.from_parent(self, name="load", problems=problems)
            return
        named = groups(self.scenario)
        if not named:
            yield ExpectationGroup.from_parent(self, name="replay", indices=[])
        for name, indices in named.items():
            yield ExpectationGroup.from_parent(self, name=name, indices=indices)

    def replayed(self) -> Tracker:
        if self.tracker is None:
            assert self.scenario is not None
            self.tracker = Tracker(MEMORY)
            self.tracker.record(self.scenario)
        return self.tracker

    def teardown(self) -> None:
        if self.tracker is not None:
            self.tracker.close()
            self.tracker = None


class ExpectationGroup(pytest.Item):
    """Some expectations of one scenario, checked against its replay."""

    def __init__(self, *, indices: list[int], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.indices = indices

    @property
    def spec(self) -> ScenarioSpec:
        assert isinstance(self.parent, ScenarioSpec)
        return self.parent

    def runtest(self) -> None:
        scenario = self.spec.scenario
        assert scenario is not None
        try:
            tracker = self.spec.replayed()
        except InvalidInput as error:
            raise SpecFailed([str(p) for p in error.problems]) from None
        mismatches: list[Mismatch] = evaluate(tracker, scenario, self.indices)
        if mismatches:
            raise SpecFailed(describe(scenario, mismatches))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, SpecFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo, style))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        scenario = self.spec.scenario
        line = scenario.lines.get(("expect", str(self.indices[0]))) if scenario and self.indices else None
        # pytest shows the id ending in this "domain" with its dots turned into "::": the name
        # alone (a slug, no dots) keeps `pytest -v`'s id one that can be pasted back.
        return self.path, (line - 1 if line else None), self.name


class InvalidSpec(pytest.Item):
    """A scenario that does not load: a failing item carrying every problem, not a crash."""

    def __init__(self, *, problems: list[InputProblem], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        raise SpecFailed([str(p) for p in self.problems])

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        line = self.problems[0].line if self.problems else None
        return self.path, (line - 1 if line else None), self.name
