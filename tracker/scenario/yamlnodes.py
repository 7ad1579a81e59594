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

    def line(self, path: Path) -> int | None:
        """The line of `locate(path)`; quickly for a value of a top-level list (an entry's line)."""
        if len(path) == 2 and isinstance(self.data, dict) and isinstance(path[0], str):
            values = self.data.get(path[0])
            marks = self.marks.get(id(values)) if isinstance(values, list) else None
            index = path[1]
            if marks is not None and isinstance(index, int) and 0 <= index < len(marks[0]):
                return marks[0][index] >> 32
        mark = self.locate(path)
        return mark.line if mark else None

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


def _packed(event: yaml.Event) -> int:
    """`_pack(_mark(event))`, without building the `Mark`."""
    start = event.start_mark
    return (start.line + 1) << 32 | (start.column + 1) if start is not None else 1 << 32 | 1


def _scalar(tag: str, value: str, event: yaml.Event) -> Any:
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value, 10)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise YamlProblem(f"the integer is too large ({len(value)} digits)", _mark(event)) from None
    if tag == "tag:yaml.org,2002:float":
        return float(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    return value


_PLAIN: dict[str | None, list[tuple[str, re.Pattern[str]]]] = FastLoader.yaml_implicit_resolvers
"""The core resolvers of a plain scalar by its first character ('' for an empty one), as
`Resolver.resolve` looks them up (there are no resolvers for any first character nor by path)."""


def _tag_of(loader: Any, event: Any, kind: type[yaml.Node], value: str | None) -> str:
    """The tag of an event written with a tag (or, through the loader, of one written without)."""
    tag: str | None = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(kind, value, event.implicit)
    if tag not in _STANDARD_TAGS:
        raise YamlProblem(f"tag {tag!r} is not allowed here", _mark(event))
    return tag


ANCHORS = "anchors and aliases are not allowed in a scenario"
ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
MappingStartEvent, MappingEndEvent = yaml.MappingStartEvent, yaml.MappingEndEvent
SequenceStartEvent, SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent
DocumentStartEvent = yaml.DocumentStartEvent


def _build(loader: Any, out: LocatedData, marked_depth: int) -> None:
    """Builds plain data straight from the parser's events, one pass, no recursion: anchors and
    aliases are refused where they are written (no alias bomb can expand), nesting is bounded.

    The marks of the values (and keys) of the lists and mappings opened at most `marked_depth`
    deep are kept (0: the document's, 1: also those of its top-level values, ...). One loop,
    no call per event but the parser's: this runs once per value of every file loaded."""
    get_event = loader.get_event
    marks = out.marks
    top: Any = None
    """The innermost list or mapping being built (None before the document's value)."""
    in_map = False
    key: str | None = None
    """In a mapping, the key whose value comes next (None: a key comes next)."""
    kept: tuple[array[int], array[int]] | None = None
    """Where the marks of `top`'s values and keys go, if they are kept."""
    outer: list[tuple[Any, bool, str | None, tuple[array[int], array[int]] | None]] = []
    """The same of each list or mapping holding `top`, outermost first."""
    documents = 0
    while (event := get_event()) is not None:
        kind = type(event)
        item: Any
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise YamlProblem(ANCHORS, _mark(event))
            value = event.value
            if event.tag is not None:
                item = _scalar(_tag_of(loader, event, yaml.ScalarNode, value), value, event)
            else:
                item = value
                if event.implicit[0]:  # plain: resolved as YAML 1.2 core; quoted: a string
                    for tag, pattern in _PLAIN.get(value[:1], ()):
                        if pattern.match(value):
                            item = _scalar(tag, value, event)
                            break
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise YamlProblem(ANCHORS, _mark(event))
            sequence = kind is SequenceStartEvent
            if event.tag is not None:
                _tag_of(loader, event, yaml.SequenceNode if sequence else yaml.MappingNode, None)
            if len(outer) >= MAX_DEPTH:
                raise YamlProblem(f"lists and mappings are nested more than {MAX_DEPTH} deep", _mark(event))
            item = [] if sequence else {}
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            top, in_map, key, kept = outer.pop()
            continue
        elif kind is AliasEvent:
            raise YamlProblem(ANCHORS, _mark(event))
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem("a scenario is one YAML document: remove the second '---'", _mark(event))
            continue
        else:  # the stream's start and end, a document's end
            continue
        if in_map:
            if key is None:
                if not isinstance(item, str):
                    raise YamlProblem("keys must be plain strings", _mark(event))
                if item in top:
                    raise YamlProblem(f"duplicate key {item!r}", _mark(event))
                key = item
                if kept is not None:
                    kept[1].append(_packed(event))
                continue
            top[key] = item
            key = None
        elif top is not None:
            top.append(item)
        else:
            out.data = item
            out.root = _mark(event)
        if kept is not None:
            kept[0].append(_packed(event))
        if kind is not ScalarEvent:
            outer.append((top, in_map, key, kept))
            top, in_map, key = item, not sequence, None
            kept = (array("q"), array("q")) if len(outer) <= marked_depth + 1 else None
            if kept is not None:
                marks[id(item)] = kept


YAML_FORBIDDEN = re.compile(f"{FORBIDDEN.pattern[:-1]}\ufffe\uffff]")
"""Characters YAML does not allow raw in a file, and the control characters no text may hold."""

EVERY_MARK = MAX_DEPTH
"""The marks of every value and key: to locate any problem."""
ENTRY_MARKS = 1
"""The marks of the top-level keys and values and of the entries of each section (their lines,
for `Scenario.lines`), none inside an entry: a small share of all the marks."""


def load_located(text: str, marked_depth: int = EVERY_MARK) -> LocatedData:
    """Parse one YAML document safely, keeping the position of every value (or only of those in
    the lists and mappings at most `marked_depth` deep: see `_build`)."""
    found = YAML_FORBIDDEN.search(text)
    if found:
        start = text.rfind("\n", 0, found.start()) + 1
        where = Mark(text.count("\n", 0, found.start()) + 1, found.start() - start + 1)
        raise YamlProblem(f"the file contains {describe(found.group())}", where)
    out = LocatedData(None)
    loader = FastLoader(text)
    try:
        _build(loader, out, marked_depth)
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
