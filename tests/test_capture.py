"""`tracker draft`, the capture assistant: each pattern on a small constructed text, the
fragment it prints (valid as it is, quotes exact, a comment per candidate), matching the
store's summits, and bad input. Never the bench's figures on the seed texts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tracker.capture import pipeline
from tracker.cli.main import cli

LEAD = "Moscow, July 22, 2025\n\n"
"""A dateline: the texts below are published on Tuesday, 22 July 2025."""


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), env={"TRACKER_STORE": None, **(env or {})})


def drafted(tmp_path: Path, body: str, *options: str, name: str = "news.txt") -> tuple[str, dict[str, Any]]:
    """Draft `body` (after the dateline) from a file in tmp_path: the fragment's text and data."""
    path = tmp_path / name
    path.write_text(LEAD + body, encoding="utf-8")
    result = run("draft", str(path), *options)
    assert result.exit_code == 0, result.output
    return result.stdout, yaml.safe_load(result.stdout)


def only_claim(data: dict[str, Any]) -> dict[str, Any]:
    assert len(data["claims"]) == 1, data["claims"]
    claim: dict[str, Any] = data["claims"][0]
    return claim


@pytest.fixture(autouse=True)
def no_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .tracker/events.sqlite here: every summit is a stub


# -- kinds and modalities -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind", "modality"),
    [
        (
            "Peskov said a meeting between Vladimir Putin and Donald Trump cannot be ruled out.",
            "meeting_possible",
            "plain",
        ),
        (
            "Peskov said that perhaps Vladimir Putin and Donald Trump will meet in the autumn.",
            "meeting_confirmed",
            "hedged",
        ),
        (
            "Peskov said a meeting between Vladimir Putin and Donald Trump is most likely postponed.",
            "meeting_postponed",
            "hedged",
        ),
        (
            "Peskov said there are no plans for a meeting between Vladimir Putin and Donald Trump.",
            "meeting_denied",
            "plain",
        ),
        ("Peskov said Vladimir Putin and Donald Trump have agreed to meet.", "meeting_confirmed", "plain"),
        (
            "Peskov said the meeting between Vladimir Putin and Donald Trump was called off.",
            "meeting_cancelled",
            "plain",
        ),
        ("Peskov said Donald Trump has invited Vladimir Putin to a summit.", "meeting_proposed", "plain"),
        (
            "There is growing speculation about a meeting of Vladimir Putin and Donald Trump.",
            "meeting_rumored",
            "plain",
        ),
        (
            "Peskov declined to comment on a meeting between Vladimir Putin and Donald Trump.",
            "meeting_possible",
            "no_comment",
        ),
    ],
)
def test_each_kind_and_modality_pattern(tmp_path: Path, sentence: str, kind: str, modality: str) -> None:
    text, data = drafted(tmp_path, "Kremlin spokesman Dmitry Peskov spoke to reporters. " + sentence)
    claim = only_claim(data)
    assert (claim["kind"], claim.get("modality", "plain")) == (kind, modality)
    assert claim["quote"] in (LEAD + sentence)
    assert "matched" in text


def test_if_then_is_conditional_with_its_condition(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "“If Donald Trump comes to Beijing, then we cannot rule out a meeting with Vladimir Putin,” "
        "Kremlin spokesman Dmitry Peskov told reporters.",
    )
    claim = only_claim(data)
    assert claim["kind"] == "meeting_possible"
    assert claim["modality"] == "conditional"
    assert claim["condition"] == "Donald Trump comes to Beijing"


def test_even_if_sets_no_condition(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path, "Officials said Vladimir Putin and Donald Trump will meet even if no deal is ready."
    )
    assert only_claim(data).get("modality", "plain") == "plain"


def test_a_meeting_on_a_past_date_is_held_with_its_day_and_place(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "Vladimir Putin and Donald Trump held a meeting in Helsinki on July 16, 2018, the paper recalled.",
    )
    claim = only_claim(data)
    assert claim["kind"] == "meeting_held"
    assert str(claim["held_on"]) == "2018-07-16"
    assert claim["venue"] == "Helsinki"


def test_two_past_meetings_in_one_sentence_are_two_candidates(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "Vladimir Putin and Donald Trump have met often, from their first encounter in Hamburg in 2017 "
        "to the Helsinki summit in 2018. Putin and Trump are rivals.",
    )
    held = [c for c in data["claims"] if c["kind"] == "meeting_held"]
    assert [str(c["held_on"]) for c in held] == ["2017-01-01/2017-12-31", "2018-01-01/2018-12-31"]
    assert [c["venue"] for c in held] == ["Hamburg", "Helsinki"]


# -- who said it ------------------------------------------------------------------------------


