"""The synthetic corpus generator: exact, deterministic, self-contained, valid and realistic."""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from tracker.domain.commands import publication_order
from tracker.domain.models import Claim, Correction, Source, Summit
from tracker.domain.quotes import find_quote
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, SourceKind
from tracker.generate import FIRST_DAY, LAST_DAY, Chunk, chunk_yaml, generate, generate_chunks, write_corpus
from tracker.scenario.load import Scenario, load_scenario
from tracker.service import Tracker

SMALL = dict(claims=300, summits=40, seed=3, per_chunk=100)


@cache
def small() -> tuple[Chunk, ...]:
    return tuple(generate_chunks(**SMALL))


@cache
def moderate() -> tuple[Chunk, ...]:
    return tuple(generate_chunks(3000, 200, 11, per_chunk=500))


def claims_of(chunks: tuple[Chunk, ...]) -> list[Claim]:
    return [claim for chunk in chunks for claim in chunk.scenario.claims]


@pytest.mark.parametrize("per_chunk", [1, 7, 100, 299, 300, 1000])
def test_the_corpus_has_exactly_the_claims_asked_for_in_chunks_of_whole_sources(per_chunk: int) -> None:
    chunks = list(generate(300, 40, 3, per_chunk))
    sizes = [len(chunk.claims) for chunk in chunks]
    assert sum(sizes) == 300
    assert all(size == per_chunk for size in sizes[:-1]) and 0 < sizes[-1] <= per_chunk
    for chunk in chunks:  # every source of a chunk has its claims there, and only there
        assert {c.source for c in chunk.claims} == {s.id for s in chunk.sources}


def test_no_claims_no_chunks_and_bad_sizes_are_refused() -> None:
    assert list(generate(0, 5, 1)) == []
    with pytest.raises(ValueError):
        generate(-1, 5, 1)
    with pytest.raises(ValueError):
        generate(10, 0, 1)
    with pytest.raises(ValueError):
        generate(10, 5, 1, per_chunk=0)


def test_the_same_arguments_give_the_same_corpus() -> None:
    again = tuple(generate_chunks(**SMALL))
    assert again == small()
    assert [chunk_yaml(c) for c in again] == [chunk_yaml(c) for c in small()]


def test_another_seed_gives_another_corpus() -> None:
    other = list(generate(SMALL["claims"], SMALL["summits"], SMALL["seed"] + 1, SMALL["per_chunk"]))
    assert [c.scenario.claims for c in small()] != [c.claims for c in other]
    assert [c.scenario.sources for c in small()] != [c.sources for c in other]


def test_ids_are_unique_across_the_corpus_and_summits_within_the_table() -> None:
    claims = claims_of(moderate())
    sources = [s.id for chunk in moderate() for s in chunk.scenario.sources]
    fixes = [f.id for chunk in moderate() for f in chunk.scenario.corrections]
    assert len(set(c.id for c in claims)) == len(claims) == 3000
    assert len(set(sources)) == len(sources)
    assert len(set(fixes)) == len(fixes)
    summit_ids = {s for claim in claims for s in claim.summits}
    assert summit_ids <= {f"s{n:05d}" for n in range(1, 201)}


def test_every_chunk_is_self_contained_and_valid() -> None:
    for chunk in moderate():
        scenario = chunk.scenario
        sources = {s.id: s for s in scenario.sources}
        summits = {s.id for s in scenario.summits}
        claims = {c.id: c for c in scenario.claims}
        assert len(sources) == len(scenario.sources) and len(summits) == len(scenario.summits)
        # Only the summits its claims refer to, and all of them.
        assert summits == {s for claim in scenario.claims for s in claim.summits}
        for claim in scenario.claims:
            source = sources[claim.source]
            text = chunk.texts[claim.source]
            assert find_quote(text, claim.quote) is not None, claim.id
            assert claim.quote in text
            if claim.stated_on:
                assert claim.stated_on.latest <= source.published.earliest, claim.id
            if claim.held_on:
                assert claim.kind is ClaimKind.MEETING_HELD
                assert claim.held_on.latest <= source.published.earliest, claim.id
        for source in scenario.sources:
            assert hashlib.sha256(chunk.texts[source.id].encode()).hexdigest() == source.sha256
            assert FIRST_DAY <= source.published.earliest <= source.published.latest <= LAST_DAY
        fixed = [fix.claim_id for fix in scenario.corrections]
        assert set(fixed) <= set(claims) and len(set(fixed)) == len(fixed)
        for fix in scenario.corrections:
            if fix.corrected is not None:
                assert fix.corrected.id == fix.claim_id
                assert fix.corrected.source == claims[fix.claim_id].source
                assert fix.corrected != claims[fix.claim_id]
        # Sources in publication order, as loading a scenario file gives them.
        order = [publication_order(s) for s in scenario.sources]
        assert order == sorted(order)


