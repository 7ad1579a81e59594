"""DateSpan and TimeWindow: parsing, rejection of non-dates, serialisation, and when a window has passed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from tracker.domain.dates import DateSpan, TimeWindow


def test_an_exact_day_parses_to_a_span_of_one_day() -> None:
    span = DateSpan.model_validate("2025-07-22")
    assert (span.earliest, span.latest, span.exact) == (dt.date(2025, 7, 22), dt.date(2025, 7, 22), True)


def test_a_range_parses_to_its_two_bounds() -> None:
    span = DateSpan.model_validate("2025-10-22/2025-11-21")
    assert (span.earliest, span.latest, span.exact) == (dt.date(2025, 10, 22), dt.date(2025, 11, 21), False)


def test_a_mapping_parses_like_the_interval_text() -> None:
    mapping = DateSpan.model_validate({"earliest": "2025-10-22", "latest": "2025-11-21"})
    assert mapping == DateSpan.model_validate("2025-10-22/2025-11-21")


def test_a_date_parses_to_a_span_of_that_day() -> None:
    assert DateSpan.model_validate(dt.date(2025, 7, 22)) == DateSpan.on(dt.date(2025, 7, 22))


@pytest.mark.parametrize(
    "value",
    ["2025-11-21/2025-10-22", {"earliest": "2025-11-21", "latest": "2025-10-22"}],
)
def test_a_range_that_ends_before_it_starts_is_rejected(value: Any) -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        DateSpan.model_validate(value)


def test_a_date_and_time_as_a_range_bound_is_rejected() -> None:
    with pytest.raises(ValidationError, match="date and time"):
        DateSpan.model_validate({"earliest": dt.datetime(2025, 7, 22, 10, 30), "latest": "2025-07-23"})


@pytest.mark.parametrize(
    "value", [dt.datetime(2025, 7, 22, 10, 30), "2025-07-22T10:30", "2025-07-22T10:30:00"]
)
def test_a_time_without_its_utc_offset_is_rejected(value: Any) -> None:
    with pytest.raises(ValidationError, match="UTC offset"):
        DateSpan.model_validate(value)


@pytest.mark.parametrize(
    ("text", "written", "utc"),
    [
        ("2025-10-10T14:05-04:00", "2025-10-10T14:05:00-04:00", "2025-10-10T18:05:00+00:00"),
        ("2025-10-10T23:30-04:00", "2025-10-10T23:30:00-04:00", "2025-10-11T03:30:00+00:00"),
        ("2025-10-10T09:00Z", "2025-10-10T09:00:00Z", "2025-10-10T09:00:00+00:00"),
        ("2025-10-10T09:00:30+03:00", "2025-10-10T09:00:30+03:00", "2025-10-10T06:00:30+00:00"),
    ],
)
def test_a_time_with_its_offset_is_an_exact_day_as_written(text: str, written: str, utc: str) -> None:
    span = DateSpan.model_validate(text)
    assert span.exact and span.earliest == dt.date(2025, 10, 10)  # the day as written, not in UTC
    assert span.instant is not None and span.instant.isoformat() == utc
    assert str(span) == written and DateSpan.model_validate(str(span)) == span
    assert DateSpan.model_validate(span.model_dump()) == span


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-10-10T14:05-04:00/2025-10-12", "range of days has no time"),
        (
            {"earliest": "2025-10-10", "latest": "2025-10-11", "at": "2025-10-10T14:05Z"},
            "only for an exact day",
        ),
        (
            {"earliest": "2025-10-11", "latest": "2025-10-11", "at": "2025-10-10T14:05Z"},
            "only for an exact day",
        ),
        ("2025-10-10T25:05Z", "not a time"),
        ("2025-10-10 14:05Z", "not a date"),
    ],
)
def test_a_time_is_refused_where_it_cannot_be(value: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        DateSpan.model_validate(value)


def test_a_window_is_of_days() -> None:
    with pytest.raises(ValidationError, match="window is of days"):
        TimeWindow.model_validate("2025-10-10T14:05Z")


def test_a_reader_sees_a_timed_source_from_its_time_and_an_untimed_one_after_its_day() -> None:
    timed = DateSpan.model_validate("2025-10-10T14:05-04:00")
    day = DateSpan.model_validate("2025-10-10")
    utc = dt.UTC
    assert not timed.seen_by(dt.datetime(2025, 10, 10, 18, 4, tzinfo=utc))
    assert timed.seen_by(dt.datetime(2025, 10, 10, 18, 5, tzinfo=utc))
    assert not day.seen_by(dt.datetime(2025, 10, 10, 23, 59, tzinfo=utc))
    assert day.seen_by(dt.datetime(2025, 10, 11, 0, 0, tzinfo=utc))


@pytest.mark.parametrize("value", [20250722, {"earliest": 20250722, "latest": 20250722}])
def test_an_integer_is_not_a_date(value: Any) -> None:
    with pytest.raises(ValidationError):
        DateSpan.model_validate(value)


@pytest.mark.parametrize("value", ["22/07/2025", "July 22, 2025", "2025-07-22/", "2025-02-30"])
def test_text_that_is_not_an_iso_date_is_rejected(value: str) -> None:
    with pytest.raises(ValidationError):
        DateSpan.model_validate(value)


@pytest.mark.parametrize("value", ["20250722", "2025-W30-2", "2025-07-22/20250725"])
def test_only_the_yyyy_mm_dd_form_of_a_day_is_accepted(value: str) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        DateSpan.model_validate(value)


@pytest.mark.parametrize("text", ["2025-07-22", "2025-10-22/2025-11-21"])
def test_a_span_serialises_back_to_the_text_it_was_parsed_from(text: str) -> None:
    span = DateSpan.model_validate(text)
    assert str(span) == text
    assert span.model_dump_json() == f'"{text}"'
    assert DateSpan.model_validate(span.model_dump()) == span


def test_a_window_parses_from_interval_text() -> None:
    window = TimeWindow.model_validate("2025-08-01/2025-08-10")
    assert (window.start, window.end) == (dt.date(2025, 8, 1), dt.date(2025, 8, 10))


def test_a_window_that_ends_before_it_starts_is_rejected() -> None:
    with pytest.raises(ValidationError, match="before it starts"):
        TimeWindow(start=dt.date(2025, 8, 10), end=dt.date(2025, 8, 1))


def test_a_window_has_passed_only_after_its_last_day() -> None:
    window = TimeWindow.model_validate("2025-08-01/2025-08-10")
    assert not window.has_passed(dt.date(2025, 8, 1))
    assert not window.has_passed(dt.date(2025, 8, 10))
    assert window.has_passed(dt.date(2025, 8, 11))


def test_an_open_ended_window_never_passes() -> None:
    window = TimeWindow(start=dt.date(2025, 8, 1))
    assert not window.has_passed(dt.date(9999, 12, 31))


def test_an_approximate_window_passes_like_an_exact_one() -> None:
    window = TimeWindow(start=dt.date(2025, 8, 1), end=dt.date(2025, 8, 10), approximate=True)
    assert window.has_passed(dt.date(2025, 8, 11))
