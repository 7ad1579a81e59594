"""A claim's own recording day (`recorded_on` on a claim): a claim added later to a source
already recorded counts, as recorded at T, from when it was recorded, not from its source's
recording (issue 12, point 7). Both backends, through the library, the command line and files."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.stores import NewStore
from tracker.cli.main import cli
from tracker.domain.errors import RecordingRefused
from tracker.domain.vocabulary import Status
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.scenario.writer import scenario_yaml
from tracker.service import Tracker

Writer = Callable[..., Path]

SOURCE = """
sources:
  - id: wire
    outlet: Wire
    published: 2025-08-01
    recorded_on: 2025-08-02
    text: "The Kremlin said the leaders will not meet in Vienna next month."
summits:
  - id: vienna
    title: Vienna meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: misread
    source: wire
    kind: meeting_confirmed
    summits: [vienna]
    attribution: {kind: official, speaker: the Kremlin}
    quote: the leaders will not meet in Vienna
"""
REPLACEMENT = """
  - id: replacement
    source: wire
    kind: meeting_denied
    summits: [vienna]
    attribution: {kind: official, speaker: the Kremlin}
    quote: the leaders will not meet in Vienna next month
    recorded_on: 2025-08-09
corrections:
  - id: fix-misread
    claim: misread
    action: retract
    reason: "'will not meet' was read as 'will meet'"
    recorded_on: 2025-08-09
