"""``ceasewatch ingest``: per-input outcomes, summary, exit status, stdin, JSON, progress."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ceasewatch.cli import ingest as ingest_cli
from ceasewatch.cli.main import cli
from ceasewatch.store import open_store

REPORT = ("Kabul, 8 November 2025\nTalks between the Afghan and Pakistani delegations ended in "
          "Istanbul without agreement, a government spokesman said on Saturday.\n")


def run(db: Path, *args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "ingest", *args], input=input)


def test_mixed_batch_reports_each_input_and_exits_nonzero(tmp_path: Path,
                                                          fixtures_dir: Path,
                                                          db_target: str) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "1-good.txt").write_text(REPORT)
    (batch / "2-empty.txt").write_bytes(b"")
    (batch / "3-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (batch / "4-undecodable.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    shutil.copy(fixtures_dir / "ingest" / "broken.rss", batch / "5-broken.rss")
    (batch / "6-sidecar.txt").write_text(REPORT + "Second copy with a sidecar.")
    (batch / "6-sidecar.meta.json").write_text('{"outlet": "Dawn",}')
    shutil.copy(fixtures_dir / "ingest" / "chaman_clash.html", batch / "7-page.html")
    db = db_target
    result = run(db, str(batch), "/no/such/dir", "--no-extract")
    assert result.exit_code == 1
    out = result.stdout
    err = result.stderr
    assert f"added         {batch / '1-good.txt'}" in out
    assert f"added         {batch / '7-page.html'}" in out
    errors = [line for line in err.splitlines() if line.startswith("rejected")]
    expected = {
        "2-empty.txt": "empty file",
        "3-binary.txt": "binary data",
        "4-undecodable.txt": "not decodable",
        "5-broken.rss": "malformed feed: line 5",
        "6-sidecar.txt": "6-sidecar.meta.json:1: malformed JSON",
    }
    for name, reason in expected.items():
        assert any(str(batch / name) in line and reason in line for line in errors), (name, err)
    assert any("/no/such/dir: no such file or directory" in line for line in errors)
    assert len(errors) == 6
    assert "2 added, 0 already known, 6 rejected" in out
    assert "Traceback" not in out + err
    with open_store(db) as store:
        assert store.documents.count() == 2


def test_second_run_reports_already_known(tmp_path: Path, sample_dir: Path, db_target: str) -> None:
    db = db_target
    assert run(db, str(sample_dir), "--no-extract").exit_code == 0
    again = run(db, str(sample_dir), "--no-extract")
    assert again.exit_code == 0
    lines = again.stdout.splitlines()
    assert sum(line.startswith("already known ") for line in lines) == 5
    assert "0 added, 5 already known, 0 rejected" in again.stdout


def test_stdin_with_published_option_and_json(tmp_path: Path, db_target: str) -> None:
    db = db_target
    result = run(db, "-", "--published", "2025-11-09", "--no-extract", "--json",
                 input=REPORT.encode("cp1252"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == {"added": 1, "known": 0, "unanalysed": 0, "rejected": 0,
                               "mentions": 0}
    assert data["results"][0]["origin"] == "stdin"
    with open_store(db) as store:
        (doc,) = store.documents.list()
    assert (doc.name, doc.format, doc.published_source) == ("stdin", "stdin", "option")
    assert doc.published.isoformat() == "2025-11-09"  # type: ignore[union-attr]


def test_bad_published_option_is_a_usage_error(tmp_path: Path, db_target: str) -> None:
    result = run(db_target, "-", "--published", "9 Nov", input="x")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_feed_entries_listed(tmp_path: Path, fixtures_dir: Path, db_target: str) -> None:
    feed = fixtures_dir / "ingest" / "border_wire.rss"
    result = run(db_target, str(feed), "--no-extract")
    assert result.exit_code == 0
    assert f"added         {feed}#bw-2025-1101" in result.stdout
    assert "2 added" in result.stdout


def test_progress_bar_on_long_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        db_target: str) -> None:
    for i in range(25):
        (tmp_path / f"r{i:02}.txt").write_text(f"Report number {i} on the border talks.")
    (tmp_path / "zz-empty.txt").write_bytes(b"")
    monkeypatch.setattr(ingest_cli, "_show_progress", lambda planned, as_json: True)
    result = run(db_target, str(tmp_path), "--no-extract")
    assert result.exit_code == 1
    assert "25 added, 0 already known, 1 rejected" in result.stdout
    assert "zz-empty.txt: empty file" in result.stderr


def test_default_path_extracts_mentions(tmp_path: Path, sample_dir: Path, db_target: str) -> None:
    pytest.importorskip("ceasewatch.nlp.pipeline")
    db = db_target
    result = run(db, str(sample_dir / "seed004_rna_spin_boldak.txt"))
    assert result.exit_code == 0, result.output
    assert "mentions extracted" in result.stdout
    with open_store(db) as store:
        assert store.documents.count() == 1


def test_folder_without_documents_says_so(tmp_path: Path, db_target: str) -> None:
    (tmp_path / "data.json").write_text("{}")
    result = run(db_target, str(tmp_path), "--no-extract")
    assert result.exit_code == 0
    assert "No documents found" in result.stderr


def test_progress_bar_only_for_a_person_watching_a_long_batch(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", Terminal())
    long = ingest_cli.PROGRESS_THRESHOLD + 1
    assert ingest_cli._show_progress(long, as_json=False)
    assert not ingest_cli._show_progress(ingest_cli.PROGRESS_THRESHOLD, as_json=False)
    assert not ingest_cli._show_progress(long, as_json=True)  # scripts get JSON, no bar
    monkeypatch.setattr("sys.stderr", io.StringIO())  # piped or redirected: no bar
    assert not ingest_cli._show_progress(long, as_json=False)