def test_the_objects_are_those_validation_gives() -> None:
    scenario = small()[0].scenario
    models: list[Source | Summit | Claim | Correction] = [
        *scenario.sources,
        *scenario.summits,
        *scenario.claims,
        *scenario.corrections,
    ]
    for model in models:
        assert type(model).model_validate(model.model_dump()) == model


def test_a_summit_is_defined_the_same_in_every_chunk() -> None:
    seen: dict[str, Summit] = {}
    repeated = 0
    for chunk in moderate():
        for summit in chunk.scenario.summits:
            if summit.id in seen:
                repeated += 1
                assert summit is seen[summit.id]
            seen[summit.id] = summit
    assert repeated > 0


def test_every_kind_modality_and_attribution_appears_in_plausible_proportions() -> None:
    claims = claims_of(moderate())
    kinds = Counter(c.kind for c in claims)
    modalities = Counter(c.modality for c in claims)
    attributions = Counter(c.attribution.kind for c in claims)
    assert set(kinds) == set(ClaimKind)
    assert set(modalities) == set(Modality)
    assert set(attributions) == set(AttributionKind)
    assert kinds[ClaimKind.MEETING_RUMORED] > kinds[ClaimKind.MEETING_HELD]
    assert kinds[ClaimKind.MEETING_RUMORED] > kinds[ClaimKind.MEETING_CANCELLED]
    assert modalities[Modality.PLAIN] > modalities[Modality.HEDGED] > modalities[Modality.CONDITIONAL]
    assert {s.kind for chunk in moderate() for s in chunk.scenario.sources} == set(SourceKind)
    assert any(len(c.summits) == 2 for c in claims)
    assert any(c.stated_on for c in claims) and any(c.venue for c in claims) and any(c.window for c in claims)
    assert all(c.condition for c in claims if c.modality is Modality.CONDITIONAL)


def test_some_sources_are_range_dated_and_some_claims_retracted_or_corrected() -> None:
    sources = [s for chunk in moderate() for s in chunk.scenario.sources]
    ranged = [s for s in sources if not s.published.exact]
    assert ranged and all(s.dated_by for s in ranged)
    assert 0.01 < len(ranged) / len(sources) < 0.12
    fixes = [f for chunk in moderate() for f in chunk.scenario.corrections]
    retracted = [f for f in fixes if f.corrected is None]
    assert retracted and any(f.corrected is not None for f in fixes)
    assert len(retracted) < 0.03 * 3000


def test_summits_mostly_have_a_window_and_a_venue_some_open_ended() -> None:
    summits = {s.id: s for chunk in moderate() for s in chunk.scenario.summits}.values()
    assert sum(s.window is not None for s in summits) > len(summits) / 2
    assert sum(s.venue is not None for s in summits) > len(summits) / 2
    assert any(s.window is not None and (s.window.start is None or s.window.end is None) for s in summits)


def test_chunks_are_not_in_publication_order() -> None:
    chunks = [chunk.scenario for chunk in moderate()]
    first_latest = max(s.published.latest for s in chunks[0].sources)
    assert any(s.published.latest < first_latest for chunk in chunks[1:] for s in chunk.sources)
    days = [s.published.latest for chunk in chunks for s in chunk.sources]
    assert days != sorted(days)
    assert max(days).year - min(days).year >= 2  # a few years of publications


def test_a_few_summits_get_most_claims() -> None:
    counts = Counter(s for claim in claims_of(moderate()) for s in claim.summits)
    assert max(counts.values()) >= 10 * statistics.median(counts.values())


def test_the_yaml_of_a_chunk_loads_to_the_same_scenario(tmp_path: Path) -> None:
    done: list[int] = []
    paths = write_corpus(tmp_path / "corpus", 300, 40, 3, per_file=100, progress=done.append)
    assert [p.name for p in paths] == ["corpus-00001.yaml", "corpus-00002.yaml", "corpus-00003.yaml"]
    assert done == [100, 100, 100]
    for path, chunk in zip(paths, small(), strict=True):
        loaded = load_scenario(path)
        generated = chunk.scenario
        assert loaded.sources == generated.sources
        assert loaded.summits == generated.summits
        assert loaded.claims == generated.claims
        assert loaded.corrections == generated.corrections
        assert loaded.title == generated.title


def test_write_corpus_refuses_a_folder_holding_a_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path, 20, 5, 1, per_file=10)
    with pytest.raises(ValueError, match="corpus"):
        write_corpus(tmp_path, 20, 5, 1, per_file=10)