"""
DAY = dt.date(2025, 8, 5)
BEFORE, AFTER = dt.date(2025, 8, 8), dt.date(2025, 8, 9)


def status(tracker: Tracker, recorded_at: dt.date | None = None) -> Status:
    return tracker.state(DAY, recorded_at, ["vienna"])[0].belief.status


def claim_ids(tracker: Tracker, recorded_at: dt.date | None = None) -> dict[str, bool]:
    return {r.claim.id: r.retracted for r in tracker.claims(summit="vienna", recorded_at=recorded_at)}


def test_a_claim_added_later_counts_as_recorded_only_from_its_own_day(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(SOURCE)))  # the source, recorded on 2 August
        added = tracker.record(load_scenario(write_scenario(SOURCE + REPLACEMENT)))
        assert (added.sources, added.claims, added.corrections) == (0, 1, 1)
        assert status(tracker, BEFORE) is Status.CONFIRMED
        assert claim_ids(tracker, BEFORE) == {"misread": False}
        assert status(tracker, AFTER) is Status.DENIED
        assert claim_ids(tracker, AFTER) == {"misread": True, "replacement": False}
        assert status(tracker) is Status.DENIED


def test_recorded_in_one_go_the_claim_still_counts_from_its_own_day(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(SOURCE + REPLACEMENT)))
        assert status(tracker, dt.date(2025, 8, 2)) is Status.CONFIRMED
        assert claim_ids(tracker, BEFORE) == {"misread": False}
        assert status(tracker, AFTER) is Status.DENIED


def test_the_command_line_answers_as_recorded_at_with_the_claims_own_day(
    write_scenario: Writer, new_store: NewStore
) -> None:
    store = new_store()
    runner = CliRunner()
    path = write_scenario(SOURCE + REPLACEMENT)
    assert runner.invoke(cli, ["replay", str(path), "--at", "2025-08-05", "--store", store]).exit_code == 0

    def state(recorded_at: str) -> str:
        args = ["state", "--at", "2025-08-05", "--recorded-at", recorded_at, "--format", "json"]
        result = runner.invoke(cli, [*args, "--store", store])
        assert result.exit_code == 0, result.output
        (summit,) = json.loads(result.stdout)["summits"]
        return str(summit["status"])

    def claims(recorded_at: str) -> list[str]:
        args = ["claims", "--recorded-at", recorded_at, "--format", "json"]
        result = runner.invoke(cli, [*args, "--store", store])
        assert result.exit_code == 0, result.output
        return sorted(str(row["id"]) for row in json.loads(result.stdout))

    assert state("2025-08-08") == "confirmed"
    assert state("2025-08-09") == "denied"
    assert claims("2025-08-08") == ["misread"]
    assert "replacement" in claims("2025-08-09")


def test_recording_the_same_scenario_again_adds_nothing(write_scenario: Writer, new_store: NewStore) -> None:
    scenario = load_scenario(write_scenario(SOURCE + REPLACEMENT))
    with Tracker(new_store()) as tracker:
        first = tracker.record(scenario)
        assert (first.claims, first.corrections) == (2, 1)
        assert tracker.record(scenario).events == 0


def test_another_recording_day_does_not_make_a_recorded_claim_a_changed_one(
    write_scenario: Writer, new_store: NewStore
) -> None:
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(SOURCE + REPLACEMENT)))
        later = SOURCE + REPLACEMENT.replace(
            "    recorded_on: 2025-08-09\ncorr", "    recorded_on: 2025-08-20\ncorr"
        )
        assert "2025-08-20" in later
        assert tracker.record(load_scenario(write_scenario(later))).events == 0
        assert status(tracker, BEFORE) is Status.CONFIRMED  # the first recording stands


def test_a_claim_recorded_before_its_source_is_refused_at_its_line(write_scenario: Writer) -> None:
    early = SOURCE + REPLACEMENT.replace("recorded_on: 2025-08-09\ncorr", "recorded_on: 2025-08-01\ncorr")
    path = write_scenario(early)
    with pytest.raises(InvalidInput) as raised:
        load_scenario(path)
    line = early.splitlines().index("    recorded_on: 2025-08-01") + 1
    (problem,) = [p for p in raised.value.problems if p.field == "claims[1].recorded_on"]
    assert (problem.file, problem.line, problem.column) == (str(path), line, 18)
    assert "before its source 'wire' was recorded (2025-08-02)" in problem.message
    assert str(problem).startswith(f"{path}:{line}:18: claims[1].recorded_on: recorded on 2025-08-01")


def test_a_claim_recorded_before_its_source_was_published_is_refused(write_scenario: Writer) -> None:
    text = SOURCE.replace("    recorded_on: 2025-08-02\n", "") + REPLACEMENT.replace(
        "recorded_on: 2025-08-09\ncorr", "recorded_on: 2025-07-30\ncorr"
    )
    with pytest.raises(InvalidInput) as raised:
        load_scenario(write_scenario(text))
    assert any(
        p.field == "claims[1].recorded_on" and "before its source 'wire' was published" in p.message
        for p in raised.value.problems
    ), raised.value.problems


def test_a_malformed_claim_recording_day_is_located(write_scenario: Writer) -> None:
    text = SOURCE + REPLACEMENT.replace("recorded_on: 2025-08-09\ncorr", "recorded_on: 2025-13-01\ncorr")
    with pytest.raises(InvalidInput) as raised:
        load_scenario(write_scenario(text))
    line = text.splitlines().index("    recorded_on: 2025-13-01") + 1
    assert [(p.field, p.line) for p in raised.value.problems] == [("claims[1].recorded_on", line)]


def test_a_misspelt_recording_day_is_told_the_right_key(write_scenario: Writer) -> None:
    text = SOURCE + REPLACEMENT.replace("recorded_on: 2025-08-09\ncorr", "recorded_onn: 2025-08-09\ncorr")
    with pytest.raises(InvalidInput) as raised:
        load_scenario(write_scenario(text))
    assert any("did you mean 'recorded_on'?" in p.message for p in raised.value.problems)


def test_a_correction_recorded_before_the_claim_it_corrects_is_refused(write_scenario: Writer) -> None:
    text = (
        SOURCE
        + REPLACEMENT
        + (
            "  - {id: fix-replacement, claim: replacement, action: retract, reason: wrong, "
            "recorded_on: 2025-08-05}\n"
        )
    )
    with pytest.raises(InvalidInput) as raised:
        load_scenario(write_scenario(text))
    (problem,) = raised.value.problems
    assert problem.field == "corrections[1].recorded_on"
    assert "before the claim it corrects ('replacement', recorded on 2025-08-09)" in problem.message


def test_the_store_refuses_a_correction_before_the_claim_it_corrects(
    write_scenario: Writer, new_store: NewStore
) -> None:
    """Past the loader (a command made directly): the write side refuses it too, naming both days."""
    scenario = load_scenario(write_scenario(SOURCE + REPLACEMENT))
    command = scenario.command()
    early = {**command.recorded_on, "fix-misread": dt.date(2025, 8, 9)}
    fix = scenario.corrections[0].model_copy(update={"claim_id": "replacement"})
    command = replace(command, corrections=(fix,), recorded_on={**early, "fix-misread": dt.date(2025, 8, 3)})
    with Tracker(new_store()) as tracker, pytest.raises(RecordingRefused) as raised:
        tracker.app.record(command)
    (conflict,) = raised.value.conflicts
    assert (conflict.kind, conflict.ident, conflict.field) == ("correction", "fix-misread", "recorded_on")
    assert "recorded on 2025-08-03, before the claim it corrects ('replacement', recorded 2025-08-09)" in (
        conflict.message
    )


def test_the_store_refuses_a_claim_recorded_before_its_source(
    write_scenario: Writer, new_store: NewStore
) -> None:
    """A claim's day before its source's recording, which the loader cannot see (the source was
    recorded without a simulated day, when replayed): refused at the claim's line, naming both."""
    unstamped = SOURCE.replace("    recorded_on: 2025-08-02\n", "")
    with Tracker(new_store()) as tracker:
        tracker.record(load_scenario(write_scenario(unstamped)))
        with pytest.raises(InvalidInput) as raised:
            tracker.record(load_scenario(write_scenario(unstamped + REPLACEMENT)))
        assert claim_ids(tracker) == {"misread": False}  # nothing of it was recorded
    (problem,) = [p for p in raised.value.problems if p.field == "claims.replacement.recorded_on"]
    assert problem.line == (unstamped + REPLACEMENT).splitlines().index("  - id: replacement") + 1
    assert problem.message.startswith("recorded on 2025-08-09, before its source 'wire' was recorded (")


def test_the_writer_writes_a_claims_own_day_and_it_loads_back(write_scenario: Writer) -> None:
    scenario = load_scenario(write_scenario(SOURCE + REPLACEMENT))
    assert scenario.claim_recorded_on == {"replacement": dt.date(2025, 8, 9)}
    written = scenario_yaml(
        scenario, {"wire": "The Kremlin said the leaders will not meet in Vienna next month."}
    )
    assert written.count("recorded_on: 2025-08-09") == 2
    again = load_scenario(write_scenario(written, "again.yaml"))
    assert again.claim_recorded_on == scenario.claim_recorded_on
    assert again.claims == scenario.claims
