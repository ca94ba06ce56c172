"""Ingest cost per document, phase by phase, as the store grows: 1k, 10k, 100k documents.

    .venv/bin/python bench/bench_growth.py                       # 1000 10000 100000, one run
    .venv/bin/python bench/bench_growth.py --sizes 1000 5000 --docs 100   # minutes here

The reports are the annotated corpus's real articles (``corpus/*/articles``, every language,
about 380). First they are ingested through ``api.ingest`` (the CLI's path: extraction,
fusion, accords ledger): the "base" line, real short reports end to end. Then the store is
filled to each size with copies of the articles whose reported events are moved back in time
by multiples of four years (a monitor's store grows with its past), stored with their
mentions and one event per mention directly (``--fill fast``: seconds per thousand) or
through fusion and the ledger (``--fill full``: the real path, as slow as the code under
test). ``--future`` puts every other copy after the reports instead, the worst case for any
query that reads "everything since a date" (a new accord legitimately re-checks every event
after its entry into force, so that phase grows there by design).

At each size ``--docs`` English articles are ingested again through ``api.ingest`` from
files, their years rewritten into a period of their own (four years earlier per size, so the
measured reports meet the same neighbours at every size: only the store's size changes),
with a :class:`~ceasewatch.phase_clock.PhaseClock`. The script prints ms per document of each
phase (read, extract, document row with its full-text entry, mentions, fusion, accords
ledger, commit) in CPU time of the process (steady on a busy machine; wall time beside it),
documents/s, the p95 and slowest document, the database's size per 1,000 documents and peak
memory (max RSS).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ceasewatch import api  # noqa: E402
from ceasewatch.datebounds import shift_days  # noqa: E402
from ceasewatch.fusion.claims import summarise  # noqa: E402
from ceasewatch.ingest.sources import iter_documents  # noqa: E402
from ceasewatch.nlp.pipeline import extract_mentions  # noqa: E402
from ceasewatch.phase_clock import PHASES, PhaseClock  # noqa: E402
from ceasewatch.records import Document, Mention, content_hash, stable_id  # noqa: E402
from ceasewatch.store import Store, open_store  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_ingest import years_back as move_years  # noqa: E402

#: copies move by whole weeks (weekdays stay true) just over the corpus's three years
SHIFT_DAYS = 7 * 209


def article_folders() -> list[Path]:
    return sorted(p for p in (ROOT / "corpus").glob("*/articles") if p.is_dir())


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def shift(day: date | None, days: int) -> date | None:
    return None if day is None else shift_days(day, days)


def copy_of(doc: Document, mentions: list[Mention], k: int, *, future: bool = False
            ) -> tuple[Document, list[Mention]]:
    """Copy ``k`` of an article: a new document whose events lie ``k`` shifts away."""
    offset = -k * SHIFT_DAYS
    if future and k % 2:
        offset = (k + 1) // 2 * SHIFT_DAYS
    text = f"{doc.text}\n\n(Desk copy {k}.)\n"
    new = replace(doc, id=content_hash(text), text=text, origin=f"copy{k}/{doc.origin}",
                  name=f"copy{k}-{doc.name}", published=shift(doc.published, offset))
    moved = [replace(m, id=stable_id(m.id, k, prefix="m"), doc_id=new.id, doc_name=new.name,
                     event_date=shift(m.event_date, offset),
                     event_end=shift(m.event_end, offset)) for m in mentions]
    return new, moved


def fill_fast(store: Store, pairs: list[tuple[Document, list[Mention]]]) -> None:
    """Documents, mentions and one event per mention, written directly (no fusion)."""
    with store.atomic():
        for doc, mentions in pairs:
            store.documents.add(doc)
            store.mentions.replace_for_document(doc.id, mentions)
            for m in mentions:
                event_id = stable_id("fill", m.id, prefix="e")
                event, claims = summarise(event_id, [m], [doc.name], 1, {doc.id: doc.text},
                                          {doc.id: doc.outlet})
                store.events.save(event)
                store.events.replace_claims(event_id, claims)
                store.events.link(event_id, m.id, "bench fill")
                store.events.assign(m.id, event_id, doc.id, manual=False)


def fill_full(store: Store, pairs: list[tuple[Document, list[Mention]]]) -> None:
    """The real write path with the extraction already done: fusion and the ledger run."""
    for doc, mentions in pairs:
        with store.atomic():
            store.documents.add(doc)
            api.store_analysis(store, doc, mentions)


def write_fresh(folder: Path, articles: list[Document], years_back: int) -> None:
    """The articles as new report files, every year in text and sidecar ``years_back`` earlier."""
    folder.mkdir(parents=True)

    def move(text: str) -> str:
        return move_years(text, years_back)

    for j, doc in enumerate(articles):
        source = Path(doc.origin)
        name = f"y{years_back}-{j:04d}-{source.stem}"
        # the added line keeps an article without a year a new document
        (folder / f"{name}.txt").write_text(f"{move(doc.text)}\n\n(Filed {years_back}.)\n",
                                            encoding="utf-8")
        sidecar = Path(str(source).removesuffix(source.suffix) + ".meta.json")
        if sidecar.is_file():
            (folder / f"{name}.meta.json").write_text(move(sidecar.read_text("utf-8")),
                                                      encoding="utf-8")


def ingest_timed(store: Store, folder: Path, jobs: int) -> tuple[PhaseClock, int, float]:
    clock = PhaseClock()
    began = time.perf_counter()
    kwargs = {"jobs": jobs} if jobs != 1 else {}
    report = api.ingest(store, [str(folder)], clock=clock, **kwargs)
    elapsed = time.perf_counter() - began
    bad = [r for r in report.results if r.outcome not in ("added", "known")]
    if bad:
        raise SystemExit(f"{len(bad)} documents not stored cleanly: {bad[0]}")
    return clock, report.count("added"), elapsed


def line(label: str, clock: PhaseClock, added: int, elapsed: float) -> str:
    """docs/s (wall), then CPU ms per document of each phase (wall in parentheses)."""
    ms, wall = clock.ms_per_document(added, cpu=True), clock.ms_per_document(added)
    phases = "  ".join(f"{p} {ms[p]:.2f} ({wall[p]:.2f})" for p in PHASES if p in ms)
    cpu = sum(clock.cpu_seconds.values())
    each = sorted(clock.per_document)
    p95 = 1000 * each[int(0.95 * (len(each) - 1))] if each else 0.0
    worst = 1000 * each[-1] if each else 0.0
    return (f"{label:>9}: {added / elapsed:5.1f} docs/s wall, {added / cpu:5.1f} docs/s CPU; "
            f"CPU ms/doc (wall) {phases}; p95 {p95:.0f} ms, max {worst:.0f} ms wall")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000],
                    help="stored documents at which to measure")
    ap.add_argument("--docs", type=int, default=200, help="fresh reports measured per size")
    ap.add_argument("--fill", choices=("fast", "full"), default="fast")
    ap.add_argument("--future", action="store_true",
                    help="every other copy after the measured reports instead of before")
    ap.add_argument("--jobs", type=int, default=1, help="ingest --jobs for measured reports")
    ap.add_argument("--db", type=Path, default=None, help="keep the store here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "growth.db"
        if db_path.exists():
            raise SystemExit(f"{db_path} exists: give a new path")
        pool = [d for d in iter_documents([str(p) for p in article_folders()])
                if isinstance(d, Document)]
        input_bytes = sum(len(d.text.encode("utf-8")) for d in pool)
        words = sum(len(d.text.split()) for d in pool)
        print(f"pool: {len(pool)} real articles, {words / len(pool):.0f} words each on "
              f"average, {input_bytes / len(pool) / 1000:.1f} kB")

        began = time.process_time()
        extracted = [extract_mentions(d) for d in pool]  # also loads every resource once
        cpu = time.process_time() - began
        began = time.process_time()
        for d in pool:
            extract_mentions(d)
        warm = time.process_time() - began
        print(f"extraction alone, warm, one core: {len(pool) / warm:.0f} docs/s "
              f"({words / warm / 1000:.0f}k words/s; first pass with loading {cpu:.1f} s CPU)")

        with open_store(db_path) as store:
            clock, added, elapsed = ingest_timed(store, _corpus_copy(tmp), args.jobs)
            print(line(f"base {store.documents.count()}", clock, added, elapsed))
            english = [d for d in pool if d.language == "en"][:args.docs]
            sizes = sorted(args.sizes)
            k = len(sizes) + 1  # the measured reports' periods come first
            for c, size in enumerate(sizes, start=1):
                began = time.perf_counter()
                filled = 0
                while store.documents.count() + len(english) < size:
                    need = size - len(english) - store.documents.count()
                    pairs = [copy_of(d, m, k, future=args.future)
                             for d, m in zip(pool, extracted, strict=True)]
                    pairs = pairs[:need]
                    (fill_fast if args.fill == "fast" else fill_full)(store, pairs)
                    filled += len(pairs)
                    k += 1
                fill_s = time.perf_counter() - began
                fresh = Path(tmp) / f"fresh{size}"
                write_fresh(fresh, english, 4 * c)
                clock, added, elapsed = ingest_timed(store, fresh, args.jobs)
                print(line(f"at {store.documents.count()}", clock, added, elapsed)
                      + f"  (filled {filled} in {fill_s:.0f} s)")
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            stored = store.documents.count()
            text_bytes = store.db.query_one("SELECT sum(length(CAST(text AS BLOB))) "
                                            "FROM documents")[0]
        size_mb = db_path.stat().st_size / 1e6
        print(f"database: {size_mb:.1f} MB for {stored} documents = "
              f"{size_mb / stored * 1000:.1f} MB per 1,000 (their text: "
              f"{text_bytes / 1e6 / stored * 1000:.1f} MB per 1,000)")
        print(f"peak memory (max RSS): {max_rss_mb():.0f} MB")
        print(json.dumps({"stored": stored, "db_mb": round(size_mb, 1)}))


def _corpus_copy(tmp: str) -> Path:
    """The articles in one folder (a plain ingest of the corpus, as a monitor would do)."""
    target = Path(tmp) / "base"
    for folder in article_folders():
        shutil.copytree(folder, target / folder.parent.name)
    return target


if __name__ == "__main__":
    main()
