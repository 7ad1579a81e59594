"""Why the write side refuses a command: each conflict names the thing by its id.

Only an input layer knows where a thing was written (a scenario's line and column): it
turns these into located problems (`tracker.scenario.problems.locate_refusal`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["summit", "source", "claim", "correction"]


@dataclass(frozen=True)
class Conflict:
    """One thing of a command that cannot be recorded, and why."""

    kind: Kind
    ident: str
    message: str
    field: str = ""
    """The field of the thing at fault, where it is one field (e.g. `recorded_on`)."""

    def __str__(self) -> str:
        where = f"{self.kind} {self.ident!r}" + (f" ({self.field})" if self.field else "")
        return f"{where}: {self.message}"


class Refused(ValueError):
    """A recording rule refuses one thing: the message says which rule and what to do, and
    `field` which of the thing's fields is at fault, where it is one."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class RecordingRefused(Exception):
    """The command was refused whole, for these conflicts; nothing was recorded."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__("; ".join(str(c) for c in conflicts))
        self.conflicts = conflicts
