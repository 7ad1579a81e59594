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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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

    @property
    def headline(self) -> str:
        status = self.belief.status.value + (" (contested)" if self.belief.contested_by else "")
        since = f" since {self.belief.since}" if self.belief.since else ""
        return f"{self.summit} on {self.day}: {status}{since}"

    def text(self) -> str:
        """The explanation for a person: the headline, then a sentence per claim."""
        lines = [self.headline]
        if not self.reasons:
            lines.append("No visible claim speaks of it (R10).")
        lines += [f"- {reason.sentence} ({reason.rule})" for reason in self.reasons]
        return "\n".join(lines)


def explain(
    summit: Summit, claims: Iterable[PublishedClaim], day: dt.date, outlets: Mapping[str, str]
) -> Explanation:
    """The state of `summit` on `day` from `claims` (as recorded), and why; `outlets` names the
    outlet of each source id, for the words of anonymous sources and outlets.

    The fold that decides the status (`belief.run`) is run over the claims visible on `day`,
    keeping what it otherwise forgets: which claim put each other one out of the running, and
    by which rule (`_Leader.dropped`), and what a refusal or an agreement set aside. Every
    reason is read from that record, not ranked again here."""
    about = [c for c in claims if summit.id in c.claim.summits]
    visible = sorted((c for c in about if c.visible_from <= day), key=lambda c: c.visible_from)
    by_id = {c.claim.id: c for c in visible}
    fact_of = {c.claim.id: Fact.of(c) for c in visible}
    knowledge = _Knowledge(summit)
    knowledge.combined.dropped = {}
    belief = belief_at(run(knowledge, list(fact_of.values()), until=day), day)
    fold = _Fold(knowledge, knowledge.deciding(day), day, fact_of)
    visible.sort(key=lambda c: strength(fact_of[c.claim.id], summit), reverse=True)  # reading order
    words = _Words(outlets, summit, by_id, fact_of)
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
    for item in visible:
        if item.claim.id not in placed:
            reasons.append(_placed(belief, item, top, fold, words))
    return Explanation(summit.id, day, belief, tuple(reasons))


class Pointer(NamedTuple):
    """What `bearing` needs of a visible claim: its id, the status it points at (R3, R4, R5;
    None for a non-answer), and the day it counts from (R1)."""

    claim: str
    status: Status | None
    visible_from: dt.date

    @classmethod
    def of(cls, item: PublishedClaim) -> Pointer:
        return cls(item.claim.id, signal_of(item.claim.kind, item.claim.modality), item.visible_from)


