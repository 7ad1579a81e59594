"""The store's event recorder on SQLite: the library's own, keeping the register of claim and
correction ids (`tracker.store.recorders`) in the same transaction as the events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from tracker.store.recorders import BACKFILL, COLUMNS, REGISTER, Names


class SQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, keeping the id register with the events."""

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {REGISTER} {COLUMNS} WITHOUT ROWID",  # the table is its key
        ]

    def _create_table(self, c: SQLiteCursor) -> None:
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (REGISTER,))
        new = c.fetchone() is None
        super()._create_table(c)
        if not new:
            return
        for kind, topic, name_path, source_path in BACKFILL:  # a store of an earlier tracker
            state = "CAST(e.state AS TEXT)"
            name = f"json_extract({state}, '$.{'.'.join(name_path)}')"
            if source_path:
                source, join = f"json_extract({state}, '$.{'.'.join(source_path)}')", ""
            else:
                source = "r.source_id"
                join = (
                    f" JOIN {REGISTER} r ON r.kind = 'claim' AND r.name = json_extract({state}, '$.claim_id')"
                )
            c.execute(
                f"INSERT OR IGNORE INTO {REGISTER} SELECT ?, {name}, {source} "
                f"FROM {self.events_table_name} e{join} WHERE e.topic = ? AND json_valid({state}) "
                f"AND {name} IS NOT NULL AND {source} IS NOT NULL ORDER BY e.rowid",
                (kind, topic),
            )

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        names: Names = kwargs.get("names", ())
        if names:
            c.executemany(f"INSERT INTO {REGISTER} VALUES (?, ?, ?)", names)
        return ids

    def owners(self, kind: str, names: Sequence[str]) -> dict[str, str]:
        """The source each of these ids of `kind` is registered to, where it is."""
        found: dict[str, str] = {}
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(names), 500):
                part = names[start : start + 500]
                c.execute(
                    f"SELECT name, source_id FROM {REGISTER} "
                    f"WHERE kind = ? AND name IN ({', '.join('?' * len(part))})",
                    (kind, *part),
                )
                found.update((row[0], row[1]) for row in c.fetchall())
        return found
