"""Loading an ingest's scenario files ahead, in one worker process, while the main process
records the one before: parsing and checking YAML is about a third of an ingest's time.

The worker is forked when `Prefetch` is made, before the store is opened: it never holds
the store's connection, and it has already imported what loading needs. It only loads
files; everything is recorded by the main process, in order. What loading a file raises
(`InvalidInput`, with its problems) is raised again in the main process, as if it had loaded
the file itself. $TRACKER_INGEST_WORKERS=0 loads in the main process (as
does an ingest of one file).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from multiprocessing.connection import wait
from pathlib import Path
from types import TracebackType

from tracker.scenario.load import Scenario, load_scenario

AHEAD = 2
"""How many files are loaded, or being loaded, ahead of the one being recorded."""
WORKERS_VARIABLE = "TRACKER_INGEST_WORKERS"
_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"

Load = Callable[[], Scenario]


def _worker_started() -> None:
    """Leave Ctrl-C to the main process (which then stops the worker), and end when the main
    process ends, however it ends (killed, it cannot stop the worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    wait([sentinel])
    os._exit(1)


def _load(path: Path, root: str | None) -> Scenario:
    """In the worker: the file's scenario; what loading it raises is raised again in the main
    process, by the future's `result`."""
    return load_scenario(path, root=root)


class Prefetch:
    """The files in order, each with a function that returns its `Scenario` or raises what
    `load_scenario` raises. Close it (or leave its `with`) to stop the worker."""

    def __init__(self, files: Sequence[Path], root: str | None) -> None:
        self.files = files
        self.root = root
        self.executor: ProcessPoolExecutor | None = None
        self.pending: deque[Future[Scenario]] = deque()
        if len(files) > 1 and os.environ.get(WORKERS_VARIABLE, "").strip() != "0":
            self.executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context(_METHOD), initializer=_worker_started
            )
            for path in files[:AHEAD]:  # forks the worker now
                self.pending.append(self.executor.submit(_load, path, root))

    def __iter__(self) -> Iterator[tuple[Path, Load]]:
        if self.executor is None:
            for path in self.files:
                yield path, partial(load_scenario, path, root=self.root)
            return
        for index, path in enumerate(self.files):
            future = self.pending.popleft()
            if index + AHEAD < len(self.files):
                self.pending.append(self.executor.submit(_load, self.files[index + AHEAD], self.root))
            yield path, future.result

    def close(self) -> None:
        """Stop the worker: files not yet being loaded are not; waits for the one that is."""
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
            self.pending.clear()

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
