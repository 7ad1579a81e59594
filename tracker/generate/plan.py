"""The hidden plan of each generated summit: who meets, where and when, and its fate."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Summit
from tracker.generate.leaders import LEADERS, Leader
from tracker.generate.tables import Table, pick_ranked, zipf
from tracker.generate.words import MONTHS, NEUTRAL_VENUES, OCCASIONS

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)
"""Publication days of a generated corpus lie between these two days, both included."""

FIRST = FIRST_DAY.toordinal()
LAST = LAST_DAY.toordinal()


class Fate(Enum):
    """What truly becomes of a summit."""

    HELD = "held"  # on schedule
    CANCELLED = "cancelled"  # some weeks before its day
    OPEN = "open"  # never held, never called off


class Phase(Enum):
    """Where a summit's story stands on a publication day: what sources can say then."""

    EARLY = "early"  # more than 60 days before its day
    NEAR = "near"  # the last 60 days before
    DUE = "due"  # its day has come, and it is held
    OVERDUE = "overdue"  # its day has come, and it is not held
    AFTER_HELD = "after_held"
    AFTER_CANCELLED = "after_cancelled"
    HISTORIC = "historic"  # a meeting of 2015-2023, only ever mentioned as held


class Shown(Enum):
    """The window a summit is announced with."""

    SCHEDULE = "schedule"  # its exact days
    MONTH = "month"  # "in March", an approximate bracket
    COMING_WEEKS = "coming_weeks"  # open-ended: from some days before
    BY_YEAR_END = "by_year_end"  # open-started: "by the end of the year"
    NONE = "none"  # no window (a claim may disclose it)


PARTICIPANTS = Table([(2, 75), (3, 20), (4, 5)])
FATES = (Fate.HELD, Fate.CANCELLED, Fate.OPEN)
FATE_WEIGHTS = (55, 15, 30)
LEADER_WEIGHTS = zipf(len(LEADERS), 0.9)


@dataclass(frozen=True, slots=True)
class Plan:
    """A summit and what the sources may say about it: its true venue, schedule and fate."""

    index: int  # in the summit table
    summit: Summit
    leaders: tuple[Leader, ...]
    venue: str
    start: int  # ordinal of the scheduled (and, if held, actual) first day
    end: int  # ordinal of the last day
    fate: Fate
    cancelled_on: int  # ordinal; 0 unless cancelled
    historic: bool
    schedule: TimeWindow  # the exact schedule, as a claim may disclose it
    held_on: DateSpan
    held_text: str
    pair: str
    dash: str


