"""The source entry of the fragment: its id, outlet and publication day (from the options, or
else from the text's header), its file relative to where the fragment will be saved, and the
SHA-256 of the file's bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tracker.capture.reldates import MONTHS
from tracker.domain.dates import DateSpan, in_range
from tracker.domain.models import Source

HEADER = 1200
"""How far into the text a printed publication date is looked for (a dateline comes early)."""
_MONTH = "(?:" + "|".join(n.capitalize() for n in MONTHS) + ")"
PRINTED = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<mn>{_MONTH}) (?P<d>\d{{1,2}}), (?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<mn>{_MONTH}) (?P<y>\d{{4}})\b"),
]
OUTLET = [
    re.compile(r"^\s*\((?P<o>[A-Z][\w .&'-]{1,40})\)", re.M),
    re.compile(r"^\s*(?P<o>[A-Z][A-Z0-9]{2,30})\s*:", re.M),
    re.compile(r"\A\s*(?P<o>[A-Z][\w.-]{1,30})\s*\n"),
]
UNKNOWN_OUTLET = "unknown outlet"


@dataclass(frozen=True)
class Found:
    value: str
    how: str


def printed_date(text: str) -> tuple[dt.date, str] | None:
    """The first date printed in the text's header, with the words that print it."""
    head = text[:HEADER]
    best: tuple[int, dt.date, str] | None = None
    for pattern in PRINTED:
        for m in pattern.finditer(head):
            month = int(m.group("m")) if "m" in m.groupdict() else MONTHS[m.group("mn").lower()]
            try:
                day = in_range(dt.date(int(m.group("y")), month, int(m.group("d"))))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), day, m.group())
    return (best[1], best[2]) if best else None


def outlet_of(text: str) -> Found | None:
    """The outlet the text names itself by: "(MENAFN)", "SAEDNEWS:", a first line of one word."""
    head = text[:HEADER]
    for pattern in OUTLET:
        m = pattern.search(head)
        if m:
            return Found(m.group("o").strip(), m.group().strip())
    return None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "source"


def relative_file(text_path: Path, folder: Path) -> str:
    """The text's path relative to `folder`, the one the fragment is to be saved in."""
    return Path(os.path.relpath(text_path.resolve(), folder.resolve())).as_posix()


def source(
    text_path: Path,
    raw: bytes,
    text: str,
    folder: Path,
    published: dt.date | dt.datetime | None,
    outlet: str | None,
) -> tuple[Source, list[str]]:
    """The source entry, and the notes for the reviewer on how its fields were found."""
    notes: list[str] = []
    if outlet is None:
        found = outlet_of(text)
        outlet = found.value if found else UNKNOWN_OUTLET
        notes.append(
            f"outlet from the text: {found.how!r}"
            if found
            else "outlet: not found in the text; give --outlet NAME"
        )
    dated_by = None
    if published is None:
        printed = printed_date(text)
        if printed is None:
            raise LookupError("no publication date printed in the text's header; give --published DATE")
        published, words = printed
        dated_by = f"Printed date “{words}” (found by tracker draft)."
        notes.append(f"published from the header: {words!r}")
    if isinstance(published, dt.datetime):  # a time of day, with its offset (naive: UTC)
        moment = published if published.tzinfo else published.replace(tzinfo=dt.UTC)
        span = DateSpan.model_validate(moment)
    else:
        span = DateSpan.on(published)
    title = next((line.strip() for line in text.splitlines() if len(line.split()) >= 4), None)
    ident = f"{slug(outlet if outlet != UNKNOWN_OUTLET else text_path.stem)}-{span.earliest.isoformat()}"
    entry = Source(
        id=ident,
        outlet=outlet,
        title=title[:200] if title else None,
        published=span,
        dated_by=dated_by,
        file=relative_file(text_path, folder),
        sha256=hashlib.sha256(raw).hexdigest(),
    )
    return entry, notes
