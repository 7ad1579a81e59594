"""The belief rules: from claims to each summit's status at every date. Pure: no I/O.

Every rule the projection applies is stated here, once, and numbered; tests and specs
refer to these numbers.

R1  Visibility. The state at day D (its end) uses only claims whose source was published on
    or before D, by the day written in its `published`. A source known only by a date range
    takes part from the *latest* day of its range: before then a reader cannot be sure it
    existed. The state at a moment T (a date and time) uses the sources published by T: by
    their time when they give one (`2025-10-10T14:05-04:00`), else once their (latest) day
    is over. (`Fact.visible_from`, `DateSpan.seen_by`)
R2  Standing. Whose word a claim is decides how much it counts, for each summit it is
    about (`standing`), from most to least:
      6  a party's word on the record: a participant, an official who `speaks_for` a
         participant's side (a name in the summit's `parties`), or an official whose side is
         not stated;
      5  the host's word on the record (`speaks_for` the summit's `host`);
      4  a third party's word on the record (`speaks_for` anyone else);
      3  an official on background (kind `background`), whatever the side;
      2  anonymous sources quoted by an outlet;
      1  the outlet's own reporting or speculation.
    The parties decide whether they meet: only they can agree to it or call it off, so their
    word comes first. A host has a stake and sees the preparations, but its hope is not a
    party's decision; a third party relays or comments on what it does not decide. On the
    record a speaker answers for the words; on background the side is known but nobody
    answers for them, which is still more than unnamed sources or an outlet's own reading.
    An official whose side is not stated counts as a party's, as every official did before
    sides existed (rules v2), so a scenario without sides reads as it did. (`STANDING`)
R3  Signal. Each claim points at one status: meeting_rumored and meeting_possible ->
    rumored, meeting_proposed -> proposed, meeting_confirmed -> confirmed,
    meeting_denied -> denied, meeting_cancelled -> cancelled, meeting_postponed ->
    postponed, meeting_held -> held.
    (`SIGNAL`)
R4  Hedges and conditions. A conditional claim points at `conditional` whatever its kind
    ("if Trump is there, a meeting cannot be ruled out"). A hedged claim keeps its
    kind's status ("no concrete plan, but anything is possible" is still a denial) but
    loses ties to a plain one (R6). (`signal`)
R5  No-comment. A non-answer points at no status: it never decides, it is only listed
    among the visible claims.
R6  Decision. The decisive claim is the one with the highest standing (R2); among equal
    standings the latest published; within one day, the latest said, when every claim of
    that standing on that day has a time (its `stated_on` time, else its source's
    `published` time; an order that one untimed claim cannot join is no order, R13); then
    plain over conditional over hedged; then by
    status precedence: held, cancelled, denied, postponed, confirmed, conditional, proposed,
    rumored (the more final and the more cautious reading first: a meeting put off is less
    final than one denied, and more cautious than one confirmed). So a later claim overrides an
    earlier one of equal or lower weight, and never one of higher weight: a rumor does
    not undo an official confirmation. Claims tied on all of these agree on the
    status and are all reported in `decided_by`. (`strength`)
R7  Held is final. Once a visible claim says the meeting took place (and its `held_on`
    has begun), the status is `held` whatever else was said; `held_on` comes from the
    strongest such claim (ranked as in R6; among claims tied on all of R6, the one with
    the smallest id, so that the answer never depends on recording order).
R8  Lapse. Time passes: a summit that is rumored, proposed, conditional or confirmed
    and whose window, as known at D, ended before D is `lapsed` from the day after the
    window's end. Denied and cancelled summits stay so; an open-ended window never
    lapses. A postponed summit does not lapse either: a postponement has no date to pass,
    and only a later claim (a new proposal or confirmation, R6) revives the summit.
R9  Venue and window. A summit's venue and window at D are those disclosed by the
    strongest visible claim that discloses one (ranked as in R6, ties to the smallest claim
    id as in R7; a no-comment discloses nothing, R5), else those of its definition. Once
    the meeting is held (R7), a venue named by the claims that decide it wins (the smallest
    id among them that names one): where it took place outranks where it was expected.
    Speculation (an outlet's own words, or a hedged or conditional claim) discloses only
    when no firmer claim discloses a venue (or window); what it alone discloses is reported
    as `uncertain`, and does not survive a denial or cancellation of the meeting: the
    definition's venue (or window) stands instead.
R10 Unknown. With no visible claim that points at a status, the status is `unknown`.
R11 Since. `since` is the first day of the current unbroken run of the status.
R12 Bounded denials. A denial that gives the period it denies (`period`: "no meeting in
    the immediate future", "not in September") decides only until that period's end. From
    the day after, it is set aside as if unsaid and the strongest remaining claim decides
    (R6), so a proposal it overruled returns, and may then lapse (R8). A denial without a
    period denies the meeting itself and never expires.
R13 Contested. Claims tied on standing, day and firmness (R6), and not ordered by their times
    (one of them, or a claim of that standing that day, has none; or their times are equal),
    cannot be ordered: which came last is unknown, and text order is weak evidence (news
    puts the latest first and the background after), so neither it, nor an id, nor file
    order picks a winner. When they
    point at contradicting statuses, one that the meeting is on its way (rumored, proposed,
    conditional, confirmed) and one that it is not (denied, cancelled, postponed), status
    precedence still names the status (the more cautious reading), but the state is
    *contested*: `contested_by` lists the tied claims pointing the other way, and every
    output shows them. Ties within one side (proposed and confirmed) are not a contest.
R14 Firmness against recency. A later hedged or conditional claim does not overturn a plain
    refusal (a plain denial, cancellation or postponement) of the same or higher standing when
    it says the meeting is on its way, or when it comes from another party than the refusal
    (R2's sides): while the strongest plain claim is such a refusal, those claims are set
    aside, and the refusal, or a later claim on its side, decides. It takes every side to hold
    a meeting and one to call it off: "if it's appropriate", "we might have it" or a host's
    hope do not undo "Putin will not attend", and the other party's "most likely postponed"
    does not turn a party's "we canceled the meeting" into a postponement. A plain word that
    it is on (or a stronger one, R2) does. Everywhere else a later claim of the same standing
    overturns an earlier one, hedged or not (R6): a refusing party softening its own refusal
    is still the last word on its side, and a hedged refusal after a plain confirmation casts
    doubt a reader would weigh, so it decides.
R15 Agreement. A confirmation by every party is stronger than by one. The meeting is agreed
    while the strongest plain claim is a confirmation and each party's own strongest plain
    word on the record (R2's 6, by a participant or an official who speaks for that side;
    ranked as in R6) is a confirmation. Then later hedged or conditional claims of no higher
    standing, of any side, are set aside: only a plain word undoes an agreement, and one
    party's plain refusal is enough (R14). A confirmation by one side only (or with a side
    not stated) gives way to any later claim of its standing, hedged or not (R6).

The rules carry a version, `RULES_VERSION`: 1 was R1-R11; 2 adds R12, R13, R14 and the
`postponed` status, and the venue of a held meeting (R9); 3 adds sides: the standings of R2
(parties, host, third parties, background), R14 across parties, and R15; and times of day
(R1, R6, R13). A store's read model projected
under other rules is rebuilt when it is opened.

Retracted claims take no part; a corrected claim takes part in its corrected form
(that is the store's job: this module sees the claims as currently recorded).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from typing import NamedTuple, TypeVar

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.facts import Fact, facts
from tracker.domain.models import PublishedClaim, Summit
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, Status

RULES_VERSION = 3
"""Bump whenever a rule changes what is believed (see the docstring)."""

PARTY, HOST, THIRD_PARTY = 6, 5, 4
STANDING: dict[AttributionKind, int] = {
    AttributionKind.OFFICIAL: PARTY,  # on the record: PARTY, HOST or THIRD_PARTY by side
    AttributionKind.BACKGROUND: 3,
    AttributionKind.ANONYMOUS: 2,
    AttributionKind.OUTLET: 1,
}
"""R2: how much each kind of word counts (an official's, on the record, by the side)."""
SIGNAL: dict[ClaimKind, Status] = {
    ClaimKind.MEETING_RUMORED: Status.RUMORED,
    ClaimKind.MEETING_POSSIBLE: Status.RUMORED,
    ClaimKind.MEETING_PROPOSED: Status.PROPOSED,
    ClaimKind.MEETING_CONFIRMED: Status.CONFIRMED,
    ClaimKind.MEETING_DENIED: Status.DENIED,
    ClaimKind.MEETING_CANCELLED: Status.CANCELLED,
    ClaimKind.MEETING_POSTPONED: Status.POSTPONED,
    ClaimKind.MEETING_HELD: Status.HELD,
}
FIRMNESS: dict[Modality, int] = {Modality.PLAIN: 2, Modality.CONDITIONAL: 1, Modality.HEDGED: 0}
PRECEDENCE: tuple[Status, ...] = (
    Status.HELD,
    Status.CANCELLED,
    Status.DENIED,
    Status.POSTPONED,
    Status.CONFIRMED,
    Status.CONDITIONAL,
    Status.PROPOSED,
    Status.RUMORED,
)
RANK: dict[Status | None, int] = {status: len(PRECEDENCE) - i for i, status in enumerate(PRECEDENCE)} | {
    None: 0
}
"""Each status's precedence as a number (R6): higher wins; a non-answer's is 0."""
AGAINST = frozenset({Status.DENIED, Status.CANCELLED, Status.POSTPONED})
"""The statuses saying the meeting is not on its way; the others that it is (R13)."""
LAPSABLE = frozenset({Status.RUMORED, Status.PROPOSED, Status.CONDITIONAL, Status.CONFIRMED})
Strength = tuple[int, dt.date, int, int]
K = TypeVar("K")


def signal(item: Fact) -> Status | None:
    """The status a claim points at (R3, R4, R5), or None for a non-answer."""
    return SIGNALS[item.kind][item.modality]


def signal_of(kind: ClaimKind, modality: Modality) -> Status | None:
    """`signal` of a claim's kind and modality (R3, R4, R5)."""
    if modality is Modality.NO_COMMENT:
        return None
    if modality is Modality.CONDITIONAL:
        return Status.CONDITIONAL
    return SIGNAL[kind]


SIGNALS: dict[ClaimKind, dict[Modality, Status | None]] = {
    kind: {modality: signal_of(kind, modality) for modality in Modality} for kind in ClaimKind
}
"""`signal_of` of every kind and modality, looked up: the fold asks it of every claim."""


def speculative(item: Fact) -> bool:
    """An outlet's own words, or a hedged or conditional claim (R9)."""
    return item.attribution is AttributionKind.OUTLET or item.modality in (
        Modality.HEDGED,
        Modality.CONDITIONAL,
    )


def standing(item: Fact, summit: Summit) -> int:
    """How much the claim's word counts for `summit` (R2)."""
    return standing_by(item, summit, side(item, summit))


def standing_by(item: Fact, summit: Summit, party: str | None) -> int:
    """`standing` of a claim whose `side` for `summit` is `party`."""
    weight = STANDING[item.attribution]
    if weight != PARTY or item.speaks_for is None or party:
        return weight
    return HOST if item.speaks_for == summit.host else THIRD_PARTY


def side(item: Fact, summit: Summit) -> str | None:
    """The party of `summit` that the claim speaks for, if it is a party's word (R2); None for
    the host, a third party, a side not stated, background, anonymous sources and outlets."""
    if item.attribution is not AttributionKind.OFFICIAL:
        return None
    return item.side(summit)


def strength(item: Fact, summit: Summit) -> Strength:
    """How a claim ranks against others about `summit` (R6): compare with `>`; higher wins."""
    return strength_of(item, summit, signal(item))


def strength_of(item: Fact, summit: Summit, status: Status | None) -> Strength:
    """`strength` of a claim whose signal is `status`."""
    return (standing(item, summit), item.visible_from, FIRMNESS.get(item.modality, -1), RANK[status])


class Belief(NamedTuple):
    """A summit's believed state from `valid_from` (None: from the beginning) until the next.

    An immutable record; a named tuple because "all summits at D" makes ten thousand at a
    time, and a tuple is made five times faster than a frozen dataclass.
    """

    summit: str
    valid_from: dt.date | None
    status: Status
    since: dt.date | None
    venue: str | None
    window: TimeWindow | None
    held_on: DateSpan | None
    decided_by: tuple[str, ...]
    contested_by: tuple[str, ...] = ()
    """The claims tied with `decided_by` that point the other way (R13)."""
    uncertain: tuple[str, ...] = ()
    """"venue", "window": disclosed by speculation alone (R9)."""

    def same_state(self, other: Belief) -> bool:
        """The same status, venue, window, held_on, decided_by, contested_by and uncertain:
        all but the summit and the days (the fields from `venue` on, and `status`)."""
        return self.status is other.status and self[4:] == other[4:]


class _Leader:
    """The strongest claims seen so far (R6), with ties, and the claims tied with them on all
    but status precedence (`rivals`, R13).

    It keeps the whole `group` of claims of the top standing on the latest day: whether they
    are ordered by their times of day depends on all of them having one, so a claim without a
    time arriving later can undo an order by time (R6, R13).
    """

    __slots__ = ("_ranked", "dropped", "group", "top")

    def __init__(self) -> None:
        self.top: tuple[int, dt.date] | None = None
        self.group: list[tuple[Fact, Strength]] = []
        self._ranked: tuple[list[Fact], list[Fact], Strength | None, Fact | None] | None = None
        self.dropped: dict[str, tuple[str, Fact]] | None = None
        """When kept (for an explanation): each claim that left the running, the rule that
        put it out, "R2" (standing) or "R6" (an earlier day), and the claim that did."""

    def offer(self, item: Fact, key: Strength) -> None:
        top = (key[0], key[1])
        if self.top is None or top > self.top:
            if self.dropped is not None:
                rule = "R2" if self.top is not None and top[0] > self.top[0] else "R6"
                self.dropped.update((old.id, (rule, item)) for old, _ in self.group)
            self.top, self.group = top, [(item, key)]
        elif top == self.top:
            self.group.append((item, key))
        else:
            if self.dropped is not None:
                rule = "R2" if top[0] < self.top[0] else "R6"
                self.dropped[item.id] = (rule, self.group[0][0])
            return
        self._ranked = None

    def beaten_by(self, item: Fact) -> str:
        """The rule by which the group's best ranks above `item`, a member of the group that
        does not lead it: R6 (later that day), R4 (firmer) or R6 (status precedence)."""
        best = self.best
        timed = all(member.moment is not None for member, _ in self.group)
        if best is not None and timed and item.moment != best.moment:
            return "time"
        key = next(k for member, k in self.group if member is item)
        lead = self.key
        if lead is not None and key[2] != lead[2]:
            return "firmness"
        return "precedence"

    def copy(self) -> _Leader:
        leader = _Leader()
        leader.top, leader.group, leader._ranked = self.top, list(self.group), self._ranked
        return leader

    def _rank(self) -> tuple[list[Fact], list[Fact], Strength | None, Fact | None]:
        """(items, rivals, the items' key, the best item): by time within the day when every
        claim of the group has one, then firmness, then precedence (R6); rivals differ in
        precedence only; the best, of the items, the first by id."""
        if self._ranked is None:
            group = self.group
            if len(group) == 1:  # most often: the one claim leads, with no rival
                only, only_key = group[0]
                self._ranked = ([only], [], only_key, only)
                return self._ranked
            timed = all(item.moment is not None for item, _ in group)
            order = [((item.moment if timed else None), key[2], key[3]) for item, key in group]
            best = max(order, key=lambda o: (o[0] or _NO_TIME, o[1], o[2])) if order else None
            items = [item for (item, _), o in zip(group, order, strict=True) if o == best]
            rivals = [
                item
                for (item, _), o in zip(group, order, strict=True)
                if best is not None and o[:2] == best[:2] and o != best
            ]
            key = next((k for (_, k), o in zip(group, order, strict=True) if o == best), None)
            first = min(items, key=_ident) if items else None
            self._ranked = (items, rivals, key, first)
        return self._ranked

    @property
    def items(self) -> list[Fact]:
        return (self._ranked or self._rank())[0]

    @property
    def rivals(self) -> list[Fact]:
        return self._rank()[1]

    @property
    def key(self) -> Strength | None:
        return self._rank()[2]

    def members(self) -> list[Fact]:
        """Every claim of the group: what a merge of leaders takes from this one."""
        return [item for item, _ in self.group]

    def contesting(self, status: Status) -> tuple[str, ...]:
        """The rivals that point to the other side of `status` (R13)."""
        side = status in AGAINST
        return tuple(sorted({i.id for i in self.rivals if (signal(i) in AGAINST) != side}))

    @property
    def weight(self) -> int:
        return self.top[0] if self.top else 0

    @property
    def best(self) -> Fact | None:
        return (self._ranked or self._rank())[3]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted(i.id for i in self.items))


