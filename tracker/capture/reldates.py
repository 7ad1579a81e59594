"""A small grammar of the dates a news text writes, resolved against its publication day.

Why not dateparser: it parses one date string that it is given, but the assistant must first
find the expressions in running text, know what each one is relative to ("a day earlier" is a
day before the statement just reported, not before the publication) and give a *range* when
the text only names a month or a week ("in late July", "last week"), never a made-up day.
The forms news texts use are few; a grammar of them is shorter than the glue around a
library, has no dependency, and every form has a test (tests/test_capture_dates.py).

The forms: `today`, `yesterday`, `on Monday` (`last Monday`), `N days ago`, `a day earlier` /
`the day before` / `N days earlier` (before the anchor: the date of the statement reported
before), `at the time` / `that day` (the anchor), `this week`, `last week`, `this month`,
`last month`, `this year`, `last year`, `in July` (`early`, `mid-`, `late July`, `July 2025`),
`August 15` / `15 August` (`, 2025`), `2025-08-15`, `from August 31 to September 3`, `in 2017`,
and, pointing forward (never a statement's date), `next week`, `next month`, `in the upcoming
days`, `by the end of the year`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

_MONTH = "(?:" + "|".join(n.capitalize() for n in MONTHS) + ")"
_WEEKDAY = "(?:" + "|".join(n.capitalize() for n in WEEKDAYS) + ")"
_COUNT = r"(?:\d+|a|one|two|three|four|five|six|seven)"

FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "range",
        re.compile(
            rf"\bfrom (?P<m1>{_MONTH}) (?P<d1>\d{{1,2}})(?:st|nd|rd|th)? (?:to|until|through|-|–) "
            rf"(?:(?P<m2>{_MONTH}) )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y>\d{{4}}))?"
        ),
    ),
    (
        "month_day",
        re.compile(rf"\b(?P<m>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<y>\d{{4}}))?"),
    ),
    ("day_month", re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_MONTH})\b(?:,? (?P<y>\d{{4}}))?")),
    ("back", re.compile(rf"\b(?:just )?(?P<n>{_COUNT}) days? (?:earlier|before)\b", re.I)),
    ("back", re.compile(r"\b(?:the (?:day before|previous day))\b(?! yesterday)", re.I)),
    ("same", re.compile(r"\b(?:at the time|that day|the same day|that same day)\b", re.I)),
    ("ago", re.compile(rf"\b(?P<n>{_COUNT}) days? ago\b", re.I)),
    ("day_before_yesterday", re.compile(r"\bthe day before yesterday\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b")),
    ("weekday", re.compile(rf"\b(?:(?P<last>last|this past) )?(?P<w>{_WEEKDAY})\b")),
    ("week", re.compile(r"\b(?P<which>last|this|earlier this|next) week\b", re.I)),
    ("month_rel", re.compile(r"\b(?P<which>last|this|earlier this|next) month\b", re.I)),
    ("year_rel", re.compile(r"\b(?P<which>last|this|earlier this|next) year\b", re.I)),
    (
        "forward",
        re.compile(r"\b(?:in the (?:upcoming|coming|next) (?:days|weeks)|by the end of the year)\b", re.I),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:(?P<part>early|mid|late|the end of|end of|the beginning of)[- ])?(?P<m>{_MONTH})\b"
            r"(?:,? (?P<y>\d{4}))?(?! \d)"
        ),
    ),
    ("year", re.compile(r"(?<![\d,-])\b(?P<y>(?:19|20)\d{2})\b(?![\d-])")),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression of the text: where it is, the days it means, and how that was found."""

    start: int
    end: int
    words: str
    form: str
    earliest: dt.date
    latest: dt.date
    forward: bool
    """It points after the publication (a plan, not a statement's date)."""
    how: str

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    def text(self) -> str:
        if self.exact:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}/{self.latest.isoformat()}"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word.lower(), 1)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(
    form: str, m: re.Match[str], published: dt.date, anchor: tuple[dt.date, dt.date] | None
) -> tuple[dt.date, dt.date, str] | None:
    """The days an expression means (earliest, latest) and how; None if it means none."""
    group = m.groupdict()
    if form == "iso":
        day = _day(int(group["y"]), int(group["m"]), int(group["d"]))
        return (day, day, "a date") if day else None
    if form in ("month_day", "day_month"):
        month = MONTHS[group["m"].lower()]
        year = int(group["y"]) if group.get("y") else published.year
        day = _day(year, month, int(group["d"]))
        if day is None:
            return None
        return day, day, "a date" if group.get("y") else f"a date, in the year of publication ({year})"
    if form == "range":
        year = int(group["y"]) if group.get("y") else published.year
        first = _day(year, MONTHS[group["m1"].lower()], int(group["d1"]))
        last = _day(year, MONTHS[(group.get("m2") or group["m1"]).lower()], int(group["d2"]))
        if first is None or last is None or last < first:
            return None
        return first, last, "a range of days"
    if form == "back":
        base = anchor or (published, published)
        days = _count(group.get("n") or "1")
        what = "the statement reported before" if anchor else "the publication"
        return (
            base[0] - dt.timedelta(days=days),
            base[1] - dt.timedelta(days=days),
            f"{days} day(s) before {what}",
        )
    if form == "same":
        if anchor is None:
            return None
        return anchor[0], anchor[1], "the date of the statement reported before"
    if form == "ago":
        day = published - dt.timedelta(days=_count(group["n"]))
        return day, day, "days before the publication"
    if form == "day_before_yesterday":
        day = published - dt.timedelta(days=2)
        return day, day, "two days before the publication"
    if form == "yesterday":
        day = published - dt.timedelta(days=1)
        return day, day, "the day before the publication"
    if form == "today":
        return published, published, "the day of publication"
    if form == "weekday":
        wanted = WEEKDAYS[group["w"].lower()]
        back = (published.weekday() - wanted) % 7
        if group.get("last") and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
        return day, day, f"the last {group['w']} on or before the publication ({published:%A} {published})"
    if form == "week":
        which = group["which"].lower()
        monday = published - dt.timedelta(days=published.weekday())
        if which == "last":
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "the week before publication"
        if which == "next":
            return monday + dt.timedelta(days=7), monday + dt.timedelta(days=13), "the week after publication"
        end = published - dt.timedelta(days=1) if which == "earlier this" else published
        return monday, max(monday, end), "the week of publication, up to it"
    if form == "month_rel":
        which = group["which"].lower()
        first = published.replace(day=1)
        if which == "last":
            previous = first - dt.timedelta(days=1)
            return previous.replace(day=1), previous, "the month before publication"
        if which == "next":
            following = _month_end(published.year, published.month) + dt.timedelta(days=1)
            return following, _month_end(following.year, following.month), "the month after publication"
        return first, published, "the month of publication, up to it"
    if form == "year_rel":
        which = group["which"].lower()
        year = published.year - 1 if which == "last" else published.year + (which == "next")
        if which in ("this", "earlier this"):
            return dt.date(year, 1, 1), published, "the year of publication, up to it"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), f"the year {year}"
    if form == "forward":
        words = m.group().lower()
        if "end of the year" in words:
            return published, dt.date(published.year, 12, 31), "by the end of the year of publication"
        return published, published + dt.timedelta(days=14), "the days after publication"
    if form == "month":
        month = MONTHS[group["m"].lower()]
        if group.get("y"):
            year = int(group["y"])
        else:
            year = published.year if month <= published.month else published.year - 1
        first, last = dt.date(year, month, 1), _month_end(year, month)
        part = (group.get("part") or "").lower()
        if part == "early" or part.endswith("beginning of"):
            last = dt.date(year, month, 10)
        elif part == "mid":
            first, last = dt.date(year, month, 11), dt.date(year, month, 20)
        elif part in ("late", "the end of", "end of"):
            first = dt.date(year, month, 20)
        how = f"{part + ' ' if part else ''}{group['m']} {year}"
        return first, last, how if group.get("y") else how + ", the last before the publication"
    if form == "year":
        year = int(group["y"])
        return dt.date(year, 1, 1), dt.date(year, 12, 31), f"the year {year}"
    return None


FORWARD_FORMS = frozenset({"forward"})


def mentions(
    text: str, start: int, end: int, published: dt.date, anchor: tuple[dt.date, dt.date] | None = None
) -> list[DateMention]:
    """The date expressions of `text[start:end]`, left to right, none inside another."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    window = text[start:end]
    for form, pattern in FORMS:
        for m in pattern.finditer(window):
            a, b = start + m.start(), start + m.end()
            if any(a < t_end and t_start < b for t_start, t_end in taken):
                continue
            resolved = _resolve(form, m, published, anchor)
            if resolved is None:
                continue
            earliest, latest, how = resolved
            forward = form in FORWARD_FORMS or earliest > published or m.group().lower().startswith("next")
            taken.append((a, b))
            found.append(DateMention(a, b, m.group(), form, earliest, latest, forward, how))
    found.sort(key=lambda d: d.start)
    return found


def statement_day(mention: DateMention, published: dt.date) -> tuple[dt.date, dt.date] | None:
    """The days a statement made at `mention` may have been made: never after the publication;
    None for a date that points forward."""
    if mention.forward or mention.earliest > published:
        return None
    return mention.earliest, min(mention.latest, published)
