"""Hostile or unlucky scenario files: every one is refused with a located message and exit 2.

Each case runs the real `tracker` command in a subprocess, bounded in time and memory, so
that a regression (an alias bomb, a FIFO) fails the test instead of hanging the machine.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.test_scenario_errors import VALID
from tracker.domain.models import Summit
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.service import Tracker

pytest_plugins = ["pytester"]

SCRIPT = Path(sys.executable).parent / "tracker"
MEMORY_LIMIT = 1536 * 2**20
TIME_LIMIT = 60

RANGE = "1900-01-01 to 2199-12-31"


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def tracker(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `tracker`, bounded; a traceback is never an acceptable outcome."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    result = subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_bounded,
        env={**environment, **(env or {})},
        cwd=cwd,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result


def refused(result: subprocess.CompletedProcess[str], located: str, says: str) -> None:
    """Exit 2, nothing recorded, and a message starting with `located` that says `says`."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "nothing was recorded" in result.stderr or "Usage" in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if located in line]
    assert lines, result.stderr
    assert any(says.lower() in line.lower() for line in lines), result.stderr


def write(folder: Path, text: str | bytes, name: str = "scenario.yaml") -> Path:
    path = folder / name
    if isinstance(text, str):
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def position(text: str, needle: str) -> str:
    """`line:column` (from 1) where the unique `needle` starts in `text`."""
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    return f"{before.count(chr(10)) + 1}:{len(before) - (before.rfind(chr(10)) + 1) + 1}"


def problems(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(InvalidInput) as raised:
        load_scenario(path, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in raised.value.problems]


def recorded_claims(store: Path) -> list[object]:
    if not store.exists():
        return []
    result = tracker("claims", "--store", store, "--format", "json")
    assert result.returncode == 0, result.stderr
    found: list[object] = json.loads(result.stdout)
    return found


# -- 7. what used to be an internal error (exit 3) -------------------------------------------


def test_a_nul_in_a_file_name_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, VALID.replace('text: "The Kremlin said the meeting will happen."', 'file: "a\\0b"')
    )
    store = tmp_path / "store.sqlite"
    for args in (("validate", path), ("replay", path, "--at", "2025-08-20", "--store", store)):
        refused(tracker(*args), f"{path}:5:11: sources[0].file", "control character U+0000")
    assert recorded_claims(store) == []


def test_an_integer_of_5000_digits_is_a_located_yaml_error(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("id: m1\n", "id: m1\n    occasion: " + "9" * 5000 + "\n"))
    store = tmp_path / "store.sqlite"
    for args in (("validate", path), ("replay", path, "--at", "2025-08-20", "--store", store)):
        refused(tracker(*args), f"{path}:{position(path.read_text(), '9' * 5000)}", "too large")
    assert recorded_claims(store) == []


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "a: &a [*a]\n")
    store = tmp_path / "store.sqlite"
    for args in (("validate", path), ("replay", path, "--at", "2025-08-20", "--store", store)):
        refused(
            tracker(*args),
            f"{path}:{position(path.read_text(), '&a')}",
            "anchors and aliases are not allowed",
        )
    assert recorded_claims(store) == []


def test_a_recorded_at_that_overflows_in_utc_is_refused(tmp_path: Path) -> None:
    expect = (
        "expect:\n  - {at: 2025-08-20, summit: m1, status: confirmed, "
        "recorded_at: 9999-12-31T23:59:59-05:00}\n"
    )
    path = write(tmp_path, VALID + expect)
    store = tmp_path / "store.sqlite"
    for args in (
        ("validate", path),
        ("check", path),
        ("replay", path, "--at", "2025-08-20", "--store", store),
    ):
        refused(
            tracker(*args),
            f"{path}:{position(path.read_text(), '9999-12-31T')}: expect[0].recorded_at",
            RANGE,
        )
    assert recorded_claims(store) == []


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
        "0001-01-01",
        "2200-01-01",
        "1899-12-31T23:00:00+02:00",
    ],
)
def test_a_recorded_at_option_out_of_range_is_a_usage_error(tmp_path: Path, moment: str) -> None:
    result = tracker(
        "state", "--at", "2025-08-20", "--recorded-at", moment, "--store", tmp_path / "store.sqlite"
    )
    refused(result, "--recorded-at", RANGE)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
def test_an_at_option_out_of_range_is_a_usage_error(tmp_path: Path, day: str) -> None:
    result = tracker("state", "--at", day, "--store", tmp_path / "store.sqlite")
    refused(result, "--at", RANGE)


