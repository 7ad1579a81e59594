"""The whole draft: from a news text to the fragment, and the candidates for the bench."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from tracker.capture import attribution, candidates, cues, people, pipeline, sides, summits
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
    published: dt.date | dt.datetime | None = None,
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
    nations = sides.participants_nations((p.name, p.role) for p in heads)
    matcher = summits.Matcher(list(known), day, nations)
    by_id = {s.id: s for s in known}
    matches = []
    for candidate in drafted:
        surnames = tuple(
            register.people[p].surname if p in register.people else p.split()[-1]
            for p in candidate.participants
        )
        mention = summits.Mention(
            candidate.participants, surnames, candidate.places, candidate.days, candidate.sentence
        )
        matches.append(matcher.match(mention))
    stubs = {m.summit: matcher.finished(m.summit) for m in matches if m.stub is not None}
    claims: list[Drafted] = []
    used: dict[str, DraftedSummit] = {}
    for number, (candidate, match) in enumerate(zip(drafted, matches, strict=True), 1):
        if match.summit in stubs:
            summit, stub_notes = stubs[match.summit]
            used.setdefault(match.summit, DraftedSummit(summit, False))
            summit_note = f"summit {match.summit}: new stub ({', '.join(candidate.participants)})"
            summit_note += "".join(f"; {note}" for note in stub_notes)
        else:
            summit = by_id[match.summit]
            used.setdefault(match.summit, DraftedSummit(summit, True))
            summit_note = f"summit {match.summit}: recorded, matched by {match.why} (score {match.score:.1f})"
            if match.alternatives:
                summit_note += "; also fits " + ", ".join(match.alternatives)
        guess, side_note = _sided(candidate.guess, [summit])
        claim = _claim(entry, number, candidate, guess, match.summit)
        if claim is None:
            continue
        comments = (
            f"candidate {number}, confidence {candidate.confidence:.2f}",
            *(f"  {reason}" for reason in candidate.reasons),
            *([f"  {side_note}"] if side_note else []),
            f"  {summit_note}",
        )
        claims.append(Drafted(claim, comments, (candidate.start, candidate.end)))
    return Draft(entry, tuple(notes), tuple(claims), tuple(used.values()), tuple(drafted))


def _span(days: tuple[dt.date, dt.date] | None) -> DateSpan | None:
    return DateSpan(earliest=days[0], latest=days[1]) if days else None


def _sided(guess: attribution.Guess, concerned: Sequence[Summit]) -> tuple[attribution.Guess, str]:
    """The guess with its `speaks_for` as the summits know the side (`sides.speaks_for`), and
    a comment saying where it came from; none for an outlet or anonymous sources."""
    if guess.kind not in ("official", "background"):
        return guess, ""
    speaker = guess.speaker if guess.kind == "official" else None
    value, note = sides.speaks_for(speaker, guess.hint, concerned)
    if value is not None:
        return replace(guess, speaks_for=value), note
    if speaker is not None and any(speaker in s.participants for s in concerned):
        return guess, ""
    if guess.kind == "background":
        return guess, "side not stated: add `speaks_for` if the text says whose official it is"
    return guess, (
        "side not known: without `speaks_for` the word counts as a party's (R2); add it if the "
        "speaker speaks for the host or a third party"
    )


def _claim(
    source: Source, number: int, candidate: candidates.Candidate, guess: attribution.Guess, summit: str
) -> Claim | None:
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
                "attribution": attribution.as_fields(guess),
                "stated_on": _span(candidate.stated_on),
                "quote": candidate.quote,
                "held_on": _span(candidate.held_on),
                "venue": candidate.venue,
            }
        )
    except ValidationError:
        return None
