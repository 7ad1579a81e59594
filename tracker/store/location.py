"""Where the store is: `--store`, else `TRACKER_STORE`, else `.tracker/events.sqlite`.

A plain path (or `:memory:`) is an SQLite store, the embedded default. A URL
`postgresql://user:password@host:port/database?param=value&...` (or `postgres://`, in any
case, surrounding spaces ignored) is a shared PostgreSQL store; what the URL leaves out
comes from the usual libpq environment (PGUSER, PGPASSWORD, PGHOST, PGPORT, PGDATABASE),
else user `postgres` on localhost:5432. The libpq parameters of `URL_PARAMETERS` are
accepted and reach every connection to the store. Anything else that looks like a URL is
refused: it never becomes an SQLite file.

A location is shown to people only through `describe` (or `str()` of a `StoreLocation`,
which is the same): the password, and every query value not known to be harmless, is
masked, whatever the shape of the string.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

DEFAULT_STORE = Path(".tracker") / "events.sqlite"
MEMORY = ":memory:"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_LOCK_TIMEOUT = "60"
"""Seconds a writer waits for another to commit on a shared SQLite file before giving up."""
CONNECT_TIMEOUT = "5"
"""Seconds to wait for a PostgreSQL server before saying it cannot be reached."""
MASK = "***"
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
URL_PARAMETERS = (
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "application_name",
    "options",
    "connect_timeout",
    "password",
)
"""The libpq parameters a store URL may carry (`?sslmode=require&application_name=x`)."""
SHOWN_PARAMETERS = frozenset(URL_PARAMETERS) - {"password"}
"""Parameters whose values are harmless to show; any other value is masked."""
LIBPQ_PARAMETERS = "TRACKER_LIBPQ_PARAMETERS"
"""The environment key carrying the URL's libpq parameters to `tracker.store.pgfactory`."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/*")
"""A URL's scheme (two characters or more, so not a drive letter), its colon and slashes."""
_SCHEME_SLASH = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")
_POSTGRES_LIKE = re.compile(r"postgres[A-Za-z0-9+.-]*/+", re.IGNORECASE)
"""`postgres//user:pw@host`: a URL missing its colon."""
_PARAMETER_NAME = re.compile(r"[A-Za-z_]{1,40}")
_HARMLESS_USER = re.compile(r"[^/?#&=]*")
"""A user name as it may be shown: with none of the characters of a path or a query."""


class StoreUnavailable(Exception):
    """The store cannot be opened or read: a clear message, never a traceback."""


class StoreLocation:
    """A store's location as given, which prints without its password.

    `str()`, `repr()` and formatting give the masked form (`describe`); the location as
    given, password included, is only `unmasked`, for the code that connects.
    """

    __slots__ = ("unmasked",)

    def __init__(self, unmasked: str) -> None:
        self.unmasked = unmasked

    def __str__(self) -> str:
        return describe(self.unmasked)

    def __repr__(self) -> str:
        return f"StoreLocation({describe(self.unmasked)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StoreLocation) and other.unmasked == self.unmasked

    def __hash__(self) -> int:
        return hash(self.unmasked)

    @property
    def postgres(self) -> bool:
        return is_postgres(self.unmasked)


Location = str | StoreLocation


def unmasked(location: Location) -> str:
    """The location as given (with its password): for connecting, never for showing."""
    return location.unmasked if isinstance(location, StoreLocation) else location


def resolve(location: str | None) -> str:
    """The store location in force: the given one, the environment's, or the default."""
    return location or os.environ.get("TRACKER_STORE") or str(DEFAULT_STORE)


def locate(location: str | None) -> StoreLocation:
    """The store location in force, as a value that prints without its password."""
    return StoreLocation(resolve(location))


def is_postgres(location: Location) -> bool:
    return unmasked(location).strip().lower().startswith(POSTGRES_SCHEMES)


def looks_like_url(location: Location) -> bool:
    """Whether the location is meant as a URL, so must never become an SQLite file: it has
    `://`, or starts with a scheme and `:/`, or starts with `postgres` and has `:` or `@`."""
    text = unmasked(location).strip()
    return (
        "://" in text
        or _SCHEME_SLASH.match(text) is not None
        or (text.lower().startswith("postgres") and (":" in text or "@" in text))
    )


