"""Dates that may be known only to a range, and the time windows of summits."""

from __future__ import annotations

import datetime as dt
import functools
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

from tracker.domain.text import Text

SEPARATOR = "/"


DAY_TEXT = r"\d{4}-\d{2}-\d{2}"
DAY_PATTERN = re.compile(f"^{DAY_TEXT}$")

EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2199, 12, 31)
"""The calendar days the tracker accepts, everywhere. The read model uses 0001-01-01 as its
"beginning of time" and adds days to window ends, so no day may come near `date.min` or
`date.max`; four-digit years keep ISO text sortable; modern diplomacy lies well inside."""
RANGE_TEXT = f"{EARLIEST_DAY.isoformat()} to {LATEST_DAY.isoformat()}"


def in_range(day: dt.date) -> dt.date:
    """`day`, if it lies in the supported range; else a ValueError naming the range."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"{day.isoformat()} is outside the supported range of days, {RANGE_TEXT}")
    return day


def parse_day(text: str) -> dt.date:
    """Parse an ISO date written YYYY-MM-DD (not 20250722, not a week date), in the range."""
    if not DAY_PATTERN.match(text.strip()):
        raise ValueError(f"{text!r} is not a date: expected YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(f"{text!r} is not a date: {error}") from None
    return in_range(day)


def moment_in_range(moment: dt.datetime) -> dt.datetime:
    """`moment` if, converted to UTC (a naive one is taken as UTC), its day is in the range."""
    try:
        utc = moment.astimezone(dt.UTC) if moment.tzinfo is not None else moment
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST_DAY <= utc.date() <= LATEST_DAY:
        raise ValueError(
            f"{moment.isoformat()} is outside the supported range of days, {RANGE_TEXT} (in UTC)"
        )
    return moment


def parse_moment(text: str) -> dt.date | dt.datetime:
    """A day (YYYY-MM-DD) or an ISO 8601 date and time, in the range (in UTC)."""
    if DAY_PATTERN.match(text.strip()):
        return parse_day(text)
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date or time: expected YYYY-MM-DD or an ISO 8601 time") from None
    return moment_in_range(moment)


def _as_day(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return in_range(value)
    if isinstance(value, str):
        return parse_day(value)
    raise ValueError(f"expected a date written YYYY-MM-DD, got {type(value).__name__} {value!r}")


def _as_moment(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return moment_in_range(value)
    if isinstance(value, dt.date):
        return in_range(value)
    if isinstance(value, str):
        return parse_moment(value)
    raise ValueError(
        "expected a date written YYYY-MM-DD or a time YYYY-MM-DDTHH:MM+HH:MM, "
        f"got {type(value).__name__} {value!r}"
    )


Day = Annotated[dt.date, BeforeValidator(_as_day)]
"""A calendar day in the range, from a `date` or an ISO string only: never from a number."""

Moment = Annotated[Day | dt.datetime, BeforeValidator(_as_moment)]
"""A day (meaning its end) or a date and time, in the range once converted to UTC."""


class WrittenAsText(BaseModel):
    """A model its validator also accepts as text `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`;
    its JSON Schema says so, so that editors accept the short form too."""

    model_config = ConfigDict(defer_build=True)

    text_example: ClassVar[str] = "2025-07-22"
    timed: ClassVar[bool] = False

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        pattern = f"^{DAY_TEXT}({SEPARATOR}{DAY_TEXT})?$"
        if cls.timed:
            pattern = f"^({DAY_TEXT}({SEPARATOR}{DAY_TEXT})?|{TIMED_TEXT})$"
        text = {"type": "string", "pattern": pattern, "examples": [cls.text_example]}
        return {"anyOf": [text, handler(core_schema)]}


TIMED_TEXT = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})"
TIMED_PATTERN = re.compile(f"^{TIMED_TEXT}$")


def parse_timed(text: str) -> dt.datetime:
    """A date and time with its UTC offset (`2025-10-10T14:05-04:00`, `...Z`), in the range."""
    text = text.strip()
    if not TIMED_PATTERN.match(text):
        raise ValueError(
            f"{text!r} is not a time of day with its UTC offset: expected YYYY-MM-DDTHH:MM+HH:MM "
            "(or Z for UTC), e.g. 2025-10-10T14:05-04:00"
        )
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a time: {error}") from None
    return moment_in_range(moment)


class DateSpan(WrittenAsText):
    """A day known exactly, perhaps to the minute, or only to lie between two days (both
    included).

    Written as ``2025-07-22`` when exact, ``2025-10-10T14:05-04:00`` when the time is known
    too (with its UTC offset; the day is the one written, in that offset), and
    ``2025-10-22/2025-11-21`` (an ISO 8601 interval) when only bounded; a mapping
    ``{earliest: ..., latest: ..., at: ...}`` is accepted too.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    text_example: ClassVar[str] = "2025-10-22/2025-11-21"
    timed: ClassVar[bool] = True

    earliest: Day = Field(description="Required. The first day it may be.")
    latest: Day = Field(
        description="Required. The last day it may be, not before `earliest`; the same day when exact."
    )
    at: dt.datetime | None = Field(
        default=None,
        description="Optional. The time, with its UTC offset, when known: only for an exact day, "
        "which is its date as written. Orders claims within a day (R6, R13).",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                raise ValueError("a time needs its UTC offset, e.g. 2025-10-10T14:05-04:00")
            return {"earliest": value.date(), "latest": value.date(), "at": value}
        if isinstance(value, dt.date):
            return {"earliest": value, "latest": value}
        if isinstance(value, str):
            first, sep, last = value.partition(SEPARATOR)
            if "T" in value:
                if sep:
                    raise ValueError("a range of days has no time of day: write the days only")
                moment = parse_timed(value)
                return {"earliest": moment.date(), "latest": moment.date(), "at": moment}
            start = parse_day(first)
            return {"earliest": start, "latest": parse_day(last) if sep else start}
        if not isinstance(value, dict | DateSpan):
            raise ValueError(
                "expected a date written YYYY-MM-DD, a time YYYY-MM-DDTHH:MM+HH:MM, or a range "
                f"YYYY-MM-DD/YYYY-MM-DD, got {type(value).__name__} {value!r}"
            )
        return value

    @model_validator(mode="after")
    def _ordered(self) -> DateSpan:
        if self.latest < self.earliest:
            raise ValueError(f"range ends ({self.latest}) before it starts ({self.earliest})")
        if self.at is not None:
            if self.at.tzinfo is None:
                raise ValueError("a time needs its UTC offset, e.g. 2025-10-10T14:05-04:00")
            if not self.exact or self.at.date() != self.earliest:
                raise ValueError("a time is only for an exact day, and falls on that day")
        return self

    @classmethod
    def on(cls, day: dt.date) -> DateSpan:
        return cls(earliest=day, latest=day)

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def instant(self) -> dt.datetime | None:
        """The time in UTC, if known: what orders claims within a day."""
        return self.at.astimezone(dt.UTC) if self.at is not None else None

    def seen_by(self, moment: dt.datetime) -> bool:
        """Whether a reader at `moment` could have seen it (R1): by its time when it has one,
        else once its (latest) day is over, in the zone of `moment`."""
        if self.at is not None:
            return self.at <= moment
        return self.latest < moment.date()

    def __str__(self) -> str:
        if self.at is not None:
            return self.at.isoformat().replace("+00:00", "Z")
        if self.exact:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}{SEPARATOR}{self.latest.isoformat()}"

    @model_serializer
    def _as_text(self) -> str:
        return str(self)


