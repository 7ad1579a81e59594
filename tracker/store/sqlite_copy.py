"""Copying checked events into the view on SQLite in SQL: no Python per claim.

A rebuild or a large catch-up copies the events already checked (`tracker.store.changes`) a
stretch at a time. Added claims, nearly all of a corpus's events, are copied by one
`INSERT ... SELECT` whose columns SQLite's JSON functions extract from the stored events,
in C; their summits are joined and marked dirty by two more. The few other events (sources
registered, summits defined, corrections, retractions, withdrawals) are copied by the view's
own `_Copier` (`BeliefView._copy_checked`), in the order that gives the same tables as
copying every event in order: definitions first (an added claim needs its source's
publication), the added claims, then the rest in order (a correction or retraction closes
the version current before it, which is the latest one added or corrected before it: the
added claims are all in by then).

A stretch whose added claims were stored at another version of their class (they would need
upcasting) is not copied here: `copy_checked` returns None and the view reads it event by
event. `tests/test_sql_copy.py` checks that both ways give the same tables.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from itertools import groupby
from typing import Any

from eventsourcing.utils import get_topic

from tracker.store.changes import CLAIM_ADDED, SOURCE_REGISTERED, utc
from tracker.store.events import EVENT_CLASSES


def _current(name: str) -> tuple[str, str]:
    """An event class's topic, and how its events stored at its current version end (the
    mapper writes the version last, when above 1): an event that does not end so is left to
    the event-by-event path (all of a class still at version 1 would be)."""
    cls = next(cls for cls in EVENT_CLASSES.values() if cls.__qualname__ == name)
    return get_topic(cls), f',"class_version":{getattr(cls, "class_version", 1)}}}'


ADDED_TOPIC, ADDED_MARK = _current(CLAIM_ADDED)
REGISTERED_TOPIC, REGISTERED_MARK = _current(SOURCE_REGISTERED)

_claim = "json_extract(CAST(e.state AS TEXT), '$.claim.{}')".format
CLAIMS_SQL = f"""
INSERT INTO tracker_claims (id, source_id, visible_from, retracted, payload_at, recorded_from,
  recorded_to, kind, modality, attribution, speaker, speaks_for, moment, held_on, venue,
  time_window, period, summits)
SELECT {_claim("id")}, {_claim("source")}, s.visible_from, 0, e.rowid, e.rowid, NULL,
  {_claim("kind")}, COALESCE({_claim("modality")}, 'plain'), {_claim("attribution.kind")},
  {_claim("attribution.speaker")}, {_claim("attribution.speaks_for")},
  COALESCE(tracker_instant({_claim("stated_on")}), s.instant), {_claim("held_on")},
  {_claim("venue")}, {_claim("window")}, {_claim("period")},
  (SELECT group_concat(j.value, ' ') FROM json_each(CAST(e.state AS TEXT), '$.claim.summits') j)
FROM {{events}} e LEFT JOIN tracker_sources s ON s.id = {_claim("source")}
WHERE e.rowid BETWEEN ? AND ? AND e.topic = ?
ORDER BY e.rowid
"""
"""The added claims of a stretch as new versions: the columns `_Copier._add` computes."""
NEW_SUMMITS = (
    "FROM tracker_claims c, "
    """json_each('["' || replace(c.summits, ' ', '","') || '"]') j WHERE c.rowid > ? ON CONFLICT DO NOTHING"""
)
"""The summits of the claim versions inserted after a rowid (ids hold no space or quote)."""
_source = "json_extract(CAST(state AS TEXT), '$.source{}')".format
SOURCES_SQL = f"""
INSERT INTO tracker_sources (id, published, outlet, payload_at, visible_from, instant)
SELECT {_source(".id")}, {_source(".published")}, {_source(".outlet")}, rowid,
  tracker_latest({_source(".published")}), tracker_instant({_source(".published")})
FROM {{events}} WHERE rowid BETWEEN ? AND ? AND topic = ? ORDER BY rowid
"""
"""The sources registered in a stretch: the row `_Copier.copy` makes of each."""
CHECK_SQL = """
SELECT COUNT(*) FROM {events} WHERE rowid BETWEEN ? AND ? AND topic IN (?, ?)
AND CAST(substr(state, -length(CASE topic WHEN ? THEN ? ELSE ? END)) AS TEXT)
  IS NOT CASE topic WHEN ? THEN ? ELSE ? END
