"""The pytest plugin, run through pytester: what users see when specs pass, fail or do not load."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INI = """
[pytest]
tracker_scenarios = specs
"""
SPEC = """
sources:
  - id: wire
    outlet: Wire
    published: 2025-08-01
    text: "The Kremlin confirmed the leaders will meet in Vienna."
summits:
  - id: vienna
    title: Vienna meeting
    participants: [Vladimir Putin, Donald Trump]
    window: {start: 2025-08-10, end: 2025-08-12}
claims:
  - id: confirmed
    source: wire
    kind: meeting_confirmed
    summits: [vienna]
    attribution: {kind: official, speaker: the Kremlin}
    quote: confirmed the leaders will meet in Vienna
expect:
  - name: confirmed-in-august
    at: 2025-08-05
    summit: vienna
    status: confirmed
  - name: lapses-after-window
    at: 2025-08-13
    summit: vienna
    status: STATUS
    since: SINCE
"""


def make_spec(pytester: pytest.Pytester, status: str = "lapsed", since: str = "2025-08-13") -> None:
    pytester.makeini(INI)
    pytester.mkdir("specs")
    spec = SPEC.replace("STATUS", status).replace("SINCE", since)
    (pytester.path / "specs" / "vienna.yaml").write_text(spec, encoding="utf-8")


def test_each_named_group_of_expectations_is_one_item_with_a_readable_id(pytester: pytest.Pytester) -> None:
    make_spec(pytester)
    result = pytester.runpytest("--collect-only", "-q")
    result.stdout.fnmatch_lines(
        ["specs/vienna.yaml::confirmed-in-august", "specs/vienna.yaml::lapses-after-window"]
    )


def test_passing_specs_pass_and_can_be_selected_with_k(pytester: pytest.Pytester) -> None:
    make_spec(pytester)
    pytester.runpytest().assert_outcomes(passed=2)
    pytester.runpytest("-k", "lapses").assert_outcomes(passed=1, deselected=1)


def test_yaml_outside_the_configured_paths_is_not_collected(pytester: pytest.Pytester) -> None:
    make_spec(pytester)
    (pytester.path / "docker-compose.yaml").write_text("services: {}\n", encoding="utf-8")
    result = pytester.runpytest("--collect-only", "-q")
    assert "docker-compose" not in result.stdout.str()


def test_a_failing_spec_points_at_the_yaml_line_and_reports_every_mismatch(pytester: pytest.Pytester) -> None:
    make_spec(pytester, status="held", since="2025-08-01")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    line = SPEC.splitlines().index("  - name: lapses-after-window") + 1
    result.stdout.fnmatch_lines(
        [
            f"specs/vienna.yaml:{line}: vienna at 2025-08-13 [[]lapses-after-window[]]",
            "  status: expected 'held', got 'lapsed'",
            "  since: expected '2025-08-01', got '2025-08-13'",
            "  decided by: confirmed (source wire, specs/vienna.yaml:*)",
        ]
    )
    assert "Traceback" not in result.stdout.str()
    assert "spec_items.py" not in result.stdout.str()


def test_an_invalid_spec_is_a_failing_item_and_the_other_files_still_run(pytester: pytest.Pytester) -> None:
    make_spec(pytester)
    broken = SPEC.replace("kind: meeting_confirmed", "kind: meeting_propsed")
    broken = broken.replace("STATUS", "lapsed").replace("SINCE", "2025-08-13")
    (pytester.path / "specs" / "broken.yaml").write_text(broken, encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    line = SPEC.splitlines().index("    kind: meeting_confirmed") + 1
    result.stdout.fnmatch_lines(
        [f"*specs/broken.yaml:{line}:11: claims[[]0[]].kind: 'meeting_propsed' is not one of*"]
    )


def test_a_yaml_syntax_error_is_a_failing_item_with_its_line(pytester: pytest.Pytester) -> None:
    make_spec(pytester)
    (pytester.path / "specs" / "syntax.yaml").write_text("sources:\n  - id: [unclosed\n", encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*specs/syntax.yaml:3:1: YAML syntax error*"])
