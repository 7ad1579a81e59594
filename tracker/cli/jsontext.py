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
_escaped = encode_basestring
_int_text = int.__repr__  # as json writes an int (not a bool: its type is not int)


def pretty(value: Any, indent: str = "") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, its lines after the first prefixed by
    `indent` (a value nested at that depth)."""
    kind = type(value)
    if kind is str:
        return _escaped(value)
    if kind is dict:
        return _mapping(value, indent) if value else "{}"
    if kind is list or kind is tuple:
        return _sequence(value, indent) if value else "[]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return _int_text(value)
    if isinstance(value, str):
        return _escaped(value)
    if isinstance(value, dict):
        return _mapping(value, indent) if value else "{}"
    if isinstance(value, (list, tuple)):
        return _sequence(value, indent) if value else "[]"
    return json.dumps(value, ensure_ascii=False)  # other numbers, and whatever json refuses


def _mapping(value: dict[Any, Any], indent: str) -> str:
    inner = indent + _STEP
    items = []
    for key, item in value.items():
        kind = type(item)  # the commonest members written here, without a call of `pretty`
        if kind is str:
            text = _escaped(item)
        elif item is None:
            text = "null"
        elif kind is int:
            text = _int_text(item)
        else:
            text = pretty(item, inner)
        items.append(f"{inner}{_escaped(key) if type(key) is str else key_text(key)}: {text}")
    return "{\n" + ",\n".join(items) + f"\n{indent}}}"


def _sequence(value: list[Any] | tuple[Any, ...], indent: str) -> str:
    inner = indent + _STEP
    items = [f"{inner}{_escaped(item) if type(item) is str else pretty(item, inner)}" for item in value]
    return "[\n" + ",\n".join(items) + f"\n{indent}]"


def key_text(key: Any) -> str:
    """A mapping's key as `json.dumps` writes it (a string, number, boolean or None)."""
    if isinstance(key, str):
        return _escaped(key)
    return json.dumps({key: None}, ensure_ascii=False)[1:-7]  # a number, boolean or None as json writes keys
