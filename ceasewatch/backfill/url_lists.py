"""GDELT-style URL lists whose pages were already downloaded: a backfill reads them offline.

A researcher who works from GDELT has two things: a list of article URLs (one a line, or
GDELT's tab-separated exports, whose ``SOURCEURL`` is the last column and ``DATEADDED`` the one
before it) and the pages a crawler saved. Saved pages are found in either of two shapes:

- a folder of files named by a hash of the URL, as crawlers cache them: the hexadecimal SHA-1,
  SHA-256 or MD5 of the URL's UTF-8 bytes, with any extension, gzip-compressed when the name
  ends in ``.gz`` (``3f2a…c1.html``, ``3f2a…c1.html.gz``);
- a JSONL file of ``{"url": …, "html": …}`` objects, one page a line.

Nothing is fetched. A URL with no saved page, a line without a URL and a page without
readable text are rejections naming the list's line or the URL; the same URL listed again
(GDELT lists an article once per event it coded) is read once. The page's own publication
date wins; GDELT's ``DATEADDED`` (when GDELT first saw the article) dates it otherwise.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ceasewatch.errors import CeasewatchError, InputError
from ceasewatch.ingest.html import read_html
from ceasewatch.ingest.metadata import Meta
from ceasewatch.records import Document, Rejection

_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_GDELT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{6})?$")
#: the column names that mark a header line of a GDELT export (events, mentions, GKG)
_HEADER_WORDS = ("SOURCEURL", "MentionIdentifier", "DocumentIdentifier")
HASHES = ("sha1", "sha256", "md5")


@dataclasses.dataclass(frozen=True, slots=True)
class ListedUrl:
    url: str
    line: int
    seen: date | None  # GDELT's DATEADDED, when the list gives one


def read_url_list(path: Path) -> Iterator[ListedUrl | Rejection]:
    """The URLs of a list, each once, in the list's order."""
    origin = str(path)
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"cannot read the URL list: {exc.strerror or exc}",
                         origin=origin) from exc
    seen: set[str] = set()
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line or line.startswith("#") or any(w in line for w in _HEADER_WORDS):
                continue
            found = parse_line(line)
            if found is None:
                yield Rejection(f"{origin}:{number}", "no http(s) URL in this line",
                                line=number)
                continue
            url, day = found
            if url not in seen:
                seen.add(url)
                yield ListedUrl(url, number, day)


def parse_line(line: str) -> tuple[str, date | None] | None:
    """A list's line as (URL, GDELT's date): a bare URL, or a tab-separated export row.

    >>> row = "\\t".join(["1", "20251107", *[""] * 56, "20251107143000",
    ...                   "https://example.org/news/clash"])
    >>> parse_line(row)
    ('https://example.org/news/clash', datetime.date(2025, 11, 7))
    """
    if "\t" not in line:
        return (line, None) if _URL.match(line) else None
    fields = [f.strip() for f in line.split("\t")]
    for i in range(len(fields) - 1, -1, -1):
        if _URL.match(fields[i]):
            return fields[i], _gdelt_day(fields[i - 1]) if i else None
    return None


def _gdelt_day(text: str) -> date | None:
    m = _GDELT_DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def url_keys(url: str) -> list[str]:
    """The names a saved page of ``url`` may have, one per hash.

    >>> url_keys("https://example.org/a")[0]
    '579f2a2ceeee0bc369f88d8b2b891d6263265b30'
    """
    data = url.encode("utf-8")
    return [hashlib.new(name, data).hexdigest() for name in HASHES]


class SavedPages:
    """The downloaded pages of a folder (by URL hash) or a JSONL file (by URL)."""

    def __init__(self, where: Path) -> None:
        self.where = where
        self._files: dict[str, Path] = {}
        self._lines: dict[str, tuple[int, str]] = {}
        self.problems: list[Rejection] = []
        if where.is_dir():
            for path in where.rglob("*"):
                if path.is_file():
                    self._files.setdefault(path.name.split(".", 1)[0].lower(), path)
        elif where.is_file():
            self._read_jsonl(where)
        else:
            raise InputError("no such folder or JSONL file of saved pages", origin=str(where))

    def _read_jsonl(self, path: Path) -> None:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    self.problems.append(Rejection(f"{path}:{number}",
                                                   f"malformed JSON: {exc.msg}", line=number))
                    continue
                url = record.get("url") if isinstance(record, dict) else None
                html = record.get("html") if isinstance(record, dict) else None
                if not isinstance(url, str) or not isinstance(html, str):
                    self.problems.append(Rejection(
                        f"{path}:{number}", "a saved page needs a 'url' and an 'html' string",
                        line=number))
                    continue
                self._lines.setdefault(url, (number, html))

    def page(self, url: str) -> tuple[str, bytes] | None:
        """(origin of the saved page, its bytes), or None when it was not downloaded."""
        if url in self._lines:
            number, html = self._lines[url]
            return f"{self.where}:{number}", html.encode("utf-8")
        for key in url_keys(url):
            path = self._files.get(key)
            if path is not None:
                data = path.read_bytes()
                return str(path), gzip.decompress(data) if path.suffix == ".gz" else data
        return None


def iter_url_list(url_list: Path, pages: SavedPages) -> Iterator[Document | Rejection]:
    """Documents of the saved pages of a URL list's URLs; a rejection for each one missing."""
    for item in read_url_list(url_list):
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            saved = pages.page(item.url)
        except (OSError, EOFError) as exc:  # a truncated or corrupt .gz
            yield Rejection(item.url, f"unreadable saved page: {exc}")
            continue
        if saved is None:
            yield Rejection(item.url, f"not downloaded: no saved page in {pages.where} "
                            f"(listed at {url_list}:{item.line})")
            continue
        where, data = saved
        try:
            doc = read_html(data, origin=item.url, name=item.url, meta=Meta(url=item.url),
                            url=item.url)
        except CeasewatchError as exc:
            yield Rejection(item.url, f"{exc.message} (saved page {where})")
            continue
        if doc.published is None and item.seen is not None:
            doc = dataclasses.replace(doc, published=item.seen, published_precision="day",
                                      published_source="gdelt")
        yield doc