_NO_TIME = dt.datetime.min.replace(tzinfo=dt.UTC)
_ident = attrgetter("id")
_visible_from = attrgetter("visible_from")


@dataclass(slots=True)
class _Knowledge:
    """What the visible claims about one summit say so far: a fold over them in day order.

    Held claims wait in `pending`, by the first day of their `held_on`, until the fold
    reaches that day (R7); the days judged only ever increase.
    """

    summit: Summit
    decisive: _Leader = field(default_factory=_Leader)
    """The plain claims and the hedged refusals: what decides while a refusal stands (R14)."""
    pending: list[tuple[dt.date, int, Fact]] = field(default_factory=list)
    held: _Leader = field(default_factory=_Leader)
    venue: _Leader = field(default_factory=_Leader)
    window: _Leader = field(default_factory=_Leader)
    bounded: list[Fact] = field(default_factory=list)
    """Denials of a period (R12) not yet known to be over: they decide beside `decisive`."""
    firm_venue: _Leader = field(default_factory=_Leader)
    firm_window: _Leader = field(default_factory=_Leader)
    """The venues and windows disclosed by claims that are not speculation (R9)."""
    loose: _Leader = field(default_factory=_Leader)
    """Hedged or conditional claims that the meeting is on its way: they decide beside
    `decisive` unless a plain refusal or an agreement of at least their standing stands (R14,
    R15)."""
    doubts: dict[str | None, _Leader] = field(default_factory=dict)
    """Hedged refusals by the party they speak for (None: not a party's word), set aside when
    another party's plain refusal or an agreement stands (R14, R15)."""
    plain: _Leader = field(default_factory=_Leader)
    """The plain claims of `decisive` (R14)."""
    combined: _Leader = field(default_factory=_Leader)
    """`decisive` and `loose` together: what decides unless a refusal stands (R14)."""
    parties: dict[str, _Leader] = field(default_factory=dict)
    """Each party's strongest plain word on the record, by the party (R15)."""

    def key(self, item: Fact) -> Strength:
        return strength(item, self.summit)

    def absorb(self, item: Fact) -> None:
        # Run for every claim folded: `strength_of` and `side` computed once, inline.
        status = SIGNALS[item.kind][item.modality]
        if status is None:
            return
        summit = self.summit
        party = side(item, summit)
        weight = standing_by(item, summit, party)
        key = (weight, item.visible_from, FIRMNESS.get(item.modality, -1), RANK[status])
        if status is Status.HELD:
            if item.held_on:
                heapq.heappush(self.pending, (item.held_on.earliest, id(item), item))
        elif item.period:
            self.bounded.append(item)
        else:
            self.combined.offer(item, key)
            plain = item.modality is Modality.PLAIN
            if not plain and status not in AGAINST:
                self.loose.offer(item, key)
            else:
                self.decisive.offer(item, key)
                if plain:
                    self.plain.offer(item, key)
                else:
                    _leader_of(self.doubts, party).offer(item, key)
            if plain and weight == PARTY and party is not None:
                _leader_of(self.parties, party).offer(item, key)
        if item.venue or item.window:
            firm = not speculative(item)
            if item.venue:
                (self.firm_venue if firm else self.venue).offer(item, key)
            if item.window:
                (self.firm_window if firm else self.window).offer(item, key)

    def judge(self, day: dt.date | None) -> Belief:
        firm_venue, firm_window = self.firm_venue.best, self.firm_window.best
        venue_claim = firm_venue or self.venue.best
        window_claim = firm_window or self.window.best
        venue = venue_claim.venue if venue_claim else self.summit.venue
        window = window_claim.window if window_claim else self.summit.window
        uncertain: tuple[str, ...] = ("venue",) if venue_claim is not None and firm_venue is None else ()
        if window_claim is not None and firm_window is None:  # disclosed by speculation alone (R9)
            uncertain += ("window",)
        while day is not None and self.pending and self.pending[0][0] <= day:
            item = heapq.heappop(self.pending)[2]
            self.held.offer(item, self.key(item))
        held = self.held
        if held.best and held.best.held_on:
            status, decided_by, held_on = Status.HELD, held.ids, held.best.held_on
            where = [i for i in held.items if i.venue]
            if where:
                venue = min(where, key=lambda i: i.id).venue
                uncertain = tuple(name for name in uncertain if name != "venue")
        else:
            deciding = self.deciding(day)
            best = deciding.best
            status = (signal(best) if best else None) or Status.UNKNOWN
            decided_by, held_on = deciding.ids, None
            contested_by = deciding.contesting(status)
            if status in (Status.DENIED, Status.CANCELLED):  # speculation does not survive (R9)
                venue = self.summit.venue if "venue" in uncertain else venue
                window = self.summit.window if "window" in uncertain else window
                uncertain = ()
            if status in LAPSABLE and window and day and window.has_passed(day):
                status = Status.LAPSED
            return Belief(
                self.summit.id, day, status, None, venue, window, None, decided_by, contested_by, uncertain
            )
        return Belief(self.summit.id, day, status, None, venue, window, held_on, decided_by, (), uncertain)

    def agreed(self) -> bool:
        """Every party's strongest plain word on the record is a confirmation (R15)."""
        parties = self.summit.parties or self.summit.participants
        words = [self.parties.get(party) for party in parties]
        return all(w is not None and w.best is not None and signal(w.best) is Status.CONFIRMED for w in words)

    def deciding(self, day: dt.date | None) -> _Leader:
        """The strongest claims on `day` (R6), with the hedges and conditions that a plain
        refusal or an agreement sets aside left out (R14, R15), and the denials whose period has
        not ended (R12); ended ones are dropped for good, as the days judged only increase."""
        if day is not None and self.bounded:
            self.bounded = [item for item in self.bounded if still_denies(item, day)]
        plain = self.plain
        if self.bounded:
            plain = plain.copy()
            for item in self.bounded:
                if item.modality is Modality.PLAIN:
                    plain.offer(item, self.key(item))
        loose_aside, doubts_aside = set_aside(plain, self.loose, self.doubts, self.summit, self.agreed)
        if not doubts_aside:
            leader = self.decisive if loose_aside else self.combined
        else:
            leader = _Leader()
            kept = [d for party, d in self.doubts.items() if party not in doubts_aside]
            for group in (plain, *kept, *([] if loose_aside else [self.loose])):
                for item in group.members():
                    leader.offer(item, self.key(item))
        if self.bounded:
            leader = leader.copy() if leader is self.decisive or leader is self.combined else leader
            for item in self.bounded:
                leader.offer(item, self.key(item))
        return leader


