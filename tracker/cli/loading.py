"""Loading an ingest's scenario files ahead, in worker processes, while the main process
records the one before: parsing and checking YAML costs more than recording what it holds.

The workers (one per core; $TRACKER_INGEST_WORKERS=N for N) are forked when `Prefetch` is
made, before the store is opened: they never hold the store's connection, and they have
already imported what loading needs. They only load files; everything is recorded by the
main process, in order. What loading a file raises (`InvalidInput`, with its problems) is
raised again in the main process, as if it had loaded the file itself.
$TRACKER_INGEST_WORKERS=0 loads in the main process (as does an ingest of one file).
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
"""How many files per worker are loaded, or being loaded, ahead of the one being recorded."""
WORKERS_VARIABLE = "TRACKER_INGEST_WORKERS"
_METHOD = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"

Load = Callable[[], Scenario]


def workers() -> int:
    """How many worker processes load files: $TRACKER_INGEST_WORKERS if set (0: none, the
    main process loads each file), else one per core. ValueError if it is not a count."""
    value = os.environ.get(WORKERS_VARIABLE, "").strip()
    if not value:
        return max(1, os.cpu_count() or 1)
    if not value.isdigit() or int(value) > 64:
        raise ValueError(f"${WORKERS_VARIABLE} is {value!r}: expected a whole number from 0 to 64")
    return int(value)


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

    def __init__(self, files: Sequence[Path], root: str | None, workers: int = 1) -> None:
        self.files = files
        self.root = root
        self.ahead = AHEAD * workers
        self.executor: ProcessPoolExecutor | None = None
        self.pending: deque[Future[Scenario]] = deque()
        if len(files) > 1 and workers > 0:
            self.executor = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context(_METHOD),
                initializer=_worker_started,
            )
            for path in files[: self.ahead]:  # forks the workers now
                self.pending.append(self.executor.submit(_load, path, root))

    def __iter__(self) -> Iterator[tuple[Path, Load]]:
        if self.executor is None:
            for path in self.files:
                yield path, partial(load_scenario, path, root=self.root)
            return
        for index, path in enumerate(self.files):
            future = self.pending.popleft()
            if index + self.ahead < len(self.files):
                self.pending.append(self.executor.submit(_load, self.files[index + self.ahead], self.root))
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