def test_a_title_gives_the_speaker_and_role(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path, "Kremlin spokesman Dmitry Peskov said Vladimir Putin and Donald Trump have agreed to meet."
    )
    attribution = only_claim(data)["attribution"]
    assert attribution == {
        "kind": "official",
        "speaker": "Dmitry Peskov",
        "role": "Kremlin spokesman",
        "speaks_for": "Russia",  # the stub's party (tests/test_capture_sides.py)
    }


def test_told_reporters_after_a_quotation_names_the_speaker(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "Kremlin adviser Yuri Ushakov was in Moscow. “Vladimir Putin and Donald Trump have agreed to meet,” "
        "Ushakov told reporters.",
    )
    claim = only_claim(data)
    assert claim["attribution"]["speaker"] == "Yuri Ushakov"
    assert claim["quote"].startswith("“Vladimir Putin")


def test_according_to_names_the_speaker(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "A meeting of Vladimir Putin and Donald Trump is scheduled, "
        "according to Kremlin adviser Yuri Ushakov.",
    )
    assert only_claim(data)["attribution"]["speaker"] == "Yuri Ushakov"


def test_a_body_speaks_on_the_record(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "The Kremlin stated that there is no concrete plan for a meeting of Vladimir Putin and Donald Trump.",
    )
    assert only_claim(data)["attribution"] == {
        "kind": "official",
        "speaker": "the Kremlin",
        "speaks_for": "Russia",
    }


def test_unnamed_sources_are_anonymous(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path, "A meeting of Vladimir Putin and Donald Trump is not happening, according to sources."
    )
    assert only_claim(data)["attribution"]["kind"] == "anonymous"


def test_another_outlets_report_is_the_outlets_with_via(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path, "The Morning Post reported that Vladimir Putin and Donald Trump are keen to meet in Vienna."
    )
    assert only_claim(data)["attribution"] == {"kind": "outlet", "via": "Morning Post"}


def test_no_speaker_is_the_outlets_own_word(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path, "Whispers of a possible meeting of Vladimir Putin and Donald Trump grow louder."
    )
    assert only_claim(data)["attribution"] == {"kind": "outlet"}


# -- stated_on --------------------------------------------------------------------------------


def test_stated_on_from_on_monday_and_a_day_earlier(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path,
        "Kremlin spokesman Dmitry Peskov said on Monday that a meeting of Vladimir Putin and Donald Trump "
        "cannot be ruled out. Just a day earlier, Peskov said a meeting of Putin and Trump was inevitable.",
    )
    assert [str(c["stated_on"]) for c in data["claims"]] == ["2025-07-21", "2025-07-20"]


def test_stated_on_is_left_out_when_the_text_does_not_say(tmp_path: Path) -> None:
    _, data = drafted(
        tmp_path, "Kremlin spokesman Dmitry Peskov said Vladimir Putin and Donald Trump have agreed to meet."
    )
    assert "stated_on" not in only_claim(data)


