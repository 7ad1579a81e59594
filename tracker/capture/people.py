"""The people a text names (with their titles), the bodies and outlets it quotes, and who or
what speaks at a place of a sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from tracker.capture import lexicon, sides

_NAME_WORD = r"[A-Z][\w’'\-]*[\w]"
_TITLE = re.compile(
    rf"(?P<qualifier>(?:(?:{_NAME_WORD}|U\.S\.|top|senior|former|then|foreign|ministry|defen[cs]e|"
    rf"presidential|administration|government) ){{0,3}})"
    rf"(?P<title>(?i:{lexicon.TITLES}))\s+(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,2}})"
)
_APPOSITION = re.compile(
    rf"(?P<name>{_NAME_WORD} {_NAME_WORD}), (?:a|an|the) (?P<role>(?:[\w’'\-]+ ){{0,3}}?"
    rf"(?i:{lexicon.TITLES}))(?: (?:for|of|to) (?P<for>[^,]{{1,60}}))?,"
)
_PAIR = re.compile(
    r"(?<![\w’'-])(?P<first>[A-Z][a-z]+(?:-[a-z]+)?) (?P<last>[A-Z][a-z]+(?:-[a-z]+)?)(?![\w’'-])"
)
_PLACE = re.compile(r"\b(?:in|to|at|from|near)\s+(?P<place>[A-Z][a-z]+)\b")
_INSTITUTION = re.compile(rf"(?<!\w)(?i:{lexicon.INSTITUTIONS})(?!\w)")
_MEDIA_NAME = re.compile(rf"(?:(?:{_NAME_WORD})\s)*(?:{_NAME_WORD})")
_SOURCES = re.compile(
    r"(?i:\b(?:(?:anonymous|unnamed|informed)\s+)?(?:sources?|people familiar|diplomats|insiders)"
    r"(?:\s+(?:close to|familiar with)\s+[\w\s]{1,40}?(?=\s(?:said|say|suggest|told|indicate)|,|$))?)"
)
_BACKGROUND = re.compile(
    r"(?P<who>\b(?:(?P<article>(?i:an?|one|two|three|several|some|other|another))\s+)?"
    r"(?:(?i:senior|top|high-ranking|high-level|former|unnamed)\s+)?"
    rf"(?:(?:{_NAME_WORD}|U\.S\.)\s+){{0,3}}"
    r"(?:(?:administration|government|defen[cs]e|foreign ministry|ministry|presidential|embassy|"
    r"intelligence|military|security)\s+)?"
    r"(?i:(?P<plural>officials|aides)|official|aide|diplomat))\b(?!\s+[A-Z])"
)
"""Unnamed officials: "a senior Kremlin official", "two White House officials", "an official";
of a known side or speaking on background (`lexicon.BACKGROUND_PHRASES`) they are kind
`background`, otherwise unnamed sources. Not before a name: "Putin aide Yuri Ushakov"."""
_ON_BACKGROUND = re.compile(rf"(?i:{lexicon.BACKGROUND_PHRASES})")
_TITLE_WORDS = frozenset(lexicon.TITLES.replace("|", " ").split())
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")


@dataclass
class Person:
    """A person the text names: the full name, the title it gives them, whom they speak for."""

    name: str
    role: str | None = None
    speaks_for: str | None = None
    mentions: int = 0
    surname: str = ""
    """The word of the name the text uses alone ("Putin", "Xi")."""

    @property
    def staff(self) -> bool:
        """A spokesman, adviser or envoy speaks for a leader; never a summit's participant."""
        role = (self.role or "").lower()
        return any(re.search(rf"\b{re.escape(t)}\b", role) for t in lexicon.STAFF_TITLES)


@dataclass(frozen=True)
class Actor:
    """Who or what a sentence names at a place: a person, a body, an outlet, unnamed sources,
    a background official, or a pronoun."""

    kind: str
    """`person`, `institution`, `media`, `sources`, `background`, `pronoun` or `role`."""
    start: int
    end: int
    words: str
    person: Person | None = None


