"""The published JSON Schema: current with the models, and agreeing with the loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from jsonschema.exceptions import best_match

from tests.conftest import ROOT
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.scenario.schema import SCHEMA_FILE, schema_text
from tracker.scenario.yamlnodes import load_located

SCENARIO_FILES = sorted([*ROOT.glob("specs/*.yaml"), *ROOT.glob("scenarios/*.yaml")])
INVALID = sorted((ROOT / "tests" / "invalid_scenarios").glob("*.yaml"))
VALIDATOR = Draft7Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def expected_error(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("# error: ")


def test_the_checked_in_schema_is_the_one_the_models_generate() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: tracker schema > tracker/schema/scenario.schema.json"
    )


def test_the_schema_is_valid_draft_07() -> None:
    Draft7Validator.check_schema(json.loads(schema_text()))


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_every_scenario_and_spec_validates_against_the_schema(path: Path) -> None:
    data = load_located(path.read_text(encoding="utf-8")).data
    error = best_match(VALIDATOR.iter_errors(data))
    assert error is None, f"{path}: {error.message if error else ''}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_each_invalid_file_fails_with_its_expected_message(path: Path) -> None:
    with pytest.raises(InvalidInput) as raised:
        load_scenario(path)
    messages = [f"{p.field}: {p.message}" for p in raised.value.problems]
    assert any(m.startswith(expected_error(path)) for m in messages), messages


@pytest.mark.parametrize(
    "name", ["unknown_kind", "unknown_key", "yes_is_not_a_boolean", "replace_unknown_key"]
)
def test_the_schema_rejects_a_misspelt_key_or_value_as_an_editor_would(name: str) -> None:
    path = ROOT / "tests" / "invalid_scenarios" / f"{name}.yaml"
    data = load_located(path.read_text(encoding="utf-8")).data
    assert list(VALIDATOR.iter_errors(data)), f"{name} passes the schema"
