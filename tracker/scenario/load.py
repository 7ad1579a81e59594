"""Loading a scenario file: parse safely, validate, resolve references, verify quotes.

Every problem is collected and reported with file, line, column and field; a scenario
with any problem yields no `Scenario`, so nothing of it can be recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker.domain.models import Claim, Correction, Source, Summit
from tracker.domain.quotes import find_quote
from tracker.scenario.errors import InputProblem, InvalidInput
from tracker.scenario.model import ClaimEntry, Expectation, ScenarioFile, SourceEntry
from tracker.scenario.yamlnodes import LocatedData, YamlProblem, load_located
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
    lines: dict[str, int] = field(default_factory=dict)
    """The line where each claim id and each `expect[i]` is written."""


def _field_name(path: Iterable[str | int]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Checker:
    """Collects problems against one file's located data."""

    def __init__(self, path: Path, located: LocatedData | None) -> None:
        self.path = path
        self.located = located
        self.problems: list[InputProblem] = []

    def add(self, where: NodePath, message: str, *, key: bool = False) -> None:
        mark = self.located.locate(where, key=key) if self.located else None
        self.problems.append(
            InputProblem(
                str(self.path),
                mark.line if mark else None,
                mark.column if mark else None,
                _field_name(where),
                message,
            )
        )

    def add_validation(self, error: ValidationError, prefix: NodePath = ()) -> None:
        for item in error.errors():
            where = (*prefix, *(p for p in item["loc"] if isinstance(p, (str, int))))
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = "unknown key"
            elif item["type"] == "literal_error" or item["type"] == "enum":
                message = f"{item['input']!r} is not one of the allowed values: {message}"
            self.add(where, message, key=item["type"] == "extra_forbidden")


