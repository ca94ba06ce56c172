"""Crash safety (issue 15): ``kill -9`` an ingest at a random moment — while it migrates a new
database, reads, extracts, fuses or commits — then check the store and finish the batch: the
store must be whole and equal to one made by a clean run.

Small by default (3 kills, seconds); ``CEASEWATCH_CRASH_RUNS=50`` for a longer campaign. The
moment of each kill is random, the assertions hold for every moment.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ceasewatch import api
from ceasewatch.store import open_store

SAMPLE = Path(__file__).resolve().parent.parent / "ceasewatch" / "sample"
RUNS = int(os.environ.get("CEASEWATCH_CRASH_RUNS", "3"))


def _ingest(db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "ceasewatch.cli.main", "--db", str(db),
                             "ingest", str(SAMPLE)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _state(db: Path) -> dict[str, Any]:
    """What a run leaves, without the timestamps of when it ran."""
    conn = sqlite3.connect(db)
    try:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return sorted(tuple(r) for r in conn.execute(sql))

        return {
            "documents": rows("SELECT id, name, published, language FROM documents"),
            "mentions": rows("SELECT id, doc_id, event_date, native_type FROM mentions"),
            "events": rows("SELECT id, event_date, native_type, country FROM events"),
            "members": rows("SELECT mention_id, event_id FROM event_mentions"),
            "claims": rows("SELECT event_id, field, value FROM claims"),
            "violations": rows("SELECT accord_id, commitment_id, event_id FROM violations"),
            "accords": rows("SELECT id FROM accords"),
            "migrations": rows("SELECT version FROM _migrations"),
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], float]:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    started = time.monotonic()
    assert _ingest(db).wait(timeout=600) == 0
    return _state(db), time.monotonic() - started


def test_kill_9_at_random_moments_then_rerun_equals_a_clean_run(
        tmp_path: Path, clean: tuple[dict[str, Any], float]) -> None:
    expected, duration = clean
    rnd = random.Random()
    for run in range(RUNS):
        db = tmp_path / f"crash{run}.db"
        for _ in range(2):  # killed twice: once early (migration, reading), once anywhere
            proc = _ingest(db)
            time.sleep(rnd.uniform(0, duration * (0.3 if _ == 0 else 1.0)))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
        if db.exists():
            with open_store(db) as store:  # what the kills left must already be whole
                assert api.check(store).ok, api.check(store).problems
        assert _ingest(db).wait(timeout=600) == 0  # finish the batch
        with open_store(db) as store:
            report = api.check(store)
            assert report.ok, report.problems
        assert _state(db) == expected
