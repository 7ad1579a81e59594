"""Corpus files: each chunk written as a standalone scenario file through the scenario writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.generate.corpus import Chunk, check_sizes, generate_chunks
from tracker.scenario.writer import scenario_yaml, write_scenario


def _comment(chunk: Chunk) -> str:
    return f"{chunk.scenario.title}: written by tracker.generate."


def chunk_yaml(chunk: Chunk) -> str:
    """The chunk as a standalone scenario file (sources with inline text), loading back to
    the same sources, summits, claims and corrections."""
    return scenario_yaml(chunk.scenario, chunk.texts, comment=_comment(chunk))


def write_corpus(
    out_dir: Path,
    claims: int,
    summits: int,
    seed: int,
    per_file: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write the corpus `generate(claims, summits, seed, per_file)` as standalone scenario
    files `corpus-00001.yaml`, ... in `out_dir` (created if need be; a folder that already
    holds corpus files is refused). Calls `progress(claims in the file)` after each file."""
    check_sizes(claims, summits, per_file)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.glob("corpus-*.yaml")):
        raise ValueError(f"{out_dir} already holds corpus-*.yaml files")
    written = []
    for index, chunk in enumerate(generate_chunks(claims, summits, seed, per_file), start=1):
        path = out_dir / f"corpus-{index:05d}.yaml"
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            write_scenario(stream.write, chunk.scenario, chunk.texts, comment=_comment(chunk))
        written.append(path)
        if progress is not None:
            progress(len(chunk.scenario.claims))
    return written
