"""Reading every input kind into Documents, and every bad input into a one-line Rejection."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ceasewatch.ingest import sources
from ceasewatch.ingest.metadata import find_date_line
from ceasewatch.ingest.sources import iter_documents
from ceasewatch.records import Document, Rejection, content_hash

ARTICLE = (
    "Clashes reported near Torkham\n"
    "7 Nov 2025\n"
    "Security forces of both countries exchanged fire near the Torkham crossing on Friday, "
    "local officials said, in the latest breach of the ceasefire agreed in Doha.\n"
    "Traders said the crossing would remain closed until further notice.\n"
)


def read(*paths: object, published: date | None = None) -> list[Document | Rejection]:
    return list(iter_documents([str(p) for p in paths], published=published))


def only_doc(*paths: object, **kw: object) -> Document:
    items = read(*paths, **kw)  # type: ignore[arg-type]
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_rejection(*paths: object) -> Rejection:
    items = read(*paths)
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    assert "\n" not in items[0].reason
    return items[0]


# -- plain text -----------------------------------------------------------------------------
def test_txt_with_sidecar_takes_its_metadata(sample_dir: Path) -> None:
    doc = only_doc(sample_dir / "seed000_lanzhou_bilingual.txt")
    assert doc.name == "seed000_lanzhou_bilingual.txt"
    assert doc.format == "text"
    assert doc.published == date(2025, 11, 10)
    assert (doc.published_precision, doc.published_source) == ("day", "sidecar")
    assert doc.language == "en+zh"
    assert doc.authors == ("Zhu Yongbiao", "Hu Ning")
    assert doc.note and "estimated" in doc.note
    assert doc.id == content_hash(doc.text)


def test_txt_without_sidecar_finds_date_line_and_language(tmp_path: Path) -> None:
    path = tmp_path / "torkham.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only_doc(path)
    assert doc.text.startswith("Clashes reported near Torkham")
    assert doc.published == date(2025, 11, 7)
    assert (doc.published_precision, doc.published_source) == ("day", "text")
    assert doc.language == "en"
    assert doc.origin == str(path) and doc.name == "torkham.txt"


def test_published_option_overrides_sidecar(sample_dir: Path) -> None:
    doc = only_doc(sample_dir / "seed004_rna_spin_boldak.txt", published=date(2025, 12, 1))
    assert doc.published == date(2025, 12, 1)
    assert doc.published_source == "option"
    assert doc.outlet == "RNA"  # the rest of the sidecar still applies


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-le", "utf-8-sig", "utf-32"])
def test_non_utf8_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = ("Café owners in Peshawar said the “ceasefire” was holding — for now. "
            "Naïve hopes of a quick reopening of the Torkham crossing faded on Friday, "
            "as traders counted their losses after weeks of closure.\n") * 3
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = only_doc(path)
    assert doc.text == text.strip("\n")
    assert doc.language == "en"


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_chinese_in_gb18030_and_utf16(tmp_path: Path, encoding: str) -> None:
    text = ("新华社伊斯坦布尔11月7日电 阿富汗和巴基斯坦代表团在伊斯坦布尔举行的"
            "第三轮会谈未能取得成果。\n"
            "巴基斯坦国防部长表示，双方同意维持停火，边境口岸将在下周重新开放。\n")
    path = tmp_path / f"xinhua-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = only_doc(path)
    assert doc.text == text.strip("\n")
    assert doc.language == "zh"


def test_windows_newlines_give_the_same_document(tmp_path: Path) -> None:
    (tmp_path / "unix.txt").write_bytes(ARTICLE.encode())
    (tmp_path / "dos.txt").write_bytes(ARTICLE.replace("\n", "\r\n").encode())
    a, b = read(tmp_path / "unix.txt", tmp_path / "dos.txt")
    assert isinstance(a, Document) and isinstance(b, Document) and a.id == b.id


@pytest.mark.parametrize("line, expected", [
    ("November 7, 2025", (date(2025, 11, 7), "day")),
    ("Published: 7 Nov 2025, 10:32 PKT", (date(2025, 11, 7), "day")),
    ("2025-11-07", (date(2025, 11, 7), "day")),
    ("Thursday, 6th November 2025", (date(2025, 11, 6), "day")),
    ("November 2025", (date(2025, 11, 1), "month")),
    ("发布时间：2025年11月8日 10:32", (date(2025, 11, 8), "day")),
    ("In November 2025, the two sides met again for talks that ran for three days.", None),
    ("February 30, 2025", None),
])
def test_date_line(line: str, expected: object) -> None:
    assert find_date_line(f"Headline\n{line}\nBody of the report.") == expected


def test_published_date_line_beats_todays_date_in_page_chrome() -> None:
    text = "Today : Nov 12, 2025\nWorld\nPosted November 10, 2025\nThe talks ..."
    assert find_date_line(text) == (date(2025, 11, 10), "day")


# -- HTML -----------------------------------------------------------------------------------
def test_html_page_main_text_and_metadata(fixtures_dir: Path) -> None:
    doc = only_doc(fixtures_dir / "ingest" / "chaman_clash.html")
    assert doc.format == "html"
    assert doc.title == "Border guards trade fire at Chaman as talks resume"
    assert doc.outlet == "Frontier Ledger"
    assert doc.authors == ("Sana Durrani",)
    assert doc.published == date(2025, 11, 7) and doc.published_source == "html"
    assert "four civilians were wounded" in doc.text
    for boilerplate in ("Most read", "Subscribe", "Cricket"):
        assert boilerplate not in doc.text
    assert doc.language == "en"


def test_html_sidecar_wins_over_page(fixtures_dir: Path, tmp_path: Path) -> None:
    shutil.copy(fixtures_dir / "ingest" / "chaman_clash.html", tmp_path / "page.html")
    (tmp_path / "page.meta.json").write_text(json.dumps(
        {"published": "2025-11", "outlet": "Wire copy", "url": "https://example.org/x"}))
    doc = only_doc(tmp_path / "page.html")
    assert (doc.published, doc.published_precision) == (date(2025, 11, 1), "month")
    assert doc.outlet == "Wire copy" and doc.url == "https://example.org/x"
    assert doc.title == "Border guards trade fire at Chaman as talks resume"


def test_short_html_page_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "brief.htm"
    path.write_text("<html><body><p>Kabul: two rockets hit an empty lot on Monday.</p>"
                    "</body></html>")
    assert "two rockets" in only_doc(path).text


def test_latin1_html_with_declared_charset(tmp_path: Path) -> None:
    html = ("<html><head><meta charset='iso-8859-1'><title>Peshawar</title></head><body>"
            "<article><p>Les négociations reprendront à Istanbul, a déclaré le porte-parole "
            "du ministère afghan des affaires étrangères.</p></article></body></html>")
    path = tmp_path / "fr.html"
    path.write_bytes(html.encode("latin-1"))
    doc = only_doc(path)
    assert "négociations reprendront à Istanbul" in doc.text
    assert doc.language == "fr"


# -- feeds ----------------------------------------------------------------------------------
def test_rss_feed_entries_become_documents(fixtures_dir: Path) -> None:
    feed = fixtures_dir / "ingest" / "border_wire.rss"
    docs = read(feed)
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 2
    first, second = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.origin == f"{feed}#bw-2025-1101"
    assert first.name == "border_wire.rss#bw-2025-1101"
    assert first.format == "feed" and first.outlet == "Border Wire"
    assert first.url == "https://borderwire.example/2025/11/kharlachi"
    assert first.authors == ("Farid Wardak",)
    # published 01:15 in Kabul on 8 Nov: the local date, not the UTC one (7 Nov)
    assert first.published == date(2025, 11, 8) and first.published_source == "feed"
    assert "<p>" not in first.text and "Kharlachi crossing" in first.text
    assert second.authors == ("Nadia Akhtar",)
    assert "monitoring mechanism" in second.text


def test_atom_feed(fixtures_dir: Path) -> None:
    doc = only_doc(fixtures_dir / "ingest" / "frontier_desk.atom")
    assert doc.title == "Shelling reported near Angoor Adda"
    assert doc.authors == ("Imran Yousafzai",)
    assert doc.published == date(2025, 11, 10)
    assert doc.outlet == "Frontier Desk"
    assert "South Waziristan" in doc.text and "No casualties" in doc.text


def test_feed_and_html_are_sniffed_without_extension(fixtures_dir: Path, tmp_path: Path) -> None:
    shutil.copy(fixtures_dir / "ingest" / "frontier_desk.atom", tmp_path / "feed")
    shutil.copy(fixtures_dir / "ingest" / "chaman_clash.html", tmp_path / "page")
    feed, page = read(tmp_path / "feed", tmp_path / "page")
    assert isinstance(feed, Document) and feed.format == "feed"
    assert isinstance(page, Document) and page.format == "html"


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-16"))))
    doc = only_doc("-")
    assert (doc.origin, doc.name, doc.format) == ("stdin", "stdin", "stdin")
    assert doc.published == date(2025, 11, 7)


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch, fixtures_dir: Path) -> None:
    page = (fixtures_dir / "ingest" / "chaman_clash.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    doc = only_doc("-")
    assert (doc.origin, doc.format, doc.outlet) == ("stdin", "html", "Frontier Ledger")


# -- folders --------------------------------------------------------------------------------
def test_folder_is_recursive_sorted_and_skips_sidecars_hidden_and_non_documents(
        tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE)
    (tmp_path / "a.txt").write_text(ARTICLE + "More.")
    (tmp_path / "a.meta.json").write_text('{"outlet": "Dawn"}')
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    items = read(tmp_path)
    assert [i.origin for i in items] == [str(tmp_path / n) for n in ("a.txt", "b/z.txt",
                                                                     "scan.pdf")]
    assert isinstance(items[0], Document) and items[0].outlet == "Dawn"
    assert isinstance(items[2], Rejection) and "unsupported document format .pdf" in \
        items[2].reason


# -- bad input ------------------------------------------------------------------------------
@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty (only whitespace)"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "binary data"),
    (b"%PDF-1.7\n%\xe2\xe3", "binary file (a PDF document)"),
    (bytes(range(0x80, 0x100)) * 4, "not decodable"),
    (b"Troops \x01\x02\x03\x04 fired \x05\x06\x07\x08\x0e\x0f\x10\x11 on", "control characters"),
])
def test_bad_text_is_rejected_with_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    rejection = only_rejection(path)
    assert rejection.origin == str(path)
    assert reason in rejection.reason


def test_malformed_feed(fixtures_dir: Path) -> None:
    rejection = only_rejection(fixtures_dir / "ingest" / "broken.rss")
    assert rejection.reason.startswith("malformed feed: line 5")
    assert rejection.line == 5


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text("<?xml version='1.0'?><inventory><item sku='1'/></inventory>")
    assert only_rejection(path).reason == "not an RSS or Atom feed"


def test_malformed_sidecar_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text('{\n  "published": "2025-11-07",\n  "outlet": Dawn\n}')
    rejection = only_rejection(tmp_path / "a.txt")
    assert rejection.origin == str(tmp_path / "a.txt")
    assert rejection.reason.startswith(f"{tmp_path / 'a.meta.json'}:3: malformed JSON")
    assert rejection.line == 3


@pytest.mark.parametrize("sidecar, field", [
    ({"published": "7 November"}, "published"),
    ({"published": "2025-13-01"}, "published"),
    ({"title": 42}, "title"),
    ({"authors": [1, 2]}, "authors"),
    ({"language": "English"}, "language"),
])
def test_sidecar_field_of_wrong_type(tmp_path: Path, sidecar: dict[str, object],
                                     field: str) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "a.meta.json").write_text(json.dumps(sidecar))
    rejection = only_rejection(tmp_path / "a.txt")
    assert rejection.field == field and f"field {field!r}" in rejection.reason


def test_missing_path() -> None:
    rejection = only_rejection("/no/such/report.txt")
    assert rejection.reason == "no such file or directory"


def test_unreadable_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert only_rejection(path).reason == "unreadable: permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_unreadable_path_for_real(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    try:
        assert only_rejection(path).reason == "unreadable: permission denied"
    finally:
        path.chmod(0o600)


def test_bug_in_a_parser_costs_one_input_not_the_batch(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "b.txt").write_text(ARTICLE)

    def broken(*args: object, **kwargs: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr(sources, "read_html", broken)
    first, second = read(tmp_path / "a.html", tmp_path / "b.txt")
    assert isinstance(first, Rejection) and "internal error" in first.reason
    assert "RuntimeError: boom" in first.reason
    assert isinstance(second, Document)


# -- URLs (a local server: the test run stays offline) ---------------------------------------
@pytest.fixture
def served(fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    for var in ("no_proxy", "NO_PROXY"):  # a proxy configured for the machine must not apply
        monkeypatch.setenv(var, "127.0.0.1,localhost")
    handler = functools.partial(Quiet, directory=str(fixtures_dir / "ingest"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_feed_url(served: str) -> None:
    docs = read(f"{served}/border_wire.rss")
    assert len(docs) == 2 and all(isinstance(d, Document) for d in docs)
    assert docs[0].origin == f"{served}/border_wire.rss#bw-2025-1101"


def test_page_url_and_missing_url(served: str) -> None:
    page, missing = read(f"{served}/chaman_clash.html", f"{served}/nope.rss")
    assert isinstance(page, Document) and page.url == f"{served}/chaman_clash.html"
    assert isinstance(missing, Rejection)
    assert missing.reason == "cannot fetch: HTTP 404 File not found"


def test_named_file_is_read_whatever_its_extension(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(ARTICLE)
    (tmp_path / "REPORT").write_text(ARTICLE + "Extra line.")
    assert read(tmp_path) == []  # a folder holds documents by extension only
    md, bare = read(tmp_path / "notes.md", tmp_path / "REPORT")
    assert isinstance(md, Document) and isinstance(bare, Document)
    assert md.format == bare.format == "text"


def test_unreadable_folder_is_reported_and_the_rest_read(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text(ARTICLE + "More.")
    real = os.scandir

    def denied(path: object = ".") -> object:
        if str(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", denied)
    first, second = read(tmp_path)
    assert isinstance(first, Document) and first.name == "a.txt"
    assert isinstance(second, Rejection)
    assert (second.origin, second.reason) == (str(tmp_path / "locked"),
                                              "unreadable: permission denied")
