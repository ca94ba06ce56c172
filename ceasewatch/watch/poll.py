"""One poll of one watched source: fetch politely, read, fetch linked articles, ingest.

A feed entry already delivered unchanged (same key, same digest) is skipped before anything
else, so a feed of fifty entries that gained one costs one article fetch and one analysis.
An entry that changed (an updated toll, a corrected date) is read again: its new text is a
new report, and fusion makes it a revision of the event the first version created. Reports
go through :func:`ceasewatch.api.ingest_documents`, the path every ingest takes (extract ->
fuse -> accords -> revisions -> alerts), each in its own transaction.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from ceasewatch.errors import CeasewatchError, InputError, StoreError
from ceasewatch.ingest.feed import FeedEntry, read_feed_entries
from ceasewatch.ingest.html import read_html
from ceasewatch.ingest.metadata import Meta
from ceasewatch.ingest.sources import sniff_format
from ceasewatch.records import Document, Rejection, WatchedSource, stable_id
from ceasewatch.store import Store
from ceasewatch.watch.fetch import DEFAULT_TIMEOUT_S, Fetched, FetchError, fetch
from ceasewatch.watch.schedule import next_poll

Fetcher = Callable[..., Fetched]


@dataclass
class PollOutcome:
    """What one poll did: one structured log line (:meth:`log_record`)."""

    source: WatchedSource
    status: str = "ok"  # ok | not-modified | error | interrupted
    http: int | None = None
    url: str | None = None
    items: int = 0
    skipped: int = 0
    added: int = 0
    known: int = 0
    rejected: int = 0
    unanalysed: int = 0
    articles: int = 0
    article_errors: list[str] = field(default_factory=list)
    error: str | None = None
    ms: float = 0.0
    doc_ids: list[str] = field(default_factory=list)
    interrupted: bool = False  # stopped before every new entry was read

    def log_record(self) -> dict[str, Any]:
        s = self.source
        return {"at": datetime.now(UTC).isoformat(timespec="milliseconds"), "event": "fetch",
                "source": s.name, "url": self.url or s.url, "status": self.status,
                "http": self.http, "ms": round(self.ms, 1), "items": self.items,
                "skipped": self.skipped, "added": self.added, "known": self.known,
                "rejected": self.rejected, "unanalysed": self.unanalysed,
                "articles": self.articles, "article_errors": self.article_errors,
                "error": self.error, "failures": s.failures,
                "next_due": s.next_due.isoformat(timespec="milliseconds")}


def poll_source(store: Store, source: WatchedSource, *, fetcher: Fetcher = fetch,
                timeout: float = DEFAULT_TIMEOUT_S, now: datetime | None = None,
                stop: threading.Event | None = None) -> PollOutcome:
    """Poll one source and store its new state (validators, back-off, next due time).

    When ``stop`` is set during the poll, the entries left are not read: the source keeps
    its old validators and is due again at once, so the next watcher reads them (those
    already stored are skipped then, nothing is lost or read twice)."""
    started = time.perf_counter()
    moment = now or datetime.now(UTC)
    outcome = PollOutcome(source)
    try:
        got = fetcher(source.url, etag=source.etag, last_modified=source.last_modified,
                      timeout=timeout)
    except FetchError as exc:
        return _failed(store, outcome, moment, exc.message, exc.status, exc.retry_after_s,
                       started)
    outcome.http, outcome.url = got.status, got.url
    if got.not_modified:
        outcome.status = "not-modified"
    else:
        try:
            _ingest_body(store, source, got, outcome, fetcher=fetcher, timeout=timeout,
                         stop=stop)
        except StoreError:
            raise
        except CeasewatchError as exc:  # a malformed feed: the outlet's fault, back off
            return _failed(store, outcome, moment, str(exc.message), got.status, None,
                           started)
    state = replace(source, etag=got.etag, last_modified=got.last_modified, failures=0,
                    next_due=next_poll(moment, source.every_s, 0), last_polled=moment,
                    last_status=outcome.status, last_error=None, last_ok=moment)
    if outcome.interrupted:
        state = replace(state, etag=source.etag, last_modified=source.last_modified,
                        next_due=moment, last_status="interrupted")
        outcome.status = "interrupted"
    with store.atomic():
        store.sources.save_state(state)
    outcome.source = state
    outcome.ms = (time.perf_counter() - started) * 1000
    return outcome


def _failed(store: Store, outcome: PollOutcome, moment: datetime, error: str,
            status: int | None, retry_after_s: float | None, started: float) -> PollOutcome:
    source = outcome.source
    failures = source.failures + 1
    state = replace(source, failures=failures, last_polled=moment, last_status="error",
                    last_error=error,
                    next_due=next_poll(moment, source.every_s, failures, retry_after_s))
    with store.atomic():
        store.sources.save_state(state)
    outcome.source, outcome.status, outcome.error, outcome.http = state, "error", error, status
    outcome.ms = (time.perf_counter() - started) * 1000
    return outcome


def _ingest_body(store: Store, source: WatchedSource, got: Fetched, outcome: PollOutcome, *,
                 fetcher: Fetcher, timeout: float, stop: threading.Event | None) -> None:
    from ceasewatch.api import ingest_documents

    for key, digest, item in _items(store, source, got, outcome, fetcher=fetcher,
                                    timeout=timeout):
        if stop is not None and stop.is_set():
            outcome.interrupted = True
            return
        report = ingest_documents(store, [item])
        for result in report.results:
            if result.outcome == "added":
                outcome.added += 1
            elif result.outcome == "known":
                outcome.known += 1
            elif result.outcome == "unanalysed":
                outcome.unanalysed += 1
            else:
                outcome.rejected += 1
            if result.doc_id:
                outcome.doc_ids.append(result.doc_id)
        doc_id = item.id if isinstance(item, Document) else None
        with store.atomic():
            store.sources.remember_item(source.id, key, digest, doc_id)


def _items(store: Store, source: WatchedSource, got: Fetched, outcome: PollOutcome, *,
           fetcher: Fetcher, timeout: float) -> Iterator[tuple[str, str, Document | Rejection]]:
    """(key, digest, report) for each item not delivered before in this very form."""
    meta = Meta(language=source.language)
    is_feed = source.kind == "feed" or (source.kind == "auto" and (
        sniff_format(got.body) == "feed" or any(
            t in got.content_type for t in ("rss", "atom"))))
    if not is_feed:
        outcome.items = 1
        digest = stable_id(got.body.decode("utf-8", "replace"), length=16)
        if store.sources.item_digest(source.id, got.url) == digest:
            outcome.skipped = 1
            return
        yield got.url, digest, read_html(got.body, origin=got.url, name=source.name,
                                         meta=meta, url=got.url)
        return
    seen = store.sources.item_digests(source.id)
    for entry in read_feed_entries(got.body, origin=source.url, name=source.name, meta=meta,
                                   known=lambda key, digest: seen.get(key) == digest):
        outcome.items += 1
        item = entry.item
        if item is None:
            outcome.skipped += 1
            continue
        if source.full_articles and entry.summary_only and entry.link:
            item = _full_article(entry, outcome, fetcher=fetcher, timeout=timeout)
        yield entry.key, entry.digest, item


def _full_article(entry: FeedEntry, outcome: PollOutcome, *, fetcher: Fetcher,
                  timeout: float) -> Document | Rejection:
    """The linked article, read with trafilatura, for an entry that carries only a summary;
    the summary itself when the article cannot be fetched or says less."""
    assert entry.link is not None and entry.item is not None
    fallback = entry.item
    try:
        page = fetcher(entry.link, timeout=timeout)
        article = read_html(page.body, origin=entry.origin, name=_doc_name(entry),
                            meta=entry.meta, url=page.url)
    except (FetchError, InputError) as exc:
        outcome.article_errors.append(f"{entry.link}: {exc.message}")
        return fallback
    summary = fallback.text if isinstance(fallback, Document) else ""
    if len(article.text) <= len(summary):
        return fallback
    outcome.articles += 1
    return article


def _doc_name(entry: FeedEntry) -> str:
    return entry.item.name if isinstance(entry.item, Document) else entry.origin
