"""Safe YAML loading that remembers where every value was written.

Only plain data is built (mappings, lists, strings, integers, floats, true/false, null),
with YAML 1.2 core resolution: `NO`, `yes` and `off` stay strings, unquoted dates stay
strings (the schema parses them), `12:30` is not a base-60 number. Tags other than the
standard ones are refused, and so are duplicate keys, anchors and aliases, nesting deeper than
`MAX_DEPTH`, integers too long to convert, and raw control characters.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Any

import yaml

from tracker.domain.text import FORBIDDEN, describe
from tracker.scenario.limits import MAX_DEPTH

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


@dataclass(frozen=True, slots=True)
class Mark:
    line: int
    column: int


def _pack(mark: Mark) -> int:
    return mark.line << 32 | mark.column


def _unpack(packed: int) -> Mark:
    return Mark(packed >> 32, packed & 0xFFFFFFFF)


@dataclass
class LocatedData:
    """Plain data and, for every path into it, where its value (and its key) start.

    Marks are kept compactly, per list or mapping, in arrays of packed integers (for a mapping,
    in the order of its keys): a few bytes per value instead of a tuple and an object."""

    data: Any
    root: Mark | None = None
    marks: dict[int, tuple[array[int], array[int]]] = field(default_factory=dict)
    """id(container) -> (marks of its values, marks of its keys)."""

    def _get(self, path: Path) -> tuple[bool, Any]:
        node = self.data
        for part in path:
            in_map = isinstance(node, dict) and isinstance(part, str) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (in_map or in_list):
                return False, None
            node = node[part]
        return True, node

    def _mark(self, path: Path, key: bool) -> Mark | None:
        if not path:
            return None if key else self.root
        found, parent = self._get(path[:-1])
        entry = self.marks.get(id(parent)) if found else None
        if entry is None:
            return None
        part = path[-1]
        if isinstance(parent, dict):
            if not isinstance(part, str) or part not in parent:
                return None
            index = list(parent).index(part)
        elif key or not isinstance(part, int) or not 0 <= part < len(parent):
            return None
        else:
            index = part
        packed = entry[1 if key else 0]
        return _unpack(packed[index]) if index < len(packed) else None

    def locate(self, path: Path, *, key: bool = False) -> Mark | None:
        """The mark of the longest prefix of `path` that was written in the file."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            mark = (key and self._mark(prefix, True)) or self._mark(prefix, False)
            if mark:
                return mark
        return None


class YamlProblem(Exception):
    def __init__(self, message: str, mark: Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _mark(event: yaml.Event) -> Mark:
    start = event.start_mark
    if start is None:  # never so: the parser marks every event
        return Mark(1, 1)
    return Mark(start.line + 1, start.column + 1)


def _scalar(tag: str, value: str, mark: Mark) -> Any:
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value, 10)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise YamlProblem(f"the integer is too large ({len(value)} digits)", mark) from None
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


@dataclass
class _Open:
    """A list or mapping being built, and (for a mapping) the key whose value comes next."""

    value: list[Any] | dict[str, Any]
    key: str | None = None


class _Builder:
    """Builds plain data straight from the parser's events, one pass, no recursion: anchors and
    aliases are refused where they are written (no alias bomb can expand), nesting is bounded."""

    def __init__(self, loader: Any, out: LocatedData) -> None:
        self.loader, self.out = loader, out
        self.open: list[_Open] = []
        self.documents = 0

    def tag(self, event: Any, kind: type[yaml.Node], value: str | None) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, value, event.implicit)
        if tag not in _STANDARD_TAGS:
            raise YamlProblem(f"tag {tag!r} is not allowed here", _mark(event))
        return tag

    def place(self, value: Any, mark: Mark) -> bool:
        """Put `value` where it belongs; False if it was a mapping's key."""
        if not self.open:
            self.out.data = value
            self.out.root = mark
            return True
        top = self.open[-1]
        values, keys = self.out.marks[id(top.value)]
        if isinstance(top.value, dict):
            if top.key is None:
                if not isinstance(value, str):
                    raise YamlProblem("keys must be plain strings", mark)
                if value in top.value:
                    raise YamlProblem(f"duplicate key {value!r}", mark)
                top.key = value
                keys.append(_pack(mark))
                return False
            top.value[top.key] = value
            top.key = None
        else:
            top.value.append(value)
        values.append(_pack(mark))
        return True

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlProblem("anchors and aliases are not allowed in a scenario", _mark(event))
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem("a scenario is one YAML document: remove the second '---'", _mark(event))
        elif isinstance(event, yaml.ScalarEvent):
            mark = _mark(event)
            self.place(_scalar(self.tag(event, yaml.ScalarNode, event.value), event.value, mark), mark)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            sequence = isinstance(event, yaml.SequenceStartEvent)
            self.tag(event, yaml.SequenceNode if sequence else yaml.MappingNode, None)
            if len(self.open) >= MAX_DEPTH:
                raise YamlProblem(f"lists and mappings are nested more than {MAX_DEPTH} deep", _mark(event))
            container: list[Any] | dict[str, Any] = [] if sequence else {}
            if not self.place(container, _mark(event)):
                raise YamlProblem("keys must be plain strings", _mark(event))
            self.out.marks[id(container)] = (array("q"), array("q"))
            self.open.append(_Open(container))
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self.open.pop()


YAML_FORBIDDEN = re.compile(f"{FORBIDDEN.pattern[:-1]}\ufffe\uffff]")
"""Characters YAML does not allow raw in a file, and the control characters no text may hold."""


def load_located(text: str) -> LocatedData:
    """Parse one YAML document safely, keeping the position of every value."""
    found = YAML_FORBIDDEN.search(text)
    if found:
        start = text.rfind("\n", 0, found.start()) + 1
        where = Mark(text.count("\n", 0, found.start()) + 1, found.start() - start + 1)
        raise YamlProblem(f"the file contains {describe(found.group())}", where)
    out = LocatedData(None)
    loader = FastLoader(text)
    builder = _Builder(loader, out)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = Mark(mark.line + 1, mark.column + 1) if mark else None
        raise YamlProblem(f"YAML syntax error: {error.problem or error.context}", at) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML error: {error}", None) from None
    finally:
        loader.dispose()
    if out.root is None:
        out.data = {}
        out.root = Mark(1, 1)
    return out
