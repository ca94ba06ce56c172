"""RSS and Atom feeds: each entry becomes a document, with feedparser.

A feed is how monitors follow outlets (an RNA or Dawn section feed, a Google Alert); each
entry is a report of its own, named ``FEED#ENTRY-ID`` so that re-reading tomorrow's version of
the same feed recognises yesterday's entries by content hash. feedparser is lenient: a feed
with a syntax error after its last good entry still yields those entries; a feed with no
entry at all and a syntax error is rejected as malformed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any

from ceasewatch.datebounds import make_date, plausible_published
from ceasewatch.errors import FeedError, InputError
from ceasewatch.ingest.html import html_to_text
from ceasewatch.ingest.metadata import Meta
from ceasewatch.ingest.text import make_document
from ceasewatch.records import Document, Rejection, stable_id

MAX_ENTRY_ID = 60
_XML_POSITION = re.compile(r"^<unknown>:(\d+):(\d+):\s*(.*)$")


def _entry_date(entry: Any) -> date | None:
    """The entry's date in the publisher's own time zone (feedparser converts to UTC, which
    moves a story published at 01:00 in Kabul to the day before); an impossible or implausible
    date (year 1, year 9999) is no date: the entry is kept, undated."""
    for key in ("published", "updated", "created"):
        found = _raw_entry_date(entry, key)
        if found is not None:
            return found if plausible_published(found) else None
    return None


def _raw_entry_date(entry: Any, key: str) -> date | None:
    raw = entry.get(key)
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except (ValueError, OverflowError):
        pass
    parsed = entry.get(key + "_parsed")
    if parsed:
        return make_date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_authors(entry: Any) -> tuple[str, ...]:
    raw = entry.get("author")
    if raw and "@" in raw:  # RSS <author>email (Name)</author>
        name = parseaddr(raw)[0]
        return (name,) if name else ()
    found = [a.get("name") for a in entry.get("authors", []) if isinstance(a, dict)]
    names = [n.strip() for n in found if isinstance(n, str) and n.strip()]
    if not names and isinstance(raw, str) and raw.strip():
        names = [raw.strip()]
    return tuple(names)


def _entry_text(entry: Any) -> str:
    """The richest body the entry carries: full content over summary; HTML made plain."""
    candidates = []
    for content in entry.get("content", []) or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    detail = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    candidates.sort(key=lambda c: len(c[0]), reverse=True)
    for value, kind in candidates:
        text = html_to_text(value) if "html" in kind else value
        if text.strip():
            return text
    return ""


def _entry_key(entry: Any, index: int) -> str:
    key = entry.get("id") or entry.get("link") or f"entry-{index}"
    key = " ".join(str(key).split())
    return key if len(key) <= MAX_ENTRY_ID else stable_id(key, length=12)


def _malformed(parsed: Any, origin: str) -> FeedError:
    """The parser's complaint as one line: "malformed feed: line 5, column 29: unclosed token"."""
    problem = " ".join(str(parsed.get("bozo_exception") or "syntax error").split())
    m = _XML_POSITION.match(problem)
    if m:
        return FeedError(f"malformed feed: line {m[1]}, column {m[2]}: {m[3]}", origin=origin,
                         line=int(m[1]))
    return FeedError(f"malformed feed: {problem}", origin=origin)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry as a watcher sees it: its key in the feed, a digest of everything it says
    (a changed toll or an updated date changes it), its link, whether it carries only a
    summary (no full content: the linked article is the report) and its metadata."""

    key: str
    origin: str
    digest: str
    link: str | None
    summary_only: bool
    meta: Meta
    item: Document | Rejection | None  # None: skipped, the caller knew it (``known``)


#: an entry without full content whose summary is shorter than this is "only a summary"
SUMMARY_CHARS = 1500


def read_feed(data: bytes, *, origin: str, name: str, meta: Meta
              ) -> Iterator[Document | Rejection]:
    """Each entry of an RSS/Atom feed as a Document, or a Rejection for the feed or entry.

    ``meta`` (the ``--published`` option) wins over the entries' own metadata.
    """
    for entry in read_feed_entries(data, origin=origin, name=name, meta=meta):
        if entry.item is not None:
            yield entry.item


def read_feed_entries(data: bytes, *, origin: str, name: str, meta: Meta,
                      known: Callable[[str, str], bool] | None = None) -> Iterator[FeedEntry]:
    """:func:`read_feed`, entry by entry, with what a watcher needs to know of each; an entry
    for which ``known(key, digest)`` is true is not read (its ``item`` is None)."""
    import feedparser

    if not data.strip():
        raise InputError("empty file", origin=origin)
    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, RecursionError, ValueError, OverflowError) as exc:
        # feedparser's sanitizer trips on a character reference to a lone surrogate
        # ("&#xD800;") or past any code point ("&#99999999999;") and on markup nested
        # thousands deep: a malformed feed, not a crash
        raise FeedError(f"the feed cannot be parsed ({type(exc).__name__})",
                        origin=origin) from exc
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise _malformed(parsed, origin)
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed", origin=origin)
        raise FeedError("feed has no entries", origin=origin)
    items: Iterable[FeedEntry] = _entries(parsed, entries, origin=origin, name=name, meta=meta,
                                          known=known)
    if parsed.get("bozo") or not parsed.get("version"):
        # a feed broken before its first readable entry is malformed, and XML that merely has
        # <item> elements is no feed: say so once, not once per empty "entry"
        items = list(items)
        if not any(entry.item is None or isinstance(entry.item, Document) for entry in items):
            if parsed.get("bozo"):
                raise _malformed(parsed, origin)
            raise FeedError("not an RSS or Atom feed", origin=origin)
    yield from items


def _digest(entry: Any) -> str:
    parts = [str(entry.get(k) or "") for k in ("id", "link", "title", "summary", "updated",
                                                "published")]
    parts += [str(c.get("value") or "") for c in entry.get("content", []) or []]
    return stable_id(*parts, length=16)


def _entries(parsed: Any, entries: list[Any], *, origin: str, name: str, meta: Meta,
             known: Callable[[str, str], bool] | None = None) -> Iterator[FeedEntry]:
    outlet = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries, start=1):
        key = _entry_key(entry, index)
        entry_origin = f"{origin}#{key}"
        link = entry.get("link") or None
        own = Meta(title=entry.get("title") or None, outlet=outlet, url=link)
        digest = _digest(entry)
        if known is not None and known(key, digest):
            yield FeedEntry(key, entry_origin, digest, link, False, meta.over(own), None)
            continue
        summary_only = False
        item: Document | Rejection
        try:
            text = _entry_text(entry)
            summary_only = bool(link) and not entry.get("content") and len(text) < SUMMARY_CHARS
            published = _entry_date(entry)
            own = Meta(
                title=entry.get("title") or None,
                outlet=outlet,
                authors=_entry_authors(entry),
                url=link,
                published=published,
                published_precision="day" if published else None,
                published_source="feed" if published else None,
            )
            if not text.strip():
                item = Rejection(entry_origin, "feed entry has no text")
            else:
                item = make_document(text, origin=entry_origin, name=f"{name}#{key}",
                                     fmt="feed", meta=meta.over(own))
        except InputError as exc:
            item = Rejection(entry_origin, exc.message)
        except Exception as exc:  # one odd entry must not lose the rest of the feed
            item = Rejection(entry_origin, f"internal error reading the entry "
                                           f"({type(exc).__name__}: {exc}); please report it")
        yield FeedEntry(key, entry_origin, digest, link, summary_only,
                        meta.over(own), item)
