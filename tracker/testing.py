"""Hypothesis strategies for sources, summits, claims and whole scenarios.

For property-testing your own rules and scenarios (see README, "Property-based testing").
Every generated value is valid by construction, nothing is filtered, and values shrink
to small readable examples: exact dates, plain claims, few sources. Dates lie in a short
stretch of 2025 so that ties and collisions between them are common.
Needs the `test` extra (hypothesis); nothing else in `tracker` imports this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from tracker.domain.commands import publication_order
from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Attribution, Claim, Correction, PublishedClaim, Source, Summit
from tracker.domain.vocabulary import AttributionKind, ClaimKind, Modality, SourceKind
from tracker.scenario.load import Scenario

FIRST_DAY = dt.date(2025, 7, 1)
LAST_DAY = dt.date(2025, 12, 31)

# Readable words, some of them traps: YAML 1.1 booleans and nulls, a colon, other scripts.
WORDS = (
    "the",
    "leaders",
    "will",
    "meet",
    "in",
    "Beijing",
    "no",
    "plan",
    "talks",
    "agreed",
    "possible",
    "встреча",
    "会谈",
    "NO",
    "12:30",
    "null",
)
OUTLETS = ("Wire", "Paper", "MENAFN", "Коммерсантъ", "NO", "Le Monde: Paris")
SPEAKERS = (
    "Dmitry Peskov",
    "Yuri Ushakov",
    "Karoline Leavitt",
    "the Kremlin",
    "王毅",
    "Donald Trump",
    "Vladimir Putin",
)
PEOPLE = ("Vladimir Putin", "Donald Trump", "Xi Jinping", "Recep Tayyip Erdoğan")
PARTIES = ("Russia", "United States", "China", "Türkiye")
"""The side each of `PEOPLE` leads, in order."""
HOSTS = ("Hungary", "Switzerland")
SIDES = (*PEOPLE, *PARTIES, *HOSTS, "the European Union")
"""What a claim may speak for: a participant, a party, a host, a third party."""
VENUES = ("Beijing", "Anchorage", "Budapest", "Zürich", "Москва")
CONDITIONS = ("if Trump attends", "if the talks go well", "yes")
NOTES = ("next week", "by the end of the year", "off")

# Built once: strategies are cheap to draw from but not to build.
_word = st.sampled_from(WORDS)
_outlet = st.sampled_from(OUTLETS)
_speaker = st.sampled_from(SPEAKERS)
_venue = st.none() | st.sampled_from(VENUES)
_note = st.none() | st.sampled_from(NOTES)
_via = st.none() | st.sampled_from(OUTLETS)
_role = st.none() | st.just("spokesman")
_speaks_for = st.none() | st.sampled_from(SIDES)
_host = st.none() | st.sampled_from(HOSTS)
_people = st.lists(st.sampled_from(PEOPLE), min_size=2, max_size=3, unique=True)
_kinds = st.sampled_from(ClaimKind)
_source_kinds = st.sampled_from(SourceKind)
_attribution_kinds = st.sampled_from(AttributionKind)
_modalities = st.sampled_from(Modality)
_unconditional = st.sampled_from([m for m in Modality if m is not Modality.CONDITIONAL])
_conditions = st.sampled_from(CONDITIONS)
_fix = st.sampled_from([None, "retract", "correct"])
quotes = st.lists(_word, min_size=1, max_size=4).map(" ".join)
"""Short quotes made of `WORDS`."""


def identifiers(prefix: str = "x") -> st.SearchStrategy[str]:
    """Ids such as `x-0`, `x-17`: valid by the id pattern, short, and often equal."""
    return st.integers(0, 99).map(lambda n: f"{prefix}-{n}")


@lru_cache(maxsize=64)
def _some(ids: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)


@lru_cache(maxsize=4096)
def days(first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> st.SearchStrategy[dt.date]:
    """Days from `first` to `last`, both included."""
    return st.dates(first, last)


def _span(draw: st.DrawFn, first: dt.date, last: dt.date, ranged: bool) -> DateSpan:
    # Two independent days, sorted, rather than a second day bounded by the first: both
    # shrink towards `first`, and Hypothesis never replays a day outside its bounds.
    ends = sorted(draw(days(first, last)) for _ in range(2 if ranged else 1))
    return DateSpan(earliest=ends[0], latest=ends[-1])


@st.composite
def date_spans(
    draw: st.DrawFn, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY, *, exact: bool | None = None
) -> DateSpan:
    """A day, or a range of days (`exact=None`: either)."""
    return _span(draw, first, last, (not exact) if exact is not None else draw(st.booleans()))


OFFSETS = (dt.UTC, dt.timezone(dt.timedelta(hours=-4)), dt.timezone(dt.timedelta(hours=3)))
HOURS = (8, 12, 12, 17, 23)
"""Times of day: few, so that equal times and times across midnight in UTC both occur."""


def _timed(draw: st.DrawFn, span: DateSpan) -> DateSpan:
    """`span`, given a time of day with a UTC offset when it is exact and the draw says so."""
    if not span.exact or draw(st.integers(0, 2)) != 0:
        return span
    hour, zone = draw(st.sampled_from(HOURS)), draw(st.sampled_from(OFFSETS))
    return DateSpan.model_validate(dt.datetime.combine(span.earliest, dt.time(hour, 5), zone))


def _maybe_day(draw: st.DrawFn, first: dt.date, last: dt.date) -> dt.date | None:
    return draw(days(first, last)) if draw(st.booleans()) else None


def _stated_on(draw: st.DrawFn, day: dt.date | None, source: Source | str) -> DateSpan | None:
    """A claim's `stated_on` on `day`, with a time only when its source has none (a time after
    the source's own would be refused)."""
    if day is None:
        return None
    span = DateSpan.on(day)
    return _timed(draw, span) if isinstance(source, Source) and source.published.at is None else span


