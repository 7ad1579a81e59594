"""Each stored event is validated once: a catch-up checks the events it reads and records how far
they were checked, and a rebuild reads those as JSON data without validating them again, to the
same read model; a refused event ends the checked stretch; other checks check again. On both
backends."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.stores import NewStore
from tests.test_poisoned_store import old_source
from tracker.domain.models import Summit
from tracker.generate.corpus import generate
from tracker.scenario.load import load_scenario
from tracker.service import Tracker
from tracker.store import changes, readmodel
from tracker.store.events import SummitRecord
from tracker.store.sqlite_copy import Stretch

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "putin_trump_2025.yaml"
AT = dt.datetime(2025, 12, 1, tzinfo=dt.UTC)

CHECKING_MODULES = (
    "tracker/domain/models.py",
    "tracker/domain/dates.py",
    "tracker/domain/text.py",
    "tracker/domain/vocabulary.py",
    "tracker/store/events.py",
    "tracker/store/mapper.py",
)
PINNED = {1: "24bfe2a5642339610131aec8edae3e43f7a0fb0af0fe60a2957828b72dcf27b0"}
"""The digest of `CHECKING_MODULES` that `changes.CHECKS` was last confirmed for."""


def checked_to(tracker: Tracker) -> int:
    with tracker.view._session(commit=False) as (c, _):
        return changes.checked_to(c, tracker.view.param)


def answers(tracker: Tracker) -> Any:
    """Everything the read model answers for the seed's summits, on days across the story (the
    claims pointing at each, in no particular order)."""
    days = [dt.date(2025, month, 1) for month in range(1, 13)]
    summits = [s.id for s in tracker.view.summits()]
    return (
        [tracker.view.beliefs_at(day) for day in days],
        {s: tracker.view.timeline(s) for s in summits},
        {s: sorted(tracker.view.pointers(dt.date(2025, 12, 1), [s]).get(s, [])) for s in summits},
        [(r.claim, r.published, r.retracted) for r in tracker.view.claims()],
    )


def counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the events read validated (`checked`) and trusted (`trusted`) by the read model,
    in Python or (sources and added claims on SQLite) in SQL."""
    calls = {"checked": 0, "trusted": 0}
    for name in calls:
        original = getattr(readmodel, name)

        def wrapper(*args: Any, _name: str = name, _original: Any = original) -> Any:
            calls[_name] += 1
            return _original(*args)

        monkeypatch.setattr(readmodel, name, wrapper)
    for method in ("add_sources", "add_claims"):
        original = getattr(Stretch, method)

        def in_sql(stretch: Stretch, _original: Any = original) -> int:
            """Sources and claims copied by SQLite's JSON functions: as JSON data, not
            validated, so trusted."""
            added = int(_original(stretch))
            calls["trusted"] += added
            return added

        monkeypatch.setattr(Stretch, method, in_sql)
    return calls


@pytest.fixture
def seeded(new_store: NewStore) -> str:
    location = new_store()
    with Tracker(location) as tracker:
        tracker.record(load_scenario(SEED), AT)
    return location


