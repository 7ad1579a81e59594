"""`pretty` writes exactly the text of `json.dumps(value, ensure_ascii=False, indent=2)`, for any
JSON value (nested lists and mappings, empty ones, any text, numbers, keys of every kind)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.cli.jsontext import pretty

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(keys, inner, max_size=4)
    ),
    max_leaves=20,
)


@given(values)
def test_pretty_is_json_dumps_with_indent(value: Any) -> None:
    assert pretty(value) == json.dumps(value, ensure_ascii=False, indent=2)


@given(values, st.sampled_from(["  ", "    "]))
def test_nested_at_an_indent_is_the_text_json_makes_inside_a_list(value: Any, indent: str) -> None:
    depth = len(indent) // 2
    wrapped: Any = value
    for _ in range(depth):
        wrapped = [wrapped]
    inner = json.dumps(wrapped, ensure_ascii=False, indent=2).split("\n", depth)[depth]
    assert f"{indent}{pretty(value, indent)}" == inner.rsplit("\n", depth)[0]


def test_what_json_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        pretty({"a": object()})
