"""The Python API: what the CLI and the web app are thin shells over.

    >>> from ceasewatch import api
    >>> from ceasewatch.store import open_store
    >>> store = open_store("monitor.db")                  # doctest: +SKIP
    >>> report = api.ingest(store, ["reports/"])          # doctest: +SKIP
    >>> [e.location for e in api.events(store)]          # doctest: +SKIP

Each document is stored in its own transaction together with everything derived from it
(mentions, fused events, violations): a failure on one document rolls back that document only,
and the rest of the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ceasewatch.errors import CeasewatchError
from ceasewatch.phase_clock import PhaseClock, timed
from ceasewatch.records import (
    Alert,
    AlertRule,
    Document,
    Event,
    Mention,
    Rejection,
    Revision,
    WatchedSource,
)

if TYPE_CHECKING:  # the store (sqlite) is not needed by ``extract``
    from pathlib import Path

    from ceasewatch.imports.compare import Comparison
    from ceasewatch.store import EventFilter, SearchHit, Store
    from ceasewatch.store.maintenance import CheckReport
    from ceasewatch.store.transfer import TransferReport
    from ceasewatch.theaters import Pack
    from ceasewatch.watch.runner import WatchSummary

Outcome = Literal["added", "known", "unanalysed", "rejected"]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """One input's fate. ``unanalysed``: stored, but its extraction or fusion failed (the
    reason says why); ``internal`` marks a failure that is a bug, not the input's fault."""

    origin: str
    outcome: Outcome
    doc_id: str | None = None
    name: str | None = None
    reason: str | None = None
    mentions: int = 0
    internal: bool = False


