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
- side: among the matched annotated claims whose word has a side for its summit (a participant
  speaking, or a `speaks_for`), how often the candidate's word resolves to the same side of
  that summit (`Attribution.side`, else the host or third party it names);
- candidates per annotated claim.

The annotated claims are taken as corrected: the scenario's `corrections:` (which give its
claims their `speaks_for`) replace the claims they correct.

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

from tracker.capture import sides, textinput  # noqa: E402
from tracker.capture.assistant import draft  # noqa: E402
from tracker.capture.source import printed_date  # noqa: E402
from tracker.domain.models import Claim, Summit  # noqa: E402
from tracker.domain.quotes import find_quote  # noqa: E402
from tracker.domain.vocabulary import AttributionKind  # noqa: E402
from tracker.scenario.load import load_scenario  # noqa: E402

SCENARIO = ROOT / "scenarios" / "putin_trump_2025.yaml"
FIELDS = ("kind", "modality", "attribution kind", "speaker", "stated_on", "summits")
SIDE = "side"
TARGETS = {"recall": 0.8, "kind": 0.7, "attribution kind": 0.7}
MAX_RATIO = 2.0


def _speaker(claim: Claim) -> str | None:
    speaker = claim.attribution.speaker
    return speaker.casefold().removeprefix("the ") if speaker else None


def side(claim: Claim, summit: Summit) -> str | None:
    """Whom the claim's word speaks for, for `summit`: the party (`Attribution.side`), else the
    host or third party its `speaks_for` names; None for anonymous sources, an outlet, or an
    official whose side is not stated."""
    attribution = claim.attribution
    if attribution.kind in (AttributionKind.ANONYMOUS, AttributionKind.OUTLET):
        return None
    return attribution.side(summit) or attribution.speaks_for


def drafted_side(claim: Claim, summit: Summit) -> str | None:
    """The candidate's side for the annotated `summit`, its `speaks_for` read again against that
    summit as the draft reads one (a country of a participant is that participant's side): the
    candidate may have been drafted against another summit, or a stub with parties."""
    found = side(claim, summit)
    speaks_for = claim.attribution.speaks_for
    if speaks_for is None or found != speaks_for:
        return found
    hint = sides.Hint(
        leader=speaks_for if sides.leader_nation(speaks_for) else None,
        nation=sides.nation_in(speaks_for),
    )
    reading = sides.read(claim.attribution.speaker, hint, summit)
    return reading.value if reading is not None else found


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
    sided: int = 0
    """Matched annotated claims whose word has a side: the denominator of `side`."""
    agreed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: float = 0.0

    def add(self, other: Figures) -> None:
        self.annotated += other.annotated
        self.candidates += other.candidates
        self.recalled += other.recalled
        self.precise += other.precise
        self.sided += other.sided
        self.seconds += other.seconds
        for name, count in other.agreed.items():
            self.agreed[name] += count

    def share(self, name: str) -> float:
        total = self.sided if name == SIDE else self.recalled
        return self.agreed[name] / total if total else 0.0

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
    summits = {s.id: s for s in scenario.summits}
    corrected = {c.claim_id: c.corrected for c in scenario.corrections}
    claims = [corrected.get(c.id, c) for c in scenario.claims]
    per_source: dict[str, Figures] = {}
    misses: list[str] = []
    for source in sorted(scenario.sources, key=lambda s: str(s.file)):
        path = (SCENARIO.parent / str(source.file)).resolve()
        news = textinput.read(path)
        published = None if printed_date(news.text) else source.published.latest
        started = time.perf_counter()
        result = draft(news, SCENARIO.parent, published, None, scenario.summits)
        figures = Figures(seconds=time.perf_counter() - started)
        annotated = [c for c in claims if c is not None and c.source == source.id]
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
            summit = summits[claim.summits[0]]
            wanted = side(claim, summit)
            if wanted is None and best.claim.attribution.speaks_for is not None:
                misses.append(
                    f"{source.id}: {claim.id}: drafted a side the annotation does not give: "
                    f"{_attribution(best.claim)}"
                )
            if wanted is not None:
                figures.sided += 1
                got = drafted_side(best.claim, summit)
                if got == wanted:
                    figures.agreed[SIDE] += 1
                else:
                    misses.append(
                        f"{source.id}: {claim.id}: side for {summit.id} differs: annotated "
                        f"{wanted!r}, drafted {got!r} ({_attribution(best.claim)})"
                    )
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


def _attribution(claim: Claim) -> str:
    a = claim.attribution
    return ", ".join(f"{k}: {v}" for k, v in a.model_dump(mode="json", exclude_none=True).items())


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
        "Annotated claims: `scenarios/putin_trump_2025.yaml`, as its `corrections:` leave them (they give "
        "the claims their `speaks_for`); the scenario's summits stand in for the "
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
        f"- side: **{total.share(SIDE):.2f}** ({total.agreed[SIDE]} of the {total.sided} matched claims "
        "whose annotated word has a side resolve to the same side of the annotated summit: a "
        "participant speaking, or the party, host or third party its `speaks_for` names; no target)",
        f"- time: {total.seconds:.2f} s for {len(per_source)} texts (spaCy loaded once)",
        "",
        "| text | annotated | candidates | recall | precision | " + " | ".join(FIELDS) + " | side |",
        "|---|---|---|---|---|" + "---|" * (len(FIELDS) + 1),
    ]
    for name, f in [*per_source.items(), ("all", total)]:
        lines.append(
            f"| {name} | {f.annotated} | {f.candidates} | {f.recall:.2f} | {f.precision:.2f} | "
            + " | ".join(f"{f.share(n):.2f}" for n in FIELDS)
            + f" | {f.share(SIDE):.2f} ({f.agreed[SIDE]}/{f.sided}) |"
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