"""
"""How many added claims and registered sources of a stretch were stored at another version
of their class."""
OTHERS_SQL = (
    "SELECT rowid, topic, state FROM {events} WHERE rowid BETWEEN ? AND ? AND topic NOT IN (?, ?) "
    "ORDER BY rowid"
)
_TIMESTAMP = (
    """CASE WHEN substr(state, 1, 14) = CAST('{{"timestamp":"' AS BLOB) """
    "THEN CAST(substr(state, 15, instr(substr(state, 15, 64), CAST('\"' AS BLOB)) - 1) AS TEXT) "
    "ELSE json_extract(CAST(state AS TEXT), '$.timestamp') END"
)
"""An event's timestamp as stored: the mapper writes it first (`stored_state`), so it is read
from the start of the JSON without parsing the rest; else through `json_extract`."""
TIMES_SQL = f"SELECT rowid, {_TIMESTAMP} FROM {{events}} WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
"""Each event's position and timestamp as stored."""
RUNS_SQL = f"""
SELECT MIN(rowid), MAX(rowid), COUNT(*), ts FROM (
  SELECT rowid, {_TIMESTAMP} AS ts FROM {{events}} WHERE rowid BETWEEN ? AND ?
) GROUP BY ts ORDER BY MIN(rowid)
"""
"""The events of a stretch by timestamp: the first and last position of each, and how many.
When each timestamp's events are one run of positions, those runs are the recordings."""


def register(
    connection: sqlite3.Connection, instant: Callable[[str | None], str | None], latest: Callable[[str], str]
) -> None:
    """The functions the statements call: the time in UTC of a day as stored (None without a
    time), and the last day it may be."""
    connection.create_function("tracker_instant", 1, instant, deterministic=True)
    connection.create_function("tracker_latest", 1, latest, deterministic=True)


class Stretch:
    """Copies the checked events from one position to another (both included) into the view,
    in the caller's transaction; `copy` says whether it could."""

    def __init__(self, c: Any, events: str, start: int, end: int) -> None:
        self.c, self.events, self.start, self.end = c, events, start, end

    def _sql(self, template: str) -> str:
        return template.format(events=self.events)

    def copyable(self) -> bool:
        """Whether every added claim and registered source of the stretch is at its class's
        current version."""
        marks = (ADDED_TOPIC, ADDED_MARK, REGISTERED_MARK)
        self.c.execute(
            self._sql(CHECK_SQL), (self.start, self.end, ADDED_TOPIC, REGISTERED_TOPIC, *marks, *marks)
        )
        return bool(self.c.fetchone()[0] == 0)

    def others(self) -> list[tuple[int, str, bytes]]:
        """The stretch's events other than added claims and registered sources, in order."""
        self.c.execute(self._sql(OTHERS_SQL), (self.start, self.end, ADDED_TOPIC, REGISTERED_TOPIC))
        return [(position, topic, bytes(state)) for position, topic, state in self.c.fetchall()]

    def add_sources(self) -> int:
        """Insert the sources registered in the stretch; how many."""
        return int(self.c.execute(self._sql(SOURCES_SQL), (self.start, self.end, REGISTERED_TOPIC)).rowcount)

    def add_claims(self) -> int:
        """Insert the stretch's added claims and their summits, marked dirty; how many."""
        self.c.execute("SELECT COALESCE(MAX(rowid), 0) FROM tracker_claims")
        before = self.c.fetchone()[0]
        added = int(self.c.execute(self._sql(CLAIMS_SQL), (self.start, self.end, ADDED_TOPIC)).rowcount)
        self.c.execute(f"INSERT INTO tracker_claim_summits SELECT j.value, c.id {NEW_SUMMITS}", (before,))
        self.c.execute(f"INSERT INTO tracker_dirty SELECT DISTINCT j.value {NEW_SUMMITS}", (before,))
        return added

    def recordings(self) -> list[tuple[int, str]]:
        """The last position of each recording in the stretch (a run of events with one
        timestamp), and its time in UTC: what `BeliefView._apply` keeps. Grouped in SQL when
        each timestamp's events are one run of positions (as when no two recordings share a
        time), so that only the runs reach Python; else every event's timestamp is read, in
        order."""
        self.c.execute(self._sql(RUNS_SQL), (self.start, self.end))
        runs = self.c.fetchall()
        if all(last - first + 1 == count for first, last, count, _ in runs):  # nothing between
            return _ends((last, at) for _, last, _, at in runs)
        self.c.execute(self._sql(TIMES_SQL), (self.start, self.end))
        return _ends(self.c)


def _ends(events: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """The last position of each run of events (position, timestamp as stored) whose times
    are one instant in UTC, and that instant."""
    ends = []
    for at, run in groupby(events, key=lambda row: utc(row[1])):
        *_, (position, _) = run
        ends.append((position, at))
    return ends
