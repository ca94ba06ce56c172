"""Teams and scale: concurrent ingest on SQLite and PostgreSQL, backfills on Dask and Spark,
and fusion cost per added document as the store grows.

    .venv/bin/python bench/bench_scale.py                       # everything, defaults
    .venv/bin/python bench/bench_scale.py --docs 200 --fusion-sizes 10000 100000 1000000
    .venv/bin/python bench/bench_scale.py --skip-fusion --pg postgresql://me@db:5432/bench

1. **Ingest** (``ceasewatch ingest``, extraction and fusion on): the generated corpus split
   between 1 and 2 real processes writing to one SQLite file, then to one PostgreSQL
   database (``--pg URL``, or a throw-away cluster started as the tests do). documents/s is
   the corpus over the wall time of the slowest process.
2. **Backfill** (``ceasewatch backfill``): the same corpus with ``--engine local`` (one
   process), ``dask`` and ``spark`` on 2 local workers, into SQLite.
3. **Fusion** per added document at each ``--fusion-sizes`` stored events (synthetic, from
   ``bench_fusion.py``): it should stay flat as the store grows.

Peak memory is the largest resident set of the run's processes (``RUSAGE_CHILDREN`` of a
fresh wrapper process per run, so one run's peak never hides another's). The corpus is the
crowded synthetic one of ``bench_ingest.py`` (~800 words, about eleven events a report, in
one month at a few border towns: the worst case for fusion) or, with ``--real``, real
reports (``bench_ingest.real_reports``); timings on a shared 2-core machine vary by ±15 %.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]


def _measured(argvs: list[list[str]]) -> tuple[float, float, list[int]]:
    """Run the commands at once in a fresh wrapper; (wall s, peak MB, exit statuses)."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "argvs = json.loads(sys.argv[1])\n"
        "t = time.perf_counter()\n"
        "procs = [subprocess.Popen(a, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)"
        " for a in argvs]\n"
        "codes = [p.wait() for p in procs]\n"
        "wall = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps([wall, rss, codes]))\n")
    out = subprocess.run([sys.executable, "-c", wrapper, json.dumps(argvs)], check=True,
                         capture_output=True, text=True).stdout
    wall, rss, codes = json.loads(out)
    return float(wall), float(rss), [int(c) for c in codes]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "ceasewatch", *args]


def _files(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*") if p.suffix in (".txt", ".html"))


def measure_ingest(corpus: Path, tmp: Path, pg_url_for: object, workers: tuple[int, ...]
                 ) -> list[tuple[str, int, float, float]]:
    files = _files(corpus)
    rows = []
    backends = ["sqlite"] + (["postgresql"] if pg_url_for else [])
    for backend in backends:
        for w in workers:
            target = (str(tmp / f"ingest-{w}.db") if backend == "sqlite"
                      else pg_url_for())  # type: ignore[operator]
            subprocess.run(_cli("init", "--db", target), check=True, capture_output=True)
            shares = [files[i::w] for i in range(w)]
            wall, rss, codes = _measured([_cli("--db", target, "ingest", *s) for s in shares])
            if any(c not in (0, 1) for c in codes):
                raise SystemExit(f"ingest failed ({backend}, {w} workers): {codes}")
            rows.append((backend, w, len(files) / wall, rss))
            print(f"ingest   {backend:<10} {w} worker(s) {len(files) / wall:8.2f} docs/s "
                  f"{rss:8.0f} MB peak", flush=True)
    return rows


def measure_backfill(corpus: Path, tmp: Path, engines: list[str]) -> None:
    n = len(_files(corpus))
    for engine in engines:
        target = str(tmp / f"backfill-{engine}.db")
        wall, rss, codes = _measured([_cli("--db", target, "backfill", str(corpus),
                                           "--engine", engine, "--workers", "2")])
        if codes != [0]:
            print(f"backfill {engine:<10} failed (exit {codes[0]}): is its extra installed?")
            continue
        print(f"backfill {engine:<10} 2 worker(s) {n / wall:8.2f} docs/s {rss:8.0f} MB peak"
              + ("  (one process)" if engine == "local" else ""), flush=True)


def measure_fusion(sizes: list[int], docs: int) -> None:
    import bench_fusion

    for size in sizes:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        r = bench_fusion.run(size, docs, 40, 7)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"fusion   {size:>9} stored events {r['mean_ms']:8.2f} ms/doc (p95 "
              f"{r['p95_ms']:.2f}) {r['candidates_per_mention']:6.1f} candidates/mention "
              f"{max(before, after):8.0f} MB peak (fill {r['fill_s']:.0f} s)", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=160, help="documents in the corpus")
    parser.add_argument("--real", action="store_true",
                        help="real reports (the annotated corpus, copies moved back in time "
                        "beyond its 1,237 articles) instead of crowded synthetic ones")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--pg", default=None, help="a PostgreSQL server URL (database "
                        "'postgres' is used to create throw-away databases)")
    parser.add_argument("--engines", nargs="+", default=["local", "dask", "spark"])
    parser.add_argument("--fusion-sizes", type=int, nargs="+",
                        default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--fusion-docs", type=int, default=100)
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-backfill", action="store_true")
    parser.add_argument("--skip-fusion", action="store_true")
    args = parser.parse_args(argv)

    import bench_ingest

    cluster = None
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus"
        corpus.mkdir()
        if args.real:
            bench_ingest.real_reports(corpus, args.docs)
            print(f"corpus: {args.docs} real reports (~210 words), {os.cpu_count()} CPUs",
                  flush=True)
        else:
            bench_ingest.generate(corpus, args.docs, 1 / 3, 7)
            print(f"corpus: {args.docs} synthetic reports (~800 words), {os.cpu_count()} "
                  "CPUs", flush=True)
        try:
            pg_url_for = None
            if not args.skip_ingest:
                pg_url_for, cluster = _postgres(args.pg)
                measure_ingest(corpus, tmp, pg_url_for, tuple(args.workers))
            if not args.skip_backfill:
                measure_backfill(corpus, tmp, args.engines)
        finally:
            if cluster is not None:
                cluster.stop()
    if not args.skip_fusion:
        measure_fusion(args.fusion_sizes, args.fusion_docs)
    return 0


def _postgres(url: str | None) -> tuple[object, object]:
    """A function giving a fresh database's URL, and the throw-away cluster to stop."""
    import uuid

    if url:
        import psycopg

        def fresh() -> str:
            name = "bench_" + uuid.uuid4().hex[:10]
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            return url.rsplit("/", 1)[0] + "/" + name

        return fresh, None
    import pg_cluster

    started = pg_cluster.start()
    if isinstance(started, str):
        print(f"ingest   postgresql skipped: {started}", flush=True)
        return None, None
    return started.new_database, started


if __name__ == "__main__":
    sys.exit(main())