def _leader_of(leaders: dict[K, _Leader], name: K) -> _Leader:
    """The leader of `name` in `leaders`, made (empty) if it has none yet."""
    leader = leaders.get(name)
    if leader is None:
        leader = leaders[name] = _Leader()
    return leader


def still_denies(item: Fact, day: dt.date) -> bool:
    """R12: a denial of a period decides until that period's end."""
    period = item.period
    return period is not None and (period.end or dt.date.max) >= day


def set_aside(
    plain: _Leader,
    loose: _Leader,
    doubts: dict[str | None, _Leader],
    summit: Summit,
    agreed: Callable[[], bool],
) -> tuple[bool, set[str | None]]:
    """Which hedged and conditional claims the strongest plain claims set aside: whether the
    ones that the meeting is on its way are (R14, R15), and the parties whose hedged refusals
    are (R14: another party's than the plain refusal's; R15: all, under an agreement). Only
    claims of no higher standing than the plain claim are ever set aside. `agreed` (R15) is
    asked only when the strongest plain claim is a confirmation."""
    best = plain.best
    if best is None:
        return False, set()
    status, weight = signal(best), plain.weight
    loose_aside = loose.top is not None and loose.weight <= weight
    if status in AGAINST:
        refusing = {side(item, summit) for item in plain.items}
        if None in refusing:
            return loose_aside, set()
        return loose_aside, {
            p for p, d in doubts.items() if p is not None and p not in refusing and d.weight <= weight
        }
    if status is Status.CONFIRMED and agreed():
        return loose_aside, {p for p, d in doubts.items() if d.weight <= weight}
    return False, set()


