"""Loading a scenario file: parse safely, validate, resolve references, verify quotes.

Every problem is collected and reported with file, line, column and field; a scenario
with any problem yields no `Scenario`, so nothing of it can be recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tracker.domain.commands import RecordSources, publication_order
from tracker.domain.dates import DateSpan, Day
from tracker.domain.errors import RecordingRefused
from tracker.domain.models import Claim, Correction, Model, Source, Summit
from tracker.domain.quotes import closest_passage, find_quote
from tracker.scenario import files, limits
from tracker.scenario.entries import (
    CLAIM_RECORDING,
    ClaimEntry,
    CorrectionEntry,
    Expectation,
    ScenarioFile,
    SourceEntry,
)
from tracker.scenario.problems import InputProblem, InvalidInput, Problems, did_you_mean
from tracker.scenario.yamlnodes import ENTRY_MARKS, EVERY_MARK, LocatedData, YamlProblem, load_located
from tracker.scenario.yamlnodes import Path as NodePath


@dataclass(frozen=True)
class Scenario:
    """A validated scenario, ready to record: sources in publication order."""

    path: Path
    title: str | None
    sources: tuple[Source, ...]
    summits: tuple[Summit, ...]
    claims: tuple[Claim, ...]
    corrections: tuple[Correction, ...]
    expectations: tuple[Expectation, ...]
    recorded_on: dict[str, dt.date] = field(default_factory=dict)
    """Simulated recording day of a source or correction id, where the file gives one."""
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    """The line where each thing is written: ("summit" | "source" | "claim" | "correction", id),
    or ("expect", index)."""
    claim_recorded_on: dict[str, dt.date] = field(default_factory=dict)
    """Simulated recording day of a claim id, where the file gives one (else its source's)."""

    def command(self, recorded_by: str | None = None) -> RecordSources:
        """What recording this scenario asks of the write side."""
        return RecordSources(
            self.sources,
            self.summits,
            self.claims,
            self.corrections,
            self.recorded_on,
            recorded_by,
            self.claim_recorded_on,
        )

    def refusal(self, refused: RecordingRefused) -> InvalidInput:
        """The write side's refusal of this scenario, each conflict at the line of its thing."""
        return InvalidInput(
            [
                InputProblem(
                    str(self.path),
                    self.lines.get((c.kind, c.ident)),
                    None,
                    f"{c.kind}s.{c.ident}" + (f".{c.field}" if c.field else ""),
                    c.message,
                )
                for c in refused.conflicts
            ]
        )


def _source_text(checker: Problems, index: int, entry: SourceEntry, roots: list[Path]) -> str | None:
    """The text of a source, inline or from its confined, bounded, UTF-8 file."""
    limit = limits.source_limit()
    if entry.text is not None:
        if len(entry.text) > limit // 4 and len(entry.text.encode("utf-8")) > limit:
            checker.add(
                ("sources", index, "text"), limits.too_large("the text", limit, limits.SOURCE_VARIABLE)
            )
            return None
        if entry.sha256 and hashlib.sha256(entry.text.encode("utf-8")).hexdigest() != entry.sha256:
            checker.add(("sources", index, "sha256"), "the text does not match this hash")
        return entry.text
    where: NodePath = ("sources", index, "file")
    name = str(entry.file)
    try:
        raw = files.read_bounded(files.confined(checker.path, name, roots), limit, follow=False)
    except files.TooLarge:
        checker.add(where, limits.too_large(name, limit, limits.SOURCE_VARIABLE))
        return None
    except files.Unreadable as problem:
        checker.add(where, problem.message)
        return None
    if entry.sha256 and hashlib.sha256(raw).hexdigest() != entry.sha256:
        checker.add(("sources", index, "sha256"), f"{name} does not match this hash")
    try:
        return files.decode(raw, name)
    except files.Unreadable as problem:
        checker.add(where, problem.message)
        return None


def _claim(
    checker: Problems, where: NodePath, data: Claim | dict[str, Any], text: str | None, source: DateSpan
) -> Claim | None:
    """The claim (validated once: an entry of the file is a `Claim` already) with its quote
    as the exact span found in its source's text; None, with the problems, if it is not."""
    try:
        claim = data if isinstance(data, Claim) else Claim.model_validate(data)
    except ValidationError as error:
        checker.add_validation(error, where, Claim)
        return None
    published = source.latest
    stated = claim.stated_on
    if stated and (stated.earliest > published or (stated.at and source.at and stated.at > source.at)):
        checker.add((*where, "stated_on"), f"stated on {stated}, after its source's publication ({source})")
    if claim.held_on and claim.held_on.earliest > published:
        checker.add((*where, "held_on"), f"held on {claim.held_on}, after its source's publication")
    if text is None:
        return claim
    span = find_quote(text, claim.quote)
    if span is None:
        near = closest_passage(text, claim.quote)
        hint = f"; the closest passage is {near!r}" if near else ""
        checker.add((*where, "quote"), f"quote not found in source {claim.source!r}: {claim.quote!r}{hint}")
        return None
    return claim if span.text == claim.quote else claim.model_copy(update={"quote": span.text})


def _refusal(path: Path, message: str, line: int | None = None, column: int | None = None) -> InvalidInput:
    return InvalidInput([InputProblem(str(path), line, column, "", message)])


def _read(path: Path) -> str:
    """The scenario's text, read within the size limit and decoded, or `InvalidInput`."""
    try:
        limit = limits.scenario_limit()
        return files.decode(files.read_bounded(path, limit, follow=True), "the scenario")
    except limits.BadLimit as error:
        raise _refusal(path, str(error)) from None
    except files.TooLarge:
        raise _refusal(path, limits.too_large("the scenario", limit, limits.SCENARIO_VARIABLE)) from None
    except files.Unreadable as problem:
        raise _refusal(path, problem.message, problem.line, problem.column) from None


def _parse(path: Path, text: str, marked_depth: int) -> LocatedData:
    """The scenario's YAML, parsed safely and located (see `load_located`), or `InvalidInput`."""
    try:
        return load_located(text, marked_depth)
    except YamlProblem as problem:
        mark = problem.mark
        raise _refusal(
            path, problem.message, mark.line if mark else None, mark.column if mark else None
        ) from None


def load_scenario(path: str | Path, *, root: str | Path | None = None) -> Scenario:
    """Load and check one scenario file; raise `InvalidInput` listing every problem.

    Source files must be regular files inside the scenario's project (see
    `tracker.scenario.files`), or inside `root` or $TRACKER_ROOT when given.

    A file is parsed keeping only the place of each entry (the line of `Scenario.lines`), which
    is much quicker than keeping the place of every value; only a file with a problem is parsed
    again, keeping every place, and checked again so that each problem is located exactly.
    """
    path = Path(path)
    text = _read(path)
    try:
        return _check(Problems(path, _parse(path, text, ENTRY_MARKS), stop_at_first=True), root)
    except InvalidInput:
        return _check(Problems(path, _parse(path, text, EVERY_MARK)), root)


def load_located_scenario(path: str | Path, *, root: str | Path | None = None) -> Scenario:
    """`load_scenario`, keeping the place of every value from the start: what a file with a
    problem gets, and the same `Scenario` (or the same problems) for any file, only slower."""
    path = Path(path)
    return _check(Problems(path, _parse(path, _read(path), EVERY_MARK)), root)


def _check(checker: Problems, root: str | Path | None) -> Scenario:
    """The scenario of a parsed file, or `InvalidInput` with the problems found (located through
    `checker`'s marks)."""
    path = checker.path
    data = checker.located.data if checker.located else None
    if not isinstance(data, dict):
        checker.add((), "a scenario is a mapping with sources, summits, claims and expect")
        raise InvalidInput(checker.found)
    if not any(data.get(section) for section in SECTIONS):
        checker.add((), "the scenario is empty: nothing to record or check")
        raise InvalidInput(checker.found)
    try:
        roots = files.allowed_roots(path, root)
        limits.source_limit()
    except limits.BadLimit as error:
        checker.add((), str(error))
        raise InvalidInput(checker.found) from None
    entries = _validate(checker, data)
    entries.roots = roots
    scenario = _resolve(checker, entries)
    if checker.found:
        raise InvalidInput(checker.found)
    return scenario


SECTIONS: dict[str, type[Model]] = {
    "sources": SourceEntry,
    "summits": Summit,
    "claims": Claim,
    "corrections": CorrectionEntry,
    "expect": Expectation,
}


ERRORS_OF: dict[str, type[Model]] = {**SECTIONS, "claims": ClaimEntry}
"""The model whose keys an unknown key of an entry is told the nearest of."""
RECORDING_DAY: TypeAdapter[dt.date] = TypeAdapter(Day)


@dataclass
class Entries:
    """The valid entries of each section with their index in the file, and every id written,
    valid or not (so that a reference to a broken entry is not also called unknown)."""

    valid: dict[str, list[tuple[int, Any]]]
    named: dict[str, set[str]]
    header: dict[str, str]
    claim_days: dict[int, dt.date] = field(default_factory=dict)
    """The `recorded_on` of the claims giving one, by index in the file (not part of a claim)."""
    roots: list[Path] = field(default_factory=list)
    """The folders the sources' files may lie in (`tracker.scenario.files.allowed_roots`)."""

    def of(self, section: str) -> list[tuple[int, Any]]:
        return self.valid.get(section, [])


def _validate(checker: Problems, data: dict[str, Any]) -> Entries:
    """Validate entry by entry, so that one bad entry hides no problem of the others."""
    entries = Entries({}, {section: set() for section in SECTIONS}, {})
    for key, value in data.items():
        if key not in ScenarioFile.model_fields:
            checker.add((key,), "unknown key" + did_you_mean(key, ScenarioFile.model_fields), key=True)
        elif key not in SECTIONS:
            try:
                ScenarioFile.model_validate({key: value})
                entries.header[key] = value
            except ValidationError as error:
                checker.add_validation(error)
        elif not isinstance(value, list):
            checker.add((key,), f"'{key}' is a list of entries")
        else:
            for index, item in enumerate(value):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    entries.named[key].add(item["id"])
                if key == "claims" and isinstance(item, dict) and CLAIM_RECORDING[0] in item:
                    item = _recording_day(checker, entries, index, item)
                try:
                    entry = SECTIONS[key].model_validate(item)
                except ValidationError as error:
                    checker.add_validation(error, (key, index), ERRORS_OF[key])
                    continue
                entries.valid.setdefault(key, []).append((index, entry))
    return entries


def _recording_day(checker: Problems, entries: Entries, index: int, item: dict[str, Any]) -> dict[str, Any]:
    """A claim's mapping without its `recorded_on`, which is kept aside, validated, by index:
    when a claim was recorded is not part of the claim. The file's own mapping is left as it is,
    so that problems are still located in it."""
    claim = dict(item)
    day = claim.pop(CLAIM_RECORDING[0])
    if day is not None:
        try:
            entries.claim_days[index] = RECORDING_DAY.validate_python(day)
        except ValidationError as error:
            checker.add_validation(error, ("claims", index, CLAIM_RECORDING[0]))
    return claim


def _unique(checker: Problems, section: str, items: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    """The entries whose id was not used by an earlier entry; the others are reported."""
    seen: set[str] = set()
    kept = []
    for index, item in items:
        if item.id in seen:
            checker.add((section, index, "id"), f"duplicate id {item.id!r}")
            continue
        seen.add(item.id)
        kept.append((index, item))
    return kept


def _resolve(checker: Problems, entries: Entries) -> Scenario:
    source_entries = _unique(checker, "sources", entries.of("sources"))
    summit_entries = _unique(checker, "summits", entries.of("summits"))
    claim_entries = _unique(checker, "claims", entries.of("claims"))
    fix_entries = _unique(checker, "corrections", entries.of("corrections"))
    lines: dict[tuple[str, str], int] = {}

    def remember(key: tuple[str, str], where: NodePath) -> None:
        line = checker.line(where)
        if line is not None:
            lines[key] = line

    def known(section: str, ident: str, where: NodePath, what: str) -> bool:
        if ident not in entries.named[section]:
            checker.add(where, f"unknown {what} {ident!r}")
        return ident in entries.named[section]

    for index, defined in summit_entries:
        remember(("summit", defined.id), ("summits", index))

    sources: dict[str, Source] = {}
    texts: dict[str, str | None] = {}
    recorded_on: dict[str, dt.date] = {}
    for index, entry in source_entries:
        remember(("source", entry.id), ("sources", index))
        text = _source_text(checker, index, entry, entries.roots)
        texts[entry.id] = text
        digest = hashlib.sha256((text or "").encode("utf-8")).hexdigest()
        fields = entry.model_dump(exclude={"text", "recorded_on"}, exclude_none=True)
        sources[entry.id] = Source.model_validate({**fields, "sha256": entry.sha256 or digest})
        if entry.recorded_on:
            if entry.recorded_on < entry.published.earliest:
                checker.add(("sources", index, "recorded_on"), "recorded before it was published")
            recorded_on[entry.id] = entry.recorded_on

    claims: dict[str, Claim] = {}
    claim_recorded_on: dict[str, dt.date] = {}
    for index, claim_entry in claim_entries:
        where: NodePath = ("claims", index)
        remember(("claim", claim_entry.id), where)
        for n, summit in enumerate(claim_entry.summits):
            known("summits", summit, (*where, "summits", n), "summit")
        source = sources.get(claim_entry.source)
        if source is None:
            known("sources", claim_entry.source, (*where, "source"), "source")
            continue
        claim = _claim(checker, where, claim_entry, texts[claim_entry.source], source.published)
        day = entries.claim_days.get(index)
        if claim and day:
            if day < source.published.earliest:
                checker.add(
                    (*where, "recorded_on"),
                    f"recorded on {day}, before its source {source.id!r} was published ({source.published})",
                )
            elif source.id in recorded_on and day < recorded_on[source.id]:
                checker.add(
                    (*where, "recorded_on"),
                    f"recorded on {day}, before its source {source.id!r} was recorded "
                    f"({recorded_on[source.id]}): a claim is recorded with its source or later",
                )
            claim_recorded_on[claim.id] = day
        if claim:
            claims[claim.id] = claim

    corrections = []
    for index, fix in fix_entries:
        where = ("corrections", index)
        remember(("correction", fix.id), where)
        original = claims.get(fix.claim)
        if original is None:
            known("claims", fix.claim, (*where, "claim"), "claim")
            continue
        corrected = None
        if fix.replace:
            unknown = sorted(set(fix.replace) - set(Claim.model_fields))
            if unknown:
                suggestion = did_you_mean(unknown[0], Claim.model_fields)
                checker.add((*where, "replace", unknown[0]), "unknown key" + suggestion, key=True)
                continue
            merged = {**original.model_dump(exclude_none=True), **fix.replace}
            corrected = _claim(
                checker,
                (*where, "replace"),
                merged,
                texts[original.source],
                sources[original.source].published,
            )
            if corrected is None:
                continue
            if "summits" in fix.replace:
                for n, summit in enumerate(corrected.summits):
                    known("summits", summit, (*where, "replace", "summits", n), "summit")
        corrections.append(Correction(id=fix.id, claim_id=fix.claim, reason=fix.reason, corrected=corrected))
        if fix.recorded_on:
            added = claim_recorded_on.get(fix.claim) or recorded_on.get(original.source)
            if added and fix.recorded_on < added:
                checker.add(
                    (*where, "recorded_on"),
                    f"recorded on {fix.recorded_on}, before the claim it corrects ({fix.claim!r}, "
                    f"recorded on {added}): a correction cannot be recorded before its claim",
                )
            recorded_on[fix.id] = fix.recorded_on

    expectations: list[Expectation] = []
    for index, expectation in entries.of("expect"):
        where = ("expect", index)
        remember(("expect", str(len(expectations))), where)
        known("summits", expectation.summit, (*where, "summit"), "summit")
        for listed in ("decided_by", "contested_by"):
            for n, claim_id in enumerate(getattr(expectation, listed) or ()):
                known("claims", claim_id, (*where, listed, n), "claim")
        expectations.append(expectation)

    ordered = sorted(sources.values(), key=publication_order)
    return Scenario(
        path=checker.path,
        title=entries.header.get("title"),
        sources=tuple(ordered),
        summits=tuple(summit for _, summit in summit_entries),
        claims=tuple(claims.values()),
        corrections=tuple(corrections),
        expectations=tuple(expectations),
        recorded_on=recorded_on,
        lines=lines,
        claim_recorded_on=claim_recorded_on,
    )
