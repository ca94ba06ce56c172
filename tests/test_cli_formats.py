"""``--format table|json|jsonl|csv`` on every list command, and tables without boxes when piped."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch.cli.main import cli

SAMPLE = Path(__file__).resolve().parents[1] / "ceasewatch" / "sample"
LIST_COMMANDS = [["docs"], ["events"], ["violations"], ["disputes"], ["accords"],
                 ["search", "Doha"]]
BOX = set("┏┓┗┛━┃│┡┩╇┳┻")


@pytest.fixture(scope="module")
def db(module_db_target: str) -> str:
    path = module_db_target
    done = CliRunner().invoke(cli, ["--db", path, "ingest", str(SAMPLE)])
    assert done.exit_code == 0, done.output
    return path


def run(db: str, *args: str) -> str:
    done = CliRunner().invoke(cli, ["--db", db, *args])
    assert done.exit_code == 0, done.output
    return done.stdout


@pytest.mark.parametrize("command", LIST_COMMANDS, ids=lambda c: c[0])
def test_every_list_command_speaks_every_format(db: str, command: list[str]) -> None:
    array = json.loads(run(db, *command, "--format", "json"))
    assert isinstance(array, list) and array
    lines = run(db, *command, "--format", "jsonl").splitlines()
    assert [json.loads(x) for x in lines] == json.loads(json.dumps(array))
    rows = list(csv.DictReader(io.StringIO(run(db, *command, "--format", "csv"))))
    assert len(rows) == len(array)
    assert set(rows[0]) == set(array[0])
    table = run(db, *command, "--format", "table")
    assert table.strip() and not BOX & set(table)  # piped: plain text


def test_plain_table_is_aligned_and_the_json_flag_still_works(db: str) -> None:
    out = run(db, "events").splitlines()
    header = out[0]
    assert header.split()[:3] == ["id", "date", "precision"]
    start = header.index("date")
    assert all(line[start:start + 4].startswith("2025") for line in out[1:] if line[:3] == "ev-")
    assert json.loads(run(db, "events", "--json")) == json.loads(run(db, "--json", "events"))
    # --format wins over --json
    assert run(db, "--json", "events", "--format", "jsonl").startswith("{")


def test_csv_keeps_lists_readable(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run(db, "events", "--format", "csv"))))
    assert any("; " in r["sources"] for r in rows)
    assert {r["cameo"] for r in rows} >= {"046"}


def test_extract_takes_the_same_formats() -> None:
    doc = str(SAMPLE / "seed004_rna_spin_boldak.txt")
    runner = CliRunner()
    lines = runner.invoke(cli, ["extract", doc]).stdout.splitlines()
    array = json.loads(runner.invoke(cli, ["extract", doc, "--format", "json"]).stdout)
    assert [json.loads(x)["id"] for x in lines] == [r["id"] for r in array] and array
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(cli, ["extract", doc, "--format", "csv"]).stdout)))
    assert [r["id"] for r in rows] == [r["id"] for r in array]
