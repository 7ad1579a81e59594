"""A state machine that records claims, retracts and corrects them, day after day, through
the real store and read model, and keeps the plain truth of what it recorded.

Each run records into a fresh store of the backend under test: a test runs the machine as
`run_state_machine_as_test(Machine.on(new_store))`.
"""

from __future__ import annotations

import datetime as dt
import types
from pathlib import Path
from typing import Self, cast

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from tests.properties.reference import Said
from tests.stores import NewStore
from tracker.domain.models import Claim, Correction, Source, Summit
from tracker.scenario.load import Scenario
from tracker.service import Tracker
from tracker.store.application import start_of
from tracker.testing import FIRST_DAY, claims, sources, summits

SPANS = (6, 30, 90)
"""How many days after FIRST_DAY the machine's publications, windows and held days may lie."""


class Recording(RuleBasedStateMachine):
    make_store: NewStore
    """Makes the fresh store of each run; given by `on`."""

    @classmethod
    def on(cls, make_store: NewStore) -> type[Self]:
        """This machine, recording each run into a new store made by `make_store`."""
        namespace = {
            "make_store": staticmethod(make_store),
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
        }
        machine = types.new_class(cls.__name__, (cls,), exec_body=lambda ns: ns.update(namespace))
        return cast(type[Self], machine)

    def __init__(self) -> None:
        super().__init__()
        self.tracker = Tracker(self.make_store())
        self.clock = FIRST_DAY  # the simulated day of the next recording
        self.last = FIRST_DAY
        self.summits: tuple[Summit, ...] = ()
        self.sources: dict[str, Source] = {}
        self.original: dict[str, Claim] = {}
        self.current: dict[str, Claim] = {}  # as corrected; retracted claims are left out
        self.known: list[tuple[dt.date, dict[str, Claim]]] = []  # after each recording
        self.made = 0
        self.looks: list[dt.date] = []  # days to look at the state of, drawn with the summits

    def teardown(self) -> None:
        self.tracker.close()

    @property
    def days(self) -> list[dt.date]:
        """Every day on which anything can change, with a day before and after them all."""
        count = (self.last - FIRST_DAY).days + 3
        return [FIRST_DAY + dt.timedelta(days=n - 1) for n in range(count)]

    def said(self, claims: dict[str, Claim]) -> list[Said]:
        return [Said(c, self.sources[c.source].published) for c in claims.values()]

    def said_as_recorded(self, at: dt.date) -> list[Said]:
        """The claims as the store knew them at the end of day `at`."""
        known = [claims for day, claims in self.known if day <= at]
        return self.said(known[-1]) if known else []

    def _next(self, prefix: str) -> str:
        self.made += 1
        return f"{prefix}{self.made}"

    def _record(self, source: Source, claim: Claim, fix: Correction | None = None) -> None:
        scenario = Scenario(
            Path("machine.yaml"), None, (source,), self.summits, (claim,), (fix,) if fix else (), ()
        )
        self.tracker.record(scenario, start_of(self.clock))
        self.known.append((self.clock, dict(self.current)))

    @initialize(data=st.data())
    def define_summits(self, data: st.DataObject) -> None:
        self.last = FIRST_DAY + dt.timedelta(days=data.draw(st.sampled_from(SPANS), label="span"))
        count = data.draw(st.integers(1, 2), label="summits")
        self.summits = tuple(
            data.draw(summits(st.just(f"s{n}"), last=self.last), label=f"s{n}") for n in range(1, count + 1)
        )
        self.tracker.record(
            Scenario(Path("machine.yaml"), None, (), self.summits, (), (), ()), start_of(self.clock)
        )
        self.known.append((self.clock, {}))
        self.looks = data.draw(st.lists(st.sampled_from(self.days), min_size=1, max_size=3), label="look at")

    @rule(data=st.data())
    def record_claim(self, data: st.DataObject) -> None:
        fresh = data.draw(sources(st.just(f"src{len(self.sources) + 1}"), last=self.last), label="new source")
        source = data.draw(st.sampled_from([fresh, *self.sources.values()]), label="source")
        claim = data.draw(
            claims([source], [s.id for s in self.summits], ids=st.just(self._next("c")), last=self.last),
            label="claim",
        )
        self.sources[source.id] = source
        self.original[claim.id] = self.current[claim.id] = claim
        self._record(source, claim)

    @precondition(lambda self: bool(self.original))
    @rule(data=st.data())
    def repeat_claim(self, data: st.DataObject) -> None:
        """Another source says what an earlier claim said: equally strong claims tie."""
        like = self.original[data.draw(st.sampled_from(sorted(self.original)), label="like")]
        fresh = data.draw(sources(st.just(f"src{len(self.sources) + 1}"), last=self.last), label="new source")
        source = data.draw(st.sampled_from([fresh, *self.sources.values()]), label="source")
        ident = st.just(self._next("c"))
        claim = data.draw(claims([source], like.summits, ids=ident, like=like, last=self.last), label="claim")
        self.sources[source.id] = source
        self.original[claim.id] = self.current[claim.id] = claim
        self._record(source, claim)

    @precondition(lambda self: bool(self.current))
    @rule(data=st.data())
    def retract_claim(self, data: st.DataObject) -> None:
        claim = self.original[data.draw(st.sampled_from(sorted(self.current)), label="retract")]
        del self.current[claim.id]
        fix = Correction(id=self._next("fix"), claim_id=claim.id, reason="misread")
        self._record(self.sources[claim.source], claim, fix)

    @precondition(lambda self: bool(self.current))
    @rule(data=st.data())
    def correct_claim(self, data: st.DataObject) -> None:
        """Correct a claim in force (a retraction is final: README, "Limits and safety")."""
        claim = self.original[data.draw(st.sampled_from(sorted(self.current)), label="correct")]
        source = self.sources[claim.source]
        corrected = data.draw(
            claims([source], [s.id for s in self.summits], ids=st.just(claim.id), last=self.last),
            label="corrected",
        )
        self.current[claim.id] = corrected
        fix = Correction(id=self._next("fix"), claim_id=claim.id, reason="misread", corrected=corrected)
        self._record(source, claim, fix)

    @rule(days=st.integers(0, 3))
    def wait(self, days: int) -> None:
        self.clock += dt.timedelta(days=days)
