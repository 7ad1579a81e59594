"""JSON as the commands write it: exactly the text of `json.dumps(value, ensure_ascii=False,
indent=2)`, made faster.

With `indent`, the standard library encodes in pure Python, a generator per nested value: at
a hundred thousand claims that was half of `tracker claims --format json`. Here strings are
escaped by the library's C function and the rest is joined directly.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C escaper, as json uses
from typing import Any

_STEP = "  "


def pretty(value: Any, indent: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, its lines after the first prefixed by
    `indent` (a value nested at that depth)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = indent + _STEP
        items = ",\n".join(f"{inner}{key_text(k)}: {pretty(v, inner)}" for k, v in value.items())
        return f"{{\n{items}\n{indent}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = indent + _STEP
        items = ",\n".join(f"{inner}{pretty(v, inner)}" for v in value)
        return f"[\n{items}\n{indent}]"
    return json.dumps(value, ensure_ascii=False)  # numbers, and whatever json refuses


def key_text(key: Any) -> str:
    """A mapping's key as `json.dumps` writes it (a string, number, boolean or None)."""
    if isinstance(key, str):
        return encode_basestring(key)
    return json.dumps({key: None}, ensure_ascii=False)[1:-7]  # a number, boolean or None as json writes keys
