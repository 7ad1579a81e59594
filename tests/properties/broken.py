"""Seeded bugs: deliberately broken variants of the projection, the store and the loader.

Each function breaks one thing through `monkeypatch` (undone after the test), so that a
test can show that a property catches it. None of this lives in `tracker/`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from eventsourcing.persistence import Transcoder

import tracker.domain.belief as belief
import tracker.domain.dates as dates
import tracker.domain.tallies as tallies
import tracker.domain.text as text
import tracker.scenario.load as load
import tracker.service as service
from tracker.domain.dates import TimeWindow
from tracker.domain.models import PublishedClaim
from tracker.domain.tallies import Counts
from tracker.store import readmodel
from tracker.store.application import TrackerApplication
from tracker.store.changes import SUMMIT_DEFINED
from tracker.store.events import SourceRecord
from tracker.store.mapper import JSONTranscoder
from tracker.store.postgres_view import PostgresBeliefView
from tracker.store.readmodel import BeliefView, ClaimRecord
from tracker.store.sqlite_view import SQLiteBeliefView


def ties_go_to_the_last_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims reach the projection in recording order, and the last of equally strong ones wins."""
    claims, facts = BeliefView._claims, BeliefView._facts

    def recording_order(c: Any) -> dict[str, int]:
        c.execute("SELECT id FROM tracker_claims ORDER BY recorded_from")  # one row per event
        return {row[0]: n for n, row in enumerate(c.fetchall())}

    # Still in day order, as the fold requires; within a day, in recording order.
    def in_recording_order(self: BeliefView, c: Any, **kwargs: Any) -> Iterator[ClaimRecord]:
        found = list(claims(self, c, **kwargs))
        order = recording_order(c)
        return iter(sorted(found, key=lambda r: (r.published.latest, order[r.claim.id])))

    def facts_in_recording_order(self: BeliefView, c: Any, summits: Any, **kwargs: Any) -> Iterator[Any]:
        found = list(facts(self, c, summits, **kwargs))
        order = recording_order(c)
        return iter(sorted(found, key=lambda pair: (pair[0], pair[1].visible_from, order[pair[1].id])))

    def last_wins(self: Any) -> Any:
        if not self.group:
            return [], [], None, None
        strongest = max(key for _, key in self.group)
        item = [item for item, key in self.group if key == strongest][-1]
        return [item], [], strongest, item

    monkeypatch.setattr(BeliefView, "_claims", in_recording_order)
    monkeypatch.setattr(BeliefView, "_facts", facts_in_recording_order)
    monkeypatch.setattr(belief._Leader, "_rank", last_wins)


def looks_one_day_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim counts from the day before its source's publication."""
    monkeypatch.setattr(
        PublishedClaim, "visible_from", property(lambda self: self.published.latest - dt.timedelta(days=1))
    )
    day = readmodel._day  # the read model's facts: their day column, as read
    monkeypatch.setattr(readmodel, "_day", lambda text: day(text) - dt.timedelta(days=1))


