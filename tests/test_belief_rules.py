"""The projection rules R1..R11 of tracker.domain.belief, one group of tests per rule."""

from __future__ import annotations

import pytest
from domain_builders import By, claim, day, summit

from tracker.domain.belief import Belief, belief_at, fold, history, status_at, visible
from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.facts import facts
from tracker.domain.models import PublishedClaim, Summit
from tracker.domain.vocabulary import Status


def at(s: Summit, claims: list[PublishedClaim], when: str) -> Belief:
    return status_at(s, claims, day(when))


# R1 Visibility


def test_a_claim_is_invisible_before_its_source_is_published() -> None:
    claims = [claim("c", "confirmed", published="2025-08-05")]
    assert at(summit(), claims, "2025-08-04").status is Status.UNKNOWN
    assert at(summit(), claims, "2025-08-05").status is Status.CONFIRMED


def test_a_range_dated_source_counts_from_the_last_day_of_its_range() -> None:
    claims = [claim("c", "confirmed", published="2025-08-01/2025-08-05")]
    assert at(summit(), claims, "2025-08-04").status is Status.UNKNOWN
    assert at(summit(), claims, "2025-08-05").status is Status.CONFIRMED


def test_visible_lists_only_claims_a_reader_could_have_seen_that_day() -> None:
    claims = [
        claim("early", "rumored", published="2025-08-01"),
        claim("today", "rumored", published="2025-08-05"),
        claim("ranged", "rumored", published="2025-08-01/2025-08-06"),
    ]
    assert {c.claim.id for c in visible(claims, summit(), day("2025-08-05"))} == {"early", "today"}


def test_a_range_dated_source_ranks_as_published_on_the_last_day_of_its_range() -> None:
    claims = [
        claim("confirm", "confirmed", published="2025-08-05"),
        claim("deny", "denied", published="2025-07-25/2025-08-10"),
    ]
    assert at(summit(), claims, "2025-08-09").status is Status.CONFIRMED
    assert at(summit(), claims, "2025-08-10").status is Status.DENIED


# R2 Weight


def test_a_rumor_does_not_override_an_earlier_official_confirmation() -> None:
    claims = [
        claim("confirm", "confirmed", by="official", published="2025-08-01"),
        claim("rumor", "rumored", by="outlet", published="2025-08-05"),
    ]
    belief = at(summit(), claims, "2025-08-06")
    assert (belief.status, belief.decided_by) == (Status.CONFIRMED, ("confirm",))


@pytest.mark.parametrize(
    ("stronger", "weaker"), [("official", "anonymous"), ("anonymous", "outlet"), ("official", "outlet")]
)
def test_a_later_claim_never_overrides_an_earlier_one_of_higher_weight(stronger: By, weaker: By) -> None:
    claims = [
        claim("confirm", "confirmed", by=stronger, published="2025-08-01"),
        claim("deny", "denied", by=weaker, published="2025-08-05"),
    ]
    assert at(summit(), claims, "2025-08-06").status is Status.CONFIRMED


@pytest.mark.parametrize(
    ("weaker", "stronger"), [("outlet", "anonymous"), ("anonymous", "official"), ("outlet", "official")]
)
def test_a_later_claim_of_higher_weight_overrides_an_earlier_one(weaker: By, stronger: By) -> None:
    claims = [
        claim("confirm", "confirmed", by=weaker, published="2025-08-01"),
        claim("deny", "denied", by=stronger, published="2025-08-05"),
    ]
    assert at(summit(), claims, "2025-08-06").status is Status.DENIED


def test_weight_decides_a_same_day_disagreement_before_status_precedence() -> None:
    claims = [
        claim("rumor", "rumored", by="official"),
        claim("cancel", "cancelled", by="anonymous"),
    ]
    assert at(summit(), claims, "2025-08-01").status is Status.RUMORED


def test_visible_lists_the_strongest_claims_first() -> None:
    claims = [
        claim("outlet", "rumored", by="outlet", published="2025-08-03"),
        claim("official", "rumored", by="official", published="2025-08-01"),
        claim("anonymous", "rumored", by="anonymous", published="2025-08-02"),
    ]
    ids = [c.claim.id for c in visible(claims, summit(), day("2025-08-05"))]
    assert ids == ["official", "anonymous", "outlet"]


