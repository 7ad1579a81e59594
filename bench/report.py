"""RESULTS.md: the targets of issue 13 with pass/fail per backend, the figures with their floors
and ratios, side by side per size, and the raw figures as JSON."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

BACKENDS = ("sqlite", "postgres")
TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
ROOT = Path(__file__).resolve().parent.parent
PROCESS_COMMANDS = {
    "state": "state --at D",
    "state_listed": "state --at D --claims all",
    "state_recorded_at": "state --at D --recorded-at T",
    "one_explained": "state --at D --summit S",
    "popular_explained": "state --at D --summit P",
    "popular_listed": "state --at D --summit P --claims all",
    "timeline": "timeline P",
    "claims": "claims --summit P",
    "explain": "explain P --at D",
    "explain_all": "explain P --at D --claims all",
    "summits": "summits --at D",
    "sources": "sources",
    "changes": "changes (a fortnight)",
    "report": "report --summit P",
    "state_table": "state --at D (a table)",
    "timeline_table": "timeline P (a table)",
    "claims_table": "claims --summit P (a table)",
    "sources_table": "sources (a table)",
    "rebuild": "rebuild",
    "ingest": "ingest CORPUS",
}


def derived(r: dict[str, Any], claims: int) -> dict[str, Any]:
    """Rates and ratios of one backend's raw figures."""
    p = r["process"]
    peak_name = max(p, key=lambda name: p[name]["peak_mb"])
    record_eps = r["events"] / r["record_s"]
    bare_eps = r["bare_events"] / r["bare_s"]
    rebuild_cps = claims / r["rebuild_s"]
    extraction_cps = claims / r["extraction_s"]
    return {
        "record_eps": record_eps,
        "bare_eps": bare_eps,
        "raw_eps": r["bare_events"] / r["raw_insert_s"],
        "record_vs_save": record_eps / bare_eps,
        "record_vs_build_and_save": (r["bare_s"] + r["build_s"]) / r["record_s"],
        "record_vs_raw": record_eps / (r["bare_events"] / r["raw_insert_s"]),
        "catch_up_cps": claims / r["catch_up_s"],
        "rebuild_cps": rebuild_cps,
        "process_rebuild_cps": claims / p["rebuild"]["wall_s"],
        "extraction_cps": extraction_cps,
        "rebuild_vs_extraction": rebuild_cps / extraction_cps,
        "library_scan_rps": r["library_scan_rows"] / r["library_scan_s"],
        "raw_scan_rps": r["raw_scan_rows"] / r["raw_scan_s"],
        "ingest_vs_record": p["ingest"]["wall_s"] / r["record_s"],
        "peak_mb": p[peak_name]["peak_mb"],
        "peak_command": PROCESS_COMMANDS.get(peak_name, peak_name),
        "bytes_per_claim": r["sizes"]["total"] / claims,
        "event_bytes_per_claim": r["sizes"]["events"] / claims,
        "view_bytes_per_claim": r["sizes"]["view"] / claims,
    }


Target = tuple[str, str, Callable[[dict[str, Any], dict[str, Any], str], tuple[str, bool | None]]]


def _at_least(value: float, goal: float, shown: str) -> tuple[str, bool]:
    return shown, value >= goal


def _under(value: float, goal: float, shown: str) -> tuple[str, bool]:
    return shown, value < goal


def _ms(value: float) -> str:
    return f"{value:,.1f} ms" if value < 1000 else f"{value / 1000:,.2f} s"


LISTED_BEFORE = {"state", "state_recorded_at", "one_explained", "popular_explained", "explain"}
"""What a run of an earlier benchmark measured with every claim listed (explained): before
`state` counted the claims by default and `explain` explained the strongest 20."""


def _earlier(r: dict[str, Any], name: str) -> str:
    """A note on a figure of `name` that a run of an earlier benchmark measured otherwise."""
    listed_then = name in LISTED_BEFORE and "state_listed" not in r["in_process"]
    return " (every claim listed, an earlier benchmark)" if listed_then else ""


def _in_process_under(name: str, stat: str, goal_ms: float) -> Callable[..., tuple[str, bool]]:
    """A target on an in-process latency (`stat`: p50 or p99), in ms."""
    return lambda r, d, b: _under(
        r["in_process"][name][stat], goal_ms, _ms(r["in_process"][name][stat]) + _earlier(r, name)
    )


def _process_under(name: str, goal_ms: float) -> Callable[..., tuple[str, bool]]:
    """A target on a command's wall time as a process, in ms."""
    return lambda r, d, b: _under(
        r["process"][name]["wall_s"] * 1000,
        goal_ms,
        _ms(r["process"][name]["wall_s"] * 1000) + _earlier(r, name),
    )