def history(summit: Summit, claims: Iterable[PublishedClaim]) -> list[Belief]:
    """The summit's state as a step function of the day: rows in `valid_from` order.

    The first row (valid_from None) holds before any claim; each later row starts on a day
    on which something changed. The claims may come in any order.
    """
    return fold(summit, sorted(facts(claims), key=lambda item: item.visible_from))


def fold(summit: Summit, claims: Iterable[Fact]) -> list[Belief]:
    """`history` of claims that come in day order (`visible_from`), read one at a time.

    The state can change only on a day on which claims become visible, or, with no new
    claim, on a day on which time alone changes it: a known window's end has passed (R8)
    or a known meeting's `held_on` begins (R7). Those days wait in a heap. So only the
    rows, the leading claims (with their ties) and the held claims not yet begun are kept,
    never all the claims: memory does not grow with a summit's popularity.
    """
    return run(_Knowledge(summit), claims)


def run(knowledge: _Knowledge, claims: Iterable[Fact], until: dt.date | None = None) -> list[Belief]:
    """`fold` into `knowledge`, judging the days on which something changes up to `until`
    (None: all), so that `knowledge` is left as it stands on that day."""
    summit = knowledge.summit
    rows = [knowledge.judge(None)]
    later: list[dt.date] = []
    judged: dt.date | None = None

    def expect(window: TimeWindow | None, held_on: DateSpan | None, period: TimeWindow | None = None) -> None:
        for ending in (window, period):
            if ending and ending.end and ending.end < dt.date.max:
                heapq.heappush(later, ending.end + dt.timedelta(days=1))
        if held_on:
            heapq.heappush(later, held_on.earliest)

    def judge(day: dt.date) -> None:
        nonlocal judged
        judged = day
        belief = knowledge.judge(day)
        if not belief.same_state(rows[-1]):
            since = rows[-1].since if belief.status is rows[-1].status else day
            rows.append(belief._replace(since=since))

    def judge_until(day: dt.date | None) -> None:
        """Judge each waiting day before `day` (None: all); days already judged are dropped."""
        while later and (day is None or later[0] < day):
            waiting = heapq.heappop(later)
            if judged is None or waiting > judged:
                judge(waiting)

    expect(summit.window, None)
    ident = summit.id
    concerning = (item for item in claims if ident in item.summits)
    for day, items in groupby(concerning, key=_visible_from):
        if judged is not None and day <= judged:
            raise ValueError(f"claims out of day order: {day} after {judged}")
        judge_until(day)
        for item in items:
            knowledge.absorb(item)
            if item.window or item.held_on or item.period:
                expect(item.window, item.held_on, item.period)
        judge(day)
    judge_until(None if until is None else until + dt.timedelta(days=1))
    return rows