# R3 Signal


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("meeting_rumored", Status.RUMORED),
        ("meeting_possible", Status.RUMORED),
        ("meeting_proposed", Status.PROPOSED),
        ("meeting_confirmed", Status.CONFIRMED),
        ("meeting_denied", Status.DENIED),
        ("meeting_cancelled", Status.CANCELLED),
        ("meeting_postponed", Status.POSTPONED),
    ],
)
def test_each_kind_of_claim_points_at_its_status(kind: str, status: Status) -> None:
    assert at(summit(), [claim("c", kind)], "2025-08-01").status is status


def test_a_held_claim_points_at_held() -> None:
    claims = [claim("c", "held", published="2025-08-02", held_on="2025-08-01")]
    assert at(summit(), claims, "2025-08-02").status is Status.HELD


# R4 Hedges and conditions


@pytest.mark.parametrize("kind", ["rumored", "possible", "proposed", "confirmed", "denied"])
def test_conditional_statement_gives_conditional(kind: str) -> None:
    claims = [claim("c", kind, modality="conditional", condition="if Trump is there")]
    assert at(summit(), claims, "2025-08-01").status is Status.CONDITIONAL


def test_hedged_denial_is_still_a_denial_but_loses_a_tie_to_a_plain_claim() -> None:
    hedged = claim("hedged", "denied", modality="hedged")
    assert at(summit(), [hedged], "2025-08-01").status is Status.DENIED
    assert at(summit(), [hedged, claim("plain", "rumored")], "2025-08-01").status is Status.RUMORED


def test_conditional_loses_a_tie_to_a_plain_claim_and_wins_one_against_a_hedged_claim() -> None:
    conditional = claim("conditional", "confirmed", modality="conditional")
    assert at(summit(), [conditional, claim("plain", "rumored")], "2025-08-01").status is Status.RUMORED
    hedged = claim("hedged", "cancelled", modality="hedged")
    assert at(summit(), [conditional, hedged], "2025-08-01").status is Status.CONDITIONAL


def test_a_later_hedged_denial_overrides_an_earlier_plain_confirmation_of_equal_weight() -> None:
    claims = [
        claim("plain", "confirmed", published="2025-08-01"),
        claim("hedged", "denied", modality="hedged", published="2025-08-05"),
    ]
    assert at(summit(), claims, "2025-08-05").status is Status.DENIED


# R5 No-comment


def test_no_comment_never_decides() -> None:
    claims = [
        claim("rumor", "rumored", by="outlet", published="2025-08-01"),
        claim("silence", "denied", by="official", modality="no_comment", published="2025-08-05"),
    ]
    belief = at(summit(), claims, "2025-08-06")
    assert (belief.status, belief.decided_by) == (Status.RUMORED, ("rumor",))


def test_no_comment_alone_leaves_the_status_unknown() -> None:
    claims = [claim("silence", "confirmed", modality="no_comment")]
    assert at(summit(), claims, "2025-08-01").status is Status.UNKNOWN


def test_no_comment_is_listed_among_the_visible_claims() -> None:
    claims = [claim("silence", "confirmed", modality="no_comment")]
    assert [c.claim.id for c in visible(claims, summit(), day("2025-08-01"))] == ["silence"]


# R6 Decision


def test_a_later_official_denial_overrides_an_earlier_official_confirmation() -> None:
    claims = [
        claim("confirm", "confirmed", published="2025-08-01"),
        claim("deny", "denied", published="2025-08-05"),
    ]
    belief = at(summit(), claims, "2025-08-05")
    assert (belief.status, belief.decided_by) == (Status.DENIED, ("deny",))


def test_a_later_claim_of_equal_weight_overrides_an_earlier_more_final_one() -> None:
    claims = [
        claim("cancel", "cancelled", by="anonymous", published="2025-08-01"),
        claim("rumor", "rumored", by="anonymous", published="2025-08-05"),
    ]
    assert at(summit(), claims, "2025-08-05").status is Status.RUMORED


@pytest.mark.parametrize(
    ("first", "second", "winner"),
    [
        ("cancelled", "denied", Status.CANCELLED),
        ("denied", "confirmed", Status.DENIED),
        ("confirmed", "proposed", Status.CONFIRMED),
        ("proposed", "rumored", Status.PROPOSED),
        ("rumored", "cancelled", Status.CANCELLED),
    ],
)
def test_a_same_day_tie_goes_to_the_more_final_and_more_cautious_status(
    first: str, second: str, winner: Status
) -> None:
    claims = [claim("a", first), claim("b", second)]
    assert at(summit(), claims, "2025-08-01").status is winner


