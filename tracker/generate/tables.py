"""Weighted random choices: tables drawn with one `random()` and a bisection, Zipf ranks."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Table(Generic[T]):
    """Weighted choices, drawn with one `random()` and a bisection."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = tuple(item for item, _ in pairs)
        self.cumulative = tuple(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights of ranks 1..count."""
    return list(accumulate(rank**-exponent for rank in range(1, count + 1)))


def pick_ranked(rng: random.Random, cumulative: list[float]) -> int:
    """A rank (from 0) drawn with the cumulative weights of `zipf`."""
    return bisect(cumulative, rng.random() * cumulative[-1])
