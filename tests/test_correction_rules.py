"""Corrections are recorded once and never edited, and a retraction is final: on both backends."""

from __future__ import annotations

from typing import Any

import pytest

from tests.stores import NewStore
from tests.test_store import BASE, RETRACTION, event_count
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.service import Tracker

CORRECTION = """
corrections:
  - id: fix-denied
    claim: denied
    action: correct
    reason: it was hedged
    replace: {modality: hedged}
"""


@pytest.mark.parametrize(
    "edited",
    [
        RETRACTION.replace("claim: denied", "claim: confirmed"),  # another claim
        CORRECTION,  # another action
        RETRACTION.replace("another meeting", "a different meeting"),  # another reason
    ],
    ids=["other-claim", "other-action", "other-reason"],
)
def test_an_already_recorded_correction_edited_in_the_file_is_refused(
    write_scenario: Any, new_store: NewStore, edited: str
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)))
        before = (event_count(tracker), tracker.claims())
        with pytest.raises(InvalidInput) as raised:
            tracker.record(load_scenario(write_scenario(BASE + edited, "edited.yaml")))
        assert "differs from the correction already recorded" in str(raised.value)
        assert "add another correction" in str(raised.value)
        assert (event_count(tracker), tracker.claims()) == before


def test_an_unchanged_correction_recorded_again_adds_nothing(
    write_scenario: Any, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        scenario = load_scenario(write_scenario(BASE + CORRECTION))
        tracker.record(scenario)
        assert tracker.record(scenario).events == 0


def test_a_retracted_claim_cannot_be_corrected_back_into_force(
    write_scenario: Any, new_store: NewStore
) -> None:
    """Whether the correction comes in the same file or later: a retraction is final."""
    later = CORRECTION.replace("fix-denied", "fix-again").replace("corrections:\n", "")
    with Tracker(new_store()) as tracker:
        with pytest.raises(InvalidInput, match="was retracted by 'fix-denied', and a retraction is final"):
            tracker.record(load_scenario(write_scenario(BASE + RETRACTION + later, "both.yaml")))
        assert event_count(tracker) == 0
        tracker.record(load_scenario(write_scenario(BASE + RETRACTION)))
        before = event_count(tracker)
        with pytest.raises(InvalidInput, match="a retraction is final: record a new claim instead"):
            tracker.record(load_scenario(write_scenario(BASE + RETRACTION + later, "later.yaml")))
        assert event_count(tracker) == before
        assert [r.retracted for r in tracker.claims() if r.claim.id == "denied"] == [True]


def test_a_corrected_claim_may_then_be_retracted(write_scenario: Any, new_store: NewStore) -> None:
    retract = RETRACTION.replace("fix-denied", "fix-later").replace("corrections:\n", "")
    retract = retract.replace("    recorded_on: 2025-09-01\n", "")  # recorded with the correction
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(BASE + CORRECTION + retract)))
        assert [r.retracted for r in tracker.claims() if r.claim.id == "denied"] == [True]
