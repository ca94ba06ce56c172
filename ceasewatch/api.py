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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ceasewatch.errors import CeasewatchError
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


def ingest(store: Store, paths: Sequence[str], *, published: date | None = None,
           extract: bool = True, reanalyse: bool = False,
           progress: ProgressHook | None = None) -> IngestReport:
    """Ingest files, folders, feeds (path or URL) and ``-`` (stdin) into the store.

    A document already stored is not stored again; with ``reanalyse`` it is extracted, fused
    and checked again, so that a newer extractor's reading replaces the old one (manual
    merge/split decisions are kept). A store problem (a full disk, a lock held past patience)
    stops the batch with a :class:`StoreError`: what was committed before it stays.
    """
    from ceasewatch.ingest.sources import iter_documents

    report = IngestReport()
    for item in iter_documents(paths, published=published):
        result = _store_item(store, item, extract=extract, reanalyse=reanalyse)
        report.results.append(result)
        if progress:
            progress(result)
    return report


def ingest_documents(store: Store, items: Iterable[Document | Rejection], *,
                     progress: ProgressHook | None = None) -> IngestReport:
    """Ingest documents already read (a watched feed's new entries): the same path as
    :func:`ingest`, each document in its own transaction."""
    report = IngestReport()
    for item in items:
        result = _store_item(store, item, extract=True)
        report.results.append(result)
        if progress:
            progress(result)
    return report


def _store_item(store: Store, item: Document | Rejection, *, extract: bool,
                reanalyse: bool = False) -> IngestResult:
    """Extraction runs before the write transaction, which holds only the short writes; a
    failure of extraction or fusion still stores the document, never loses it."""
    from ceasewatch.store.database import is_store_problem, store_problem

    if isinstance(item, Rejection):
        _guard_store(store, lambda: store.documents.reject(item))
        return IngestResult(item.origin, "rejected", reason=item.reason)
    mentions: list[Mention] | None = None
    failure: tuple[str, bool] | None = None
    if extract and (reanalyse or not store.documents.exists(item.id)):
        mentions, failure = _extract_guarded(item)
    stored = False
    try:
        with store.atomic():
            outcome = store.documents.add(item)
            stored = True
            n = 0
            if mentions is not None and (outcome == "added" or reanalyse):
                n = store_analysis(store, item, mentions,
                                   cause="report" if outcome == "added" else "reanalysis")
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
             progress: ProgressHook | None = None) -> IngestReport:
    """A large corpus: extraction in parallel on ``engine`` (a local cluster of ``workers``, or
    the one at ``address``), then documents, mentions and fusion written by this process in
    date order (publication date, then name), ``batch`` documents a transaction.

    Documents already stored are skipped before extraction; the same document twice in the
    corpus is one document with two origins, as with :func:`ingest`.
    """
    from ceasewatch.backfill.engines import extract_all
    from ceasewatch.backfill.inputs import iter_corpus

    report = IngestReport()
    docs: list[Document] = []
    for item in iter_corpus(paths):
        if isinstance(item, Rejection):
            _guard_store(store, lambda r=item: store.documents.reject(r))  # type: ignore[misc]
            report.results.append(IngestResult(item.origin, "rejected", reason=item.reason))
        else:
            docs.append(item)
    fresh = list({d.id: d for d in docs if not store.documents.exists(d.id)}.values())
    extracted = dict(zip((d.id for d in fresh),
                         extract_all(fresh, engine=engine, workers=workers, address=address),
                         strict=True))
    ordered = sorted(docs, key=lambda d: (d.published is None, d.published or date.min, d.name))
    for start in range(0, len(ordered), max(1, batch)):
        with store.atomic():
            for doc in ordered[start:start + max(1, batch)]:
                result = _backfill_one(store, doc, extracted.pop(doc.id, None))
                report.results.append(result)
                if progress:
                    progress(result)
    return report


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


def _extract_guarded(doc: Document) -> tuple[list[Mention] | None, tuple[str, bool] | None]:
    from ceasewatch.nlp.pipeline import extract_mentions

    try:
        return list(extract_mentions(doc)), None
    except Exception as exc:  # a bug in a stage must cost this document's events, no more
        return None, _failure(exc, "extraction")


def _failure(exc: Exception, stage: str) -> tuple[str, bool]:
    """The reason recorded for a stored document whose analysis failed, and whether it is a
    bug (an error that is not a :class:`CeasewatchError`)."""
    if isinstance(exc, CeasewatchError):
        return f"stored without events: {exc}", False
    text = " ".join(str(exc).split())[:300]
    return (f"stored without events: internal error during {stage} ({type(exc).__name__}: "
            f"{text}); please report it", True)


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
                   cause: str = "report") -> int:
    """Store a document's mentions, fuse them and check accords (inside its transaction);
    each event that changed gets a revision and raises the alerts its rules call for."""
    store.mentions.replace_for_document(doc.id, mentions)
    touched = _after_extraction(store, mentions)
    record_change(store, touched, cause, doc_id=doc.id)
    return len(mentions)


def _after_extraction(store: Store, mentions: Sequence[Mention]) -> list[str]:
    """Downstream stages that exist in this build: fusion, then the accords ledger."""
    try:
        from ceasewatch.fusion import fuse_mentions
    except ImportError:
        return []
    touched = fuse_mentions(store, mentions)
    try:
        from ceasewatch.accords.ledger import refresh_violations
    except ImportError:
        return touched
    refresh_violations(store, touched)
    return touched


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
