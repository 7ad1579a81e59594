"""Peak memory of loading one scenario, as a multiple of its file size (1, 4 and 8 MB files).

Run: python bench/load_memory.py [MEGABYTES...]. Each file is written by `tracker.generate`
(self-contained, inline source texts) and loaded in a fresh subprocess, which reports the
peak of Python allocations during loading (tracemalloc) and the growth of its peak RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tracker.generate import chunk_yaml, generate_chunks
from tracker.scenario.limits import MAX_SCENARIO_BYTES

BYTES_PER_CLAIM = 410  # about what `chunk_yaml` writes per claim, sources and summits included

MEASURE = """
import json, resource, sys, time, tracemalloc
from tracker.scenario.load import load_scenario
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
trace = sys.argv[2] == "trace"
if trace:
    tracemalloc.start()
start = time.perf_counter()
scenario = load_scenario(sys.argv[1])
seconds = time.perf_counter() - start
peak = tracemalloc.get_traced_memory()[1] if trace else 0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"claims": len(scenario.claims), "seconds": seconds, "traced": peak,
                  "rss_growth": (after - before) * 1024}))
"""


def scenario_of(megabytes: float, folder: Path) -> Path:
    """A generated scenario of about `megabytes` MB, just under the default limit at most."""
    claims = int(megabytes * 1e6 / BYTES_PER_CLAIM)
    while True:
        chunk = next(generate_chunks(claims, max(10, claims // 40), seed=1, per_chunk=claims))
        text = chunk_yaml(chunk)
        if len(text.encode("utf-8")) <= MAX_SCENARIO_BYTES:
            break
        claims = int(claims * 0.97)
    path = folder / f"scenario-{megabytes:g}mb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def measure(path: Path, mode: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), mode], capture_output=True, text=True, check=True
    )
    figures: dict[str, float] = json.loads(result.stdout)
    return figures


def main(sizes: list[float]) -> None:
    print(
        f"{'file':>10} {'claims':>7} {'load s':>7} {'peak RSS growth':>16} {'x file':>7} "
        f"{'traced peak':>12} {'x file':>7}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            path = scenario_of(megabytes, Path(folder))
            size = path.stat().st_size
            plain = measure(path, "plain")
            traced = measure(path, "trace")
            print(
                f"{size / 1e6:>8.2f}MB {plain['claims']:>7.0f} {plain['seconds']:>7.2f} "
                f"{plain['rss_growth'] / 1e6:>14.1f}MB {plain['rss_growth'] / size:>7.1f} "
                f"{traced['traced'] / 1e6:>10.1f}MB {traced['traced'] / size:>7.1f}"
            )


if __name__ == "__main__":
    main([float(arg) for arg in sys.argv[1:]] or [1, 4, 8])
