"""The fold against the naive reference (`reference.py`) on stories told by the sides of a
summit: its parties, its host, third parties, on the record and on background (R2, R14, R15),
some of them at known times of day (R6, R13).

The store-based model comparison (`test_model_based.py`) draws attributions from every kind,
so two parties' plain and hedged words about one meeting meet rarely there. Here every
example is such a story, folded in memory, so the search is dense and fast, and the seeded
bugs of the rules on sides are hunted where they show.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.properties import broken
from tests.properties.harness import counterexample
from tests.properties.reference import Said, believe
from tracker.domain.belief import Belief, belief_at, history
from tracker.domain.dates import DateSpan
from tracker.domain.models import Attribution, Claim, PublishedClaim, Summit
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality

FIRST = dt.date(2025, 10, 1)
DAYS = 4
PARTICIPANTS = ("Vladimir Putin", "Donald Trump")
PARTIES = ("Russia", "United States")
SPEAKERS = (*PARTICIPANTS, "Dmitry Peskov", "Karoline Leavitt", "Viktor Orbán")
SIDES = (None, *PARTIES, *PARTICIPANTS, "Hungary", "the European Union")
KINDS = (  # confirmations twice: an agreement takes one from each party (R15)
    ClaimKind.MEETING_PROPOSED,
    ClaimKind.MEETING_CONFIRMED,
    ClaimKind.MEETING_CONFIRMED,
    ClaimKind.MEETING_DENIED,
    ClaimKind.MEETING_CANCELLED,
    ClaimKind.MEETING_POSTPONED,
    ClaimKind.MEETING_RUMORED,
)


@st.composite
def summits(draw: st.DrawFn) -> Summit:
    return Summit(
        id="s",
        title="Putin-Trump meeting in Budapest",
        participants=PARTICIPANTS,
        parties=PARTIES if draw(st.booleans()) else (),
        host=draw(st.sampled_from([None, "Hungary"])),
    )


@st.composite
def attributions(draw: st.DrawFn) -> Attribution:
    kind = draw(st.sampled_from([AttributionKind.OFFICIAL] * 4 + [AttributionKind.BACKGROUND]))
    official = kind is AttributionKind.OFFICIAL
    return Attribution(
        kind=kind,
        speaker=draw(st.sampled_from(SPEAKERS)) if official else None,
        speaks_for=draw(st.sampled_from(SIDES)),
    )


@st.composite
def stories(draw: st.DrawFn) -> tuple[Summit, list[PublishedClaim]]:
    summit = draw(summits())
    claims = []
    if draw(st.booleans()):  # both parties confirm on the first day: an agreement (R15)
        for n, speaker in enumerate(PARTICIPANTS):
            claim = Claim(
                id=f"agree{n}",
                source=f"agree{n}",
                kind=ClaimKind.MEETING_CONFIRMED,
                summits=("s",),
                attribution=Attribution(kind=AttributionKind.OFFICIAL, speaker=speaker),
                quote=f"agreed {n}",
            )
            claims.append(PublishedClaim(claim=claim, published=DateSpan.on(FIRST)))
    for n in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(KINDS))
        modality = draw(
            st.sampled_from([Modality.PLAIN, Modality.PLAIN, Modality.HEDGED, Modality.CONDITIONAL])
        )
        if kind is ClaimKind.MEETING_CANCELLED and modality is Modality.CONDITIONAL:
            modality = Modality.HEDGED
        claim = Claim(
            id=f"c{n}",
            source=f"src{n}",
            kind=kind,
            summits=("s",),
            attribution=draw(attributions()),
            modality=modality,
            condition="if it's appropriate" if modality is Modality.CONDITIONAL else None,
            quote=f"words {n}",
        )
        day = FIRST + dt.timedelta(days=draw(st.integers(0, DAYS - 1)))
        hour = draw(st.sampled_from([None, None, 9, 12, 12, 18]))  # times of day: R6, R13
        at = None if hour is None else dt.datetime.combine(day, dt.time(hour), dt.UTC)
        published = DateSpan.model_validate(at) if at else DateSpan.on(day)
        claims.append(PublishedClaim(claim=claim, published=published))
    return summit, claims


def disagreement(summit: Summit, claims: list[PublishedClaim]) -> str | None:
    """The first day on which the fold and the reference differ, described; None if none."""
    rows = history(summit, claims)
    said = [Said(c.claim, c.published) for c in claims]
    for offset in range(DAYS + 1):
        day = FIRST + dt.timedelta(days=offset)
        got: Belief = belief_at(rows, day)
        want = believe(summit, said, day)
        if (got.status.value, got.decided_by, got.contested_by) != (
            want.status,
            want.decided_by,
            want.contested_by,
        ):
            return f"{day}: fold {got.status.value} {got.decided_by} {got.contested_by}, reference {want}"
    return None


@given(stories())
def test_the_fold_agrees_with_the_reference_on_stories_told_by_sides(
    story: tuple[Summit, list[PublishedClaim]],
) -> None:
    assert disagreement(*story) is None


@pytest.mark.parametrize(
    "bug",
    [
        broken.contests_nothing,
        broken.hedges_undo_refusals,
        broken.sides_ignored,
        broken.parties_unknown,
        broken.agreement_no_stronger,
        broken.times_ignored,
        broken.untimed_is_midnight,
    ],
    ids=lambda bug: bug.__name__,
)
def test_the_comparison_on_sides_catches(
    bug: Callable[[pytest.MonkeyPatch], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    bug(monkeypatch)

    def check(story: tuple[Summit, list[PublishedClaim]]) -> None:
        assert disagreement(*story) is None

    counterexample(stories(), check, 3000)  # raises NoSuchExample if the bug goes unnoticed


@given(stories(), st.randoms(use_true_random=False))
def test_the_order_claims_come_in_changes_nothing_with_times_of_day(
    story: tuple[Summit, list[PublishedClaim]], rng: random.Random
) -> None:
    """Order independence over times of day: the fold takes claims in day order, and within a
    day in any order; times of day, not arrival, order them (R6, R13)."""
    summit, claims = story
    shuffled = list(claims)
    rng.shuffle(shuffled)
    assert history(summit, shuffled) == history(summit, claims)
