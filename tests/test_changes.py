"""`Tracker.changes` (`tracker changes`, `tracker replay --from --to`) says, day by day, what
its definition says: the sources published on the day, and each summit whose status on the
day is not its status the day before, with both beliefs. Checked against that definition,
read summit by summit from each summit's whole timeline, for a generated corpus on both
backends: windows of a day, of a fortnight and of everything, all summits and a few."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from tracker.domain.belief import belief_at
from tracker.generate.corpus import generate
from tracker.service import Change, Tracker
from tracker.store import readmodel


def by_definition(
    tracker: Tracker, start: dt.date, end: dt.date, summit_ids: Sequence[str] | None = None
) -> list[Change]:
    """The days from `start` to `end` with a source published or a status moved (with
    `summit_ids`, only days on which one of those summits moved), from every timeline."""
    wanted = set(summit_ids) if summit_ids is not None else None
    summits = [s for s in tracker.summits() if wanted is None or s.id in wanted]
    timelines = {s.id: tracker.timeline(s.id) for s in summits}
    sources = [s for s in tracker.sources() if start <= s.published.latest <= end]
    days = [start + dt.timedelta(days=n) for n in range(-1, (end - start).days + 1)]  # and the day before
    standing = {s.id: [belief_at(timelines[s.id], day) for day in days] for s in summits}
    result = []
    for n, day in enumerate(days[1:]):
        moves = tuple(
            (summit, standing[summit.id][n], standing[summit.id][n + 1])
            for summit in summits
            if standing[summit.id][n].status is not standing[summit.id][n + 1].status
        )
        published = tuple(s for s in sources if s.published.latest == day)
        if moves or (wanted is None and published):
            result.append(Change(day, published, moves))
    return result


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tracker]:
    """A generated corpus, recorded on each backend."""
    if request.param == "postgres":
        store = request.getfixturevalue("postgres_databases").fresh()
    else:
        store = str(tmp_path_factory.mktemp("changes") / "store.sqlite")
    with Tracker(store) as tracker:
        for chunk in generate(claims=3000, summits=60, seed=3, per_chunk=500):
            tracker.record(chunk)
        yield tracker


def test_changes_day_by_day_are_those_of_the_definition(corpus: Tracker) -> None:
    days = sorted(
        {row.valid_from for s in corpus.summits() for row in corpus.timeline(s.id) if row.valid_from}
    )
    first, last = days[0], days[-1]
    windows = [(first, last), (days[len(days) // 2], days[len(days) // 2])]
    windows += [(day, day + dt.timedelta(days=13)) for day in days[:: max(1, len(days) // 6)]]
    moved = 0
    for start, end in windows:
        found = corpus.changes(start, end)
        assert found == by_definition(corpus, start, end), (start, end)
        moved += sum(len(change.moves) for change in found)
    assert moved > 100  # the windows hold many moves


def test_changes_of_a_few_summits_are_those_of_the_definition(corpus: Tracker) -> None:
    summits = [s.id for s in corpus.summits()]
    chosen = summits[::7]
    days = sorted({row.valid_from for s in chosen for row in corpus.timeline(s) if row.valid_from})
    start, end = days[0], days[-1]
    found = corpus.changes(start, end, chosen)
    assert found == by_definition(corpus, start, end, chosen)
    assert {summit.id for change in found for summit, _, _ in change.moves} == {
        s for s in chosen if len(corpus.timeline(s)) > 1
    }


def test_changes_are_read_a_day_at_a_time(corpus: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """`each_change` (what `tracker changes` prints) reads each day's sources as it comes to
    it, not all of them first: at 1M, four years of them were a gigabyte."""
    made: list[str] = []
    validate = readmodel.Source.model_validate

    def counted(data: Any) -> Any:
        made.append(data["id"])
        return validate(data)

    monkeypatch.setattr(readmodel.Source, "model_validate", counted)
    sources = corpus.sources()
    first, last = sources[0].published.latest, sources[-1].published.latest
    made.clear()
    changes = corpus.each_change(first, last)
    day = next(changes)
    assert day.sources and len(made) < len(sources) / 10
    rest = list(changes)
    assert [day, *rest] == corpus.changes(first, last)
    assert len({*made}) == len(sources)
