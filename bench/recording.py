"""The corpus, recording it as the product does, and the recording floors: the library's bare
`Application.save` of the same events in the same batches, and raw inserts of the same stored
payloads (sqlite3 `executemany`; PostgreSQL `COPY`) into a table of the library's schema.

Generating the corpus and building the floors' events are never inside a timed section.
"""

from __future__ import annotations

import collections
import datetime as dt
import time
from typing import Any

from stores import Stores

SEED = 1
PER_CHUNK = 1000
"""Claims per chunk: per transaction when recording, per file for `tracker ingest`."""


def summits_for(claims: int) -> int:
    return max(20, claims // 100)


def chunks(claims: int) -> Any:
    from tracker.generate import generate

    return generate(claims, summits_for(claims), SEED, PER_CHUNK)


def open_app(location: str) -> Any:
    """The product's event-sourced application on a store, as `Tracker` opens it (WAL on SQLite)."""
    from tracker.store.application import TrackerApplication
    from tracker.store.guard import use_wal
    from tracker.store.location import environment, is_postgres

    if not is_postgres(location):
        use_wal(location, 60)
    return TrackerApplication(env=environment(location))


def measure_record(location: str, claims: int) -> dict[str, Any]:
    """`TrackerApplication.record` of each chunk (one transaction each), as `tracker ingest` does.

    Also notes, untimed, each summit's claims (the most popular summit is asked about later)
    and the moment half the chunks were recorded (for "as recorded at T")."""
    app = open_app(location)
    spent, events, count = 0.0, 0, 0
    popularity: collections.Counter[str] = collections.Counter()
    total_chunks = -(-claims // PER_CHUNK)
    halfway = ""
    for index, chunk in enumerate(chunks(claims), start=1):
        command = chunk.command()
        started = time.perf_counter()
        events += app.record(command).events
        spent += time.perf_counter() - started
        count += len(chunk.claims)
        popularity.update(s for claim in chunk.claims for s in claim.summits)
        if index == max(1, total_chunks // 2):
            halfway = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    app.close()
    popular, popular_claims = popularity.most_common(1)[0]
    return {
        "events": events,
        "record_s": spent,
        "claims_recorded": count,
        "halfway": halfway,
        "popular": popular,
        "popular_claims": popular_claims,
    }


def bare_events(chunk: Any, defined: set[str], now: dt.datetime) -> list[Any]:
    """The events `record` writes for a new chunk, built without looking anything up."""
    from tracker.store.events import SourceRecord, SummitRecord

    events: list[Any] = []
    for summit in chunk.summits:
        if summit.id not in defined:
            defined.add(summit.id)
            events += SummitRecord.define(summit, now).collect_events()
    by_source: dict[str, list[Any]] = {}
    for claim in chunk.claims:
        by_source.setdefault(claim.source, []).append(claim)
    source_of = {c.id: c.source for c in chunk.claims}
    fixes: dict[str, list[Any]] = {}
    for fix in chunk.corrections:
        fixes.setdefault(source_of[fix.claim_id], []).append(fix)
    for source in chunk.sources:
        record = SourceRecord.register(source, now)
        for claim in by_source.get(source.id, []):
            record.add_claim(claim, now)
        for fix in fixes.get(source.id, []):
            if fix.corrected is None:
                record.retract(fix.id, fix.claim_id, fix.reason, now)
            else:
                record.correct(fix.id, fix.corrected, fix.reason, now)
        events += record.collect_events()
    return events


RAW_SQLITE = (
    "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, topic TEXT, "
    "state BLOB, PRIMARY KEY (originator_id, originator_version))"
)
"""The library's own SQLite events table (the rowid is the notification id)."""
RAW_POSTGRES = (
    "CREATE TABLE bench_raw_events (originator_id uuid NOT NULL, originator_version bigint NOT NULL, "
    "topic text, state bytea, notification_id bigserial, PRIMARY KEY (originator_id, originator_version))",
    "CREATE UNIQUE INDEX bench_raw_events_notification_id ON bench_raw_events (notification_id)",
)
"""The library's own PostgreSQL events table and its index."""


class RawSQLite:
    def __init__(self, stores: Stores) -> None:
        self.db = stores.connect(stores.location("raw"))
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute(RAW_SQLITE)
        self.db.commit()

    def insert(self, payloads: list[tuple[Any, ...]]) -> None:
        rows = [(i.hex, v, t, s) for i, v, t, s in payloads]
        with self.db:
            self.db.executemany("INSERT INTO stored_events VALUES (?, ?, ?, ?)", rows)

    def close(self) -> None:
        self.db.close()


class RawPostgres:
    def __init__(self, stores: Stores) -> None:
        self.db = stores.connect(stores.location("raw"))
        for statement in RAW_POSTGRES:
            self.db.execute(statement)
        self.db.commit()

    def insert(self, payloads: list[tuple[Any, ...]]) -> None:
        with self.db.transaction(), self.db.cursor() as cursor:
            statement = "COPY bench_raw_events (originator_id, originator_version, topic, state) FROM STDIN"
            with cursor.copy(statement) as copy:
                for row in payloads:
                    copy.write_row(row)

    def close(self) -> None:
        self.db.close()


def measure_floors(stores: Stores, claims: int) -> dict[str, Any]:
    """The library's bare `save` of the events `record` writes, built ready-made, in the same
    batches, into a store of their own; and raw inserts of the same stored payloads."""
    app = open_app(stores.location("bare"))
    raw = RawPostgres(stores) if stores.backend == "postgres" else RawSQLite(stores)
    now = dt.datetime.now(dt.UTC)
    defined: set[str] = set()
    save_s = build_s = raw_s = 0.0
    events = 0
    for chunk in chunks(claims):
        started = time.perf_counter()
        batch = bare_events(chunk, defined, now)
        build_s += time.perf_counter() - started
        started = time.perf_counter()
        app.save(*batch)
        save_s += time.perf_counter() - started
        events += len(batch)
        payloads = [
            (s.originator_id, s.originator_version, s.topic, s.state)
            for s in map(app.mapper.to_stored_event, batch)
        ]
        started = time.perf_counter()
        raw.insert(payloads)
        raw_s += time.perf_counter() - started
    app.close()
    raw.close()
    return {"bare_events": events, "bare_s": save_s, "build_s": build_s, "raw_insert_s": raw_s}
