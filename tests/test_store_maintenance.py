"""``ceasewatch backup`` (SQLite's online backup API) and ``ceasewatch check`` (integrity,
foreign keys, orphan rows, full-text consistency)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.store import Store, open_store


def _stored(store: Store, sample_dir: Path) -> None:
    report = api.ingest(store, [str(sample_dir)])
    assert report.ok


@pytest.mark.sqlite_only("SQLite's online backup (PostgreSQL: pg_dump)")
def test_backup_is_a_consistent_snapshot_while_another_writer_is_busy(
        store: Store, sample_dir: Path, tmp_path: Path) -> None:
    _stored(store, sample_dir)
    writer = sqlite3.connect(store.path, isolation_level=None)
    writer.execute("BEGIN")
    writer.execute("INSERT INTO rejections (origin, reason, stage, at) "
                   "VALUES ('x', 'uncommitted', 'read', 'now')")
    copy = api.backup(store, str(tmp_path / "copy.db"))
    writer.execute("ROLLBACK")
    writer.close()
    with open_store(copy) as backup:
        assert backup.documents.count() == 5
        assert backup.events.count() == store.events.count() > 0
        assert not any(r.reason == "uncommitted" for r in backup.documents.rejections())
        assert api.check(backup).ok
    assert not Path(copy + "-wal").exists() or Path(copy + "-wal").stat().st_size == 0


@pytest.mark.sqlite_only("SQLite's online backup (PostgreSQL: pg_dump)")
def test_backup_never_overwrites(store: Store, tmp_path: Path) -> None:
    (tmp_path / "old.db").write_bytes(b"precious")
    result = CliRunner().invoke(cli, ["--db", store.path, "backup", str(tmp_path / "old.db")])
    assert result.exit_code == 1 and "already exists" in result.output
    assert (tmp_path / "old.db").read_bytes() == b"precious"


@pytest.mark.sqlite_only("plants an orphan with PRAGMA foreign_keys = OFF")
def test_check_passes_on_a_fresh_store_and_finds_orphans(store: Store, sample_dir: Path
                                                         ) -> None:
    _stored(store, sample_dir)
    assert api.check(store).ok
    store.db.conn.execute("PRAGMA foreign_keys = OFF")
    store.db.conn.execute("DELETE FROM events WHERE id = (SELECT min(event_id) FROM "
                          "event_mentions)")
    problems = api.check(store).problems
    assert any("event members whose event is gone" in p for p in problems)
    assert any(p.startswith("foreign key:") for p in problems)


@pytest.mark.sqlite_only("SQLite's FTS5 index, a table of its own that can drift")
def test_check_finds_a_full_text_index_out_of_step(store: Store, sample_dir: Path,
                                                   tmp_path: Path) -> None:
    _stored(store, sample_dir)
    # no trigger updates the index on UPDATE: the text changes behind the index's back
    store.db.conn.execute("UPDATE documents SET text = 'replaced' WHERE rowid = 1")
    report = api.check(store)
    assert any(p.startswith("full-text index:") for p in report.problems), report.problems
    result = CliRunner().invoke(cli, ["--db", store.path, "check"])
    assert result.exit_code == 3 and "full-text index" in result.output
