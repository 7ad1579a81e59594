"""The size limits of what loading reads, and how a user raises them (environment variables)."""

from __future__ import annotations

import os

MiB = 2**20
MAX_SCENARIO_BYTES = 8 * MiB
"""Default largest scenario file; raise it with $TRACKER_MAX_SCENARIO_BYTES."""
MAX_SOURCE_BYTES = 2 * MiB
"""Default largest source text (a `file:` or an inline `text:`); raise with $TRACKER_MAX_SOURCE_BYTES."""
SCENARIO_VARIABLE = "TRACKER_MAX_SCENARIO_BYTES"
SOURCE_VARIABLE = "TRACKER_MAX_SOURCE_BYTES"
MAX_DEPTH = 64
"""Deepest nesting of YAML lists and mappings; scenarios need five or six levels."""


class BadLimit(ValueError):
    """An environment variable meant to set a limit that does not hold a positive integer."""


def _limit(variable: str, default: int) -> int:
    text = os.environ.get(variable, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) <= 0:
        raise BadLimit(f"${variable} must be a positive integer (a number of bytes), not {text!r}")
    return int(text)


def scenario_limit() -> int:
    return _limit(SCENARIO_VARIABLE, MAX_SCENARIO_BYTES)


def source_limit() -> int:
    return _limit(SOURCE_VARIABLE, MAX_SOURCE_BYTES)


def too_large(what: str, limit: int, variable: str) -> str:
    """The message for a file or text over `limit` bytes."""
    return f"{what} is larger than the limit of {limit} bytes; raise it with ${variable}=BYTES"