def _window(draw: st.DrawFn, first: dt.date, last: dt.date) -> TimeWindow:
    start, end = _maybe_day(draw, first, last), _maybe_day(draw, first, last)
    if start and end and end < start:
        start, end = end, start
    return TimeWindow(start=start, end=end, approximate=draw(st.booleans()), note=draw(_note))


@st.composite
def windows(draw: st.DrawFn, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> TimeWindow:
    """A window with or without a start and an end, possibly approximate."""
    return _window(draw, first, last)


def _source(draw: st.DrawFn, ident: str, first: dt.date, last: dt.date) -> Source:
    published = _timed(draw, _span(draw, first, last, draw(st.booleans())))
    return Source(
        id=ident,
        outlet=draw(_outlet),
        kind=draw(_source_kinds),
        title=draw(st.none() | _word),
        published=published,
        dated_by=None if published.exact else "a date range in the page header",
        sha256=hashlib.sha256(ident.encode()).hexdigest(),
    )


@st.composite
def sources(
    draw: st.DrawFn,
    ids: st.SearchStrategy[str] | None = None,
    first: dt.date = FIRST_DAY,
    last: dt.date = LAST_DAY,
) -> Source:
    """A source dated exactly or by a range (then with `dated_by`). Its `sha256` is that of
    its id; `scenarios()` gives it that of the text made of its quotes (`source_text`)."""
    return _source(draw, draw(identifiers("src") if ids is None else ids), first, last)


def _summit(draw: st.DrawFn, ident: str, first: dt.date, last: dt.date) -> Summit:
    people = draw(_people)
    parties = tuple(PARTIES[PEOPLE.index(person)] for person in people) if draw(st.booleans()) else ()
    return Summit(
        id=ident,
        title=" and ".join(people) + " meeting",
        participants=tuple(people),
        venue=draw(_venue),
        window=_window(draw, first, last) if draw(st.booleans()) else None,
        parties=parties,
        host=draw(_host),
    )


@st.composite
def summits(
    draw: st.DrawFn,
    ids: st.SearchStrategy[str] | None = None,
    first: dt.date = FIRST_DAY,
    last: dt.date = LAST_DAY,
) -> Summit:
    """A summit of two or three people, with or without a venue, a window, the parties they
    lead and a host."""
    return _summit(draw, draw(identifiers("summit") if ids is None else ids), first, last)


@st.composite
def attributions(draw: st.DrawFn) -> Attribution:
    """An official on the record (with a speaker), on background, anonymous sources, or the
    outlet; all but the outlet perhaps saying whom they speak for."""
    kind = draw(_attribution_kinds)
    official = kind is AttributionKind.OFFICIAL
    return Attribution(
        kind=kind,
        speaker=draw(_speaker) if official else None,
        role=draw(_role) if official else None,
        via=draw(_via),
        speaks_for=None if kind is AttributionKind.OUTLET else draw(_speaks_for),
    )


def _claim(
    draw: st.DrawFn,
    ident: str,
    source: Source | str,
    summit_ids: Sequence[str],
    first: dt.date,
    last: dt.date,
    like: Claim | None = None,
) -> Claim:
    """A claim; with `like`, one saying the same thing as `like` by the same speaker."""
    bound = source.published.latest if isinstance(source, Source) else last
    first = min(first, bound)
    kind = like.kind if like else draw(_kinds)
    final = kind in (ClaimKind.MEETING_HELD, ClaimKind.MEETING_CANCELLED)
    modality = like.modality if like else draw(_unconditional if final else _modalities)
    condition = None
    if modality is Modality.CONDITIONAL:
        condition = like.condition if like else draw(_conditions)
    held_on = None
    if kind is ClaimKind.MEETING_HELD:
        began = draw(days(first, bound))
        held_on = DateSpan(earliest=began, latest=draw(days(began, began + dt.timedelta(2))))
    stated = _maybe_day(draw, first, bound)
    period = None
    if like is not None:
        period = like.period
    elif kind is ClaimKind.MEETING_DENIED and draw(st.booleans()):
        period = _period(draw, first, last)
    return Claim(
        id=ident,
        source=source.id if isinstance(source, Source) else source,
        kind=kind,
        summits=like.summits if like else tuple(draw(_some(tuple(summit_ids)))),
        attribution=like.attribution if like else draw(attributions()),
        modality=modality,
        condition=condition,
        stated_on=_stated_on(draw, stated, source),
        quote=draw(quotes),
        held_on=held_on,
        venue=draw(_venue),
        window=_window(draw, first, last) if draw(st.booleans()) else None,
        period=period,
    )


def _period(draw: st.DrawFn, first: dt.date, last: dt.date) -> TimeWindow:
    """The period a denial is about (R12): it always has an end."""
    end = draw(days(first, last))
    start = _maybe_day(draw, first, end)
    return TimeWindow(start=start, end=end, approximate=draw(st.booleans()), note=None)


@st.composite
def claims(
    draw: st.DrawFn,
    sources: Sequence[Source | str],
    summit_ids: Sequence[str],
    *,
    ids: st.SearchStrategy[str] | None = None,
    like: Claim | None = None,
    first: dt.date = FIRST_DAY,
    last: dt.date = LAST_DAY,
) -> Claim:
    """A claim of any kind and modality by one of `sources` about some of `summit_ids`
    (or, given `like`, saying what `like` says, about the same summits, by the same speaker).

    Conditional claims have a condition (and are never held or cancelled), held ones a
    `held_on`, some denials the `period` they deny. Given a `Source` rather than its id,
    `held_on` and `stated_on` start on or before its latest publication day, as a scenario
    requires; given an id, by `last`.
    """
    ident = draw(identifiers("claim") if ids is None else ids)
    return _claim(draw, ident, draw(st.sampled_from(sources)), summit_ids, first, last, like)


@st.composite
def published_claims(
    draw: st.DrawFn,
    summit_ids: Sequence[str],
    *,
    ids: st.SearchStrategy[str] | None = None,
    first: dt.date = FIRST_DAY,
    last: dt.date = LAST_DAY,
) -> PublishedClaim:
    """A claim with its source's publication span: the input of `tracker.domain.belief`."""
    source = draw(sources(first=first, last=last))
    claim = draw(claims([source], summit_ids, ids=ids, first=first, last=last))
    return PublishedClaim(claim=claim, published=source.published)


def source_text(scenario: Scenario, source_id: str) -> str:
    """The text of a generated source: the quotes of its claims and corrections, as sentences."""
    said = [c.quote for c in scenario.claims if c.source == source_id]
    said += [
        f.corrected.quote
        for f in scenario.corrections
        if f.corrected is not None and f.corrected.source == source_id
    ]
    return " ".join(f"{quote}." for quote in said) or "No comment."


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    max_sources: int = 4,
    max_summits: int = 2,
    max_claims: int = 6,
    corrections: bool = True,
    recorded_on: bool = True,
) -> Scenario:
    """A consistent scenario: every reference resolves and every quote is in its source's
    text (`source_text`). Claims often repeat earlier ones, so that equally strong claims
    tie. With `corrections`, some claims are retracted or corrected (each at most once);
    with `recorded_on`, some sources, claims of those sources (added later) and corrections have
    a simulated recording day.

    Its days lie within a week, a month or the half year from `FIRST_DAY`.
    """
    last = draw(st.sampled_from([FIRST_DAY + dt.timedelta(6), FIRST_DAY + dt.timedelta(30), LAST_DAY]))
    summit_list = [
        _summit(draw, f"s{n}", FIRST_DAY, last) for n in range(1, draw(st.integers(1, max_summits)) + 1)
    ]
    source_list = [
        _source(draw, f"src{n}", FIRST_DAY, last) for n in range(1, draw(st.integers(1, max_sources)) + 1)
    ]
    summit_ids = [s.id for s in summit_list]
    pick_source = st.sampled_from(source_list)
    claim_list: list[Claim] = []
    for n in range(1, draw(st.integers(0, max_claims)) + 1):
        # Often a claim repeats an earlier one (another outlet, the same words): ties.
        like: Claim | None = None
        if len(claim_list) > 0 and draw(st.booleans()):
            like = draw(st.sampled_from(claim_list))
        claim_list.append(_claim(draw, f"c{n}", draw(pick_source), summit_ids, FIRST_DAY, last, like))
    by_id = {s.id: s for s in source_list}
    fixes: list[Correction] = []
    for claim in claim_list if corrections else ():
        action = draw(_fix)
        if action is not None:
            corrected = (
                _claim(draw, claim.id, by_id[claim.source], summit_ids, FIRST_DAY, last)
                if action == "correct"
                else None
            )
            fixes.append(
                Correction(
                    id=f"fix-{claim.id}", claim_id=claim.id, reason=f"{action} it", corrected=corrected
                )
            )
    recorded: dict[str, dt.date] = {}
    for source in source_list if recorded_on else ():
        if draw(st.booleans()):
            recorded[source.id] = draw(days(source.published.earliest, LAST_DAY))
    claim_days: dict[str, dt.date] = {}
    for claim in claim_list:
        since = recorded.get(claim.source)
        if since is not None and draw(st.booleans()):
            claim_days[claim.id] = draw(days(since, LAST_DAY))
    source_of = {c.id: c.source for c in claim_list}
    for fix in fixes:
        after = claim_days.get(fix.claim_id) or recorded.get(source_of[fix.claim_id])
        if after is not None and draw(st.booleans()):
            recorded[fix.id] = draw(days(after, LAST_DAY))
    draft = Scenario(
        Path("generated.yaml"), None, (), tuple(summit_list), tuple(claim_list), tuple(fixes), (), recorded
    )
    hashed = [
        s.model_copy(update={"sha256": hashlib.sha256(source_text(draft, s.id).encode()).hexdigest()})
        for s in source_list
    ]
    hashed.sort(key=publication_order)
    return Scenario(
        draft.path,
        None,
        tuple(hashed),
        draft.summits,
        draft.claims,
        draft.corrections,
        (),
        recorded,
        claim_recorded_on=claim_days,
    )
