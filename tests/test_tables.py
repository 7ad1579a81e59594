"""Tables fit the terminal: every listing, drawn at 80 and 120 columns (and piped, unbounded),
still shows every value of every row, compared with the same listing as CSV; no line is wider
than the terminal or padded; NO_COLOR is honoured."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "scenarios" / "putin_trump_2025.yaml"


def other_claims(record: dict[str, str]) -> str:
    """What a state's table says of the claims its CSV counts: "2 for, 1 no answer"."""
    words = {"supporting_count": "for", "contradicting_count": "against", "non_answers_count": "no answer"}
    return ", ".join(f"{record[column]} {word}" for column, word in words.items() if record[column] != "0")


Shown = str | Callable[[dict[str, str]], str]
"""A CSV column, or the text made of a CSV record."""
LISTINGS: dict[str, tuple[list[str], dict[str, Shown]]] = {
    # command line, and the table's headers mapped to the CSV columns they show
    "state": (
        ["state", "--at", "2025-09-20"],
        {
            "summit": "id",
            "status": "status",
            "since": "since",
            "venue": "venue",
            "window": "window",
            "decided by": "decided_by",
            "other claims": other_claims,
        },
    ),
    "claims": (
        ["claims"],
        {
            "id": "id",
            "published": "published",
            "kind": "kind",
            "modality": "modality",
            "who": "speaker",
            "summits": "summits",
            "quote": "quote",
        },
    ),
    "timeline": (
        ["timeline", "putin-trump-first-2025"],
        {
            "from": "from",
            "status": "status",
            "held on": "held_on",
            "venue": "venue",
            "window": "window",
            "decided by": "decided_by",
        },
    ),
    "changes": (
        ["changes", "--from", "2025-07-20", "--to", "2025-09-10"],
        {
            "day": "day",
            "sources": "sources",
            "summit": "summit",
            "from": "from",
            "to": "to",
            "decided by": "decided_by",
        },
    ),
    "summits": (
        ["summits", "--at", "2025-09-20"],
        {
            "id": "id",
            "title": "title",
            "participants": "participants",
            "window": "window",
            "status": "status",
            "claims": "claims",
        },
    ),
    "sources": (
        ["sources"],
        {
            "id": "id",
            "outlet": "outlet",
            "published": "published",
            "dated by": "dated_by",
            "claims": "claims",
        },
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("tables") / "events.sqlite")
    result = CliRunner().invoke(cli, ["replay", str(SEED), "--at", "2025-08-20", "--store", path])
    assert result.exit_code == 0, result.output
    return path


def invoke(store: str, args: list[str], **env: str | None) -> str:
    """Run a listing; off a terminal, unless `COLUMNS` is given (the default takes it away)."""
    env = {"COLUMNS": None, "NO_COLOR": None, "FORCE_COLOR": None, **env}
    result = CliRunner().invoke(cli, [*args, "--store", store], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def squeeze(text: str) -> str:
    """Text without what wrapping, folding and list layout change: spaces, commas, semicolons."""
    return re.sub(r"[\s,;]", "", text)


def split_cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split("[│┃]", line)[1:-1]]


def parse_table(lines: list[str]) -> list[dict[str, str]]:
    """A drawn table's rows: each header (stacked ones included) mapped to its column's text."""
    top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
    rule = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    header_cells = [split_cells(line) for line in lines[top + 1 : rule]]
    columns = [[row[c] for row in header_cells if row[c]] for c in range(len(header_cells[0]))]
    rows: list[list[str]] = []
    for line in lines[rule + 1 :]:
        if line.startswith("└"):
            break
        cells = split_cells(line)
        if cells[0]:
            rows.append([""] * len(cells))
        rows[-1] = [old + " " + new for old, new in zip(rows[-1], cells, strict=True)]
    return [
        {header: text for headers, text in zip(columns, row, strict=True) for header in headers}
        for row in rows
    ]


def parse_cards(lines: list[str]) -> list[dict[str, str]]:
    """Cards: a row's key on an unindented line, then "  label value" lines, continued indented."""
    rows: list[dict[str, str]] = []
    label = ""
    for line in lines[1:]:  # after the title
        if not line.startswith(" "):
            rows.append({"": line})
            continue
        match = re.match(r"  ((?:other )?\S+(?: by| on)?) +(.*)$", line)
        if match and not line.startswith("   "):
            label = match.group(1)
            rows[-1][label] = match.group(2)
        else:
            rows[-1][label] += " " + line.strip()
    return rows


def records_of(text: str, headers: dict[str, Shown]) -> list[dict[str, str]]:
    lines = text.splitlines()
    if any(line.startswith("┏") for line in lines):
        return parse_table(lines)
    key = next(iter(headers))
    return [{key: row.pop(""), **row} for row in parse_cards(lines)]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("listing", list(LISTINGS))
def test_every_value_of_every_row_is_shown_at_the_width(store: str, listing: str, width: int) -> None:
    args, headers = LISTINGS[listing]
    text = invoke(store, args, COLUMNS=str(width))
    expected = list(csv.DictReader(io.StringIO(invoke(store, [*args, "--format", "csv"]))))
    shown = records_of(text, headers)
    assert len(shown) == len(expected) > 0
    for row, record in zip(shown, expected, strict=True):
        for header, column in headers.items():
            value = column(record) if callable(column) else record[column]
            assert squeeze(value) in squeeze(row.get(header, "")), (header, record, row)
    for line in text.splitlines():
        assert len(line) <= width, line
        assert line == line.rstrip(), f"padded: {line!r}"


def test_a_narrow_terminal_gets_cards_and_a_wide_one_a_column_per_field(store: str) -> None:
    assert "┏" not in invoke(store, ["claims"], COLUMNS="60")
    wide = invoke(store, ["state", "--at", "2025-09-20"], COLUMNS="200")
    assert len(split_cells(wide.splitlines()[2])) == len(LISTINGS["state"][1])


def test_piped_output_keeps_each_row_on_one_line_unpadded(store: str) -> None:
    text = invoke(store, ["state", "--at", "2025-09-20"])
    body = [line for line in text.splitlines() if line.startswith("│")]
    summits = invoke(store, ["summits", "--format", "csv"]).splitlines()[1:]
    assert len(body) == len(summits)
    assert all(line == line.rstrip() for line in text.splitlines())


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-9]|9[0-7])m")


def test_statuses_are_coloured_on_a_terminal_unless_no_color_is_set(store: str) -> None:
    coloured = invoke(store, ["state", "--at", "2025-09-20"], FORCE_COLOR="1")
    assert COLOUR.search(coloured)
    plain = invoke(store, ["state", "--at", "2025-09-20"], FORCE_COLOR="1", NO_COLOR="1")
    assert not COLOUR.search(plain)
    assert "lapsed" in plain