def test_published_option_sets_the_day_relative_dates_count_from(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(
        "Kremlin spokesman Dmitry Peskov said yesterday that Vladimir Putin and Donald Trump agreed to meet.",
        encoding="utf-8",
    )
    result = run("draft", str(path), "--published", "2025-08-07T10:00", "--outlet", "Wire")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert "published: 2025-08-07T10:00:00Z" in result.stdout  # without an offset: UTC
    assert data["sources"][0]["outlet"] == "Wire"
    assert str(only_claim(data)["stated_on"]) == "2025-08-06"


# -- the fragment -----------------------------------------------------------------------------


def test_the_fragment_saved_next_to_the_text_validates_and_its_quotes_are_exact(tmp_path: Path) -> None:
    body = (
        "(WIRE) Kremlin spokesman Dmitry Peskov said on Monday that a meeting between Vladimir Putin and "
        "Donald Trump in Beijing cannot be ruled out. “If Trump comes, then we will see,” Peskov told "
        "reporters. Sources said the trip is not happening. Vladimir Putin and Donald Trump met in "
        "Helsinki in 2018."
    )
    text, data = drafted(tmp_path, body)
    assert data["sources"][0]["file"] == "news.txt"
    assert data["sources"][0]["outlet"] == "WIRE"
    assert len(data["claims"]) >= 3
    for claim in data["claims"]:
        assert claim["quote"] in LEAD + body
    assert text.count("# candidate ") == len(data["claims"])
    assert "confidence" in text
    fragment = tmp_path / "news.yaml"
    fragment.write_text(text, encoding="utf-8")
    checked = run("validate", str(fragment))
    assert checked.exit_code == 0, checked.output


def test_scenario_dir_writes_the_file_relative_to_where_the_fragment_goes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")  # the project both lie in
    (tmp_path / "texts").mkdir()
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(
        LEAD + "Vladimir Putin and Donald Trump have agreed to meet, Peskov said.", encoding="utf-8"
    )
    result = run("draft", "texts/a.txt", "--scenario-dir", "scenarios")
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["sources"][0]["file"] == "../texts/a.txt"
    (tmp_path / "scenarios" / "a.yaml").write_text(result.stdout, encoding="utf-8")
    assert run("validate", "scenarios/a.yaml").exit_code == 0


def test_a_text_with_no_claim_gives_an_empty_fragment_that_says_so(tmp_path: Path) -> None:
    text, data = drafted(tmp_path, "The weather in Moscow was fine. Markets rose on Tuesday.")
    assert data["claims"] == []
    assert "No statement about a meeting was found" in text
    (tmp_path / "news.yaml").write_text(text, encoding="utf-8")
    assert run("validate", str(tmp_path / "news.yaml")).exit_code == 0


def test_summits_are_matched_against_the_store_and_copied(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite"
    (tmp_path / "known.txt").write_text("Known text.", encoding="utf-8")
    (tmp_path / "known.yaml").write_text(
        "sources:\n  - {id: known, outlet: K, published: 2025-07-01, file: known.txt}\n"
        "summits:\n"
        "  - {id: pt-beijing, title: Beijing, participants: [Vladimir Putin, Donald Trump], venue: Beijing}\n"
        "  - {id: pt-helsinki, title: Helsinki, participants: [Vladimir Putin, Donald Trump],"
        " venue: Helsinki}\n"
        "claims: []\n",
        encoding="utf-8",
    )
    assert run("replay", str(tmp_path / "known.yaml"), "--store", str(store)).exit_code == 0
    text, data = drafted(
        tmp_path,
        "Peskov said a meeting of Putin and Trump in Beijing cannot be ruled out. "
        "A meeting of Xi Jinping and Donald Trump was proposed, Chinese President Xi Jinping said.",
        "--store",
        str(store),
    )
    beijing, other = data["claims"]
    assert beijing["summits"] == ["pt-beijing"]
    summits = {s["id"]: s for s in data["summits"]}
    assert set(summits) == {"pt-beijing", *other["summits"]}
    assert set(summits[other["summits"][0]]["participants"]) == {"Xi Jinping", "Donald Trump"}
    assert "matched by" in text
    (tmp_path / "news.yaml").write_text(text, encoding="utf-8")
    assert run("validate", str(tmp_path / "news.yaml")).exit_code == 0


# -- bad input --------------------------------------------------------------------------------


def test_an_empty_text_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text(" \n", encoding="utf-8")
    result = run("draft", "empty.txt")
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "empty" in result.output


def test_a_text_not_in_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Moscow, July 22, 2025: Peskov said \xe9".encode("latin-1"))
    result = run("draft", "latin.txt")
    assert result.exit_code == 2
    assert "latin.txt" in result.output and "not UTF-8" in result.output


def test_a_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(LEAD + "word " * 100, encoding="utf-8")
    result = run("draft", "big.txt", env={"TRACKER_MAX_SOURCE_BYTES": "100"})
    assert result.exit_code == 2
    assert "larger than the limit of 100 bytes" in result.output


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    result = run("draft", "nowhere.txt")
    assert result.exit_code == 2
    assert "nowhere.txt" in result.output


def test_a_text_without_a_date_needs_published(tmp_path: Path) -> None:
    (tmp_path / "undated.txt").write_text("Peskov said a meeting is possible.", encoding="utf-8")
    result = run("draft", "undated.txt")
    assert result.exit_code == 2
    assert "--published" in result.output


def test_without_spacy_draft_says_to_install_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(LEAD + "Peskov said so.", encoding="utf-8")
    pipeline.nlp.cache_clear()
    monkeypatch.setitem(sys.modules, "spacy", None)
    try:
        result = run("draft", "a.txt")
    finally:
        pipeline.nlp.cache_clear()
    assert result.exit_code == 2
    assert ".[capture]" in result.output


def test_a_publication_time_is_kept_with_its_offset_and_dates_count_from_its_day(tmp_path: Path) -> None:
    text, data = drafted(
        tmp_path,
        "Kremlin spokesman Dmitry Peskov said on Monday that the meeting between Vladimir Putin and "
        "Donald Trump had been postponed.",
        "--published",
        "2025-10-22T01:30+03:00",  # 21 October in UTC: the day written is the one that counts
    )
    (source,) = data["sources"]
    assert str(source["published"]) in ("2025-10-22T01:30:00+03:00", "2025-10-22 01:30:00+03:00")
    assert source["id"].endswith("2025-10-22")
    assert str(only_claim(data)["stated_on"]) == "2025-10-20"
    (tmp_path / "fragment.yaml").write_text(text, encoding="utf-8")
    assert run("validate", str(tmp_path / "fragment.yaml")).exit_code == 0
