"""The `tracker` command line: exit statuses, messages on stderr, and the JSON it prints."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from tests.stores import NewStore, PostgresDatabases
from tracker.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "putin_trump_2025.yaml"
FIRST = "putin-trump-first-2025"

Run = Callable[..., Result]


@pytest.fixture
def store(new_store: NewStore) -> str:
    """A store of this test's own, on each backend in turn: an SQLite file not yet created,
    or an empty PostgreSQL store (its tables may exist, holding nothing)."""
    return new_store()


@pytest.fixture
def run() -> Run:
    """Invoke `tracker` with the given arguments; a traceback is never an acceptable outcome."""
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        result = runner.invoke(cli, [str(arg) for arg in args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        return result

    return run


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def summit(state: dict[str, Any], summit_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [s for s in state["summits"] if s["id"] == summit_id]
    assert len(found) == 1, summit_id
    return found[0]


INVALID = """\
sources:
  - id: s1
    outlet: Example News
    published: 2025-08-07
    text: The meeting is on.
summits:
  - id: m1
    title: A meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: c1
    sorce: s1
    kind: meeting_confirmed
    summits: [m1]
    attribution: {kind: outlet}
    quote: The meeting is on
"""
"""A scenario whose only claim has a typo in a key: `sorce`, on line 12, column 5."""


def invalid_scenario(tmp_path: Path) -> Path:
    path = tmp_path / "invalid.yaml"
    path.write_text(INVALID, encoding="utf-8")
    return path


def seed_with_expectations(tmp_path: Path, expect: str) -> Path:
    """The seed corpus, its source files found where they are, with only these expectations."""
    kept, in_expect = [], False
    seeds = os.path.relpath(ROOT / "seeds", tmp_path)
    for line in SEED.read_text(encoding="utf-8").splitlines(keepends=True):
        if line[:1].strip() and not line.startswith("#"):  # a top-level key
            in_expect = line.startswith("expect:")
        if not in_expect:
            kept.append(line.replace("file: ../seeds/", f"file: {seeds}/"))
    path = tmp_path / "seed_expect.yaml"
    path.write_text("".join(kept) + "\nexpect:\n" + expect, encoding="utf-8")
    return path


# -- validate ------------------------------------------------------------------------------


def test_validate_accepts_the_seed_scenario(run: Run) -> None:
    result = run("validate", SEED)
    assert result.exit_code == 0, result.output
    assert "valid" in result.stdout


def test_validate_reports_file_line_column_field_and_message(run: Run, tmp_path: Path) -> None:
    path = invalid_scenario(tmp_path)
    result = run("validate", path)
    assert result.exit_code == 2
    assert f"{path}:12:5: claims[0].sorce: unknown key" in result.stderr


# -- replay and state ----------------------------------------------------------------------


def test_replay_of_an_invalid_scenario_records_nothing(run: Run, tmp_path: Path, store: str) -> None:
    result = run("replay", SEED, invalid_scenario(tmp_path), "--at", "2025-08-20", "--store", store)
    assert result.exit_code == 2
    assert "nothing was recorded" in result.stderr
    listed = run("claims", "--store", store, "--format", "json")
    if store.startswith("postgresql://"):  # the database exists, its tables hold nothing
        assert as_json(listed) == []
    else:  # the scenarios were refused before the store was opened: there is none
        assert listed.exit_code == 4 and "no store at" in listed.stderr


def test_replay_prints_the_state_of_every_summit_as_json(run: Run, store: str) -> None:
    state = as_json(run("replay", SEED, "--at", "2025-08-20", "--format", "json", "--store", store))
    assert state["as_of"] == "2025-08-20"
    assert state["summits"]
    keys = {"id", "title", "participants", "venue", "window", "status", "since", "held_on", "decided_by"}
    for item in state["summits"]:
        assert keys <= item.keys()


@pytest.mark.parametrize(
    ("day", "status", "venue", "held_on"),
    [
        # Ushakov (Global24, 7 August): agreed in principle; the venue "remains undisclosed".
        ("2025-08-20", "confirmed", None, None),
        # The Alaska meeting of 15 August is reported by a text only dated 27-30 August (R1).
        ("2025-08-28", "confirmed", None, None),
        ("2025-09-10", "held", "Anchorage, Alaska", "2025-08-15"),
    ],
)
def test_first_putin_trump_meeting_as_the_texts_tell_it(
    run: Run, store: str, day: str, status: str, venue: str | None, held_on: str | None
) -> None:
    state = as_json(run("replay", SEED, "--at", day, "--format", "json", "--store", store))
    first = summit(state, FIRST)
    assert (first["status"], first["venue"], first["held_on"]) == (status, venue, held_on)


def test_replaying_twice_records_nothing_new_and_answers_the_same(run: Run, store: str) -> None:
    args = ("replay", SEED, "--at", "2025-08-20", "--format", "json", "--store", store)
    first, second = run(*args), run(*args)
    assert ": 0 new events" not in first.stderr
    assert ": 0 new events" in second.stderr
    assert as_json(first) == as_json(second)


def test_state_answers_as_replay_did(run: Run, store: str) -> None:
    replayed = as_json(run("replay", SEED, "--at", "2025-09-10", "--format", "json", "--store", store))
    stated = as_json(run("state", "--at", "2025-09-10", "--format", "json", "--store", store))
    assert stated == replayed
    listed = ("--format", "json", "--claims", "all", "--store", store)
    assert as_json(run("replay", SEED, "--at", "2025-09-10", *listed)) == as_json(
        run("state", "--at", "2025-09-10", *listed)
    )


LISTS = ("supporting", "contradicting", "non_answers")


@pytest.mark.parametrize(
    "when",
    [
        ("--at", "2025-07-22"),
        ("--at", "2025-08-20"),
        ("--at", "2025-09-10"),
        ("--at", "2025-12-01"),
        ("--at", "2025-08-07T12:00+03:00"),  # a moment: folded from the claims
        ("--at", "2025-12-01", "--recorded-at", "2099-01-01"),  # the claim versions as recorded then
    ],
)
def test_state_counts_the_claims_bearing_on_each_and_lists_the_latest_asked(
    run: Run, store: str, when: tuple[str, ...]
) -> None:
    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    args = ("state", *when, "--format", "json", "--store", store)
    counted, listed, latest = (
        as_json(run(*args, *more)) for more in ((), ("--claims", "all"), ("--claims", "1"))
    )
    assert [s["id"] for s in counted["summits"]] == [s["id"] for s in listed["summits"]] != []
    for plain, every, one in zip(counted["summits"], listed["summits"], latest["summits"], strict=True):
        assert (
            {k: v for k, v in every.items() if k not in LISTS}
            == plain
            == {k: v for k, v in one.items() if k not in LISTS}
        )
        for key in LISTS:
            assert plain[f"{key}_count"] == len(every[key])
            assert one[key] == every[key][:1]
    assert any(len(s[key]) > 1 for s in listed["summits"] for key in LISTS)  # one the bound cuts


def test_state_lists_claims_as_a_count_or_all(run: Run, store: str) -> None:
    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    result = run("state", "--at", "2025-08-20", "--claims", "some", "--store", store)
    assert result.exit_code == 2
    assert "'some' is neither a count of claims (0, 1, 2...) nor 'all'" in result.stderr
    csv = run("state", "--at", "2025-08-20", "--format", "csv", "--store", store).stdout.splitlines()
    assert csv[0].split(",")[-6:] == [*(f"{key}_count" for key in LISTS), *LISTS]


def test_replay_from_to_lists_days_with_sources_and_changes(run: Run, store: str) -> None:
    walk = as_json(
        run(
            "replay", SEED, "--from", "2025-07-01", "--to", "2025-12-31", "--format", "json", "--store", store
        )
    )
    days = {day["day"]: day for day in walk["days"]}
    assert all({"sources", "changes"} <= day.keys() for day in days.values())
    assert {s["id"] for s in days["2025-07-22"]["sources"]} == {"saednews-2025-07-22", "menafn-2025-07-22"}
    # A source dated only to a range becomes public on the last day of the range (R1).
    assert [s["id"] for s in days["2025-08-30"]["sources"]] == ["us-outlet-2025-08-27"]
    assert [s["id"] for s in days["2025-11-21"]["sources"]] == ["analysis-2025-autumn"]
    moves = {(c["summit"], c["to"]) for c in days["2025-08-30"]["changes"]}
    assert (FIRST, "held") in moves


# -- claims and timeline -------------------------------------------------------------------


@pytest.fixture
def replayed(run: Run, store: str) -> str:
    """A store holding the seed corpus."""
    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    return store


def test_claims_are_listed_with_source_speaker_dates_and_quote(run: Run, replayed: str) -> None:
    claims = as_json(run("claims", "--format", "json", "--store", replayed))
    keys = {"id", "source", "kind", "summits", "speaker", "stated_on", "published", "quote"}
    assert claims
    assert all(keys <= claim.keys() for claim in claims)
    peskov = next(c for c in claims if c["id"] == "menafn-peskov-if-trump-there")
    assert (peskov["speaker"], peskov["stated_on"], peskov["published"]) == (
        "Dmitry Peskov",
        "2025-07-21",
        "2025-07-22",
    )


def test_claims_quotes_are_verbatim_spans_of_their_sources(run: Run, replayed: str) -> None:
    files = {s["id"]: s["file"] for s in yaml.safe_load(SEED.read_text(encoding="utf-8"))["sources"]}
    for claim in as_json(run("claims", "--format", "json", "--store", replayed)):
        source_text = (SEED.parent / files[claim["source"]]).read_text(encoding="utf-8")
        assert claim["quote"] in source_text, claim["id"]


def test_claims_can_be_filtered_by_summit(run: Run, replayed: str) -> None:
    everything = as_json(run("claims", "--format", "json", "--store", replayed))
    about_first = as_json(run("claims", "--summit", FIRST, "--format", "json", "--store", replayed))
    assert about_first == [c for c in everything if FIRST in c["summits"]]
    assert {"global24-ushakov-agreed", "us-alaska-held"} <= {c["id"] for c in about_first}
    assert len(about_first) < len(everything)


def test_timeline_shows_the_history_of_a_summit(run: Run, replayed: str) -> None:
    timeline = as_json(run("timeline", FIRST, "--format", "json", "--store", replayed))
    assert isinstance(timeline["history"], list)
    last = timeline["history"][-1]
    assert (last["status"], last["held_on"], last["venue"]) == ("held", "2025-08-15", "Anchorage, Alaska")


def test_timeline_of_an_unknown_summit_is_a_usage_error(run: Run, replayed: str) -> None:
    result = run("timeline", "no-such-summit", "--store", replayed)
    assert result.exit_code == 2
    assert "no-such-summit" in result.stderr


# -- check ---------------------------------------------------------------------------------


def test_check_passes_when_expectations_hold(run: Run, tmp_path: Path) -> None:
    path = seed_with_expectations(
        tmp_path,
        (
            f"  - {{at: 2025-08-20, summit: {FIRST}, status: confirmed, venue: null}}\n"
            f"  - {{at: 2025-09-10, summit: {FIRST}, status: held, held_on: 2025-08-15,"
            " venue: 'Anchorage, Alaska'}\n"
        ),
    )
    result = run("check", path, "--root", ROOT)  # its sources are the project's seeds
    assert result.exit_code == 0, result.output
    assert "0 mismatches" in result.stdout


def test_check_reports_every_failed_expectation(run: Run, tmp_path: Path) -> None:
    path = seed_with_expectations(
        tmp_path,
        (
            f"  - {{at: 2025-08-20, summit: {FIRST}, status: held}}\n"
            f"  - {{at: 2025-09-10, summit: {FIRST}, status: held, venue: Beijing}}\n"
        ),
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    wrong = [n for n, line in enumerate(lines, start=1) if line.startswith("  - {at: 2025-")]
    result = run("check", path, "--root", ROOT)
    assert result.exit_code == 1
    assert f"{path}:{wrong[0]}: {FIRST} at 2025-08-20\n  status: expected 'held'" in result.stdout
    assert f"{path}:{wrong[1]}: {FIRST} at 2025-09-10\n  venue: expected 'Beijing'" in result.stdout
    assert "2 mismatches" in result.stdout


# -- usage and stores ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("state", "--at", "notadate"), ("replay", "x.yaml", "--from", "2025-01-01")],
    ids=["bad-date", "from-without-to"],
)
def test_bad_usage_exits_2(run: Run, store: str, args: tuple[str, ...]) -> None:
    result = run(*args, "--store", store)
    assert result.exit_code == 2
    assert "Error" in result.stderr


STORE_COMMANDS = [("claims",), ("state", "--at", "2025-08-20"), ("timeline", FIRST), ("replay", str(SEED))]


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda args: args[0])
def test_a_directory_is_not_a_store(run: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args, "--store", tmp_path)
    assert result.exit_code == 4
    assert "is a directory" in result.stderr


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda args: args[0])
def test_a_file_that_is_not_sqlite_is_not_a_store(run: Run, tmp_path: Path, args: tuple[str, ...]) -> None:
    garbage = tmp_path / "garbage.sqlite"
    content = b"not an SQLite database\x00\xff" * 100
    garbage.write_bytes(content)
    result = run(*args, "--store", garbage)
    assert result.exit_code == 4
    assert f"store {garbage} is not an SQLite database" in result.stderr
    assert garbage.read_bytes() == content


def test_a_new_sqlite_store_is_created_with_its_folder(run: Run, tmp_path: Path) -> None:
    store = tmp_path / "not" / "yet" / "events.sqlite"
    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    assert store.is_file()
    assert as_json(run("claims", "--format", "json", "--store", store))


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda args: args[0])
def test_an_sqlite_database_of_another_program_is_refused_and_left_as_it_was(
    run: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    foreign = tmp_path / "people.sqlite"
    db = sqlite3.connect(foreign)
    with db:
        db.execute("CREATE TABLE people(name)")
        db.execute("INSERT INTO people VALUES ('Ada Lovelace')")
    db.close()
    content = foreign.read_bytes()
    result = run(*args, "--store", foreign)
    assert result.exit_code == 4
    assert "another program" in result.stderr
    assert foreign.read_bytes() == content


UNREACHABLE = "postgresql://postgres@127.0.0.1:1/test"
"""No PostgreSQL server listens on port 1."""


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda args: args[0])
def test_an_unreachable_postgresql_server_is_a_store_error(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args, "--store", UNREACHABLE)
    assert result.exit_code == 4
    assert "cannot be reached" in result.stderr
    assert result.stdout == ""


def test_a_missing_postgresql_database_is_named(run: Run, postgres_databases: PostgresDatabases) -> None:
    name = f"{postgres_databases.names[0]}_missing"
    url = postgres_databases.url(name).replace("postgres@", "postgres:s3cret@", 1)
    assert "s3cret" in url
    result = run("claims", "--store", url)
    assert result.exit_code == 4
    _, reached, reason = result.stderr.partition("cannot be reached")
    assert reached
    assert name in reason  # the server's reason names the database, not only the URL
    assert "s3cret" not in result.output


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda args: args[0])
def test_the_password_of_a_postgresql_store_is_never_printed(run: Run, args: tuple[str, ...]) -> None:
    result = run(*args, "--store", "postgresql://postgres:s3cret@127.0.0.1:1/test")
    assert result.exit_code == 4
    assert "cannot be reached" in result.stderr
    assert "s3cret" not in result.stderr
    assert "s3cret" not in result.stdout


# -- help ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", cli.commands.values(), ids=lambda command: command.name)
def test_every_command_has_help(command: click.Command) -> None:
    assert command.help


def test_the_installed_script_prints_help() -> None:
    script = Path(sys.executable).parent / "tracker"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


@pytest.mark.parametrize(
    "command",
    [["state"], ["claims"], ["timeline", FIRST], ["rebuild"], ["withdraw", "--source", "x", "--reason", "r"]],
)
def test_a_reading_command_never_creates_a_store(run: Run, tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "typo" / "events.sqlite"
    result = run(*command, "--store", path)
    assert result.exit_code == 4, result.output
    assert f"no store at {path}: record one with `tracker replay SCENARIO --store {path}`" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("option", ["--summit", "--source"])
def test_claims_of_an_unknown_summit_or_source_is_a_usage_error(run: Run, store: str, option: str) -> None:
    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    result = run("claims", option, "no-such-id", "--store", store)
    assert result.exit_code == 2
    assert f"unknown {option[2:]} 'no-such-id'" in result.stderr


def test_counts_are_worded_in_the_right_number(run: Run, tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "sources:\n  - {id: s, outlet: Wire, published: 2025-08-01, text: they will meet}\n"
        "summits:\n  - {id: m, title: M, participants: [A, B]}\n"
        "claims:\n  - {id: c, source: s, kind: meeting_confirmed, summits: [m], attribution: {kind: outlet},"
        " quote: they will meet}\n"
        "expect:\n  - {at: 2025-08-02, summit: m, status: held}\n",
        encoding="utf-8",
    )
    validated = run("validate", one)
    assert "valid (1 source, 1 claim, 1 expectation)" in validated.stdout
    checked = run("check", one)
    assert "1 expectation, 1 mismatch: FAILED" in checked.stdout
    replayed = run("replay", one, "--store", tmp_path / "s.sqlite", "--at", "2025-08-02")
    assert "3 new events (1 source, 1 claim, 1 summit, 0 corrections)" in replayed.stderr


LISTINGS = {
    "state": (["state", "--at", "2025-08-20"], lambda doc: doc["summits"]),
    "claims": (["claims"], lambda doc: doc),
    "timeline": (["timeline", FIRST], lambda doc: [{"summit": doc["summit"], **r} for r in doc["history"]]),
    "changes": (
        ["replay", SEED, "--from", "2025-07-01", "--to", "2025-09-30"],
        lambda doc: [
            {"day": d["day"], "sources": [s["id"] for s in d["sources"]], **c}
            for d in doc["days"]
            for c in d["changes"]
        ],
    ),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_every_listing_writes_json_lines_and_csv_holding_its_json(run: Run, store: str, listing: str) -> None:
    import csv
    import io

    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    args, records = LISTINGS[listing]
    expected = records(as_json(run(*args, "--format", "json", "--store", store)))
    assert expected
    lines = run(*args, "--format", "jsonl", "--store", store).stdout.splitlines()
    assert [json.loads(line) for line in lines if json.loads(line).get("summit", "") is not None] == expected
    table = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv", "--store", store).stdout)))
    table = [row for row in table if row.get("summit", "x")]  # changes: days without a status change
    assert len(table) == len(expected)
    for row, record in zip(table, expected, strict=True):
        assert set(record) <= set(row), listing
        for key, value in record.items():
            if isinstance(value, list):
                assert row[key] == "; ".join(value), (listing, key)
            elif isinstance(value, bool):
                assert row[key] == str(value).lower()
            elif isinstance(value, dict):  # a window: its ISO interval starts with its start
                assert row[key].lstrip("~").startswith(value["start"] or ".."), (listing, key)
            else:
                assert row[key] == ("" if value is None else str(value)), (listing, key)


def test_changes_answers_from_the_store_what_replay_from_to_prints(run: Run, store: str) -> None:
    window = ["--from", "2025-07-01", "--to", "2025-09-30", "--format", "json"]
    replayed = as_json(run("replay", SEED, *window, "--store", store))
    assert replayed["days"]
    assert as_json(run("changes", *window, "--store", store)) == replayed
    only = as_json(run("changes", *window, "--summit", FIRST, "--store", store))
    moves = [(c["summit"], c["to"]) for day in only["days"] for c in day["changes"]]
    assert moves == [(FIRST, "rumored"), (FIRST, "confirmed"), (FIRST, "held")]
    assert run("changes", *window, "--summit", "no-such-id", "--store", store).exit_code == 2
    for day in (replayed["days"][0], replayed["days"][-1]):  # a window of one day: its sources, both ends
        one = as_json(
            run("changes", "--from", day["day"], "--to", day["day"], "--format", "json", "--store", store)
        )
        assert one["days"] == [day] and (day["sources"] or day["changes"])


def test_summits_sources_and_claim_search_list_what_is_recorded(run: Run, store: str) -> None:
    assert run("replay", SEED, "--at", "2025-08-20", "--store", store).exit_code == 0
    claims = as_json(run("claims", "--format", "json", "--store", store))
    summits = as_json(run("summits", "--at", "2025-09-10", "--format", "json", "--store", store))
    first = next(s for s in summits if s["id"] == FIRST)
    assert first["status"] == "held" and first["participants"] == ["Vladimir Putin", "Donald Trump"]
    assert first["claims"] == sum(FIRST in c["summits"] and not c["retracted"] for c in claims)
    listed = [c for c in claims if not c["retracted"]]
    assert {s["id"]: s["claims"] for s in summits} == {
        s["id"]: sum(s["id"] in c["summits"] for c in listed) for s in summits
    }
    held = as_json(
        run("summits", "--at", "2025-09-10", "--status", "held", "--format", "json", "--store", store)
    )
    assert FIRST in {s["id"] for s in held} and {s["status"] for s in held} == {"held"}
    xi = as_json(run("summits", "--participant", "xi jinping", "--format", "json", "--store", store))
    assert xi and all(any("Xi Jinping" in p for p in s["participants"]) for s in xi)
    assert run("summits", "--status", "maybe", "--store", store).exit_code == 2

    sources = as_json(run("sources", "--format", "json", "--store", store))
    days = [(s["published"].split("/")[-1], s["published"].split("/")[0], s["id"]) for s in sources]
    assert days == sorted(days)  # in publication order: latest possible day, earliest, id
    assert sum(s["claims"] for s in sources) == len(listed)
    assert {s["id"]: s["claims"] for s in sources} == {
        s["id"]: sum(c["source"] == s["id"] for c in listed) for s in sources
    }
    menafn = as_json(run("sources", "--outlet", "menafn", "--format", "json", "--store", store))
    assert [s["outlet"] for s in menafn] == ["MENAFN"]
    one = sources[0]["id"]
    of_one = as_json(run("claims", "--source", one, "--format", "json", "--store", store))
    assert of_one and [c["id"] for c in of_one] == [c["id"] for c in claims if c["source"] == one]
    unknown = run("claims", "--source", "no-such-source", "--store", store)
    assert unknown.exit_code == 2 and "unknown source 'no-such-source'" in unknown.stderr

    found = as_json(run("claims", "--search", "PESKOV", "--format", "json", "--store", store))
    assert found and all("peskov" in (c["quote"] + (c["speaker"] or "")).lower() for c in found)
    assert {c["id"] for c in found} == {
        c["id"] for c in claims if "peskov" in (c["quote"] + (c["speaker"] or "")).lower()
    }


def test_new_writes_a_template_that_validates_and_checks(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "mine" / "story.yaml"
    assert run("new", path).exit_code == 0
    assert run("validate", path).exit_code == 0
    checked = run("check", path)
    assert checked.exit_code == 0 and "1 expectation, 0 mismatches: ok" in checked.stdout
    again = run("new", path)
    assert again.exit_code == 2 and "exists already" in again.stderr


def test_claims_are_written_as_read_in_the_same_text_as_a_whole_document(
    run: Run, replayed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`claims` writes each claim as it is read (a popular summit's hundred thousand claims are
    never all held), in exactly the text `json.dumps` makes of the whole list: also when empty."""
    from tracker.cli import render

    listed = as_json(run("claims", "--format", "json", "--store", replayed))
    for records in (listed, listed[:1], []):
        render.emit_each("json", "claims", iter(records))
        assert capsys.readouterr().out == json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    searched = as_json(run("claims", "--search", "Peskov", "--format", "json", "--store", replayed))
    assert searched and all("peskov" in (c["quote"] + (c["speaker"] or "")).casefold() for c in searched)
    for output in ("jsonl", "csv"):
        streamed = run("claims", "--format", output, "--store", replayed)
        assert streamed.exit_code == 0 and len(streamed.stdout.splitlines()) >= len(listed)


