"""Dates that may be known only to a range, and the time windows of summits."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictBool,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

SEPARATOR = "/"


DAY_TEXT = r"\d{4}-\d{2}-\d{2}"
DAY_PATTERN = re.compile(f"^{DAY_TEXT}$")


def parse_day(text: str) -> dt.date:
    """Parse an ISO date written YYYY-MM-DD (not 20250722, not a week date)."""
    if not DAY_PATTERN.match(text.strip()):
        raise ValueError(f"{text!r} is not a date: expected YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None


def _as_day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_day(value)
    raise ValueError(f"expected a date written YYYY-MM-DD, got {type(value).__name__} {value!r}")


Day = Annotated[dt.date, BeforeValidator(_as_day)]
"""A calendar day, from a `date` or an ISO string only: never from a number."""


class WrittenAsText(BaseModel):
    """A model its validator also accepts as text `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`;
    its JSON Schema says so, so that editors accept the short form too."""

    text_example: ClassVar[str] = "2025-07-22"

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        pattern = f"^{DAY_TEXT}({SEPARATOR}{DAY_TEXT})?$"
        text = {"type": "string", "pattern": pattern, "examples": [cls.text_example]}
        return {"anyOf": [text, handler(core_schema)]}


class DateSpan(WrittenAsText):
    """A day known exactly, or only to lie between two days (both included).

    Written as ``2025-07-22`` when exact and ``2025-10-22/2025-11-21`` (an ISO 8601
    interval) when only bounded; a mapping ``{earliest: ..., latest: ...}`` is accepted too.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    text_example: ClassVar[str] = "2025-10-22/2025-11-21"

    earliest: Day
    latest: Day

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise ValueError("expected a date, not a date and time")
        if isinstance(value, dt.date):
            return {"earliest": value, "latest": value}
        if isinstance(value, str):
            first, sep, last = value.partition(SEPARATOR)
            start = parse_day(first)
            return {"earliest": start, "latest": parse_day(last) if sep else start}
        if not isinstance(value, dict | DateSpan):
            raise ValueError(
                "expected a date written YYYY-MM-DD, or a range YYYY-MM-DD/YYYY-MM-DD, "
                f"got {type(value).__name__} {value!r}"
            )
        return value

    @model_validator(mode="after")
    def _ordered(self) -> DateSpan:
        if self.latest < self.earliest:
            raise ValueError(f"range ends ({self.latest}) before it starts ({self.earliest})")
        return self

    @classmethod
    def on(cls, day: dt.date) -> DateSpan:
        return cls(earliest=day, latest=day)

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def __str__(self) -> str:
        if self.exact:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}{SEPARATOR}{self.latest.isoformat()}"

    @model_serializer
    def _as_text(self) -> str:
        return str(self)


class TimeWindow(WrittenAsText):
    """When a summit is expected to take place: open-ended if it has no end."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text_example: ClassVar[str] = "2025-08-31/2025-09-03"

    start: Day | None = None
    end: Day | None = None
    approximate: StrictBool = Field(
        default=False, description="True when the dates are a rough bracket, not a schedule."
    )
    note: str | None = Field(default=None, description='How the window is known: "next week".')

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            span = DateSpan.model_validate(value)
            return {"start": span.earliest, "end": span.latest}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> TimeWindow:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")
        return self

    def has_passed(self, day: dt.date) -> bool:
        return self.end is not None and day > self.end

    def __str__(self) -> str:
        """ISO 8601 interval, open ends as `..` (EDTF), `~` in front when approximate."""
        start = self.start.isoformat() if self.start else ".."
        end = self.end.isoformat() if self.end else ".."
        text = f"{start}{SEPARATOR}{end}" if start != end else start
        return f"~{text}" if self.approximate else text