def test_two_claims_on_the_same_day_tie_break_is_independent_of_input_order() -> None:
    confirm, deny = claim("confirm", "confirmed"), claim("deny", "denied")
    assert history(summit(), [confirm, deny]) == history(summit(), [deny, confirm])
    assert at(summit(), [confirm, deny], "2025-08-01").status is Status.DENIED


def test_tied_claims_disclosing_different_venues_give_one_venue_whatever_the_input_order() -> None:
    north, south = claim("north", "confirmed", venue="Oslo"), claim("south", "confirmed", venue="Rome")
    assert history(summit(), [north, south]) == history(summit(), [south, north])


def test_decided_by_lists_all_tied_claims() -> None:
    claims = [claim("b", "confirmed"), claim("a", "confirmed"), claim("weak", "confirmed", by="outlet")]
    belief = at(summit(), claims, "2025-08-01")
    assert (belief.status, belief.decided_by) == (Status.CONFIRMED, ("a", "b"))


# R7 Held is final


def test_held_is_final_even_against_a_later_official_denial() -> None:
    claims = [
        claim("held", "held", by="outlet", published="2025-08-16", held_on="2025-08-15"),
        claim("deny", "denied", by="official", published="2025-08-20"),
    ]
    belief = at(summit(), claims, "2025-08-21")
    assert (belief.status, belief.held_on) == (Status.HELD, DateSpan.model_validate("2025-08-15"))


def test_held_on_comes_from_the_strongest_held_claim() -> None:
    claims = [
        claim("strong", "held", by="official", published="2025-08-16", held_on="2025-08-15"),
        claim("weak", "held", by="outlet", published="2025-08-18", held_on="2025-08-14"),
    ]
    belief = at(summit(), claims, "2025-08-20")
    assert (belief.held_on, belief.decided_by) == (DateSpan.model_validate("2025-08-15"), ("strong",))


def test_a_held_claim_decides_only_once_its_held_on_has_begun() -> None:
    claims = [
        claim("confirm", "confirmed", published="2025-08-01"),
        claim("held", "held", by="outlet", published="2025-08-10", held_on="2025-08-15"),
    ]
    assert at(summit(), claims, "2025-08-14").status is Status.CONFIRMED
    assert at(summit(), claims, "2025-08-15").status is Status.HELD


def test_a_weaker_held_claim_decides_while_the_stronger_ones_held_on_is_still_ahead() -> None:
    claims = [
        claim("official", "held", by="official", published="2025-08-10", held_on="2025-08-20"),
        claim("outlet", "held", by="outlet", published="2025-08-10", held_on="2025-08-12"),
    ]
    assert at(summit(), claims, "2025-08-13").decided_by == ("outlet",)
    assert at(summit(), claims, "2025-08-20").decided_by == ("official",)


def test_a_held_summit_does_not_lapse() -> None:
    s = summit(window="2025-08-01/2025-08-20")
    claims = [claim("held", "held", published="2025-08-16", held_on="2025-08-15")]
    assert at(s, claims, "2025-09-30").status is Status.HELD


# R8 Lapse


@pytest.mark.parametrize(
    ("kind", "modality", "status"),
    [
        ("rumored", "plain", Status.RUMORED),
        ("proposed", "plain", Status.PROPOSED),
        ("confirmed", "conditional", Status.CONDITIONAL),
        ("confirmed", "plain", Status.CONFIRMED),
    ],
)
def test_open_summit_lapses_the_day_after_its_window(kind: str, modality: str, status: Status) -> None:
    s = summit(window="2025-08-01/2025-08-10")
    claims = [claim("c", kind, modality=modality, published="2025-07-20")]
    assert at(s, claims, "2025-08-10").status is status
    lapsed = at(s, claims, "2025-08-11")
    assert (lapsed.status, lapsed.since) == (Status.LAPSED, day("2025-08-11"))


@pytest.mark.parametrize(
    ("kind", "status"),
    [("denied", Status.DENIED), ("cancelled", Status.CANCELLED), ("postponed", Status.POSTPONED)],
)
def test_denied_summit_does_not_lapse(kind: str, status: Status) -> None:
    s = summit(window="2025-08-01/2025-08-10")
    assert at(s, [claim("c", kind, published="2025-07-20")], "2025-09-01").status is status


def test_open_ended_window_never_lapses() -> None:
    s = summit(window=TimeWindow(start=day("2025-08-01")))
    assert at(s, [claim("c", "confirmed")], "2030-01-01").status is Status.CONFIRMED


def test_a_summit_without_a_window_never_lapses() -> None:
    assert at(summit(), [claim("c", "confirmed")], "2030-01-01").status is Status.CONFIRMED