def test_an_explanation_is_written_as_made_in_the_same_text_as_a_whole_document(
    run: Run, replayed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`explain` writes its reasons as they are made (the most popular summit has a hundred
    thousand), in exactly the text `json.dumps` makes of the whole document: also with no
    reason, and for a document whose only key is the list."""
    from tracker.cli import render

    document = as_json(
        run(
            "explain", "putin-trump-first-2025", "--at", "2025-08-20", "--format", "json", "--store", replayed
        )
    )
    reasons = document.pop("reasons")
    assert reasons and list(document)[-2:] == ["headline", "not_explained"]
    for head, records in ((document, reasons), (document, reasons[:1]), (document, []), ({}, reasons)):
        render.emit_ending_in("json", "explain", head, "reasons", iter(records))
        whole = {**head, "reasons": records}
        assert capsys.readouterr().out == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("listing_name", ["claims", "sources"])
def test_a_reader_that_goes_away_ends_a_listing_quietly(tmp_path: Path, listing_name: str) -> None:
    """`tracker claims | head` (or `sources`, also written as read; a table's rows too, as
    drawn): the listing stops when its reader closes the pipe, with nothing on stderr (no trace
    of the read still open when the store closed) and the status of a program whose reader
    went away, 141, not the 3 of a bug."""
    from tracker.generate.corpus import generate
    from tracker.service import Tracker

    store = str(tmp_path / "store.sqlite")
    with Tracker(store) as tracker:
        for chunk in generate(claims=2000, summits=20, seed=1):
            tracker.record(chunk, settle=False)
        tracker.catch_up()
    tracker_cli = str(Path(sys.executable).parent / "tracker")
    for output in ("json", "csv", "table"):  # a table's rows are written as drawn, too
        listing = subprocess.Popen(
            [tracker_cli, listing_name, "--store", store, "--format", output],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert listing.stdout is not None and listing.stderr is not None
        assert listing.stdout.read(200)  # more than a pipe holds waits to be written
        listing.stdout.close()
        error = listing.stderr.read().decode()
        assert listing.wait(timeout=60) == 141  # 128 + SIGPIPE, as a shell shows for `yes | head`
        assert error == "", error
