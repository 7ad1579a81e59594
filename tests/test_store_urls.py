"""Store URLs: the PostgreSQL password never shows, and libpq's parameters reach every connection.

The masking is checked on the function itself, on the value object that carries a store's
location, and end to end on every message path of the real `tracker` command (a process of
its own, TRACKER_DEBUG unset) with a distinctive password that must appear in no output.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.conftest import SEED_SCENARIO
from tests.stores import ADMIN_URL, PostgresDatabases
from tracker.service import Tracker
from tracker.store.location import StoreUnavailable, describe, environment

SECRET = "S3cretPW"
LEAK = "S3cret"
"""Any part of the password in an output is a leak: a test looks for this prefix."""
TRACKER = str(Path(sys.executable).parent / "tracker")

# -- the one function that shows a location ------------------------------------------------

MASKED = [
    ("postgresql://u:S3cretPW@h:5432/db", "postgresql://u:***@h:5432/db"),
    ("postgres://u:S3cretPW@h/db", "postgres://u:***@h/db"),
    ("POSTGRESQL://u:S3cretPW@h/db", "POSTGRESQL://u:***@h/db"),
    ("postgresql+psycopg://u:S3cretPW@h/db", "postgresql+psycopg://u:***@h/db"),
    ("  postgresql://u:S3cretPW@h/db \n", "postgresql://u:***@h/db"),
    ("postgresql://u:S3cretPW@h:99999/db", "postgresql://u:***@h:99999/db"),
    ("postgresql://u:S3cretPW@h:abc/db", "postgresql://u:***@h:abc/db"),
    ("postgresql://u:S3cret%2FPW@h/db", "postgresql://u:***@h/db"),
    ("postgresql://u:S3cret/PW@h/db", "postgresql://u:***@h/db"),
    ("postgresql://u:S3cret?PW@h/db", "postgresql://u:***@h/db"),
    ("postgresql://u:S3cret@PW@h/db", "postgresql://u:***@h/db"),
    ("postgresql://u:S3cret#PW@h/db", "postgresql://u:***@h/db"),
    ("postgresql://:S3cretPW@h/db", "postgresql://:***@h/db"),
    ("postgresql://u:S3cretPW@[::1]:5432/db", "postgresql://u:***@[::1]:5432/db"),
    ("postgresql://u@h/db?password=S3cretPW", "postgresql://u@h/db?password=***"),
    (
        "postgresql://u@h/db?sslmode=require&password=S3cretPW",
        "postgresql://u@h/db?sslmode=require&password=***",
    ),
    ("postgresql://u@h/db?foo=S3cretPW", "postgresql://u@h/db?foo=***"),
    ("postgresql://u@h/db?S3cretPW", "postgresql://u@h/db?***"),
    (
        "postgresql://u@h/db?connect_timeout=7&application_name=team",
        "postgresql://u@h/db?connect_timeout=7&application_name=team",
    ),
    ("xyz://u:S3cretPW@h", "xyz://u:***@h"),
    ("postgres:/u:S3cretPW@h/db", "postgres:/u:***@h/db"),
    ("postgresql:u:S3cretPW@h/db", "postgresql:u:***@h/db"),
    (
        "postgresql://u:S3cretPW@h/db?password=S3cretPW2&sslmode=disable",
        "postgresql://u:***@h/db?password=***&sslmode=disable",
    ),
]


@pytest.mark.parametrize(("location", "shown"), MASKED, ids=[m[0].strip() for m in MASKED])
def test_describe_masks_every_password(location: str, shown: str) -> None:
    assert describe(location) == shown
    assert LEAK not in describe(location)


@pytest.mark.parametrize(
    "path",
    ["store.sqlite", ".tracker/events.sqlite", ":memory:", "/tmp/a folder/events.sqlite", "postgres.sqlite"],
)
def test_describe_leaves_paths_as_they_are(path: str) -> None:
    assert describe(path) == path


def test_a_tracker_shows_its_location_without_the_password(postgres_databases: PostgresDatabases) -> None:
    url = with_password(postgres_databases.fresh())
    with Tracker(url) as tracker:
        for shown in (
            str(tracker.location),
            repr(tracker.location),
            f"{tracker.location}",
            format(tracker.location),
            f"{tracker.location!r}",
        ):
            assert LEAK not in shown
        assert "***" in str(tracker.location)
        assert tracker.location.unmasked == url  # only under its explicit name


# -- schemes --------------------------------------------------------------------------------

REFUSED_SCHEMES = [
    "postgresql+psycopg://u:S3cretPW@127.0.0.1/db",
    "xyz://u:S3cretPW@h/db",
    "postgres:/u:S3cretPW@h/db",
    "postgresql:u:S3cretPW@h/db",
    "postgres//u:S3cretPW@h/db",
    "http://u:S3cretPW@h/db",
    "file:///tmp/store.sqlite",
]


@pytest.mark.parametrize("location", REFUSED_SCHEMES)
def test_other_schemes_are_refused_without_creating_a_file(
    location: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreUnavailable) as refused:
        environment(location)
    message = str(refused.value)
    assert LEAK not in message
    assert "postgresql://" in message and "postgres://" in message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "location",
    [
        "POSTGRESQL://u:S3cretPW@h:5433/db",
        "Postgres://u:S3cretPW@h:5433/db",
        "  postgresql://u:S3cretPW@h:5433/db\t",
    ],
)
def test_postgresql_urls_are_recognised_whatever_their_case_and_surrounding_space(location: str) -> None:
    env = environment(location)
    assert env["POSTGRES_HOST"] == "h"
    assert env["POSTGRES_PORT"] == "5433"
    assert env["POSTGRES_USER"] == "u"
    assert env["POSTGRES_PASSWORD"] == SECRET
    assert env["POSTGRES_DBNAME"] == "db"


def test_a_percent_encoded_password_is_decoded() -> None:
    assert environment("postgresql://u:S3cret%2FP%40W@h/db")["POSTGRES_PASSWORD"] == "S3cret/P@W"


# -- parameters -----------------------------------------------------------------------------

INVALID = [
    "postgresql://u:S3cretPW@h/db?connect_timeout=abc",
    "postgresql://u:S3cretPW@h/db?connect_timeout=-1",
    "postgresql://u:S3cretPW@h/db?connect_timeout=0",
    "postgresql://u:S3cretPW@h/db?sslmode=bogus",
    "postgresql://u:S3cretPW@h/db?foo=S3cretPW",
    "postgresql://u@h/db?foo=S3cretPW&password=S3cretPW",
    "postgresql://u:S3cretPW@h:99999/db",
    "postgresql://u:S3cretPW@h:abc/db",
    "postgresql://u:S3cretPW@h:/db?sslmode=",
    "postgresql://u:S3cretPW@[::1/db",
    "postgresql://u:S3cret/PW@h/db",
]


@pytest.mark.parametrize("location", INVALID)
def test_invalid_urls_are_refused_with_a_masked_sentence(location: str) -> None:
    with pytest.raises(StoreUnavailable) as refused:
        environment(location)
    message = str(refused.value)
    assert LEAK not in message
    assert message.startswith("store URL ") and len(message) > 40


def test_an_unknown_parameter_is_refused_naming_the_accepted_ones() -> None:
    with pytest.raises(StoreUnavailable) as refused:
        environment("postgresql://u@h/db?foo=S3cretPW")
    message = str(refused.value)
    assert "foo" in message and LEAK not in message
    for name in (
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "application_name",
        "options",
        "connect_timeout",
        "password",
    ):
        assert name in message


# -- the parameters reach the server --------------------------------------------------------


def with_password(url: str, password: str = SECRET) -> str:
    """The URL with a password (the test server trusts every login of an existing role)."""
    parts = urlsplit(url)
    user = parts.username or "postgres"
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:{password}@{host}").geturl()


def admin_rows(sql: str, *args: object) -> list[tuple[object, ...]]:
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        return admin.execute(sql, args).fetchall()


def database_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def application_names(database: str) -> set[object]:
    return {
        row[0]
        for row in admin_rows("SELECT application_name FROM pg_stat_activity WHERE datname = %s", database)
    }


def test_the_parameters_reach_the_direct_connection_and_the_pool(
    postgres_databases: PostgresDatabases,
) -> None:
    from tracker.store.guard import postgres_setup

    url = postgres_databases.fresh()
    wanted = (
        f"{with_password(url)}?application_name=tracker_test_x&sslmode=disable"
        "&options=-c%20statement_timeout%3D1234&connect_timeout=7"
    )
    env = environment(wanted)
    with postgres_setup(wanted, env) as direct:
        assert direct.execute("SHOW application_name").fetchone()[0] == "tracker_test_x"
        assert direct.execute("SHOW statement_timeout").fetchone()[0] == "1234ms"
    with Tracker(wanted) as tracker:
        with tracker.app.recorder.datastore.get_connection() as pooled:  # type: ignore[attr-defined]
            row = pooled.execute("SHOW statement_timeout").fetchone()
            assert row["statement_timeout"] == "1234ms"
        assert application_names(database_of(url)) == {"tracker_test_x"}


def test_the_parameters_reach_the_follower(postgres_databases: PostgresDatabases) -> None:
    from tracker.store.follow import runner

    url = postgres_databases.fresh()
    wanted = f"{url}?application_name=tracker_test_follow"
    Tracker(wanted).close()
    with runner(wanted):
        names = application_names(database_of(url))
        assert names == {"tracker_test_follow"}


def test_sslmode_disable_connects_and_require_is_refused_with_a_sentence(
    postgres_databases: PostgresDatabases,
) -> None:
    url = with_password(postgres_databases.fresh())
    Tracker(f"{url}?sslmode=disable").close()
    if admin_rows("SHOW ssl")[0][0] == "on":
        pytest.skip("the test server offers SSL")
    with pytest.raises(StoreUnavailable) as refused:
        Tracker(f"{url}?sslmode=require")
    message = str(refused.value)
    assert "SSL" in message and LEAK not in message


def test_a_password_in_the_url_query_is_used(postgres_databases: PostgresDatabases) -> None:
    url = postgres_databases.fresh()
    env = environment(f"{url}?password={SECRET}")
    assert env["POSTGRES_PASSWORD"] == SECRET
    Tracker(f"{url}?password={SECRET}").close()


# -- every message path of the real command -------------------------------------------------


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DEBUG", "TRACKER_STORE")}
    environ.update(env or {})
    return subprocess.run([TRACKER, *args], capture_output=True, text=True, timeout=120, cwd=cwd, env=environ)


def follow_briefly(url: str, cwd: Path) -> tuple[int, str, str]:
    """`tracker follow`: wait until it says it follows, then Ctrl-C it."""
    environ = {k: v for k, v in os.environ.items() if k not in ("TRACKER_DEBUG", "TRACKER_STORE")}
    process = subprocess.Popen(
        [TRACKER, "follow", "--store", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=environ,
    )
    assert process.stderr is not None
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("following"):
            time.sleep(0.5)
            process.send_signal(signal.SIGINT)
            break
    out, err = process.communicate(timeout=60)
    return process.returncode, out, "".join(lines) + err


def server() -> tuple[str, str]:
    """The test server's user and host:port."""
    parts = urlsplit(ADMIN_URL)
    return parts.username or "postgres", parts.netloc.rpartition("@")[2]