def test_lapse_follows_the_window_known_at_the_day() -> None:
    s = summit(window="2025-08-01/2025-08-10")
    claims = [claim("c", "confirmed", published="2025-08-05", window="2025-08-20/2025-08-25")]
    assert at(s, claims, "2025-08-15").status is Status.CONFIRMED
    assert at(s, claims, "2025-08-26").status is Status.LAPSED


def test_a_new_window_revives_a_lapsed_summit() -> None:
    s = summit(window="2025-08-01/2025-08-10")
    claims = [
        claim("old", "confirmed", published="2025-07-20"),
        claim("new", "confirmed", published="2025-08-15", window="2025-09-01/2025-09-05"),
    ]
    assert at(s, claims, "2025-08-14").status is Status.LAPSED
    revived = at(s, claims, "2025-08-15")
    assert (revived.status, revived.since) == (Status.CONFIRMED, day("2025-08-15"))


# R9 Venue and window


def test_venue_and_window_default_to_the_summits_definition() -> None:
    s = summit(venue="Geneva", window="2025-09-01/2025-09-30")
    belief = at(s, [claim("c", "rumored")], "2025-08-01")
    assert (belief.venue, belief.window) == ("Geneva", s.window)


def test_venue_disclosed_later_is_known_only_from_then() -> None:
    claims = [
        claim("rumor", "rumored", published="2025-08-01"),
        claim("confirm", "confirmed", published="2025-08-05", venue="Budapest"),
    ]
    assert at(summit(venue="Geneva"), claims, "2025-08-04").venue == "Geneva"
    assert at(summit(venue="Geneva"), claims, "2025-08-05").venue == "Budapest"


def test_venue_comes_from_the_strongest_claim_that_discloses_one() -> None:
    claims = [
        claim("official", "confirmed", by="official", published="2025-08-01", venue="Anchorage"),
        claim("rumor", "rumored", by="outlet", published="2025-08-05", venue="Budapest"),
        claim("deny", "denied", by="official", published="2025-08-10"),
    ]
    belief = at(summit(), claims, "2025-08-10")
    assert (belief.status, belief.venue) == (Status.DENIED, "Anchorage")


def test_a_venue_disclosed_by_a_claim_that_does_not_decide_the_status_still_counts() -> None:
    claims = [
        claim("official", "confirmed", by="official", published="2025-08-01"),
        claim("rumor", "rumored", by="outlet", published="2025-08-05", venue="Budapest"),
    ]
    belief = at(summit(venue="Geneva"), claims, "2025-08-05")
    assert (belief.status, belief.venue) == (Status.CONFIRMED, "Budapest")


def test_window_comes_from_the_strongest_claim_that_discloses_one() -> None:
    claims = [
        claim(
            "anonymous", "proposed", by="anonymous", published="2025-08-01", window="2025-09-01/2025-09-10"
        ),
        claim("outlet", "rumored", by="outlet", published="2025-08-05", window="2025-10-01/2025-10-10"),
    ]
    window = at(summit(), claims, "2025-08-05").window
    assert window == TimeWindow.model_validate("2025-09-01/2025-09-10")


# R10 Unknown


def test_a_summit_with_no_claims_is_unknown() -> None:
    rows = history(summit(window="2025-08-01/2025-08-10"), [])
    assert [(r.status, r.decided_by) for r in rows] == [(Status.UNKNOWN, ())]


def test_claims_about_other_summits_leave_a_summit_unknown() -> None:
    claims = [claim("c", "confirmed", summits=("other",))]
    assert at(summit("s"), claims, "2025-08-01").status is Status.UNKNOWN


def test_a_summit_is_unknown_before_its_first_claim() -> None:
    rows = history(summit(), [claim("c", "confirmed", published="2025-08-05")])
    assert (rows[0].valid_from, rows[0].status) == (None, Status.UNKNOWN)
    assert belief_at(rows, day("2025-01-01")).status is Status.UNKNOWN


# R11 Since


def test_since_is_the_first_day_of_the_current_status_run() -> None:
    claims = [
        claim("rumor", "rumored", published="2025-08-01"),
        claim("confirm", "confirmed", published="2025-08-05"),
        claim("again", "confirmed", published="2025-08-10", venue="Vienna"),
    ]
    belief = at(summit(), claims, "2025-08-12")
    assert (belief.status, belief.venue, belief.since) == (Status.CONFIRMED, "Vienna", day("2025-08-05"))


