"""The capture assistant's grammar of relative dates: each form, against a publication day."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.capture import reldates
from tracker.capture.source import printed_date

PUBLISHED = dt.date(2025, 7, 22)  # a Tuesday
ANCHOR = (dt.date(2025, 7, 21), dt.date(2025, 7, 21))


def resolved(text: str, anchor: tuple[dt.date, dt.date] | None = None) -> tuple[str, str]:
    (mention,) = reldates.mentions(text, 0, len(text), PUBLISHED, anchor)
    return mention.words, mention.text()


@pytest.mark.parametrize(
    ("text", "words", "days"),
    [
        ("he said today", "today", "2025-07-22"),
        ("he said yesterday", "yesterday", "2025-07-21"),
        ("he said the day before yesterday", "the day before yesterday", "2025-07-20"),
        ("he said on Monday", "Monday", "2025-07-21"),
        ("he said on Tuesday", "Tuesday", "2025-07-22"),
        ("he said on Wednesday", "Wednesday", "2025-07-16"),
        ("he said last Tuesday", "last Tuesday", "2025-07-15"),
        ("he said three days ago", "three days ago", "2025-07-19"),
        ("he said last week", "last week", "2025-07-14/2025-07-20"),
        ("he said this week", "this week", "2025-07-21/2025-07-22"),
        ("he said earlier this week", "earlier this week", "2025-07-21"),
        ("he said last month", "last month", "2025-06-01/2025-06-30"),
        ("he said this month", "this month", "2025-07-01/2025-07-22"),
        ("he said last year", "last year", "2024-01-01/2024-12-31"),
        ("he said in June", "June", "2025-06-01/2025-06-30"),
        ("he said in late June", "late June", "2025-06-20/2025-06-30"),
        ("he said in early June", "early June", "2025-06-01/2025-06-10"),
        ("he said in mid-June", "mid-June", "2025-06-11/2025-06-20"),
        ("he said in September", "September", "2024-09-01/2024-09-30"),
        ("he said in June 2023", "June 2023", "2023-06-01/2023-06-30"),
        ("they met on June 5", "June 5", "2025-06-05"),
        ("they met on 5 June 2024", "5 June 2024", "2024-06-05"),
        ("they met on August 15, 2025", "August 15, 2025", "2025-08-15"),
        ("dated 2025-07-01", "2025-07-01", "2025-07-01"),
        ("they met in 2018", "2018", "2018-01-01/2018-12-31"),
        ("a trip from August 31 to September 3", "from August 31 to September 3", "2025-08-31/2025-09-03"),
    ],
)
def test_each_form(text: str, words: str, days: str) -> None:
    assert resolved(text) == (words, days)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("just a day earlier, he said", "2025-07-20"),
        ("two days earlier, he said", "2025-07-19"),
        ("the day before, he said", "2025-07-20"),
        ("he said at the time", "2025-07-21"),
    ],
)
def test_back_references_count_from_the_statement_reported_before(text: str, days: str) -> None:
    assert resolved(text, ANCHOR)[1] == days


def test_a_day_earlier_without_an_anchor_counts_from_the_publication() -> None:
    assert resolved("a day earlier, he said")[1] == "2025-07-21"


def test_at_the_time_without_an_anchor_means_nothing() -> None:
    assert reldates.mentions("he said at the time", 0, 19, PUBLISHED) == []


@pytest.mark.parametrize(
    "text", ["a visit next week", "a meeting in the upcoming days", "by the end of the year"]
)
def test_forward_expressions_are_never_a_statements_day(text: str) -> None:
    (mention,) = reldates.mentions(text, 0, len(text), PUBLISHED)
    assert mention.forward
    assert reldates.statement_day(mention, PUBLISHED) is None


def test_a_statement_day_never_passes_the_publication() -> None:
    (mention,) = reldates.mentions("he said this month", 0, 18, PUBLISHED)
    assert reldates.statement_day(mention, PUBLISHED) == (dt.date(2025, 7, 1), PUBLISHED)


def test_a_capitalised_today_in_a_name_is_not_a_date() -> None:
    assert reldates.mentions("citing Russia Today", 0, 19, PUBLISHED) == []


@pytest.mark.parametrize(
    ("header", "day"),
    [
        ("date 2025-07-22 403\nHeadline", dt.date(2025, 7, 22)),
        ("Tuesday, July 22, 2025  Read time", dt.date(2025, 7, 22)),
        ("Moscow, 7 August 2025 – text", dt.date(2025, 8, 7)),
    ],
)
def test_the_printed_publication_date(header: str, day: dt.date) -> None:
    found = printed_date(header)
    assert found is not None and found[0] == day


def test_no_printed_date() -> None:
    assert printed_date("Peskov said on Monday that nothing was planned.") is None
