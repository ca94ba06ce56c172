"""Several real ``ceasewatch ingest`` processes at once against one store (a SQLite file, a
PostgreSQL database): the same document twice is one document, nothing is lost, and fusion
ends where one process alone would have ended.

Each process ingests the whole folder, in its own order, so every document is offered by
every process at about the same time: the write lock (SQLite's ``BEGIN IMMEDIATE``,
PostgreSQL's advisory lock) makes "is it already there?" and the fusion window one step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ceasewatch import api
from ceasewatch.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROCESSES = 3


def _corpus(tmp_path: Path, sample_dir: Path) -> list[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for source in sorted(sample_dir.glob("*.txt")) + sorted(
            (FIXTURES / "heldout").glob("h0[1-4]*.txt")):
        shutil.copy(source, folder / source.name)
        meta = source.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, folder / meta.name)
    return sorted(folder.glob("*.txt"))


def _run_at_once(target: str, files: list[Path]) -> None:
    env = dict(os.environ)
    env.pop("CEASEWATCH_DB", None)
    procs = []
    for i in range(PROCESSES):
        order = files[i:] + files[:i] if i % 2 == 0 else list(reversed(files))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "ceasewatch", "--db", target, "ingest",
             *(str(f) for f in order)], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True))
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, (out, err)
        assert "Traceback" not in err


def _state(target: str) -> tuple[int, int, list[tuple[str, ...]], int]:
    """Documents, mentions, the events as groups of mention ids, and stored origins."""
    with open_store(target) as store:
        report = api.check(store)
        assert report.ok, report.problems
        docs = store.documents.count()
        mentions = store.db.query_one("SELECT count(*) FROM mentions")[0]
        groups = sorted(tuple(sorted(e.mention_ids)) for e in api.events(store, limit=10_000))
        origins = store.db.query_one("SELECT count(*) FROM document_origins")[0]
        assigned = store.db.query_one(
            "SELECT count(*) FROM (SELECT mention_id FROM event_mentions GROUP BY mention_id "
            "HAVING count(*) > 1) dup")[0]
        assert assigned == 0
    return docs, int(mentions), groups, int(origins)


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
def test_concurrent_ingest_processes_store_each_document_once(
        tmp_path: Path, sample_dir: Path, backend_name: str,
        request: pytest.FixtureRequest) -> None:
    files = _corpus(tmp_path, sample_dir)
    if backend_name == "postgresql":
        target = request.getfixturevalue("pg_url")
        alone = request.getfixturevalue("pg_cluster").new_database()
    else:
        target, alone = str(tmp_path / "shared.db"), str(tmp_path / "alone.db")
    _run_at_once(target, files)
    with open_store(alone) as store:
        assert api.ingest(store, [str(f) for f in files]).ok
    docs, mentions, groups, origins = _state(target)
    assert docs == len(files) and origins == len(files)
    assert (docs, mentions, groups) == _state(alone)[:3]