def rumor_overrides_official(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every attribution weighs the same, so a later rumor undoes an official confirmation."""
    monkeypatch.setattr(belief, "STANDING", dict.fromkeys(belief.STANDING, belief.PARTY))


def ignores_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing ever lapses."""
    monkeypatch.setattr(belief, "LAPSABLE", frozenset())


def postponed_lapses(monkeypatch: pytest.MonkeyPatch) -> None:
    """A postponed summit lapses when its window passes, as if it still had a date (R8)."""
    monkeypatch.setattr(belief, "LAPSABLE", belief.LAPSABLE | {belief.Status.POSTPONED})


def bounded_denials_never_expire(monkeypatch: pytest.MonkeyPatch) -> None:
    """A denial of a period keeps deciding after the period's end (R12)."""
    monkeypatch.setattr(belief, "still_denies", lambda item, day: True)


def contests_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Status precedence settles a same-day tie between contradicting claims silently (R13)."""
    monkeypatch.setattr(belief._Leader, "contesting", lambda self, status: ())


def speculation_is_certain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every venue and window is firm, however it was disclosed (R9)."""
    monkeypatch.setattr(belief, "speculative", lambda item: False)


def hedges_undo_refusals(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later hedge or condition overturns a plain refusal or an agreement of the same
    standing (R14, R15)."""
    monkeypatch.setattr(belief, "set_aside", lambda *args: (False, set()))


def sides_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every official on the record weighs as a party's, whomever they speak for (R2)."""
    monkeypatch.setattr(belief, "standing", lambda item, summit: belief.STANDING[item.attribution])


def parties_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    """No word is known to be a party's: one party's hedge undoes the other's plain refusal
    (R14), and an agreement of all parties is no stronger than one side's word (R15)."""
    monkeypatch.setattr(belief, "side", lambda item, summit: None)


def times_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims of one day are never ordered by their times (R6)."""
    monkeypatch.setattr(PublishedClaim, "moment", property(lambda self: None))


def untimed_is_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim without a time is taken as said at the start of its day, so a timed claim of the
    same day always comes after it, where the order is unknown (R13)."""
    moment = PublishedClaim.moment

    def at_midnight(self: PublishedClaim) -> dt.datetime:
        found: dt.datetime | None = moment.fget(self)  # type: ignore[attr-defined]
        return found or dt.datetime.combine(self.visible_from, dt.time(), dt.UTC)

    monkeypatch.setattr(PublishedClaim, "moment", property(at_midnight))


def agreement_no_stronger(monkeypatch: pytest.MonkeyPatch) -> None:
    """A confirmation by every party gives way to a later hedge, as one side's does (R15)."""
    monkeypatch.setattr(belief._Knowledge, "agreed", lambda self: False)


def lapses_on_the_last_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window counts as passed on its own last day."""
    monkeypatch.setattr(TimeWindow, "has_passed", lambda self, day: self.end is not None and day >= self.end)


def ignores_retractions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The read model keeps projecting retracted claims."""
    claims, facts = BeliefView._claims, BeliefView._facts

    def with_retracted(self: BeliefView, c: Any, **kwargs: Any) -> Iterator[ClaimRecord]:
        return claims(self, c, **{**kwargs, "include_retracted": True})

    def facts_with_retracted(self: BeliefView, c: Any, summits: Any, **kwargs: Any) -> Iterator[Any]:
        return facts(self, c, summits, **{**kwargs, "include_retracted": True})

    monkeypatch.setattr(BeliefView, "_claims", with_retracted)
    monkeypatch.setattr(BeliefView, "_facts", facts_with_retracted)


def as_recorded_sees_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "As recorded at T" answers with everything recorded so far."""
    monkeypatch.setattr(BeliefView, "position_at", lambda self, moment: 2**62)


def explains_with_the_claims_of_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "As recorded at T" takes the belief as recorded at T but the claims explaining it as
    recorded now (the tracker did so until claims were versioned in the read model)."""
    said = service.Tracker._said

    def today(self: service.Tracker, day: dt.date, summit_ids: Any, position: int | None) -> Any:
        return said(self, day, summit_ids, None)

    monkeypatch.setattr(service.Tracker, "_said", today)


class ForgetfulView(BeliefView):
    """Knows only the summits defined since it started: a cache not rebuilt after a restart."""

    def apply(
        self, app_name: str, changes: Any, upto: int | None = None, checked_from: int | None = None
    ) -> None:
        for change in changes:
            if change.name == SUMMIT_DEFINED:
                self.__dict__.setdefault("defined", set()).add(change.state["summit"]["id"])
        super().apply(app_name, changes, upto, checked_from)

    def history_rows(self, c: Any, summit_ids: Any) -> Any:
        defined = self.__dict__.get("defined", set())
        return super().history_rows(c, [summit_id for summit_id in summit_ids if summit_id in defined])


class ForgetfulSQLiteView(ForgetfulView, SQLiteBeliefView):
    pass


class ForgetfulPostgresView(ForgetfulView, PostgresBeliefView):
    pass


def forgets_summits_on_restart(monkeypatch: pytest.MonkeyPatch) -> None:
    def view_class(*, postgres: bool) -> type[BeliefView]:
        return ForgetfulPostgresView if postgres else ForgetfulSQLiteView

    monkeypatch.setattr(service, "view_class", view_class)


def reapplies_corrections(monkeypatch: pytest.MonkeyPatch) -> None:
    """A source's record forgets which corrections it has applied, so they apply again."""

    def correct(self: Any, aggregate: Any) -> None:
        aggregate.claims[self.claim.id] = self.claim

    def retract(self: Any, aggregate: Any) -> None:
        aggregate.claims.pop(self.claim_id, None)

    monkeypatch.setattr(SourceRecord.ClaimCorrected, "apply", correct)
    monkeypatch.setattr(SourceRecord.ClaimRetracted, "apply", retract)


class Latin1Transcoder(JSONTranscoder):
    """Writes events in Latin-1: what it cannot encode becomes '?'."""

    def encode(self, obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False).encode("latin-1", "replace")

    def decode(self, data: bytes) -> Any:
        return json.loads(data.decode("latin-1"))


def stores_latin1(monkeypatch: pytest.MonkeyPatch) -> None:
    def transcoder(self: TrackerApplication) -> Transcoder:
        return Latin1Transcoder()

    monkeypatch.setattr(TrackerApplication, "construct_transcoder", transcoder)


def loses_correction_recording_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader reads `recorded_on` of sources but forgets it on corrections."""
    resolve = load._resolve

    def forgetful(checker: Any, entries: Any) -> load.Scenario:
        scenario = resolve(checker, entries)
        sources = {s.id for s in scenario.sources}
        return replace(scenario, recorded_on={k: v for k, v in scenario.recorded_on.items() if k in sources})

    monkeypatch.setattr(load, "_resolve", forgetful)


def accepts_any_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader takes every calendar day, the read model's own first day included."""
    monkeypatch.setattr(dates, "EARLIEST_DAY", dt.date.min)
    monkeypatch.setattr(dates, "LATEST_DAY", dt.date.max)


def accepts_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text fields take any character, NUL (which PostgreSQL text cannot hold) included."""
    monkeypatch.setattr(text, "FORBIDDEN", re.compile("(?!)"))


def counts_the_deciding_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts kept count the claims that decided the state as supporting it."""

    def counted(belief: Any, visible: Any, status_of: Any) -> Counts:
        right = real(belief, visible, status_of)
        return right._replace(supporting=right.supporting + len(belief.decided_by))

    real = tallies.counted
    monkeypatch.setattr(tallies, "counted", counted)


def counts_only_on_claim_days(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counts kept change only on days claims become visible, not when the state changes
    with no new claim (a window that ends, a meeting held)."""

    def on_claim_days(history: Any, said: Any) -> Any:
        said = list(said)
        days = {item.visible_from for item in said}
        return [row for row in real(history, said) if row[0] in days]

    real = readmodel.tallies
    monkeypatch.setattr(readmodel, "tallies", on_claim_days)
