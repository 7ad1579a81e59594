"""Why a summit stands where it does on a day, in sentences naming the rules. Pure: no I/O.

The status, `since`, the deciding and contesting claims come from the fold itself
(`belief.history`); every other visible claim is then placed against the deciding one by the
same rules, in the order the rules apply them: a meeting reported held is final (R7), a
non-answer decides nothing (R5), a denial of a period that has ended no longer decides (R12),
then weight (R2), recency (R6, but not for a hedge against a plain refusal, R14), firmness
(R4) and status precedence (R6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tracker.domain.belief import AGAINST, HOST, PARTY, Belief, belief_at, history, signal, standing, strength
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
    outlet of each source id, for the words of anonymous sources and outlets."""
    about = [c for c in claims if summit.id in c.claim.summits]
    belief = belief_at(history(summit, about), day)
    visible = sorted(
        (c for c in about if c.visible_from <= day), key=lambda c: strength(c, summit), reverse=True
    )
    by_id = {c.claim.id: c for c in visible}
    words = _Words(outlets, summit)
    # R6: times order a day's claims of one standing only when every one of them has a time.
    words.untimed = {strength(c, summit)[:2] for c in visible if c.moment is None}
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
                "standing, day and firmness, and says the opposite; precedence names the status",
            )
        )
    placed = {*belief.decided_by, *belief.contested_by}
    for item in visible:
        if item.claim.id not in placed:
            reasons.append(_placed(belief, item, top, day, words))
    return Explanation(summit.id, day, belief, tuple(reasons))


class _Words:
    def __init__(self, outlets: Mapping[str, str], summit: Summit) -> None:
        self.outlets = outlets
        self.summit = summit
        self.untimed: set[tuple[int, dt.date]] = set()

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
        party = attribution.side(self.summit) if attribution.kind is not AttributionKind.OUTLET else None
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
        attribution = item.claim.attribution
        weight = standing(item, self.summit)
        if attribution.kind is not AttributionKind.OFFICIAL:
            return STANDING[attribution.kind]
        if weight == HOST:
            return "the host, on the record"
        if weight < PARTY:
            return "a third party, on the record"
        if attribution.side(self.summit) is None:
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
    belief: Belief, item: PublishedClaim, top: PublishedClaim | None, day: dt.date, words: _Words
) -> Reason:
    ident, said = item.claim.id, words.of(item)
    status = signal(item)
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
    agrees = top is not None and (status in AGAINST) == (signal(top) in AGAINST)
    role = "agrees" if agrees else "overruled"
    if top is None:  # only non-answers, held claims not begun, ended denials decide nothing
        return Reason(ident, role, "R6", said)
    rule, why = _why_weaker(item, top, words)
    loose = item.claim.modality is not Modality.PLAIN and top.claim.modality is Modality.PLAIN
    if loose and rule == "R6" and item.visible_from > top.visible_from:
        # Later, as strong, and set aside: by a plain refusal (R14) or an agreement (R15).
        if signal(top) in AGAINST:
            rule, why = "R14", "a later hedge or condition does not undo a party's plain refusal"
        else:
            rule, why = "R15", "a later hedge or condition does not undo the parties' agreement"
    lead = "Agrees, but weaker" if agrees else "Stands below"
    return Reason(ident, role, rule, f"{lead} ({why}): {said}")


def _why_weaker(item: PublishedClaim, top: PublishedClaim, words: _Words) -> tuple[str, str]:
    """The first rule by which `top` ranks above `item` (R6's order: standing, day, firmness,
    precedence)."""
    mine, theirs = strength(item, words.summit), strength(top, words.summit)
    if mine[0] != theirs[0]:
        return "R2", f"{words.word(item)} weighs less than {words.word(top)}"
    if mine[1] != theirs[1]:
        return "R6", f"said earlier, visible from {item.visible_from}"
    timed = mine[:2] not in words.untimed
    if timed and item.moment and top.moment and item.moment < top.moment:
        return "R6", f"said earlier that day, at {_clock(item.moment)} against {_clock(top.moment)}"
    if mine[2] != theirs[2]:
        return "R4", f"{item.claim.modality.value.replace('_', '-')}, which loses to a firmer claim"
    return "R6", "tied, and status precedence puts the other first"


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M UTC")
