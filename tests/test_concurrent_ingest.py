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


@pytest.fixture
def alone_target(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> str:
    """A second, empty store on the test's backend, for the one-process reference run."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_store_url"))
    return str(tmp_path / "alone.db")


def _start(target: str, files: list[Path], processes: int = PROCESSES
           ) -> list[subprocess.Popen[str]]:
    """``processes`` real ``ceasewatch ingest`` runs of the files, each in its own order."""
    env = dict(os.environ)
    env.pop("CEASEWATCH_DB", None)
    procs = []
    for i in range(processes):
        order = files[i:] + files[:i] if i % 2 == 0 else list(reversed(files))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "ceasewatch", "--db", target, "ingest",
             *(str(f) for f in order)], env=env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True))
    return procs


def _finish(procs: list[subprocess.Popen[str]]) -> None:
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, (out, err)
        assert "Traceback" not in err


def test_concurrent_ingest_processes_store_each_document_once(
        tmp_path: Path, sample_dir: Path, db_target: str, alone_target: str) -> None:
    files = _corpus(tmp_path, sample_dir)
    _finish(_start(db_target, files))
    with open_store(alone_target) as store:
        assert api.ingest(store, [str(f) for f in files]).ok
    docs, mentions, groups, origins = _state(db_target)
    assert docs == len(files) and origins == len(files)
    assert (docs, mentions, groups) == _state(alone_target)[:3]


def test_web_uploads_while_cli_ingests_store_each_document_once(
        tmp_path: Path, sample_dir: Path, db_target: str) -> None:
    """A monitor uploads the reports through the web API while two colleagues' ``ingest``
    processes read the same folder: each report is one document, every upload answered."""
    import json

    from fastapi.testclient import TestClient

    from ceasewatch.web.app import create_app

    files = _corpus(tmp_path, sample_dir)
    open_store(db_target).close()
    token = "s3cret-token"
    with TestClient(create_app(db_target, token=token, uploads_dir=tmp_path / "up",
                               upload_process=True)) as client:
        procs = _start(db_target, files, 2)
        for path in reversed(files):
            meta = path.with_suffix(".meta.json")
            published = (json.loads(meta.read_text(encoding="utf-8")).get("published")
                         if meta.exists() else None)
            posted = client.post("/api/documents", headers={"Authorization": f"Bearer {token}"},
                                 data={"published": published} if published else {},
                                 files={"file": (path.name, path.read_bytes(), "text/plain")})
            assert posted.status_code in (200, 201), posted.text  # added, or already known
            assert posted.json()["added"] + posted.json()["known"] == 1, posted.json()
        _finish(procs)
        listed = client.get("/api/events", params={"limit": 500}).json()
    docs, mentions, groups, origins = _state(db_target)
    assert docs == len(files) and origins == 2 * len(files)  # a file's path, and the upload
    assert mentions > 0 and listed["total"] == len(groups)
