"""Scenario loading: every mistake in a file is reported with its file, line, column and field."""

from __future__ import annotations

import datetime as dt
import hashlib
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker.scenario.load import Scenario, load_scenario
from tracker.scenario.problems import InputProblem, InvalidInput

SOURCE = """\
sources:
  - id: s1
    outlet: Example News
    published: 2025-08-07
    text: "The Kremlin said the meeting will happen."
"""
SUMMIT = """\
summits:
  - id: m1
    title: A meeting
    participants: [Vladimir Putin, Donald Trump]
"""
CLAIM = """\
claims:
  - id: c1
    source: s1
    kind: meeting_confirmed
    summits: [m1]
    attribution: {kind: outlet}
    quote: the meeting will happen
"""
VALID = SOURCE + SUMMIT + CLAIM
"""A minimal valid scenario: one inline source, one summit, one claim quoting the source."""


@dataclass(frozen=True)
class Written:
    """A scenario file written for a test, and its text, to find where things are in it."""

    path: Path
    text: str

    def at(self, needle: str) -> tuple[int, int]:
        """The (line, column), both from 1, where the unique `needle` starts in the file."""
        assert self.text.count(needle) == 1, f"{needle!r} is not unique in the scenario"
        before = self.text[: self.text.index(needle)]
        return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


Write = Callable[[str], Written]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write a scenario (dedented) as `scenario.yaml` in the test's own directory."""

    def write(text: str) -> Written:
        text = textwrap.dedent(text)
        path = tmp_path / "scenario.yaml"
        path.write_text(text, encoding="utf-8")
        return Written(path, text)

    return write


def problems_in(scenario: Written) -> list[InputProblem]:
    with pytest.raises(InvalidInput) as raised:
        load_scenario(scenario.path)
    return raised.value.problems


def the_problem(scenario: Written, *, field: str, at: str | None, says: str) -> InputProblem:
    """Assert the scenario has exactly one problem, in this field, at `at`, saying `says`."""
    problems = problems_in(scenario)
    assert len(problems) == 1, problems
    [problem] = problems
    assert problem.file == str(scenario.path)
    assert problem.field == field
    if at is not None:
        assert (problem.line, problem.column) == scenario.at(at)
    assert says.lower() in problem.message.lower(), problem.message
    return problem


def another_claim(claim_id: str) -> str:
    """One more claim like `c1`, under id `claim_id`, to append to a scenario's claims."""
    return CLAIM.removeprefix("claims:\n").replace("id: c1", f"id: {claim_id}")


def load(scenario: Written) -> Scenario:
    return load_scenario(scenario.path)


# -- YAML itself ---------------------------------------------------------------------------


def test_malformed_yaml_is_a_syntax_error_at_its_place(write: Write) -> None:
    scenario = write(VALID.replace("outlet: Example News", "outlet: Example: News"))
    the_problem(scenario, field="", at=": News", says="YAML syntax error")


