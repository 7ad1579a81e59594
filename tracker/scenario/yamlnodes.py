"""Safe YAML loading that remembers where every value was written.

Only plain data is built (mappings, lists, strings, integers, floats, true/false, null),
with YAML 1.2 core resolution: `NO`, `yes` and `off` stay strings, unquoted dates stay
strings (the schema parses them), `12:30` is not a base-60 number. Tags other than the
standard ones are refused, and so are duplicate keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

Path = tuple[str | int, ...]

_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
_STANDARD_TAGS = {tag for tag, _, _ in _CORE_RESOLVERS} | {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class CoreSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 core scalar resolution instead of YAML 1.1's."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012  (PyYAML reads it per class)


FastLoader: type[Any] = CoreSafeLoader
if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _CComposer(CParser, yaml.resolver.Resolver):
        """Composes nodes with libyaml's C parser (about ten times faster), same resolution."""

        yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.resolver.Resolver.__init__(self)

    FastLoader = _CComposer

for _tag, _pattern, _first in _CORE_RESOLVERS:
    for _loader in (CoreSafeLoader, FastLoader) if FastLoader is not CoreSafeLoader else (CoreSafeLoader,):
        _loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class LocatedData:
    """Plain data and, for every path into it, where its value (and its key) start."""

    data: Any
    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Mark | None:
        """The mark of the longest prefix of `path` that was written in the file."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if key and prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return None


class YamlProblem(Exception):
    def __init__(self, message: str, mark: Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(value, 10)
    if node.tag == "tag:yaml.org,2002:float":
        return float(value)
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return value


def _build(node: yaml.Node, path: Path, out: LocatedData) -> Any:
    if node.tag not in _STANDARD_TAGS:
        raise YamlProblem(f"tag {node.tag!r} is not allowed here", _mark(node))
    out.values[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), out) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = _build(key_node, path, out) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            raise YamlProblem("keys must be plain strings", _mark(key_node))
        if key in result:
            raise YamlProblem(f"duplicate key {key!r}", _mark(key_node))
        out.keys[(*path, key)] = _mark(key_node)
        result[key] = _build(value_node, (*path, key), out)
    out.values[path] = _mark(node)
    return result


def load_located(text: str) -> LocatedData:
    """Parse one YAML document safely, keeping the position of every value."""
    try:
        node = yaml.compose(text, Loader=FastLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else None
        raise YamlProblem(f"YAML syntax error: {error.problem or error.context}", where) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML error: {error}", None) from None
    out = LocatedData(None)
    out.data = {} if node is None else _build(node, (), out)
    return out
