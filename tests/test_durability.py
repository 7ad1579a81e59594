"""Nothing lost: concurrent writers and killed writers, on both backends.

Writers are real processes running `tracker ingest` on a generated corpus (one transaction
per file). Afterwards the events themselves are inspected: every recorded source holds
exactly its claims, each added once; and the read model equals one rebuilt from the events.
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

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


def corpus(folder: Path) -> tuple[list[Path], dict[str, set[str]]]:
    files = write_corpus(folder, CORPUS["claims"], CORPUS["summits"], CORPUS["seed"], CORPUS["per_file"])
    expected = claims_by_source(generate(CORPUS["claims"], CORPUS["summits"], CORPUS["seed"],
                                         CORPUS["per_file"]))
    return files, expected


def test_concurrent_writers_of_disjoint_and_overlapping_files_lose_and_double_nothing(
    new_store: NewStore, tmp_path: Path
) -> None:
    files, expected = corpus(tmp_path / "corpus")
    store = new_store()  # created by the writers themselves, all at once
    third = len(files) // 3
    shares = [files[:third], files[third:2 * third], files[2 * third:],  # disjoint
              files[third // 2:third + third // 2], files[::-1]]  # overlapping all the others
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
    files, expected = corpus(tmp_path / "corpus")
    store = new_store()
    Tracker(store).close()
    chance = random.Random(5)
    app = TrackerApplication(env=environment(store))
    recorded = []
    for low, high in ((0.05, 0.3), (0.35, 0.6), (0.65, 0.9)):
        # Kill when the store holds a random share of the corpus: mid-file, mid-transaction.
        target = int(chance.uniform(low, high) * CORPUS["claims"])
        writer = ingest(store, files)
        while (app.recorder.max_notification_id() or 0) < target and writer.poll() is None:
            time.sleep(0.005)
        time.sleep(chance.uniform(0, 0.05))
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