def test_python_object_tags_are_refused_and_never_run(write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    scenario = write(VALID.replace("id: c1", f'id: !!python/object/apply:os.system ["touch {marker}"]'))
    problem = the_problem(scenario, field="", at="!!python", says="python/object/apply:os.system")
    assert "not allowed" in problem.message
    assert not marker.exists()


def test_duplicate_mapping_keys_are_refused_at_the_second_key(write: Write) -> None:
    scenario = write(
        VALID.replace("    outlet: Example News\n", "    outlet: Example News\n    outlet: Other News\n")
    )
    the_problem(scenario, field="", at="outlet: Other News", says="duplicate key 'outlet'")


# -- Unknown keys --------------------------------------------------------------------------


def test_unknown_top_level_key_points_at_the_key(write: Write) -> None:
    scenario = write("colour: red\n" + VALID)
    the_problem(scenario, field="colour", at="colour", says="unknown key")


def test_unknown_key_inside_a_claim_points_at_the_key(write: Write) -> None:
    scenario = write(VALID + "    colour: red\n")
    the_problem(scenario, field="claims[0].colour", at="colour", says="unknown key")


# -- References ----------------------------------------------------------------------------


def test_claim_citing_an_unknown_source_is_refused(write: Write) -> None:
    scenario = write(VALID.replace("source: s1", "source: nowhere"))
    the_problem(scenario, field="claims[0].source", at="nowhere", says="unknown source 'nowhere'")


def test_claim_about_an_unknown_summit_is_refused(write: Write) -> None:
    scenario = write(VALID.replace("summits: [m1]", "summits: [m9]"))
    the_problem(scenario, field="claims[0].summits[0]", at="m9", says="unknown summit 'm9'")


def test_expectation_about_an_unknown_summit_is_refused(write: Write) -> None:
    scenario = write(VALID + "expect:\n  - at: 2025-08-08\n    summit: m9\n    status: confirmed\n")
    the_problem(scenario, field="expect[0].summit", at="m9", says="unknown summit 'm9'")


def test_duplicate_source_ids_are_refused(write: Write) -> None:
    second = SOURCE.removeprefix("sources:\n").replace("id: s1", "id: s1  # again")
    scenario = write(SOURCE + second + SUMMIT + CLAIM)
    the_problem(scenario, field="sources[1].id", at="s1  # again", says="duplicate id 's1'")


def test_duplicate_summit_ids_are_refused(write: Write) -> None:
    second = "  - id: m1  # again\n    title: Another\n    participants: [A, B]\n"
    scenario = write(SOURCE + SUMMIT + second + CLAIM)
    the_problem(scenario, field="summits[1].id", at="m1  # again", says="duplicate id 'm1'")


def test_duplicate_claim_ids_are_refused(write: Write) -> None:
    scenario = write(VALID + another_claim("c1  # again"))
    the_problem(scenario, field="claims[1].id", at="c1  # again", says="duplicate id 'c1'")


# -- Dates ---------------------------------------------------------------------------------


def test_impossible_calendar_date_is_refused(write: Write) -> None:
    scenario = write(VALID.replace("published: 2025-08-07", "published: 2025-02-30"))
    the_problem(scenario, field="sources[0].published", at="2025-02-30", says="'2025-02-30' is not a date")


def test_date_range_ending_before_it_starts_is_refused(write: Write) -> None:
    scenario = write(VALID.replace("published: 2025-08-07", "published: 2025-08-07/2025-08-01"))
    the_problem(scenario, field="sources[0].published", at="2025-08-07/2025-08-01", says="before it starts")


def test_claim_stated_after_its_source_was_published_is_refused(write: Write) -> None:
    scenario = write(VALID + "    stated_on: 2025-08-09\n")
    the_problem(scenario, field="claims[0].stated_on", at="2025-08-09", says="after its source's publication")


def test_meeting_held_after_its_source_was_published_is_refused(write: Write) -> None:
    scenario = write(VALID.replace("kind: meeting_confirmed", "kind: meeting_held\n    held_on: 2025-08-09"))
    the_problem(scenario, field="claims[0].held_on", at="2025-08-09", says="after its source's publication")


def test_unquoted_dates_are_dates(write: Write) -> None:
    scenario = load(write(VALID + "expect:\n  - at: 2025-08-08\n    summit: m1\n    status: confirmed\n"))
    assert scenario.sources[0].published.earliest == dt.date(2025, 8, 7)
    assert scenario.expectations[0].at == dt.date(2025, 8, 8)


@pytest.mark.parametrize(
    ("scenario_text", "field"),
    [
        (VALID + "expect:\n  - at: 20250808\n    summit: m1\n    status: confirmed\n", "expect[0].at"),
        (VALID.replace("published: 2025-08-07", "published: 20250808"), "sources[0].published"),
    ],
    ids=["day", "date-span"],
)
def test_bare_integer_is_not_a_date(write: Write, scenario_text: str, field: str) -> None:
    scenario = write(scenario_text)
    the_problem(scenario, field=field, at="20250808", says="YYYY-MM-DD")


# -- Sources -------------------------------------------------------------------------------


def test_missing_source_file_is_reported_with_its_name(write: Write) -> None:
    scenario = write(VALID.replace('text: "The Kremlin said the meeting will happen."', "file: missing.txt"))
    problem = the_problem(scenario, field="sources[0].file", at="missing.txt", says="cannot read")
    assert "missing.txt" in problem.message


def test_source_file_not_matching_its_sha256_is_refused(write: Write, tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text("The Kremlin said the meeting will happen.", encoding="utf-8")
    wrong = hashlib.sha256(b"Some other text.").hexdigest()
    scenario = write(
        VALID.replace(
            'text: "The Kremlin said the meeting will happen."', f"file: source.txt\n    sha256: {wrong}"
        )
    )
    problem = the_problem(scenario, field="sources[0].sha256", at=wrong, says="does not match")
    assert "source.txt" in problem.message


def test_inline_text_not_matching_its_sha256_is_refused(write: Write) -> None:
    wrong = hashlib.sha256(b"Some other text.").hexdigest()
    text = 'text: "The Kremlin said the meeting will happen."'
    scenario = write(VALID.replace(text, f"{text}\n    sha256: {wrong}"))
    the_problem(scenario, field="sources[0].sha256", at=wrong, says="the text does not match")


# -- Claims --------------------------------------------------------------------------------


def test_quote_not_in_its_source_is_refused(write: Write) -> None:
    scenario = write(VALID.replace("quote: the meeting will happen", "quote: the meeting is off"))
    the_problem(scenario, field="claims[0].quote", at="the meeting is off", says="quote not found")


def test_conditional_claim_needs_a_condition(write: Write) -> None:
    scenario = write(VALID + "    modality: conditional\n")
    the_problem(scenario, field="claims[0]", at="id: c1", says="'condition' is required")


def test_meeting_held_claim_needs_held_on(write: Write) -> None:
    scenario = write(VALID.replace("kind: meeting_confirmed", "kind: meeting_held"))
    the_problem(scenario, field="claims[0]", at="id: c1", says="'held_on' is required")


def test_numeric_id_is_not_a_string(write: Write) -> None:
    scenario = write(VALID.replace("id: c1", "id: 001"))
    the_problem(scenario, field="claims[0].id", at="001", says="valid string")


def test_no_stays_a_string(write: Write) -> None:
    scenario = load(write(VALID.replace("    title: A meeting\n", "    title: A meeting\n    venue: NO\n")))
    assert scenario.summits[0].venue == "NO"


# -- Every problem, not just the first -------------------------------------------------------


def test_every_bad_claim_is_reported(write: Write) -> None:
    misquoted = (VALID + another_claim("c2")).replace("the meeting will happen\n", "nothing like it\n")
    scenario = write(misquoted)
    assert [p.field for p in problems_in(scenario)] == ["claims[0].quote", "claims[1].quote"]


def test_every_unknown_key_is_reported(write: Write) -> None:
    scenario = write(VALID + "    colour: red\n" + another_claim("c2") + "    flavour: sweet\n")
    assert [p.field for p in problems_in(scenario)] == ["claims[0].colour", "claims[1].flavour"]


def test_schema_and_reference_problems_are_reported_together(write: Write) -> None:
    second = another_claim("c2").replace("source: s1", "source: nowhere")
    scenario = write(VALID + "    colour: red\n" + second)
    assert sorted(p.field for p in problems_in(scenario)) == ["claims[0].colour", "claims[1].source"]


# -- A valid scenario ------------------------------------------------------------------------


VALID_SCENARIO = """\
sources:
  - id: late
    outlet: Later News
    published: 2025-08-27/2025-08-30
    dated_by: Speaks of last Monday's talks.
    text: "Putin said: “We met — it went well.”"
  - id: early
    outlet: Early News
    published: 2025-07-22
    file: early.txt
    sha256: {digest}
summits:
  - id: m1
    title: A meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: c1
    source: early
    kind: meeting_proposed
    summits: [m1]
    attribution: {{kind: outlet}}
    quote: "the summit's date - not yet fixed - would come \\"soon\\""
"""


def test_valid_scenario_loads_in_publication_order_with_exact_quotes(write: Write, tmp_path: Path) -> None:
    early = "Officials said the summit’s date — not yet fixed — would come “soon”."
    (tmp_path / "early.txt").write_text(early, encoding="utf-8")
    digest = hashlib.sha256(early.encode("utf-8")).hexdigest()
    scenario = load(write(VALID_SCENARIO.format(digest=digest)))
    assert [source.id for source in scenario.sources] == ["early", "late"]
    [claim] = scenario.claims
    assert claim.quote == "the summit’s date — not yet fixed — would come “soon”"
    assert claim.quote in early


def test_a_misspelt_key_is_told_the_nearest_known_one(write: Write) -> None:
    problems = problems_in(write(VALID.replace("    outlet: Example News", "    outlt: Example News")))
    assert any("unknown key: did you mean 'outlet'?" in str(p) for p in problems), problems
    nested = VALID.replace("attribution: {kind: outlet}", "attribution: {kind: outlet, vai: Reuters}")
    assert any("unknown key: did you mean 'via'?" in str(p) for p in problems_in(write(nested)))
    top = problems_in(write(VALID + "expct: []\n"))
    assert any("unknown key: did you mean 'expect'?" in str(p) for p in top)


def test_a_quote_not_found_shows_the_closest_passage(write: Write) -> None:
    text = VALID.replace("quote: the meeting will happen", "quote: 'the meeting \"will\" happen'")
    (problem,) = problems_in(write(text))
    assert "quote not found" in str(problem)
    assert "the closest passage is 'the meeting will happen'" in str(problem)


def test_an_anonymous_attribution_with_a_speaker_says_where_the_words_go(write: Write) -> None:
    text = VALID.replace("attribution: {kind: outlet}", "attribution: {kind: anonymous, speaker: diplomats}")
    (problem,) = problems_in(write(text))
    assert "an anonymous attribution names no 'speaker'" in str(problem)
    assert "in 'role'" in str(problem) and "in 'via'" in str(problem)
