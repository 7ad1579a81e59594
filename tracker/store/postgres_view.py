"""The belief view in the same PostgreSQL database as the events.

Imported only when a PostgreSQL store is opened (`tracker.store.backends.view_class`).

A rebuild empties the view's tables with one TRUNCATE (no dead rows left behind, unlike
DELETE), inside the transaction that builds the view again: the TRUNCATE's ACCESS EXCLUSIVE
locks are held until it commits, so readers wait for the new view instead of reading an
emptied one. The tables are named in `LOCK_ORDER`, the order in which every reading
transaction of the view takes them, so that a reader holding one table and asking for the
next never waits on a TRUNCATE that waits on it (a deadlock). Bulk work ends with ANALYZE of
the view's tables and of the events (`_analyze`), so that the planner knows their
sizes at once rather than when autovacuum next comes by.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any, cast

import psycopg
from eventsourcing.postgres import PostgresTrackingRecorder
from psycopg import IsolationLevel
from psycopg.rows import tuple_row
from psycopg.sql import SQL

from tracker.store.backends import rebuild_if_outdated
from tracker.store.locks import VIEW_LOCK
from tracker.store.readmodel import BeliefView, Cursor

LOCK_ORDER = (
    "tracker_beliefs",  # "state at D" reads the beliefs, then the summits
    "tracker_tallies",  # and then their tallies
    "tracker_summits",  # "as recorded at T" reads the summits, then their claims
    "tracker_claims",  # claims are read joined to their sources, then to their summits
    "tracker_sources",
    "tracker_claim_summits",
    "tracker_recordings",
    "tracker_dirty",
    "tracker_left_out",
)
"""The view's tables (all of `VIEW_TABLES`) in the order its readers take them."""


SETTLING_COSTS = "SET LOCAL random_page_cost = 1.1"
"""What settling tells the planner, for its transaction: a random read of the view's tables
costs little more than a sequential one (they are read from memory: the server's buffers or
the system's cache), not four times as much (the default, for spinning disks). With the
default, the claims of a batch of 200 summits (15k of a million) were found by scanning all
of them in parallel and hashing: 117-144 ms a batch at 1M, against 55-86 ms by the key."""

QUESTION_IDLE = "SET LOCAL idle_in_transaction_session_timeout = '10min'"
"""What a question's snapshot (`reading`) allows between its reads, for its transaction. The
store's connections end a transaction idle for 5 s (eventsourcing's default, against a writer
stuck holding its locks); a question is idle between its reads only while it computes, and
`changes` over four years at 1M decoded sources for longer than that, then lost its
connection. Ten minutes still ends a reader stuck for good (its table locks would hold up a
rebuild's TRUNCATE)."""

FEW_ROWS = 100
"""Fewer rows than this are inserted by statements (pipelined), more by COPY."""


class PostgresBeliefView(BeliefView, PostgresTrackingRecorder):
    """The view in the same PostgreSQL database as the events."""

    param = "%s"  # psycopg's placeholder
    events_table = "tracker_events"  # the library's name for the application's: set again below
    event_id = "notification_id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sql_create_statements.extend(SQL(statement).format() for statement in self.view_tables())
        self.tracking_table = self.tracking_table_name  # named after the application
        # The library names both tables after the application: "<name>_tracking", "<name>_events".
        self.events_table = self.tracking_table_name.removesuffix("tracking") + "events"

    @contextmanager
    def _session(self, *, commit: bool) -> Iterator[tuple[Cursor, Any]]:
        with self.datastore.get_connection() as conn, conn.transaction(force_rollback=not commit):
            raw = conn.cursor(row_factory=tuple_row)
            yield raw, raw

    def in_force(self, table: str, alias: str, *, outer: bool = False) -> str:
        """As the view's, as a LATERAL join: the planner then always seeks each summit's row by
        the table's key (with MAX in a join condition, it may hash the whole table instead)."""
        return (
            f"{'LEFT JOIN' if outer else 'JOIN'} LATERAL (SELECT * FROM {table} l WHERE l.summit_id = s.id "
            f"AND l.valid_from <= {self.param} ORDER BY l.valid_from DESC LIMIT 1) {alias} ON TRUE"
        )

    @contextmanager
    def _statement(self) -> Iterator[tuple[Cursor, Any]]:
        # The pool's connections are in autocommit: the statement is a transaction of its own,
        # without a BEGIN and a ROLLBACK (two round trips of three). Were one not, the read
        # would be in a transaction as any other.
        with (
            self.datastore.get_connection() as conn,
            nullcontext() if conn.autocommit else conn.transaction(force_rollback=True),
        ):
            raw = conn.cursor(row_factory=tuple_row)
            yield raw, raw

    def _cursor_beside(self, c: Cursor) -> Cursor:
        return cast("psycopg.Cursor[Any]", c).connection.cursor(row_factory=tuple_row)

    @contextmanager
    def _snapshot(self) -> Iterator[tuple[Cursor, Any]]:
        # READ COMMITTED (the default) gives each statement a snapshot of its own. Set on the
        # connection, the level goes in its BEGIN: no statement more. The pool's connection
        # is given back as it came.
        with self.datastore.get_connection() as conn:
            before = conn.isolation_level, conn.read_only
            conn.isolation_level, conn.read_only = IsolationLevel.REPEATABLE_READ, True
            try:
                with conn.transaction(force_rollback=True):
                    raw = conn.cursor(row_factory=tuple_row)
                    raw.execute(QUESTION_IDLE)
                    yield raw, raw
            finally:
                conn.isolation_level, conn.read_only = before

    def _lock(self, c: Cursor) -> None:
        c.execute("SELECT pg_advisory_xact_lock(%s)", (VIEW_LOCK,))

    def _empty(self, c: Cursor) -> None:
        c.execute(f"TRUNCATE {', '.join(LOCK_ORDER)}")

    def _insert(self, c: Cursor, table: str, columns: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """With COPY: one stream of rows, not a statement per row (at 200k rows, 15 times faster).
        A few rows (a correction's) go as the view's, in one pipeline: less than a COPY's set-up."""
        if len(rows) < FEW_ROWS:
            super()._insert(c, table, columns, rows)
            return
        with cast("psycopg.Cursor[Any]", c).copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _settle_some(self, c: Cursor, *, emptied: bool = False) -> int:
        """As the view's, with random reads costed as the cached reads they are
        (`SETTLING_COSTS`): the claims of a batch of summits are then sought by their key, not
        found by scanning every claim."""
        c.execute(SETTLING_COSTS)
        return super()._settle_some(c, emptied=emptied)

    def _analyze(self, c: Cursor, tables: Sequence[str] = ()) -> None:
        c.execute(f"ANALYZE {', '.join(tables or (*LOCK_ORDER, self.events_table))}")

    def create_table(self) -> None:
        with self._session(commit=True) as (c, _):
            self._lock(c)
            c.execute("SELECT to_regclass(%s)", (self.tracking_table,))
            rebuild_if_outdated(c, self.param, c.fetchone()[0] is not None, self.tracking_table)
        super().create_table()
