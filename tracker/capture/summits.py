"""The summits a candidate concerns: matched against the summits already recorded (by
participants, place and time), or proposed as new summit stubs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker.capture import lexicon, sides
from tracker.capture.source import slug
from tracker.domain.models import Summit

_PLACE_AFTER = re.compile(
    r"\b(?:in|to|at|from|near|outside)\s+(?P<place>[A-Z][\w’'-]+(?:,? [A-Z][\w’'-]+){0,2})"
)

_PLACE_BEFORE = re.compile(r"(?<![A-Z][a-z]\s)\b(?P<place>[A-Z][a-z]+)\s+(?:summit|meeting|talks|forum)\b")

UNNAMED = "(another participant: name them)"
"""Stands in for a participant the text does not name; a reviewer replaces it."""


@dataclass(frozen=True)
class Mention:
    """What a candidate says of its meeting: who would meet, where, and when (a year or days)."""

    participants: tuple[str, ...]
    """Full names, with the word each is known by: ("Xi Jinping", "Xi")."""
    surnames: tuple[str, ...]
    places: tuple[str, ...]
    days: tuple[dt.date, dt.date] | None
    words: str
    """The candidate's sentence, for names of occasions and aliases ("G20", "Alaska")."""


@dataclass(frozen=True)
class Match:
    summit: str
    score: float
    why: str
    stub: Summit | None = None
    """A new summit proposed for the fragment; None when it is one of the store's."""
    alternatives: tuple[str, ...] = ()


def places_of(text: str, people: Iterable[str]) -> set[str]:
    """The place names of a text: capitalised words after "in", "to", "at" that are not a
    person's, a month's or a weekday's, nor a capitalised function word."""
    names = {word for person in people for word in person.split()}
    found: set[str] = set()
    for m in _PLACE_AFTER.finditer(text):
        words = m.group("place").split(",")[0].split()
        first = words[0]
        if first in names or any(w.lower() in lexicon.NOT_NAMES for w in words) or first.isupper():
            continue
        found.add(first)
    for m in _PLACE_BEFORE.finditer(text):
        place = m.group("place")
        if place not in names and place.lower() not in lexicon.NOT_NAMES:
            found.add(place)
    return found


@dataclass
class Matcher:
    """Matches mentions against the known summits; makes (and remembers) the stubs."""

    known: Sequence[Summit]
    published: dt.date
    nations: dict[str, str] = field(default_factory=dict)
    """The country of each leader the text names, when known (for a stub's parties)."""
    stubs: dict[str, Summit] = field(default_factory=dict)
    mentions: dict[str, list[str]] = field(default_factory=dict)
    """The sentences that mention each stub: where a host may be named."""

    def match(self, mention: Mention) -> Match:
        scored = sorted(
            ((self._score(summit, mention), summit) for summit in self.known),
            key=lambda pair: (-pair[0][0], pair[1].id),
        )
        scored = [pair for pair in scored if pair[0][0] >= 3]
        if scored:
            (score, why), best = scored[0]
            others = tuple(f"{s.id} ({sc:.1f})" for (sc, _), s in scored[1:4])
            return Match(best.id, score, why, None, others)
        return self._stub(mention)

    def _score(self, summit: Summit, mention: Mention) -> tuple[float, str]:
        wanted = set(mention.participants)
        theirs = set(summit.participants)
        shared = wanted & theirs
        if len(shared) < min(2, len(wanted)) or not shared:
            return 0.0, ""
        reasons = []
        score = 0.0
        if wanted == theirs:
            score += 3
            reasons.append("same participants")
        else:
            score += 1.5 if wanted < theirs else 1
            reasons.append("participants " + ", ".join(sorted(shared)))
        words = mention.words.lower()
        venue = (summit.venue or "").split(",")[0].strip()
        if venue and venue.lower() in words:
            score += 2
            reasons.append(f"place {venue}")
        elif venue and mention.places:
            score -= 1.5
        for name in (*summit.aliases, summit.occasion or ""):
            key = [w for w in re.findall(r"[A-Z][\w-]+|G\d+", name) if w.lower() not in lexicon.NOT_NAMES]
            if key and all(w.lower() in words for w in key[:1]):
                score += 1.5
                reasons.append(f"named {key[0]}")
                break
        window = summit.window
        if mention.days and window is not None:
            start = window.start or dt.date.min
            end = window.end or dt.date.max
            if mention.days[0] <= end and start <= mention.days[1]:
                score += 1
                reasons.append("time overlaps its window")
            else:
                score -= 1
        elif mention.days and window is None and mention.days[1] < self.published.replace(month=1, day=1):
            # a meeting of an earlier year: only a summit of that year, by its venue, fits
            score -= 0 if venue and venue.lower() in words else 1
        return score, "; ".join(reasons)

    def _stub(self, mention: Mention) -> Match:
        pairs = sorted(zip(mention.surnames, mention.participants, strict=True))
        people = [name for _, name in pairs]
        surnames = [surname for surname, _ in pairs]
        while len(people) < 2:
            people.append(UNNAMED if UNNAMED not in people else f"{UNNAMED} 2")
            surnames.append("other")
        place = mention.places[0] if mention.places else None
        year = (mention.days[0] if mention.days else self.published).year
        ident = "-".join(slug(s) for s in surnames)
        ident += f"-{slug(place)}" if place else ""
        ident += f"-{year}"
        taken = {s.id for s in self.known}
        while ident in taken:
            ident += "-new"
        title = "–".join(surnames) + " meeting" + (f" in {place}" if place else "")
        if ident not in self.stubs:
            self.stubs[ident] = Summit(id=ident, title=title, participants=tuple(people), venue=place)
        self.mentions.setdefault(ident, []).append(mention.words)
        return Match(ident, 0.0, "a new summit stub", self.stubs[ident])

    def finished(self, ident: str) -> tuple[Summit, tuple[str, ...]]:
        """The stub `ident` with its parties and host, from every sentence that mentions it
        (`sides.stub_sides`), and the reasons for them; once all mentions are matched."""
        stub = self.stubs[ident]
        parties, host, notes = sides.stub_sides(
            stub.participants, self.nations, stub.venue, self.mentions.get(ident, [])
        )
        return stub.model_copy(update={"parties": parties, "host": host}), tuple(notes)
