"""Errors in a user's input, each pointing at a file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with one place of one input file."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InvalidInput(Exception):
    """Raised with every problem found in an input; nothing has been recorded."""

    def __init__(self, problems: list[InputProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