def test_since_restarts_when_a_status_returns_after_a_break() -> None:
    claims = [
        claim("rumor", "rumored", published="2025-08-01"),
        claim("deny", "denied", published="2025-08-03"),
        claim("again", "rumored", published="2025-08-06"),
    ]
    assert at(summit(), claims, "2025-08-07").since == day("2025-08-06")


def test_history_starts_a_row_only_when_the_state_changes() -> None:
    claims = [
        claim("official", "rumored", by="official", published="2025-08-01"),
        claim("outlet", "rumored", by="outlet", published="2025-08-05"),
    ]
    assert [r.valid_from for r in history(summit(), claims)] == [None, day("2025-08-01")]


def test_fold_takes_claims_in_day_order_and_refuses_them_out_of_order() -> None:
    early = claim("early", "rumored", published="2025-08-01", window="2025-08-05/2025-08-06")
    late = claim("late", "confirmed", published="2025-08-03")
    assert fold(summit(), iter(facts([early, late]))) == history(summit(), [late, early])
    assert belief_at(fold(summit(), facts([early, late])), day("2025-08-07")).status is Status.LAPSED
    with pytest.raises(ValueError, match="out of day order"):
        fold(summit(), facts([late, early]))


# Claims about several summits


def test_a_claim_about_two_summits_counts_for_both() -> None:
    claims = [claim("both", "confirmed", summits=("a", "b"))]
    assert at(summit("a"), claims, "2025-08-01").status is Status.CONFIRMED
    assert at(summit("b"), claims, "2025-08-01").status is Status.CONFIRMED


# R6 and R3: postponed


def test_on_a_tie_postponed_wins_over_confirmed_and_loses_to_denied() -> None:
    confirmed, postponed = claim("a", "confirmed"), claim("b", "postponed")
    assert at(summit(), [confirmed, postponed], "2025-08-01").status is Status.POSTPONED
    assert at(summit(), [postponed, claim("c", "denied")], "2025-08-01").status is Status.DENIED


def test_a_later_proposal_revives_a_postponed_summit_and_a_weaker_one_does_not() -> None:
    postponed = claim("p", "postponed", published="2025-08-01")
    rumor = claim("r", "proposed", by="outlet", published="2025-08-05")
    assert at(summit(), [postponed, rumor], "2025-08-05").status is Status.POSTPONED
    revived = [postponed, rumor, claim("o", "proposed", published="2025-08-09")]
    assert at(summit(), revived, "2025-08-09").status is Status.PROPOSED


# R12 Bounded denials


def test_a_denial_of_a_period_decides_until_its_end_and_then_gives_way() -> None:
    proposed = claim("p", "proposed", published="2025-08-01")
    not_in_september = claim("d", "denied", published="2025-08-10", period="2025-09-01/2025-09-30")
    claims = [proposed, not_in_september]
    assert at(summit(), claims, "2025-09-30")[2:] == at(summit(), claims, "2025-08-10")[2:]
    assert at(summit(), claims, "2025-09-30").decided_by == ("d",)
    after = at(summit(), claims, "2025-10-01")
    assert (after.status, after.since, after.decided_by) == (Status.PROPOSED, day("2025-10-01"), ("p",))


def test_with_nothing_else_said_an_expired_denial_leaves_the_summit_unknown() -> None:
    claims = [claim("d", "denied", published="2025-08-10", period="2025-08-10/2025-08-20")]
    assert at(summit(), claims, "2025-08-20").status is Status.DENIED
    assert at(summit(), claims, "2025-08-21").status is Status.UNKNOWN


def test_a_denial_without_a_period_never_expires() -> None:
    claims = [claim("p", "proposed", published="2025-08-01"), claim("d", "denied", published="2025-08-10")]
    assert at(summit(), claims, "2030-01-01").status is Status.DENIED