def join(names: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def day_text(day: dt.date) -> str:
    """`3 March 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _shown(shape: float, historic: bool) -> Shown:
    if historic:
        return Shown.SCHEDULE if shape < 0.5 else Shown.NONE
    for shown, below in (
        (Shown.SCHEDULE, 0.55),
        (Shown.MONTH, 0.72),
        (Shown.COMING_WEEKS, 0.77),
        (Shown.BY_YEAR_END, 0.80),
    ):
        if shape < below:
            return shown
    return Shown.NONE


def _window(
    rng: random.Random, shown: Shown, first: dt.date, last: dt.date, schedule: TimeWindow
) -> TimeWindow | None:
    if shown is Shown.SCHEDULE:
        return schedule
    if shown is Shown.MONTH:
        month_end = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return TimeWindow(
            start=first.replace(day=1),
            end=max(month_end, last),
            approximate=True,
            note=f"in {MONTHS[first.month - 1]}",
        )
    if shown is Shown.COMING_WEEKS:
        return TimeWindow(start=first - dt.timedelta(days=rng.randint(3, 20)), note="in the coming weeks")
    if shown is Shown.BY_YEAR_END:
        return TimeWindow(end=dt.date(last.year, 12, 31), approximate=True, note="by the end of the year")
    return None


def make_plan(rng: random.Random, index: int, ident: str) -> Plan:
    """The plan of summit number `index` (from 0), with id `ident`."""
    size = PARTICIPANTS.draw(rng)
    chosen: list[Leader] = []
    while len(chosen) < size:
        leader = LEADERS[pick_ranked(rng, LEADER_WEIGHTS)]
        if leader not in chosen:
            chosen.append(leader)
    historic = rng.random() < 0.02
    if historic:
        start = rng.randint(dt.date(2015, 1, 1).toordinal(), dt.date(2023, 12, 20).toordinal())
    else:
        start = rng.randint(dt.date(2024, 3, 1).toordinal(), dt.date(2027, 12, 15).toordinal())
    length = rng.choice((1, 1, 1, 1, 1, 1, 1, 2, 2, 3))
    end = start + length - 1
    first, last = dt.date.fromordinal(start), dt.date.fromordinal(end)
    venue = rng.choice(chosen).capital if rng.random() < 0.45 else rng.choice(NEUTRAL_VENUES)
    fate = Fate.HELD if historic else rng.choices(FATES, FATE_WEIGHTS)[0]
    cancelled_on = start - rng.randint(3, 45) if fate is Fate.CANCELLED else 0
    schedule = TimeWindow(start=first, end=last)
    published_window = _window(rng, _shown(rng.random(), historic), first, last, schedule)
    names = [leader.name for leader in chosen]
    dash = "\N{EN DASH}".join(leader.tag for leader in chosen)
    disclosed = historic or rng.random() < 0.8
    occasion = rng.choice(OCCASIONS) if rng.random() < 0.25 else None
    noun = "summit" if len(chosen) > 2 else rng.choice(("meeting", "summit", "talks"))
    where = f" in {venue}" if disclosed else ""
    title = f"{dash} {noun}{where}, {MONTHS[first.month - 1]} {first.year}"
    aliases = (f"{venue} summit",) if disclosed and rng.random() < 0.05 else ()
    summit = Summit(
        id=ident,
        title=title,
        participants=tuple(names),
        venue=venue if disclosed else None,
        occasion=occasion,
        window=published_window,
        aliases=aliases,
        parties=tuple(leader.country for leader in chosen),
    )
    return Plan(
        index=index,
        summit=summit,
        leaders=tuple(chosen),
        venue=venue,
        start=start,
        end=end,
        fate=fate,
        cancelled_on=cancelled_on,
        historic=historic,
        schedule=schedule,
        held_on=DateSpan(earliest=first, latest=last),
        held_text=f"in {first.year}" if historic else f"on {day_text(first)}",
        pair=join([leader.short for leader in chosen]),
        dash=dash,
    )


def phase(plan: Plan, day: int) -> Phase:
    """Where `plan`'s story stands on `day` (held claims need the meeting to be over by then)."""
    if plan.historic:
        return Phase.HISTORIC
    if plan.fate is Fate.HELD and day > plan.end:
        return Phase.AFTER_HELD
    if plan.fate is Fate.CANCELLED and day >= plan.cancelled_on:
        return Phase.AFTER_CANCELLED
    if day >= plan.start:
        return Phase.DUE if plan.fate is Fate.HELD else Phase.OVERDUE
    return Phase.EARLY if day < plan.start - 60 else Phase.NEAR


def publication_day(rng: random.Random, plan: Plan) -> int:
    """Mostly in the months before the scheduled day, sometimes after; within the corpus."""
    if not plan.historic:
        for _ in range(4):
            if plan.fate is Fate.CANCELLED and rng.random() < 0.15:
                day = plan.cancelled_on + int(rng.expovariate(1 / 20))
            elif rng.random() < 0.9:
                day = plan.start - int(min(rng.expovariate(1 / 75), 600))
            else:
                day = plan.end + 1 + int(min(rng.expovariate(1 / 40), 700))
            if FIRST <= day <= LAST:
                return day
        return rng.randint(max(FIRST, plan.start - 600), min(LAST, plan.end + 400))
    return rng.randint(FIRST, LAST)
