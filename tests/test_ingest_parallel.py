"""``ingest --jobs N`` and grouped commits (issue 16): faster, and the same store.

Extraction on worker processes feeds one writer in input order, so fusion sees the reports in
the same order and the stored result is that of ``--jobs 1``; documents are committed a group
at a time, each in its own savepoint, so a failing document still costs only itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.phase_clock import PHASES, PhaseClock
from ceasewatch.store import Store, open_store

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _inputs(tmp_path: Path, sample_dir: Path) -> list[str]:
    """The five bundled articles and one batch of the annotated corpus (about 35 reports,
    several telling the same incidents, agreements among them)."""
    target = tmp_path / "in"
    shutil.copytree(sample_dir, target / "sample")
    shutil.copytree(CORPUS / "en_afpak_oct2025" / "articles", target / "oct2025")
    return [str(target)]


def _derived(store: Store) -> dict[str, object]:
    """Everything ingestion derives, without the clock times it was derived at."""
    events = api.events(store)
    return {
        "documents": sorted(d.id for d in api.documents(store)),
        "mentions": sorted(api.mentions(store), key=lambda m: m.id),
        "events": events,
        "claims": {e.id: store.events.claims(e.id) for e in events},
        "violations": store.accords.violations(),
        "accords": store.accords.list(),
    }


def test_jobs_gives_the_same_store_as_one_process(tmp_path: Path, sample_dir: Path) -> None:
    paths = _inputs(tmp_path, sample_dir)
    with open_store(tmp_path / "one.db") as one, open_store(tmp_path / "two.db") as two:
        first = api.ingest(one, paths)
        second = api.ingest(two, paths, jobs=2)
        assert [(r.origin, r.outcome, r.mentions) for r in second.results] == \
            [(r.origin, r.outcome, r.mentions) for r in first.results]
        assert first.count("added") > 30 and sum(r.mentions for r in first.results) > 50
        want, got = _derived(one), _derived(two)
        assert got["violations"], "the batch should imply ledger lines"
        for key in want:
            assert got[key] == want[key], key


@pytest.mark.sqlite_only("counts COMMITs with sqlite3's trace callback")
def test_a_batch_is_committed_in_few_transactions(tmp_path: Path, sample_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  db_target: str) -> None:
    paths = _inputs(tmp_path, sample_dir)
    monkeypatch.setattr(api, "GROUP_SECONDS", 60.0)  # only the group size decides here
    with open_store(db_target) as store:
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        report = api.ingest(store, paths)
        store.db.conn.set_trace_callback(None)
    commits = sum(1 for s in statements if s.strip().upper() == "COMMIT")
    assert report.count("added") > 30
    assert commits <= len(report.results) // api.GROUP_DOCUMENTS + 3  # (builtin accords too)


def test_results_are_reported_only_once_committed(tmp_path: Path, sample_dir: Path,
        db_target: str) -> None:
    paths = _inputs(tmp_path, sample_dir)
    seen: list[bool] = []
    with open_store(db_target) as store, open_store(db_target) as reader:

        def committed(result: api.IngestResult) -> None:
            seen.append(result.doc_id is not None and reader.documents.exists(result.doc_id))

        api.ingest(store, paths, progress=committed)
    assert seen and all(seen)


def test_phase_clock_times_every_phase(tmp_path: Path, sample_dir: Path, db_target: str) -> None:
    clock = PhaseClock()
    with open_store(db_target) as store:
        report = api.ingest(store, [str(sample_dir)], clock=clock)
    assert set(clock.ms_per_document(report.count("added"))) == set(PHASES)
    assert len(clock.per_document) == 5 and all(t > 0 for t in clock.per_document)


def test_cli_jobs(tmp_path: Path, sample_dir: Path, db_target: str) -> None:
    runner = CliRunner()
    db = str(db_target)
    ok = runner.invoke(cli, ["--db", db, "ingest", "--jobs", "2", str(sample_dir)])
    assert ok.exit_code == 0, ok.output
    assert "5 added" in ok.output
    bad = runner.invoke(cli, ["--db", db, "ingest", "--jobs", "0", str(sample_dir)])
    assert bad.exit_code == 2 and "--jobs" in bad.output
