"""Problems of a user's input, each located at a file, line, column and field; collecting them
for one scenario file through its YAML node marks; and locating the write side's refusals."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from tracker.domain.text import escaped
from tracker.scenario.yamlnodes import LocatedData
from tracker.scenario.yamlnodes import Path as NodePath


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with one place of one input file."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        """`file:line:column: field: message`, control characters escaped (safe on a terminal)."""
        where = escaped(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        message = escaped(self.message)
        return f"{where}: {escaped(self.field)}: {message}" if self.field else f"{where}: {message}"


class InvalidInput(Exception):
    """Raised with every problem found in an input; nothing has been recorded."""

    def __init__(self, problems: list[InputProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def __reduce__(self) -> tuple[type[InvalidInput], tuple[list[InputProblem]]]:
        """Pickled as its problems (an ingest's worker process sends it back whole)."""
        return InvalidInput, (self.problems,)


def known_keys(model: type[BaseModel] | None, path: Iterable[str | int]) -> list[str]:
    """The keys of the model found by following `path` into `model` (through optional values,
    lists and nested models); none where the path leads elsewhere."""
    for part in path:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """`: did you mean 'status'?` when a known key is close to `key`; else nothing."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f": did you mean {close[0]!r}?" if close else ""


def field_name(path: Iterable[str | int]) -> str:
    """`("claims", 2, "kind")` -> `claims[2].kind`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class Problems:
    """The problems found so far in one file, located through its YAML node marks."""

    def __init__(
        self, path: Path, located: LocatedData | None = None, *, stop_at_first: bool = False
    ) -> None:
        self.path = path
        self.located = located
        self.found: list[InputProblem] = []
        self.stop_at_first = stop_at_first
        """Raise `InvalidInput` at the first problem: for a first, quick pass whose marks may not
        locate it exactly (a second pass then finds every problem, located)."""

    def add(self, where: NodePath, message: str, *, key: bool = False) -> None:
        mark = self.located.locate(where, key=key) if self.located else None
        self.found.append(
            InputProblem(
                str(self.path),
                mark.line if mark else None,
                mark.column if mark else None,
                field_name(where),
                message,
            )
        )
        if self.stop_at_first:
            raise InvalidInput(self.found)

    def add_validation(
        self, error: ValidationError, prefix: NodePath = (), model: type[BaseModel] | None = None
    ) -> None:
        """Map each of pydantic's error locations back to the YAML that caused it; an unknown
        key of `model` (or of a model inside it) is told the nearest known one."""
        for item in error.errors():
            loc = tuple(p for p in item["loc"] if isinstance(p, (str, int)))
            where = (*prefix, *loc)
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = "unknown key" + did_you_mean(str(loc[-1]), known_keys(model, loc[:-1]))
            elif item["type"] in ("literal_error", "enum"):
                message = f"{item['input']!r} is not one of the allowed values: {message}"
            self.add(where, message, key=item["type"] == "extra_forbidden")

    def line(self, where: NodePath) -> int | None:
        return self.located.line(where) if self.located else None
