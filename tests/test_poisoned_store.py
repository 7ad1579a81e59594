"""A store poisoned by an older tracker does not stop the team: reading commands name the event
and the way out (exit 4), withdrawing the source or summit opens the store again, and rebuild
says what it leaves out; on both backends."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.stores import NewStore
from tracker.cli.main import cli
from tracker.domain.dates import DateSpan
from tracker.domain.models import Attribution, Claim, Source, Summit
from tracker.domain.vocabulary import SourceKind
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store.events import SourceRecord, SummitRecord, source_aggregate_id

GOOD = """
sources:
  - id: wire
    outlet: Wire
    published: 2025-08-01
    text: "The Kremlin confirmed the leaders will meet in Vienna next month."
summits:
  - id: vienna
    title: Vienna meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: confirmed
    source: wire
    kind: meeting_confirmed
    summits: [vienna]
    attribution: {kind: official, speaker: the Kremlin}
    quote: confirmed the leaders will meet
"""
AT = dt.datetime(2025, 9, 1, tzinfo=dt.UTC)


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def old_source(store: str) -> None:
    """What an older tracker recorded without complaint: a source published 0001-01-01, the
    read model's own first day, with a claim about the good summit."""
    source = Source.model_construct(
        id="old-bad",
        outlet="Old",
        kind=SourceKind.REPORT,
        title=None,
        published=DateSpan.model_construct(earliest=dt.date(1, 1, 1), latest=dt.date(1, 1, 1)),
        dated_by=None,
        file=None,
        sha256="0" * 64,
        note=None,
    )
    record = SourceRecord.register(source, AT)
    record.add_claim(
        Claim(
            id="old-claim",
            source="old-bad",
            kind="meeting_denied",
            summits=("vienna",),
            attribution=Attribution(kind="outlet"),
            quote="no meeting",
        ),
        AT,
    )
    _write(store, record.collect_events())


def old_summit(store: str) -> None:
    """A summit whose title holds a NUL, which PostgreSQL text cannot hold."""
    summit = Summit.model_construct(
        id="nul-summit",
        title="Geneva\x00 meeting",
        participants=("Vladimir Putin", "Donald Trump"),
        venue=None,
        occasion=None,
        window=None,
        aliases=(),
    )
    _write(store, SummitRecord.define(summit, AT).collect_events())


def _write(store: str, events: list[object]) -> None:
    with Tracker(store) as tracker:
        tracker.app.save(*events)  # type: ignore[arg-type]


@pytest.fixture
def store(new_store: NewStore, tmp_path: Path) -> str:
    location = new_store()
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    with Tracker(location) as tracker:
        tracker.record(load_scenario(path), AT)
    return location


def test_a_poisoned_source_is_named_with_the_way_out_until_it_is_withdrawn(
    store: str, tmp_path: Path
) -> None:
    old_source(store)
    for command in (["state", "--at", "2025-08-20"], ["claims"], ["timeline", "vienna"], ["rebuild"]):
        result = run(*command, "--store", store)
        assert result.exit_code == 4, (command, result.output)
        assert "of source 'old-bad'" in result.stderr, result.stderr
        assert "cannot be read by this tracker" in result.stderr
        assert "tracker withdraw --source old-bad" in result.stderr
        assert "Traceback" not in result.output

    refused = run("withdraw", "--source", "wire", "--reason", "x", "--store", store)
    assert refused.exit_code == 2 and "can be read by this tracker" in refused.stderr

    done = run("withdraw", "--source", "old-bad", "--reason", "recorded with a wrong date", "--store", store)
    assert done.exit_code == 0, done.output
    assert "left out 2 events" in done.stderr and "source old-bad" in done.stderr

    state = run("state", "--at", "2025-08-20", "--format", "json", "--store", store)
    assert state.exit_code == 0, state.output
    assert '"confirmed"' in state.stdout and "old-claim" not in state.stdout
    assert "old-claim" not in run("claims", "--store", store).stdout

    rebuilt = run("rebuild", "--store", store)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "leaves out 2 events" in rebuilt.stderr

    again = run("withdraw", "--source", "old-bad", "--reason", "twice", "--store", store)
    assert again.exit_code == 0 and "withdrawn already" in again.stderr

    reused = tmp_path / "reused.yaml"
    reused.write_text(
        GOOD.replace("id: wire", "id: old-bad")
        .replace("source: wire", "source: old-bad")
        .replace("id: confirmed", "id: fresh-claim"),
        encoding="utf-8",
    )
    result = run("replay", str(reused), "--store", store, "--at", "2025-08-20")
    assert result.exit_code == 2 and "was withdrawn from this store" in result.stderr, result.output


def test_a_withdrawn_source_takes_its_readable_claims_out_of_every_answer(store: str) -> None:
    """A source whose first claims could be read and a later one not: once withdrawn, the ones
    read before leave the state, its lists of claims and the claims too."""
    with Tracker(store) as tracker:
        record = tracker.app.repository.get(source_aggregate_id("wire"))
    good = Claim(
        id="also-confirmed",
        source="wire",
        kind="meeting_confirmed",
        summits=("vienna",),
        attribution=Attribution(kind="official", speaker="Dmitry Peskov"),
        quote="the leaders will meet",
    )
    bad = good.model_copy(update={"id": "bad-claim", "quote": "a NUL\x00 here"})
    record.add_claim(good, AT)
    record.add_claim(bad, AT)
    _write(store, record.collect_events())
    assert run("state", "--at", "2025-08-20", "--store", store).exit_code == 4
    done = run("withdraw", "--source", "wire", "--reason", "a NUL in a quote", "--store", store)
    assert done.exit_code == 0, done.output
    for command in (["state", "--at", "2025-08-20", "--format", "json"], ["claims"], ["explain", "vienna"]):
        result = run(*command, "--store", store)
        assert result.exit_code == 0, (command, result.output)
        assert "also-confirmed" not in result.stdout, (command, result.stdout)


def test_a_poisoned_summit_is_named_and_withdrawn(store: str) -> None:
    old_summit(store)
    result = run("state", "--at", "2025-08-20", "--store", store)
    assert result.exit_code == 4, result.output
    assert (
        "of summit 'nul-summit'" in result.stderr and "tracker withdraw --summit nul-summit" in result.stderr
    )
    done = run("withdraw", "--summit", "nul-summit", "--reason", "NUL in its title", "--store", store)
    assert done.exit_code == 0, done.output
    state = run("state", "--at", "2025-08-20", "--store", store)
    assert state.exit_code == 0, state.output
    assert "nul-summit" not in state.stdout and "vienna" in state.stdout
    assert run("rebuild", "--store", store).exit_code == 0


def test_withdrawing_what_is_not_there_is_a_usage_error(store: str) -> None:
    result = run("withdraw", "--source", "nowhere", "--reason", "x", "--store", store)
    assert result.exit_code == 2 and "there is no source 'nowhere'" in result.stderr
    assert run("withdraw", "--reason", "x", "--store", store).exit_code == 2


def test_events_of_another_program_with_ids_that_are_not_uuids_are_refused_clearly(tmp_path: Path) -> None:
    store = tmp_path / "other.sqlite"
    db = sqlite3.connect(store)
    db.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, "
        "state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    db.execute("INSERT INTO stored_events VALUES ('order-17', 1, 'shop:Ordered', x'7b7d')")
    db.commit()
    db.close()
    result = run("state", "--store", str(store))
    assert result.exit_code == 4, result.output
    assert "were not written by a tracker (an aggregate id is not a UUID" in result.stderr, result.stderr
