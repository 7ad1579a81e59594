"""Sides: the country a speaker speaks for (from a title, a body, a leader's name), the side as a
summit knows it (its party, its participant, its host, or a third party), and the parties and
host of a new summit stub. Data in `lexicon.NATIONS` and `lexicon.LEADERS`."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tracker.capture import lexicon
from tracker.domain.models import Summit

PARTY, PARTICIPANT, HOST, THIRD = "party", "participant", "host", "third party"


@functools.cache
def _nation_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    words = {word: nation for nation, names in lexicon.NATIONS.items() for word in names}
    words.update(lexicon.CITIES)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.’'-])(?:{alternatives})(?![\w’'-])"), words


def nations_in(words: str) -> list[tuple[str, str]]:
    """The countries `words` name, in order, each with the word that named it."""
    pattern, table = _nation_pattern()
    return [(table[m.group()], m.group()) for m in pattern.finditer(words)]


def nation_in(words: str | None) -> str | None:
    """The first country `words` name ("Kremlin spokesman": Russia), or None."""
    found = nations_in(words or "")
    return found[0][0] if found else None


def nation_of_party(party: str) -> str:
    """The country a party's name stands for ("USA", "the United States": United States)."""
    return nation_in(party) or party.removeprefix("the ")


@functools.cache
def _people() -> dict[str, str]:
    table = {}
    for leader, (nation, officials) in lexicon.LEADERS.items():
        table[leader] = nation
        for official in officials:
            table[official] = nation
    return table


def leader_nation(name: str) -> str | None:
    """The country of a leader the lexicon knows, by full name."""
    nation, _ = lexicon.LEADERS.get(name, (None, ()))
    return nation


def person_nation(name: str, role: str | None = None) -> tuple[str | None, str]:
    """The country a named person speaks for, and how it is known: their title ("Kremlin
    spokesman"), else the lexicon's table of leaders and their officials."""
    nation = nation_in(role)
    if nation is not None:
        return nation, f"from the title {role!r}"
    nation = _people().get(name)
    if nation is not None:
        return nation, f"{name} is known to speak for {nation}"
    return None, ""


@dataclass(frozen=True)
class Hint:
    """What the text says of whom an unnamed or named speaker speaks for: a leader it names
    ("a spokesman for Vladimir Putin") or a country ("Kremlin", "Hungarian")."""

    leader: str | None = None
    nation: str | None = None
    why: str = ""


@dataclass(frozen=True)
class Reading:
    """The side a word speaks for as one summit knows it: `value` for `speaks_for` (None: no
    need, the speaker is a participant), and what it is to that summit."""

    summit: str
    value: str | None
    what: str


def _participant_nation(summit: Summit, index: int) -> str | None:
    if summit.parties:
        return nation_of_party(summit.parties[index])
    return leader_nation(summit.participants[index])


def read(speaker: str | None, hint: Hint, summit: Summit) -> Reading | None:
    """The side of a word by `speaker` (None if unnamed) with `hint`, for `summit`; None when
    the side is not known."""
    if speaker is not None and speaker in summit.participants:
        return Reading(summit.id, None, PARTICIPANT)
    sides = summit.parties or summit.participants
    nation = hint.nation
    if hint.leader is not None:
        if hint.leader in summit.participants:
            index = summit.participants.index(hint.leader)
            return Reading(summit.id, sides[index], PARTY)
        nation = nation or leader_nation(hint.leader)
        if nation is None:
            return Reading(summit.id, hint.leader, THIRD)
    if nation is None:
        return None
    for index in range(len(summit.participants)):
        if _participant_nation(summit, index) == nation:
            return Reading(summit.id, sides[index], PARTY)
    if summit.host is not None and nation_of_party(summit.host) == nation:
        return Reading(summit.id, summit.host, HOST)
    return Reading(summit.id, nation, THIRD)