@dataclass
class Register:
    """The people of a text, found once, and how to find them in a sentence."""

    people: dict[str, Person] = field(default_factory=dict)
    by_word: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, role: str | None = None, speaks_for: str | None = None) -> Person:
        name = " ".join(name.split())
        person = self.people.get(name)
        if person is None:
            person = self.people[name] = Person(name, surname=name.split()[-1])
        if role and not person.role:
            person.role = " ".join(role.split())
        if speaks_for and not person.speaks_for:
            person.speaks_for = speaks_for
        for word in name.split():
            if word.lower() not in lexicon.NOT_NAMES:
                self.by_word.setdefault(word, name)
        return person

    def named(self, text: str, start: int, end: int) -> list[Actor]:
        """The people named in `text[start:end]` (full names, or one of their words)."""
        found: list[Actor] = []
        taken: list[tuple[int, int]] = []
        names = sorted(self.people, key=len, reverse=True)
        for name in names:
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])", text[start:end]):
                a, b = start + m.start(), start + m.end()
                taken.append((a, b))
                found.append(Actor("person", a, b, m.group(), self.people[name]))
        for word, name in self.by_word.items():
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w-])", text[start:end]):
                a, b = start + m.start(), start + m.end()
                if any(x <= a < y for x, y in taken):
                    continue
                taken.append((a, b))
                found.append(Actor("person", a, b, m.group(), self.people[name]))
        return sorted(found, key=lambda actor: actor.start)

    def by_role(self, words: str) -> Person | None:
        """The one person whose title holds the title in `words` ("the Kremlin spokesman")."""
        lowered = words.lower()
        titles = [t for t in lexicon.TITLES.split("|") if re.search(rf"\b{re.escape(t)}\b", lowered)]
        if not titles:
            return None
        fitting = [p for p in self.people.values() if p.role and any(t in p.role.lower() for t in titles[:1])]
        return fitting[0] if len(fitting) == 1 else None


def register(text: str, known: Iterable[str] = ()) -> Register:
    """The people `text` names: after a title ("Kremlin spokesman Dmitry Peskov"), in an
    apposition ("Dmitry Peskov, a top spokesman for ..."), two capitalised words in running text
    (not a headline) that are not a place, an outlet or a capitalised common word ("Vladimir
    Putin"), and the participants `known`
    (of the store's summits) whose surname it uses."""
    found = Register()
    for m in _APPOSITION.finditer(text):
        name = _trim_name(m.group("name"))
        if name:
            found.add(name, m.group("role"), (m.group("for") or "").strip() or None)
    for m in _TITLE.finditer(text):
        name = _trim_name(m.group("name"))
        if not name:
            continue
        qualifier = m.group("qualifier").strip()
        role = f"{qualifier} {m.group('title')}".strip() if qualifier else m.group("title")
        if len(name.split()) == 1:
            continue  # "President Xi": a surname, linked below once the full name is known
        found.add(name, role)
    alone = Counter(re.findall(r"(?<![A-Za-z])[A-Z][a-z]+(?:-[a-z]+)?(?![a-z])", text))
    pairs: set[tuple[str, str]] = set()
    places = {m.group("place") for m in _PLACE.finditer(text)}
    prose = "\n".join(line for line in text.splitlines() if not _headline(line))
    for m in _PAIR.finditer(prose):
        pairs.add((m.group("first"), m.group("last")))
    for first, last in sorted(pairs):
        if first.lower() in lexicon.NOT_NAMES or last.lower() in lexicon.NOT_NAMES:
            continue
        if first.lower() in _TITLE_WORDS or last.lower() in _TITLE_WORDS:
            continue  # "Foreign Minister", "Prime Minister"
        if sides.nation_in(first) or sides.nation_in(last):
            continue  # "Hungarian Foreign (Minister)": a country's word is not a name
        if first.lower() in lexicon.MEDIA_WORDS or last.lower() in lexicon.MEDIA_WORDS:
            continue
        if first in places or last in places:
            continue
        pair = f"{first} {last}"
        joined = re.search(
            rf"{pair} and [A-Z][a-z]+ [A-Z][a-z]+|[A-Z][a-z]+ [A-Z][a-z]+ and {pair}|between {pair}", prose
        )
        if alone[first] > 1 or alone[last] > 1 or joined:
            found.add(pair)
    for name in known:
        if name.split()[-1] in alone or name in text:
            found.add(name)
    for m in _TITLE.finditer(text):  # titles given with the surname only: "U.S. President Trump"
        name = _trim_name(m.group("name"))
        if name and len(name.split()) == 1 and name in found.by_word:
            person = found.people[found.by_word[name]]
            if not person.role:
                qualifier = m.group("qualifier").strip()
                person.role = f"{qualifier} {m.group('title')}".strip()
    for person in found.people.values():
        words = [w for w in person.name.split() if w.lower() not in lexicon.NOT_NAMES]
        used = max(words, key=lambda w: (alone[w], words.index(w))) if words else person.name
        person.surname = used
        person.mentions = alone[used]
    return found