def seen_at(claims: Iterable[PublishedClaim], moment: dt.datetime) -> tuple[list[PublishedClaim], dt.date]:
    """R1 at a moment: the claims a reader could have seen at `moment` (a naive one is UTC),
    and the day to judge them on, the moment's own. A claim whose time is written in a zone
    ahead of the moment's, on a later day there, is seen on the moment's day."""
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
    day, seen = moment.date(), []
    for item in claims:
        if not item.published.seen_by(moment):
            continue
        at = item.published.at
        if at is not None and item.visible_from > day:
            local = DateSpan.model_validate(at.astimezone(moment.tzinfo))
            item = item.model_copy(update={"published": local})
        seen.append(item)
    return seen, day


def belief_at(rows: Sequence[Belief], day: dt.date) -> Belief:
    """The row of a history in force on `day`."""
    starts = [r.valid_from or dt.date.min for r in rows]
    return rows[bisect.bisect_right(starts, day) - 1]


def status_at(summit: Summit, claims: Iterable[PublishedClaim], day: dt.date) -> Belief:
    """The summit's belief on `day` from the given claims (a convenience over `history`)."""
    return belief_at(history(summit, claims), day)


def visible(claims: Iterable[PublishedClaim], summit: Summit, day: dt.date) -> list[PublishedClaim]:
    """The claims about `summit` a reader could have seen on `day` (R1), strongest first."""
    about = (c for c in claims if c.visible_from <= day and summit.id in c.claim.summits)
    return sorted(about, key=lambda c: strength(Fact.of(c), summit), reverse=True)
