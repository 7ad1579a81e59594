"""A deterministic, streaming generator of realistic synthetic corpora.

`generate(claims, summits, seed)` yields the corpus as self-contained `Scenario` chunks of
`per_chunk` claims each (the last one fewer), built directly from the domain models; `write_corpus` writes
the same chunks as standalone scenario files (`corpus-00001.yaml`, ...). Only the table of
summits is held in memory, never the corpus, so a million claims stream in constant memory.

What the corpus looks like:

- Summits of two to four leaders, each with a hidden plan: a scheduled day (2024-2027), a
  true venue, and a fate (held on schedule, cancelled some weeks before, or left open and
  never held). Most have a published window and venue; some an approximate bracket, some an
  open-ended window, some none (a claim may disclose the venue later). A few are historic
  (2015-2023) meetings that sources only mention as held.
- Which summit a source is about follows a Zipf law: a few summits get thousands of claims,
  most a handful. A source's publication day follows its main summit's plan (mostly in the
  months before the scheduled day), so claim kinds follow the story: rumors and
  possibilities early, proposals and confirmations closer, held or cancelled afterwards,
  denials throughout. About 5% of sources are dated only by a range (with `dated_by`).
- Chunks are in generation order, not publication order: every chunk spans the whole
  period, as sources of any age arrive late.
- Quotes are short sentences built from word lists (speaker, place, verb); a source's text
  is its sentences joined, with a background sentence now and then.
- About 1% of claims are retracted and a few corrected, in the chunk of the claim.

Everything comes from one `random.Random(seed)`: the same arguments give the same corpus.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Generic, TypeVar

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Attribution, Claim, Correction, Source, Summit
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, SourceKind
from tracker.scenario.load import Scenario

__all__ = ["FIRST_DAY", "LAST_DAY", "Chunk", "chunk_yaml", "generate", "generate_chunks", "write_corpus"]

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2027, 12, 31)
"""Publication days of a generated corpus lie between these two days, both included."""

_FIRST = FIRST_DAY.toordinal()
_LAST = LAST_DAY.toordinal()

T = TypeVar("T")

# -- word lists -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Leader:
    name: str
    short: str
    office: str
    country: str
    capital: str
    officials: tuple[tuple[str, str | None], ...]
    tag: str  # in titles and headlines, where `short` would read badly


def _leader(name: str, short: str, office: str, country: str, capital: str,
            *officials: tuple[str, str | None], tag: str | None = None) -> _Leader:
    return _Leader(name, short, office, country, capital, officials, tag or short)


# In order of how often they take part in summits (a Zipf law over this order).
LEADERS = (
    _leader("Vladimir Putin", "Putin", "Russian President", "Russia", "Moscow",
            ("Dmitry Peskov", "Kremlin spokesman"), ("Yuri Ushakov", "Kremlin foreign policy adviser"),
            ("Sergei Lavrov", "Russian Foreign Minister"), ("Kirill Dmitriev", "Russian special envoy"),
            ("the Kremlin", None)),
    _leader("Donald Trump", "Trump", "US President", "the United States", "Washington",
            ("Karoline Leavitt", "White House press secretary"), ("Marco Rubio", "US Secretary of State"),
            ("Steve Witkoff", "US special envoy"), ("JD Vance", "US Vice President"),
            ("the White House", None)),
    _leader("Xi Jinping", "Xi", "Chinese President", "China", "Beijing",
            ("Wang Yi", "Chinese Foreign Minister"), ("Mao Ning", "Chinese foreign ministry spokeswoman"),
            ("Lin Jian", "Chinese foreign ministry spokesman")),
    _leader("Volodymyr Zelensky", "Zelensky", "Ukrainian President", "Ukraine", "Kyiv",
            ("Andrii Sybiha", "Ukrainian Foreign Minister"), ("Serhiy Nykyforov", "presidential spokesman"),
            ("Rustem Umerov", "Ukrainian chief negotiator")),
    _leader("Recep Tayyip Erdoğan", "Erdoğan", "Turkish President", "Turkey", "Ankara",
            ("Hakan Fidan", "Turkish Foreign Minister"), ("Ibrahim Kalin", "Turkish intelligence chief")),
    _leader("Narendra Modi", "Modi", "Indian Prime Minister", "India", "New Delhi",
            ("Subrahmanyam Jaishankar", "Indian External Affairs Minister"),
            ("Randhir Jaiswal", "Indian foreign ministry spokesman")),
    _leader("Emmanuel Macron", "Macron", "French President", "France", "Paris",
            ("Jean-Noël Barrot", "French Foreign Minister"), ("the Élysée Palace", None)),
    _leader("Friedrich Merz", "Merz", "German Chancellor", "Germany", "Berlin",
            ("Stefan Kornelius", "German government spokesman"),
            ("Johann Wadephul", "German Foreign Minister")),
    _leader("Keir Starmer", "Starmer", "British Prime Minister", "the United Kingdom", "London",
            ("Downing Street", None), ("Yvette Cooper", "British Foreign Secretary")),
    _leader("Kim Jong Un", "Kim", "North Korean leader", "North Korea", "Pyongyang",
            ("Kim Yo Jong", "senior North Korean official"), ("KCNA", "North Korean state news agency")),
    _leader("Giorgia Meloni", "Meloni", "Italian Prime Minister", "Italy", "Rome",
            ("Antonio Tajani", "Italian Foreign Minister")),
    _leader("Mohammed bin Salman", "the Saudi crown prince", "Saudi Crown Prince", "Saudi Arabia", "Riyadh",
            ("Faisal bin Farhan", "Saudi Foreign Minister"), tag="bin Salman"),
    _leader("Benjamin Netanyahu", "Netanyahu", "Israeli Prime Minister", "Israel", "Jerusalem",
            ("the Prime Minister's Office", None), ("Gideon Saar", "Israeli Foreign Minister")),
    _leader("Masoud Pezeshkian", "Pezeshkian", "Iranian President", "Iran", "Tehran",
            ("Abbas Araghchi", "Iranian Foreign Minister"),
            ("Esmaeil Baghaei", "Iranian foreign ministry spokesman")),
    _leader("Lee Jae-myung", "Lee", "South Korean President", "South Korea", "Seoul",
            ("Kang Yu-jung", "presidential spokeswoman")),
    _leader("Shigeru Ishiba", "Ishiba", "Japanese Prime Minister", "Japan", "Tokyo",
            ("Yoshimasa Hayashi", "Japanese Chief Cabinet Secretary")),
    _leader("Luiz Inácio Lula da Silva", "Lula", "Brazilian President", "Brazil", "Brasília",
            ("Mauro Vieira", "Brazilian Foreign Minister"), ("Celso Amorim", "presidential adviser")),
    _leader("Viktor Orbán", "Orbán", "Hungarian Prime Minister", "Hungary", "Budapest",
            ("Péter Szijjártó", "Hungarian Foreign Minister")),
    _leader("Alexander Lukashenko", "Lukashenko", "Belarusian President", "Belarus", "Minsk",
            ("Natalya Eismont", "presidential press secretary")),
    _leader("Cyril Ramaphosa", "Ramaphosa", "South African President", "South Africa", "Pretoria",
            ("Vincent Magwenya", "presidential spokesman")),
    _leader("Ursula von der Leyen", "von der Leyen", "European Commission President",
            "the European Union", "Brussels", ("Paula Pinho", "European Commission chief spokeswoman")),
    _leader("Tamim bin Hamad Al Thani", "the Emir of Qatar", "Emir of Qatar", "Qatar", "Doha",
            ("Majed al-Ansari", "Qatari foreign ministry spokesman"), tag="Al Thani"),
    _leader("Kassym-Jomart Tokayev", "Tokayev", "Kazakh President", "Kazakhstan", "Astana",
            ("Ruslan Zheldibay", "presidential press secretary")),
    _leader("Claudia Sheinbaum", "Sheinbaum", "Mexican President", "Mexico", "Mexico City",
            ("Juan Ramón de la Fuente", "Mexican Foreign Minister")),
    _leader("Mark Carney", "Carney", "Canadian Prime Minister", "Canada", "Ottawa",
            ("Anita Anand", "Canadian Foreign Minister")),
    _leader("Prabowo Subianto", "Prabowo", "Indonesian President", "Indonesia", "Jakarta",
            ("Sugiono", "Indonesian Foreign Minister")),
    _leader("Abdel Fattah el-Sisi", "el-Sisi", "Egyptian President", "Egypt", "Cairo",
            ("Badr Abdelatty", "Egyptian Foreign Minister")),
    _leader("Ilham Aliyev", "Aliyev", "Azerbaijani President", "Azerbaijan", "Baku",
            ("Hikmet Hajiyev", "presidential foreign policy adviser")),
    _leader("Nikol Pashinyan", "Pashinyan", "Armenian Prime Minister", "Armenia", "Yerevan",
            ("Ararat Mirzoyan", "Armenian Foreign Minister")),
    _leader("Anthony Albanese", "Albanese", "Australian Prime Minister", "Australia", "Canberra",
            ("Penny Wong", "Australian Foreign Minister")),
    _leader("Javier Milei", "Milei", "Argentine President", "Argentina", "Buenos Aires",
            ("Manuel Adorni", "presidential spokesman")),
    _leader("Pedro Sánchez", "Sánchez", "Spanish Prime Minister", "Spain", "Madrid",
            ("José Manuel Albares", "Spanish Foreign Minister")),
    _leader("Shehbaz Sharif", "Sharif", "Pakistani Prime Minister", "Pakistan", "Islamabad",
            ("Shafqat Ali Khan", "Pakistani foreign ministry spokesman")),
    _leader("Mohamed bin Zayed", "the UAE president", "UAE President", "the United Arab Emirates",
            "Abu Dhabi", ("Anwar Gargash", "presidential adviser"), tag="bin Zayed"),
)

NEUTRAL_VENUES = ("Geneva", "Vienna", "Helsinki", "Istanbul", "Riyadh", "Doha", "Abu Dhabi", "Budapest",
                  "Anchorage", "Singapore", "Hanoi", "Jeddah", "Astana", "Baku", "Vatican City", "Zürich",
                  "Davos", "New York", "Bali", "Johannesburg", "Rio de Janeiro", "Kazan", "Tianjin",
                  "Sochi", "Camp David", "Osaka", "Munich", "Oslo", "Reykjavik", "Muscat")
OCCASIONS = ("G20 summit", "BRICS summit", "SCO summit", "UN General Assembly", "APEC summit",
             "NATO summit", "Munich Security Conference", "World Economic Forum", "COP climate conference",
             "Victory Day parade", "peace conference", "ASEAN summit", "state funeral", "G7 summit")
OUTLETS = ("Reuters", "AP", "AFP", "Bloomberg", "TASS", "RIA Novosti", "Interfax", "Xinhua", "Politico",
           "Axios", "CNN", "BBC News", "The Guardian", "Financial Times", "The Wall Street Journal",
           "The New York Times", "Le Monde", "Der Spiegel", "Kommersant", "Al Jazeera", "Anadolu Agency",
           "Yonhap", "NHK", "South China Morning Post", "The Hindu", "MENAFN", "Global24", "SAEDNEWS",
           "Meduza", "Kyiv Independent", "Ukrainska Pravda", "Times of Israel", "Arab News", "Dawn",
           "Folha de S.Paulo", "Clarín", "Hürriyet", "Daily Sabah", "Nikkei Asia", "Le Figaro")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Core statements by claim kind. Placeholders: {pair} all participants, {a} one of them,
# {b} the others, {venue_in} " in Vienna" or "", {when} " on 3 March 2026" or "",
# {held} "on 3 March 2026" or "in 2018". Quotes hold no quote marks, apostrophes or
# dashes other than "-", so they are found in their text exactly as written.
CORE: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.MEETING_RUMORED: (
        "a meeting between {pair}{venue_in} is being prepared behind the scenes",
        "{a} and {b} could meet{venue_in}{when}",
        "preparations are under way for talks between {pair}{venue_in}",
        "officials are quietly exploring a summit of {pair}{venue_in}",
        "a meeting of {pair}{venue_in} is under discussion",
        "envoys have discussed a possible meeting of {pair}{venue_in}",
    ),
    ClaimKind.MEETING_POSSIBLE: (
        "a meeting between {pair} cannot be ruled out",
        "{a} is open to meeting {b}{venue_in}",
        "a summit{venue_in} is possible{when}",
        "contacts at the highest level between {pair} are possible",
        "{a} does not exclude talks with {b}{venue_in}",
    ),
    ClaimKind.MEETING_PROPOSED: (
        "{a} has invited {b} to talks{venue_in}",
        "{a} proposed a meeting with {b}{venue_in}{when}",
        "we are ready to organize a meeting of {pair}{venue_in}",
        "{a} wants to meet {b}{when}",
        "an invitation for a summit{venue_in} has been extended to {b}",
    ),
    ClaimKind.MEETING_CONFIRMED: (
        "{pair} will meet{venue_in}{when}",
        "the meeting between {pair}{venue_in} has been agreed",
        "the summit of {pair}{venue_in} is scheduled{when}",
        "the date and place of the meeting between {pair} have been set",
        "{a} will travel{venue_in} to meet {b}{when}",
    ),
    ClaimKind.MEETING_DENIED: (
        "no meeting between {pair} is planned",
        "there are no plans for a summit{venue_in}",
        "reports of a meeting between {pair} are not true",
        "a meeting of {pair} is not on the agenda",
        "{a} has no intention of meeting {b}",
    ),
    ClaimKind.MEETING_CANCELLED: (
        "the meeting between {pair}{venue_in} has been called off",
        "{a} cancelled the planned talks with {b}",
        "the summit{venue_in} will not take place as planned",
        "the talks between {pair} were postponed indefinitely",
    ),
    ClaimKind.MEETING_HELD: (
        "{pair} met{venue_in} {held}",
        "the talks between {pair}{venue_in} took place {held}",
        "{a} and {b} held talks{venue_in} {held}",
        "{a} received {b}{venue_in} {held}",
    ),
}
NO_COMMENT = (
    "we have nothing to announce about a meeting with {b}",
    "we do not comment on reports of talks between {pair}",
    "it is too early to talk about a meeting{venue_in}",
    "there is nothing to say about contacts with {b} at this point",
    "any meeting with {b} is a matter for later",
)
HEDGES = ("in principle, {s}", "{s} for the time being", "{s}, but the situation may change",
          "as things stand, {s}", "{s}, although nothing is final", "there is no concrete plan, but {s}")
CONDITIONS = ("the ceasefire holds", "preparations are completed in time", "the negotiators agree on a text",
              "the security situation allows", "both sides agree on the agenda", "sanctions are eased",
              "{b} attends the {occasion}", "the talks at ministerial level succeed")
ANONYMOUS_LEADS = ("Sources familiar with the matter", "Two officials who asked not to be named",
                   "A diplomatic source", "People briefed on the preparations", "A senior official")
BACKGROUND = ("Relations between {ca} and {cb} remain strained.",
              "The two sides last held talks at this level in {year}.",
              "Officials in {capital} have been preparing the ground for weeks.",
              "Markets reacted cautiously to the reports.",
              "Diplomats say the agenda is still being negotiated.",
              "The {occasion} is expected to draw dozens of leaders.")
HEADLINES: dict[ClaimKind, str] = {
    ClaimKind.MEETING_RUMORED: "Talk grows of {dash} meeting{venue_in}",
    ClaimKind.MEETING_POSSIBLE: "{a} does not rule out meeting {b}",
    ClaimKind.MEETING_PROPOSED: "{a} proposes talks with {b}",
    ClaimKind.MEETING_CONFIRMED: "{dash} summit{venue_in} confirmed",
    ClaimKind.MEETING_DENIED: "No {dash} meeting planned, officials say",
    ClaimKind.MEETING_CANCELLED: "{dash} talks called off",
    ClaimKind.MEETING_HELD: "{a} and {b} meet{venue_in}",
}
RANGE_REASONS = ("No printed date; the text speaks of the events of the previous weeks as recent.",
                 "Undated page; bounded by the events it mentions and those it does not.",
                 "Only the month is given in the archive listing.",
                 "The date line is cut off; the crawl date and the events mentioned bound it.")
EXACT_REASONS = ("Dateline.", "Header date.", "Printed date line.", "Timestamp in the page metadata.")
RETRACT_REASONS = ("The quote is the outlet's paraphrase, not a statement.",
                   "Duplicate of another claim of the same text.",
                   "The text refers to another meeting.",
                   "Misread the text: it reports an earlier statement.")
CORRECT_REASONS = ("Kind misjudged on first reading.", "The statement is firmer than first annotated.",
                   "The statement is softer than first annotated.")
CLAIM_NOTES = ("Paraphrase of a longer statement.", "The text does not say when this was said.",
               "Relayed second-hand.")
SOURCE_NOTES = ("Machine-translated.", "Partly stale text.", "Syndicated copy.")

# -- weights ----------------------------------------------------------------------------

_K = ClaimKind
_RUMORED, _POSSIBLE, _PROPOSED = _K.MEETING_RUMORED, _K.MEETING_POSSIBLE, _K.MEETING_PROPOSED
_CONFIRMED, _DENIED, _CANCELLED, _HELD = (_K.MEETING_CONFIRMED, _K.MEETING_DENIED, _K.MEETING_CANCELLED,
                                          _K.MEETING_HELD)

# Phases of a summit's story, as seen on a publication day.
_EARLY, _NEAR, _DUE, _OVERDUE, _AFTER_HELD, _AFTER_CANCELLED, _HISTORIC = range(7)


class _Table(Generic[T]):
    """Weighted choices, drawn with one `random()` and a bisection."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = tuple(item for item, _ in pairs)
        self.cumulative = tuple(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


KINDS_BY_PHASE: dict[int, _Table[ClaimKind]] = {
    _EARLY: _Table([(_RUMORED, 40), (_POSSIBLE, 25), (_PROPOSED, 20), (_DENIED, 11), (_CONFIRMED, 4)]),
    _NEAR: _Table([(_RUMORED, 18), (_POSSIBLE, 14), (_PROPOSED, 18), (_CONFIRMED, 34), (_DENIED, 12),
                   (_CANCELLED, 4)]),
    _DUE: _Table([(_CONFIRMED, 55), (_RUMORED, 20), (_POSSIBLE, 10), (_PROPOSED, 8), (_DENIED, 7)]),
    _OVERDUE: _Table([(_DENIED, 35), (_RUMORED, 25), (_POSSIBLE, 25), (_PROPOSED, 15)]),
    _AFTER_HELD: _Table([(_HELD, 65), (_CONFIRMED, 20), (_RUMORED, 8), (_POSSIBLE, 7)]),
    _AFTER_CANCELLED: _Table([(_CANCELLED, 45), (_DENIED, 30), (_POSSIBLE, 12), (_RUMORED, 13)]),
    _HISTORIC: _Table([(_HELD, 1)]),
}
_M = Modality
MODALITIES: dict[ClaimKind, _Table[Modality]] = {
    kind: _Table([(_M.PLAIN, 92), (_M.HEDGED, 6), (_M.NO_COMMENT, 2)]) if kind is _HELD
    else _Table([(_M.PLAIN, 78), (_M.HEDGED, 16), (_M.NO_COMMENT, 6)]) if kind is _CANCELLED
    else _Table([(_M.PLAIN, 55), (_M.HEDGED, 30), (_M.NO_COMMENT, 15)]) if kind is _DENIED
    else _Table([(_M.PLAIN, 52), (_M.HEDGED, 30), (_M.CONDITIONAL, 9), (_M.NO_COMMENT, 9)])
    if kind is _RUMORED
    else _Table([(_M.PLAIN, 48), (_M.HEDGED, 26), (_M.CONDITIONAL, 13), (_M.NO_COMMENT, 13)])
    for kind in ClaimKind
}
_A = AttributionKind
ATTRIBUTIONS: dict[ClaimKind, _Table[AttributionKind]] = {
    kind: _Table([(_A.OUTLET, 45), (_A.ANONYMOUS, 40), (_A.OFFICIAL, 15)]) if kind is _RUMORED
    else _Table([(_A.OUTLET, 55), (_A.OFFICIAL, 30), (_A.ANONYMOUS, 15)]) if kind is _HELD
    else _Table([(_A.OFFICIAL, 48), (_A.ANONYMOUS, 27), (_A.OUTLET, 25)])
    for kind in ClaimKind
}
NO_COMMENT_ATTRIBUTIONS = _Table([(_A.OFFICIAL, 85), (_A.ANONYMOUS, 15)])
SOURCE_KINDS = _Table([(SourceKind.REPORT, 50), (SourceKind.WIRE, 25), (SourceKind.ANALYSIS, 12),
                       (SourceKind.OPINION, 7), (SourceKind.TRANSCRIPT, 6)])
CLAIMS_PER_SOURCE = _Table([(1, 18), (2, 20), (3, 18), (4, 14), (5, 10), (6, 7), (7, 5), (8, 4), (9, 2),
                            (10, 1), (12, 1)])
PARTICIPANTS = _Table([(2, 75), (3, 20), (4, 5)])


def _zipf(count: int, exponent: float) -> list[float]:
    """Cumulative Zipf weights of ranks 1..count."""
    return list(accumulate(rank ** -exponent for rank in range(1, count + 1)))


_LEADER_WEIGHTS = _zipf(len(LEADERS), 0.9)
_OUTLET_WEIGHTS = _zipf(len(OUTLETS), 0.8)


def _pick_ranked(rng: random.Random, cumulative: list[float]) -> int:
    return bisect(cumulative, rng.random() * cumulative[-1])


def _day_text(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# -- summits ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Plan:
    """A summit and what the sources may say about it: its true venue, schedule and fate."""

    index: int  # in the summit table
    summit: Summit
    leaders: tuple[_Leader, ...]
    venue: str
    start: int  # ordinal of the scheduled (and, if held, actual) first day
    end: int  # ordinal of the last day
    fate: str  # "held", "cancelled" or "open"
    cancelled_on: int
    historic: bool
    schedule: TimeWindow  # the exact schedule, as a claim may disclose it
    held_on: DateSpan
    held_text: str
    pair: str
    dash: str


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _plan(rng: random.Random, index: int, ident: str) -> _Plan:
    size = PARTICIPANTS.draw(rng)
    chosen: list[_Leader] = []
    while len(chosen) < size:
        leader = LEADERS[_pick_ranked(rng, _LEADER_WEIGHTS)]
        if leader not in chosen:
            chosen.append(leader)
    historic = rng.random() < 0.02
    if historic:
        start = rng.randint(dt.date(2015, 1, 1).toordinal(), dt.date(2023, 12, 20).toordinal())
    else:
        start = rng.randint(dt.date(2024, 3, 1).toordinal(), dt.date(2027, 12, 15).toordinal())
    length = rng.choice((1, 1, 1, 1, 1, 1, 1, 2, 2, 3))
    end = start + length - 1
    first, last = dt.date.fromordinal(start), dt.date.fromordinal(end)
    venue = rng.choice(chosen).capital if rng.random() < 0.45 else rng.choice(NEUTRAL_VENUES)
    fate = "held" if historic else rng.choices(("held", "cancelled", "open"), (55, 15, 30))[0]
    cancelled_on = start - rng.randint(3, 45) if fate == "cancelled" else 0
    schedule = TimeWindow(start=first, end=last)
    published_window: TimeWindow | None
    shape = rng.random()
    if historic:
        published_window = schedule if shape < 0.5 else None
    elif shape < 0.55:
        published_window = schedule
    elif shape < 0.72:
        month_end = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        published_window = TimeWindow(start=first.replace(day=1), end=max(month_end, last), approximate=True,
                                      note=f"in {MONTHS[first.month - 1]}")
    elif shape < 0.77:
        published_window = TimeWindow(start=first - dt.timedelta(days=rng.randint(3, 20)),
                                      note="in the coming weeks")
    elif shape < 0.80:
        published_window = TimeWindow(end=dt.date(last.year, 12, 31), approximate=True,
                                      note="by the end of the year")
    else:
        published_window = None
    names = [leader.name for leader in chosen]
    dash = "\N{EN DASH}".join(leader.tag for leader in chosen)
    disclosed = historic or rng.random() < 0.8
    occasion = rng.choice(OCCASIONS) if rng.random() < 0.25 else None
    noun = "summit" if len(chosen) > 2 else rng.choice(("meeting", "summit", "talks"))
    where = f" in {venue}" if disclosed else ""
    title = f"{dash} {noun}{where}, {MONTHS[first.month - 1]} {first.year}"
    aliases = (f"{venue} summit",) if disclosed and rng.random() < 0.05 else ()
    summit = Summit(id=ident, title=title, participants=tuple(names), venue=venue if disclosed else None,
                    occasion=occasion, window=published_window, aliases=aliases)
    return _Plan(index=index, summit=summit, leaders=tuple(chosen), venue=venue, start=start, end=end,
                 fate=fate, cancelled_on=cancelled_on, historic=historic, schedule=schedule,
                 held_on=DateSpan(earliest=first, latest=last),
                 held_text=f"in {first.year}" if historic else f"on {_day_text(first)}",
                 pair=_join([leader.short for leader in chosen]), dash=dash)


def _phase(plan: _Plan, day: int) -> int:
    """Where `plan`'s story stands on `day` (held claims need the meeting to be over by then)."""
    if plan.historic:
        return _HISTORIC
    if plan.fate == "held" and day > plan.end:
        return _AFTER_HELD
    if plan.fate == "cancelled" and day >= plan.cancelled_on:
        return _AFTER_CANCELLED
    if day >= plan.start:
        return _DUE if plan.fate == "held" else _OVERDUE
    return _EARLY if day < plan.start - 60 else _NEAR


def _publication_day(rng: random.Random, plan: _Plan) -> int:
    """Mostly in the months before the scheduled day, sometimes after; within the corpus."""
    if not plan.historic:
        for _ in range(4):
            if plan.fate == "cancelled" and rng.random() < 0.15:
                day = plan.cancelled_on + int(rng.expovariate(1 / 20))
            elif rng.random() < 0.9:
                day = plan.start - int(min(rng.expovariate(1 / 75), 600))
            else:
                day = plan.end + 1 + int(min(rng.expovariate(1 / 40), 700))
            if _FIRST <= day <= _LAST:
                return day
        return rng.randint(max(_FIRST, plan.start - 600), min(_LAST, plan.end + 400))
    return rng.randint(_FIRST, _LAST)


# -- chunks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Chunk:
    """One generated chunk: the scenario, and the text of each of its sources by id."""

    scenario: Scenario
    texts: dict[str, str]


class _Generator:
    """The state of one corpus: the summit table, the id counters and the random stream."""

    def __init__(self, claims: int, summits: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.claim_width = max(7, len(str(claims)))
        self.source_width = max(6, len(str(claims)))
        width = max(5, len(str(summits)))
        self.plans = [_plan(self.rng, n, f"s{n + 1:0{width}d}") for n in range(summits)]
        # Popularity: the summit of rank r is chosen with weight 1/r^1.1, ranks shuffled.
        self.by_rank = list(range(summits))
        self.rng.shuffle(self.by_rank)
        self.popularity = _zipf(summits, 1.1)
        self.claims = 0
        self.sources = 0
        self.fixes = 0
        self.exact_days: dict[int, DateSpan] = {}
        self.attributions: dict[tuple[AttributionKind, str | None, str | None, str | None], Attribution] = {}

    def _summit(self) -> _Plan:
        return self.plans[self.by_rank[_pick_ranked(self.rng, self.popularity)]]

    def _related(self, day: int, main: _Plan) -> _Plan:
        """Another summit a source mentions: one in the news around `day`, else its own."""
        plan = self._summit()
        if plan.historic:
            return plan
        return main if plan.start - day > 365 or day - plan.end > 3 * 365 else plan

    def _day(self, ordinal: int) -> DateSpan:
        span = self.exact_days.get(ordinal)
        if span is None:
            day = dt.date.fromordinal(ordinal)
            span = self.exact_days[ordinal] = DateSpan(earliest=day, latest=day)
        return span

    def _attribution(self, kind: AttributionKind, speaker: str | None, role: str | None,
                     via: str | None) -> Attribution:
        key = (kind, speaker, role, via)
        found = self.attributions.get(key)
        if found is None:
            found = self.attributions[key] = Attribution(kind=kind, speaker=speaker, role=role, via=via)
        return found

    def chunk(self, index: int, size: int) -> Chunk:
        """The next chunk, of exactly `size` claims, in whole sources."""
        sources: list[Source] = []
        texts: dict[str, str] = {}
        claims: list[Claim] = []
        fixes: list[Correction] = []
        used: set[int] = set()
        while len(claims) < size:
            self._source(size - len(claims), sources, texts, claims, fixes, used)
        sources.sort(key=lambda s: (s.published.latest, s.published.earliest, s.id))
        summits = tuple(self.plans[n].summit for n in sorted(used))
        scenario = Scenario(
            path=Path(f"<generated-{index:05d}>"),
            title=f"Synthetic corpus, seed {self.seed}, part {index}",
            sources=tuple(sources), summits=summits, claims=tuple(claims), corrections=tuple(fixes),
            expectations=(), recorded_on={}, lines={},
        )
        return Chunk(scenario, texts)

    def _source(self, room: int, sources: list[Source], texts: dict[str, str], claims: list[Claim],
                fixes: list[Correction], used: set[int]) -> None:
        rng = self.rng
        self.sources += 1
        source_id = f"src{self.sources:0{self.source_width}d}"
        main = self._summit()
        for _ in range(10):  # past meetings are mentioned, not reported on
            if not main.historic:
                break
            main = self._summit()
        latest = _publication_day(rng, main)
        earliest = latest
        dated_by = None
        if rng.random() < 0.05 and latest - 2 >= _FIRST:
            earliest = max(_FIRST, latest - rng.randint(2, 30))
            dated_by = rng.choice(RANGE_REASONS)
            published = DateSpan(earliest=dt.date.fromordinal(earliest), latest=dt.date.fromordinal(latest))
        else:
            published = self._day(latest)
            if rng.random() < 0.2:
                dated_by = rng.choice(EXACT_REASONS)
        outlet = OUTLETS[_pick_ranked(rng, _OUTLET_WEIGHTS)]
        sentences: list[str] = []
        first_kind: ClaimKind | None = None
        for _ in range(min(CLAIMS_PER_SOURCE.draw(rng), room)):
            plan = main if rng.random() < 0.75 else self._related(earliest, main)
            kind = KINDS_BY_PHASE[_phase(plan, earliest)].draw(rng)
            other = None
            if rng.random() < 0.08 and kind is not _HELD and kind is not _CANCELLED:
                other = self._related(earliest, plan)
                if other is plan:
                    other = None
            claim, sentence = self._claim(source_id, outlet, earliest, plan, other, kind)
            claims.append(claim)
            sentences.append(sentence)
            used.add(plan.index)
            if other is not None:
                used.add(other.index)
            if first_kind is None:
                first_kind = kind
            fix = self._fix(claim)
            if fix is not None:
                fixes.append(fix)
        if rng.random() < 0.35:
            sentences.insert(rng.randint(0, len(sentences)), self._background(main, latest))
        text = " ".join(sentences)
        texts[source_id] = text
        title = None
        if first_kind is not None and rng.random() < 0.8:
            leader = main.leaders[0]
            title = HEADLINES[first_kind].format(
                dash=main.dash, a=leader.short, b=_join([x.short for x in main.leaders[1:]]),
                venue_in=f" in {main.summit.venue}" if main.summit.venue else "")
            title = title[0].upper() + title[1:]
        sources.append(Source(
            id=source_id, outlet=outlet, kind=SOURCE_KINDS.draw(rng), title=title, published=published,
            dated_by=dated_by, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            note=rng.choice(SOURCE_NOTES) if rng.random() < 0.01 else None,
        ))

    def _background(self, plan: _Plan, day: int) -> str:
        rng = self.rng
        template = rng.choice(BACKGROUND)
        if plan.summit.occasion is None and "{occasion}" in template:
            template = BACKGROUND[0]
        return template.format(ca=plan.leaders[0].country, cb=plan.leaders[1].country,
                               year=dt.date.fromordinal(day).year - rng.randint(1, 6),
                               capital=rng.choice(plan.leaders).capital, occasion=plan.summit.occasion)

    def _claim(self, source_id: str, outlet: str, published: int, plan: _Plan, other: _Plan | None,
               kind: ClaimKind) -> tuple[Claim, str]:
        """A claim about `plan` (and `other`) in a source published from day `published` on,
        and the sentence of the source's text that holds its quote."""
        rng = self.rng
        self.claims += 1
        modality = MODALITIES[kind].draw(rng)
        attributions = NO_COMMENT_ATTRIBUTIONS if modality is _M.NO_COMMENT else ATTRIBUTIONS[kind]
        attribution_kind = attributions.draw(rng)
        leaders = plan.leaders
        side = rng.randrange(len(leaders))
        a = leaders[side].short
        b = _join([leader.short for n, leader in enumerate(leaders) if n != side])
        venue = None
        if kind is _HELD:
            venue = plan.venue if rng.random() < 0.8 else None
        elif kind is _CONFIRMED:
            venue = plan.venue if rng.random() < (0.6 if plan.summit.venue is None else 0.3) else None
        window = None
        when = ""
        if kind is _CONFIRMED and not plan.historic and rng.random() < 0.3:
            window = plan.schedule
            when = f" on {_day_text(plan.schedule.start)}" if plan.schedule.start else ""
        elif plan.summit.window is not None and plan.summit.window.note and rng.random() < 0.3:
            when = f" {plan.summit.window.note}"
        shown_venue = venue or plan.summit.venue
        words = {"pair": plan.pair, "a": a, "b": b, "venue_in": f" in {shown_venue}" if shown_venue else "",
                 "when": when, "held": plan.held_text}
        held_on = None
        if kind is _HELD:
            held_on = plan.held_on
            if plan.historic and rng.random() < 0.5:
                year = plan.held_on.earliest.year
                held_on = DateSpan(earliest=dt.date(year, 1, 1), latest=dt.date(year, 12, 31))
            else:
                words["held"] = f"on {_day_text(plan.held_on.earliest)}"
        condition = None
        if modality is _M.NO_COMMENT:
            core = rng.choice(NO_COMMENT).format(**words)
        else:
            core = rng.choice(CORE[kind]).format(**words)
            if modality is _M.HEDGED:
                core = rng.choice(HEDGES).format(s=core)
            elif modality is _M.CONDITIONAL:
                condition = rng.choice(CONDITIONS).format(b=b, occasion=plan.summit.occasion or "talks")
                core = f"if {condition}, {core}" if rng.random() < 0.5 else f"{core} if {condition}"
        stated_on = None
        on = ""
        speaker = role = via = None
        if attribution_kind is _A.OFFICIAL:
            leader = leaders[side]
            if rng.random() < 0.2:
                speaker, role = leader.name, leader.office
            else:
                speaker, role = rng.choice(leader.officials)
            if rng.random() < 0.15:
                via = OUTLETS[_pick_ranked(rng, _OUTLET_WEIGHTS)]
                if via == outlet:
                    via = None
            quote = core[0].upper() + core[1:]
            if rng.random() < 0.35:
                stated_on, on = self._stated(published)
            verb = f"told {via}" if via else "said"
            who = f"{speaker}, {role}," if role else speaker
            sentence = f"{who} {verb}{on}: “{quote}.”"
        elif attribution_kind is _A.ANONYMOUS:
            if rng.random() < 0.25:
                via = OUTLETS[_pick_ranked(rng, _OUTLET_WEIGHTS)]
                if via == outlet:
                    via = None
            quote = core
            if rng.random() < 0.1:
                stated_on, on = self._stated(published)
            verb = f"told {via}" if via else "said"
            sentence = f"{rng.choice(ANONYMOUS_LEADS)} {verb}{on} that {quote}."
        else:
            if rng.random() < 0.08:
                via = OUTLETS[_pick_ranked(rng, _OUTLET_WEIGHTS)]
                if via == outlet:
                    via = None
            quote = core[0].upper() + core[1:]
            sentence = f"{quote}, {via} reported." if via else f"{quote}."
        sentence = sentence[0].upper() + sentence[1:]
        claim = Claim(
            id=f"c{self.claims:0{self.claim_width}d}", source=source_id, kind=kind,
            summits=(plan.summit.id,) if other is None else (plan.summit.id, other.summit.id),
            attribution=self._attribution(attribution_kind, speaker, role, via),
            modality=modality, condition=condition, stated_on=stated_on, quote=quote, held_on=held_on,
            venue=venue, window=window, note=rng.choice(CLAIM_NOTES) if rng.random() < 0.01 else None,
        )
        return claim, sentence

    def _stated(self, published: int) -> tuple[DateSpan, str]:
        """A statement day on or before the publication's first possible day, and its words."""
        rng = self.rng
        if rng.random() < 0.05:
            day = dt.date.fromordinal(published).replace(day=1) - dt.timedelta(days=1)
            return DateSpan(earliest=day.replace(day=1), latest=day), " last month"
        ago = rng.choice((0, 0, 0, 1, 1, 1, 2, 3, 4, 6))
        day_ordinal = published - ago
        name = WEEKDAYS[dt.date.fromordinal(day_ordinal).weekday()]
        return self._day(day_ordinal), " today" if ago == 0 else f" on {name}"

    def _fix(self, claim: Claim) -> Correction | None:
        """About 1% of claims are retracted, and a few corrected (their kind or firmness)."""
        rng = self.rng
        draw = rng.random()
        if draw >= 0.015:
            return None
        if draw < 0.01:
            corrected = None
            reason = rng.choice(RETRACT_REASONS)
        elif claim.kind is _HELD or claim.kind is _CANCELLED or claim.modality not in (_M.PLAIN, _M.HEDGED):
            return None
        elif rng.random() < 0.5:
            kinds = [k for k in (_RUMORED, _POSSIBLE, _PROPOSED, _CONFIRMED, _DENIED) if k is not claim.kind]
            corrected = claim.model_copy(update={"kind": rng.choice(kinds)})
            reason = CORRECT_REASONS[0]
        else:
            firmer = claim.modality is _M.HEDGED
            corrected = claim.model_copy(update={"modality": _M.PLAIN if firmer else _M.HEDGED})
            reason = CORRECT_REASONS[1 if firmer else 2]
        self.fixes += 1
        return Correction(id=f"fix{self.fixes:0{self.source_width}d}", claim_id=claim.id, reason=reason,
                          corrected=corrected)


def _check_sizes(claims: int, summits: int, per_chunk: int) -> None:
    if claims < 0:
        raise ValueError(f"claims must be 0 or more, not {claims}")
    if summits < 1:
        raise ValueError(f"summits must be 1 or more, not {summits}")
    if per_chunk < 1:
        raise ValueError(f"per_chunk must be 1 or more, not {per_chunk}")


def generate_chunks(claims: int, summits: int, seed: int, per_chunk: int = 1000) -> Iterator[Chunk]:
    """Like `generate`, with the text of every source (`Chunk.texts`)."""
    _check_sizes(claims, summits, per_chunk)
    return _chunks(claims, summits, seed, per_chunk)


def _chunks(claims: int, summits: int, seed: int, per_chunk: int) -> Iterator[Chunk]:
    generator = _Generator(claims, summits, seed)
    done = 0
    index = 0
    while done < claims:
        index += 1
        size = min(per_chunk, claims - done)
        yield generator.chunk(index, size)
        done += size


def generate(claims: int, summits: int, seed: int, per_chunk: int = 1000) -> Iterator[Scenario]:
    """A synthetic corpus of exactly `claims` claims about at most `summits` summits, as
    self-contained scenarios of `per_chunk` claims (the last one fewer), in whole sources.

    Each chunk defines every summit its claims refer to (always the same `Summit` object),
    its sources and claims, and corrections of its own claims only. Deterministic: the same
    arguments give the same chunks. Streams: only the summit table is kept in memory.
    """
    return (chunk.scenario for chunk in generate_chunks(claims, summits, seed, per_chunk))


# -- YAML -------------------------------------------------------------------------------


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one: the texts are printable BMP text)."""
    return json.dumps(text, ensure_ascii=False)


def _window_yaml(window: TimeWindow) -> str:
    parts = []
    if window.start is not None:
        parts.append(f"start: {window.start.isoformat()}")
    if window.end is not None:
        parts.append(f"end: {window.end.isoformat()}")
    if window.approximate:
        parts.append("approximate: true")
    if window.note is not None:
        parts.append(f"note: {_q(window.note)}")
    return "{" + ", ".join(parts) + "}"


def _attribution_yaml(attribution: Attribution) -> str:
    parts = [f"kind: {attribution.kind.value}"]
    if attribution.speaker is not None:
        parts.append(f"speaker: {_q(attribution.speaker)}")
    if attribution.role is not None:
        parts.append(f"role: {_q(attribution.role)}")
    if attribution.via is not None:
        parts.append(f"via: {_q(attribution.via)}")
    return "{" + ", ".join(parts) + "}"


def _replacement_yaml(original: Claim, corrected: Claim) -> str:
    parts = []
    for name in ("kind", "modality"):
        value = getattr(corrected, name)
        if value != getattr(original, name):
            parts.append(f"{name}: {value.value}")
    if corrected.model_copy(update={"kind": original.kind, "modality": original.modality}) != original:
        raise ValueError(f"correction of {original.id} changes more than its kind or modality")
    return "{" + ", ".join(parts) + "}"


def chunk_yaml(chunk: Chunk) -> str:
    """The chunk as a standalone scenario file (sources with inline text), loading back to
    the same sources, summits, claims and corrections."""
    scenario = chunk.scenario
    out = [f"# {scenario.title}: written by tracker.generate.\n", f"title: {_q(scenario.title or '')}\n"]
    add = out.append
    add("sources:\n")
    for source in scenario.sources:
        add(f"  - id: {source.id}\n    outlet: {_q(source.outlet)}\n    kind: {source.kind.value}\n")
        if source.title is not None:
            add(f"    title: {_q(source.title)}\n")
        add(f"    published: {source.published}\n")
        if source.dated_by is not None:
            add(f"    dated_by: {_q(source.dated_by)}\n")
        if source.note is not None:
            add(f"    note: {_q(source.note)}\n")
        add(f"    text: {_q(chunk.texts[source.id])}\n")
    add("summits:\n")
    for summit in scenario.summits:
        add(f"  - id: {summit.id}\n    title: {_q(summit.title)}\n"
            f"    participants: {json.dumps(summit.participants, ensure_ascii=False)}\n")
        if summit.venue is not None:
            add(f"    venue: {_q(summit.venue)}\n")
        if summit.occasion is not None:
            add(f"    occasion: {_q(summit.occasion)}\n")
        if summit.window is not None:
            add(f"    window: {_window_yaml(summit.window)}\n")
        if summit.aliases:
            add(f"    aliases: {json.dumps(summit.aliases, ensure_ascii=False)}\n")
    add("claims:\n")
    by_id: dict[str, Claim] = {}
    fixed = {fix.claim_id for fix in scenario.corrections}
    for claim in scenario.claims:
        if claim.id in fixed:
            by_id[claim.id] = claim
        add(f"  - id: {claim.id}\n    source: {claim.source}\n    kind: {claim.kind.value}\n")
        if claim.modality is not Modality.PLAIN:
            add(f"    modality: {claim.modality.value}\n")
        if claim.condition is not None:
            add(f"    condition: {_q(claim.condition)}\n")
        add(f"    summits: [{', '.join(claim.summits)}]\n"
            f"    attribution: {_attribution_yaml(claim.attribution)}\n")
        if claim.stated_on is not None:
            add(f"    stated_on: {claim.stated_on}\n")
        add(f"    quote: {_q(claim.quote)}\n")
        if claim.held_on is not None:
            add(f"    held_on: {claim.held_on}\n")
        if claim.venue is not None:
            add(f"    venue: {_q(claim.venue)}\n")
        if claim.window is not None:
            add(f"    window: {_window_yaml(claim.window)}\n")
        if claim.note is not None:
            add(f"    note: {_q(claim.note)}\n")
    add("corrections:\n" if scenario.corrections else "corrections: []\n")
    for fix in scenario.corrections:
        head = f"  - {{id: {fix.id}, claim: {fix.claim_id}, "
        if fix.corrected is None:
            add(f"{head}action: retract, reason: {_q(fix.reason)}}}\n")
        else:
            replace = _replacement_yaml(by_id[fix.claim_id], fix.corrected)
            add(f"{head}action: correct, reason: {_q(fix.reason)}, replace: {replace}}}\n")
    return "".join(out)


def write_corpus(out_dir: Path, claims: int, summits: int, seed: int, per_file: int = 1000,
                 progress: Callable[[int], None] | None = None) -> list[Path]:
    """Write the corpus `generate(claims, summits, seed, per_file)` as standalone scenario
    files `corpus-00001.yaml`, ... in `out_dir` (created if need be; a folder that already
    holds corpus files is refused). Calls `progress(claims in the file)` after each file."""
    _check_sizes(claims, summits, per_file)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.glob("corpus-*.yaml")):
        raise ValueError(f"{out_dir} already holds corpus-*.yaml files")
    written = []
    for index, chunk in enumerate(generate_chunks(claims, summits, seed, per_file), start=1):
        path = out_dir / f"corpus-{index:05d}.yaml"
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(chunk_yaml(chunk))
        written.append(path)
        if progress is not None:
            progress(len(chunk.scenario.claims))
    return written
