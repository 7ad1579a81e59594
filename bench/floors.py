"""The read floors, measured on the product's own store after recording: scans of the stored
events, and a pure SQL extraction of them into columnar tables.

- library scan: the library's `select_notifications` over every event, in the batches a
  catch-up reads (what a rebuild must read, decoded into notification objects);
- raw scan: every stored event's row through the plain driver (sqlite3; psycopg with a
  server-side cursor);
- SQL extraction: in one transaction, rolled back, the summits, sources, claims (every field
  a column, no JSON payload) and each claim's summits copied out of the stored events with the
  database's own JSON operators (`INSERT ... SELECT`), retractions applied, and the view's
  indexes built. It is the floor the issue names for a rebuild: no fold, no Python per row.
  Corrections (a few per thousand claims) are not applied, which only makes it cheaper.
"""

from __future__ import annotations

import time
from typing import Any

from recording import open_app
from stores import Stores


def library_scan(location: str) -> dict[str, float]:
    app = open_app(location)
    rows, start = 0, 1
    started = time.perf_counter()
    while True:
        batch = app.recorder.select_notifications(start, 2000, inclusive_of_start=True)
        if not batch:
            break
        rows += len(batch)
        start = batch[-1].id + 1
    spent = time.perf_counter() - started
    app.close()
    return {"library_scan_s": spent, "library_scan_rows": rows}


def raw_scan(stores: Stores, location: str) -> dict[str, float]:
    db = stores.connect(location)
    started = time.perf_counter()
    if stores.backend == "postgres":
        with db.cursor(name="bench_scan") as cursor:
            cursor.itersize = 2000
            cursor.execute(
                "SELECT originator_id, originator_version, topic, state, notification_id "
                "FROM tracker_events ORDER BY notification_id"
            )
            rows = sum(1 for _ in cursor)
    else:
        query = (
            "SELECT originator_id, originator_version, topic, state, rowid FROM stored_events ORDER BY rowid"
        )
        rows = sum(1 for _ in db.execute(query))
    spent = time.perf_counter() - started
    db.close()
    return {"raw_scan_s": spent, "raw_scan_rows": rows}


def _topics() -> dict[str, str]:
    from eventsourcing.utils import get_topic

    from tracker.store.events import SourceRecord, SummitRecord

    return {
        "defined": get_topic(SummitRecord.Defined),
        "registered": get_topic(SourceRecord.Registered),
        "added": get_topic(SourceRecord.ClaimAdded),
        "retracted": get_topic(SourceRecord.ClaimRetracted),
    }


TABLES = (
    "CREATE TABLE bench_summits (id TEXT PRIMARY KEY, position BIGINT NOT NULL, payload TEXT NOT NULL)",
    "CREATE TABLE bench_sources (id TEXT PRIMARY KEY, published TEXT NOT NULL, "
    "visible_from TEXT NOT NULL, outlet TEXT NOT NULL)",
    # modality: absent from the stored JSON when plain, its default (`tracker.store.mapper`)
    "CREATE TABLE bench_claims (id TEXT NOT NULL, source_id TEXT NOT NULL, visible_from TEXT NOT NULL, "
    "retracted INTEGER NOT NULL, kind TEXT NOT NULL, modality TEXT, attribution TEXT NOT NULL, "
    "speaker TEXT, role TEXT, via TEXT, condition TEXT, stated_on TEXT, quote TEXT NOT NULL, "
    "held_on TEXT, venue TEXT, time_window TEXT, period TEXT, note TEXT, recorded_from BIGINT NOT NULL)",
    "CREATE TABLE bench_claim_summits (summit_id TEXT NOT NULL, claim_id TEXT NOT NULL, "
    "PRIMARY KEY (summit_id, claim_id))",
)
INDEXES = (
    "CREATE UNIQUE INDEX bench_claims_id ON bench_claims (id)",
    "CREATE INDEX bench_claims_source ON bench_claims (source_id)",
    "CREATE INDEX bench_claim_summits_claim ON bench_claim_summits (claim_id)",
)
CLAIM_FIELDS = (
    "kind",
    "modality",
    "attribution.kind",
    "attribution.speaker",
    "attribution.role",
    "attribution.via",
    "condition",
    "stated_on",
    "quote",
    "held_on",
    "venue",
    "window",
    "period",
    "note",
)


