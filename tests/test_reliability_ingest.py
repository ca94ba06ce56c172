"""Issue 15, CLI/ingest/store side: each test is named after the row of the failure table it
guards (row 1: impossible dates, 4: migration race, 5: a locked database, 6: undecodable names,
11: inputs lost with a wrong reason, 12: stdin without a limit, 13: one exit code for all,
14: names printed raw)."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.datebounds import make_date, shift_days
from ceasewatch.fusion.compatibility import date_fit, date_span
from ceasewatch.ingest.feed import read_feed
from ceasewatch.ingest.metadata import Meta
from ceasewatch.store import Store, open_store
from ceasewatch.store import database as database_module

CLASH = "Pakistani troops clashed with Afghan forces near Chaman on 7 November 2025, killing 5."


def run(*args: str, input: bytes | None = None) -> object:
    return CliRunner().invoke(cli, list(args), input=input)


# -- row 1: impossible or extreme dates ------------------------------------------------------

def test_row1_impossible_iso_date_neither_crashes_extract_nor_loses_the_document(
        tmp_path: Path, db_target: str) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Pakistani troops clashed with Afghan forces on 2025-02-29.\n")
    extracted = run("extract", str(text))
    assert extracted.exit_code == 0, extracted.output  # type: ignore[attr-defined]
    db = db_target
    ingested = run("--db", str(db), "ingest", str(text))
    assert ingested.exit_code == 0, ingested.output  # type: ignore[attr-defined]
    with open_store(db) as store:
        assert store.documents.count() == 1


def test_row1_publication_date_out_of_range_is_named_not_a_crash(tmp_path: Path,
        db_target: str) -> None:
    (tmp_path / "a.txt").write_text(CLASH + "\n")
    (tmp_path / "a.meta.json").write_text('{"published": "0001-01-01"}')
    result = run("--db", str(db_target), "ingest", str(tmp_path / "a.txt"))
    assert result.exit_code == 1
    out = result.output  # type: ignore[attr-defined]
    assert "'published'" in out and "plausible range" in out and "internal" not in out
    far = run("--db", str(db_target), "ingest", "--published", "9999-12-31",
              str(tmp_path / "a.txt"))
    assert far.exit_code == 2 and "plausible range" in far.output  # type: ignore[attr-defined]


def test_row1_feed_entry_dated_year_one_is_kept_undated(tmp_path: Path, db_target: str) -> None:
    feed = (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
            b"<entry><title>Clash</title><id>e1</id><updated>0001-01-01T00:00:00Z</updated>"
            b"<summary>Troops clashed near Chaman last week, killing 5.</summary></entry>"
            b"</feed>")
    (doc,) = list(read_feed(feed, origin="f.xml", name="f.xml", meta=Meta()))
    assert getattr(doc, "published", "rejected") is None
    (tmp_path / "f.xml").write_bytes(feed)
    with open_store(db_target) as store:
        report = api.ingest(store, [str(tmp_path / "f.xml")])
    assert [r.outcome for r in report.results] == ["added"]


@given(st.dates(), st.integers(min_value=-10**7, max_value=10**7))
def test_row1_shift_days_saturates_instead_of_overflowing(day: date, days: int) -> None:
    shifted = shift_days(day, days)
    assert date.min <= shifted <= date.max
    if date.min.toordinal() <= day.toordinal() + days <= date.max.toordinal():
        assert shifted.toordinal() == day.toordinal() + days


@given(st.integers(-5, 10_005), st.integers(-2, 14), st.integers(-2, 33))
def test_row1_make_date_never_raises(year: int, month: int, day: int) -> None:
    made = make_date(year, month, day)
    assert made is None or (made.year, made.month, made.day) == (year, month, day)


@pytest.mark.parametrize("edge", [date.min, date.max])
def test_row1_fusion_date_windows_at_the_ends_of_the_calendar(edge: date) -> None:
    for precision in ("day", "week", "month", "year"):
        start, stop = date_span(edge, precision)
        assert start <= stop
        assert date_fit(edge, precision, None, edge, "day", None) is not None


# -- row 4: the migration race -----------------------------------------------------------------

def _open_new_store(path: str, barrier: multiprocessing.synchronize.Barrier,
                    results: multiprocessing.Queue[str]) -> None:
    barrier.wait()
    try:
        with open_store(path) as store:
            results.put(f"ok {store.db.schema_version}")
    except Exception as exc:  # reported to the parent, which fails the test
        results.put(f"{type(exc).__name__}: {exc}")


def test_row4_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for round_ in range(3):
        path = str(tmp_path / f"n{round_}.db")
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_new_store, args=(path, barrier, results))
                 for _ in range(4)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=120)
        newest = max(v for v, _, _ in database_module._migrations())
        assert outcomes == [f"ok {newest}"] * 4, outcomes
        with sqlite3.connect(path) as conn:
            versions = [r[0] for r in conn.execute("SELECT version FROM _migrations")]
        assert versions == sorted(set(versions))


# -- row 5: a locked database ------------------------------------------------------------------

def _locked_store(tmp_path: Path, seconds: float) -> tuple[Path, threading.Thread]:
    """A new store and a thread holding its write lock for ``seconds`` (started, lock held)."""
    db = tmp_path / "t.db"
    open_store(db).close()
    (tmp_path / "a.txt").write_text(CLASH + "\n")
    held = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    return db, holder


def test_row5_a_lock_held_past_sqlites_timeout_is_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)
    db, holder = _locked_store(tmp_path, 1.0)
    with open_store(db) as store:
        report = api.ingest(store, [str(tmp_path / "a.txt")], extract=False)
    holder.join()
    assert [r.outcome for r in report.results] == ["added"]


def test_row5_a_lock_held_too_long_is_a_store_problem_not_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(database_module, "BUSY_PATIENCE_S", 0.3)
    db, holder = _locked_store(tmp_path, 2.0)
    result = run("--db", str(db), "ingest", "--no-extract", str(tmp_path / "a.txt"))
    holder.join()
    out = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 3, out  # type: ignore[attr-defined]
    assert "locked" in out and "please report" not in out and "Traceback" not in out
    again = run("--db", str(db), "ingest", "--no-extract", str(tmp_path / "a.txt"))
    assert again.exit_code == 0  # type: ignore[attr-defined]


# -- row 6: undecodable names ------------------------------------------------------------------

def test_row6_undecodable_file_name_and_lone_surrogate_cost_nothing(tmp_path: Path,
        db_target: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"0\xff.txt")).write_text(CLASH + "\n")
    (folder / "sur.txt").write_text("Clashes near Spin Boldak killed 3 on 8 November 2025.\n")
    (folder / "sur.meta.json").write_text('{"title": "x\\ud800y", "outlet": "\\udfff"}')
    for i in range(3):
        (folder / f"ok{i}.txt").write_text(f"Report {i}: firing near Torkham, officials said.\n")
    with open_store(db_target) as store:
        report = api.ingest(store, [str(folder)])
        assert [r.outcome for r in report.results] == ["added"] * 5, report.results
        titles = {d.name: d.title for d in store.documents.list()}
    assert "0\\xff.txt" in titles and titles["sur.txt"] == "x\ufffdy"


# -- row 11: inputs lost with a wrong reason ---------------------------------------------------

def test_row11_deep_sidecar_long_name_deep_html_and_link_loop(tmp_path: Path,
        db_target: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.txt").write_text(CLASH + "\n")
    (folder / "deep.meta.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / ("n" * 250 + ".txt")).write_text("Clashes near Chaman killed 4.\n")
    (folder / "page.html").write_text("<html><body>" + "<div>" * 3000 + "<p>" + CLASH
                                      + "</p>" + "</div>" * 3000 + "</body></html>")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    with open_store(db_target) as store:
        report = api.ingest(store, [str(folder)])
    by_name = {Path(r.origin).name: r for r in report.results}
    assert by_name["deep.txt"].outcome == "rejected"
    assert "nested too deeply" in (by_name["deep.txt"].reason or "")
    assert by_name["n" * 250 + ".txt"].outcome == "added"
    assert by_name["page.html"].outcome == "added"
    assert by_name["loop.txt"].reason == "a symbolic link loop"
    assert not any("internal error" in (r.reason or "") for r in report.results)


# -- row 12: standard input has a limit --------------------------------------------------------

def test_row12_stdin_over_the_limit_is_refused(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              db_target: str) -> None:
    from ceasewatch.ingest import sources

    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    result = run("--db", str(db_target), "ingest", "-", input=b"x" * 5000)
    assert result.exit_code == 1
    assert "too large" in result.output  # type: ignore[attr-defined]
    ok = run("--db", str(db_target), "ingest", "--no-extract", "-",
             input=CLASH.encode())
    assert ok.exit_code == 0  # type: ignore[attr-defined]


# -- row 13: distinct exit codes ---------------------------------------------------------------

@pytest.mark.sqlite_only("SQLite's max_page_count stands in for a full disk")
def test_row13_disk_full_is_a_store_problem_exit_3(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  db_target: str) -> None:
    """SQLite's ``max_page_count`` makes the database full exactly as a full disk would."""
    db = db_target
    open_store(db).close()
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"r{i:02}.txt").write_text(f"Report {i} {f'word{i} ' * 2000}\n")
    from ceasewatch.cli import options

    def small_store(path: str | None) -> Store:
        store = open_store(path)
        pages = store.db.query_one("PRAGMA page_count")[0]  # type: ignore[index]
        store.db.conn.execute(f"PRAGMA max_page_count = {int(pages) + 30}")
        return store

    monkeypatch.setattr(options, "open_cli_store",
                        lambda p, **_: small_store(options.resolve_db(p)))
    from ceasewatch.cli import ingest as ingest_cli

    monkeypatch.setattr(ingest_cli, "open_cli_store",
                        lambda p, **_: small_store(options.resolve_db(p)))
    result = run("--db", str(db), "ingest", "--no-extract", str(folder))
    out = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 3, out  # type: ignore[attr-defined]
    assert "store problem" in out and "full" in out and "please report" not in out
    with open_store(db) as store:
        kept = store.documents.count()
    assert 0 < kept < 40  # what was committed before the disk filled stays


def test_row13_rejected_input_is_1_and_a_bug_is_4(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 db_target: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    rejected = run("--db", str(db_target), "ingest", str(tmp_path / "empty.txt"))
    assert rejected.exit_code == 1
    (tmp_path / "a.txt").write_text(CLASH + "\n")

    def broken(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("ceasewatch.nlp.pipeline.extract_mentions", broken)
    result = run("--db", str(db_target), "--json", "ingest", str(tmp_path / "a.txt"))
    assert result.exit_code == 4
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["results"][0]["outcome"] == "unanalysed"  # stored all the same
    with open_store(db_target) as store:
        assert store.documents.count() == 1


# -- row 14: names printed raw -----------------------------------------------------------------

def test_row14_control_characters_in_names_cannot_forge_log_lines(tmp_path: Path,
        db_target: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\nrejected      forged.txt\x1b[31m.txt").write_bytes(b"")
    result = run("--db", str(db_target), "ingest", str(folder))
    lines = result.output.splitlines()  # type: ignore[attr-defined]
    assert not any(line.startswith("rejected      forged") for line in lines)
    assert "\x1b" not in result.output  # type: ignore[attr-defined]
    assert any("a\\nrejected      forged.txt\\x1b[31m.txt" in line for line in lines)
