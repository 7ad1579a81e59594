"""Loading's quick first pass: a file is parsed keeping only the place of each entry, and parsed
again, every value located, only when it has a problem. Both passes give the same `Scenario`,
and a file with a problem gets exactly the problems the located pass finds."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import tracker.scenario.load as loading
from tracker.generate import write_corpus
from tracker.scenario.load import Scenario, load_located_scenario, load_scenario
from tracker.scenario.problems import InputProblem, InvalidInput
from tracker.scenario.yamlnodes import ENTRY_MARKS, EVERY_MARK, LocatedData, load_located

ROOT = Path(__file__).resolve().parent.parent
SEED_FILES = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted((ROOT / "specs").glob("*.yaml"))
INVALID = sorted((ROOT / "tests" / "invalid_scenarios").glob("*.yaml"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 400, 30, 5, per_file=200)


def problems(load: Callable[[Path], Scenario], path: Path) -> list[InputProblem]:
    with pytest.raises(InvalidInput) as raised:
        load(path)
    return raised.value.problems


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_seed_or_spec_file_loads_to_the_same_scenario_as_when_every_value_is_located(path: Path) -> None:
    quick = load_scenario(path)
    assert quick == load_located_scenario(path)
    assert quick.lines  # each entry's line, kept by the quick pass too


def test_a_generated_file_loads_to_the_same_scenario_as_when_every_value_is_located(
    generated: list[Path],
) -> None:
    assert len(generated) == 2
    for path in generated:
        quick = load_scenario(path)
        assert quick == load_located_scenario(path)
        assert len(quick.claims) > 100
        assert len(quick.lines) >= len(quick.claims) + len(quick.sources) + len(quick.summits)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_an_invalid_file_gets_the_problems_of_the_located_pass(path: Path) -> None:
    assert problems(load_scenario, path) == problems(load_located_scenario, path)


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def at(text: str, needle: str) -> tuple[int, int]:
    """The (line, column), both from 1, where the unique `needle` starts in the dedented `text`."""
    text = textwrap.dedent(text)
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


GOOD = """\
    sources:
      - id: s1
        outlet: Example News
        published: 2025-08-07
        text: "The Kremlin said the meeting will happen. Officials said: “no date is set”."
    summits:
      - id: m1
        title: A meeting
        participants: [Vladimir Putin, Donald Trump]
    claims:
      - id: c1
        source: s1
        kind: meeting_confirmed
        summits: [m1]
        attribution: {kind: outlet}
        quote: the meeting will happen
      - id: c2
        source: s1
        kind: meeting_rumored
        summits: [m1]
        attribution: {kind: background, role: officials}
        quote: '"no date is set"'
"""


def test_a_good_file_keeps_the_line_of_each_entry_and_the_exact_quote(tmp_path: Path) -> None:
    scenario = load_scenario(written(tmp_path, GOOD))
    assert scenario.lines == {
        ("source", "s1"): at(GOOD, "id: s1")[0],
        ("summit", "m1"): at(GOOD, "id: m1")[0],
        ("claim", "c1"): at(GOOD, "id: c1")[0],
        ("claim", "c2"): at(GOOD, "id: c2")[0],
    }
    assert [claim.quote for claim in scenario.claims] == ["the meeting will happen", "“no date is set”"]


def test_problems_deep_inside_entries_are_all_found_and_located_exactly(tmp_path: Path) -> None:
    """The quick pass knows only where entries start: the problems come from the second pass."""
    bad = GOOD.replace("{kind: outlet}", "{kind: outlet, colour: red}").replace(
        "kind: meeting_rumored", "kind: meeting_rumoured"
    )
    path = written(tmp_path, bad)
    found = problems(load_scenario, path)
    assert found == problems(load_located_scenario, path)
    assert [(p.field, (p.line, p.column)) for p in found] == [
        ("claims[0].attribution.colour", at(bad, "colour")),
        ("claims[1].kind", at(bad, "meeting_rumoured")),
    ]


def test_a_duplicate_id_and_unknown_references_are_located_in_their_entries(tmp_path: Path) -> None:
    bad = GOOD.replace("id: c2", "id: c1") + (
        "    expect:\n      - {at: 2025-08-08, summit: m2, status: confirmed, decided_by: [c9]}\n"
    )
    path = written(tmp_path, bad)
    found = problems(load_scenario, path)
    assert found == problems(load_located_scenario, path)
    assert [(p.field, (p.line, p.column), p.message) for p in found] == [
        ("claims[1].id", at(bad, "c1\n    source: s1\n    kind: meeting_rumored"), "duplicate id 'c1'"),
        ("expect[0].summit", at(bad, "m2"), "unknown summit 'm2'"),
        ("expect[0].decided_by[0]", at(bad, "c9"), "unknown claim 'c9'"),
    ]


def test_a_yaml_problem_is_the_same_in_both_passes(tmp_path: Path) -> None:
    bad = GOOD.replace("summits: [m1]", "summits: [m1, &a m2]", 1)
    path = written(tmp_path, bad)
    found = problems(load_scenario, path)
    assert found == problems(load_located_scenario, path)
    assert [((p.line, p.column), p.message) for p in found] == [
        (at(bad, "&a"), "anchors and aliases are not allowed in a scenario")
    ]


def marks(located: LocatedData, value: object) -> tuple[list[int], list[int]] | None:
    found = located.marks.get(id(value))
    return (list(found[0]), list(found[1])) if found else None


def test_the_quick_parse_builds_the_same_data_with_the_marks_of_the_entries_only(
    generated: list[Path],
) -> None:
    text = generated[0].read_text(encoding="utf-8")
    quick, every = load_located(text, ENTRY_MARKS), load_located(text)
    assert quick.data == every.data
    assert quick.root == every.root
    assert marks(quick, quick.data) == marks(every, every.data)
    for section in ("sources", "summits", "claims"):
        assert marks(quick, quick.data[section]) == marks(every, every.data[section])
        entry = quick.data[section][0]
        assert marks(quick, entry) is None
        assert marks(every, every.data[section][0]) is not None
        assert quick.line((section, 3)) == every.line((section, 3)) == every.locate((section, 3)).line  # type: ignore[union-attr]


def test_a_good_file_is_parsed_once_and_a_file_with_a_problem_again_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    depths: list[int] = []

    def parse(text: str, marked_depth: int) -> LocatedData:
        depths.append(marked_depth)
        return load_located(text, marked_depth)

    monkeypatch.setattr(loading, "load_located", parse)
    load_scenario(written(tmp_path, GOOD))
    assert depths == [ENTRY_MARKS]
    depths.clear()
    problems(load_scenario, written(tmp_path, GOOD.replace("kind: outlet", "kind: nobody")))
    assert depths == [ENTRY_MARKS, EVERY_MARK]
