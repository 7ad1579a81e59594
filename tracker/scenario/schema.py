"""The scenario file's JSON Schema (draft-07), generated from the same pydantic models.

The generated text is checked in at `tracker/schema/scenario.schema.json` for editors
(`# yaml-language-server: $schema=...`); a test fails when the two disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.scenario.entries import CLAIM_RECORDING, UNREPLACEABLE, ScenarioFile

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "scenario.schema.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


REPLACEMENT = "ClaimReplacement"


def scenario_schema() -> dict[str, Any]:
    """The schema of a scenario file, in draft-07 form (`definitions`, not `$defs`)."""
    generated = ScenarioFile.model_json_schema()
    text = json.dumps(generated).replace('"#/$defs/', '"#/definitions/')
    schema: dict[str, Any] = json.loads(text)
    definitions = schema.pop("$defs", {})
    _describe_replacements(definitions)
    return {"$schema": DRAFT_07, "title": "tracker scenario", **schema, "definitions": definitions}


def _describe_replacements(definitions: dict[str, Any]) -> None:
    """A correction's `replace` is a mapping of the loader's making (merged into the claim, then
    validated as a claim); its schema says which keys it takes: a claim's, but its id and source
    (and when it was recorded, which is not part of the claim)."""
    claim = definitions["ClaimEntry"]["properties"]
    properties = {}
    for name, field in claim.items():
        if name in UNREPLACEABLE or name in CLAIM_RECORDING:
            continue
        replaced = {key: value for key, value in field.items() if key not in ("default", "description")}
        properties[name] = {**replaced, "description": f"Optional. The claim's new `{name}` (see Claim)."}
    definitions[REPLACEMENT] = {
        "additionalProperties": False,
        "description": "The fields of a claim that a correction replaces, with their new values: any "
        "but `id` and `source`, at least one. The others keep their values; null removes an optional "
        "one. The corrected claim must be valid as a claim is (its quote found, its summits known).",
        "minProperties": 1,
        "properties": properties,
        "title": REPLACEMENT,
        "type": "object",
    }
    replace = definitions["CorrectionEntry"]["properties"]["replace"]
    replace["anyOf"] = [{"$ref": f"#/definitions/{REPLACEMENT}"}, {"type": "null"}]


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