BAD_URLS = {
    # the store cannot be used: exit 4
    "unknown-role": "postgresql://tracker_no_such_role:S3cretPW@{hostport}/{db}",
    "unreachable-port": "postgresql://{user}:S3cretPW@127.0.0.1:1/{db}",
    "unknown-database": "postgresql://{user}:S3cretPW@{hostport}/tracker_no_such_database",
    "unknown-parameter": "postgresql://{user}@{hostport}/{db}?foo=S3cretPW",
    "unknown-parameter-and-password": "postgresql://{user}@{hostport}/{db}?foo=1&password=S3cretPW",
    "driver-suffix": "postgresql+psycopg://{user}:S3cretPW@{hostport}/{db}",
    "other-scheme": "xyz://{user}:S3cretPW@{hostport}/{db}",
    "one-slash": "postgres:/{user}:S3cretPW@{hostport}/{db}",
    "no-colon": "postgres//{user}:S3cretPW@{hostport}/{db}",
    "port-out-of-range": "postgresql://{user}:S3cretPW@127.0.0.1:99999/{db}",
    "port-not-a-number": "postgresql://{user}:S3cretPW@127.0.0.1:abc/{db}",
    "slash-in-password": "postgresql://{user}:S3cret/PW@{hostport}/{db}",
    "connect-timeout-abc": "postgresql://{user}:S3cretPW@{hostport}/{db}?connect_timeout=abc",
    "connect-timeout-negative": "postgresql://{user}:S3cretPW@{hostport}/{db}?connect_timeout=-1",
    "sslmode-bogus": "postgresql://{user}:S3cretPW@{hostport}/{db}?sslmode=bogus",
    "sslmode-require": "postgresql://{user}:S3cretPW@{hostport}/{db}?sslmode=require",
}
GOOD_URLS = {
    # the store works: exit 0
    "password-in-netloc": "postgresql://{user}:S3cretPW@{hostport}/{db}",
    "password-parameter": "postgresql://{user}@{hostport}/{db}?password=S3cretPW",
    "upper-case-scheme": "POSTGRESQL://{user}:S3cretPW@{hostport}/{db}",
    "surrounding-space": " postgres://{user}:S3cretPW@{hostport}/{db} ",
    "encoded-password": "postgresql://{user}:S3cret%2FPW@{hostport}/{db}?sslmode=disable",
}