def test_in_range_moments_are_still_accepted(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    Tracker(str(store)).close()  # an empty store: reading commands create none
    for moment in ("1900-01-01T00:00:00", "2199-12-31T23:59:59", "2025-08-20T10:00:00+05:00", "2025-08-20"):
        result = tracker("state", "--at", "2025-08-20", "--recorded-at", moment, "--store", store)
        assert result.returncode == 0, (moment, result.stderr)


# -- 1. the range of calendar days -------------------------------------------------------------

DATED = (
    VALID.replace("id: m1\n", "id: m1\n    window: {start: 2025-08-01, end: 2025-08-30}\n")
    + "    stated_on: 2025-08-06\n"
    + "corrections:\n  - {id: f1, claim: c1, action: correct, reason: typo, "
    "replace: {stated_on: 2025-08-05}, recorded_on: 2025-08-09}\n"
    + "expect:\n  - {at: 2025-08-20, summit: m1, status: confirmed, since: 2025-08-07}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("published: 2025-08-07", "published: 1899-12-31", "sources[0].published"),
        ("published: 2025-08-07", "published: 2025-08-07/2200-01-01", "sources[0].published"),
        ("start: 2025-08-01", "start: 0001-01-01", "summits[0].window.start"),
        ("end: 2025-08-30", "end: 9999-12-31", "summits[0].window.end"),
        ("stated_on: 2025-08-06", "stated_on: 1000-01-01", "claims[0].stated_on"),
        (
            "replace: {stated_on: 2025-08-05}",
            "replace: {stated_on: 1850-01-01}",
            "corrections[0].replace.stated_on",
        ),
        ("recorded_on: 2025-08-09", "recorded_on: 2525-01-01", "corrections[0].recorded_on"),
        ("at: 2025-08-20", "at: 9999-12-31", "expect[0].at"),
        ("since: 2025-08-07", "since: 0001-01-01", "expect[0].since"),
    ],
)
def test_every_date_field_refuses_days_out_of_range(tmp_path: Path, old: str, new: str, field: str) -> None:
    assert not problems_or_none(write(tmp_path, DATED))
    path = write(tmp_path, DATED.replace(old, new))
    found = problems(path)
    assert any(f": {field}" in p and RANGE in p for p in found), found


def problems_or_none(path: Path) -> list[str]:
    try:
        load_scenario(path)
    except InvalidInput as error:
        return [str(p) for p in error.problems]
    return []


def test_a_naive_recorded_at_is_still_allowed(tmp_path: Path) -> None:
    expect = (
        "expect:\n  - {at: 2025-08-20, summit: m1, status: confirmed, recorded_at: 2025-08-20T10:00:00}\n"
    )
    assert not problems_or_none(write(tmp_path, VALID + expect))


# -- 2. control characters in every text field ------------------------------------------------

FULL = textwrap.dedent("""\
    sources:
      - id: s1
        outlet: OUTLET
        title: TITLE
        published: 2025-08-01/2025-08-07
        dated_by: DATED_BY
        note: SOURCE_NOTE
        text: "The Kremlin said the meeting will happen in Vienna."
    summits:
      - id: m1
        title: SUMMIT_TITLE
        participants: [PARTICIPANT, Donald Trump]
        venue: SUMMIT_VENUE
        occasion: OCCASION
        aliases: [ALIAS]
        window: {start: 2025-08-10, end: 2025-08-12, note: WINDOW_NOTE}
    claims:
      - id: c1
        source: s1
        kind: meeting_confirmed
        modality: conditional
        condition: CONDITION
        summits: [m1]
        attribution: {kind: official, speaker: SPEAKER, role: ROLE, via: VIA}
        quote: the meeting will happen
        venue: CLAIM_VENUE
        window: {start: 2025-08-10, note: CLAIM_WINDOW_NOTE}
        note: CLAIM_NOTE
    corrections:
      - {id: f1, claim: c1, action: correct, reason: REASON, replace: {note: REPLACED_NOTE}}
    expect:
      - {at: 2025-08-20, summit: m1, status: confirmed, name: NAME, note: EXPECT_NOTE, venue: EXPECT_VENUE}
""")
FIELDS = {
    "OUTLET": "sources[0].outlet",
    "TITLE": "sources[0].title",
    "DATED_BY": "sources[0].dated_by",
    "SOURCE_NOTE": "sources[0].note",
    "SUMMIT_TITLE": "summits[0].title",
    "PARTICIPANT": "summits[0].participants[0]",
    "SUMMIT_VENUE": "summits[0].venue",
    "OCCASION": "summits[0].occasion",
    "ALIAS": "summits[0].aliases[0]",
    "WINDOW_NOTE": "summits[0].window.note",
    "CONDITION": "claims[0].condition",
    "SPEAKER": "claims[0].attribution.speaker",
    "ROLE": "claims[0].attribution.role",
    "VIA": "claims[0].attribution.via",
    "CLAIM_VENUE": "claims[0].venue",
    "CLAIM_WINDOW_NOTE": "claims[0].window.note",
    "CLAIM_NOTE": "claims[0].note",
    "REASON": "corrections[0].reason",
    "REPLACED_NOTE": "corrections[0].replace.note",
    "NAME": "expect[0].name",
    "EXPECT_NOTE": "expect[0].note",
    "EXPECT_VENUE": "expect[0].venue",
}
CONTROLS = {
    "\\0": "U+0000",
    "\\e": "U+001B",
    "\\x7f": "U+007F",
    "\\x85": "U+0085",
    "\\x9f": "U+009F",
    "\\b": "U+0008",
}


