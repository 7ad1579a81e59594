"""Candidate claims: each sentence cut into clauses, and from a clause's cues its kind,
modality, condition, speaker, statement date, quote and meeting, with the reasons."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tracker.capture import reldates, sides
from tracker.capture.attribution import Guess, Voice, decide
from tracker.capture.cues import Cue
from tracker.capture.people import Actor, Person, Register, actors
from tracker.capture.pipeline import CLOSING, OPENING, Sentence
from tracker.capture.sides import Hint

if TYPE_CHECKING:
    from spacy.tokens import Doc

MODALITY_RANK = {"no_comment": 3, "conditional": 2, "hedged": 1}
HELD_VERBS = re.compile(
    r"\b(?:traveled|travelled|held|hold|holds|met|took place|convened|sat down|first encounter)\b", re.I
)
SPLITS = re.compile(
    r";\s|\s[–—]\s|,\s(?:but|though|although|while|whereas)\s|\sbut\s|,\s(?:who|which)\s(?:said|say|added)\s"
    r"|,\s(?:and\s)?(?=(?:also\s)?(?:confirmed|said|added|insisted|stressed|noted)\b)"
    r"|,\sand\s(?=(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z])"
)
LEADING = re.compile(
    r"^(?:[,;:\s–—-]|\([A-Z][\w .&'-]{1,40}\)|and\b|but\b|though\b|although\b|while\b|whereas\b)+", re.I
)
MAX_QUOTE = 300
"""Longest quote drafted, in characters: past it, the clause around the cue is taken."""
MIN_CONFIDENCE = 0.45
"""Candidates below this are left out (their cues were weak: a rumour word in a long analysis)."""


@dataclass
class Candidate:
    """One drafted claim, with the reasons for each of its fields."""

    start: int
    end: int
    quote: str
    kind: str
    modality: str
    condition: str | None
    guess: Guess
    stated_on: tuple[dt.date, dt.date] | None
    held_on: tuple[dt.date, dt.date] | None
    venue: str | None
    confidence: float
    participants: tuple[str, ...]
    places: tuple[str, ...]
    days: tuple[dt.date, dt.date] | None
    sentence: str
    reasons: list[str] = field(default_factory=list)
    summits: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What carries from one sentence to the next: the last speaker, outlet and statement date."""

    published: dt.date
    people: Register
    places: set[str]
    main: tuple[str, ...]
    anchor: tuple[dt.date, dt.date] | None = None
    last_person: Person | None = None
    last_media: str | None = None
    last_voice: str | None = None
    last_voice_day: tuple[dt.date, dt.date] | None = None
    last_voice_words: str = ""
    last_voice_sentence: int = -10
    previous_meeting: bool = False


