"""Nothing lost: concurrent writers and killed writers, on both backends.

Writers are real processes running `tracker ingest` on a generated corpus (one transaction
per file). Afterwards the events themselves are inspected: every recorded source holds
exactly its claims, each added once; and the read model equals one rebuilt from the events.
"""

from __future__ import annotations

import multiprocessing
import random
import signal
import time
from pathlib import Path
from typing import Any

from tests.consistency import (
    assert_view_equals_rebuild,
    assert_whole_sources,
    claims_by_source,
    ingest,
)
from tests.stores import NewStore
from tracker.generate import generate, write_corpus
from tracker.service import Tracker
from tracker.store.application import TrackerApplication
from tracker.store.location import environment

CORPUS = {"claims": 1500, "summits": 40, "seed": 11, "per_file": 100}
LARGE = {"claims": 6000, "summits": 60, "seed": 12, "per_file": 100}
"""For the killed writer: an ingest long enough (60 transactions, about 2 s) to be killed in."""


def corpus(folder: Path, size: dict[str, int] = CORPUS) -> tuple[list[Path], dict[str, set[str]]]:
    files = write_corpus(folder, size["claims"], size["summits"], size["seed"], size["per_file"])
    expected = claims_by_source(generate(size["claims"], size["summits"], size["seed"], size["per_file"]))
    return files, expected


def test_concurrent_writers_of_disjoint_and_overlapping_files_lose_and_double_nothing(
    untouched_store: NewStore, tmp_path: Path
) -> None:
    files, expected = corpus(tmp_path / "corpus")
    store = untouched_store()  # created by the writers themselves, all at once
    third = len(files) // 3
    shares = [
        files[:third],
        files[third : 2 * third],
        files[2 * third :],  # disjoint
        files[third // 2 : third + third // 2],
        files[::-1],
    ]  # overlapping all the others
    writers = [ingest(store, share) for share in shares]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    with Tracker(store) as tracker:
        assert assert_whole_sources(tracker, expected, complete=True) == len(expected)
        assert len(tracker.claims()) == CORPUS["claims"]
    assert_view_equals_rebuild(store)


def test_a_writer_killed_at_random_points_leaves_whole_sources_and_finishes_when_run_again(
    new_store: NewStore, tmp_path: Path
) -> None:
    files, expected = corpus(tmp_path / "corpus", LARGE)
    store = new_store()
    Tracker(store).close()
    chance = random.Random(5)
    app = TrackerApplication(env=environment(store))
    recorded = []
    for low, high in ((0.05, 0.3), (0.35, 0.6), (0.65, 0.9)):
        # Kill when the store holds a random share of the corpus: mid-file, mid-transaction.
        target = int(chance.uniform(low, high) * LARGE["claims"])
        writer = ingest(store, files)
        while (app.recorder.max_notification_id() or 0) < target and writer.poll() is None:
            time.sleep(0.005)
        time.sleep(chance.uniform(0, 0.02))
        assert writer.poll() is None, "the ingest ended before it could be killed"
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=60)
        with Tracker(store) as tracker:  # opening catches up the read model after the crash
            recorded.append(assert_whole_sources(tracker, expected, complete=False))
        assert_view_equals_rebuild(store)
    app.close()
    assert 0 < recorded[0] < recorded[-1] < len(expected), recorded
    writer = ingest(store, files)
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    with Tracker(store) as tracker:
        assert assert_whole_sources(tracker, expected, complete=True) == len(expected)
    assert_view_equals_rebuild(store)


def _open_at_once(location: str, start: Any, outcomes: Any) -> None:
    start.wait()
    try:
        Tracker(location).close()
        outcomes.put("")
    except Exception as error:  # reported by the test, which must not hang waiting for it
        outcomes.put(f"{type(error).__name__}: {error}")


def test_processes_opening_a_new_sqlite_store_at_the_same_moment_all_succeed(tmp_path: Path) -> None:
    # A new file is switched to WAL mode by whoever opens it first; SQLite does not wait
    # for that switch, so without a retry about 4% of these openings said "database is locked".
    processes = multiprocessing.get_context("fork")
    failures = []
    for round_ in range(20):
        start, outcomes = processes.Barrier(5), processes.Queue()
        openers = [
            processes.Process(
                target=_open_at_once, args=(str(tmp_path / f"{round_}.sqlite"), start, outcomes)
            )
            for _ in range(5)
        ]
        for opener in openers:
            opener.start()
        failures += [message for message in (outcomes.get(timeout=120) for _ in openers) if message]
        for opener in openers:
            opener.join(timeout=120)
            assert opener.exitcode == 0
    assert failures == []
    with Tracker(str(tmp_path / "0.sqlite")) as tracker:
        assert tracker.claims() == []


def test_a_store_opened_twice_in_one_process_still_sees_other_processes_writes(tmp_path: Path) -> None:
    # POSIX locks belong to the process: closing any descriptor of the file drops those that
    # SQLite holds through another. Opening a second time must not do that, or the next
    # writer to close deletes the WAL under the first and this process reads a torn store.
    files, expected = corpus(tmp_path / "corpus")
    store = str(tmp_path / "store.sqlite")
    Tracker(store).close()
    with Tracker(store) as first:
        Tracker(store).close()
        writer = ingest(store, files[:3])
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        with Tracker(store) as again:
            recorded = sum(len(expected[source.id]) for source in again.sources())
            assert len(again.claims()) == recorded > 0
            assert first.app.recorder.max_notification_id() == again.app.recorder.max_notification_id()
            first.catch_up()
            assert len(first.claims()) == recorded