def test_the_full_scenario_is_valid(tmp_path: Path) -> None:
    assert problems_or_none(write(tmp_path, FULL)) == []


@pytest.mark.parametrize("placeholder", FIELDS)
@pytest.mark.parametrize("escape", CONTROLS)
def test_every_text_field_refuses_control_characters(tmp_path: Path, placeholder: str, escape: str) -> None:
    text = FULL.replace(f" {placeholder}", f' "ab{escape}c"', 1)
    if f"[{placeholder}" in FULL:
        text = FULL.replace(f"[{placeholder}", f'["ab{escape}c"')
    found = problems(write(tmp_path, text))
    where = position(text, f'"ab{escape}c"')
    assert any(
        f":{where}: {FIELDS[placeholder]}: " in p and CONTROLS[escape] in p and "offset 2" in p for p in found
    ), found


def test_a_lone_surrogate_is_refused_in_text_and_in_yaml(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"surrogate|unicode"):
        Summit.model_validate({"id": "m", "title": "ab\ud800", "participants": ["A B", "C D"]})
    text = FULL.replace(" CLAIM_NOTE", ' "ab\\ud800c"')
    found = problems(write(tmp_path, text))
    line = text[: text.index('"ab')].count("\n") + 1
    assert len(found) == 1 and f"scenario.yaml:{line}:" in found[0], found


def test_tabs_and_newlines_stay_allowed(tmp_path: Path) -> None:
    text = FULL.replace(" CLAIM_NOTE", ' "first line\\n\\tsecond line\\r\\n"')
    assert problems_or_none(write(tmp_path, text)) == []


def test_a_control_character_in_a_key_is_printed_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + '"\\e[31mred": 1\n')
    result = tracker("validate", path)
    refused(result, f"{path}:", "unknown key")
    assert "\x1b" not in result.stderr


# -- 3. a source's file stays inside the project -----------------------------------------------


def scenario_with_file(folder: Path, name: str, text: str | None = None) -> Path:
    file = f'"{name}"' if text is None else name
    return write(folder, VALID.replace('text: "The Kremlin said the meeting will happen."', f"file: {file}"))


