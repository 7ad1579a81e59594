"""The whole draft: from a news text to the fragment, and the candidates for the bench."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tracker.capture import attribution, candidates, cues, people, pipeline, summits
from tracker.capture import source as source_entry
from tracker.capture.fragment import Drafted, DraftedSummit, fragment
from tracker.capture.textinput import NewsText
from tracker.domain.dates import DateSpan
from tracker.domain.models import Claim, Source, Summit

NO_CLAIM = (
    "No statement about a meeting was found in this text: no candidate claims. Add claims by hand "
    "if it has some (see the README, 'Scenario files')."
)


@dataclass(frozen=True)
class Draft:
    source: Source
    source_notes: tuple[str, ...]
    claims: tuple[Drafted, ...]
    summits: tuple[DraftedSummit, ...]
    candidates: tuple[candidates.Candidate, ...]

    def yaml(self, header: Sequence[str] = ()) -> str:
        return fragment(header, self.source, self.source_notes, self.summits, self.claims, NO_CLAIM)


def draft(
    news: NewsText,
    folder: Path,
    published: dt.date | None = None,
    outlet: str | None = None,
    known: Sequence[Summit] = (),
) -> Draft:
    """Draft the fragment of `news`, its file named relative to `folder`; `known` are the
    summits already recorded, matched before any stub is proposed. LookupError if the text
    prints no publication date and none is given."""
    entry, notes = source_entry.source(news.path, news.raw, news.text, folder, published, outlet)
    day = entry.published.latest
    doc = pipeline.parse(news.text)
    sentences = pipeline.sentences(doc)
    found = cues.find(doc)
    register = people.register(news.text, [p for s in known for p in s.participants])
    heads = [p for p in register.people.values() if not p.staff]
    counts = Counter({p.name: p.mentions for p in heads})
    main = tuple(name for name, _ in counts.most_common(2))
    places = summits.places_of(news.text, register.people)
    places |= {s.venue.split(",")[0].strip() for s in known if s.venue}
    places = {p for p in places if p in news.text}
    context = candidates.Context(day, register, places, main)
    drafted = candidates.draft(doc, news.text, sentences, found, context)
    matcher = summits.Matcher(list(known), day)
    claims: list[Drafted] = []
    used: dict[str, DraftedSummit] = {}
    by_id = {s.id: s for s in known}
    for number, candidate in enumerate(drafted, 1):
        surnames = tuple(
            register.people[p].surname if p in register.people else p.split()[-1]
            for p in candidate.participants
        )
        mention = summits.Mention(
            candidate.participants, surnames, candidate.places, candidate.days, candidate.sentence
        )
        match = matcher.match(mention)
        if match.stub is not None:
            used.setdefault(match.summit, DraftedSummit(match.stub, False))
            summit_note = f"summit {match.summit}: new stub ({', '.join(candidate.participants)})"
        else:
            used.setdefault(match.summit, DraftedSummit(by_id[match.summit], True))
            summit_note = f"summit {match.summit}: recorded, matched by {match.why} (score {match.score:.1f})"
            if match.alternatives:
                summit_note += "; also fits " + ", ".join(match.alternatives)
        claim = _claim(entry, number, candidate, match.summit)
        if claim is None:
            continue
        comments = (
            f"candidate {number}, confidence {candidate.confidence:.2f}",
            *(f"  {reason}" for reason in candidate.reasons),
            f"  {summit_note}",
        )
        claims.append(Drafted(claim, comments, (candidate.start, candidate.end)))
    return Draft(entry, tuple(notes), tuple(claims), tuple(used.values()), tuple(drafted))


def _span(days: tuple[dt.date, dt.date] | None) -> DateSpan | None:
    return DateSpan(earliest=days[0], latest=days[1]) if days else None


def _claim(source: Source, number: int, candidate: candidates.Candidate, summit: str) -> Claim | None:
    """The candidate as the model's claim; None (left out) if the model refuses it."""
    try:
        return Claim.model_validate(
            {
                "id": f"{source.id}-{number:02d}",
                "source": source.id,
                "kind": candidate.kind,
                "modality": candidate.modality,
                "condition": candidate.condition,
                "summits": [summit],
                "attribution": attribution.as_fields(candidate.guess),
                "stated_on": _span(candidate.stated_on),
                "quote": candidate.quote,
                "held_on": _span(candidate.held_on),
                "venue": candidate.venue,
            }
        )
    except ValidationError:
        return None