TARGETS: list[Target] = [
    (
        "1. rebuild (`Tracker.rebuild`, in-process), claims/s",
        ">= 100k (SQLite), 50k (PostgreSQL)",
        lambda r, d, b: _at_least(
            d["rebuild_cps"], 100_000 if b == "sqlite" else 50_000, f"{d['rebuild_cps']:,.0f}"
        ),
    ),
    (
        "1. rebuild / SQL extraction floor (same run)",
        ">= 0.5",
        lambda r, d, b: _at_least(d["rebuild_vs_extraction"], 0.5, f"{d['rebuild_vs_extraction']:.3f}"),
    ),
    (
        "2. `state --at D` (all summits; deciding claims, the others counted), in-process p50",
        "< 100 ms",
        _in_process_under("state", "p50", 100),
    ),
    (
        "2. `state --at D`, as a process p50",
        "< 400 ms",
        _process_under("state", 400),
    ),
    (
        "2. `state --at D --recorded-at T`, in-process p50",
        "< 500 ms",
        _in_process_under("state_recorded_at", "p50", 500),
    ),
    (
        "2. `state --at D --recorded-at T`, as a process p50",
        "< 500 ms",
        _process_under("state_recorded_at", 500),
    ),
    (
        "2. one summit explained (random summits), in-process p99",
        "< 5 ms",
        _in_process_under("one_explained", "p99", 5),
    ),
    (
        "2. the most popular summit explained, in-process p99",
        "< 5 ms",
        _in_process_under("popular_explained", "p99", 5),
    ),
    (
        "2. `timeline P` (most popular summit), in-process p50",
        "< 200 ms",
        _in_process_under("timeline", "p50", 200),
    ),
    (
        "2. `timeline P`, as a process p50",
        "< 200 ms",
        _process_under("timeline", 200),
    ),
    (
        "2. `claims --summit P`, in-process p50",
        "< 200 ms",
        _in_process_under("claims", "p50", 200),
    ),
    (
        "2. `claims --summit P`, as a process p50",
        "< 200 ms",
        _process_under("claims", 200),
    ),
    (
        "3. `tracker ingest` wall time / recording time",
        "<= 1.5",
        lambda r, d, b: (f"{d['ingest_vs_record']:.2f}", d["ingest_vs_record"] <= 1.5),
    ),
    (
        "3. recording / bare `Application.save`",
        ">= 0.8",
        lambda r, d, b: _at_least(d["record_vs_save"], 0.8, f"{d['record_vs_save']:.2f}"),
    ),
    (
        "4. peak memory of every command (max RSS)",
        "< 500 MB",
        lambda r, d, b: _under(d["peak_mb"], 500, f"{d['peak_mb']:,.0f} MB ({d['peak_command']})"),
    ),
    (
        "4. bytes per claim (whole store)",
        "<= 1 KB on SQLite (PostgreSQL reported)",
        lambda r, d, b: (
            f"{d['bytes_per_claim']:,.0f} B",
            d["bytes_per_claim"] <= 1024 if b == "sqlite" else None,
        ),
    ),
]
TARGET_ROWS = [name for name, _, _ in TARGETS]

Figure = tuple[str, Callable[[dict[str, Any], dict[str, Any]], str]]


def _process(name: str) -> Callable[[dict[str, Any], dict[str, Any]], str]:
    def cell(r: dict[str, Any], d: dict[str, Any]) -> str:
        if name not in r["process"]:
            return "not measured"  # a run of an earlier benchmark
        p = r["process"][name]
        shown = f"{p['wall_s'] * 1000:,.0f} ms / {p['cpu_s'] * 1000:,.0f} ms / {p['peak_mb']:,.0f} MB"
        return shown + _earlier(r, name)

    return cell


def _inproc(name: str) -> Callable[[dict[str, Any], dict[str, Any]], str]:
    def cell(r: dict[str, Any], d: dict[str, Any]) -> str:
        if name not in r["in_process"]:
            return "not measured"  # a run of an earlier benchmark
        s = r["in_process"][name]
        return f"{_ms(s['p50'])} / {_ms(s['p99'])} (n={s['n']})" + _earlier(r, name)

    return cell


