"""The scenario file format as Markdown, generated from the JSON Schema's descriptions.

`tracker schema --markdown` prints it; the README holds it between markers, and a test fails
when the two differ. Every field's text is its pydantic `description`: this module only lays
them out, an entry after another in the order of a scenario file, and names the types.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from tracker.domain.dates import RANGE_TEXT
from tracker.domain.models import ID_PATTERN, ID_TEXT
from tracker.scenario.schema import scenario_schema

TOP = "ScenarioFile"
SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        TOP,
        "Top-level keys",
        "A scenario file is one YAML mapping of these keys. A scenario with no sources, summits, "
        "claims, corrections or expectations is refused as empty.",
    ),
    ("SourceEntry", "Source", "Each entry of `sources`."),
    ("Summit", "Summit", "Each entry of `summits`."),
    ("ClaimEntry", "Claim", "Each entry of `claims`."),
    ("Attribution", "Attribution", "The `attribution` of a claim."),
    ("TimeWindow", "Window", "The `window` of a summit or of a claim."),
    ("CorrectionEntry", "Correction", "Each entry of `corrections`."),
    ("ClaimReplacement", "Replacement", "The `replace` of a correction."),
    ("Expectation", "Expectation", "Each entry of `expect`."),
    ("DateSpan", "Date range", "A date, or a date range, wherever a field takes one."),
)
"""(definition, heading, where it is written), in the order of a scenario file."""

NAMED = {
    "SourceEntry": "[source](#source)",
    "Summit": "[summit](#summit)",
    "ClaimEntry": "[claim](#claim)",
    "Attribution": "[attribution](#attribution)",
    "TimeWindow": "[window](#window)",
    "CorrectionEntry": "[correction](#correction)",
    "ClaimReplacement": "[replacement](#replacement)",
    "Expectation": "[expectation](#expectation)",
    "DateSpan": "date or [date range](#date-range)",
}
"""How a field of a definition's type is named in the type column (linking to its section)."""

REFERS_TO = {
    "source": "source",
    "claim": "claim",
    "summit": "summit",
    "summits": "summit",
    "decided_by": "claim",
    "contested_by": "claim",
}
"""Fields holding ids of other entries, by name: what their ids name."""

WIDTH = 96
REQUIREDNESS = re.compile(r"^(Required|Optional)\. ")
"""A description's opening word on whether the field is required: the table has a column for it."""

TYPES = (
    f"Types: an *id* is {ID_TEXT}; a *date* is written `YYYY-MM-DD`, from {RANGE_TEXT}; a *date "
    "range* `YYYY-MM-DD/YYYY-MM-DD`, both days included (see [Date range](#date-range)); *text* is "
    "trimmed, not empty, and holds no control character but tab and line breaks. The column "
    "*required* says whether a field must be given; a field's description says when it is required "
    "only in some cases, and its default."
)


def reference_markdown(schema: dict[str, Any] | None = None) -> str:
    """The Markdown reference of every field of every entry of a scenario file."""
    schema = schema or scenario_schema()
    definitions: dict[str, Any] = {TOP: schema, **schema["definitions"]}
    described = {name for name, _, _ in SECTIONS}
    left_out = sorted(name for name, value in definitions.items() if _object(value) and name not in described)
    if left_out:
        raise ValueError(f"no section for {', '.join(left_out)}: add it to SECTIONS")
    parts = [_paragraph(TYPES)]
    for name, heading, where in SECTIONS:
        shape = _object(definitions[name])
        if shape is None:
            raise ValueError(f"{name} is not an object of the schema")
        intro = where if name == TOP else f"{where} {_text(shape.get('description', ''))}"
        rows = ["| field | type | required | description |", "| --- | --- | --- | --- |"]
        required = set(shape.get("required", ()))
        for field, value in shape["properties"].items():
            cells = (
                f"`{field}`",
                _type(field, value, definitions),
                "yes" if field in required else "no",
                _cell(REQUIREDNESS.sub("", value.get("description", ""))),
            )
            rows.append("| " + " | ".join(cells) + " |")
        parts.append(f"### {heading}\n\n{_paragraph(intro)}\n\n" + "\n".join(rows))
    return "\n\n".join(parts) + "\n"


def _object(definition: dict[str, Any]) -> dict[str, Any] | None:
    """The object a definition describes (for a model also written as text, its mapping form)."""
    if "properties" in definition:
        return definition
    for branch in definition.get("anyOf", ()):
        if isinstance(branch, dict) and "properties" in branch:
            return branch
    return None


def _type(field: str, value: dict[str, Any], definitions: dict[str, Any]) -> str:
    """A readable type: 'date or date range', 'list of summit ids', the values of an enum."""
    branches = [b for b in value.get("anyOf", [value]) if b != {"type": "null"}]
    names = []
    for branch in branches:
        name = _one_type(field, branch, definitions)
        if name not in names:
            names.append(name)
    return " or ".join(names)


def _one_type(field: str, value: dict[str, Any], definitions: dict[str, Any]) -> str:
    if "$ref" in value:
        name = value["$ref"].rsplit("/", 1)[-1]
        if name in NAMED:
            return NAMED[name]
        return _one_type(field, definitions[name], definitions)
    if "enum" in value:
        return "one of " + ", ".join(f"`{option}`" for option in value["enum"])
    kind = value.get("type")
    if kind == "array":
        item = _one_type(field, value["items"], definitions)
        return "list of " + _plural(item)
    if kind == "boolean":
        return "true or false"
    if kind == "object":
        return "mapping"
    if kind == "string":
        if value.get("pattern") == ID_PATTERN:
            return f"{REFERS_TO[field]} id" if field in REFERS_TO else "id"
        return {"date": "date", "date-time": "date and time"}.get(value.get("format", ""), "text")
    raise ValueError(f"no name for the type of {field!r}: {value}")


def _plural(name: str) -> str:
    """'summit id' -> 'summit ids'; '[claim](#claim)' -> '[claims](#claim)'."""
    return re.sub(r"^\[(.*)\](\(.*\))$", r"[\1s]\2", name) if name.startswith("[") else name + "s"


def _text(description: str) -> str:
    """A description as one paragraph: RST literals as Markdown code, whitespace collapsed."""
    return re.sub(r"\s+", " ", description.replace("``", "`")).strip()


def _paragraph(text: str) -> str:
    """Prose wrapped as the README's is (tables are not: a row is one line)."""
    return textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def _cell(description: str) -> str:
    return _text(description).replace("|", "\\|")