# -- showing a location ----------------------------------------------------------------------


def describe(location: Location) -> str:
    """The location as it may be shown to a person: its password, and every query value not
    known to be harmless, masked. This is the only way a location reaches a message."""
    text = unmasked(location).strip()
    if not looks_like_url(text):
        return unmasked(location)
    head, rest = _split_scheme(text)
    end = _userinfo_end(rest)
    if end >= 0:
        user, colon, _ = rest[:end].partition(":")
        if not _HARMLESS_USER.fullmatch(user):
            user = MASK
        head += f"{user}:{MASK}@" if colon else f"{user}@"
        rest = rest[end + 1 :]
    place, question, query = rest.partition("?")
    if not question:
        return head + place
    return f"{head}{place}?{'&'.join(_mask_parameter(item) for item in query.split('&'))}"


def _split_scheme(text: str) -> tuple[str, str]:
    """A URL-like text as its scheme (with colon and slashes, if any) and the rest."""
    prefix = _SCHEME.match(text) or _POSTGRES_LIKE.match(text)
    start = prefix.end() if prefix else 0
    return text[:start], text[start:]


def _userinfo_end(rest: str) -> int:
    """Where a URL's user information ends (its `@`), or -1.

    The widest of libpq's reading (up to an `@` before the first `/`) and Python's (up to
    the last `@` before a `/`, `?` or `#`), and of any `@` before the query: a password with
    a stray `/`, `?`, `#` or `@` in it is masked however the URL is read.
    """
    return max(rest.split("/", 1)[0].rfind("@"), rest.split("?", 1)[0].rfind("@"))


def _mask_parameter(item: str) -> str:
    name, equals, _ = item.partition("=")
    if not equals:
        return MASK if item else item
    if name in SHOWN_PARAMETERS:
        return item
    return f"{name if _PARAMETER_NAME.fullmatch(name) else MASK}={MASK}"


def secrets(location: Location) -> list[str]:
    """The passwords a location or the environment gives, as given and decoded: masked in
    any message of a library that could echo them (a last line of defence)."""
    found: set[str] = set()
    text = unmasked(location).strip()
    if looks_like_url(text):
        rest = _split_scheme(text)[1]
        end = _userinfo_end(rest)
        if end >= 0:
            found.add(rest[:end].partition(":")[2])
            rest = rest[end + 1 :]
        for item in rest.partition("?")[2].split("&"):
            name, _, value = item.partition("=")
            if name not in SHOWN_PARAMETERS:
                found.add(value or name)
        found.add(os.environ.get("PGPASSWORD", ""))
    found |= {unquote(secret) for secret in found}
    return sorted((s for s in found if s), key=len, reverse=True)


def scrub(message: str, location: Location) -> str:
    """A library's message with every password of `location` (or PGPASSWORD) masked."""
    for secret in secrets(location):
        message = message.replace(secret, MASK)
    return message


# -- reading a location ----------------------------------------------------------------------


def _refuse(location: str, why: str) -> StoreUnavailable:
    return StoreUnavailable(f"store URL {describe(location)} {why}")


