"""The claims of generated sources: their kind, firmness, attribution, quote and sentence."""

from __future__ import annotations

import datetime as dt
import random

from tracker.domain.dates import DateSpan
from tracker.domain.models import Attribution, Claim, Correction
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality
from tracker.generate.plan import Plan, day_text, join
from tracker.generate.tables import pick_ranked
from tracker.generate.weights import (
    ATTRIBUTIONS,
    CANCELLED,
    CONFIRMED,
    DENIED,
    HELD,
    MODALITIES,
    NO_COMMENT_ATTRIBUTIONS,
    OUTLET_WEIGHTS,
    POSSIBLE,
    PROPOSED,
    RUMORED,
)
from tracker.generate.words import (
    ANONYMOUS_LEADS,
    CLAIM_NOTES,
    CONDITIONS,
    CORE,
    CORRECT_REASONS,
    HEDGES,
    NO_COMMENT,
    OUTLETS,
    RETRACT_REASONS,
    WEEKDAYS,
)

AttributionKey = tuple[AttributionKind, str | None, str | None, str | None, str | None]


class Claims:
    """Makes the claims of a corpus and their corrections, numbering them in turn; shares the
    corpus's random stream, and one object per distinct day and attribution."""

    def __init__(self, rng: random.Random, claims: int) -> None:
        self.rng = rng
        self.count = 0
        self.fixes = 0
        self.claim_width = max(7, len(str(claims)))
        self.fix_width = max(6, len(str(claims)))
        self.exact_days: dict[int, DateSpan] = {}
        self.attributions: dict[AttributionKey, Attribution] = {}

    def day(self, ordinal: int) -> DateSpan:
        """The exact day `ordinal`, one object per day."""
        span = self.exact_days.get(ordinal)
        if span is None:
            day = dt.date.fromordinal(ordinal)
            span = self.exact_days[ordinal] = DateSpan(earliest=day, latest=day)
        return span

    def _attribution(
        self,
        kind: AttributionKind,
        speaker: str | None,
        role: str | None,
        via: str | None,
        speaks_for: str | None = None,
    ) -> Attribution:
        key = (kind, speaker, role, via, speaks_for)
        found = self.attributions.get(key)
        if found is None:
            found = self.attributions[key] = Attribution(
                kind=kind, speaker=speaker, role=role, via=via, speaks_for=speaks_for
            )
        return found

    def claim(
        self, source_id: str, outlet: str, published: int, plan: Plan, other: Plan | None, kind: ClaimKind
    ) -> tuple[Claim, str]:
        """A claim about `plan` (and `other`) in a source published from day `published` on,
        and the sentence of the source's text that holds its quote."""
        rng = self.rng
        self.count += 1
        modality = MODALITIES[kind].draw(rng)
        attributions = NO_COMMENT_ATTRIBUTIONS if modality is Modality.NO_COMMENT else ATTRIBUTIONS[kind]
        attribution_kind = attributions.draw(rng)
        leaders = plan.leaders
        side = rng.randrange(len(leaders))
        a = leaders[side].short
        b = join([leader.short for n, leader in enumerate(leaders) if n != side])
        venue = None
        if kind is HELD:
            venue = plan.venue if rng.random() < 0.8 else None
        elif kind is CONFIRMED:
            venue = plan.venue if rng.random() < (0.6 if plan.summit.venue is None else 0.3) else None
        window = None
        when = ""
        if kind is CONFIRMED and not plan.historic and rng.random() < 0.3:
            window = plan.schedule
            when = f" on {day_text(plan.schedule.start)}" if plan.schedule.start else ""
        elif plan.summit.window is not None and plan.summit.window.note and rng.random() < 0.3:
            when = f" {plan.summit.window.note}"
        shown_venue = venue or plan.summit.venue
        words = {
            "pair": plan.pair,
            "a": a,
            "b": b,
            "venue_in": f" in {shown_venue}" if shown_venue else "",
            "when": when,
            "held": plan.held_text,
        }
        held_on = None
        if kind is HELD:
            held_on = plan.held_on
            if plan.historic and rng.random() < 0.5:
                year = plan.held_on.earliest.year
                held_on = DateSpan(earliest=dt.date(year, 1, 1), latest=dt.date(year, 12, 31))
            else:
                words["held"] = f"on {day_text(plan.held_on.earliest)}"
        condition = None
        if modality is Modality.NO_COMMENT:
            core = rng.choice(NO_COMMENT).format(**words)
        else:
            core = rng.choice(CORE[kind]).format(**words)
            if modality is Modality.HEDGED:
                core = rng.choice(HEDGES).format(s=core)
            elif modality is Modality.CONDITIONAL:
                condition = rng.choice(CONDITIONS).format(b=b, occasion=plan.summit.occasion or "talks")
                core = f"if {condition}, {core}" if rng.random() < 0.5 else f"{core} if {condition}"
        stated_on = None
        on = ""
        speaker = role = via = speaks_for = None
        if attribution_kind is AttributionKind.OFFICIAL:
            leader = leaders[side]
            if rng.random() < 0.2:
                speaker, role = leader.name, leader.office
            else:
                speaker, role = rng.choice(leader.officials)
                speaks_for = leader.country
            if rng.random() < 0.15:
                via = OUTLETS[pick_ranked(rng, OUTLET_WEIGHTS)]
                if via == outlet:
                    via = None
            quote = core[0].upper() + core[1:]
            if rng.random() < 0.35:
                stated_on, on = self._stated(published)
            verb = f"told {via}" if via else "said"
            who = f"{speaker}, {role}," if role else speaker
            sentence = f"{who} {verb}{on}: “{quote}.”"
        elif attribution_kind is AttributionKind.ANONYMOUS:
            if rng.random() < 0.25:
                via = OUTLETS[pick_ranked(rng, OUTLET_WEIGHTS)]
                if via == outlet:
                    via = None
            quote = core
            if rng.random() < 0.1:
                stated_on, on = self._stated(published)
            verb = f"told {via}" if via else "said"
            lead = rng.choice(ANONYMOUS_LEADS)
            if lead == ANONYMOUS_LEADS[-1]:  # "A senior official": on background, for a side
                attribution_kind, role = AttributionKind.BACKGROUND, "a senior official"
                speaks_for = leaders[side].country
            sentence = f"{lead} {verb}{on} that {quote}."
        else:
            if rng.random() < 0.08:
                via = OUTLETS[pick_ranked(rng, OUTLET_WEIGHTS)]
                if via == outlet:
                    via = None
            quote = core[0].upper() + core[1:]
            sentence = f"{quote}, {via} reported." if via else f"{quote}."
        sentence = sentence[0].upper() + sentence[1:]
        claim = Claim(
            id=f"c{self.count:0{self.claim_width}d}",
            source=source_id,
            kind=kind,
            summits=(plan.summit.id,) if other is None else (plan.summit.id, other.summit.id),
            attribution=self._attribution(attribution_kind, speaker, role, via, speaks_for),
            modality=modality,
            condition=condition,
            stated_on=stated_on,
            quote=quote,
            held_on=held_on,
            venue=venue,
            window=window,
            note=rng.choice(CLAIM_NOTES) if rng.random() < 0.01 else None,
        )
        return claim, sentence

    def _stated(self, published: int) -> tuple[DateSpan, str]:
        """A statement day on or before the publication's first possible day, and its words."""
        rng = self.rng
        if rng.random() < 0.05:
            day = dt.date.fromordinal(published).replace(day=1) - dt.timedelta(days=1)
            return DateSpan(earliest=day.replace(day=1), latest=day), " last month"
        ago = rng.choice((0, 0, 0, 1, 1, 1, 2, 3, 4, 6))
        day_ordinal = published - ago
        name = WEEKDAYS[dt.date.fromordinal(day_ordinal).weekday()]
        return self.day(day_ordinal), " today" if ago == 0 else f" on {name}"

    def fix(self, claim: Claim) -> Correction | None:
        """About 1% of claims are retracted, and a few corrected (their kind or firmness)."""
        rng = self.rng
        draw = rng.random()
        if draw >= 0.015:
            return None
        if draw < 0.01:
            corrected = None
            reason = rng.choice(RETRACT_REASONS)
        elif (
            claim.kind is HELD
            or claim.kind is CANCELLED
            or claim.modality not in (Modality.PLAIN, Modality.HEDGED)
        ):
            return None
        elif rng.random() < 0.5:
            kinds = [k for k in (RUMORED, POSSIBLE, PROPOSED, CONFIRMED, DENIED) if k is not claim.kind]
            corrected = claim.model_copy(update={"kind": rng.choice(kinds)})
            reason = CORRECT_REASONS[0]
        else:
            firmer = claim.modality is Modality.HEDGED
            corrected = claim.model_copy(update={"modality": Modality.PLAIN if firmer else Modality.HEDGED})
            reason = CORRECT_REASONS[1 if firmer else 2]
        self.fixes += 1
        return Correction(
            id=f"fix{self.fixes:0{self.fix_width}d}", claim_id=claim.id, reason=reason, corrected=corrected
        )
