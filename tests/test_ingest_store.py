"""api.ingest into the store: idempotent, transactional, every rejection recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch import api
from ceasewatch.records import Document
from ceasewatch.store import Store

WORDS = ("alpha", "bravo", "charlie", "delta", "echo")


def five_reports(folder: Path) -> list[Path]:
    paths = []
    for i, word in enumerate(WORDS, start=1):
        path = folder / f"r{i}.txt"
        path.write_text(f"Report {i}: the codeword {word}x was heard near the border crossing "
                        f"on the morning of {i} November 2025, officials said.\n")
        paths.append(path)
    return paths


def test_sample_corpus_ingests(store: Store, sample_dir: Path) -> None:
    report = api.ingest(store, [str(sample_dir)], extract=False)
    assert [r.outcome for r in report.results] == ["added"] * 5 and report.ok
    docs = api.documents(store)
    assert {d.name for d in docs} == {p.name for p in sample_dir.glob("*.txt")}
    assert all(d.ingested_at is not None for d in docs)
    again = api.ingest(store, [str(sample_dir)], extract=False)
    assert [r.outcome for r in again.results] == ["known"] * 5
    assert store.documents.count() == 5


def test_same_content_under_two_names_is_one_document_with_both_origins(
        store: Store, tmp_path: Path) -> None:
    text = "Mortar rounds hit a market in Spin Boldak on Friday, wounding four people.\n"
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "copy of a.txt").write_text("  " + text.replace(" ", "  ") + "\n\n")
    report = api.ingest(store, [str(tmp_path)], extract=False)
    assert [r.outcome for r in report.results] == ["added", "known"]
    assert report.results[0].doc_id == report.results[1].doc_id
    doc_id = report.results[0].doc_id
    assert doc_id is not None
    assert store.documents.count() == 1
    assert store.documents.origins(doc_id) == [str(tmp_path / "a.txt"),
                                               str(tmp_path / "copy of a.txt")]


def test_failure_in_the_middle_of_a_batch_keeps_the_rest(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = five_reports(tmp_path)
    real_add = store.documents.add
    calls = {"n": 0}

    def add_then_fail_on_third(doc: Document) -> str:
        calls["n"] += 1
        outcome = real_add(doc)  # the row is written ...
        if calls["n"] == 3:
            raise OSError("disk unplugged")  # ... and then storage fails
        return outcome

    monkeypatch.setattr(store.documents, "add", add_then_fail_on_third)
    report = api.ingest(store, [str(p) for p in paths], extract=False)
    assert [r.outcome for r in report.results] == ["added", "added", "rejected", "added",
                                                   "added"]
    assert "disk unplugged" in (report.results[2].reason or "")
    assert {d.name for d in api.documents(store)} == {"r1.txt", "r2.txt", "r4.txt", "r5.txt"}
    # nothing of the third document survived: no row, no origin, no full-text entry
    assert api.search(store, "charliex") == []
    assert store.db.query_one("SELECT count(*) FROM document_origins")[0] == 4  # type: ignore[index]
    assert [r.origin for r in store.documents.rejections()] == [str(paths[2])]


def test_crash_mid_batch_leaves_committed_documents(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = five_reports(tmp_path)
    real_add = store.documents.add

    def crash_on_third(doc: Document) -> str:
        outcome = real_add(doc)
        if doc.name == "r3.txt":
            raise KeyboardInterrupt  # the user pressed Ctrl-C mid-write
        return outcome

    monkeypatch.setattr(store.documents, "add", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        api.ingest(store, [str(p) for p in paths], extract=False)
    assert {d.name for d in api.documents(store)} == {"r1.txt", "r2.txt"}
    monkeypatch.undo()
    report = api.ingest(store, [str(p) for p in paths], extract=False)  # resume
    assert [r.outcome for r in report.results] == ["known", "known", "added", "added", "added"]


def test_failed_analysis_keeps_its_document_without_events(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in fusion rolls back what analysis wrote, but the report itself is kept
    (``unanalysed``, the reason recorded) and ``--reanalyse`` can read it again later."""
    paths = five_reports(tmp_path)
    real_after = api._after_extraction

    def after(st: Store, mentions: object) -> list[str]:
        if any(m.doc_id == api_doc_id["r3"] for m in mentions):  # type: ignore[attr-defined]
            raise ValueError("stage bug")
        return real_after(st, mentions)  # type: ignore[arg-type]

    from ceasewatch.ingest.sources import iter_documents
    api_doc_id = {"r3": next(d for d in iter_documents([str(paths[2])])).id}  # type: ignore[union-attr]
    monkeypatch.setattr(api, "_after_extraction", after)
    report = api.ingest(store, [str(p) for p in paths])
    assert [r.outcome for r in report.results].count("unanalysed") == 1
    assert report.internal_errors == 1 and not report.ok
    assert store.documents.count() == 5
    assert store.mentions.for_document(api_doc_id["r3"]) == []
    (rejection,) = store.documents.rejections()
    assert rejection.stage == "analysis" and "stage bug" in rejection.reason


def test_rejections_are_stored_and_batch_goes_on(store: Store, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("Talks resumed in Istanbul on Thursday without agreement.")
    report = api.ingest(store, [str(tmp_path / "empty.txt"), "/no/such/file.txt",
                                str(tmp_path / "ok.txt")], extract=False)
    assert [r.outcome for r in report.results] == ["rejected", "rejected", "added"]
    assert not report.ok
    assert {r.reason for r in store.documents.rejections()} == {"empty file",
                                                                "no such file or directory"}


def test_stored_documents_keep_full_provenance(store: Store, sample_dir: Path,
                                               fixtures_dir: Path) -> None:
    from datetime import UTC, date, datetime, timedelta

    from ceasewatch.records import content_hash

    before = datetime.now(UTC).replace(microsecond=0)
    page = fixtures_dir / "ingest" / "chaman_clash.html"
    feed = fixtures_dir / "ingest" / "frontier_desk.atom"
    text = sample_dir / "seed004_rna_spin_boldak.txt"
    report = api.ingest(store, [str(page), str(feed), str(text)], extract=False)
    assert report.ok
    docs = {d.format: store.documents.get(d.id) for d in api.documents(store)}
    html, entry, plain = docs["html"], docs["feed"], docs["text"]
    assert (html.origin, html.title, html.outlet, html.authors) == (
        str(page), "Border guards trade fire at Chaman as talks resume", "Frontier Ledger",
        ("Sana Durrani",))
    assert (html.published, html.published_precision, html.published_source) == (
        date(2025, 11, 7), "day", "html")
    assert entry.origin.startswith(f"{feed}#") and entry.outlet == "Frontier Desk"
    assert entry.authors == ("Imran Yousafzai",) and entry.published_source == "feed"
    assert (plain.origin, plain.outlet, plain.published_source) == (str(text), "RNA", "sidecar")
    for doc in (html, entry, plain):
        assert doc.id == content_hash(doc.text)
        assert doc.language == "en"
        assert doc.ingested_at is not None
        assert before - timedelta(seconds=1) <= doc.ingested_at <= datetime.now(UTC)
