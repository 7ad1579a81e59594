"""A claim id names one claim of one source in the whole store, decided inside the recording's
transaction: however many writers race to use it, exactly one gets it, on both backends."""

from __future__ import annotations

import io
import multiprocessing
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from tests.stores import NewStore
from tests.test_schema_evolution import FIXTURE
from tracker.cli.main import cli
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput
from tracker.service import Tracker

WRITERS = 8
ROUNDS = 10


def scenario(n: int) -> str:
    """Source `wire-N` naming the claim id every other writer names too."""
    return f"""
sources:
  - id: wire-{n}
    outlet: Wire {n}
    published: 2025-08-01
    text: "Officials number {n} confirmed the leaders will meet in Vienna."
summits:
  - id: vienna
    title: Vienna meeting
    participants: [Vladimir Putin, Donald Trump]
claims:
  - id: shared-claim
    source: wire-{n}
    kind: meeting_confirmed
    summits: [vienna]
    attribution: {{kind: outlet}}
    quote: confirmed the leaders will meet
  - id: own-claim-{n}
    source: wire-{n}
    kind: meeting_proposed
    summits: [vienna]
    attribution: {{kind: outlet}}
    quote: Officials number {n}
"""


def _replay(store: str, path: str, start: Any, outcomes: Any) -> None:
    """`tracker replay PATH --store STORE` in this (forked) process, once all writers are ready."""
    err = io.StringIO()
    start.wait()
    code: Any = 0
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        try:
            cli.main(["replay", path, "--store", store, "--at", "2025-08-20"], prog_name="tracker")
        except SystemExit as exit_:
            code = exit_.code
    outcomes.put((path, code, err.getvalue()))


def test_writers_racing_for_one_claim_id_leave_it_to_exactly_one_and_the_store_usable(
    new_store: NewStore, tmp_path: Path
) -> None:
    paths = []
    for n in range(WRITERS):
        path = tmp_path / f"writer-{n}.yaml"
        path.write_text(scenario(n), encoding="utf-8")
        paths.append(str(path))
    processes = multiprocessing.get_context("fork")
    for round_ in range(ROUNDS):
        store = new_store()
        start, outcomes = processes.Barrier(WRITERS), processes.Queue()
        writers = [processes.Process(target=_replay, args=(store, path, start, outcomes)) for path in paths]
        for writer in writers:
            writer.start()
        results = [outcomes.get(timeout=180) for _ in writers]
        for writer in writers:
            writer.join(timeout=60)
        winners = [path for path, code, _ in results if code == 0]
        assert len(winners) == 1, (round_, results)
        for path, code, err in results:
            if path not in winners:
                assert code == 2, (round_, path, err)
                assert "claims.shared-claim: claim id already recorded under source 'wire-" in err, err
                assert "nothing was recorded" in err
        winner = Path(winners[0]).stem.removeprefix("writer-")
        with Tracker(store) as tracker:
            claims = {(r.claim.id, r.claim.source) for r in tracker.claims()}
            assert claims == {("shared-claim", f"wire-{winner}"), (f"own-claim-{winner}", f"wire-{winner}")}
            before = tracker.state(tracker.sources()[0].published.latest)
            assert tracker.rebuild() == 4  # the summit, the winner's source and its two claims
            assert tracker.state(tracker.sources()[0].published.latest) == before


def test_a_store_of_an_earlier_tracker_registers_its_claim_ids_on_opening(
    tmp_path: Path, write_scenario: Any
) -> None:
    """The fixture was written before the register: its claims still keep their ids."""
    store = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE, store)
    db = sqlite3.connect(store)
    claim_id, source_id = db.execute(
        "SELECT json_extract(CAST(state AS TEXT), '$.claim.id'), json_extract(CAST(state AS TEXT), "
        "'$.claim.source') FROM stored_events WHERE topic LIKE '%ClaimAdded' LIMIT 1"
    ).fetchone()
    db.close()
    clash = scenario(0).replace("id: shared-claim", f"id: {claim_id}")
    with Tracker(str(store)) as tracker:
        try:
            tracker.record(load_scenario(write_scenario(clash)))
        except InvalidInput as error:
            assert f"already recorded under source {source_id!r}" in str(error)
        else:
            raise AssertionError("a claim id of the old store was recorded again under another source")


def test_the_register_is_filled_from_the_events_when_it_is_missing(
    new_store: NewStore, write_scenario: Any
) -> None:
    """As when a store of an earlier tracker is first opened, on each backend: claim and
    correction ids (of corrections and of retractions) are registered to their sources."""
    store = new_store()
    fixes = """
corrections:
  - {id: fix-1, claim: own-claim-1, action: correct, reason: hedged, replace: {modality: hedged}}
  - {id: fix-2, claim: shared-claim, action: retract, reason: misread}
"""
    with Tracker(store) as tracker:
        tracker.record(load_scenario(write_scenario(scenario(1) + fixes)))
        with tracker.app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
            cursor.execute("DROP TABLE tracker_names")
    with Tracker(store) as tracker:
        other = scenario(2).replace("own-claim-2", "fix-target")
        moved = "\ncorrections:\n  - {id: fix-2, claim: fix-target, action: retract, reason: misread}\n"
        for text, expected in (
            (scenario(2), "claim id already recorded under source 'wire-1'"),
            (
                other.replace("shared-claim", "new-claim") + moved,
                "differs from the correction already recorded",
            ),
        ):
            try:
                tracker.record(load_scenario(write_scenario(text, "again.yaml")))
            except InvalidInput as error:
                assert expected in str(error), str(error)
            else:
                raise AssertionError(f"recorded although {expected}")
