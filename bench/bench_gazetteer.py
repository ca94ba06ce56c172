"""World gazetteer: open time, memory and lookups/s of data/geo/world.sqlite.

    .venv/bin/python bench/bench_gazetteer.py [--lookups 50000] [--seed 7]

Times the first lookup (opening the file), then ``--lookups`` lookups of names drawn from the
file itself (hits) and of made-up names (misses), each among two countries, in one process.
Memory is the growth of the process's maximum resident set size over the run.
"""

from __future__ import annotations

import argparse
import random
import resource
import sqlite3
import time

from ceasewatch.nlp.world_places import WORLD_DB, get_world_gazetteer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lookups", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with sqlite3.connect(f"file:{WORLD_DB}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT name, country FROM places").fetchall()
    names = [rng.choice(rows) for _ in range(args.lookups // 2)]
    misses = [(f"Zq{rng.randrange(10**6)}", c) for _, c in names]
    countries = sorted({c for _, c in rows})
    queries = [(n, [c, rng.choice(countries)]) for n, c in names + misses]
    rng.shuffle(queries)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    world = get_world_gazetteer()
    world.lookup("Tyre", ["LB"])
    opened = time.perf_counter() - t0
    hits = 0
    t1 = time.perf_counter()
    for name, where in queries:
        hits += world.lookup(name, where) is not None
    elapsed = time.perf_counter() - t1
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"file             {WORLD_DB.stat().st_size / 1e6:.1f} MB, {len(rows):,} places")
    print(f"open + first     {opened * 1000:.1f} ms")
    print(f"lookups          {len(queries):,} ({hits:,} found) in {elapsed:.2f} s: "
          f"{len(queries) / elapsed:,.0f} lookups/s, {elapsed / len(queries) * 1e6:.1f} µs each")
    print(f"memory growth    {(rss1 - rss0) / 1024:.1f} MiB (max RSS)")


if __name__ == "__main__":
    main()
