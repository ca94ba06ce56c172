"""Ingestion throughput: documents/s, MB/s, peak memory and database size per 1,000 documents.

Generates a corpus of synthetic news reports (~800 words each; two thirds plain text with a
``.meta.json`` sidecar, one third HTML pages with navigation and footer boilerplate) in a
temporary folder, then ingests it into a fresh SQLite database through ``api.ingest``, the
path the CLI takes. Extraction is off by default, so the numbers are those of ingestion
itself; ``--extract`` adds the NLP pipeline, fusion and the accords ledger.

    .venv/bin/python bench/bench_ingest.py                 # 3,000 documents, ingestion only
    .venv/bin/python bench/bench_ingest.py --docs 1000 --extract

Peak memory is the process's maximum resident set size (``ru_maxrss``), reported before and
after ingestion so that the cost of the libraries' import and of generation is visible. Most
of it is a fixed cost, not a per-document one: py3langid's model (a 100,053 x 142 float16
matrix and a 9.8-million-state automaton, unpacked from ``.xz``) takes about 100 MB while it
loads and 80 MB after, trafilatura with lxml about 30 MB; resident memory stays flat over a
batch, since documents are read and stored one at a time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PLACES = ["Chaman", "Spin Boldak", "Torkham", "Kurram", "Angoor Adda", "Bajaur", "Khost",
          "Paktika", "Kunar", "Nangarhar", "Kandahar", "Peshawar", "Quetta", "Kabul",
          "Islamabad", "North Waziristan", "South Waziristan", "Zhob", "Landi Kotal"]
ACTORS = ["Pakistani troops", "Afghan border forces", "Taliban fighters", "the Frontier Corps",
          "TTP militants", "local police", "tribal elders", "the information ministry",
          "a district official", "the army's media wing", "Qatari mediators",
          "Turkish diplomats", "residents", "traders", "a provincial spokesman"]
VERBS = ["exchanged fire near", "shelled positions around", "reported clashes in",
         "closed the crossing at", "accused the other side of attacks in",
         "held talks about", "announced a curfew in", "evacuated families from",
         "reopened the road to", "said drones struck targets near"]
TAILS = ["officials said on {day}.", "according to local media.",
         "in the latest breach of the ceasefire agreed in Doha.",
         "a claim the other side denied.", "leaving {n} people dead and {m} wounded.",
         "as talks in Istanbul stalled.", "witnesses told reporters by telephone.",
         "without any casualties being reported.", "the second such incident this week."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS_PER_DOC = 800


def sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(day=rng.choice(DAYS), n=rng.randint(1, 40),
                                    m=rng.randint(0, 90))
    return f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} {rng.choice(PLACES)}, {tail}"


def article(rng: random.Random) -> tuple[str, list[str]]:
    title = f"{rng.choice(ACTORS).capitalize()} {rng.choice(VERBS)} {rng.choice(PLACES)}"
    paragraphs: list[str] = []
    words = 0
    while words < WORDS_PER_DOC:
        para = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        paragraphs.append(para)
        words += len(para.split())
    return title, paragraphs


def generate(folder: Path, count: int, html_share: float, seed: int) -> int:
    """Write ``count`` documents; returns the bytes written (documents, not sidecars)."""
    rng = random.Random(seed)
    total = 0
    start = date(2025, 10, 1)
    for i in range(count):
        title, paragraphs = article(rng)
        published = start + timedelta(days=rng.randint(0, 60))
        sub = folder / f"batch{i // 500:02d}"
        sub.mkdir(exist_ok=True)
        if rng.random() < html_share:
            body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
            page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | "
                    f"Border Wire</title><meta property='og:site_name' content='Border Wire'>"
                    f"<meta property='article:published_time' content='{published}'></head>"
                    f"<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
                    f"<article><h1>{title}</h1>{body}</article>"
                    f"<footer>© 2025 Border Wire. Subscribe to our newsletter.</footer>"
                    f"</body></html>")
            data = page.encode("utf-8")
            (sub / f"doc{i:05d}.html").write_bytes(data)
        else:
            data = (title + "\n" + "\n".join(paragraphs) + "\n").encode("utf-8")
            (sub / f"doc{i:05d}.txt").write_bytes(data)
            meta = {"published": published.isoformat(), "outlet": "Border Wire",
                    "title": title, "language": "en" if rng.random() < 0.5 else None}
            (sub / f"doc{i:05d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        total += len(data)
    return total


#: four-digit Gregorian years in a report's text and sidecar (the extractor reads 1900-2099)
YEAR = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def years_back(text: str, years: int) -> str:
    """``text`` with every Gregorian year ``years`` earlier."""
    return YEAR.sub(lambda m: str(int(m.group(1)) - years), text)


def real_reports(folder: Path, count: int) -> int:
    """``count`` real reports in ``folder``: the annotated corpus's articles with their
    sidecars, then copies of them moved eight years back (every Gregorian year of text and
    sidecar; a closing line makes each copy a document of its own), so a store fills as a
    monitor's does: real wording, real places, the density of real reporting in every
    language, not one crowded synthetic month. Returns the copies written."""
    articles = sorted(CORPUS.glob("*/articles/*.txt"))
    if not articles:
        raise SystemExit(f"the annotated corpus is missing: {CORPUS}")
    made = 0
    for n in range(count):
        source = articles[n % len(articles)]
        text = source.read_text(encoding="utf-8")
        meta_path = source.with_suffix(".meta.json")
        meta = meta_path.read_text(encoding="utf-8") if meta_path.exists() else None
        name = source.stem
        if n >= len(articles):
            back = 8 * (n // len(articles))
            text = years_back(text, back) + f"\n\n(Archive copy, {back} years back.)\n"
            meta = meta and years_back(meta, back)
            name = f"back{back}_{name}"
            made += 1
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        if meta is not None:
            (folder / f"{name}.meta.json").write_text(meta, encoding="utf-8")
    return made


def max_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024  # bytes vs kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000, help="documents to generate")
    parser.add_argument("--html-share", type=float, default=1 / 3)
    parser.add_argument("--extract", action="store_true", help="also run extraction")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate into this folder and keep it (default: a temp dir)")
    args = parser.parse_args()

    from ceasewatch import api
    from ceasewatch.ingest.sources import iter_documents
    from ceasewatch.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        size = generate(corpus, args.docs, args.html_share, args.seed)
        print(f"generated {args.docs} documents, {size / 1e6:.1f} MB, in "
              f"{time.perf_counter() - t0:.1f} s")

        rss_before = max_rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        read = sum(1 for item in iter_documents([str(corpus)]) if hasattr(item, "text"))
        read_s, read_cpu = time.perf_counter() - t0, time.process_time() - c0
        print(f"read only (decode, extract HTML, metadata, language): {read} documents in "
              f"{read_s:.1f} s = {read / read_s:.0f} docs/s, {size / 1e6 / read_s:.2f} MB/s "
              f"(CPU {read_cpu:.1f} s)")

        db_path = Path(tmp) / "bench.db"
        with open_store(db_path) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            report = api.ingest(store, [str(corpus)], extract=args.extract)
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
            store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            stored = store.documents.count()
        rss_after = max_rss_mb()
        db_bytes = db_path.stat().st_size
        added = report.count("added")
        mode = "with extraction" if args.extract else "extraction off"
        print(f"ingest ({mode}): {added} added, {report.count('known')} known, "
              f"{report.count('rejected')} rejected, in {elapsed:.1f} s (CPU {cpu:.1f} s: "
              f"a wall time well above it means a busy machine)")
        print(f"  throughput: {added / elapsed:.0f} documents/s, {size / 1e6 / elapsed:.2f} MB/s")
        if args.extract:
            mentions = sum(r.mentions for r in report.results)
            print(f"  mentions extracted: {mentions}")
        print(f"  peak memory (max RSS): {rss_after:.0f} MB "
              f"(before ingestion: {rss_before:.0f} MB)")
        print(f"  database: {db_bytes / 1e6:.1f} MB for {stored} documents = "
              f"{db_bytes / 1e6 / stored * 1000:.1f} MB per 1,000 documents "
              f"(input {size / 1e6 / args.docs * 1000:.1f} MB per 1,000)")


if __name__ == "__main__":
    main()
