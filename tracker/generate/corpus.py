"""The generator of a corpus: the summit table, then sources and their claims, chunk by chunk."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tracker.domain.commands import publication_order
from tracker.domain.dates import DateSpan
from tracker.domain.models import Claim, Correction, Source
from tracker.domain.vocabulary import ClaimKind
from tracker.generate.claims import Claims
from tracker.generate.plan import FIRST, Plan, join, make_plan, phase, publication_day
from tracker.generate.tables import pick_ranked, zipf
from tracker.generate.weights import (
    CANCELLED,
    CLAIMS_PER_SOURCE,
    HELD,
    KINDS_BY_PHASE,
    OUTLET_WEIGHTS,
    SOURCE_KINDS,
)
from tracker.generate.words import BACKGROUND, EXACT_REASONS, HEADLINES, OUTLETS, RANGE_REASONS, SOURCE_NOTES
from tracker.scenario.load import Scenario


@dataclass(frozen=True)
class Chunk:
    """One generated chunk: the scenario, and the text of each of its sources by id."""

    scenario: Scenario
    texts: dict[str, str]


class Generator:
    """The state of one corpus: the summit table, the id counters and the random stream."""

    def __init__(self, claims: int, summits: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.source_width = max(6, len(str(claims)))
        width = max(5, len(str(summits)))
        self.plans = [make_plan(self.rng, n, f"s{n + 1:0{width}d}") for n in range(summits)]
        # Popularity: the summit of rank r is chosen with weight 1/r^1.1, ranks shuffled.
        self.by_rank = list(range(summits))
        self.rng.shuffle(self.by_rank)
        self.popularity = zipf(summits, 1.1)
        self.claims = Claims(self.rng, claims)
        self.sources = 0

    def _summit(self) -> Plan:
        return self.plans[self.by_rank[pick_ranked(self.rng, self.popularity)]]

    def _related(self, day: int, main: Plan) -> Plan:
        """Another summit a source mentions: one in the news around `day`, else its own."""
        plan = self._summit()
        if plan.historic:
            return plan
        return main if plan.start - day > 365 or day - plan.end > 3 * 365 else plan

    def chunk(self, index: int, size: int) -> Chunk:
        """The next chunk, of exactly `size` claims, in whole sources."""
        sources: list[Source] = []
        texts: dict[str, str] = {}
        claims: list[Claim] = []
        fixes: list[Correction] = []
        used: set[int] = set()
        while len(claims) < size:
            self._source(size - len(claims), sources, texts, claims, fixes, used)
        sources.sort(key=publication_order)
        summits = tuple(self.plans[n].summit for n in sorted(used))
        scenario = Scenario(
            path=Path(f"<generated-{index:05d}>"),
            title=f"Synthetic corpus, seed {self.seed}, part {index}",
            sources=tuple(sources),
            summits=summits,
            claims=tuple(claims),
            corrections=tuple(fixes),
            expectations=(),
            recorded_on={},
            lines={},
        )
        return Chunk(scenario, texts)

    def _source(
        self,
        room: int,
        sources: list[Source],
        texts: dict[str, str],
        claims: list[Claim],
        fixes: list[Correction],
        used: set[int],
    ) -> None:
        rng = self.rng
        self.sources += 1
        source_id = f"src{self.sources:0{self.source_width}d}"
        main = self._summit()
        for _ in range(10):  # past meetings are mentioned, not reported on
            if not main.historic:
                break
            main = self._summit()
        latest = publication_day(rng, main)
        earliest = latest
        dated_by = None
        if rng.random() < 0.05 and latest - 2 >= FIRST:
            earliest = max(FIRST, latest - rng.randint(2, 30))
            dated_by = rng.choice(RANGE_REASONS)
            published = DateSpan(earliest=dt.date.fromordinal(earliest), latest=dt.date.fromordinal(latest))
        else:
            published = self.claims.day(latest)
            if rng.random() < 0.2:
                dated_by = rng.choice(EXACT_REASONS)
        outlet = OUTLETS[pick_ranked(rng, OUTLET_WEIGHTS)]
        sentences: list[str] = []
        first_kind: ClaimKind | None = None
        for _ in range(min(CLAIMS_PER_SOURCE.draw(rng), room)):
            plan = main if rng.random() < 0.75 else self._related(earliest, main)
            kind = KINDS_BY_PHASE[phase(plan, earliest)].draw(rng)
            other = None
            if rng.random() < 0.08 and kind is not HELD and kind is not CANCELLED:
                other = self._related(earliest, plan)
                if other is plan:
                    other = None
            claim, sentence = self.claims.claim(source_id, outlet, earliest, plan, other, kind)
            claims.append(claim)
            sentences.append(sentence)
            used.add(plan.index)
            if other is not None:
                used.add(other.index)
            if first_kind is None:
                first_kind = kind
            fix = self.claims.fix(claim)
            if fix is not None:
                fixes.append(fix)
        if rng.random() < 0.35:
            sentences.insert(rng.randint(0, len(sentences)), self._background(main, latest))
        text = " ".join(sentences)
        texts[source_id] = text
        title = None
        if first_kind is not None and rng.random() < 0.8:
            leader = main.leaders[0]
            title = HEADLINES[first_kind].format(
                dash=main.dash,
                a=leader.short,
                b=join([x.short for x in main.leaders[1:]]),
                venue_in=f" in {main.summit.venue}" if main.summit.venue else "",
            )
            title = title[0].upper() + title[1:]
        sources.append(
            Source(
                id=source_id,
                outlet=outlet,
                kind=SOURCE_KINDS.draw(rng),
                title=title,
                published=published,
                dated_by=dated_by,
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                note=rng.choice(SOURCE_NOTES) if rng.random() < 0.01 else None,
            )
        )

    def _background(self, plan: Plan, day: int) -> str:
        rng = self.rng
        template = rng.choice(BACKGROUND)
        if plan.summit.occasion is None and "{occasion}" in template:
            template = BACKGROUND[0]
        return template.format(
            ca=plan.leaders[0].country,
            cb=plan.leaders[1].country,
            year=dt.date.fromordinal(day).year - rng.randint(1, 6),
            capital=rng.choice(plan.leaders).capital,
            occasion=plan.summit.occasion,
        )


def check_sizes(claims: int, summits: int, per_chunk: int) -> None:
    """A ValueError unless the sizes asked for make a corpus."""
    if claims < 0:
        raise ValueError(f"claims must be 0 or more, not {claims}")
    if summits < 1:
        raise ValueError(f"summits must be 1 or more, not {summits}")
    if per_chunk < 1:
        raise ValueError(f"per_chunk must be 1 or more, not {per_chunk}")


def generate_chunks(claims: int, summits: int, seed: int, per_chunk: int = 1000) -> Iterator[Chunk]:
    """Like `generate`, with the text of every source (`Chunk.texts`)."""
    check_sizes(claims, summits, per_chunk)
    return _chunks(claims, summits, seed, per_chunk)


def _chunks(claims: int, summits: int, seed: int, per_chunk: int) -> Iterator[Chunk]:
    generator = Generator(claims, summits, seed)
    done = 0
    index = 0
    while done < claims:
        index += 1
        size = min(per_chunk, claims - done)
        yield generator.chunk(index, size)
        done += size


def generate(claims: int, summits: int, seed: int, per_chunk: int = 1000) -> Iterator[Scenario]:
    """A synthetic corpus of exactly `claims` claims about at most `summits` summits, as
    self-contained scenarios of `per_chunk` claims (the last one fewer), in whole sources.

    Each chunk defines every summit its claims refer to (always the same `Summit` object),
    its sources and claims, and corrections of its own claims only. Deterministic: the same
    arguments give the same chunks. Streams: only the summit table is kept in memory.
    """
    return (chunk.scenario for chunk in generate_chunks(claims, summits, seed, per_chunk))
