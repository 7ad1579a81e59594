"""A deliberately naive reading of the belief rules R1 to R15, written from the docstring of
`tracker/domain/belief.py` and not from its code.

No fold, no turning days, no leaders: for every day, filter the claims a reader could
see, sort them by the rules, take the first. `since` comes from walking the days.
Where the docstring leaves a tie open (two equally strong claims disclosing different
venues, windows or held dates), the claim with the smallest id is taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Claim, Summit

STANDING = {"background": 3, "anonymous": 2, "outlet": 1}  # R2; an official: 6, 5 or 4
POINTS_AT = {  # R3
    "meeting_rumored": "rumored",
    "meeting_possible": "rumored",
    "meeting_proposed": "proposed",
    "meeting_confirmed": "confirmed",
    "meeting_denied": "denied",
    "meeting_cancelled": "cancelled",
    "meeting_postponed": "postponed",
    "meeting_held": "held",
}
FIRMNESS = ["plain", "conditional", "hedged"]  # R6: firmest first
FINALITY = [
    "held",
    "cancelled",
    "denied",
    "postponed",
    "confirmed",
    "conditional",
    "proposed",
    "rumored",
]  # R6
STILL_OPEN = {"rumored", "proposed", "conditional", "confirmed"}  # R8
NOT_ON = {"denied", "cancelled", "postponed"}  # R13: the other side is STILL_OPEN


@dataclass(frozen=True)
class Said:
    """A claim and the publication span of its source."""

    claim: Claim
    published: DateSpan


@dataclass(frozen=True)
class Expected:
    status: str
    since: dt.date | None
    venue: str | None
    window: TimeWindow | None
    held_on: DateSpan | None
    decided_by: tuple[str, ...]
    contested_by: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()


def points_at(claim: Claim) -> str | None:
    """R3, R4, R5."""
    if claim.modality.value == "no_comment":
        return None
    if claim.modality.value == "conditional":
        return "conditional"
    return POINTS_AT[claim.kind.value]


def speculation(claim: Claim) -> bool:
    """R9: the outlet's own words, or a hedged or conditional claim."""
    return claim.attribution.kind.value == "outlet" or claim.modality.value in ("hedged", "conditional")


def sides(summit: Summit) -> list[tuple[str, str]]:
    """(participant, party) pairs: the party is the participant unless `parties` names it."""
    return list(zip(summit.participants, summit.parties or summit.participants, strict=True))


def party(claim: Claim, summit: Summit) -> str | None:
    """R2: the party an official on the record speaks for, if any."""
    said = claim.attribution
    if said.kind.value != "official":
        return None
    for name in (said.speaks_for, said.speaker):  # a participant speaks for their own side
        found = next((p for person, p in sides(summit) if name in (person, p)), None)
        if found is not None:
            return found
    return None


def standing(claim: Claim, summit: Summit) -> int:
    """R2: 6 a party (or a side not stated), 5 the host, 4 a third party, on the record."""
    said = claim.attribution
    if said.kind.value != "official":
        return STANDING[said.kind.value]
    if said.speaks_for is None or party(claim, summit) is not None:
        return 6
    return 5 if said.speaks_for == summit.host else 4


def moment(said: Said) -> dt.datetime | None:
    """R6: when it was said within its day: its `stated_on` time, else its source's time."""
    stated = said.claim.stated_on.instant if said.claim.stated_on else None
    return stated or said.published.instant


Rank = tuple[int, int, float, int, int]


def ranking(said: list[Said], summit: Summit) -> Callable[[Said], Rank]:
    """R6 as a sort key over `said`: the strongest claim sorts first. Times order claims of
    one standing and day only when every claim of that standing and day in `said` has one."""
    untimed = {(standing(s.claim, summit), s.published.latest) for s in said if moment(s) is None}

    def rank(s: Said) -> Rank:
        status = points_at(s.claim)
        assert status is not None
        weight = standing(s.claim, summit)
        when = None if (weight, s.published.latest) in untimed else moment(s)
        return (
            -weight,
            -s.published.latest.toordinal(),
            -when.timestamp() if when else 0.0,
            FIRMNESS.index(s.claim.modality.value),
            FINALITY.index(status),
        )

    return rank


def strongest_first(said: Iterable[Said], summit: Summit) -> list[Said]:
    said = list(said)
    rank = ranking(said, summit)
    return sorted(said, key=lambda s: (rank(s), s.claim.id))


def tied_with_first(said: list[Said], summit: Summit) -> tuple[str, ...]:
    """The claims tied with the strongest of `said` (strongest first) on all of R6."""
    rank = ranking(said, summit)
    return tuple(sorted(s.claim.id for s in said if rank(s) == rank(said[0])))