def test_recording_the_chunks_succeeds_and_recording_them_again_adds_nothing() -> None:
    chunks: list[Scenario] = [chunk.scenario for chunk in small()]
    with Tracker(":memory:") as tracker:
        first = [tracker.record(chunk) for chunk in chunks]
        assert sum(r.claims for r in first) == 300
        assert sum(r.corrections for r in first) == sum(len(c.corrections) for c in chunks)
        assert sum(r.summits for r in first) == len({s.id for c in chunks for s in c.summits})
        again = [tracker.record(chunk) for chunk in chunks]
        assert all(r.events == 0 for r in again)


# sha256 of every file `tracker generate` wrote, by (claims, summits, seed, per_file), taken
# with the code as committed before tracker/generate.py became the package tracker/generate/.
BEFORE_THE_MOVE = [
    (
        (3000, 40, 1, 500),
        {
            "corpus-00001.yaml": "1f540652e89d3d669ebf39707bcecf1736223c53b5412ee46f0ac46a1660239d",
            "corpus-00002.yaml": "af92123c4768618481204e71ece517bdd4459513213b8c0b8d0bf4b78f2faa22",
            "corpus-00003.yaml": "2af7f0a677996340f71ab6eb08fa581fa432cb31f7f8fdb0427941e8dc3d5aac",
            "corpus-00004.yaml": "4d4c22f5dd9851d93d54c3dd76669968441e33097ebae206c3125503db401a83",
            "corpus-00005.yaml": "578c90dbe8806e9206f3ca8067984127449e320b717f00f97680366554967953",
            "corpus-00006.yaml": "44bf974413a7d3c0e1fbc8e5f4c9273d086b2f364494221684393d0226928ae4",
        },
    ),
    (
        (5000, 300, 7, 1200),
        {
            "corpus-00001.yaml": "ab72c380ed9dbce078c4d106f4de4e5e729857589eea71a3c513a449e8a5687a",
            "corpus-00002.yaml": "e87cc98a3eeef7a059242cd28b385764d0a8953aa2031af25c2608334499e716",
            "corpus-00003.yaml": "e681b33107b2d40c0c16a2960dd446b98520dba39236c14b9e2545ffadd1197f",
            "corpus-00004.yaml": "99f17fc679717d39d94e58092cbefd4c8cc41e18771e7e1ab713e1d77041c09e",
            "corpus-00005.yaml": "c84d1663b713b66d1e97ba2da30035e1cc79425424620ec4254957d8117730f0",
        },
    ),
    (
        (700, 15, 42, 97),
        {
            "corpus-00001.yaml": "58b37f3c23f247e0ffedcb41aa9f097f282fd0913fb000a5bc6eea380361b0e7",
            "corpus-00002.yaml": "0ccad90915a30ce1fecc83c68c11f8755abaa14a4a7a59c05b2c1779d6bd6981",
            "corpus-00003.yaml": "8268ddc3dfe4a2792001e39ee163f3812aabd86e0ae71e8ce96d37ca7856f52c",
            "corpus-00004.yaml": "57e06f81f2c283bb2a17a0832ccb4db3210e57d05d0877e19f5a5b81c3f6120c",
            "corpus-00005.yaml": "5d5fbdfd144ce328c557c7c436f1d3f6ec9c43d6b30363907fbe14ebdd9e08af",
            "corpus-00006.yaml": "8386471fbae44f986def87cb862ea5e957d3d2997ef11e607476434a3a83f13b",
            "corpus-00007.yaml": "f90e79018a23a4a21c26669ba719faf02c1fc94ddc7575636d72815835027dc0",
            "corpus-00008.yaml": "78b61efc7ea5a0376beb0924a2ef1d442f0fb2e5da57126c2cd8d28ef8fe3f7e",
        },
    ),
]


@pytest.mark.parametrize(
    ("sizes", "digests"), BEFORE_THE_MOVE, ids=lambda v: "-".join(map(str, v)) if isinstance(v, tuple) else ""
)
def test_output_is_byte_identical_to_before_the_move(
    tmp_path: Path, sizes: tuple[int, int, int, int], digests: dict[str, str]
) -> None:
    """The corpus files are byte for byte those of the generator before it became a package
    writing through `tracker.scenario.writer`: the digests were taken with
    `tracker generate --claims C --summits S --seed N --per-file K` at commit
    78620b3ce991d50f08929fb01e9dd077d5624bd0 (tracker/generate.py is the same at 2a0ecf5).
    The corpora hold range-dated sources and retractions, the larger ones corrections."""
    claims, summits, seed, per_file = sizes
    paths = write_corpus(tmp_path, claims, summits, seed, per_file)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths} == digests
    text = "".join(p.read_text(encoding="utf-8") for p in paths)
    assert "action: retract" in text
    assert "action: correct" in text or claims < 1000
    assert any(s.published.earliest < s.published.latest for p in paths for s in load_scenario(p).sources)
