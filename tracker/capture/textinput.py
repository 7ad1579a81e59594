"""Reading the news text: a regular file, UTF-8, not empty, within the limit of a source text
(`tracker.scenario.limits`: 2 MiB by default, $TRACKER_MAX_SOURCE_BYTES), read with the same
functions as a scenario's source files, so that what drafts is what validates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tracker.scenario import files, limits
from tracker.scenario.problems import InputProblem, InvalidInput


@dataclass(frozen=True)
class NewsText:
    path: Path
    raw: bytes
    text: str


def refuse(
    path: str | Path, message: str, line: int | None = None, column: int | None = None
) -> InvalidInput:
    return InvalidInput([InputProblem(str(path), line, column, "", message)])


def read(path: str | Path) -> NewsText:
    """The text at `path`, or `InvalidInput` saying what is wrong with it."""
    where = Path(path)
    try:
        limit = limits.source_limit()
    except limits.BadLimit as error:
        raise refuse(where, str(error)) from None
    try:
        raw = files.read_bounded(where, limit, follow=True)
    except files.TooLarge:
        raise refuse(where, limits.too_large("the text", limit, limits.SOURCE_VARIABLE)) from None
    except files.Unreadable as problem:
        raise refuse(where, problem.message) from None
    try:
        text = files.decode(raw, "the text")
    except files.Unreadable as problem:
        raise refuse(where, problem.message, problem.line, problem.column) from None
    if not text.strip():
        raise refuse(where, "the text is empty: nothing to draft from (expected a news text, UTF-8)")
    return NewsText(where, raw, text)
