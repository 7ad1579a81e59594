"""`tracker ingest` loads the next files in a worker process while it records one: the same
store, the same errors at the same file, and no worker left behind however the ingest ends.

Each comparison is with the in-process path (TRACKER_INGEST_WORKERS=0, or one file per run).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.consistency import TRACKER
from tracker.cli import loading
from tracker.cli.main import cli
from tracker.generate import write_corpus
from tracker.scenario.load import load_scenario
from tracker.scenario.problems import InvalidInput

DAYS = ["2024-03-01", "2024-09-01", "2025-06-01", "2026-12-31"]
IN_PROCESS = {"TRACKER_INGEST_WORKERS": "0"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """10 files of about 300 claims, as `tracker generate --claims 3000 --summits 30 --seed 1
    --per-file 300` writes them."""
    return write_corpus(tmp_path_factory.mktemp("corpus"), 3000, 30, 1, 300)


def tracker(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """Run `tracker ARGS` through click, as the command line does; a traceback never passes."""
    result = CliRunner().invoke(cli, [str(arg) for arg in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def answers(store: Path) -> list[str]:
    """What the store answers: states on several days (as JSON), and every claim."""
    outputs = [tracker("state", "--at", day, "--format", "json", "--store", store) for day in DAYS]
    outputs.append(tracker("claims", "--format", "json", "--store", store))
    assert all(output.exit_code == 0 for output in outputs), [o.stderr for o in outputs]
    return [output.stdout for output in outputs]


def totals(result: Result) -> tuple[int, ...]:
    """The events, sources and claims that an ingest says it recorded."""
    found = re.search(r"(\d+) new events? \((\d+) sources?, (\d+) claims?\)", result.stderr)
    assert found, result.stderr
    return tuple(int(number) for number in found.groups())


def spoiled(path: Path) -> str:
    """Break a corpus file in two places: a misspelt key and a kind that does not exist;
    return its original text."""
    text = path.read_text(encoding="utf-8")
    broken = text.replace("    modality: ", "    modalty: ", 1).replace(
        "    kind: meeting_proposed", "    kind: meeting_propsed", 1
    )
    assert broken.count("modalty") == broken.count("meeting_propsed") == 1
    path.write_text(broken, encoding="utf-8")
    return text


@pytest.mark.parametrize("workers", [1, 2])
def test_the_workers_give_the_same_scenarios_in_order(corpus: list[Path], workers: int) -> None:
    with loading.Prefetch(corpus, None, workers) as loads:
        assert loads.executor is not None
        loaded = [(path, load()) for path, load in loads]
    assert [path for path, _ in loaded] == corpus
    for path, scenario in loaded:  # pickled across the process boundary, and equal
        assert scenario == load_scenario(path)
    assert len({claim.id for _, scenario in loaded for claim in scenario.claims}) == 3000


def test_one_file_or_no_workers_loads_in_this_process(
    corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with loading.Prefetch(corpus[:1], None) as loads:
        assert loads.executor is None
        assert [load() for _, load in loads] == [load_scenario(corpus[0])]
    monkeypatch.setenv("TRACKER_INGEST_WORKERS", "0")
    with loading.Prefetch(corpus, None, loading.workers()) as loads:
        assert loads.executor is None


def test_the_workers_are_one_per_core_unless_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_INGEST_WORKERS", raising=False)
    assert loading.workers() == max(1, os.cpu_count() or 1)
    monkeypatch.setenv("TRACKER_INGEST_WORKERS", " 3 ")
    assert loading.workers() == 3
    for wrong in ("two", "-1", "1.5", "65"):
        monkeypatch.setenv("TRACKER_INGEST_WORKERS", wrong)
        with pytest.raises(ValueError, match="TRACKER_INGEST_WORKERS"):
            loading.workers()


def test_the_worker_raises_the_same_invalid_input_at_the_same_file(
    corpus: list[Path], tmp_path: Path
) -> None:
    files = [tmp_path / path.name for path in corpus[:3]]
    for original, copy in zip(corpus[:3], files, strict=True):
        copy.write_bytes(original.read_bytes())
    spoiled(files[1])
    with pytest.raises(InvalidInput) as in_process:
        load_scenario(files[1])
    with loading.Prefetch(files, None) as loads:
        assert loads.executor is not None
        each = iter(loads)
        assert next(each)[1]() == load_scenario(files[0])
        with pytest.raises(InvalidInput) as in_worker:
            next(each)[1]()
    assert in_worker.value.problems == in_process.value.problems
    assert str(in_worker.value) == str(in_process.value)
    assert len(in_worker.value.problems) == 2


def test_an_ingest_with_the_worker_records_what_one_file_at_a_time_does(
    corpus: list[Path], tmp_path: Path
) -> None:
    together, one_by_one, in_process = (
        tmp_path / "together.sqlite",
        tmp_path / "one.sqlite",
        tmp_path / "in.sqlite",
    )
    ingested = tracker("ingest", *corpus, "--store", together)
    assert ingested.exit_code == 0, ingested.stderr
    assert ingested.stderr.startswith(f"{len(corpus)} files: ")
    each = [tracker("ingest", path, "--store", one_by_one) for path in corpus]
    assert all(result.exit_code == 0 for result in each), [result.stderr for result in each]
    summed = tuple(sum(column) for column in zip(*map(totals, each), strict=True))
    assert totals(ingested) == summed
    assert totals(ingested)[2] == 3000
    assert tracker("ingest", *corpus, "--store", in_process, env=IN_PROCESS).stderr == ingested.stderr
    wrong = tracker(
        "ingest", *corpus, "--store", tmp_path / "none.sqlite", env={"TRACKER_INGEST_WORKERS": "two"}
    )
    assert wrong.exit_code == 2 and "$TRACKER_INGEST_WORKERS is 'two'" in wrong.stderr
    assert not (tmp_path / "none.sqlite").exists()  # refused before anything is opened
    recorded = answers(together)
    assert recorded == answers(one_by_one) == answers(in_process)
    assert len(json.loads(recorded[-1])) == 3000
    assert {summit["status"] for summit in json.loads(recorded[-2])["summits"]} != {"unknown"}


def test_an_invalid_third_file_stops_the_ingest_there_as_in_process_and_a_rerun_finishes(
    corpus: list[Path], tmp_path: Path
) -> None:
    files = [tmp_path / path.name for path in corpus[:5]]
    for original, copy in zip(corpus[:5], files, strict=True):
        copy.write_bytes(original.read_bytes())
    text = spoiled(files[2])
    store, reference = tmp_path / "store.sqlite", tmp_path / "reference.sqlite"

    stopped = tracker("ingest", *files, "--store", store)
    assert stopped.exit_code == 2
    expected = tracker("ingest", *files, "--store", reference, env=IN_PROCESS)
    assert expected.exit_code == 2
    assert stopped.stderr == expected.stderr
    errors = [line for line in stopped.stderr.splitlines() if line.startswith("error: ")]
    name = re.escape(str(files[2]))
    located = [re.fullmatch(rf"error: {name}:\d+:\d+: claims\[\d+\]\.(\w+): .*", line) for line in errors]
    assert [found[1] if found else line for found, line in zip(located, errors, strict=True)] == [
        "kind",
        "modalty",
    ]  # each at its file, line, column and field
    assert "'meeting_propsed' is not one of the allowed values" in errors[0]
    assert errors[1].endswith("unknown key: did you mean 'modality'?")
    assert f"{files[2]}: not recorded; the 2 files before it were (run again" in stopped.stderr

    first_two = tmp_path / "first_two.sqlite"
    assert tracker("ingest", *files[:2], "--store", first_two).exit_code == 0
    assert answers(store) == answers(first_two)  # the two files before it, whole

    files[2].write_text(text, encoding="utf-8")
    finished = tracker("ingest", *files, "--store", store)
    assert finished.exit_code == 0, finished.stderr
    at_once = tmp_path / "at_once.sqlite"
    assert tracker("ingest", *files, "--store", at_once, env=IN_PROCESS).exit_code == 0
    assert answers(store) == answers(at_once)
    assert (
        totals(finished)[2] == totals(tracker("ingest", *files[2:], "--store", tmp_path / "rest.sqlite"))[2]
    )


def test_an_unexpected_error_in_the_worker_is_reported_as_in_process(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if loading._METHOD != "fork":
        pytest.skip("the worker sees this test's patch only when it is forked")

    def broken(path: Path, *, root: str | None = None) -> object:
        if path == corpus[2]:
            raise RuntimeError(f"cannot load {path.name}")
        return load_scenario(path, root=root)

    monkeypatch.setattr(loading, "load_scenario", broken)
    in_worker = tracker("ingest", *corpus[:4], "--store", tmp_path / "worker.sqlite")
    in_process = tracker("ingest", *corpus[:4], "--store", tmp_path / "in.sqlite", env=IN_PROCESS)
    assert in_worker.exit_code == in_process.exit_code == 3
    assert in_worker.stderr == in_process.stderr
    assert f"internal error: RuntimeError: cannot load {corpus[2].name}" in in_worker.stderr


# -- no worker left behind -------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except (OSError, ValueError):
            continue
        if entry.isdigit() and int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry))
    return found


def status(pid: int) -> str:
    """The process's /proc status, or nothing once it is gone."""
    try:
        return Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return ""


