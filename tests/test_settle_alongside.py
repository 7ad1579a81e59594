"""Settling with a worker process folding every other batch of summits gives the same view as
settling in one process (`tracker.store.alongside`), on SQLite in WAL mode."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from tests.test_sql_copy import tables
from tracker.generate.corpus import generate
from tracker.service import Tracker
from tracker.store import alongside
from tracker.store.readmodel import SETTLE_BATCH, BeliefView


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store whose summits take several batches to settle."""
    store = tmp_path_factory.mktemp("alongside") / "store.sqlite"
    with Tracker(str(store)) as tracker:
        for chunk in generate(claims=6000, summits=5 * SETTLE_BATCH, seed=7, per_chunk=1000):
            tracker.record(chunk, defer=True)
        tracker.catch_up()
        summits = len(tracker.summits())
    assert summits > 2 * SETTLE_BATCH  # three batches at least: the worker folds one, then another
    return store


def rebuilt(store: Path, monkeypatch: pytest.MonkeyPatch, *, alongside_from: int) -> dict[str, Any]:
    monkeypatch.setattr(BeliefView, "settles_alongside_from", alongside_from)
    with Tracker(str(store)) as tracker:
        tracker.rebuild()
    return tables(store)


def test_a_rebuild_settled_alongside_a_worker_equals_one_settled_alone(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: list[list[str]] = []
    original = alongside._write

    def counting(view: BeliefView, batch: list[str], *rest: Any) -> int:
        given.append(batch)
        return original(view, batch, *rest)

    monkeypatch.setattr(alongside, "_write", counting)
    alone = rebuilt(corpus, monkeypatch, alongside_from=1 << 62)
    assert not given
    together = rebuilt(corpus, monkeypatch, alongside_from=0)
    assert given, "the worker folded some batches"
    assert together == alone
    assert alone["tracker_beliefs"] and not alone["tracker_dirty"]


def test_a_batch_the_worker_folded_is_folded_again_if_the_view_took_in_events_meanwhile(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process catching up while the worker folds could change the claims it read: the
    worker's rows are then not written; this process folds the batch again."""
    alone = rebuilt(corpus, monkeypatch, alongside_from=1 << 62)
    moving = itertools.count(10**9)
    monkeypatch.setattr(BeliefView, "tracked", lambda self, c: next(moving))  # never the same twice
    again: list[list[str]] = []
    original = BeliefView.history_rows

    def computing(self: BeliefView, c: Any, summit_ids: list[str]) -> Any:
        again.append(list(summit_ids))
        return original(self, c, summit_ids)

    monkeypatch.setattr(BeliefView, "history_rows", computing)
    together = rebuilt(corpus, monkeypatch, alongside_from=0)
    assert together == alone
    # Every batch was folded in this process: its own, and the worker's again.
    assert {summit for batch in again for summit in batch} >= {row[0] for row in alone["tracker_summits"]}
