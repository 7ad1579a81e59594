"""Pausing Python's cyclic garbage collector around bulk work that makes many objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def acyclic() -> Iterator[None]:
    """Pause the cyclic garbage collector while making many objects that hold no cycles.

    Making ten thousand beliefs, or the events of a thousand claims, at once would set it off
    again and again, each time walking every object the process holds (the more it holds,
    the longer), for nothing: models, tuples, dates and strings form no cycles. It resumes
    (if it was running) when the block ends, and collects then what cycles the block left.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