def ended(pid: int) -> bool:
    """Whether the process is gone (or a zombie, waiting only to be reaped)."""
    found = status(pid)
    return not found or "\nState:\tZ" in found


def ignores_ctrl_c(pid: int) -> bool:
    ignored = re.search(r"\nSigIgn:\t([0-9a-f]+)", status(pid))
    return ignored is not None and bool(int(ignored[1], 16) & 1 << (signal.SIGINT - 1))


WORKERS = 2
"""The ingests below load with this many workers (`TRACKER_INGEST_WORKERS`)."""


def workers_of(writer: subprocess.Popen[str]) -> list[int]:
    while writer.poll() is None:
        found = children(writer.pid)
        assert len(found) <= WORKERS, found
        if len(found) == WORKERS:
            return found
        time.sleep(0.005)
    raise AssertionError(f"the ingest ended before its workers were seen: {writer.communicate()}")


def wait_until_ended(pid: int) -> None:
    for _ in range(6000):  # a minute at most: the worker must end, not hang
        if ended(pid):
            return
        time.sleep(0.01)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError(f"worker {pid} outlived its ingest")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker through /proc")
def test_a_killed_ingest_leaves_no_worker(corpus: list[Path], tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [TRACKER, "ingest", *map(str, corpus), "--store", str(tmp_path / "store.sqlite")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TRACKER_INGEST_WORKERS": str(WORKERS)},
    )
    workers = workers_of(writer)
    writer.kill()
    writer.communicate(timeout=60)
    for worker in workers:
        wait_until_ended(worker)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker through /proc")
def test_ctrl_c_stops_the_ingest_and_its_worker_quietly(corpus: list[Path], tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [TRACKER, "ingest", *map(str, corpus), "--store", str(tmp_path / "store.sqlite")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, which Ctrl-C on a terminal signals
        env={**os.environ, "TRACKER_INGEST_WORKERS": str(WORKERS)},
    )
    workers = workers_of(writer)
    for _ in range(6000):  # a minute at most: until the workers have started, ignoring Ctrl-C
        if all(ignores_ctrl_c(worker) for worker in workers):
            break
        time.sleep(0.01)
    else:
        raise AssertionError("a worker does not leave Ctrl-C to the main process")
    os.killpg(writer.pid, signal.SIGINT)
    _, err = writer.communicate(timeout=120)
    assert writer.returncode != 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    for worker in workers:
        wait_until_ended(worker)