FIGURES: list[Figure] = [
    ("events recorded", lambda r, d: f"{r['events']:,}"),
    ("record (`TrackerApplication.record`), events/s", lambda r, d: f"{d['record_eps']:,.0f}"),
    ("floor: bare `Application.save`, events/s", lambda r, d: f"{d['bare_eps']:,.0f}"),
    ("floor: raw inserts (sqlite3 executemany / COPY), events/s", lambda r, d: f"{d['raw_eps']:,.0f}"),
    ("record / bare save", lambda r, d: f"{d['record_vs_save']:.2f}"),
    ("record / (build events + bare save)", lambda r, d: f"{d['record_vs_build_and_save']:.2f}"),
    ("record / raw inserts", lambda r, d: f"{d['record_vs_raw']:.2f}"),
    ("catch-up on opening an unbuilt store, claims/s", lambda r, d: f"{d['catch_up_cps']:,.0f}"),
    ("rebuild (`Tracker.rebuild`, in-process), claims/s", lambda r, d: f"{d['rebuild_cps']:,.0f}"),
    ("`tracker rebuild` as a process, claims/s (wall)", lambda r, d: f"{d['process_rebuild_cps']:,.0f}"),
    ("floor: SQL extraction into columnar tables, claims/s", lambda r, d: f"{d['extraction_cps']:,.0f}"),
    ("rebuild / SQL extraction", lambda r, d: f"{d['rebuild_vs_extraction']:.3f}"),
    ("floor: library scan (`select_notifications`), events/s", lambda r, d: f"{d['library_scan_rps']:,.0f}"),
    ("floor: raw scan of the stored events, rows/s", lambda r, d: f"{d['raw_scan_rps']:,.0f}"),
    ("in-process `state --at D` (claims counted), p50 / p99", _inproc("state")),
    ("in-process `state --at D --claims all` (every claim listed), p50 / p99", _inproc("state_listed")),
    ("in-process `state --at D --recorded-at T`, p50 / p99", _inproc("state_recorded_at")),
    ("in-process one summit explained (random), p50 / p99", _inproc("one_explained")),
    ("in-process most popular summit explained, p50 / p99", _inproc("popular_explained")),
    ("in-process most popular summit, `--claims all`, p50 / p99", _inproc("popular_listed")),
    ("in-process `timeline P`, p50 / p99", _inproc("timeline")),
    ("in-process `claims --summit P`, p50 / p99", _inproc("claims")),
    ("process `state --at D`: wall p50 / CPU p50 / peak", _process("state")),
    ("process `state --at D --claims all`: wall / CPU / peak", _process("state_listed")),
    ("process `state --at D --recorded-at T`: wall / CPU / peak", _process("state_recorded_at")),
    ("process `state --summit S` (random): wall / CPU / peak", _process("one_explained")),
    ("process `state --summit P` (most popular): wall / CPU / peak", _process("popular_explained")),
    ("process `state --summit P --claims all`: wall / CPU / peak", _process("popular_listed")),
    ("process `timeline P`: wall / CPU / peak", _process("timeline")),
    ("process `claims --summit P`: wall / CPU / peak", _process("claims")),
    ("process `explain P --at D` (the 20 strongest others): wall / CPU / peak", _process("explain")),
    ("process `explain P --at D --claims all` (every claim): wall / CPU / peak", _process("explain_all")),
    ("process `summits --at D`: wall / CPU / peak", _process("summits")),
    ("process `sources`: wall / CPU / peak", _process("sources")),
    ("process `changes` of the fortnight to D: wall / CPU / peak", _process("changes")),
    ("process `report --summit P` (an HTML page): wall / CPU / peak", _process("report")),
    ("process `state --at D` as a table: wall / CPU / peak", _process("state_table")),
    ("process `timeline P` as a table: wall / CPU / peak", _process("timeline_table")),
    ("process `claims --summit P` as a table: wall / CPU / peak", _process("claims_table")),
    ("process `sources` as a table: wall / CPU / peak", _process("sources_table")),
    ("process `rebuild`: wall / CPU / peak", _process("rebuild")),
    ("process `ingest` of the YAML corpus: wall / CPU / peak", _process("ingest")),
    ("recording time (the benchmark's `record`), s", lambda r, d: f"{r['record_s']:,.2f}"),
    ("`ingest` wall / recording time", lambda r, d: f"{d['ingest_vs_record']:.2f}"),
    (
        "store size: total MB (events / view, B per claim)",
        lambda r, d: (
            f"{r['sizes']['total'] / 2**20:,.1f} MB "
            f"({d['event_bytes_per_claim']:,.0f} / {d['view_bytes_per_claim']:,.0f} B)"
        ),
    ),
    (
        "store size after the rebuilds, MB (database MB)",
        lambda r, d: (
            f"{r['sizes_after_rebuilds']['total'] / 2**20:,.1f}"
            + (
                f" ({r['sizes_after_rebuilds']['database'] / 2**20:,.1f})"
                if "database" in r["sizes_after_rebuilds"]
                else ""
            )
        ),
    ),
    ("bytes per claim", lambda r, d: f"{d['bytes_per_claim']:,.0f}"),
]
FIGURE_ROWS = [name for name, _ in FIGURES]


