"""Settling many summits on two cores: a worker process folds every other batch.

A rebuild or a large catch-up leaves thousands of summits to settle (`BeliefView.settle`), each
folded in Python from its claims: the fold is about half of a rebuild. Summits are
independent, so a worker process, forked with its own connection to the store, computes the
histories of one batch while this process computes and writes the next. This process writes
the worker's rows too, in a transaction of its own under the view's lock, unless the view
took in events since it handed the batch over (another process caught up meanwhile): then it
folds that batch again itself, so what is written is always computed from the claims as they
stand when it is written.

Only where another connection can read the store while the view writes
(`BeliefView._reader_location`: an SQLite file in WAL mode). The worker only reads.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from collections.abc import Sequence
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.store.readmodel import BeliefView, Settled

_worker: tuple[BeliefView, sqlite3.Connection] | None = None
"""In a worker process: the view it was forked with, and its own connection to the store."""


def _start(view: BeliefView, location: str) -> None:
    global _worker
    _worker = (view, sqlite3.connect(location, uri=True, timeout=60))


def _history_rows(summit_ids: list[str]) -> Settled:
    """In the worker: the histories and tallies of these summits, as rows (`history_rows`)."""
    assert _worker is not None
    view, connection = _worker
    cursor = connection.cursor()
    try:
        return view.history_rows(cursor, summit_ids)
    finally:
        cursor.close()


def _write(view: BeliefView, batch: Sequence[str], tracked: int, result: AsyncResult[Settled]) -> int:
    """Write the worker's histories of `batch`, or this process's if the view took in events
    since `tracked`; how many summits were settled."""
    rows = result.get()
    with view._session(commit=True) as (c, _):
        view._lock(c)
        if view.tracked(c) != tracked:  # the claims may have changed since the worker read them
            rows = view.history_rows(c, batch)
        view.write_histories(c, batch, rows)
    return len(batch)


def settle_alongside(view: BeliefView, location: str, batches: Sequence[list[str]]) -> int:
    """Settle each batch of summits, this process and a worker taking turns (the worker a
    new batch whenever it is free); how many summits were settled."""
    settled = 0
    given: tuple[list[str], int, AsyncResult[Settled]] | None = None
    with multiprocessing.get_context("fork").Pool(1, initializer=_start, initargs=(view, location)) as pool:
        for batch in batches:
            if given is None:
                with view._session(commit=False) as (c, _):
                    tracked = view.tracked(c)
                given = (batch, tracked, pool.apply_async(_history_rows, (batch,)))
                continue
            with view._session(commit=True) as (c, _):
                view._lock(c)
                view.write_histories(c, batch, view.history_rows(c, batch))
            settled += len(batch)
            if given[2].ready():
                settled += _write(view, *given)
                given = None
        if given is not None:
            settled += _write(view, *given)
    return settled