def check_quiet(result: tuple[int, str, str], status: int, tmp_path: Path) -> None:
    code, out, err = result
    assert LEAK not in out and LEAK not in err, (out, err)
    assert "Traceback" not in err
    assert code == status, (code, err)
    assert err.strip()
    assert list(tmp_path.iterdir()) == [], "nothing may be created for a URL"


@pytest.mark.parametrize("case", sorted(BAD_URLS))
def test_a_store_that_cannot_be_used_never_shows_its_password(
    case: str, postgres_databases: PostgresDatabases, tmp_path: Path
) -> None:
    user, hostport = server()
    db = database_of(postgres_databases.fresh())
    url = BAD_URLS[case].format(user=user, hostport=hostport, db=db)
    for args in (
        ["state", "--store", url],
        ["replay", str(SEED_SCENARIO), "--store", url, "--at", "2025-08-20"],
        ["follow", "--store", url],
    ):
        result = run(*args, cwd=tmp_path)
        check_quiet((result.returncode, result.stdout, result.stderr), 4, tmp_path)
    result = run("state", cwd=tmp_path, env={"TRACKER_STORE": url})
    check_quiet((result.returncode, result.stdout, result.stderr), 4, tmp_path)


@pytest.mark.parametrize("case", sorted(GOOD_URLS))
def test_a_working_store_never_shows_its_password(
    case: str, postgres_databases: PostgresDatabases, tmp_path: Path
) -> None:
    user, hostport = server()
    db = database_of(postgres_databases.fresh())
    url = GOOD_URLS[case].format(user=user, hostport=hostport, db=db)
    empty = run("state", "--store", url, cwd=tmp_path)  # the "no summits in store" note
    check_quiet((empty.returncode, empty.stdout, empty.stderr), 0, tmp_path)
    assert "no summits in store" in empty.stderr and "***" in empty.stderr
    replayed = run("replay", str(SEED_SCENARIO), "--store", url, "--at", "2025-08-20", cwd=tmp_path)
    check_quiet((replayed.returncode, replayed.stdout, replayed.stderr), 0, tmp_path)
    assert "putin-trump" in replayed.stdout
    check_quiet(follow_briefly(url, tmp_path), 0, tmp_path)


def test_follow_refuses_an_sqlite_store_as_usage(tmp_path: Path) -> None:
    result = run("follow", "--store", str(tmp_path / "store.sqlite"), cwd=tmp_path)
    assert result.returncode == 2
    assert "follow is for PostgreSQL stores" in result.stderr