def commit() -> str:
    """The checked-out commit, read from the repository's files (git itself is not run)."""
    try:
        git = ROOT / ".git"
        if git.is_file():
            git = (ROOT / git.read_text().split(":", 1)[1].strip()).resolve()
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head
        ref = head.split(" ", 1)[1]
        if (git / ref).exists():
            return (git / ref).read_text().strip()
        common = git / "commondir"
        base = (git / common.read_text().strip()).resolve() if common.exists() else git
        if (base / ref).exists():
            return (base / ref).read_text().strip()
        for line in (base / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    except OSError:
        pass
    return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def size_section(result: dict[str, Any]) -> list[str]:
    claims = result["claims"]
    ran = [b for b in BACKENDS if b in result["backends"]]
    figures = {b: derived(result["backends"][b], claims) for b in ran}
    first = result["backends"][ran[0]]
    lines = [
        f"## {claims:,} claims",
        "",
        (
            f"Measured {result['run']['at']} by `{result['run']['command']}` at commit "
            f"`{result['run']['commit'][:12]}`. "
            if "run" in result
            else ""
        )
        + f"{first['summits']:,} summits; most popular summit P = `{first['popular']}` "
        f"({first['popular_claims']:,} claims); T = the moment half the chunks were recorded. "
        f"YAML corpus: {result['yaml_files']:,} files, {result['yaml_bytes'] / 2**20:,.1f} MB; "
        f"`load_scenario` of all of them in-process: {result['yaml_load_s']:,.2f} s "
        f"({result['yaml_load_s'] / claims * 1e6:,.1f} µs per claim).",
        "",
        f"### Targets (issue 13; its targets are for 1M claims, shown here at {claims:,})",
        "",
        "| target | goal | " + " | ".join(TITLES[b] for b in BACKENDS) + " |",
        "|---|---|" + "---|" * len(BACKENDS),
    ]
    for name, goal, check in TARGETS:
        cells = []
        for b in BACKENDS:
            if b not in ran:
                cells.append("not run")
                continue
            shown, ok = check(result["backends"][b], figures[b], b)
            cells.append(f"{shown}: {'—' if ok is None else 'met' if ok else '**MISSED**'}")
        lines.append(f"| {name} | {goal} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "### Figures, floors and ratios",
        "",
        "| measure | " + " | ".join(TITLES[b] for b in BACKENDS) + " |",
        "|---|" + "---|" * len(BACKENDS),
    ]
    for name, cell in FIGURES:
        cells = [cell(result["backends"][b], figures[b]) if b in ran else "not run" for b in BACKENDS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    share = {b: result["yaml_load_s"] / result["backends"][b]["process"]["ingest"]["wall_s"] for b in ran}
    lines += [
        "",
        "YAML loading as a share of `tracker ingest`'s wall time (loading measured apart, in-process): "
        + ", ".join(f"{TITLES[b]} {share[b]:.0%}" for b in ran)
        + ".",
        "",
    ]
    return lines


def earlier_results(path: Path) -> list[dict[str, Any]]:
    """The raw figures of an earlier report (its JSON block)."""
    text = path.read_text(encoding="utf-8")
    start = text.index("```json\n") + len("```json\n")
    found: list[dict[str, Any]] = json.loads(text[start : text.index("\n```", start)])
    return found


def report(results: list[dict[str, Any]], command: str) -> str:
    sizes = ", ".join(f"{r['claims']:,}" for r in results)
    ran = sorted({b for r in results for b in r["backends"]}, key=BACKENDS.index)
    postgres = next((r["postgres_version"] for r in results if "postgres_version" in r), None)
    lines = [
        "# Benchmark results",
        "",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC at commit `{commit()}` (plus the working "
        f"tree's changes), {os.cpu_count()} cores ({_cpu_model()}), "
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"SQLite {sqlite3.sqlite_version}"
        + (f", PostgreSQL {postgres} on the same machine" if postgres else "")
        + f". Command: `{command}`. Sizes reported: {sizes} claims (each says the run that measured it); "
        "backends: "
        + ", ".join(TITLES[b] for b in ran)
        + ". Corpus: `tracker generate`'s generator, seed 1, one summit per 100 claims (at least 20), "
        "1000 claims per chunk (one transaction per chunk when recording; one file per chunk for "
        "`tracker ingest`).",
        "",
        "The machine is shared with other work and its two cores also run the PostgreSQL server: "
        "figures are noisy (expect 10-30% between runs), and ratios measured in the same run mean "
        "more than absolute figures. What each figure measures: the docstrings of `bench/run.py`, "
        "`bench/recording.py`, `bench/floors.py` and `bench/commands.py`; where the time goes: "
        "[NOTES.md](NOTES.md).",
        "",
    ]
    for result in results:
        lines += size_section(result)
    lines += ["## Raw figures (JSON)", "", "```json", json.dumps(results, indent=1), "```", ""]
    return "\n".join(lines)
