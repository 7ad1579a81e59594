"""Errors in a user's input, each pointing at a file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.text import escaped


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