def segments(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """A sentence cut into clauses at semicolons, spaced dashes and "but", "though", "who said"."""
    cuts = [sentence.start]
    body = text[sentence.start : sentence.end]
    depth = 0
    for m in SPLITS.finditer(body):
        before = body[: m.start()]
        depth = before.count("(") - before.count(")")
        if depth > 0:
            continue
        cuts.append(sentence.start + m.start())
    cuts.append(sentence.end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if text[a:b].strip(" ,;–—")]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause without leading conjunctions and punctuation, nor trailing punctuation; a
    quotation mark kept when its pair is in the quote, added when it stands just outside."""
    piece = text[start:end]
    lead = LEADING.match(piece)
    if lead:
        start += lead.end()
    while end > start and text[end - 1] in " ,;:.–—-\u00a0":
        end -= 1
    piece = text[start:end]
    if piece.count(OPENING) > piece.count(CLOSING):
        after = text[end : end + 2]
        if CLOSING in after:
            end += after.index(CLOSING) + 1
        else:
            start = start + piece.index(OPENING) + 1 if piece.index(OPENING) < 3 else start
    elif piece.count(CLOSING) > piece.count(OPENING):
        if start > 0 and text[start - 1] == OPENING:
            start -= 1
        elif piece.endswith(CLOSING):
            end -= 1
    return start, end


def _narrowed(text: str, start: int, end: int, cue: Cue) -> tuple[int, int]:
    """A quote of at most MAX_QUOTE characters around the cue."""
    if end - start <= MAX_QUOTE:
        return start, end
    left = max(start, cue.start - MAX_QUOTE // 2)
    comma = text.rfind(", ", left, cue.start)
    if comma > 0:
        left = comma + 2
    right = min(end, left + MAX_QUOTE)
    stop = text.find(", ", cue.end, right)
    if stop > 0:
        right = stop
    return left, right


def _in_quotation(text: str, sentence: Sentence, at: int) -> bool:
    before = text[sentence.start : at]
    return before.count(OPENING) > before.count(CLOSING)


def _condition(text: str, cue: Cue, end: int) -> str:
    """The condition a conditional cue sets, as the text words it."""
    after = text[cue.end : end]
    word = cue.words.lower()
    if word == "if":
        stop = re.search(r",\s*then\b|,\s|\bthen\b", after)
        piece = after[: stop.start()] if stop else after
    elif "condition" in word:
        start = text.rfind(OPENING, cue.start - 3, cue.start + 1)
        piece = text[start if start >= 0 else cue.start : end]
        return _clean(piece) or "the conditions the text states"
    else:
        stop = re.search(r",\s|;|\.\s", after)
        piece = after[: stop.start()] if stop else after
        if word.startswith("only be"):
            piece = cue.words.split(" ", 2)[-1] + " " + piece
    return _clean(piece) or "the condition the text states"


def _clean(piece: str) -> str:
    return " ".join(piece.replace("[", "").replace("]", "").strip(' ,.;“”"').split())


def _voice(
    text: str,
    sentence: Sentence,
    start: int,
    end: int,
    speech: list[Cue],
    context: Context,
    found: list[Actor],
) -> tuple[Voice, int | None]:
    """Who speaks in the clause [start, end) of `sentence`, and where the speech verb is."""
    outside = [c for c in speech if not _in_quotation(text, sentence, c.start)]
    inside_clause = [c for c in outside if start <= c.start < end]
    verbs = inside_clause or outside
    verb = min(verbs, key=lambda c: abs(c.start - start)) if verbs else None
    media = next((a for a in found if a.kind == "media"), None)
    media_name = None
    if media is not None:
        generic = re.match(r"(?i)(?:the )?(?:newspaper|paper|agency|outlet|broadcaster)$", media.words)
        media_name = context.last_media if generic and context.last_media else media.words
        if not generic:
            context.last_media = media.words
    citing = re.search(
        r"\b(?:citing|according to)\s+(?:anonymous |unnamed )?sources\b", text[sentence.start : sentence.end]
    )
    if citing:
        return Voice(
            sources="sources", media=media_name, matched=citing.group()
        ), verb.start if verb else None
    according = re.search(r"\baccording to\s+(?P<who>[^,.;]+)", text[sentence.start : sentence.end])
    chosen: Actor | None = None
    matched = ""
    if according:
        at = sentence.start + according.start("who")
        who = [a for a in found if at <= a.start < at + len(according.group("who"))]
        people = [a for a in who if a.kind in ("person", "institution", "sources", "background", "role")]
        if people:
            chosen, matched = people[0], according.group()
        elif who and who[0].kind == "media":
            media_name = who[0].words
    if chosen is None and verb is not None:
        floor = start if start <= verb.start < end else sentence.start
        before = [
            a
            for a in found
            if floor <= a.start
            and a.end <= verb.start
            and verb.start - a.end < 150
            and not _in_quotation(text, sentence, a.start)
        ]
        after = [a for a in found if a.start >= verb.end and a.start - verb.end < 12 and a.kind == "person"]
        if before and before[-1].kind == "media":
            chosen = before[-1]
        elif before:
            chosen = _apposed([a for a in before if a.kind != "media"], text)
        elif after:
            chosen = after[0]
        elif media is not None and media.end <= verb.start:
            chosen = media
        if chosen is not None:
            matched = text[chosen.start : verb.end]
    if chosen is None:
        return Voice(media=media_name, matched=media.words if media else ""), verb.start if verb else None
    person = chosen.person
    if chosen.kind == "pronoun":
        person = context.last_person
    if chosen.kind == "role" and person is None:
        return Voice(institution=None, media=media_name, matched=matched), verb.start if verb else None
    if person is not None:
        context.last_person = person
        hint = _person_hint(person, context)
        return Voice(
            person=person, media=media_name, hint=hint, matched=matched
        ), verb.start if verb else None
    if chosen.kind in ("institution", "background"):
        hint = _words_hint(text, chosen.start, chosen.end, context, sentence.start)
        if chosen.kind == "institution":
            return Voice(
                institution=chosen.words, media=media_name, hint=hint, matched=matched
            ), verb.start if verb else None
        return Voice(
            background=chosen.words, media=media_name, hint=hint, matched=matched
        ), verb.start if verb else None
    if chosen.kind == "sources":
        return Voice(sources=chosen.words, media=media_name, matched=matched), verb.start if verb else None
    if chosen.kind == "media":
        return Voice(media=media_name or chosen.words, matched=matched), verb.start if verb else None
    return Voice(media=media_name), verb.start if verb else None


def _apposed(before: list[Actor], text: str) -> Actor:
    """The last of `before`, unless it is named in an apposition of a person before it:
    "Dmitry Peskov, a spokesman for Vladimir Putin, said" is Peskov's word."""
    chosen = before[-1]
    for actor in reversed(before[:-1]):
        between = text[actor.end : chosen.start]
        if actor.kind != "person" or not re.fullmatch(r",\s+(?:a|an|the)\s+[^,]{0,80}", between):
            break
        chosen = actor
    return chosen


def _person_hint(person: Person, context: Context) -> Hint:
    """Whom a named person speaks for, as the text says it: a leader named in their title or
    apposition ("a spokesman for ... Putin", "Putin aide"), else the country of their title
    ("Kremlin spokesman"), else the country the lexicon knows them by."""
    for words in (person.speaks_for, person.role):
        if not words:
            continue
        for name, other in context.people.people.items():
            if other is person or other.staff:
                continue
            if name in words or other.surname in words.split():
                return Hint(leader=name, why=f"{words!r}")
    if person.speaks_for and (nation := sides.nation_in(person.speaks_for)):
        return Hint(nation=nation, why=f"{person.speaks_for!r}")
    nation, why = sides.person_nation(person.name, person.role)
    return Hint(nation=nation, why=why) if nation else Hint()


def _words_hint(text: str, start: int, end: int, context: Context, floor: int) -> Hint:
    """Whom a body or an unnamed official speaks for: a leader named in the words ("a Trump
    administration official"), else a country named in them or just before ("Chinese
    authorities", "China's foreign ministry")."""
    words = text[start:end]
    for actor in context.people.named(text, start, end):
        if actor.person is not None and not actor.person.staff:
            return Hint(leader=actor.person.name, why=f"{words!r}")
    nation = sides.nation_in(words)
    if nation is None:
        before = text[max(floor, start - 25) : start]
        found = sides.nations_in(before)
        if found and re.search(r"(?:’s|'s|\s)$", before):
            nation = found[-1][0]
            words = before[before.rfind(found[-1][1]) :] + words
    return Hint(nation=nation, why=f"from {words!r}") if nation else Hint()


def _stated_on(
    text: str, sentence: Sentence, verb_at: int | None, guess: Guess, context: Context, index: int
) -> tuple[tuple[dt.date, dt.date] | None, str]:
    """When the statement was made, from a date expression next to its verb of saying."""
    if guess.kind == "outlet" and guess.via is None:
        return None, ""
    found = [
        m
        for m in reldates.mentions(text, sentence.start, sentence.end, context.published, context.anchor)
        if not _in_quotation(text, sentence, m.start)
    ]
    near = []
    if verb_at is not None:
        for m in found:
            distance = verb_at - m.end if m.end <= verb_at else m.start - verb_at
            backwards = m.form in ("back", "same")
            if (m.end <= verb_at and (distance < 70 or backwards)) or (m.start >= verb_at and distance < 25):
                near.append((distance, m))
    for _, m in sorted(near, key=lambda pair: pair[0]):
        days = reldates.statement_day(m, context.published)
        if days is not None:
            return days, f"{m.words!r}: {m.how}"
    voice = guess.speaker or guess.via
    if (
        voice
        and voice == context.last_voice
        and context.last_voice_day
        and index - context.last_voice_sentence <= 4
    ):
        return context.last_voice_day, (
            f"carried from {context.last_voice_words!r}, said earlier in the text by the same speaker"
        )
    return None, ""


def draft(
    doc: Doc, text: str, sentences: list[Sentence], cues: list[Cue], context: Context
) -> list[Candidate]:
    """The candidate claims of the text, in text order."""
    out: list[Candidate] = []
    for index, sentence in enumerate(sentences):
        here = [c for c in cues if sentence.start <= c.start < sentence.end]
        meeting_here = any(c.field == "meeting" for c in here)
        speech = [c for c in here if c.field == "speech"]
        found = actors(context.people, text, sentence.start, sentence.end)
        drafted = _sentence(text, sentence, index, here, speech, found, context, meeting_here)
        out += drafted
        context.previous_meeting = meeting_here
    return out


def _sentence(
    text: str,
    sentence: Sentence,
    index: int,
    here: list[Cue],
    speech: list[Cue],
    found: list[Actor],
    context: Context,
    meeting_here: bool,
) -> list[Candidate]:
    pieces = segments(text, sentence)
    drafted: list[Candidate] = []
    pending_hedge: list[Cue] = []
    for start, end in pieces:
        mine = [c for c in here if start <= c.start < end]
        kinds = [c for c in mine if c.field == "kind"]
        modal = [c for c in mine if c.field == "modality"]
        no_comment = [c for c in modal if c.value == "no_comment"]
        meeting_clause = any(c.field == "meeting" for c in mine)
        if not kinds and not no_comment:
            if drafted and modal:
                _donate(drafted[-1], modal, text, end)
                continue
            if not (modal and meeting_clause and speech):
                pending_hedge += modal
                continue
        anaphor = any(c.field == "anaphor" for c in mine) or bool(no_comment)
        if not (meeting_clause or meeting_here or (anaphor and context.previous_meeting)):
            continue
        candidate = _candidate(
            text, sentence, index, start, end, kinds, modal + pending_hedge, speech, found, context
        )
        pending_hedge = []
        if candidate is None:
            continue
        if not meeting_clause:
            candidate.confidence -= 0.1 if meeting_here else 0.2
            candidate.reasons.append(
                "meeting: named in the sentence" if meeting_here else "meeting: named in the sentence before"
            )
        drafted += _held_split(text, candidate, context)
    kept = [c for c in drafted if c.confidence >= MIN_CONFIDENCE]
    if not kept and speech:
        _voice(text, sentence, sentence.start, sentence.end, speech, context, found)  # who spoke last
    for candidate in kept:
        if candidate.stated_on:
            context.anchor = candidate.stated_on
    return kept


def _donate(candidate: Candidate, modal: list[Cue], text: str, end: int) -> None:
    """A clause with a hedge and no kind ("but anything is possible") softens the one before."""
    best = max(modal, key=lambda c: MODALITY_RANK[c.value])
    if MODALITY_RANK[best.value] > MODALITY_RANK.get(candidate.modality, 0):
        if best.value == "conditional" and candidate.kind in ("meeting_held", "meeting_cancelled"):
            return
        candidate.modality = best.value
        candidate.condition = _condition(text, best, end) if best.value == "conditional" else None
        candidate.reasons.append(f"modality {best.value}: matched {best.words!r} in the next clause")
        new_end = _trimmed(text, candidate.start, end)[1]
        if new_end - candidate.start <= MAX_QUOTE:
            candidate.end = new_end
            candidate.quote = text[candidate.start : candidate.end]


def _candidate(
    text: str,
    sentence: Sentence,
    index: int,
    start: int,
    end: int,
    kinds: list[Cue],
    modal: list[Cue],
    speech: list[Cue],
    found: list[Actor],
    context: Context,
) -> Candidate | None:
    reasons: list[str] = []
    if kinds:
        best = max(kinds, key=lambda c: (c.weight, c.last - c.first, -c.start))
        kind, confidence = best.value, best.weight
        others = sorted({c.value for c in kinds} - {kind})
        reasons.append(
            f"kind {kind}: matched {best.words!r}" + (f" (also {', '.join(others)})" if others else "")
        )
        if others:
            confidence -= 0.1
        anchor_cue = best
    else:
        anchor_cue = max(modal, key=lambda c: MODALITY_RANK[c.value])
        kind, confidence = "meeting_possible", 0.5
        what = "a non-answer" if anchor_cue.value == "no_comment" else "a meeting spoken of with"
        reasons.append(f"kind {kind}: no kind word; {what} {anchor_cue.words!r}")
    if any(c.value == "no_comment" for c in modal) and kind != "meeting_possible":
        kind = "meeting_possible"
        reasons.append("kind meeting_possible: a non-answer leaves the meeting open, whatever else it names")
    modality, condition = "plain", None
    if modal:
        best_modal = max(modal, key=lambda c: (MODALITY_RANK[c.value], -c.start))
        modality = best_modal.value
        if modality == "conditional" and kind in ("meeting_held", "meeting_cancelled"):
            modality = "hedged"
        if modality == "conditional":
            condition = _condition(text, best_modal, end)
        reasons.append(f"modality {modality}: matched {best_modal.words!r}")
    else:
        reasons.append("modality plain: no hedge, condition or non-answer")
    a, b = _trimmed(text, start, end)
    a, b = _narrowed(text, a, b, anchor_cue)
    a, b = _trimmed(text, a, b)
    if b <= a:
        return None
    clause_actors = [x for x in found if x.start < end]
    voice, verb_at = _voice(text, sentence, start, end, speech, context, clause_actors)
    guess = decide(voice)
    reasons.append(f"attribution {guess.kind}: {guess.reason}")
    if guess.kind != "outlet":
        confidence += 0.1
    stated, how = _stated_on(text, sentence, verb_at, guess, context, index)
    if stated:
        reasons.append(f"stated_on: {how}")
        context.last_voice_day = stated
        context.last_voice_words = how.split(":")[0]
        context.last_voice_sentence = index
    voice_key = guess.speaker or guess.via
    if voice_key:
        if voice_key != context.last_voice:
            context.last_voice_day = stated
            context.last_voice_words = how.split(":")[0] if stated else ""
            context.last_voice_sentence = index
        context.last_voice = voice_key
    people = [x.person for x in found if x.kind == "person" and x.person is not None]
    participants = []
    speaker_is_staff = voice.person is not None and voice.person.staff
    for person in people:
        if person.staff or person.name in participants:
            continue
        if speaker_is_staff and voice.person is person:
            continue
        participants.append(person.name)
    if voice.person is not None and not voice.person.staff and voice.person.name not in participants:
        participants.insert(0, voice.person.name)
    sentence_text = text[sentence.start : sentence.end]
    places = tuple(p for p in sorted(context.places) if re.search(rf"\b{re.escape(p)}\b", sentence_text))
    host = _hosting_speaker(voice, participants, places, sentence_text)
    if host is not None:
        participants.remove(host)
        reasons.append(f"participants: {host} speaks as the host, not as a participant")
    if len(participants) < 2:
        for name in context.main:
            if name not in participants and len(participants) < 2:
                participants.append(name)
        reasons.append("participants: completed with the leaders the text names most")
    dates = [
        m
        for m in reldates.mentions(text, sentence.start, sentence.end, context.published, context.anchor)
        if m.form not in ("back", "same")
    ]
    days = (dates[0].earliest, dates[0].latest) if dates else None
    return Candidate(
        a,
        b,
        text[a:b],
        kind,
        modality,
        condition,
        guess,
        stated,
        None,
        None,
        min(round(confidence, 2), 0.95),
        tuple(participants),
        places,
        days,
        sentence_text,
        reasons,
    )


def _hosting_speaker(
    voice: Voice, participants: list[str], places: tuple[str, ...], sentence: str
) -> str | None:
    """A leader who speaks of two others meeting in his own country ("Orbán said Putin and
    Trump would meet in Budapest", "Hungary offered to host ..., Orbán said") is the host, not
    a participant."""
    person = voice.person
    if person is None or person.name not in participants or len(participants) < 3:
        return None
    nation = sides.leader_nation(person.name) or sides.nation_in(person.role)
    if nation is None:
        return None
    if any(sides.nation_in(place) == nation for place in places) or sides.hosting(sentence)[0] == nation:
        return person.name
    return None


def _held_split(text: str, candidate: Candidate, context: Context) -> list[Candidate]:
    """A meeting said to have taken place on a past date is `meeting_held`, one candidate per
    past meeting the clause names ("in Hamburg in 2017 ... the Helsinki summit in 2018")."""
    published = context.published
    clause = text[candidate.start : candidate.end]
    if candidate.kind not in ("meeting_held", "meeting_confirmed", "meeting_rumored", "meeting_proposed"):
        return [candidate]
    past = [
        m
        for m in reldates.mentions(text, candidate.start, candidate.end, published)
        if m.latest < published
        and m.form in ("year", "month_day", "day_month", "iso")
        and (m.form != "year" or m.latest.year < published.year)
    ]
    if not past or not (candidate.kind == "meeting_held" or HELD_VERBS.search(clause)):
        if candidate.kind == "meeting_held":
            candidate.kind = "meeting_confirmed"
            candidate.reasons.append(
                "kind meeting_confirmed: it took place, but the text gives no date: "
                "make it meeting_held with a held_on if you know one"
            )
        return [candidate]
    out = []
    previous_end = candidate.start
    for n, mention in enumerate(past):
        if len(past) == 1:
            a, b = candidate.start, candidate.end
        else:
            a = _meeting_before(text, previous_end, mention.start)
            b = mention.end
            previous_end = mention.end
        a, b = _trimmed(text, a, b)
        place = _place_near(text, a, b, context)
        held = _copy(candidate, a, b)
        held.quote = text[a:b]
        held.kind = "meeting_held"
        if held.modality == "conditional":
            held.modality, held.condition = "hedged", None
        held.held_on = (mention.earliest, min(mention.latest, published))
        if held.guess.kind != "official":
            held.stated_on = None
            held.reasons = [r for r in held.reasons if not r.startswith("stated_on")]
        held.days = held.held_on
        held.venue = place
        held.places = (place,) if place else ()
        held.reasons = [
            f"kind meeting_held: a meeting on a past date, {mention.words!r}",
            *held.reasons[1:],
        ]
        if n:
            held.confidence = round(held.confidence - 0.05, 2)
        out.append(held)
    return out


def _meeting_before(text: str, floor: int, at: int) -> int:
    """Where the words about the meeting dated at `at` start: the meeting word before it."""
    window = text[floor:at]
    words = list(
        re.finditer(r"\b(?:the|their|a)\s+(?:[\w-]+\s+){0,3}?(?:meeting|summit|encounter|talks)\b", window)
    )
    if words:
        return floor + words[-1].start()
    lead = LEADING.match(window)
    return floor + (lead.end() if lead else 0)


def _place_near(text: str, start: int, end: int, context: Context) -> str | None:
    piece = text[start:end]
    for m in re.finditer(r"\b(?:in|at)\s+(?P<place>[A-Z][\w’'-]+(?:, [A-Z][\w’'-]+)?)", piece):
        if m.group("place").split(",")[0] in context.places:
            return m.group("place")
    for place in sorted(context.places):
        if re.search(rf"\b{re.escape(place)}\b", piece):
            return place
    return None


def _copy(candidate: Candidate, start: int, end: int) -> Candidate:
    return Candidate(
        start,
        end,
        candidate.quote,
        candidate.kind,
        candidate.modality,
        candidate.condition,
        candidate.guess,
        candidate.stated_on,
        candidate.held_on,
        candidate.venue,
        candidate.confidence,
        candidate.participants,
        candidate.places,
        candidate.days,
        candidate.sentence,
        list(candidate.reasons),
    )