@pytest.mark.parametrize(
    ("kind", "period", "message"),
    [
        ("confirmed", "2025-09-01/2025-09-30", "only for a meeting_denied"),
        ("denied", {"start": "2025-09-01"}, "needs an 'end'"),
    ],
)
def test_a_period_is_only_for_denials_and_needs_an_end(kind: str, period: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        claim("c", kind, period=period)  # type: ignore[arg-type]


# R13 Contested


def test_a_same_day_tie_between_contradicting_claims_is_contested() -> None:
    on, off = claim("on", "confirmed"), claim("off", "cancelled")
    belief = at(summit(), [on, off], "2025-08-01")
    assert (belief.status, belief.decided_by, belief.contested_by) == (Status.CANCELLED, ("off",), ("on",))


def test_a_tie_within_one_side_is_not_contested() -> None:
    belief = at(summit(), [claim("a", "confirmed"), claim("b", "proposed")], "2025-08-01")
    assert (belief.status, belief.contested_by) == (Status.CONFIRMED, ())


@pytest.mark.parametrize(
    "stronger",
    [
        {"published": "2025-08-02"},  # later
        {"by": "official", "modality": "plain"},  # firmer than the hedged other side
    ],
)
def test_claims_that_can_be_ordered_do_not_contest(stronger: dict[str, str]) -> None:
    weaker = claim("off", "denied", modality="hedged", published="2025-08-01")
    belief = at(summit(), [weaker, claim("on", "confirmed", **stronger)], "2025-08-02")  # type: ignore[arg-type]
    assert (belief.status, belief.contested_by) == (Status.CONFIRMED, ())


def test_a_later_claim_ends_the_contest_and_since_runs_on() -> None:
    claims = [
        claim("on", "confirmed"),
        claim("off", "denied"),
        claim("again", "denied", published="2025-08-03"),
    ]
    rows = history(summit(), claims)
    assert [(r.valid_from, r.status, r.contested_by, r.since) for r in rows[1:]] == [
        (day("2025-08-01"), Status.DENIED, ("on",), day("2025-08-01")),
        (day("2025-08-03"), Status.DENIED, (), day("2025-08-01")),
    ]


def test_a_held_meeting_takes_the_venue_its_report_names() -> None:
    planned = claim("plan", "confirmed", published="2025-08-01", venue="Istanbul")
    held = claim(
        "held", "held", by="outlet", published="2025-08-16", held_on="2025-08-16", venue="the Palace"
    )
    assert at(summit(), [planned, held], "2025-08-15").venue == "Istanbul"
    assert at(summit(), [planned, held], "2025-08-16").venue == "the Palace"
    unnamed = claim("held", "held", by="outlet", published="2025-08-16", held_on="2025-08-16")
    assert at(summit(), [planned, unnamed], "2025-08-16").venue == "Istanbul"


def test_a_venue_only_speculation_discloses_is_uncertain_and_does_not_survive_a_denial() -> None:
    guess = claim("guess", "rumored", by="outlet", published="2025-08-01", venue="Panmunjom")
    belief = at(summit(), [guess], "2025-08-01")
    assert (belief.venue, belief.uncertain) == ("Panmunjom", ("venue",))
    firm = claim("firm", "proposed", published="2025-08-02", venue="Seoul")
    assert at(summit(), [guess, firm], "2025-08-02")[4:] == at(summit(), [firm], "2025-08-02")[4:]
    denied = [guess, claim("no", "denied", published="2025-08-03")]
    assert (at(summit(), denied, "2025-08-03").venue, at(summit(), denied, "2025-08-03").uncertain) == (
        None,
        (),
    )
    hedged = claim(
        "hedged", "proposed", modality="hedged", published="2025-08-01", window="2025-09-01/2025-09-05"
    )
    assert at(summit(), [hedged], "2025-08-01").uncertain == ("window",)


# R14 Firmness against recency


def test_a_plain_refusal_stands_against_a_later_hedge_or_condition_of_the_same_weight() -> None:
    refusal = claim("no", "denied", published="2025-05-14")
    hope = claim("if", "confirmed", modality="conditional", published="2025-05-15")
    maybe = claim("maybe", "proposed", modality="hedged", published="2025-05-16")
    belief = at(summit(), [refusal, hope, maybe], "2025-05-16")
    assert (belief.status, belief.decided_by) == (Status.DENIED, ("no",))


def test_a_plain_word_or_a_stronger_hedge_undoes_a_refusal() -> None:
    refusal = claim("no", "cancelled", by="anonymous", published="2025-05-14")
    official_hedge = claim("maybe", "proposed", modality="hedged", published="2025-05-15")
    assert at(summit(), [refusal, official_hedge], "2025-05-15").status is Status.PROPOSED
    plain_yes = claim("yes", "confirmed", by="anonymous", published="2025-05-15")
    assert at(summit(), [refusal, plain_yes], "2025-05-15").status is Status.CONFIRMED


def test_a_later_hedged_refusal_still_overturns_a_plain_confirmation() -> None:
    claims = [claim("yes", "confirmed"), claim("doubt", "denied", modality="hedged", published="2025-08-02")]
    assert at(summit(), claims, "2025-08-02").status is Status.DENIED
