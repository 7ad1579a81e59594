"""The capture assistant (`tracker draft`) against the annotated seed scenario.

    python bench/capture.py                 # prints the figures, writes bench/CAPTURE.md
    python bench/capture.py --out -         # prints only

For every source of scenarios/putin_trump_2025.yaml it drafts the claims of the source's text
as `tracker draft` does, with the scenario's summits standing in for the store's (so that
summit matching is measured too), and the publication day printed in the text's header, or,
for a text that prints none (as `tracker draft --published` would be given), the last day
the scenario gives. Then, against the annotated claims:

- recall: the share of annotated claims whose quote a candidate's quote overlaps;
- precision: the share of candidates whose quote overlaps an annotated claim's;
- among the matched annotated claims (each paired with the candidate overlapping it most):
  how often kind, modality, attribution kind, speaker, stated_on and summits agree;
- candidates per annotated claim.

Targets (issue 15): recall >= 0.8; kind and attribution kind right in >= 0.7 of matched;
at most 2 candidates per annotated claim.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.capture import textinput  # noqa: E402
from tracker.capture.assistant import draft  # noqa: E402
from tracker.capture.source import printed_date  # noqa: E402
from tracker.domain.models import Claim  # noqa: E402
from tracker.domain.quotes import find_quote  # noqa: E402
from tracker.scenario.load import load_scenario  # noqa: E402

SCENARIO = ROOT / "scenarios" / "putin_trump_2025.yaml"
FIELDS = ("kind", "modality", "attribution kind", "speaker", "stated_on", "summits")
TARGETS = {"recall": 0.8, "kind": 0.7, "attribution kind": 0.7}
MAX_RATIO = 2.0


def _speaker(claim: Claim) -> str | None:
    speaker = claim.attribution.speaker
    return speaker.casefold().removeprefix("the ") if speaker else None


def agree(field_name: str, annotated: Claim, candidate: Claim) -> bool:
    if field_name == "kind":
        return annotated.kind == candidate.kind
    if field_name == "modality":
        return annotated.modality == candidate.modality
    if field_name == "attribution kind":
        return annotated.attribution.kind == candidate.attribution.kind
    if field_name == "speaker":
        return _speaker(annotated) == _speaker(candidate)
    if field_name == "stated_on":
        return annotated.stated_on == candidate.stated_on
    return bool(set(annotated.summits) & set(candidate.summits))


@dataclass
class Figures:
    annotated: int = 0
    candidates: int = 0
    recalled: int = 0
    precise: int = 0
    agreed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    def add(self, other: Figures) -> None:
        self.annotated += other.annotated
        self.candidates += other.candidates
        self.recalled += other.recalled
        self.precise += other.precise
        self.seconds += other.seconds
        for name, count in other.agreed.items():
            self.agreed[name] += count

    def share(self, name: str) -> float:
        return self.agreed[name] / self.recalled if self.recalled else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.annotated if self.annotated else 0.0

    @property
    def precision(self) -> float:
        return self.precise / self.candidates if self.candidates else 0.0

    @property
    def ratio(self) -> float:
        return self.candidates / self.annotated if self.annotated else 0.0


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def measure() -> tuple[dict[str, Figures], list[str]]:
    scenario = load_scenario(SCENARIO)
    per_source: dict[str, Figures] = {}
    misses: list[str] = []
    for source in sorted(scenario.sources, key=lambda s: str(s.file)):
        path = (SCENARIO.parent / str(source.file)).resolve()
        news = textinput.read(path)
        published = None if printed_date(news.text) else source.published.latest
        started = time.perf_counter()
        result = draft(news, SCENARIO.parent, published, None, scenario.summits)
        figures = Figures(seconds=time.perf_counter() - started)
        annotated = [c for c in scenario.claims if c.source == source.id]
        spans = {}
        for claim in annotated:
            found = find_quote(news.text, claim.quote)
            assert found is not None, claim.id
            spans[claim.id] = (found.start, found.end)
        figures.annotated = len(annotated)
        figures.candidates = len(result.claims)
        figures.precise = sum(any(overlap(d.span, spans[c.id]) for c in annotated) for d in result.claims)
        for claim in annotated:
            best = max(result.claims, key=lambda d: overlap(d.span, spans[claim.id]), default=None)
            if best is None or not overlap(best.span, spans[claim.id]):
                misses.append(f"{source.id}: missed {claim.id}: {claim.quote[:70]!r}")
                continue
            figures.recalled += 1
            for name in FIELDS:
                if agree(name, claim, best.claim):
                    figures.agreed[name] += 1
                else:
                    misses.append(
                        f"{source.id}: {claim.id}: {name} differs: annotated "
                        f"{_value(name, claim)!r}, drafted {_value(name, best.claim)!r}"
                    )
        per_source[f"{source.id} ({path.name})"] = figures
    return per_source, misses


def _value(name: str, claim: Claim) -> object:
    return {
        "kind": claim.kind.value,
        "modality": claim.modality.value,
        "attribution kind": claim.attribution.kind.value,
        "speaker": claim.attribution.speaker,
        "stated_on": str(claim.stated_on) if claim.stated_on else None,
        "summits": list(claim.summits),
    }[name]


def report(per_source: dict[str, Figures], misses: list[str]) -> str:
    total = Figures()
    for figures in per_source.values():
        total.add(figures)
    lines = [
        "# Capture assistant against the annotated seed scenario",
        "",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC. Command: `python bench/capture.py`. "
        "Annotated claims: `scenarios/putin_trump_2025.yaml`; the scenario's summits stand in for the "
        "store's; a text that prints no publication date gets the scenario's last day, as "
        "`--published` would give it.",
        "",
        f"- recall: **{total.recall:.2f}** ({total.recalled} of {total.annotated} annotated claims "
        "overlapped by a candidate's quote; target >= 0.8)",
        f"- precision: **{total.precision:.2f}** ({total.precise} of {total.candidates} candidates "
        "overlap an annotated claim)",
        f"- candidates per annotated claim: **{total.ratio:.2f}** (target <= {MAX_RATIO:.0f})",
        "- among matched claims, agreement: "
        + ", ".join(f"{name} **{total.share(name):.2f}**" for name in FIELDS)
        + " (targets: kind and attribution kind >= 0.7)",
        f"- time: {total.seconds:.2f} s for {len(per_source)} texts (spaCy loaded once)",
        "",
        "| text | annotated | candidates | recall | precision | " + " | ".join(FIELDS) + " |",
        "|---|---|---|---|---|" + "---|" * len(FIELDS),
    ]
    for name, f in [*per_source.items(), ("all", total)]:
        lines.append(
            f"| {name} | {f.annotated} | {f.candidates} | {f.recall:.2f} | {f.precision:.2f} | "
            + " | ".join(f"{f.share(n):.2f}" for n in FIELDS)
            + " |"
        )
    verdicts = [
        f"recall {total.recall:.2f}: {'met' if total.recall >= TARGETS['recall'] else 'MISSED'}",
        f"kind {total.share('kind'):.2f}: {'met' if total.share('kind') >= TARGETS['kind'] else 'MISSED'}",
        f"attribution kind {total.share('attribution kind'):.2f}: "
        f"{'met' if total.share('attribution kind') >= TARGETS['attribution kind'] else 'MISSED'}",
        f"candidates per claim {total.ratio:.2f}: {'met' if total.ratio <= MAX_RATIO else 'MISSED'}",
    ]
    lines += ["", "Targets: " + "; ".join(verdicts) + ".", "", "## What it missed or got wrong", ""]
    lines += [f"- {miss}" for miss in misses] or ["- nothing"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "bench" / "CAPTURE.md"), help="'-' for stdout only")
    args = parser.parse_args()
    text = report(*measure())
    print(text, end="")
    if args.out != "-":
        Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