def agreed(summit: Summit, pointing: list[Said]) -> bool:
    """R15: each party's own strongest plain word on the record is a confirmation."""
    for _, side in sides(summit):
        words = [
            s
            for s in pointing
            if s.claim.modality.value == "plain"
            and standing(s.claim, summit) == 6
            and party(s.claim, summit) == side
            and points_at(s.claim) != "held"
            and s.claim.period is None
        ]
        words = strongest_first(words, summit)
        if not words or points_at(words[0].claim) != "confirmed":
            return False
    return True


def believe(summit: Summit, said: Iterable[Said], day: dt.date) -> Expected:
    """The state of `summit` on `day`, without `since`."""
    visible = [s for s in said if summit.id in s.claim.summits and s.published.latest <= day]  # R1
    pointing = strongest_first((s for s in visible if points_at(s.claim) is not None), summit)  # R5
    # R9: firm claims first; what speculation alone discloses is uncertain
    firm = [s for s in pointing if not speculation(s.claim)]
    venue = next((s.claim.venue for s in strongest_first((s for s in firm if s.claim.venue), summit)), None)
    window = next(
        (s.claim.window for s in strongest_first((s for s in firm if s.claim.window), summit)), None
    )
    uncertain = []
    if venue is None and any(s.claim.venue for s in pointing):
        venue = strongest_first((s for s in pointing if s.claim.venue), summit)[0].claim.venue
        uncertain.append("venue")
    if window is None and any(s.claim.window for s in pointing):
        window = strongest_first((s for s in pointing if s.claim.window), summit)[0].claim.window
        uncertain.append("window")
    venue = summit.venue if venue is None else venue
    window = summit.window if window is None else window
    held = strongest_first(
        (
            s
            for s in pointing
            if points_at(s.claim) == "held"
            and s.claim.held_on is not None
            and s.claim.held_on.earliest <= day
        ),
        summit,
    )  # R7
    if held:
        tied = tied_with_first(held, summit)
        where = [
            s.claim.venue
            for s in sorted(held, key=lambda s: s.claim.id)
            if s.claim.id in tied and s.claim.venue
        ]
        if where:  # R9: where it was held
            venue = where[0]
            uncertain = [n for n in uncertain if n != "venue"]
        return Expected("held", None, venue, window, held[0].claim.held_on, tied, (), tuple(uncertain))
    deciding = [
        s
        for s in pointing
        if points_at(s.claim) != "held"
        and not (s.claim.period and s.claim.period.end and s.claim.period.end < day)  # R12
    ]
    plain = strongest_first((s for s in deciding if s.claim.modality.value == "plain"), summit)
    if plain and points_at(plain[0].claim) in NOT_ON:  # R14: a plain refusal stands
        refusal = standing(plain[0].claim, summit)
        refusing = {party(s.claim, summit) for s in plain if s.claim.id in tied_with_first(plain, summit)}
        deciding = [
            s
            for s in deciding
            if s.claim.modality.value == "plain"
            or standing(s.claim, summit) > refusal
            or (
                points_at(s.claim) in NOT_ON
                and (None in refusing or party(s.claim, summit) in (None, *refusing))
            )
        ]
    elif plain and points_at(plain[0].claim) == "confirmed" and agreed(summit, pointing):  # R15
        agreement = standing(plain[0].claim, summit)
        deciding = [
            s for s in deciding if s.claim.modality.value == "plain" or standing(s.claim, summit) > agreement
        ]
    if not deciding:
        return Expected("unknown", None, venue, window, None, (), (), tuple(uncertain))  # R10
    deciding = strongest_first(deciding, summit)
    rank = ranking(deciding, summit)
    status = points_at(deciding[0].claim)
    assert status is not None
    contested_by = tuple(
        sorted(
            s.claim.id
            for s in deciding
            if rank(s)[:4] == rank(deciding[0])[:4] and (points_at(s.claim) in NOT_ON) != (status in NOT_ON)
        )
    )  # R13
    if status in ("denied", "cancelled"):  # R9: speculation does not survive a denial
        venue = summit.venue if "venue" in uncertain else venue
        window = summit.window if "window" in uncertain else window
        uncertain = []
    if status in STILL_OPEN and window is not None and window.end is not None and window.end < day:
        status = "lapsed"  # R8
    return Expected(
        status, None, venue, window, None, tied_with_first(deciding, summit), contested_by, tuple(uncertain)
    )


def day_by_day(
    summit: Summit, said: Iterable[Said], first: dt.date, last: dt.date
) -> dict[dt.date, Expected]:
    """The state on every day from `first` to `last`, with `since` (R11): the first day of the
    current run of the status, None for a run going back before any claim."""
    said = list(said)
    result: dict[dt.date, Expected] = {}
    since: dt.date | None = None
    before = believe(summit, said, first - dt.timedelta(days=1)).status
    day = first
    while day <= last:
        today = believe(summit, said, day)
        if today.status != before:
            since = day
        result[day] = Expected(
            today.status,
            since,
            today.venue,
            today.window,
            today.held_on,
            today.decided_by,
            today.contested_by,
            today.uncertain,
        )
        before = today.status
        day += dt.timedelta(days=1)
    return result
