"""The one writer of scenario files: a `Scenario` as YAML that `load_scenario` loads back equal.

The format is the README's ("Scenario files"): block lists of sources, summits and claims, one
key a line; corrections and expectations one flow mapping a line. Free text is always
double-quoted (a JSON string, with the few characters YAML does not take raw escaped), so that
`NO`, `12:30`, `2025-07-22`, `null`, `~` or `true` stay text; ids are written plain only when
they read back as the same string under YAML 1.2 core and YAML 1.1 alike (`null`, `no`, `1e3`
or `2025-07-22` as an id is quoted); days are written plain (`2025-07-22`,
`2025-10-22/2025-11-21`). Nothing is ever written with an anchor or an alias.

Each entry is one string, so a caller may stream a scenario entry by entry (`write_scenario`)
and never hold more than one entry's text; `scenario_yaml` gives the whole document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from enum import Enum
from io import StringIO
from json.encoder import encode_basestring
from typing import Any

import yaml

from tracker.domain.dates import DateSpan, TimeWindow
from tracker.domain.models import Attribution, Claim, Correction, Source, Summit
from tracker.domain.text import escaped
from tracker.domain.vocabulary import Modality
from tracker.scenario.entries import Expectation
from tracker.scenario.load import Scenario
from tracker.scenario.yamlnodes import CoreSafeLoader

__all__ = [
    "attribution_yaml",
    "claim_entry",
    "correction_entry",
    "entries",
    "expectation_entry",
    "quoted",
    "scenario_yaml",
    "source_entry",
    "summit_entry",
    "token",
    "window_yaml",
    "write_scenario",
]

# Characters a JSON string may hold raw that YAML does not read back as themselves: DEL and
# the C1 controls (NEL is a line break to YAML), lone surrogates, the Unicode line and
# paragraph separators (line breaks to YAML), the byte order mark, and U+FFFE and U+FFFF.
_NOT_RAW = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff\ufffe\uffff]")
_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_.-]*")
_WORDS = frozenset({"null", "true", "false", "yes", "no", "on", "off", "y", "n"})
"""Plain lower-case words that YAML 1.2 core or YAML 1.1 (the spec, or PyYAML) reads as
something else than text; the only ones, of letters first: numbers start with a digit."""
_NUMBER = re.compile(
    r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
)
"""The numbers of the YAML 1.2 core schema (the loader reads fewer: `1e3` and `0o17` as text)."""
_STR = "tag:yaml.org,2002:str"


class _Core(yaml.resolver.BaseResolver):
    """The loader's YAML 1.2 core resolution of plain scalars (`tracker.scenario.yamlnodes`)."""

    yaml_implicit_resolvers = CoreSafeLoader.yaml_implicit_resolvers


_RESOLVERS: tuple[Any, ...] = (_Core(), yaml.resolver.Resolver())  # YAML 1.2 core, and PyYAML's YAML 1.1


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, on one line, reading back as `text` exactly: the
    JSON string (`json.dumps(text, ensure_ascii=False)`, by the same C function) with the
    characters of `_NOT_RAW` escaped too."""
    return _NOT_RAW.sub(_escape, encode_basestring(text))


def token(value: str) -> str:
    """An id (or a word of the vocabulary): plain when YAML reads it back as this very string,
    under YAML 1.2 core (the loader's, and the spec's) and YAML 1.1 alike; else double-quoted."""
    if (
        _PLAIN_ID.fullmatch(value)
        and value not in _WORDS
        and (
            value[0] >= "a"
            or (
                not _NUMBER.fullmatch(value)
                and all(r.resolve(yaml.ScalarNode, value, (True, False)) == _STR for r in _RESOLVERS)
            )
        )
    ):
        return value
    return quoted(value)


def _tokens(values: Iterable[str]) -> str:
    return "[" + ", ".join(token(value) for value in values) + "]"


def _texts(values: Iterable[str]) -> str:
    return "[" + ", ".join(quoted(value) for value in values) + "]"


def window_yaml(window: TimeWindow) -> str:
    """A window as a flow mapping: `{start: 2025-08-31, end: 2025-09-03}`."""
    parts = []
    if window.start is not None:
        parts.append(f"start: {window.start.isoformat()}")
    if window.end is not None:
        parts.append(f"end: {window.end.isoformat()}")
    if window.approximate:
        parts.append("approximate: true")
    if window.note is not None:
        parts.append(f"note: {quoted(window.note)}")
    return "{" + ", ".join(parts) + "}"


def attribution_yaml(attribution: Attribution) -> str:
    """An attribution as a flow mapping: `{kind: official, speaker: "Dmitry Peskov"}`."""
    parts = [f"kind: {attribution.kind.value}"]
    if attribution.speaker is not None:
        parts.append(f"speaker: {quoted(attribution.speaker)}")
    if attribution.role is not None:
        parts.append(f"role: {quoted(attribution.role)}")
    if attribution.via is not None:
        parts.append(f"via: {quoted(attribution.via)}")
    if attribution.speaks_for is not None:
        parts.append(f"speaks_for: {quoted(attribution.speaks_for)}")
    return "{" + ", ".join(parts) + "}"


def _value(value: Any) -> str:
    """Any value of a claim or an expectation field, as YAML on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return token(str(value.value))
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, dt.datetime):
        return quoted(value.isoformat())
    if isinstance(value, dt.date | DateSpan):
        return str(value)
    if isinstance(value, TimeWindow):
        return window_yaml(value)
    if isinstance(value, Attribution):
        return attribution_yaml(value)
    if isinstance(value, tuple | list):
        return _tokens(value)  # summits, decided_by: lists of ids
    raise TypeError(f"cannot write a {type(value).__name__} in a scenario")


