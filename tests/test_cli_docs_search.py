"""``ceasewatch docs`` and ``ceasewatch search`` over an ingested corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.store import open_store


@pytest.fixture
def db(tmp_path: Path, sample_dir: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "t.db"
    with open_store(path) as store:
        report = api.ingest(store, [str(sample_dir), str(fixtures_dir / "ingest" /
                                                           "chaman_clash.html")], extract=False)
        assert report.ok
    return path


def invoke(db: Path, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert "Traceback" not in result.output
    return result


def test_docs_lists_documents_with_provenance(db: Path) -> None:
    result = invoke(db, "docs")
    assert result.exit_code == 0, result.output
    assert "6 of 6 documents" in result.output
    for expected in ("seed000_lanzhou_bilingual.txt", "en+zh", "RNA", "chaman_clash.html",
                     "Frontier Ledger", "2025-11-07"):
        assert expected in result.output


def test_docs_json_and_limit(db: Path) -> None:
    result = invoke(db, "docs", "--json", "--limit", "2")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert len(rows) == 2
    assert rows[0]["name"] == "seed003_istanbul_third_round.txt"  # oldest publication first
    assert rows[0]["published"] == "2025-11-06" and rows[0]["size"] > 1000
    assert "text" not in rows[0]
    everything = json.loads(invoke(db, "--json", "docs").output)
    assert len(everything) == 6


def test_docs_on_empty_store(tmp_path: Path) -> None:
    result = invoke(tmp_path / "empty.db", "docs")
    assert result.exit_code == 0 and "No documents yet" in result.output


def test_search_highlights_matches(db: Path) -> None:
    result = invoke(db, "search", "Spin", "Boldak")
    assert result.exit_code == 0, result.output
    assert "seed004_rna_spin_boldak.txt" in result.output
    assert "[Spin] [Boldak]" in result.output  # markers when not on a terminal


def test_search_json(db: Path) -> None:
    result = invoke(db, "search", "mortar", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.output)
    assert [h["name"] for h in hits] == ["chaman_clash.html"]
    assert "[mortar]" in hits[0]["snippet"]
    assert hits[0]["title"] == "Border guards trade fire at Chaman as talks resume"


def test_search_limit_prefix_and_no_match(db: Path) -> None:
    hits = json.loads(invoke(db, "search", "ceasefire", "--json", "--limit", "2").output)
    assert len(hits) == 2
    assert json.loads(invoke(db, "search", "Istanb*", "--json").output)
    result = invoke(db, "search", "xylophone")
    assert result.exit_code == 0 and "No document matches 'xylophone'" in result.output


def test_search_needs_a_query(db: Path) -> None:
    result = invoke(db, "search")
    assert result.exit_code == 2