class TimeWindow(WrittenAsText):
    """When a summit is expected to take place: open-ended if it has no end.

    Written as one date (``2025-08-15``), a range (``2025-08-31/2025-09-03``), or a mapping of
    the fields below.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    text_example: ClassVar[str] = "2025-08-31/2025-09-03"

    start: Day | None = Field(default=None, description="Optional. The first day; none: not known.")
    end: Day | None = Field(
        default=None,
        description="Optional. The last day, not before `start`; none: open-ended, and a summit with "
        "an open-ended window never lapses.",
    )
    approximate: StrictBool = Field(
        default=False,
        description="Optional, default false. True when the dates are a rough bracket, not a schedule.",
    )
    note: Text | None = Field(
        default=None, description="Optional. How the window is known, e.g. 'next week'."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            if "T" in value:
                raise ValueError("a window is of days: write YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD")
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


@functools.lru_cache(maxsize=65536)
def span_of(text: str) -> DateSpan:
    """The day or range of days of its text as stored and printed (`str(DateSpan)`), parsed
    once per text: a store of a million claims holds far fewer distinct days."""
    return DateSpan.model_validate(text)


def stored_span(value: Any) -> DateSpan:
    """A day or range of days from its stored form (its text, parsed once per text)."""
    return span_of(value) if isinstance(value, str) else DateSpan.model_validate(value)


def span_text(value: Any) -> str:
    """A day or range of days as `DateSpan` writes it, from its stored form."""
    return str(stored_span(value))