def source_entry(source: Source, text: str | None, recorded_on: dt.date | None = None) -> str:
    """A source as an entry of `sources:`, with its `text` inline, or its `file` (and hash)."""
    out = f"  - id: {token(source.id)}\n    outlet: {quoted(source.outlet)}\n    kind: {source.kind.value}\n"
    if source.title is not None:
        out += f"    title: {quoted(source.title)}\n"
    out += f"    published: {source.published}\n"
    if source.dated_by is not None:
        out += f"    dated_by: {quoted(source.dated_by)}\n"
    if recorded_on is not None:
        out += f"    recorded_on: {recorded_on.isoformat()}\n"
    if source.note is not None:
        out += f"    note: {quoted(source.note)}\n"
    if source.file is not None:
        return out + f"    file: {quoted(source.file)}\n    sha256: {source.sha256}\n"
    if text is None:
        raise ValueError(f"source {source.id!r} has neither a file nor a text to write")
    return out + f"    text: {quoted(text)}\n"


def summit_entry(summit: Summit) -> str:
    """A summit as an entry of `summits:`."""
    out = (
        f"  - id: {token(summit.id)}\n    title: {quoted(summit.title)}\n"
        f"    participants: {_texts(summit.participants)}\n"
    )
    if summit.venue is not None:
        out += f"    venue: {quoted(summit.venue)}\n"
    if summit.occasion is not None:
        out += f"    occasion: {quoted(summit.occasion)}\n"
    if summit.window is not None:
        out += f"    window: {window_yaml(summit.window)}\n"
    if summit.aliases:
        out += f"    aliases: {_texts(summit.aliases)}\n"
    if summit.parties:
        out += f"    parties: {_texts(summit.parties)}\n"
    if summit.host is not None:
        out += f"    host: {quoted(summit.host)}\n"
    return out


def claim_entry(claim: Claim, recorded_on: dt.date | None = None) -> str:
    """A claim as an entry of `claims:` (its modality only when not plain), with the day it
    was recorded when it has its own."""
    out = f"  - id: {token(claim.id)}\n    source: {token(claim.source)}\n    kind: {claim.kind.value}\n"
    if claim.modality is not Modality.PLAIN:
        out += f"    modality: {claim.modality.value}\n"
    if claim.condition is not None:
        out += f"    condition: {quoted(claim.condition)}\n"
    out += f"    summits: {_tokens(claim.summits)}\n    attribution: {attribution_yaml(claim.attribution)}\n"
    if claim.stated_on is not None:
        out += f"    stated_on: {claim.stated_on}\n"
    out += f"    quote: {quoted(claim.quote)}\n"
    if claim.held_on is not None:
        out += f"    held_on: {claim.held_on}\n"
    if claim.venue is not None:
        out += f"    venue: {quoted(claim.venue)}\n"
    if claim.window is not None:
        out += f"    window: {window_yaml(claim.window)}\n"
    if claim.period is not None:
        out += f"    period: {window_yaml(claim.period)}\n"
    if claim.note is not None:
        out += f"    note: {quoted(claim.note)}\n"
    if recorded_on is not None:
        out += f"    recorded_on: {recorded_on.isoformat()}\n"
    return out


