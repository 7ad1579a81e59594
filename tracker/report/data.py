"""What the report draws, from the same answers the commands give: each summit's timeline as
`tracker timeline S --format json` prints it, the claims as `tracker claims --format json` does
(render's `timeline_json` and `stored_claim_json`), and the corrections of those claims. The records of
each layer (bands, markers, spans, lapses, fixes) are derived from those documents only, so that
the page and the command line cannot disagree."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tracker.cli import render
from tracker.domain.dates import span_of
from tracker.domain.models import describe
from tracker.domain.vocabulary import Status
from tracker.service import Tracker

MARGIN_BEFORE = dt.timedelta(days=7)
MARGIN_AFTER = dt.timedelta(days=14)
"""Days drawn before the first dated thing and, without `--at`, after the last."""
DAY = dt.timedelta(days=1)

Record = dict[str, Any]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def claim_day(claim: Record) -> dt.date:
    """Where a claim's marker stands: the day it was stated, else the day its source was
    published; of a range, its last day (as a source counts from the last day of its range, R1)."""
    return span_of(claim["stated_on"] or claim["published"]).latest


def speaker(claim: Record) -> str:
    """Whose word a claim is, as `tracker claims` shows it in its table (`describe`)."""
    return describe(claim["attribution"], claim["speaker"], claim["role"], claim["via"], claim["outlet"])


@dataclass(frozen=True)
class ReportData:
    """The documents a page shows, and the records of each of its layers."""

    summits: list[Record]
    """`{id, title}` of each summit shown, in the store's order."""
    timelines: list[Record]
    """`tracker timeline S --format json` of each, without the steps after `at`."""
    claims: list[Record]
    """`tracker claims --format json` records about those summits (published by `at`)."""
    corrections: list[Record]
    """`{id, claim, action, reason}`: the corrections of those claims, as recorded."""
    at: dt.date | None
    first: dt.date
    """The first day drawn."""
    last: dt.date
    """The last day drawn: `at`, else a fortnight after the last dated thing."""

    def document(self) -> Record:
        """The page's embedded data: what the commands print, and the days drawn."""
        return {
            "at": self.at.isoformat() if self.at else None,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "summits": self.summits,
            "timelines": self.timelines,
            "claims": self.claims,
            "corrections": self.corrections,
        }

    @property
    def summit_ids(self) -> list[str]:
        return [summit["id"] for summit in self.summits]

    def bands(self) -> list[Record]:
        """One per step of each timeline, from its day to the next step's (the first step from
        the first day drawn, the last to the day after the last day drawn)."""
        bands = []
        end_of_drawing = (self.last + DAY).isoformat()
        for timeline in self.timelines:
            history = timeline["history"]
            for index, step in enumerate(history):
                following = history[index + 1]["from"] if index + 1 < len(history) else end_of_drawing
                bands.append(
                    {
                        "summit": timeline["summit"],
                        "from": step["from"],
                        "start": step["from"] or self.first.isoformat(),
                        "end": following,
                        "status": step["status"],
                        "since": step["since"],
                        "venue": step["venue"],
                        "window": step["window"],
                        "held_on": step["held_on"],
                        "decided_by": step["decided_by"],
                        "decided": ", ".join(step["decided_by"]) or "(no claim)",
                        "contested": ", ".join(step["contested_by"]) or "no",
                    }
                )
        return bands

    def lapses(self) -> list[Record]:
        """The days a summit lapsed: its window passed with the meeting still open."""
        return [
            {"summit": band["summit"], "day": band["start"], "window": band["window"]}
            for band in self.bands()
            if band["status"] == Status.LAPSED.value and band["from"] is not None
        ]

    def markers(self) -> list[Record]:
        """One per claim and summit shown that it concerns, at the claim's day (made once: the
        chart, its spans and its fixes all draw on them)."""
        return self._markers

    @functools.cached_property
    def _markers(self) -> list[Record]:
        shown = set(self.summit_ids)
        fixes: dict[str, list[Record]] = {}
        for correction in self.corrections:
            fixes.setdefault(correction["claim"], []).append(correction)
        markers = []
        for claim in self.claims:
            corrections = fixes.get(claim["id"], [])
            if claim["retracted"]:
                fixed = "retracted"
            elif corrections:
                fixed = "corrected"
            else:
                fixed = "none"
            for summit in claim["summits"]:
                if summit in shown:
                    markers.append(
                        {
                            "summit": summit,
                            "claim": claim["id"],
                            "day": sys.intern(claim_day(claim).isoformat()),
                            "kind": claim["kind"],
                            "modality": claim["modality"],
                            "attribution": claim["attribution"],
                            "speaker": sys.intern(speaker(claim)),
                            "source": claim["source"],
                            "outlet": claim["outlet"],
                            "published": claim["published"],
                            "stated_on": claim["stated_on"],
                            "condition": claim["condition"],
                            "quote": claim["quote"],
                            "retracted": claim["retracted"],
                            "fixed": fixed,
                            "fixes": "; ".join(
                                f"{c['action']} ({c['id']}): {c['reason']}" for c in corrections
                            ),
                        }
                    )
        return markers

    def fixes(self) -> list[Record]:
        """The markers of claims that were retracted or corrected."""
        return [marker for marker in self.markers() if marker["fixed"] != "none"]

    def spans(self) -> list[Record]:
        """What is dated only by a range, on the row of each summit concerned, from the range's
        first day to the day after its last: a source's publication (once per source and
        summit), and a claim's `stated_on`."""
        spans: dict[tuple[str, str, str], Record] = {}
        for marker in self.markers():
            for dated, text, ident in (
                ("published", marker["published"], marker["source"]),
                ("stated", marker["stated_on"], marker["claim"]),
            ):
                span = span_of(text) if text else None
                if span is None or span.exact:
                    continue
                key = (marker["summit"], dated, ident)
                if key not in spans:
                    spans[key] = {
                        "summit": marker["summit"],
                        "dated": dated,
                        "source": marker["source"],
                        "outlet": marker["outlet"],
                        "claim": marker["claim"] if dated == "stated" else None,
                        "range": text,
                        "start": span.earliest.isoformat(),
                        "end": (span.latest + DAY).isoformat(),
                        "claims": 0,
                    }
                spans[key]["claims"] += 1
        return list(spans.values())