def test_a_catch_up_checks_every_event_and_a_rebuild_trusts_them(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tracker(seeded) as tracker:
        recorded = tracker.app.recorder.max_notification_id()
        assert recorded and checked_to(tracker) == recorded
        before = answers(tracker)
        calls = counting(monkeypatch)
        tracker.rebuild()
        assert calls == {"checked": 0, "trusted": recorded}
        assert answers(tracker) == before


def test_what_a_tracker_records_is_taken_as_made_and_extends_the_stretch(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The events a tracker has just recorded, validated as they were made, are applied without
    reading them back, and need no check either; the view answers as a rebuild does."""
    with Tracker(seeded) as tracker:
        first = checked_to(tracker)
        calls = counting(monkeypatch)
        tracker.record(load_scenario(ROOT / "scenarios" / "istanbul_2025.yaml"), AT)
        assert calls == {"checked": 0, "trusted": 0}
        last = tracker.app.recorder.max_notification_id()
        assert last > first and checked_to(tracker) == last
        before = answers(tracker)
        tracker.rebuild()
        assert answers(tracker) == before


def test_recordings_deferred_are_copied_in_bulk_as_trusted_and_answer_the_same(
    seeded: str, new_store: NewStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`record(defer=True)` (as `tracker ingest` records) leaves the view alone and notes its
    events as checked: the next catch-up copies them, trusted, and the view answers as one
    that applied each recording as it was made."""
    more = [
        load_scenario(ROOT / "scenarios" / "istanbul_2025.yaml"),
        *generate(claims=600, summits=8, seed=5, per_chunk=200),  # with corrections, retractions
    ]
    with Tracker(new_store()) as applied:
        applied.record(load_scenario(SEED), AT)
        for scenario in more:
            applied.record(scenario, AT, settle=False)
        applied.catch_up()
        expected = answers(applied)
    with Tracker(seeded) as tracker:
        position = tracker.view._position(tracker.app.name)
        calls = counting(monkeypatch)
        for scenario in more:
            tracker.record(scenario, AT, defer=True)
        last = tracker.app.recorder.max_notification_id()
        assert tracker.view._position(tracker.app.name) == position < last  # not copied yet
        assert checked_to(tracker) == last
        tracker.catch_up()
        assert calls == {"checked": 0, "trusted": last - position}
        assert answers(tracker) == expected


def test_what_others_recorded_meanwhile_is_read_back_and_checked(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When another writer recorded between the view's position and this recording, the view
    catches up instead: every event since its position is read and validated."""
    with Tracker(seeded) as tracker:
        first = checked_to(tracker)
        other = SummitRecord.define(
            Summit(id="elsewhere", title="Elsewhere", participants=("A Person", "B Person")), AT
        )
        tracker.app.save(*other.collect_events())  # recorded past the view, as another writer does
        calls = counting(monkeypatch)
        tracker.record(load_scenario(ROOT / "scenarios" / "istanbul_2025.yaml"), AT)
        last = tracker.app.recorder.max_notification_id()
        assert calls == {"checked": last - first, "trusted": 0}
        assert checked_to(tracker) == last
        assert "elsewhere" in {s.id for s in tracker.view.summits()}


def test_a_refused_event_ends_the_checked_stretch_for_good(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tracker(seeded) as tracker:
        good = checked_to(tracker)
    old_source(seeded)  # written past the checks, as an older tracker did: refused on reading
    with Tracker(seeded, catch_up=False) as tracker:
        tracker.withdraw("source", "old-bad", "refused since", AT)
    with Tracker(seeded) as tracker:
        assert checked_to(tracker) == good
        last = tracker.app.recorder.max_notification_id()
        calls = counting(monkeypatch)
        tracker.rebuild()
        # Read again: the refused event, then the withdrawal; the refused source's other event
        # is left out unread.
        assert calls == {"checked": last - good - 1, "trusted": good}
        assert checked_to(tracker) == good
        left_out = tracker.view.left_out()
        assert len(left_out) == 2 and len({item.aggregate_id for item in left_out}) == 1


def test_events_checked_under_other_checks_are_checked_again(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tracker(seeded) as tracker:
        recorded = checked_to(tracker)
        before = answers(tracker)
        with tracker.view._session(commit=True) as (c, _):
            c.execute(f"UPDATE tracker_checked SET checks = {tracker.view.param}", (changes.CHECKS - 1,))
    with Tracker(seeded) as tracker:  # opening resets the record of other checks
        assert checked_to(tracker) == 0
        calls = counting(monkeypatch)
        tracker.rebuild()
        assert calls == {"checked": recorded, "trusted": 0}
        assert checked_to(tracker) == recorded
        assert answers(tracker) == before


def test_the_checks_are_versioned_with_the_modules_that_hold_them() -> None:
    """Reading an event validates it with the models, their dates and texts, and the events'
    upcasters. A change there may make the tracker refuse what it accepted: then events checked
    before must be checked again, which bumping `changes.CHECKS` does. This test fails on any
    change to those modules, so that someone decides: bump CHECKS if the change refuses
    anything new, and in any case pin the new digest here."""
    digest = hashlib.sha256()
    for name in CHECKING_MODULES:
        digest.update((ROOT / name).read_bytes())
    found = digest.hexdigest()
    assert PINNED.get(changes.CHECKS) == found, (
        f"{', '.join(CHECKING_MODULES)} changed: if they now refuse anything they accepted, "
        f"bump tracker.store.changes.CHECKS; then pin PINNED = {{{changes.CHECKS}: {found!r}}}"
    )
