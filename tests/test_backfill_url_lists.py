"""``ceasewatch backfill --urls LIST --pages SAVED``: GDELT-style URL lists whose pages were
downloaded beforehand, read offline from a folder of files named by a hash of the URL or from a
JSONL of url and html; every URL once, every missing page a rejection naming it."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch import api
from ceasewatch.backfill.url_lists import parse_line
from ceasewatch.cli.main import cli
from ceasewatch.store import open_store

HELDOUT = Path(__file__).resolve().parent / "fixtures" / "heldout"
SITE = "https://news.example.org/2025/"


def _pages(sample_dir: Path) -> list[tuple[str, str, str | None]]:
    """(URL, HTML page, the day GDELT first saw it) for the sample and held-out reports: the
    first half of the pages state their publication date, the rest leave it to GDELT."""
    out = []
    paths = sorted(sample_dir.glob("*.txt")) + sorted(HELDOUT.glob("h0[1-4]*.txt"))
    for i, path in enumerate(paths):
        meta_path = path.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        published = meta.get("published")
        stated = (f'<meta property="article:published_time" content="{published}">'
                  if published and i % 2 == 0 else "")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in
                             path.read_text(encoding="utf-8").split("\n") if p.strip())
        page = (f"<html><head><title>{html.escape(meta.get('title') or path.stem)}</title>"
                f"{stated}</head><body><article>{paragraphs}</article></body></html>")
        seen = published.replace("-", "") + "093000" if published and i % 2 else None
        out.append((f"{SITE}{path.stem}", page, seen))
    # a page that says nothing of its date, in its markup or its text: GDELT's day dates it
    out.append((f"{SITE}undated", "<html><body><p>Troops of both sides exchanged fire near "
                "Chaman, officials said, and the crossing was closed to traffic.</p>"
                "</body></html>", "20251108101500"))
    return out


def _gdelt_row(url: str, seen: str | None, event_id: int) -> str:
    """A GDELT 2.0 events export row: 61 tab-separated columns, DATEADDED then SOURCEURL."""
    return "\t".join([str(event_id), "20251107", *[""] * 57, seen or "", url])


def _write_list(tmp_path: Path, pages: list[tuple[str, str, str | None]]) -> Path:
    lines = ["# URLs of the November 2025 reports", "GLOBALEVENTID\tSQLDATE\t…\tSOURCEURL"]
    for n, (url, _, seen) in enumerate(pages):
        if n % 3 == 0 and seen is None:
            lines.append(url)  # a bare URL
        else:  # GDELT codes several events from one article: the URL comes back
            lines += [_gdelt_row(url, seen, 1000 + n), _gdelt_row(url, seen, 2000 + n)]
    lines += ["not a url at all", f"{SITE}never-downloaded", ""]
    listed = tmp_path / "urls.tsv"
    listed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return listed


def _hash_folder(tmp_path: Path, pages: list[tuple[str, str, str | None]]) -> Path:
    folder = tmp_path / "saved"
    folder.mkdir()
    for n, (url, page, _) in enumerate(pages):
        data = page.encode("utf-8")
        if n % 3 == 0:
            (folder / f"{hashlib.sha1(url.encode()).hexdigest()}.html").write_bytes(data)
        elif n % 3 == 1:
            (folder / f"{hashlib.sha256(url.encode()).hexdigest()}.html.gz").write_bytes(
                gzip.compress(data))
        else:
            (folder / hashlib.md5(url.encode()).hexdigest()).write_bytes(data)
    return folder


def _backfill(db: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", db, "backfill", "--engine", "local", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def _documents(db: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    with open_store(db) as store:
        return sorted((d.url, str(d.published) if d.published else None, d.published_source,
                       d.title) for d in store.documents.list())


def _events(db: str) -> list[tuple[object, ...]]:
    with open_store(db) as store:
        return sorted((e.native_type, str(e.event_date), e.place.name if e.place else None,
                       e.fatalities.best) for e in api.events(store, limit=10_000))


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No connection can be opened: a backfill of URL lists must never fetch."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a backfill of a URL list tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_url_list_is_read_from_pages_saved_by_hash_or_as_jsonl(
        tmp_path: Path, sample_dir: Path, db_target: str, offline: None) -> None:
    pages = _pages(sample_dir)
    listed = _write_list(tmp_path, pages)
    code, out, err = _backfill(db_target, "--urls", str(listed), "--pages",
                               str(_hash_folder(tmp_path, pages)))
    assert code == 1, out + err  # two lines were rejected
    assert f"{len(pages)} added, 0 already known" in out and "2 rejected" in out
    assert "no http(s) URL in this line" in err
    assert f"{SITE}never-downloaded: not downloaded: no saved page in" in err
    documents = _documents(db_target)
    assert [d[0] for d in documents] == sorted(url for url, _, _ in pages)
    by_url = {d[0]: d for d in documents}
    assert by_url[f"{SITE}undated"][1:3] == ("2025-11-08", "gdelt")  # GDELT's DATEADDED
    stated = [url for n, (url, _, seen) in enumerate(pages) if seen is None and n % 2 == 0
              and "undated" not in url and by_url[url][1]]
    assert stated and all(by_url[url][2] == "html" for url in stated)  # the page's own date
    # a page whose text dates it keeps that date even where GDELT gives another
    assert all(by_url[url][2] in ("html", "gdelt") for url, _, seen in pages if seen)
    assert _events(db_target)

    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("".join(json.dumps({"url": url, "html": page}) + "\n"
                             for url, page, _ in pages) + "{broken\n", encoding="utf-8")
    other = str(tmp_path / "jsonl.db")
    code, out, err = _backfill(other, "--urls", str(listed), "--pages", str(jsonl))
    assert code == 1 and f"{jsonl}:{len(pages) + 1}: malformed JSON" in err
    assert _documents(other) == documents and _events(other) == _events(db_target)

    again = _backfill(db_target, "--urls", str(listed), "--pages", str(jsonl))
    assert f"0 added, {len(pages)} already known" in again[1]


def test_a_url_list_without_its_pages_is_a_usage_error(tmp_path: Path, db_target: str) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"{SITE}a\n", encoding="utf-8")
    code, out, err = _backfill(db_target, "--urls", str(listed))
    assert code == 1 and "--pages" in out + err
    code, out, err = _backfill(db_target)
    assert code == 2 and "--urls" in out + err


def test_gdelt_rows_and_bare_urls() -> None:
    assert parse_line("https://example.org/a?b=1") == ("https://example.org/a?b=1", None)
    assert parse_line("example.org/a") is None
    assert parse_line(_gdelt_row("https://example.org/x", "20251301000000", 1)) == (
        "https://example.org/x", None)  # month 13: no date rather than a wrong one
    gkg = "\t".join(["20251107150000-1", "20251107150000", "1", "example.org",
                     "https://example.org/gkg"])
    assert parse_line(gkg) == ("https://example.org/gkg", None)
