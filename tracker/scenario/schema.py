"""The scenario file's JSON Schema (draft-07), generated from the same pydantic models.

The generated text is checked in at `tracker/schema/scenario.schema.json` for editors
(`# yaml-language-server: $schema=...`); a test fails when the two disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.scenario.entries import ScenarioFile

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "scenario.schema.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def scenario_schema() -> dict[str, Any]:
    """The schema of a scenario file, in draft-07 form (`definitions`, not `$defs`)."""
    generated = ScenarioFile.model_json_schema()
    text = json.dumps(generated).replace('"#/$defs/', '"#/definitions/')
    schema: dict[str, Any] = json.loads(text)
    definitions = schema.pop("$defs", {})
    return {"$schema": DRAFT_07, "title": "tracker scenario", **schema, "definitions": definitions}


def schema_text() -> str:
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
