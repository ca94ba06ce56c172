"""``--db`` checks and the PostgreSQL store: URLs never become local files, the same migrations
in PostgreSQL's dialect, and the CLI giving the same answers on both backends.

The store-level tests of the modules in ``conftest.BOTH_BACKENDS`` run on PostgreSQL too; these
are the ones only a URL, a missing server or a missing extra can show.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch.cli.main import cli
from ceasewatch.store import open_store
from ceasewatch.store.database import _migrations

SEED = "seed004_rna_spin_boldak.txt"


def run(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(cli, list(args), env=env)
    assert "Traceback" not in result.output, result.output
    return result


def test_a_db_that_is_not_there_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (["--db", str(missing), "events"], ["docs", "--db", str(missing)],
                 ["check", "--db", str(missing)], ["search", "x", "--db", str(missing)]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert str(missing) in result.output and "init" in result.output
    result = run("events", env={"CEASEWATCH_DB": str(missing)})
    assert result.exit_code == 1 and str(missing) in result.output
    assert not missing.exists()


def test_commands_that_create_a_store_say_so(tmp_path: Path, sample_dir: Path) -> None:
    made = tmp_path / "new" / "monitor.db"
    result = run("--db", str(made), "ingest", str(sample_dir / SEED), "--no-extract")
    assert result.exit_code == 0 and made.exists()
    assert f"created a new database at {made}" in result.stderr
    again = run("--db", str(made), "ingest", str(sample_dir / SEED), "--no-extract")
    assert "created" not in again.stderr
    fresh = tmp_path / "init.db"
    result = run("init", "--db", str(fresh), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["created"] is True
    assert json.loads(run("init", "--db", str(fresh), "--json").stdout)["created"] is False
    assert run("--db", str(fresh), "docs").exit_code == 0


@pytest.mark.parametrize("where", ["option", "environment"])
def test_an_unreachable_server_is_named_and_no_local_file_appears(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    pytest.importorskip("psycopg")
    monkeypatch.chdir(tmp_path)
    url = "postgresql://monitor:s3cret@127.0.0.1:9/mission"  # port 9 (discard): nobody there
    args = ["--db", url, "ingest", "x.txt"] if where == "option" else ["ingest", "x.txt"]
    (tmp_path / "x.txt").write_text("Shelling near Chaman on Friday.", encoding="utf-8")
    result = run(*args, env={"CEASEWATCH_DB": url} if where == "environment" else None)
    assert result.exit_code == 3, result.output
    assert "cannot reach the PostgreSQL server" in result.output
    assert "postgresql://monitor@127.0.0.1:9/mission" in result.output
    assert "s3cret" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]  # no "postgresql:" folder


def test_a_missing_pg_extra_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    monkeypatch.chdir(tmp_path)
    result = run("--db", "postgresql://monitor@127.0.0.1:5432/mission", "events")
    assert result.exit_code == 1
    assert "pip install 'ceasewatch[pg]'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_url_scheme_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--db", "postgresq://monitor@127.0.0.1/mission", "ingest", "-")
    assert result.exit_code == 1 and "unknown database URL scheme 'postgresq'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_every_sqlite_migration_has_its_postgresql_twin() -> None:
    from ceasewatch.store.postgres import migrations

    sqlite = [(n, name) for n, name, _ in _migrations()]
    postgres = [(n, name) for n, name, _ in migrations()]
    assert postgres == sqlite


def test_postgres_migrations_are_recorded_once(pg_url: str) -> None:
    with open_store(pg_url) as first:
        versions = [r[0] for r in first.db.query("SELECT version FROM _migrations ORDER BY 1")]
        assert versions == [n for n, _, _ in _migrations()]
        assert first.db.backend == "postgresql"
    with open_store(pg_url) as again:  # opening again applies nothing
        assert again.db.query_one("SELECT count(*) FROM _migrations")[0] == len(versions)
        assert again.db.schema_version == max(versions)


def test_cli_gives_the_same_answers_on_both_backends(tmp_path: Path, pg_url: str,
                                                     sample_dir: Path) -> None:
    answers = {}
    for name, db in (("sqlite", str(tmp_path / "s.db")), ("postgresql", pg_url)):
        assert run("--db", db, "ingest", str(sample_dir)).exit_code == 0
        events = json.loads(run("--db", db, "events", "--json").stdout)
        hits = json.loads(run("--db", db, "search", "ceasefire", "--json").stdout)
        check = run("--db", db, "check", "--json")
        assert check.exit_code == 0, check.output
        answers[name] = ([(e["id"], e["event_type"], e["date"] if "date" in e else None)
                          for e in events], sorted(h["name"] for h in hits))
    assert answers["sqlite"] == answers["postgresql"]
    assert answers["sqlite"][0] and answers["sqlite"][1]