def postgres_environment(location: Location) -> dict[str, str]:
    """eventsourcing's POSTGRES_* settings for a postgresql:// URL, and its libpq parameters."""
    raw = unmasked(location)
    text = raw.strip()
    rest = text.split("://", 1)[1]
    end = rest.split("/", 1)[0].rfind("@")  # user:password@ ends at the last @ before a /
    user = password = ""
    if end >= 0:
        user, _, password = rest[:end].partition(":")
        rest = rest[end + 1 :]
    place, _, query = rest.partition("?")
    hostport, _, path = place.partition("/")
    if "@" in place or "#" in place:
        raise _refuse(
            raw,
            "is malformed: percent-encode a '/', '@' or '#' in a user name, "
            "password or database name (%2F, %40, %23)",
        )
    host, port = _host_and_port(raw, hostport)
    parameters: dict[str, str] = {}
    for item in filter(None, query.split("&")):
        name, equals, value = item.partition("=")
        if not equals:
            raise _refuse(raw, "has a parameter without a value: give them as ?name=value&...")
        parameters[unquote(name)] = unquote(value)
    unknown = sorted(set(parameters) - set(URL_PARAMETERS))
    if unknown:
        names = ", ".join(n if _PARAMETER_NAME.fullmatch(n) else MASK for n in unknown)
        raise _refuse(
            raw,
            f"has unknown parameter{'s' if len(unknown) > 1 else ''} {names}; "
            f"the parameters understood are {', '.join(URL_PARAMETERS)}",
        )
    timeout = parameters.pop("connect_timeout", CONNECT_TIMEOUT)
    if not (timeout.isascii() and timeout.isdigit() and 0 < int(timeout) <= 86400):
        raise _refuse(raw, "has an invalid connect_timeout: give a whole number of seconds from 1 to 86400")
    sslmode = parameters.get("sslmode")
    if sslmode is not None and sslmode not in SSLMODES:
        raise _refuse(raw, f"has an invalid sslmode: give one of {', '.join(SSLMODES)}")
    database = unquote(path) or os.environ.get("PGDATABASE")
    if not database:
        raise _refuse(raw, "names no database (…/database)")
    password = parameters.pop("password", "") or unquote(password)
    return {
        "PERSISTENCE_MODULE": "tracker.store.pgfactory:TrackerPostgresFactory",
        "POSTGRES_DBNAME": database,
        "POSTGRES_HOST": unquote(host) or os.environ.get("PGHOST", "127.0.0.1"),
        "POSTGRES_PORT": port or os.environ.get("PGPORT", "5432"),
        "POSTGRES_USER": unquote(user) or os.environ.get("PGUSER", "postgres"),
        "POSTGRES_PASSWORD": password or os.environ.get("PGPASSWORD", ""),
        "POSTGRES_CONNECT_TIMEOUT": str(int(timeout)),
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
        "POSTGRES_SCHEMA": "public",
        LIBPQ_PARAMETERS: json.dumps({**parameters, "connect_timeout": str(int(timeout))}),
    }


def _host_and_port(raw: str, hostport: str) -> tuple[str, str]:
    if hostport.startswith("["):
        host, bracket, after = hostport[1:].partition("]")
        if not bracket or (after and not after.startswith(":")):
            raise _refuse(raw, "is malformed: an IPv6 address is written [address]:port")
        port = after[1:]
    else:
        host, _, port = hostport.partition(":")
        if ":" in port:
            raise _refuse(raw, "is malformed: give one host and one port (host:port)")
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise _refuse(raw, "has an invalid port: give a number from 1 to 65535")
    return host, str(int(port)) if port else ""


def connection_parameters(env: Mapping[str, str]) -> dict[str, str]:
    """The libpq parameters (sslmode, application_name, ...) of a store's environment."""
    found: dict[str, str] = json.loads(env.get(LIBPQ_PARAMETERS) or "{}")
    return found


def check(location: Location) -> str:
    """What kind of store the location names, "postgres", "memory" or "sqlite"; a URL of
    another scheme is refused (nothing is created for it)."""
    raw = unmasked(location)
    if is_postgres(raw):
        return "postgres"
    if looks_like_url(raw):
        raise StoreUnavailable(
            f"store {describe(raw)} is not understood: give an SQLite file path, or a URL "
            "starting postgresql:// or postgres:// (no +driver suffix)"
        )
    return "memory" if raw == MEMORY else "sqlite"


def environment(location: Location) -> dict[str, str]:
    """The eventsourcing environment that selects the store at `location`."""
    kind = check(location)
    raw = unmasked(location)
    if kind == "postgres":
        return postgres_environment(raw)
    if kind == "memory":
        # A private in-memory database, shared by the pool's connections and nobody else.
        name = f"file:tracker-{uuid.uuid4().hex}?mode=memory&cache=shared"
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": name}
    if raw.startswith("file:"):
        raise StoreUnavailable(f"give the store as a plain path, not a URI: {describe(raw)}")
    path = Path(raw)
    if path.is_dir():
        raise StoreUnavailable(f"store {describe(raw)} is a directory, not an SQLite file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable(f"cannot create the store's folder {path.parent}: {error.strerror}") from None
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": raw,
        "SQLITE_LOCK_TIMEOUT": SQLITE_LOCK_TIMEOUT,
    }