def sqlite_statements(t: dict[str, str]) -> list[str]:
    events = "(SELECT rowid AS p, CAST(state AS TEXT) AS s FROM stored_events WHERE topic = '{}')"
    claim_columns = [f"json_extract(s, '$.claim.{f}')" for f in CLAIM_FIELDS]
    return [
        *TABLES,
        "INSERT INTO bench_summits SELECT json_extract(s, '$.summit.id'), p, json_extract(s, '$.summit') "
        f"FROM {events.format(t['defined'])}",
        "INSERT INTO bench_sources SELECT id, pub, CASE WHEN instr(pub, '/') > 0 "
        "THEN substr(pub, instr(pub, '/') + 1) ELSE pub END, outlet FROM (SELECT "
        "json_extract(s, '$.source.id') AS id, json_extract(s, '$.source.published') AS pub, "
        f"json_extract(s, '$.source.outlet') AS outlet FROM {events.format(t['registered'])})",
        "INSERT INTO bench_claims SELECT c.id, c.source, src.visible_from, 0, "
        + ", ".join(f"c.f{i}" for i in range(len(CLAIM_FIELDS)))
        + ", c.p FROM (SELECT p, json_extract(s, '$.claim.id') AS id, "
        "json_extract(s, '$.claim.source') AS source, "
        + ", ".join(f"{column} AS f{i}" for i, column in enumerate(claim_columns))
        + f" FROM {events.format(t['added'])}) c JOIN bench_sources src ON src.id = c.source",
        "INSERT OR IGNORE INTO bench_claim_summits SELECT j.value, json_extract(e.s, '$.claim.id') "
        f"FROM {events.format(t['added'])} e, json_each(e.s, '$.claim.summits') j",
        "UPDATE bench_claims SET retracted = 1 WHERE id IN (SELECT json_extract(s, '$.claim_id') "
        f"FROM {events.format(t['retracted'])})",
        *INDEXES,
    ]


def postgres_statements(t: dict[str, str]) -> list[str]:
    events = (
        "(SELECT notification_id AS p, convert_from(state, 'UTF8')::jsonb AS e "
        "FROM tracker_events WHERE topic = '{}')"
    )

    def path(field: str) -> str:
        parts = field.split(".")
        return "c" + "".join(f" -> '{p}'" for p in parts[:-1]) + f" ->> '{parts[-1]}'"

    return [
        *TABLES,
        f"INSERT INTO bench_summits SELECT e -> 'summit' ->> 'id', p, (e -> 'summit')::text "
        f"FROM {events.format(t['defined'])} x",
        "INSERT INTO bench_sources SELECT id, pub, CASE WHEN strpos(pub, '/') > 0 "
        "THEN split_part(pub, '/', 2) ELSE pub END, outlet FROM (SELECT "
        "e -> 'source' ->> 'id' AS id, e -> 'source' ->> 'published' AS pub, "
        f"e -> 'source' ->> 'outlet' AS outlet FROM {events.format(t['registered'])} x) y",
        "INSERT INTO bench_claims SELECT c ->> 'id', c ->> 'source', src.visible_from, 0, "
        + ", ".join(path(f) for f in CLAIM_FIELDS)
        + f", x.p FROM (SELECT p, e -> 'claim' AS c FROM {events.format(t['added'])} y) x "
        "JOIN bench_sources src ON src.id = x.c ->> 'source'",
        "INSERT INTO bench_claim_summits SELECT j, e -> 'claim' ->> 'id' "
        f"FROM {events.format(t['added'])} x, jsonb_array_elements_text(e -> 'claim' -> 'summits') j "
        "ON CONFLICT DO NOTHING",
        "UPDATE bench_claims SET retracted = 1 WHERE id IN (SELECT e ->> 'claim_id' "
        f"FROM {events.format(t['retracted'])} x)",
        *INDEXES,
    ]


def sql_extraction(stores: Stores, location: str) -> dict[str, Any]:
    """Seconds to copy the stored events into columnar tables in SQL; the claims copied."""
    postgres = stores.backend == "postgres"
    statements = (postgres_statements if postgres else sqlite_statements)(_topics())
    db = stores.connect(location)
    if not postgres:
        db.isolation_level = None
        db.execute("BEGIN")
    started = time.perf_counter()
    for statement in statements:
        db.execute(statement)
    spent = time.perf_counter() - started
    claims = db.execute("SELECT COUNT(*) FROM bench_claims").fetchone()[0]
    retracted = db.execute("SELECT COUNT(*) FROM bench_claims WHERE retracted = 1").fetchone()[0]
    if postgres:
        db.rollback()
    else:
        db.execute("ROLLBACK")
    db.close()
    return {"extraction_s": spent, "extraction_claims": claims, "extraction_retracted": retracted}