def speaks_for(speaker: str | None, hint: Hint, summits: Sequence[Summit]) -> tuple[str | None, str]:
    """One `speaks_for` for a claim about `summits`, and a comment saying where it came from.
    A party's name in a summit's `parties` first, then a participant's name, the host, a
    third party's country; a participant speaking needs none."""
    readings = [r for r in (read(speaker, hint, s) for s in summits) if r is not None]
    if not readings:
        return None, ""
    if all(r.what == PARTICIPANT for r in readings):
        return None, ""

    def rank(reading: Reading) -> int:
        summit = next(s for s in summits if s.id == reading.summit)
        if reading.what == PARTY:
            return 0 if reading.value in summit.parties else 1
        return {PARTICIPANT: 4, HOST: 2, THIRD: 3}[reading.what]

    chosen = min((r for r in readings if r.value is not None), key=rank)
    source = f" ({hint.why})" if hint.why else ""
    parts = []
    for reading in readings:
        if reading.what == PARTICIPANT:
            parts.append(f"a participant of {reading.summit}")
        elif reading.value == chosen.value:
            parts.append(f"{_article(reading.what)} of {reading.summit}")
        else:
            parts.append(f"{reading.value}, {_article(reading.what)}, for {reading.summit}")
    return chosen.value, f"speaks_for {chosen.value}{source}: " + "; ".join(parts)


def _article(what: str) -> str:
    return {PARTY: "a party", HOST: "the host", THIRD: "a third party"}.get(what, what)


def stub_sides(
    participants: Sequence[str], nations: dict[str, str], venue: str | None, sentences: Sequence[str]
) -> tuple[tuple[str, ...], str | None, list[str]]:
    """The parties and host of a new stub, only when sure: parties when every participant's
    country is known and they differ; a host when the place, or "X would host", names a
    country that is not a party's (one country in all the stub's `sentences`). With the
    reasons, for the comment."""
    countries = [nations.get(p) or leader_nation(p) for p in participants]
    if any(c is None for c in countries) or len(set(countries)) != len(countries):
        return (), None, []
    parties = tuple(c for c in countries if c is not None)
    reasons = [f"parties {', '.join(parties)}: the participants' countries"]
    host = None
    named = {found for found in (hosting(words) for words in sentences) if found[0] is not None}
    if len({nation for nation, _ in named}) == 1 and (chosen := min(named))[0] not in parties:
        host = chosen[0]
        reasons.append(f"host {host}: {chosen[1]!r}")
    elif venue and (city := _city_nation(venue)) is not None and city not in parties:
        host = city
        reasons.append(f"host {city}: the place, {venue}, is a city of no party")
    return parties, host, reasons


_HOSTING = re.compile(
    r"(?P<who>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)(?:’s|'s)? (?:would|will|could|to|is set to|"
    r"(?:has |had )?offered to|agreed to|is ready to|plans to|hopes to|is to) host|"
    r"hosted by (?P<by>[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)"
)


def hosting(words: str) -> tuple[str | None, str]:
    """The country that `words` say would host ("Hungary would host", "hosted by Budapest"),
    and the words that say so."""
    for m in _HOSTING.finditer(words):
        who = m.group("who") or m.group("by")
        nation = nation_in(who)
        if nation is not None:
            return nation, m.group()
    return None, ""


def _city_nation(venue: str) -> str | None:
    """The country of a city the lexicon knows ("Budapest": Hungary); None for a country's own
    name ("in Ukraine" is as often the war's place as the meeting's)."""
    found = nations_in(venue)
    return lexicon.CITIES[found[0][1]] if found and found[0][1] in lexicon.CITIES else None


def participants_nations(people: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """The country of each head the text names (name, title): the lexicon's, else the title's
    ("Hungarian Prime Minister")."""
    out = {}
    for name, role in people:
        nation = leader_nation(name) or nation_in(role)
        if nation is not None:
            out[name] = nation
    return out
