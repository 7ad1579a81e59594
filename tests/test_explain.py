"""`tracker explain`: the state of a summit on a day with a reason per visible claim, each
naming the rule that places it; the state is the fold's, the same `tracker state` gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.domain_builders import claim, day, summit
from tracker.cli.main import cli
from tracker.domain.belief import status_at
from tracker.domain.explain import explain
from tracker.domain.models import PublishedClaim
from tracker.domain.vocabulary import Status

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "putin_trump_2025.yaml"


def reasons(claims: list[PublishedClaim], when: str, **summit_fields: str) -> dict[str, tuple[str, str]]:
    s = summit(**summit_fields)  # type: ignore[arg-type]
    explanation = explain(s, claims, day(when), {})
    assert explanation.belief == status_at(s, claims, day(when))
    return {r.claim: (r.role, r.rule) for r in explanation.reasons}


def test_each_visible_claim_is_placed_by_the_rule_that_ranks_it() -> None:
    claims = [
        claim("plain", "confirmed", published="2025-08-05"),
        claim("rumor", "denied", by="outlet", published="2025-08-06"),
        claim("older", "denied", published="2025-08-01"),
        claim("hedged", "denied", modality="hedged", published="2025-08-05"),
        claim("silent", "confirmed", modality="no_comment", published="2025-08-05"),
        claim("later", "confirmed", published="2025-08-09"),
    ]
    assert reasons(claims, "2025-08-06") == {
        "plain": ("decided", "R6"),
        "rumor": ("overruled", "R2"),
        "older": ("overruled", "R6"),
        "hedged": ("overruled", "R4"),
        "silent": ("silent", "R5"),
    }


def test_held_contested_expired_pending_and_lapsed_claims_name_their_rules() -> None:
    held = [claim("held", "held", published="2025-08-10", held_on="2025-08-12"), claim("c", "cancelled")]
    assert reasons(held, "2025-08-11") == {"c": ("decided", "R6"), "held": ("pending", "R7")}
    assert reasons(held, "2025-08-12") == {"held": ("decided", "R7"), "c": ("overruled", "R7")}
    tie = [claim("on", "confirmed"), claim("off", "cancelled")]
    assert reasons(tie, "2025-08-01") == {"off": ("decided", "R6"), "on": ("contests", "R13")}
    ended = [
        claim("p", "proposed"),
        claim("d", "denied", published="2025-08-02", period="2025-08-02/2025-08-05"),
    ]
    assert reasons(ended, "2025-08-06") == {"p": ("decided", "R6"), "d": ("expired", "R12")}
    refused = [
        claim("no", "denied"),
        claim("if", "confirmed", modality="conditional", published="2025-08-02"),
    ]
    assert reasons(refused, "2025-08-02") == {"no": ("decided", "R6"), "if": ("overruled", "R14")}
    lapsed = reasons([claim("p", "proposed")], "2025-09-01", window="2025-08-01/2025-08-10")
    assert lapsed == {"p": ("decided", "R6, R8")}


def test_the_sentence_names_the_speaker_standing_and_words() -> None:
    explanation = explain(summit(), [claim("c", "confirmed", modality="hedged")], day("2025-08-02"), {})
    assert explanation.headline == "s on 2025-08-02: confirmed since 2025-08-01"
    said = "A spokesman (an official, on the record, side not stated; hedged), published 2025-08-01"
    assert f"{said}: “quote of c”" in explanation.text()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("explain") / "events.sqlite")
    assert CliRunner().invoke(cli, ["replay", str(SEED), "--store", path]).exit_code == 0
    return path


def run(store: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, [*args, "--store", store])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("when", ["2025-07-22", "2025-08-20", "2025-09-10", "2025-12-01"])
def test_explain_gives_the_state_tracker_state_gives_and_places_every_visible_claim(
    store: str, when: str
) -> None:
    _, text = run(store, "state", "--at", when, "--format", "json", "--claims", "all")
    for state in json.loads(text)["summits"]:
        code, out = run(store, "explain", state["id"], "--at", when, "--format", "json")
        assert code == 0
        explained = json.loads(out)
        keys = ("status", "since", "venue", "window", "held_on", "decided_by", "contested_by")
        assert {k: explained[k] for k in keys} == {k: state[k] for k in keys}
        visible = {*state["decided_by"], *state["supporting"], *state["contradicting"], *state["non_answers"]}
        assert {r["claim"] for r in explained["reasons"]} == visible
        assert all(r["rule"].startswith("R") and r["sentence"] for r in explained["reasons"])


def test_explain_as_text_and_its_mistakes(store: str) -> None:
    code, text = run(store, "explain", "putin-trump-first-2025", "--at", "2025-08-30")
    assert code == 0
    assert text.startswith(f"putin-trump-first-2025 on 2025-08-30: {Status.HELD.value} since 2025-08-30")
    assert "(R7)" in text
    assert run(store, "explain", "no-such-summit", "--at", "2025-08-30")[0] == 2
    code, _ = run(
        store, "explain", "putin-trump-first-2025", "--at", "2025-08-30", "--recorded-at", "2000-01-01"
    )
    assert code == 2


def test_a_party_is_named_with_its_side_and_standing() -> None:
    s = summit(parties=("Nordland", "Sudia"), host="Valmora")
    claims = [
        claim("off", "cancelled", speaker="Alice", published="2025-10-21"),
        claim("gloss", "postponed", speaker="Bob", modality="hedged", published="2025-10-22"),
        claim("hope", "confirmed", speaker="Dorn", speaks_for="Valmora", published="2025-10-22"),
    ]
    explanation = explain(s, claims, day("2025-10-22"), {})
    text = explanation.text()
    assert explanation.headline == "s on 2025-10-22: cancelled since 2025-10-21"
    assert "Decided by Alice, for Nordland (a party, on the record), published 2025-10-21" in text
    by_claim = {r.claim: r for r in explanation.reasons}
    assert (by_claim["gloss"].role, by_claim["gloss"].rule) == ("agrees", "R14")
    assert "Bob, for Sudia (a party, on the record; hedged)" in by_claim["gloss"].sentence
    assert (by_claim["hope"].role, by_claim["hope"].rule) == ("overruled", "R2")
    assert "the host's word weighs less than a party's word" in by_claim["hope"].sentence


def test_an_agreement_names_r15_for_the_hedge_it_sets_aside() -> None:
    claims = [
        claim("yes-a", "confirmed", speaker="Alice", published="2025-09-01"),
        claim("yes-b", "confirmed", speaker="Bob", published="2025-09-01"),
        claim(
            "maybe",
            "postponed",
            speaker="a spokesman",
            speaks_for="Bob",
            modality="hedged",
            published="2025-09-02",
        ),
    ]
    assert reasons(claims, "2025-09-02") == {
        "yes-a": ("decided", "R6"),
        "yes-b": ("decided", "R6"),
        "maybe": ("overruled", "R15"),
    }


TIMES = ROOT / "specs" / "r06_times_of_day.yaml"


@pytest.fixture(scope="module")
def timed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("times") / "events.sqlite")
    assert CliRunner().invoke(cli, ["replay", str(TIMES), "--store", path]).exit_code == 0
    return path


@pytest.mark.parametrize(
    ("when", "status"),
    [
        ("2025-10-21T12:00-04:00", "unknown"),  # the evening wire (19:30) is not out yet (R1)
        ("2025-10-21T19:29-04:00", "unknown"),
        ("2025-10-21T19:30-04:00", "proposed"),  # from its time on, the later statement decides
        ("2025-10-21T23:30Z", "proposed"),  # the same moment in UTC
        ("2025-10-21T23:29", "unknown"),  # no offset: UTC
        ("2025-10-21", "proposed"),  # the end of the day
    ],
)
def test_state_and_explain_at_a_moment_see_only_what_was_published_by_then(
    timed_store: str, when: str, status: str
) -> None:
    code, text = run(timed_store, "state", "--at", when, "--summit", "voss-reyes-valmora", "--format", "json")
    assert code == 0
    (state,) = json.loads(text)["summits"]
    assert state["status"] == status
    code, text = run(timed_store, "explain", "voss-reyes-valmora", "--at", when, "--format", "json")
    assert (code, json.loads(text)["status"]) == (0, status)


def test_explain_says_a_claim_was_said_earlier_that_day(timed_store: str) -> None:
    code, text = run(timed_store, "explain", "voss-reyes-valmora", "--at", "2025-10-21")
    assert code == 0
    assert "Stands below (said earlier that day, at 13:40 UTC against 19:10 UTC)" in text
    code, text = run(timed_store, "explain", "voss-okafor-lagos", "--at", "2025-10-21")
    assert "denied (contested)" in text and "said earlier that day" not in text


@pytest.mark.parametrize("when", ["2025-10-21T25:00", "yesterday", "2025-10-21T10:00+25:00"])
def test_a_moment_that_is_not_one_is_a_usage_error(timed_store: str, when: str) -> None:
    code, _ = run(timed_store, "state", "--at", when)
    assert code == 2


def test_the_readme_shows_what_explain_prints(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lead = "For `specs/r14_parties.yaml` on 22 October:\n\n```\n"
    assert lead in readme
    shown = readme.split(lead, 1)[1].split("```", 1)[0]
    store = str(tmp_path / "events.sqlite")
    assert (
        CliRunner()
        .invoke(cli, ["replay", str(ROOT / "specs" / "r14_parties.yaml"), "--store", store])
        .exit_code
        == 0
    )
    code, text = run(store, "explain", "voss-reyes-valmora", "--at", "2025-10-22")
    assert (code, text) == (0, shown)


@pytest.mark.parametrize("when", ["2025-09-10", "2025-12-01"])
def test_explain_explains_the_strongest_others_asked_and_counts_the_rest(store: str, when: str) -> None:
    _, text = run(store, "explain", "trump-xi-2025", "--at", when, "--format", "json", "--claims", "all")
    every = json.loads(text)
    _, text = run(store, "explain", "trump-xi-2025", "--at", when, "--format", "json", "--claims", "1")
    some = json.loads(text)
    shown = len(every["decided_by"]) + len(every["contested_by"]) + 1
    assert len(every["reasons"]) > shown and every["not_explained"] == 0
    assert some["reasons"] == every["reasons"][:shown]
    assert some["not_explained"] == len(every["reasons"]) - shown
    assert {k: v for k, v in some.items() if k not in ("reasons", "not_explained")} == {
        k: v for k, v in every.items() if k not in ("reasons", "not_explained")
    }
    _, lines = run(store, "explain", "trump-xi-2025", "--at", when, "--claims", "1")
    left = some["not_explained"]
    assert lines.splitlines()[-1] == f"({left} weaker claim{'s' if left > 1 else ''} not explained here.)"