@dataclass
class IngestReport:
    results: list[IngestResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def ok(self) -> bool:
        return self.count("rejected") == 0 and self.count("unanalysed") == 0

    @property
    def internal_errors(self) -> int:
        return sum(1 for r in self.results if r.internal)


ProgressHook = Callable[[IngestResult], None]


#: a batch is written in one transaction (each document in its own savepoint) of at most
#: this many documents, this much text, or this long a write: fewer commits, while readers
#: (WAL) never wait and another writer waits well under a second
GROUP_DOCUMENTS = 64
GROUP_BYTES = 8 * 1024 * 1024
GROUP_SECONDS = 0.5


def ingest(store: Store, paths: Sequence[str], *, published: date | None = None,
           extract: bool = True, reanalyse: bool = False,
           progress: ProgressHook | None = None,
           clock: PhaseClock | None = None, jobs: int = 1) -> IngestReport:
    """Ingest files, folders, feeds (path or URL) and ``-`` (stdin) into the store.

    A document already stored is not stored again; with ``reanalyse`` it is extracted, fused
    and checked again, so that a newer extractor's reading replaces the old one (manual
    merge/split decisions are kept). Documents are extracted a batch at a time outside any
    transaction (on ``jobs`` processes), then written in input order, a batch per commit
    with each document in its own savepoint: a document whose analysis fails is rolled back
    alone and stored without its events, the others stay. ``progress`` hears of a document
    once it is committed. A store problem (a full disk, a lock held past patience) stops the
    batch with a :class:`StoreError`: what was committed before it stays.
    ``clock`` adds up the time of each phase (``bench/bench_growth.py``).
    """
    from ceasewatch.ingest.sources import iter_documents

    return ingest_documents(store, iter_documents(paths, published=published), extract=extract,
                            reanalyse=reanalyse, progress=progress, clock=clock, jobs=jobs)


def ingest_documents(store: Store, items: Iterable[Document | Rejection], *,
                     extract: bool = True, reanalyse: bool = False,
                     progress: ProgressHook | None = None, clock: PhaseClock | None = None,
                     jobs: int = 1) -> IngestReport:
    """Ingest documents already read (a watched feed's new entries, or :func:`ingest`'s
    files): extracted a batch at a time, written in input order, each in its savepoint."""
    from ceasewatch.parallel_extraction import Extractor

    report = IngestReport()

    def written(results: list[IngestResult]) -> None:
        for result in results:
            report.results.append(result)
            if progress:
                progress(result)

    with Extractor(jobs) as extractor:
        waiting: tuple[list[Document | Rejection], Any] | None = None
        for batch in _batches(_timed_items(items, clock)):
            wanted = [d for d in batch if isinstance(d, Document) and extract
                      and (reanalyse or not store.documents.exists(d.id))]
            pending = (batch, _extraction(extractor, wanted, clock))
            if jobs == 1:  # strictly one batch after the other
                _write_batch(store, *pending, written, reanalyse=reanalyse, clock=clock)
                continue
            if waiting is not None:  # the workers extract this batch while it is written
                _write_batch(store, *waiting, written, reanalyse=reanalyse, clock=clock)
            waiting = pending
        if waiting is not None:
            _write_batch(store, *waiting, written, reanalyse=reanalyse, clock=clock)
    return report


def _batches(items: Iterable[Document | Rejection]) -> Iterator[list[Document | Rejection]]:
    batch: list[Document | Rejection] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(item.text) if isinstance(item, Document) else 0
        if len(batch) >= GROUP_DOCUMENTS or size >= GROUP_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


Extracted = dict[int, tuple[list[Mention] | None, tuple[str, bool] | None, float]]


def _extraction(extractor: Any, docs: list[Document], clock: PhaseClock | None
                ) -> Callable[[], Extracted]:
    """Start extracting ``docs``; the callable waits and gives each one's result by id()."""
    began, cpu = time.perf_counter(), time.process_time()
    wait = extractor.submit(docs)  # in one process: the extraction itself
    submitted, submitted_cpu = time.perf_counter() - began, time.process_time() - cpu

    def results() -> Extracted:
        # with workers, only the time the writer waits for them (they ran meanwhile)
        began, cpu = time.perf_counter(), time.process_time()
        got = wait()
        took = submitted + time.perf_counter() - began
        if clock is not None:  # CPU: this process's only, not the workers'
            clock.add("extract", took, submitted_cpu + time.process_time() - cpu)
        each = took / max(len(docs), 1)
        return {id(d): (m, f, each) for d, (m, f) in zip(docs, got, strict=True)}

    return results


def _write_batch(store: Store, batch: list[Document | Rejection],
                 extraction: Callable[[], Extracted], written: Callable[[list[IngestResult]],
                                                               None], *,
                 reanalyse: bool, clock: PhaseClock | None) -> None:
    """Write a batch in input order, in as few transactions as ``GROUP_SECONDS`` allows;
    ``written`` hears of each transaction's documents once it is committed.

    An interruption (Ctrl-C) rolls back the document being written and commits those before
    it; a store problem rolls back the transaction, whose documents are then written one per
    transaction, so that the ones before the document the store refused are kept: in both
    cases what stays is what per-document commits would have kept.
    """
    from ceasewatch.store.database import is_store_problem, store_problem

    extracted = extraction()
    left = list(batch)
    one_by_one = False
    while left:
        done: list[IngestResult] = []
        interrupted: BaseException | None = None
        try:
            with _committed(store, clock):
                began = time.perf_counter()
                while len(done) < len(left) and not (done and (
                        one_by_one or time.perf_counter() - began >= GROUP_SECONDS)):
                    item = left[len(done)]
                    t0 = time.perf_counter()
                    mentions, failure, took = extracted.get(id(item), (None, None, 0.0))
                    try:
                        done.append(_store_item(store, item, mentions, failure,
                                                reanalyse=reanalyse, clock=clock))
                    except (KeyboardInterrupt, SystemExit) as exc:  # its savepoint is undone
                        interrupted = exc
                        break
                    if clock is not None and isinstance(item, Document):
                        clock.per_document.append(took + time.perf_counter() - t0)
        except Exception as exc:
            if not is_store_problem(exc):
                raise
            if done and not one_by_one:
                one_by_one = True
                continue
            raise store_problem(exc, store.path) from exc
        del left[:len(done)]
        written(done)
        if interrupted is not None:
            raise interrupted


def _timed_items(items: Iterable[Document | Rejection], clock: PhaseClock | None
                 ) -> Iterable[Document | Rejection]:
    if clock is None:
        yield from items
        return
    iterator = iter(items)
    while True:
        with clock.phase("read"):
            item = next(iterator, None)
        if item is None:
            return
        yield item


def _store_item(store: Store, item: Document | Rejection, mentions: list[Mention] | None,
                failure: tuple[str, bool] | None, *, reanalyse: bool = False,
                clock: PhaseClock | None = None) -> IngestResult:
    """One document in its own savepoint of the batch's transaction, with its extraction
    already done (``mentions``, or the ``failure`` that cost them); a failure of extraction
    or fusion still stores the document, never loses it."""
    from ceasewatch.store.database import is_store_problem, store_problem

    if isinstance(item, Rejection):
        _guard_store(store, lambda: store.documents.reject(item))
        return IngestResult(item.origin, "rejected", reason=item.reason)
    stored = False
    try:
        with store.atomic():
            with timed(clock, "document"):
                outcome = store.documents.add(item)
            stored = True
            n = 0
            if mentions is not None and (outcome == "added" or reanalyse):
                n = store_analysis(store, item, mentions,
                                   cause="report" if outcome == "added" else "reanalysis",
                                   clock=clock)
    except Exception as exc:
        if is_store_problem(exc):
            raise store_problem(exc, store.path) from exc
        if not stored:  # the document itself could not be written: nothing of it is kept
            reason = f"cannot store: {type(exc).__name__}: {exc}"
            _guard_store(store, lambda: store.documents.reject(
                Rejection(item.origin, reason, stage="storage")))
            return IngestResult(item.origin, "rejected", name=item.name, reason=reason,
                                internal=not isinstance(exc, CeasewatchError))
        failure = _failure(exc, "fusion")
    if failure is None:
        return IngestResult(item.origin, outcome, doc_id=item.id, name=item.name, mentions=n)
    reason, internal = failure

    def keep_unanalysed() -> None:
        with store.atomic():
            store.documents.add(item)
            store.documents.reject(Rejection(item.origin, reason, stage="analysis"))

    _guard_store(store, keep_unanalysed)
    return IngestResult(item.origin, "unanalysed", doc_id=item.id, name=item.name,
                        reason=reason, internal=internal)


def backfill(store: Store, paths: Sequence[str], *, engine: str = "dask", workers: int = 2,
             address: str | None = None, batch: int = 200,
             progress: ProgressHook | None = None, url_lists: Sequence[str] = (),
             pages: str | None = None) -> IngestReport:
    """A large corpus: extraction in parallel on ``engine`` (a local cluster of ``workers``, or
    the one at ``address``), then documents, mentions and fusion written by this process in
    date order (publication date, then name), ``batch`` documents a transaction.

    Documents already stored are skipped before extraction; the same document twice in the
    corpus is one document with two origins, as with :func:`ingest`. ``url_lists`` (one URL
    a line, or GDELT's tab-separated exports) are read from the ``pages`` already downloaded
    for them (a folder of files named by a hash of the URL, or a JSONL of url and html).
    """
    from ceasewatch.backfill.engines import extract_all
    from ceasewatch.backfill.inputs import iter_corpus

    report = IngestReport()
    docs: list[Document] = []
    for item in iter_corpus(paths, url_lists, pages):
        if isinstance(item, Rejection):
            _guard_store(store, lambda r=item: store.documents.reject(r))  # type: ignore[misc]
            report.results.append(IngestResult(item.origin, "rejected", reason=item.reason))
        else:
            docs.append(item)
    fresh = list({d.id: d for d in docs if not store.documents.exists(d.id)}.values())
    extracted = dict(zip((d.id for d in fresh),
                         extract_all(fresh, engine=engine, workers=workers, address=address),
                         strict=True))
    ordered = fusion_order(docs)
    for start in range(0, len(ordered), max(1, batch)):
        with store.atomic():
            for doc in ordered[start:start + max(1, batch)]:
                result = _backfill_one(store, doc, extracted.pop(doc.id, None))
                report.results.append(result)
                if progress:
                    progress(result)
    return report


def fusion_order(docs: Sequence[Document]) -> list[Document]:
    """The order a backfill fuses in: publication date (undated last), then name.

    Fusion is not order-free where a window is crowded (which of two nearby clashes a third
    report joins depends on which came first), so a backfill equals :func:`ingest` of the same
    documents given in this order, not in file-name order (``tests/test_backfill.py``).
    """
    return sorted(docs, key=lambda d: (d.published is None, d.published or date.min, d.name))


def _backfill_one(store: Store, doc: Document,
                  extracted: tuple[list[Mention] | None, str | None] | None) -> IngestResult:
    """One document of a backfill batch, in its own savepoint: a fusion bug costs its events,
    never the batch."""
    try:
        with store.atomic():
            outcome = store.documents.add(doc)
            if outcome == "known" or extracted is None:
                return IngestResult(doc.origin, "known", doc_id=doc.id, name=doc.name)
            mentions, reason = extracted
            if mentions is not None:
                n = store_analysis(store, doc, mentions)
                return IngestResult(doc.origin, "added", doc_id=doc.id, name=doc.name,
                                    mentions=n)
    except Exception as exc:
        from ceasewatch.store.database import is_store_problem

        if is_store_problem(exc):
            raise
        reason, _ = _failure(exc, "fusion")
    with store.atomic():
        store.documents.add(doc)
        store.documents.reject(Rejection(doc.origin, reason or "", stage="analysis"))
    return IngestResult(doc.origin, "unanalysed", doc_id=doc.id, name=doc.name, reason=reason)


def _failure(exc: Exception, stage: str) -> tuple[str, bool]:
    from ceasewatch.parallel_extraction import failure_reason

    return failure_reason(exc, stage)


def _guard_store(store: Store, write: Callable[[], None]) -> None:
    from ceasewatch.store.database import is_store_problem, store_problem

    try:
        write()
    except Exception as exc:
        if is_store_problem(exc):
            raise store_problem(exc, store.path) from exc
        raise


def analyse_document(store: Store, doc: Document) -> int:
    """Extract, fuse and check accords for one stored document (inside its transaction)."""
    from ceasewatch.nlp.pipeline import extract_mentions

    return store_analysis(store, doc, list(extract_mentions(doc)))


def store_analysis(store: Store, doc: Document, mentions: Sequence[Mention], *,
                   cause: str = "report", clock: PhaseClock | None = None) -> int:
    """Store a document's mentions, fuse them and check accords (inside its transaction);
    each event that changed gets a revision and raises the alerts its rules call for."""
    with timed(clock, "mentions"):
        store.mentions.replace_for_document(doc.id, mentions)
    if clock is None:
        touched = _after_extraction(store, mentions)
    else:
        touched = _after_extraction(store, mentions, clock)
    record_change(store, touched, cause, doc_id=doc.id)
    return len(mentions)


def _after_extraction(store: Store, mentions: Sequence[Mention],
                      clock: PhaseClock | None = None) -> list[str]:
    """Downstream stages that exist in this build: fusion, then the accords ledger."""
    try:
        from ceasewatch.fusion import fuse_mentions
    except ImportError:
        return []
    with timed(clock, "fusion"):
        touched = fuse_mentions(store, mentions)
    try:
        from ceasewatch.accords.ledger import refresh_violations
    except ImportError:
        return touched
    with timed(clock, "accords"):
        refresh_violations(store, touched)
    return touched


@contextmanager
def _committed(store: Store, clock: PhaseClock | None) -> Iterator[None]:
    """``store.atomic()``, with the time its commit takes counted as the ``commit`` phase."""
    if clock is None:
        with store.atomic():
            yield
        return
    with store.atomic():
        yield
        began, cpu = time.perf_counter(), time.process_time()
    clock.add("commit", time.perf_counter() - began, time.process_time() - cpu)


def record_change(store: Store, event_ids: Sequence[str], cause: str, *,
                  doc_id: str | None = None, note: str = "") -> list[int]:
    """After events changed (inside the transaction that changed them): a dated revision for
    each, then the alerts the rules call for. ``cause`` is ``report``, ``reanalysis``,
    ``merge``, ``split`` or ``review`` — the hook for analysts' review decisions."""
    from ceasewatch.alerts import raise_alerts
    from ceasewatch.revisions import record_revisions

    added = record_revisions(store, event_ids, cause, doc_id=doc_id, note=note)
    if added:
        raise_alerts(store, event_ids)
    return added


def extract(paths: Sequence[str], *, published: date | None = None
            ) -> Iterable[Document | Rejection | Mention]:
    """Extraction without a database: documents as read, then their mentions, streamed."""
    from ceasewatch.ingest.sources import iter_documents
    from ceasewatch.nlp.pipeline import extract_mentions

    for item in iter_documents(paths, published=published):
        yield item
        if isinstance(item, Document):
            yield from extract_mentions(item)


def documents(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Document]:
    return store.documents.list(limit=limit, offset=offset)


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    return store.documents.search(query, limit=limit, offset=offset)


def events(store: Store, flt: EventFilter | None = None, *, limit: int | None = None,
           offset: int = 0) -> list[Event]:
    return store.events.list(flt, limit=limit, offset=offset)


def mentions(store: Store, *, limit: int | None = None, offset: int = 0) -> list[Mention]:
    return store.mentions.list(limit=limit, offset=offset)


def event_report(store: Store, event_id: str) -> dict[str, Any]:
    """One fused event with every report, claim, source group and fusion decision."""
    from ceasewatch.fusion.inspect import event_report as report

    return report(store, event_id)


def disputes(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Contested facts of fused events, one row per (event, field), each value with who says it."""
    from ceasewatch.fusion.inspect import dispute_rows

    return dispute_rows(store, flt)


def merge_events(store: Store, event_ids: Sequence[str], *, note: str = "") -> str:
    """Analyst merge (kept on re-ingest); the accords ledger is refreshed for the result."""
    from ceasewatch.fusion import merge_events as merge

    with store.atomic():
        kept = merge(store, event_ids, note=note)
        _refresh_ledger(store, [kept])
        record_change(store, [kept], "merge", note=note)
    return kept


def split_event(store: Store, event_id: str, mention_ids: Sequence[str], *,
                note: str = "") -> str:
    """Analyst split (kept on re-ingest); returns the new event's id."""
    from ceasewatch.fusion import split_event as split

    with store.atomic():
        new_id = split(store, event_id, mention_ids, note=note)
        kept = store.events.resolve(event_id)
        _refresh_ledger(store, [kept, new_id])
        record_change(store, [kept, new_id], "split", note=note)
    return new_id


def _refresh_ledger(store: Store, touched: list[str]) -> None:
    try:
        from ceasewatch.accords.ledger import refresh_violations
    except ImportError:
        return
    refresh_violations(store, touched)


def import_dataset(store: Store, dataset: str, path: str | Path) -> int:
    """Import an ACLED or UCDP GED CSV download; the whole file or nothing (bad rows named)."""
    from ceasewatch.imports.readers import READERS, read_dataset

    if dataset not in READERS:
        raise CeasewatchError(f"unknown dataset {dataset!r}; choose one of "
                              f"{', '.join(READERS)}", field="dataset")
    events = read_dataset(dataset, Path(path))
    with store.atomic():
        return store.external.save_many(events)


def compare_dataset(store: Store, dataset: str, *, date_from: date | None = None,
                    date_to: date | None = None, country: str | None = None,
                    place: str | None = None) -> Comparison:
    """ceasewatch vs an imported dataset for a period and place (see imports/compare.py)."""
    from ceasewatch.imports.compare import compare
    from ceasewatch.store import EventFilter

    if store.external.count(dataset) == 0:
        raise CeasewatchError(f"no {dataset.upper()} events imported yet: run "
                              f"`ceasewatch import {dataset} FILE.csv` first", field="dataset")
    flt = EventFilter(date_from=date_from, date_to=date_to, country=country, place=place)
    theirs = store.external.list(dataset, date_from=date_from, date_to=date_to,
                                 country=country, place=place)
    return compare(dataset, store.events.list(flt), theirs)


def events_frame(store: Store, flt: EventFilter | None = None, *,
                 limit: int | None = None) -> Any:
    """Fused events as a pandas DataFrame with typed columns (the ``events`` export table).

    Strings are ``string`` (CAMEO "046" stays "046"), counts nullable ``Int64``, booleans
    ``boolean``, dates ``datetime64``; ``flt`` takes ``updated_since`` for incremental pulls::

        frame = api.events_frame(store, EventFilter(country="AF"))
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise CeasewatchError("events_frame needs pandas: pip install pandas") from exc
    from ceasewatch.exports import FORMATS, export_rows
    from ceasewatch.exports.tables import pandas_dtypes, tables

    table = tables()["events"]
    rows = list(export_rows(store, FORMATS["csv"], flt, limit=limit))
    frame = pd.DataFrame(rows, columns=table.names).astype(pandas_dtypes(table))
    for c in table.columns:
        if c.type == "date":
            frame[c.name] = pd.to_datetime(frame[c.name])
        elif c.type == "datetime":
            frame[c.name] = pd.to_datetime(frame[c.name], utc=True)
    return frame
def theaters() -> list[Pack]:
    """Every installed theater pack (``data/theaters/<name>/``)."""
    from ceasewatch.theaters import THEATERS_DIR, read_pack

    return [read_pack(e.name) for e in sorted(THEATERS_DIR.iterdir())
            if (e / "theater.yaml").is_file()]


def theater(key: str) -> Pack:
    """One theater pack: its name, countries and files."""
    from ceasewatch.theaters import read_pack

    return read_pack(key)


def new_theater(key: str, countries: Sequence[str], *, name: str | None = None,
                root: Path | None = None) -> Path:
    """Scaffold a theater pack (generic actors for each country); returns its folder."""
    from ceasewatch.theaters import THEATERS_DIR, scaffold_pack

    return scaffold_pack(key, countries, name=name, root=root or THEATERS_DIR)


def backup(store: Store, destination: str) -> str:
    """A consistent copy of the store, taken online (SQLite's backup API); its path."""
    from ceasewatch.store.maintenance import backup_store

    return str(backup_store(store.db, destination))


def check(store: Store) -> CheckReport:
    """Integrity, foreign keys, orphan rows and full-text consistency of the store."""
    from ceasewatch.store.maintenance import check_store

    return check_store(store.db)


def migrate_store(source: Store, target: Store) -> TransferReport:
    """Every table of ``source`` copied into the empty ``target`` (another backend), with each
    table's row count and hash compared; a difference is an error and the target keeps
    nothing."""
    from ceasewatch.store.transfer import copy_store

    return copy_store(source, target)


# -- live monitoring: sources, the watcher, revisions, alerts ------------------------------

def add_source(store: Store, url: str, *, name: str | None = None, every: str = "15m",
               language: str | None = None, kind: str = "auto",
               full_articles: bool = True) -> WatchedSource:
    """Watch a feed or page; it is due at once, then every ``every`` (``15m``, ``1h``)."""
    from datetime import UTC, datetime

    from ceasewatch.records import stable_id
    from ceasewatch.watch.schedule import parse_interval

    check_source_fields(url, kind, language)
    source = WatchedSource(
        id=stable_id(url, prefix="src-", length=10), name=name or _source_name(url), url=url,
        every_s=parse_interval(every), next_due=datetime.now(UTC), kind=kind,  # type: ignore[arg-type]
        language=language, full_articles=full_articles)
    with store.atomic():
        store.sources.add(source)
    return source


def check_source_fields(url: str, kind: str, language: str | None) -> None:
    import re

    from ceasewatch.ingest.sources import is_url

    if not is_url(url):
        raise CeasewatchError(f"{url!r} is not an http(s) URL", field="URL")
    if kind not in ("auto", "feed", "page"):
        raise CeasewatchError(f"unknown kind {kind!r}; choose auto, feed or page", field="kind")
    if language is not None and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z]{2,4})?", language):
        raise CeasewatchError(f"{language!r} is not a language code (en, zh, ps, zh-Hant)",
                              field="language")


def _source_name(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/") or url


def sources(store: Store) -> list[WatchedSource]:
    return store.sources.list()


def remove_source(store: Store, name_or_id: str) -> WatchedSource:
    """Stop watching a source (what it delivered stays in the store)."""
    with store.atomic():
        return store.sources.remove(name_or_id)


def watch(store: Store, **options: Any) -> WatchSummary:
    """Poll the watched sources until stopped; see :func:`ceasewatch.watch.runner.run_watch`."""
    from ceasewatch.watch.runner import run_watch

    return run_watch(store, **options)


def event_history(store: Store, event_id: str) -> list[Revision]:
    """Every dated revision of an event (and of the events merged into it), oldest first."""
    from ceasewatch.revisions import event_history as history

    return history(store, event_id)


def record_review(store: Store, event_id: str, note: str = "") -> list[int]:
    """Record a reviewer's decision on an event as a revision (the review workflow's hook)."""
    with store.atomic():
        return record_change(store, [store.events.resolve(event_id)], "review", note=note)


def deletions(store: Store, since: datetime | None = None) -> list[Revision]:
    """Events deleted since a time (merged away, emptied by re-extraction), ACLED-style."""
    return store.revisions.deletions(since)


def add_alert_rule(store: Store, kind: str, params: dict[str, Any], *,
                   webhook: str | None = None) -> AlertRule:
    """A rule (``violation``, ``fatalities``, ``new-type``), checked; alerts from now on."""
    from ceasewatch.alerts import check_rule

    checked = check_rule(kind, params, webhook)
    with store.atomic():
        rule_id = store.alerts.add_rule(kind, checked, webhook)
    return AlertRule(id=rule_id, kind=kind, params=checked, webhook=webhook)  # type: ignore[arg-type]


def alert_rules(store: Store) -> list[AlertRule]:
    return store.alerts.rules()


def remove_alert_rule(store: Store, rule_id: int) -> None:
    with store.atomic():
        store.alerts.remove_rule(rule_id)


def alerts(store: Store, *, limit: int | None = 50, offset: int = 0) -> list[Alert]:
    """Alerts raised, newest first."""
    return store.alerts.list(limit=limit, offset=offset)

# -- the analyst's review (issue 17) ------------------------------------------------------------

def review(store: Store, item_id: str, state: str, *, analyst: str, note: str = "",
           event_id: str | None = None) -> Any:
    """Record a named analyst's decision (verified, rejected, needs_review, draft) on an event
    (``ev-…``), a claim (``cl-…``) or an alleged violation (``v-…``), with a note; a
    :class:`NotAllowedError` when their role does not allow it. The decision is also a dated
    revision of its event (``ceasewatch history``), in the same transaction."""
    from ceasewatch.review.workflow import decide

    with store.atomic():
        decision = decide(store, item_id, state, analyst=analyst, note=note,
                          event_id=event_id)
        said = f"{decision.analyst}: {decision.item_kind} {decision.item_id} {decision.state}"
        record_change(store, [decision.event_id], "review",
                      note=f"{said} ({decision.note})" if decision.note else said)
    return decision


def review_queue(store: Store, *, limit: int = 50, offset: int = 0
                 ) -> tuple[list[dict[str, Any]], int]:
    """Events still to review, most urgent first (``review/queue.py``), and their number."""
    from ceasewatch.review.workflow import queue

    return queue(store, limit=limit, offset=offset)


def review_history(store: Store, *, event_id: str | None = None, item_id: str | None = None,
                   analyst: str | None = None, limit: int | None = None) -> list[Any]:
    """Review decisions, newest first."""
    return store.reviews.history(event_id=event_id, item_id=item_id, analyst=analyst,
                                 limit=limit)


def review_event(store: Store, event_id: str) -> dict[str, Any]:
    """An event's detail with each claim's review id and every item's state and history."""
    from ceasewatch.reports import views
    from ceasewatch.review.workflow import annotate_event

    return annotate_event(store, views.event_detail(store, event_id))


def add_user(store: Store, name: str, role: str) -> tuple[Any, str]:
    """A new user (reader, analyst, editor) and their token, shown once."""
    from ceasewatch.review.states import parse_role
    from ceasewatch.review.workflow import add_user as add

    return add(store, name, parse_role(role))