def _headline(line: str) -> bool:
    """A line written in title case (a headline): its capitalised pairs are not names."""
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.6


def _trim_name(name: str) -> str | None:
    words = name.split()
    while words and words[-1].lower() in lexicon.NOT_NAMES:
        words.pop()
    while words and words[0].lower() in lexicon.NOT_NAMES:
        words.pop(0)
    return " ".join(words) if words else None


def actors(people: Register, text: str, start: int, end: int) -> list[Actor]:
    """Everyone who could be speaking in `text[start:end]`, left to right."""
    found = people.named(text, start, end)
    window = text[start:end]
    for m in _BACKGROUND.finditer(window):
        a, b = start + m.start(), start + m.end()
        if not m.group("article") and not m.group("plural"):
            continue  # "Kremlin official" without an article is a title, not an unnamed official
        words = m.group("who")
        side = bool(sides.nation_in(words) or people.named(text, a, b))
        kind = "background" if side or _ON_BACKGROUND.search(window, m.end()) else "sources"
        found = [x for x in found if not a <= x.start < b]  # "a Trump aide": Trump does not speak
        found.append(Actor(kind, a, b, words))
    for m in _INSTITUTION.finditer(window):
        a, b = start + m.start(), start + m.end()
        following = text[b : b + 40]
        if re.match(rf"\s+(?i:{lexicon.TITLES})\b", following):
            continue  # "Kremlin spokesman Dmitry Peskov": the person speaks, not the Kremlin
        if any(x.kind in ("background", "sources") and x.start <= a < x.end for x in found):
            continue  # "two White House officials": unnamed officials, not the White House
        found.append(Actor("institution", a, b, m.group()))
    for m in _SOURCES.finditer(window):
        a, b = start + m.start(), start + m.end()
        if not any(x.start <= a < x.end for x in found):
            found.append(Actor("sources", a, b, m.group().strip()))
    for m in _MEDIA_NAME.finditer(window):
        words = m.group().split()
        if words and any(w.lower().strip(".") in lexicon.MEDIA_WORDS for w in words[-2:]):
            a, b = start + m.start(), start + m.end()
            if not any(x.start <= a < x.end for x in found):
                found.append(Actor("media", a, b, _strip_article(m.group())))
    for m in re.finditer(
        r"(?i:\b(?:the (?:newspaper|paper|agency|outlet|broadcaster)|(?:multiple|several|some) reports|"
        r"(?:the )?media|a (?:new|news) agency)\b)",
        window,
    ):
        a, b = start + m.start(), start + m.end()
        if not any(x.start <= a < x.end for x in found):
            found.append(Actor("media", a, b, m.group()))
    for m in _PRONOUN.finditer(window):
        found.append(Actor("pronoun", start + m.start(), start + m.end(), m.group()))
    for m in re.finditer(rf"\b[Tt]he (?:{_NAME_WORD} )?(?i:{lexicon.TITLES})\b", window):
        a, b = start + m.start(), start + m.end()
        if not any(x.start <= a < x.end or a <= x.start < b for x in found):
            found.append(Actor("role", a, b, m.group(), people.by_role(m.group())))
    return sorted(found, key=lambda actor: actor.start)


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:The|the)\s+", "", " ".join(name.split()))