_REPLACEABLE = tuple(name for name in Claim.model_fields if name not in ("id", "source"))


def _replacement(original: Claim | None, corrected: Claim) -> str:
    """The fields `corrected` changes in `original` (all of them without an original), as a
    flow mapping: what the loader merges into the original gives `corrected` back."""
    changed = [
        name
        for name in _REPLACEABLE
        if original is None or getattr(corrected, name) != getattr(original, name)
    ]
    if not changed:  # a correction changing nothing still needs a non-empty `replace`
        changed = ["kind"]
    return "{" + ", ".join(f"{name}: {_value(getattr(corrected, name))}" for name in changed) + "}"


def correction_entry(fix: Correction, original: Claim | None, recorded_on: dt.date | None = None) -> str:
    """A correction as one line of `corrections:`; `original` is the claim it corrects."""
    head = f"  - {{id: {token(fix.id)}, claim: {token(fix.claim_id)}, "
    if fix.corrected is None:
        out = f"{head}action: retract, reason: {quoted(fix.reason)}"
    else:
        out = (
            f"{head}action: correct, reason: {quoted(fix.reason)}, "
            f"replace: {_replacement(original, fix.corrected)}"
        )
    if recorded_on is not None:
        out += f", recorded_on: {recorded_on.isoformat()}"
    return out + "}\n"


def expectation_entry(expectation: Expectation) -> str:
    """An expectation as one line of `expect:`, with the fields it sets (a null venue too)."""
    names = [name for name in Expectation.model_fields if name in expectation.model_fields_set]
    parts = (f"{name}: {_value(getattr(expectation, name))}" for name in names)
    return "  - {" + ", ".join(parts) + "}\n"


def _section(name: str, lines: Iterator[str]) -> Iterator[str]:
    first = next(lines, None)
    if first is None:
        yield f"{name}: []\n"
        return
    yield f"{name}:\n"
    yield first
    yield from lines


def entries(scenario: Scenario, texts: Mapping[str, str], *, comment: str | None = None) -> Iterator[str]:
    """The document of `scenario`, piece by piece: a header, then one string per entry.

    `texts` gives the text of each source without a `file` by its id; `comment`, if given,
    becomes comment lines at the top."""
    for line in (comment or "").splitlines():
        yield f"# {_NOT_RAW.sub(_escape, escaped(line))}\n"
    if scenario.title is not None:
        yield f"title: {quoted(scenario.title)}\n"
    days = scenario.recorded_on
    yield from _section(
        "sources", (source_entry(s, texts.get(s.id), days.get(s.id)) for s in scenario.sources)
    )
    yield from _section("summits", (summit_entry(summit) for summit in scenario.summits))
    claim_days = scenario.claim_recorded_on
    yield from _section("claims", (claim_entry(claim, claim_days.get(claim.id)) for claim in scenario.claims))
    claims = {claim.id: claim for claim in scenario.claims} if scenario.corrections else {}
    yield from _section(
        "corrections",
        (correction_entry(fix, claims.get(fix.claim_id), days.get(fix.id)) for fix in scenario.corrections),
    )
    if scenario.expectations:
        yield from _section("expect", (expectation_entry(e) for e in scenario.expectations))


def write_scenario(
    write: Callable[[str], object],
    scenario: Scenario,
    texts: Mapping[str, str],
    *,
    comment: str | None = None,
) -> None:
    """Write the document of `scenario` through `write` (e.g. a text file's `write`), entry by entry."""
    for piece in entries(scenario, texts, comment=comment):
        write(piece)


def scenario_yaml(scenario: Scenario, texts: Mapping[str, str], *, comment: str | None = None) -> str:
    """The document of `scenario` as one string (see `entries`)."""
    out = StringIO()
    write_scenario(out.write, scenario, texts, comment=comment)
    return out.getvalue()
