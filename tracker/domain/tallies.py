"""How many visible claims bear on a summit's state, day by day. Pure: no I/O.

`bearing` lists, for a state, the visible claims that did not decide it: those supporting it,
those contradicting it and the non-answers. A popular summit has a hundred thousand of them,
and every summit's lists together name every visible claim of a store. `tracker state` gives
their counts, and lists only as many as asked. The read model keeps the counts as it keeps
beliefs, in rows valid from a day (`tallies`), so that "how many, on D" is one lookup per
summit. They are what `bearing` would count, by construction: the same rule (`borne_out`)
sorts the same claims.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple

from tracker.domain.belief import Belief
from tracker.domain.explain import Pointer, borne_out
from tracker.domain.vocabulary import Status


class Counts(NamedTuple):
    """How many visible claims, besides those that decided it, support a state, contradict it,
    and answer nothing (`bearing`'s three lists)."""

    supporting: int
    contradicting: int
    non_answers: int

    @classmethod
    def of(cls, lists: tuple[Sequence[str], Sequence[str], Sequence[str]]) -> Counts:
        """The counts of `bearing`'s lists."""
        supporting, contradicting, non_answers = lists
        return cls(len(supporting), len(contradicting), len(non_answers))


NONE = Counts(0, 0, 0)
"""The counts before any claim is visible."""

_VISIBLE_FROM = attrgetter("visible_from")


def counted(belief: Belief, visible: Counter[Status | None], status_of: dict[str, Status | None]) -> Counts:
    """`Counts` of the claims `visible` (how many point at each status) for `belief`, whose
    deciding claims are among them (`status_of` gives what each claim points at)."""
    deciding = Counter(status_of[claim] for claim in belief.decided_by)
    pointed = borne_out(deciding)
    others = visible - deciding
    non_answers = others[None]
    supporting = sum(n for status, n in others.items() if status is not None and status in pointed)
    return Counts(supporting, others.total() - supporting - non_answers, non_answers)


def counts_of(belief: Belief, said: Sequence[Pointer]) -> Counts:
    """The counts on a day of the claims `said` (all those visible by then) for `belief`, in
    force on that day: `tallies`' last row by then, without the rows before it."""
    if not said:
        return NONE
    status_of = {item.claim: item.status for item in said}
    return counted(belief, Counter(item.status for item in said), status_of)


def tallies(history: Sequence[Belief], said: Iterable[Pointer]) -> list[tuple[dt.date, Counts]]:
    """The counts of a summit's visible claims on each day they change, from the day the
    first claim is visible: `history` as the fold made it of the claims `said` (in day
    order, as they were folded). The counts on a day are those of the last row on or before
    it (`NONE` before the first). They change on the days claims become visible, and on the
    days the state changes (its deciding claims, which are not counted, and what supports it)."""
    status_of: dict[str, Status | None] = {}
    days: list[dt.date] = []
    running: list[Counter[Status | None]] = []  # how many point at each status, by each of `days`
    visible: Counter[Status | None] = Counter()
    for day, items in groupby(said, key=_VISIBLE_FROM):
        for item in items:
            status_of[item.claim] = item.status
            visible[item.status] += 1
        days.append(day)
        running.append(visible.copy())
    if not days:
        return []
    changes = sorted({*days, *(b.valid_from for b in history if b.valid_from and b.valid_from > days[0])})
    rows: list[tuple[dt.date, Counts]] = []
    index, row = 0, 0
    for day in changes:  # both walked in day order
        while index + 1 < len(days) and days[index + 1] <= day:
            index += 1
        while row + 1 < len(history) and (history[row + 1].valid_from or dt.date.min) <= day:
            row += 1
        counts = counted(history[row], running[index], status_of)
        if not rows or counts != rows[-1][1]:
            rows.append((day, counts))
    return rows
