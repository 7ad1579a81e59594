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
from collections.abc import Callable
from itertools import groupby
from typing import Any

from eventsourcing.utils import get_topic

from tracker.store.changes import CLAIM_ADDED, utc
from tracker.store.events import EVENT_CLASSES

ADDED = next(cls for cls in EVENT_CLASSES.values() if cls.__qualname__ == CLAIM_ADDED)
ADDED_TOPIC = get_topic(ADDED)
ADDED_VERSION = getattr(ADDED, "class_version", 1)
ADDED_MARK = f',"class_version":{ADDED_VERSION}}}'
"""How an added claim stored at its class's current version ends (the mapper writes the
version last); one that does not end so is left to the event-by-event path."""

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
CHECK_SQL = """
SELECT COUNT(*) FROM {events} WHERE rowid BETWEEN ? AND ? AND topic = ?
AND CAST(substr(state, -?) AS TEXT) IS NOT ?
"""
"""How many added claims of a stretch were stored at another version of their class."""
OTHERS_SQL = (
    "SELECT rowid, topic, state FROM {events} WHERE rowid BETWEEN ? AND ? AND topic <> ? ORDER BY rowid"
)
TIMES_SQL = (
    "SELECT rowid, json_extract(CAST(state AS TEXT), '$.timestamp') FROM {events} "
    "WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
)
"""Each event's position and timestamp as stored."""


def register(connection: sqlite3.Connection, instant: Callable[[str | None], str | None]) -> None:
    """The function the statements call: a claim's time in UTC from its `stated_on` (None
    without a time)."""
    connection.create_function("tracker_instant", 1, instant, deterministic=True)


class Stretch:
    """Copies the checked events from one position to another (both included) into the view,
    in the caller's transaction; `copy` says whether it could."""

    def __init__(self, c: Any, events: str, start: int, end: int) -> None:
        self.c, self.events, self.start, self.end = c, events, start, end

    def _sql(self, template: str) -> str:
        return template.format(events=self.events)

    def copyable(self) -> bool:
        """Whether every added claim of the stretch is at its class's current version."""
        self.c.execute(self._sql(CHECK_SQL), (self.start, self.end, ADDED_TOPIC, len(ADDED_MARK), ADDED_MARK))
        return bool(self.c.fetchone()[0] == 0)

    def others(self) -> list[tuple[int, str, bytes]]:
        """The stretch's events other than added claims, in order."""
        self.c.execute(self._sql(OTHERS_SQL), (self.start, self.end, ADDED_TOPIC))
        return [(position, topic, bytes(state)) for position, topic, state in self.c.fetchall()]

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
        timestamp), and its time in UTC: what `BeliefView._apply` keeps."""
        self.c.execute(self._sql(TIMES_SQL), (self.start, self.end))
        ends = []
        for at, events in groupby(self.c, key=lambda row: utc(row[1])):
            *_, (position, _) = events
            ends.append((position, at))
        return ends
