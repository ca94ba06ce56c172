"""``ceasewatch migrate``: a SQLite store copied to PostgreSQL and back, every table's count
and hash compared; a difference, or a target that is not empty, keeps nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.errors import CeasewatchError, StoreError
from ceasewatch.store import open_store, transfer


@pytest.fixture
def filled(tmp_path: Path, sample_dir: Path) -> Path:
    path = tmp_path / "monitor.db"
    with open_store(path) as store:
        assert api.ingest(store, [str(sample_dir)]).ok
    return path


def _digests(target: str) -> dict[str, tuple[int, str]]:
    with open_store(target) as store:
        return {t: transfer.table_digest(store.db, t, cols)
                for t, cols in transfer.tables(store.db).items()}


def test_sqlite_to_postgresql_and_back_is_lossless(filled: Path, pg_url: str,
                                                   tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["migrate", "--from", f"sqlite:{filled}", "--to", pg_url,
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    counts = {t["table"]: t["rows"] for t in report["tables"]}
    assert counts["documents"] == 5 and counts["events"] > 0 and counts["mentions"] > 0
    assert _digests(pg_url) == _digests(str(filled))
    # the copy is a working store: same events, same search, new rows numbered after old ones
    with open_store(filled) as a, open_store(pg_url) as b:
        assert [e.id for e in api.events(a)] == [e.id for e in api.events(b)]
        assert [h.name for h in b.documents.search("ceasefire")]
        before = b.db.query_one("SELECT max(id) FROM fusion_log")[0]
        with b.atomic():
            b.db.conn.execute("INSERT INTO fusion_log (at, action, event_id, reason) "
                              "VALUES ('2025-11-07', 'create', 'ev-x', 'test')")
        assert b.db.query_one("SELECT max(id) FROM fusion_log")[0] == before + 1
    back = tmp_path / "field.db"
    again = CliRunner().invoke(cli, ["migrate", "--from", pg_url, "--to", f"sqlite:{back}"])
    assert again.exit_code == 0, again.output
    assert "every table's count and hash match" in again.stdout


def test_a_target_that_is_not_empty_is_refused(filled: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with open_store(filled) as src, open_store(other) as dst:
        api.migrate_store(src, dst)
        before = _digests(str(other))
        with pytest.raises(CeasewatchError, match="not empty"):
            api.migrate_store(src, dst)
    assert _digests(str(other)) == before


def test_a_mismatch_is_an_error_and_keeps_nothing(filled: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = transfer.table_digest
    calls: list[str] = []

    def corrupted(db: object, table: str, columns: list[str]) -> tuple[int, str]:
        rows, digest = real(db, table, columns)
        calls.append(table)
        # the target's copy of events reads one row short: as a lost write would
        if table == "events" and calls.count("events") == 2:
            return rows - 1, digest
        return rows, digest

    monkeypatch.setattr(transfer, "table_digest", corrupted)
    target = tmp_path / "copy.db"
    with open_store(filled) as src, open_store(target) as dst:
        with pytest.raises(StoreError, match="table events differs"):
            api.migrate_store(src, dst)
        assert dst.documents.count() == 0  # rolled back


def test_a_missing_source_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["migrate", "--from", f"sqlite:{tmp_path}/nope.db",
                                      "--to", f"sqlite:{tmp_path}/b.db"])
    assert result.exit_code == 1 and "nope.db" in result.output
    assert not (tmp_path / "b.db").exists()
