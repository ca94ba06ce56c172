"""HTML pages and fragments to text and metadata, with trafilatura.

trafilatura separates an article from navigation, comments and footers and reads the page's
metadata (title, author, site name, publication date via htmldate) from meta tags, JSON-LD
and the page itself; it is maintained and tested on real news pages, which hand-written tag
stripping is not. Short pages that its main extractor judges too thin to be an article are
retried with ``favor_recall`` and finally its baseline extractor, so a press release of two
paragraphs is not lost.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any

from ceasewatch.errors import InputError
from ceasewatch.ingest.metadata import Meta, parse_date_value
from ceasewatch.ingest.text import decode_bytes, make_document
from ceasewatch.records import Document

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WHOLE_PAGE = re.compile(r"<(html|body)[\s>]", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")

# trafilatura reports pages it cannot use at WARNING level; ceasewatch reports them itself
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in ``<meta charset>`` within its first 2 kB."""
    m = _DECLARED.search(data[:2048])
    return m.group(1).decode("ascii").lower() if m else None


def _extract(html: str, url: str | None) -> Any:
    import trafilatura

    result: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                              include_comments=False)
    if result is None or not (result.text or "").strip():
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                             include_comments=False, favor_recall=True)
    return result


def html_to_text(html: str) -> str:
    """Readable text of an HTML fragment (a feed entry's content); empty when it has none."""
    import trafilatura

    if not _WHOLE_PAGE.search(html[:2048]):
        # trafilatura reads pages; a fragment ("<p>..</p><p>..</p>") needs a body around it
        html = f"<html><body>{html}</body></html>"
    result = _extract(html, None)
    if result is not None and (result.text or "").strip():
        return str(result.text).strip()
    return str(trafilatura.html2txt(html) or "").strip()


class _TextCollector(HTMLParser):
    """Character data outside scripts and styles, a line break at each block element."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "article", "section", "blockquote", "pre", "td", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _tokenized(html: str) -> list[str]:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.parts


def flat_text(html: str) -> str:
    """The text of a page by plain tokenizing: the last resort when the extractors see none.

        >>> flat_text("<div><div><p>Clashes near Chaman.</p></div></div>")
        'Clashes near Chaman.'
    """
    try:
        parts = _tokenized(html)
    except AssertionError:
        # the standard library's tokenizer asserts on a malformed marked section ("<![CDATAx",
        # found by the fuzzing campaign): read such markup as text
        parts = _tokenized(html.replace("<![", "&lt;!["))
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _meta_from_result(result: Any) -> Meta:
    published = precision = None
    if result.date:
        try:
            published, precision = parse_date_value(str(result.date))
        except ValueError:
            published = precision = None
    authors = tuple(a for a in _AUTHOR_SPLIT.split(result.author or "") if a)
    return Meta(
        title=result.title or None,
        outlet=result.sitename or None,
        authors=authors,
        url=result.url or None,
        published=published,
        published_precision=precision,
        published_source="html" if published else None,
    )


def read_html(data: bytes, *, origin: str, name: str, meta: Meta,
              url: str | None = None) -> Document:
    """An HTML page as a Document; ``meta`` (option, sidecar) wins over the page's own."""
    import trafilatura

    html = decode_bytes(data, origin, declared=declared_charset(data))
    result = _extract(html, url)
    text = (result.text or "") if result is not None else ""
    page = _meta_from_result(result) if result is not None else Meta()
    if not text.strip():
        baseline = trafilatura.baseline(html)
        text = baseline[1] if baseline else ""
    if not text.strip():
        # lxml stops at 256 levels of nesting and trafilatura then sees an empty page; the
        # standard library's tokenizer has no depth limit, so a deep page still gives its text
        text = flat_text(html)
    if not text.strip():
        raise InputError("no readable text in the HTML page", origin=origin)
    if url and not page.url:
        page = page.over(Meta(url=url))
    return make_document(text, origin=origin, name=name, fmt="html", meta=meta.over(page))
