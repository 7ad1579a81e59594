"""Why a summit stands where it does on a day, in sentences naming the rules. Pure: no I/O.

The explanation is read from the fold that decides the status (`belief.run`), run over the
claims visible that day while keeping what it otherwise forgets: the deciding and contesting
claims, the claims tied with them and beaten by time (R6), firmness (R4) or precedence (R6),
those a plain refusal or an agreement set aside (R14, R15), and, for every other claim, the
claim and rule that put it out of the running: standing (R2) or an earlier day (R6). A
meeting reported held is final (R7), a non-answer decides nothing (R5), a denial of a period
that has ended no longer decides (R12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from tracker.domain.belief import (
    AGAINST,
    HOST,
    PARTY,
    Belief,
    _Knowledge,
    _Leader,
    belief_at,
    run,
    signal,
    signal_of,
    standing,
    strength,
)
from tracker.domain.facts import Fact
from tracker.domain.models import PublishedClaim, Summit
from tracker.domain.vocabulary import AttributionKind, Modality, Status

STANDING = {
    AttributionKind.OFFICIAL: "an official, on the record",
    AttributionKind.BACKGROUND: "an official on background",
    AttributionKind.ANONYMOUS: "anonymous sources",
    AttributionKind.OUTLET: "the outlet's own words",
}


@dataclass(frozen=True)
class Reason:
    """One claim's part in the state: `role` is decided, contests, agrees, overruled, silent,
    expired or pending; `rule` the rule that gives it that part."""

    claim: str
    role: str
    rule: str
    sentence: str


@dataclass(frozen=True)
class Explanation:
    summit: str
    day: dt.date
    belief: Belief
    reasons: tuple[Reason, ...]
    more: int = 0
    """How many other visible claims were left unexplained (`explained`'s `limit`)."""

    @property
    def headline(self) -> str:
        status = self.belief.status.value + (" (contested)" if self.belief.contested_by else "")
        since = f" since {self.belief.since}" if self.belief.since else ""
        return f"{self.summit} on {self.day}: {status}{since}"

    def text(self) -> str:
        """The explanation for a person: the headline, then a sentence per claim."""
        return "\n".join(self.lines())

    def lines(self) -> Iterator[str]:
        """`text`, a line at a time."""
        yield self.headline
        if not self.reasons:
            yield "No visible claim speaks of it (R10)."
        for reason in self.reasons:
            yield f"- {reason.sentence} ({reason.rule})"
        if self.more:
            yield f"({self.more:,} weaker claim{'s' if self.more > 1 else ''} not explained here.)"


class Said(NamedTuple):
    """What a claim's sentence quotes beside what the rules weigh (its `Fact`): the words of
    the claim as recorded, never weighed. Dates are written as recorded (`DateSpan`'s text)."""

    outlet: str
    """The outlet of its source, or the source's id where the outlet is not known."""
    published: str
    role: str | None
    via: str | None
    quote: str
    stated_on: str | None

    @classmethod
    def of(cls, item: PublishedClaim, outlet: str) -> Said:
        claim = item.claim
        stated_on = None if claim.stated_on is None else str(claim.stated_on)
        attribution = claim.attribution
        return cls(outlet, str(item.published), attribution.role, attribution.via, claim.quote, stated_on)


def explain(
    summit: Summit,
    claims: Iterable[PublishedClaim],
    day: dt.date,
    outlets: Mapping[str, str],
    limit: int | None = None,
) -> Explanation:
    """The state of `summit` on `day` from `claims` (as recorded), and why; `outlets` names the
    outlet of each source id, for the words of anonymous sources and outlets (`explained`)."""
    about = [c for c in claims if summit.id in c.claim.summits and c.visible_from <= day]
    said = {c.claim.id: Said.of(c, outlets.get(c.claim.source, c.claim.source)) for c in about}
    return explained(summit, [Fact.of(c) for c in about], said, day, limit)


def explained(
    summit: Summit, facts: Iterable[Fact], said: Mapping[str, Said], day: dt.date, limit: int | None = None
) -> Explanation:
    """The state of `summit` on `day` from the facts of its claims (as recorded), and why;
    `said` holds the words of each claim visible on `day`, by id, for its sentence (only
    those of the claims explained are read from it). With `limit`, only that many of the
    claims that did not decide or contest are explained, the strongest first; `more` says how
    many were not.

    The fold that decides the status (`belief.run`) is run over the claims visible on `day`,
    keeping what it otherwise forgets: which claim put each other one out of the running, and
    by which rule (`_Leader.dropped`), and what a refusal or an agreement set aside. Every
    reason is read from that record, not ranked again here."""
    visible = sorted(
        (f for f in facts if summit.id in f.summits and f.visible_from <= day), key=lambda f: f.visible_from
    )
    by_id = {f.id: f for f in visible}
    knowledge = _Knowledge(summit)
    knowledge.combined.dropped = {}
    belief = belief_at(run(knowledge, visible, until=day), day)
    fold = _Fold(knowledge, knowledge.deciding(day), day, by_id)
    visible.sort(key=lambda f: strength(f, summit), reverse=True)  # reading order
    words = _Words(summit, said)
    reasons: list[Reason] = []
    top = by_id[belief.decided_by[0]] if belief.decided_by else None
    for ident in belief.decided_by:
        reasons.append(_decided(belief, by_id[ident], words))
    for ident in belief.contested_by:
        reasons.append(
            Reason(
                ident,
                "contests",
                "R13",
                f"Contested by {words.of(by_id[ident])}: it is tied with the deciding claim on "
                "standing, day and firmness, and not ordered by time, and says the opposite; "
                "precedence names the status",
            )
        )
    placed = {*belief.decided_by, *belief.contested_by}
    others = [item for item in visible if item.id not in placed]
    for item in others[:limit]:
        reasons.append(_placed(belief, item, top, fold, words))
    more = 0 if limit is None else max(0, len(others) - limit)
    return Explanation(summit.id, day, belief, tuple(reasons), more)


class Pointer(NamedTuple):
    """What `bearing` needs of a visible claim: its id, the status it points at (R3, R4, R5;
    None for a non-answer), and the day it counts from (R1)."""

    claim: str
    status: Status | None
    visible_from: dt.date

    @classmethod
    def of(cls, item: PublishedClaim) -> Pointer:
        return cls(item.claim.id, signal_of(item.claim.kind, item.claim.modality), item.visible_from)


_CLAIM = attrgetter("claim")
_VISIBLE_FROM = attrgetter("visible_from")


def borne_out(deciding: Iterable[Status | None]) -> set[Status | None]:
    """The statuses a claim supports a state by pointing at, given those its deciding claims
    point at: theirs, and for a held meeting, confirmed too (a held meeting bears out the
    claims that it would happen)."""
    pointed = set(deciding)
    if Status.HELD in pointed:
        pointed.add(Status.CONFIRMED)
    return pointed


def bearing(
    belief: Belief, visible: Iterable[Pointer]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """What the visible claims that did not decide say of the state the fold decided: those
    pointing at its status (supporting; for a held meeting, its confirmations too; for a lapsed
    one, the status that lapsed), those pointing elsewhere (contradicting), and the non-answers.
    Latest first. Nothing is ranked here: the fold decided, and `explain` says why."""
    decided = set(belief.decided_by)
    chosen: list[Pointer] = []
    deciding: set[Status | None] = set()
    for said in visible:
        if said.claim in decided:
            deciding.add(said.status)
        else:
            chosen.append(said)
    pointed = borne_out(deciding)
    chosen.sort(key=_CLAIM)  # then stably by day, latest first: by day, then by id
    chosen.sort(key=_VISIBLE_FROM, reverse=True)
    supporting: list[str] = []
    contradicting: list[str] = []
    silent: list[str] = []
    for said in chosen:
        status = said.status
        (silent if status is None else supporting if status in pointed else contradicting).append(said.claim)
    return tuple(supporting), tuple(contradicting), tuple(silent)


@dataclass(frozen=True)
class _Fold:
    """The fold as it stands on the day explained: its knowledge and the leader that decides."""

    knowledge: _Knowledge
    deciding: _Leader
    day: dt.date
    facts: Mapping[str, Fact]
    """The fact the fold weighed of each visible claim, by id."""

    def why_not(self, item: Fact, top: Fact, words: _Words) -> tuple[str, str]:
        """The rule, and the words, by which the fold put `item` below the deciding one, `top`."""
        deciding, combined = self.deciding, self.knowledge.combined
        if any(member is item for member in deciding.members()):
            how = deciding.beaten_by(item)
            if how == "time" and item.moment and top.moment:
                return "R6", f"said earlier that day, at {_clock(item.moment)} against {_clock(top.moment)}"
            if how == "firmness":
                return "R4", f"{item.modality.value.replace('_', '-')}, which loses to a firmer claim"
            return "R6", "tied, and status precedence puts the other first"
        if any(member is item for member in combined.members()):  # set aside by R14 or R15
            if signal(top) in AGAINST:
                return (
                    "R14",
                    "a later hedge or condition, or the other party's, does not undo a plain refusal",
                )
            return "R15", "a later hedge or condition does not undo the parties' agreement"
        rule, by = (combined.dropped or {}).get(item.id, ("R6", top))
        if rule == "R2":
            return "R2", f"{words.word(item)} weighs less than {words.word(by)}"
        return "R6", f"said on an earlier day, visible from {item.visible_from}"


class _Words:
    def __init__(self, summit: Summit, said: Mapping[str, Said]) -> None:
        self.summit = summit
        self.said = said
        """The words of each visible claim, by id."""

    def of(self, fact: Fact) -> str:
        """`Dmitry Peskov, Kremlin spokesman, for Russia (a party, on the record; hedged),
        published 2025-07-22: “...”`."""
        said = self.said[fact.id]
        if fact.attribution is AttributionKind.OFFICIAL:
            who = ", ".join(part for part in (fact.speaker, said.role) if part)
        elif fact.attribution in (AttributionKind.ANONYMOUS, AttributionKind.BACKGROUND):
            default = "anonymous sources" if fact.attribution is AttributionKind.ANONYMOUS else "an official"
            who = f"{said.role or default} via {said.via or said.outlet}"
        else:
            who = said.via or said.outlet
        party = fact.side(self.summit) if fact.attribution is not AttributionKind.OUTLET else None
        side = party or fact.speaks_for
        if side and side != fact.speaker:
            who += f", for {side}"
        how = self.standing(fact)
        if fact.modality is not Modality.PLAIN:
            how += f"; {fact.modality.value.replace('_', '-')}"
        quote = said.quote if said.quote[:1] in "“\"'‘" else f"“{said.quote}”"
        stated = f", said {said.stated_on}" if said.stated_on else ""
        return f"{who} ({how}){stated}, published {said.published}: {quote}"

    def standing(self, fact: Fact) -> str:
        """The claim's standing in words (R2): `a party, on the record`."""
        weight = standing(fact, self.summit)
        if fact.attribution is not AttributionKind.OFFICIAL:
            return STANDING[fact.attribution]
        if weight == HOST:
            return "the host, on the record"
        if weight < PARTY:
            return "a third party, on the record"
        if fact.side(self.summit) is None:
            return STANDING[fact.attribution] + ", side not stated"
        return "a party, on the record"

    def word(self, fact: Fact) -> str:
        """Whose word it is, as a noun (R2): `a party's word`."""
        words = {
            "a party, on the record": "a party's word",
            "the host, on the record": "the host's word",
            "a third party, on the record": "a third party's word",
            STANDING[AttributionKind.OFFICIAL] + ", side not stated": "an official's word",
            STANDING[AttributionKind.BACKGROUND]: "a word on background",
            STANDING[AttributionKind.ANONYMOUS]: "anonymous sources",
            STANDING[AttributionKind.OUTLET]: "the outlet's own words",
        }
        return words[self.standing(fact)]


def _decided(belief: Belief, item: Fact, words: _Words) -> Reason:
    if belief.status is Status.HELD:
        return Reason(item.id, "decided", "R7", f"Reported held: {words.of(item)}; that is final")
    sentence = f"Decided by {words.of(item)}: the strongest visible claim"
    if belief.status is Status.LAPSED and belief.window is not None:
        return Reason(
            item.id,
            "decided",
            "R6, R8",
            f"{sentence}; its window {belief.window} has passed with the meeting still open, so lapsed",
        )
    return Reason(item.id, "decided", "R6", sentence)


def _placed(belief: Belief, item: Fact, top: Fact | None, fold: _Fold, words: _Words) -> Reason:
    ident, said, day = item.id, words.of(item), fold.day
    status = signal(item)
    if status is None:
        return Reason(ident, "silent", "R5", f"A non-answer, which decides nothing: {said}")
    period = item.period
    if period is not None and period.end is not None and period.end < day:
        return Reason(ident, "expired", "R12", f"Denied only {period}, which has ended: {said}")
    held_on = item.held_on
    if status is Status.HELD and held_on is not None and held_on.earliest > day:
        return Reason(ident, "pending", "R7", f"Reported held on {held_on}, not yet begun: {said}")
    if belief.status is Status.HELD:
        if status is Status.HELD:
            return Reason(ident, "agrees", "R7", f"Also reported held: {said}")
        return Reason(ident, "overruled", "R7", f"Overtaken by the report that it was held: {said}")
    agrees = top is not None and (status in AGAINST) == (signal(top) in AGAINST)
    role = "agrees" if agrees else "overruled"
    if top is None:  # only non-answers, held claims not begun, ended denials decide nothing
        return Reason(ident, role, "R6", said)
    rule, why = fold.why_not(item, top, words)
    lead = "Agrees, but weaker" if agrees else "Stands below"
    return Reason(ident, role, rule, f"{lead} ({why}): {said}")


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M UTC")
