"""The README's examples run as written, and its command table lists every command."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT
from tracker.cli.main import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end]


def test_the_recording_from_python_example_runs() -> None:
    (code,) = re.findall(r"```python\n(.*?)```", section("Recording from Python"), re.S)
    exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})


def test_every_command_is_in_the_readme_command_table() -> None:
    table = section("Commands")
    listed = set(re.findall(r"^\| `tracker (\w+)", table, re.M))
    assert listed == set(cli.commands), "the README's command table and the commands differ"


def test_every_command_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, name


def test_the_readme_opens_with_two_commands_that_ci_runs_as_they_are() -> None:
    intro = README[: README.index("\n## ")]
    (block,) = re.findall(r"```sh\n(.*?)```", intro, re.S)
    commands = block.strip().splitlines()
    assert len(commands) == 2 and commands[1] == "pytest"
    assert "pip install -e '.[test]'" in commands[0] and "tracker replay" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert all(command in ci for command in commands)


def pytest_ids(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    return result.stdout.splitlines()


def test_the_spec_ids_the_readme_shows_exist_and_verbose_ids_paste_back() -> None:
    shown = re.findall(r"`((?:specs|scenarios)/[\w./-]+\.yaml::[\w-]+)`", README)
    assert shown
    for nodeid in shown:
        assert pytest_ids("--collect-only", "-q", nodeid)[0] == nodeid
    collected = set(pytest_ids("--collect-only", "-q", "specs/lapse.yaml")[:-2]) - {""}
    printed = {line.split(" ")[0] for line in pytest_ids("-v", "specs/lapse.yaml") if " PASSED" in line}
    assert printed and printed == collected
