"""Free text as the tracker accepts it: trimmed, not empty, and free of control characters."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""NUL and the other C0 controls but TAB, LF and CR; DEL; the C1 controls; lone surrogates.
PostgreSQL text cannot hold NUL, a surrogate cannot be encoded as UTF-8, and the others
would reach a terminal as escape sequences: a value valid on one store is valid on all."""


def describe(char: str) -> str:
    kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "the control character"
    return f"{kind} U+{ord(char):04X}"


def first_forbidden(text: str) -> re.Match[str] | None:
    return FORBIDDEN.search(text)


def no_controls(text: str) -> str:
    """`text`, unless it holds a forbidden character: then a ValueError saying which and where."""
    found = FORBIDDEN.search(text)
    if found:
        raise ValueError(f"contains {describe(found.group())} at offset {found.start()}")
    return text


def escaped(text: str) -> str:
    """`text` with every forbidden character written as an escape, safe to print."""
    return FORBIDDEN.sub(
        lambda m: (
            m.group().encode("unicode_escape").decode("ascii")
            if ord(m.group()) < 0xD800
            else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(no_controls)]
"""Free text of any field: trimmed, not empty, no control characters but TAB, LF and CR."""