def _cut(timeline: Record, at: dt.date | None) -> Record:
    """A timeline without the steps after `at`: what could be believed up to that day."""
    if at is None:
        return timeline
    history = [step for step in timeline["history"] if step["from"] is None or _day(step["from"]) <= at]
    return {**timeline, "history": history}


def collect(tracker: Tracker, at: dt.date | None = None, summit_ids: Sequence[str] = ()) -> ReportData:
    """The report's data for these summits (all when none), up to `at` (everything when None).
    The summits must exist (the command checks)."""
    wanted = set(summit_ids)
    summits = [s for s in tracker.summits() if not wanted or s.id in wanted]
    shown = {s.id for s in summits}
    timelines = [_cut(render.timeline_json(s.id, tracker.timeline(s.id)), at) for s in summits]
    read = tracker.each_stored_claim(among=sorted(shown) if wanted else None)  # as stored: no model
    claims = [
        claim
        for claim in map(render.stored_claim_json, read)
        if shown.intersection(claim["summits"]) and (at is None or span_of(claim["published"]).latest <= at)
    ]
    source_of = {claim["id"]: claim["source"] for claim in claims}
    order = {source: n for n, source in enumerate(dict.fromkeys(source_of.values()))}
    fixes = [c for c in tracker.corrections(sorted(shown) if wanted else None) if c.claim_id in source_of]
    fixes.sort(key=lambda c: order[source_of[c.claim_id]])  # by source, each's in the order recorded
    corrections = [
        {
            "id": c.id,
            "claim": c.claim_id,
            "action": "retract" if c.retracted else "correct",
            "reason": c.reason,
        }
        for c in fixes
    ]
    days = [_day(step["from"]) for t in timelines for step in t["history"] if step["from"]]
    days += [claim_day(claim) for claim in claims]
    days += [span_of(claim["published"]).earliest for claim in claims]
    days += [span_of(claim["stated_on"]).earliest for claim in claims if claim["stated_on"]]
    if at is not None:
        days.append(at)
    if not days:
        days = [dt.date.today()]
    first = min(days) - MARGIN_BEFORE
    last = at if at is not None else max(days) + MARGIN_AFTER
    return ReportData(
        summits=[{"id": s.id, "title": s.title} for s in summits],
        timelines=timelines,
        claims=claims,
        corrections=corrections,
        at=at,
        first=first,
        last=last,
    )
