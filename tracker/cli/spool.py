"""The rows of a table, kept from when they are measured until they are drawn.

A table is laid out from all its rows (every column's width) before its first row is drawn, so
its rows must be kept meanwhile; a million claims' rows took over 700 MB. A spool keeps the
last few thousand in memory, as tuples of their fields, and writes the rest, a few thousand at a
time, to an anonymous temporary file (`marshal`, the fastest of the standard library's formats
for tuples of strings), gone when the spool is closed or the process ends.
"""

from __future__ import annotations

import marshal
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from types import TracebackType
from typing import IO

KEPT = 5000
"""Rows held in memory before they are written to the file, together."""


class Spool:
    """Rows (mappings of `keys` to text) added, then read back once, in the order added."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        self.held: list[tuple[str, ...]] = []
        self.file: IO[bytes] | None = None

    def add(self, row: Mapping[str, str]) -> None:
        self.held.append(tuple([row[key] for key in self.keys]))
        if len(self.held) >= KEPT:
            if self.file is None:
                self.file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
            marshal.dump(self.held, self.file)
            self.held = []

    def __iter__(self) -> Iterator[dict[str, str]]:
        keys = self.keys
        if self.file is not None:
            self.file.seek(0)
            while True:
                try:
                    written = marshal.load(self.file)
                except EOFError:
                    break
                for values in written:
                    yield dict(zip(keys, values, strict=True))
        for values in self.held:
            yield dict(zip(keys, values, strict=True))

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.held = []

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
