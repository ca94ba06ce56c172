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


def test_docs_on_empty_store(tmp_path: Path, db_target: str) -> None:
    assert invoke(db_target, "init").exit_code == 0
    result = invoke(db_target, "docs")
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


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "a AND", "OR", "title:mortar",
                                   "^mortar", "*", '"', "mortar)", "(", "-- mortar"])
def test_search_with_fts_syntax_is_taken_as_words(db: Path, query: str) -> None:
    """FTS5 operators typed by a user are words, not syntax: never an SQL error or traceback."""
    result = invoke(db, "search", "--", query)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "fts5" not in result.output.lower()


# -- global options -------------------------------------------------------------------------
def test_db_from_environment_and_option_wins(tmp_path: Path, sample_dir: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    env_db, option_db = tmp_path / "env.db", tmp_path / "option.db"
    monkeypatch.setenv("CEASEWATCH_DB", str(env_db))
    one = sample_dir / "seed004_rna_spin_boldak.txt"
    result = CliRunner().invoke(cli, ["ingest", str(one), "--no-extract"])
    assert result.exit_code == 0, result.output
    assert env_db.exists() and not option_db.exists()
    listed = CliRunner().invoke(cli, ["--json", "docs"])
    assert [d["name"] for d in json.loads(listed.output)] == [one.name]
    # --db, before or after the command, beats the environment
    assert CliRunner().invoke(cli, ["init", "--db", str(option_db)]).exit_code == 0
    for args in (["--db", str(option_db), "docs", "--json"],
                 ["docs", "--db", str(option_db), "--json"]):
        assert json.loads(CliRunner().invoke(cli, args).output) == []


def test_default_db_is_in_the_user_data_directory(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    from ceasewatch.store import default_db_path

    monkeypatch.delenv("CEASEWATCH_DB", raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir",
                        lambda app, appauthor=None: str(tmp_path / "data" / app))
    assert default_db_path() == tmp_path / "data" / "ceasewatch" / "ceasewatch.db"
    result = CliRunner().invoke(cli, ["docs"])
    assert result.exit_code == 0 and "No documents yet" in result.output
    assert default_db_path().exists()


def test_search_chinese_words_inside_unspaced_text(db: Path) -> None:
    """unicode61 indexes a run of Han characters as one token; words in it are still found."""
    hits = json.loads(invoke(db, "search", "停火", "--json").output)
    assert [h["name"] for h in hits] == ["seed000_lanzhou_bilingual.txt"]
    assert "[停火]" in hits[0]["snippet"]
    # mixed with indexed words: both must occur; Istanbul alone is in three documents
    assert len(json.loads(invoke(db, "search", "Istanbul", "--json").output)) > 1
    mixed = json.loads(invoke(db, "search", "Istanbul", "伊斯坦布尔", "--json").output)
    assert [h["name"] for h in mixed] == ["seed000_lanzhou_bilingual.txt"]
    assert "[伊斯坦布尔]" in mixed[0]["snippet"]
    assert json.loads(invoke(db, "search", "停火", "xylophone", "--json").output) == []
    assert "No document matches" in invoke(db, "search", "停火协议书").output