def outside_message(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "sources[0].file" in line]
    return line


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder (with pyproject.toml) holding a scenario folder, and a file outside it."""
    root = tmp_path / "project"
    (root / "scenarios").mkdir(parents=True)
    (root / "pyproject.toml").write_text("", encoding="utf-8")
    (root / "texts").mkdir()
    (root / "texts" / "inside.txt").write_text("The Kremlin said the meeting will happen.", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("The Kremlin said the meeting will happen.", encoding="utf-8")
    return root


def test_a_file_elsewhere_in_the_project_is_read(project: Path) -> None:
    path = scenario_with_file(project / "scenarios", "../texts/inside.txt")
    result = tracker("validate", path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd",
        "/etc/shadow",
        "/no/such/file",
        "../../outside.txt",
        "../../no-such.txt",
        "/proc/self/environ",
        "/dev/zero",
        "../../../../../../../../etc/hostname",
    ],
)
def test_a_file_outside_the_project_is_refused_without_saying_whether_it_exists(
    project: Path, name: str
) -> None:
    path = scenario_with_file(project / "scenarios", name)
    result = tracker("validate", path)
    line = outside_message(result)
    where = position(path.read_text(), f'"{name}"')
    assert (
        line == f"error: {path}:{where}: sources[0].file: file must name a regular file "
        f"inside the project {project}, relative to the scenario (widen the project with "
        "--root DIR or TRACKER_ROOT)"
    )


def test_an_absolute_path_is_refused_even_inside_the_project(project: Path) -> None:
    path = scenario_with_file(project / "scenarios", str(project / "texts" / "inside.txt"))
    assert "relative to the scenario" in outside_message(tracker("validate", path))


def test_a_symlink_out_of_the_project_is_refused(project: Path) -> None:
    (project / "texts" / "link.txt").symlink_to(project.parent / "outside.txt")
    (project / "texts" / "dangling.txt").symlink_to(project.parent / "no-such.txt")
    messages = set()
    for name in ("../texts/link.txt", "../texts/dangling.txt", "../../outside.txt"):
        line = outside_message(tracker("validate", scenario_with_file(project / "scenarios", name)))
        messages.add(line.split("sources[0].file: ")[1])
    assert len(messages) == 1, messages


def test_a_directory_a_fifo_or_a_device_inside_the_project_is_refused_at_once(project: Path) -> None:
    os.mkfifo(project / "texts" / "fifo")
    (project / "texts" / "dev").symlink_to("/dev/zero")
    for name in ("../texts", "../texts/fifo", "../texts/dev"):
        result = tracker("validate", scenario_with_file(project / "scenarios", name))
        assert "regular file" in outside_message(result), result.stderr


def test_a_missing_file_inside_the_project_says_so(project: Path) -> None:
    result = tracker("validate", scenario_with_file(project / "scenarios", "../texts/missing.txt"))
    assert "no such file" in outside_message(result)


def test_root_option_and_tracker_root_widen_the_project(project: Path) -> None:
    path = scenario_with_file(project / "scenarios", "../../outside.txt")
    assert tracker("validate", path).returncode == 2
    assert tracker("validate", "--root", project.parent, path).returncode == 0
    assert tracker("check", "--root", project.parent, path).returncode == 0
    assert tracker("validate", path, env={"TRACKER_ROOT": str(project.parent)}).returncode == 0
    assert problems_or_none(path) != []
    load_scenario(path, root=project.parent)


def test_without_a_project_the_scenario_folder_is_the_root(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "text.txt").write_text("The Kremlin said the meeting will happen.", encoding="utf-8")
    (tmp_path / "b").mkdir()
    assert problems_or_none(scenario_with_file(tmp_path / "a", "text.txt")) == []
    found = problems_or_none(scenario_with_file(tmp_path / "b", "../a/text.txt"))
    assert found and "inside the project" in found[0], found


def test_the_pytest_plugin_confines_files_to_the_project(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ntracker_scenarios = specs\n")
    pytester.mkdir("specs")
    outside = pytester.path.parent / f"{pytester.path.name}-outside.txt"
    outside.write_text("The Kremlin said the meeting will happen.", encoding="utf-8")
    spec = VALID.replace('text: "The Kremlin said the meeting will happen."', f"file: ../../{outside.name}")
    (pytester.path / "specs" / "escape.yaml").write_text(spec, encoding="utf-8")
    inside = VALID.replace('text: "The Kremlin said the meeting will happen."', "file: ../texts/ok.txt")
    pytester.mkdir("texts")
    (pytester.path / "texts" / "ok.txt").write_text("The Kremlin said the meeting will happen.")
    (pytester.path / "specs" / "inside.yaml").write_text(inside, encoding="utf-8")
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*specs/escape.yaml:5:11: sources[[]0[]].file: file must name a regular file*"]
    )


# -- 4. bounded resources ----------------------------------------------------------------------

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
)


def test_a_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + BOMB)
    refused(
        tracker("validate", path),
        f"{path}:{position(path.read_text(), '&a')}",
        "anchors and aliases are not allowed",
    )


def test_an_anchor_alone_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("attribution: {kind: outlet}", "attribution: &who {kind: outlet}"))
    refused(tracker("validate", path), f"{path}:{position(path.read_text(), '&who')}", "anchors and aliases")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "deep: " + "[" * 100000 + "]" * 100000 + "\n")
    refused(tracker("validate", path), f"{path}:", "")


def test_a_scenario_over_the_size_limit_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "# " + "x" * (9 * 2**20) + "\n")
    refused(tracker("validate", path), f"{path}", "TRACKER_MAX_SCENARIO_BYTES")
    small = write(tmp_path, VALID, "small.yaml")
    refused(tracker("validate", small, env={"TRACKER_MAX_SCENARIO_BYTES": "100"}), f"{small}", "100 bytes")
    assert tracker("validate", path, env={"TRACKER_MAX_SCENARIO_BYTES": str(10 * 2**20)}).returncode == 0


def test_a_source_over_the_size_limit_is_refused(project: Path) -> None:
    big = "The Kremlin said the meeting will happen." + "x" * (3 * 2**20)
    (project / "texts" / "big.txt").write_text(big)
    path = scenario_with_file(project / "scenarios", "../texts/big.txt")
    refused(tracker("validate", path), f"{path}:5:11: sources[0].file", "TRACKER_MAX_SOURCE_BYTES")
    assert tracker("validate", path, env={"TRACKER_MAX_SOURCE_BYTES": str(4 * 2**20)}).returncode == 0
    inline = write(project, VALID, "inline.yaml")
    refused(
        tracker("validate", inline, env={"TRACKER_MAX_SOURCE_BYTES": "10"}),
        f"{inline}:5:11: sources[0].text",
        "TRACKER_MAX_SOURCE_BYTES",
    )


@pytest.mark.parametrize("value", ["abc", "-1", "0"])
def test_a_bad_limit_in_the_environment_is_refused(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, VALID)
    refused(
        tracker("validate", path, env={"TRACKER_MAX_SCENARIO_BYTES": value}),
        "TRACKER_MAX_SCENARIO_BYTES",
        "positive",
    )


# -- 5. encodings and raw control characters, located -----------------------------------------


def test_a_byte_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("Example News", "Exampl\xe9 News").encode("latin-1"))
    refused(tracker("validate", path), f"{path}:3:19:", "not UTF-8 at line 3, column 19")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_located_and_named(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, VALID.encode(encoding))
    refused(tracker("validate", path), f"{path}:1:", "UTF-16")


def test_a_raw_control_character_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("Example News", "Example\x01 News"))
    refused(tracker("validate", path), f"{path}:3:20:", "U+0001")


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + VALID.encode())
    assert tracker("validate", path).returncode == 0


def test_a_source_file_that_is_not_utf8_is_located_in_its_text(project: Path) -> None:
    (project / "texts" / "latin.txt").write_bytes(b"First line\nThe Kr\xe9mlin said the meeting will happen.")
    path = scenario_with_file(project / "scenarios", "../texts/latin.txt")
    refused(tracker("validate", path), f"{path}:5:11: sources[0].file", "line 2, column 7")


def test_a_source_file_holding_a_nul_is_refused(project: Path) -> None:
    (project / "texts" / "nul.txt").write_bytes(b"The Kremlin\nsaid the meeting\x00 will happen.")
    path = scenario_with_file(project / "scenarios", "../texts/nul.txt")
    refused(tracker("validate", path), f"{path}:5:11: sources[0].file", "U+0000 at line 2, column 17")


# -- 6. nothing silently accepted ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "{}\n",
        "title: nothing\n",
        "sources: []\nsummits: []\nclaims: []\ncorrections: []\nexpect: []\n",
    ],
)
def test_an_empty_scenario_is_refused(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    store = tmp_path / "store.sqlite"
    refused(tracker("validate", path), f"{path}", "the scenario is empty: nothing to record or check")
    refused(
        tracker("replay", path, "--at", "2025-08-20", "--store", store), f"{path}", "the scenario is empty"
    )
    assert recorded_claims(store) == []


def test_a_correction_cannot_move_a_claim_to_an_unknown_summit(tmp_path: Path) -> None:
    fix = (
        "corrections:\n  - {id: f1, claim: c1, action: correct, reason: typo, "
        "replace: {summits: [m1, nowhere]}}\n"
    )
    path = write(tmp_path, VALID + fix)
    found = problems(path)
    assert found == [
        f"{path}:{position(path.read_text(), 'nowhere')}: corrections[0].replace.summits[1]: "
        "unknown summit 'nowhere'"
    ]


def test_the_store_stays_empty_after_a_refused_replay(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("Example News", '"Example\\0News"'))
    store = tmp_path / "store.sqlite"
    refused(tracker("replay", path, "--at", "2025-08-20", "--store", store), f"{path}:3:13", "U+0000")
    if store.exists():
        with sqlite3.connect(store) as db:
            tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            if "stored_events" in tables:
                assert db.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == 0