def _unique(checker: _Checker, section: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            checker.add((section, index, "id"), f"duplicate id {ident!r}")
        seen.add(ident)


def _source_text(checker: _Checker, index: int, entry: SourceEntry) -> str | None:
    if entry.text is not None:
        return entry.text
    text_path = checker.path.parent / str(entry.file)
    try:
        raw = text_path.read_bytes()
    except OSError as error:
        checker.add(("sources", index, "file"), f"cannot read {text_path}: {error.strerror}")
        return None
    if entry.sha256 and hashlib.sha256(raw).hexdigest() != entry.sha256:
        checker.add(("sources", index, "sha256"), f"{text_path} does not match this hash")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        checker.add(("sources", index, "file"), f"{text_path} is not UTF-8: {error.reason}")
        return None


def _claim(checker: _Checker, where: NodePath, data: dict[str, Any], text: str | None,
           published: dt.date) -> Claim | None:
    try:
        claim = Claim.model_validate(data)
    except ValidationError as error:
        checker.add_validation(error, where)
        return None
    if claim.stated_on and claim.stated_on.earliest > published:
        checker.add((*where, "stated_on"), f"stated on {claim.stated_on}, after its source's publication")
    if claim.held_on and claim.held_on.earliest > published:
        checker.add((*where, "held_on"), f"held on {claim.held_on}, after its source's publication")
    if text is None:
        return claim
    span = find_quote(text, claim.quote)
    if span is None:
        checker.add((*where, "quote"), f"quote not found in source {claim.source!r}: {claim.quote!r}")
        return None
    return claim.model_copy(update={"quote": span.text})


def load_scenario(path: str | Path) -> Scenario:
    """Load and check one scenario file; raise `InvalidInput` listing every problem."""
    path = Path(path)
    checker = _Checker(path, None)
    try:
        located = load_located(path.read_text(encoding="utf-8"))
    except OSError as error:
        checker.add((), f"cannot read the scenario: {error.strerror or error}")
        raise InvalidInput(checker.problems) from None
    except UnicodeDecodeError as error:
        checker.add((), f"the scenario is not UTF-8: {error.reason}")
        raise InvalidInput(checker.problems) from None
    except YamlProblem as problem:
        mark = problem.mark
        checker.problems.append(InputProblem(str(path), mark.line if mark else None,
                                             mark.column if mark else None, "", problem.message))
        raise InvalidInput(checker.problems) from None
    checker.located = located
    if not isinstance(located.data, dict):
        checker.add((), "a scenario is a mapping with sources, summits, claims and expect")
        raise InvalidInput(checker.problems)
    try:
        spec = ScenarioFile.model_validate(located.data)
    except ValidationError as error:
        checker.add_validation(error)
        raise InvalidInput(checker.problems) from None
    scenario = _resolve(checker, spec)
    if checker.problems:
        raise InvalidInput(checker.problems)
    return scenario


def _remember_line(checker: _Checker, lines: dict[str, int], key: str, where: NodePath) -> None:
    mark = checker.located.locate(where) if checker.located else None
    if mark:
        lines[key] = mark.line


def _resolve(checker: _Checker, spec: ScenarioFile) -> Scenario:
    _unique(checker, "sources", [s.id for s in spec.sources])
    _unique(checker, "summits", [s.id for s in spec.summits])
    _unique(checker, "claims", [c.id for c in spec.claims])
    _unique(checker, "corrections", [c.id for c in spec.corrections])
    summit_ids = {s.id for s in spec.summits}
    claim_ids = {c.id for c in spec.claims}
    lines: dict[str, int] = {}
    for index, defined in enumerate(spec.summits):
        _remember_line(checker, lines, f"summit:{defined.id}", ("summits", index))
    sources: dict[str, Source] = {}
    texts: dict[str, str | None] = {}
    recorded_on: dict[str, dt.date] = {}
    for index, entry in enumerate(spec.sources):
        _remember_line(checker, lines, f"source:{entry.id}", ("sources", index))
        text = _source_text(checker, index, entry)
        texts[entry.id] = text
        digest = hashlib.sha256((text or "").encode("utf-8")).hexdigest()
        fields = entry.model_dump(exclude={"text", "recorded_on"}, exclude_none=True)
        sources[entry.id] = Source.model_validate({**fields, "sha256": entry.sha256 or digest})
        if entry.recorded_on:
            if entry.recorded_on.latest < entry.published.earliest:
                checker.add(("sources", index, "recorded_on"), "recorded before it was published")
            recorded_on[entry.id] = entry.recorded_on.latest

    claims: dict[str, Claim] = {}
    for index, claim_entry in enumerate(spec.claims):
        where: NodePath = ("claims", index)
        _remember_line(checker, lines, claim_entry.id, where)
        for n, summit in enumerate(claim_entry.summits):
            if summit not in summit_ids:
                checker.add((*where, "summits", n), f"unknown summit {summit!r}")
        source = sources.get(claim_entry.source)
        if source is None:
            checker.add((*where, "source"), f"unknown source {claim_entry.source!r}")
            continue
        claim = _claim(checker, where, claim_entry.model_dump(exclude_none=True),
                       texts[claim_entry.source], source.published.latest)
        if claim:
            claims[claim.id] = claim

    corrections = []
    for index, fix in enumerate(spec.corrections):
        where = ("corrections", index)
        original = claims.get(fix.claim)
        if original is None:
            if fix.claim not in claim_ids:
                checker.add((*where, "claim"), f"unknown claim {fix.claim!r}")
            continue
        corrected = None
        if fix.replace:
            unknown = sorted(set(fix.replace) - set(ClaimEntry.model_fields))
            if unknown:
                checker.add((*where, "replace", unknown[0]), "unknown key", key=True)
                continue
            merged = {**original.model_dump(exclude_none=True), **fix.replace}
            corrected = _claim(checker, (*where, "replace"), merged, texts[original.source],
                               sources[original.source].published.latest)
            if corrected is None:
                continue
        corrections.append(Correction(id=fix.id, claim_id=fix.claim, reason=fix.reason,
                                      corrected=corrected))
        if fix.recorded_on:
            recorded_on[fix.id] = fix.recorded_on.latest

    for index, expectation in enumerate(spec.expect):
        where = ("expect", index)
        _remember_line(checker, lines, f"expect[{index}]", where)
        if expectation.summit not in summit_ids:
            checker.add((*where, "summit"), f"unknown summit {expectation.summit!r}")
        for n, claim_id in enumerate(expectation.decided_by or ()):
            if claim_id not in claim_ids:
                checker.add((*where, "decided_by", n), f"unknown claim {claim_id!r}")

    ordered = sorted(sources.values(), key=lambda s: (s.published.latest, s.published.earliest, s.id))
    return Scenario(
        path=checker.path,
        title=spec.title,
        sources=tuple(ordered),
        summits=tuple(spec.summits),
        claims=tuple(claims.values()),
        corrections=tuple(corrections),
        expectations=tuple(spec.expect),
        recorded_on=recorded_on,
        lines=lines,
    )
