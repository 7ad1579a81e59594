"""Reading what a scenario names: only regular files inside its project, bounded in size,
decoded as UTF-8 with the line and column of any bad byte or control character."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from tracker.domain.text import FORBIDDEN, describe

PROJECT_MARKERS = ("pyproject.toml", ".git")
ROOT_VARIABLE = "TRACKER_ROOT"
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Never read from, whatever the root: their "regular files" are views of the machine."""
UTF8_BOM = "\ufeff"


class Unreadable(Exception):
    """A file that is refused or cannot be read; the message says why, never more than it may."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class TooLarge(Unreadable):
    """A file holding more bytes than the limit (only limit + 1 of them were read)."""


def real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def project_root(scenario: Path) -> Path:
    """The nearest folder at or above the scenario's holding pyproject.toml or .git, else its own."""
    start = real(scenario.parent)
    for folder in (start, *start.parents):
        if any(os.path.lexists(folder / marker) for marker in PROJECT_MARKERS):
            return folder
    return start


def allowed_roots(scenario: Path, root: str | Path | None = None) -> list[Path]:
    """The folders a scenario's files may lie in: its project, widened by `root` and $TRACKER_ROOT."""
    roots = [project_root(scenario)]
    for extra in (root, os.environ.get(ROOT_VARIABLE) or None):
        if extra:
            roots.append(real(extra))
    return roots


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def confined(scenario: Path, name: str, roots: list[Path]) -> Path:
    """The real path of the file `name` (relative to the scenario) if it is a regular file inside
    one of `roots`. Outside them, the refusal is the same whether the file exists or not."""
    outside = (
        f"file must name a regular file inside the project {roots[0]}, relative to the scenario "
        "(widen the project with --root DIR or TRACKER_ROOT)"
    )
    if Path(name).is_absolute():  # texts are named relative to the scenario, which stays portable
        raise Unreadable(outside)
    try:
        target = real(scenario.parent / name)
    except (ValueError, OSError):
        raise Unreadable(outside) from None
    if not any(_inside(target, root) for root in roots) or any(_inside(target, s) for s in SYSTEM_FOLDERS):
        raise Unreadable(outside)
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        raise Unreadable(f"cannot read {name}: no such file") from None
    except OSError as error:
        raise Unreadable(f"cannot read {name}: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise Unreadable(f"{name} is not a regular file: {outside}")
    return target


def read_bounded(path: Path, limit: int, *, follow: bool) -> bytes:
    """The bytes of the regular file `path`, reading at most `limit` + 1 of them: never blocks on
    a FIFO, never reads a device; with `follow` False, a symlink is not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise Unreadable(f"cannot read {path}: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise Unreadable(f"{path} is not a regular file")
        os.set_blocking(descriptor, True)
        try:
            raw = file.read(limit + 1)
        except OSError as error:
            raise Unreadable(f"cannot read {path}: {error.strerror or error}") from None
    if len(raw) > limit:
        raise TooLarge(f"{path} is larger than {limit} bytes")
    return raw


def line_column(text: str, offset: int) -> tuple[int, int]:
    """The line and column, both from 1, of the character at `offset` of `text`."""
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def _looks_like_utf16(raw: bytes) -> bool:
    head = raw[:200]
    return head[:2] in (b"\xff\xfe", b"\xfe\xff") or (
        len(head) >= 4 and (head[0::2].count(0) > len(head) // 4 or head[1::2].count(0) > len(head) // 4)
    )


UTF16 = "it looks like UTF-16: save it as UTF-8"


def decode(raw: bytes, what: str, forbidden: re.Pattern[str] = FORBIDDEN) -> str:
    """`raw` decoded as UTF-8 (a leading BOM dropped), or `Unreadable` located at the first bad
    byte or the first forbidden character."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        good = raw[: error.start].decode("utf-8")
        line, column = line_column(good, len(good))
        hint = UTF16 if _looks_like_utf16(raw) else f"byte 0x{raw[error.start]:02x} ({error.reason})"
        raise Unreadable(
            f"{what} is not UTF-8 at line {line}, column {column}: {hint}", line, column
        ) from None
    text = text.removeprefix(UTF8_BOM)
    found = forbidden.search(text)
    if found:
        line, column = line_column(text, found.start())
        hint = f" ({UTF16})" if _looks_like_utf16(raw) else ""
        raise Unreadable(
            f"{what} contains {describe(found.group())} at line {line}, column {column}{hint}", line, column
        )
    return text