def bearing(
    belief: Belief, visible: Iterable[Pointer]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """What the visible claims that did not decide say of the state the fold decided: those
    pointing at its status (supporting; for a held meeting, its confirmations too; for a lapsed
    one, the status that lapsed), those pointing elsewhere (contradicting), and the non-answers.
    Latest first. Nothing is ranked here: the fold decided, and `explain` says why."""
    decided = set(belief.decided_by)
    visible = list(visible)
    chosen = [said for said in visible if said.claim not in decided]
    pointed = {said.status for said in visible if said.claim in decided}
    if Status.HELD in pointed:  # a held meeting bears out the claims that it would happen
        pointed.add(Status.CONFIRMED)
    chosen.sort(key=lambda said: (-said.visible_from.toordinal(), said.claim))
    supporting = tuple(x.claim for x in chosen if x.status is not None and x.status in pointed)
    contradicting = tuple(x.claim for x in chosen if x.status is not None and x.status not in pointed)
    silent = tuple(x.claim for x in chosen if x.status is None)
    return supporting, contradicting, silent


@dataclass(frozen=True)
class _Fold:
    """The fold as it stands on the day explained: its knowledge and the leader that decides."""

    knowledge: _Knowledge
    deciding: _Leader
    day: dt.date
    facts: Mapping[str, Fact]
    """The fact the fold weighed of each visible claim, by id."""

    def why_not(self, claim: PublishedClaim, above: PublishedClaim, words: _Words) -> tuple[str, str]:
        """The rule, and the words, by which the fold put `claim` below the deciding one."""
        item, top = self.facts[claim.claim.id], self.facts[above.claim.id]
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
            return "R2", f"{words.word(claim)} weighs less than {words.word(words.claims[by.id])}"
        return "R6", f"said on an earlier day, visible from {item.visible_from}"


class _Words:
    def __init__(
        self,
        outlets: Mapping[str, str],
        summit: Summit,
        claims: Mapping[str, PublishedClaim],
        facts: Mapping[str, Fact],
    ) -> None:
        self.outlets = outlets
        self.summit = summit
        self.claims = claims
        self.facts = facts
        """What the fold weighed of each claim, by id: its standing and side."""

    def of(self, item: PublishedClaim) -> str:
        """`Dmitry Peskov, Kremlin spokesman, for Russia (a party, on the record; hedged),
        published 2025-07-22: “...”`."""
        claim, attribution = item.claim, item.claim.attribution
        outlet = self.outlets.get(claim.source, claim.source)
        if attribution.kind is AttributionKind.OFFICIAL:
            who = ", ".join(part for part in (attribution.speaker, attribution.role) if part)
        elif attribution.kind in (AttributionKind.ANONYMOUS, AttributionKind.BACKGROUND):
            default = "anonymous sources" if attribution.kind is AttributionKind.ANONYMOUS else "an official"
            who = f"{attribution.role or default} via {attribution.via or outlet}"
        else:
            who = attribution.via or outlet
        fact = self.facts[claim.id]
        party = fact.side(self.summit) if attribution.kind is not AttributionKind.OUTLET else None
        side = party or attribution.speaks_for
        if side and side != attribution.speaker:
            who += f", for {side}"
        how = self.standing(item)
        if claim.modality is not Modality.PLAIN:
            how += f"; {claim.modality.value.replace('_', '-')}"
        quote = claim.quote if claim.quote[:1] in "“\"'‘" else f"“{claim.quote}”"
        said = f", said {claim.stated_on}" if claim.stated_on else ""
        return f"{who} ({how}){said}, published {item.published}: {quote}"

    def standing(self, item: PublishedClaim) -> str:
        """The claim's standing in words (R2): `a party, on the record`."""
        attribution, fact = item.claim.attribution, self.facts[item.claim.id]
        weight = standing(fact, self.summit)
        if attribution.kind is not AttributionKind.OFFICIAL:
            return STANDING[attribution.kind]
        if weight == HOST:
            return "the host, on the record"
        if weight < PARTY:
            return "a third party, on the record"
        if fact.side(self.summit) is None:
            return STANDING[attribution.kind] + ", side not stated"
        return "a party, on the record"

    def word(self, item: PublishedClaim) -> str:
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
        return words[self.standing(item)]


def _decided(belief: Belief, item: PublishedClaim, words: _Words) -> Reason:
    if belief.status is Status.HELD:
        return Reason(item.claim.id, "decided", "R7", f"Reported held: {words.of(item)}; that is final")
    sentence = f"Decided by {words.of(item)}: the strongest visible claim"
    if belief.status is Status.LAPSED and belief.window is not None:
        return Reason(
            item.claim.id,
            "decided",
            "R6, R8",
            f"{sentence}; its window {belief.window} has passed with the meeting still open, so lapsed",
        )
    return Reason(item.claim.id, "decided", "R6", sentence)


def _placed(
    belief: Belief, item: PublishedClaim, top: PublishedClaim | None, fold: _Fold, words: _Words
) -> Reason:
    ident, said, day = item.claim.id, words.of(item), fold.day
    status = signal(fold.facts[ident])
    if status is None:
        return Reason(ident, "silent", "R5", f"A non-answer, which decides nothing: {said}")
    period = item.claim.period
    if period is not None and period.end is not None and period.end < day:
        return Reason(ident, "expired", "R12", f"Denied only {period}, which has ended: {said}")
    held_on = item.claim.held_on
    if status is Status.HELD and held_on is not None and held_on.earliest > day:
        return Reason(ident, "pending", "R7", f"Reported held on {held_on}, not yet begun: {said}")
    if belief.status is Status.HELD:
        if status is Status.HELD:
            return Reason(ident, "agrees", "R7", f"Also reported held: {said}")
        return Reason(ident, "overruled", "R7", f"Overtaken by the report that it was held: {said}")
    agrees = top is not None and (status in AGAINST) == (signal(fold.facts[top.claim.id]) in AGAINST)
    role = "agrees" if agrees else "overruled"
    if top is None:  # only non-answers, held claims not begun, ended denials decide nothing
        return Reason(ident, role, "R6", said)
    rule, why = fold.why_not(item, top, words)
    lead = "Agrees, but weaker" if agrees else "Stands below"
    return Reason(ident, role, rule, f"{lead} ({why}): {said}")


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M UTC")
