"""Fusion cost per added document, with 1k, 10k and 100k events already in the store.

    .venv/bin/python bench/bench_fusion.py                 # 1000 10000 100000 events
    .venv/bin/python bench/bench_fusion.py --sizes 1000 --docs 100

The store is filled with synthetic events (one report each, from one document) at a constant
density — ``--per-day`` events a day over sites in five countries, as a multi-theater monitor
would hold — so a larger store covers a longer period. Then ``--docs`` new documents, each
with a few mentions (re-reports of stored incidents, new incidents, talks), are ingested the
way ``api.analyse_document`` does (store document and mentions, ``fuse_mentions``, one
transaction each) and timed. Blocking reads only the events of compatible types, in the
report's country, in its date window, so the cost per document should stay flat as the store
grows; the script prints ms/document, candidates read per mention and attach/create counts.

``--pg`` runs the same on PostgreSQL (``--pg URL`` of a server whose ``postgres`` database
may create throw-away ones, or ``--pg auto``: a cluster started as the tests do), once with
the spatial candidate lookup (PostGIS answers ``block_places(near=...)``) and once without it
on the same store, and prints the rows the candidate lookup reads per mention and ms per
added document for each. ``--busy`` fills one large country instead (``--per-day`` events a
day at 2,000 sites spread over it, as in a month of heavy fighting), where most rows of a
window are at sites too far away to match:

    .venv/bin/python bench/bench_fusion.py --pg auto --busy --per-day 300 --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ceasewatch.fusion import clustering, fuse_mentions
from ceasewatch.fusion.knowledge import FusionKnowledge
from ceasewatch.records import (
    Actor,
    Casualties,
    Document,
    Event,
    Mention,
    Place,
    content_hash,
)
from ceasewatch.store import Store, open_store

START = date(2018, 1, 1)
COUNTRIES = {"AF": (33.0, 65.0), "PK": (30.0, 70.0), "SY": (35.0, 38.0), "UA": (48.5, 35.0),
             "SD": (14.0, 30.0)}
TYPES = ["armed_clash", "air_strike", "shelling", "explosion", "attack_on_civilians",
         "arrest", "border_closure", "diplomatic_visit"]
WORDS = ("troops fired clash border officials said civilians killed wounded district village "
         "night morning ministry statement shelling artillery convoy crossing talks delegation "
         "spokesman denied accused retaliated province police militants attack post").split()


#: ``--busy``: one large country, about 1,400 km by 1,600 km
BUSY_COUNTRY = ("SD", (9.0, 22.0), (22.0, 38.0))


def busy_sites(rng: random.Random, n: int = 2000) -> list[Place]:
    country, (lat0, lat1), (lon0, lon1) = BUSY_COUNTRY
    return [Place(f"Site {i}", country, f"{country} region {i % 18}", rng.uniform(lat0, lat1),
                  rng.uniform(lon0, lon1), "locality") for i in range(n)]


def sites(rng: random.Random, n: int = 250) -> list[Place]:
    out = []
    for i in range(n):
        country = list(COUNTRIES)[i % len(COUNTRIES)]
        lat, lon = COUNTRIES[country]
        out.append(Place(f"Site {i}", country, f"{country} region {i % 12}",
                         lat + rng.uniform(-3, 3), lon + rng.uniform(-3, 3), "locality"))
    return out


def text(rng: random.Random, words: int = 120) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + f" {rng.random()}"


def document(rng: random.Random, name: str, day: date) -> Document:
    body = text(rng)
    return Document(id=content_hash(body), text=body, origin=f"bench/{name}", name=name,
                    format="text", published=day, published_precision="day", language="en")


def mention(doc: Document, n: int, native_type: str, day: date, place: Place | None,
            precision: str = "day") -> Mention:
    side = {"AF": "AF", "PK": "PK"}.get(place.country or "", "X") if place else "X"
    return Mention(id=f"{doc.id[:12]}-{n}", doc_id=doc.id, doc_name=doc.name,
                   native_type=native_type, event_date=day, date_precision=precision,  # type: ignore[arg-type]
                   evidence=f"{native_type} at {place.name if place else '?'}",
                   evidence_start=n * 100, evidence_end=n * 100 + 40, place=place,
                   actor1=Actor(f"Forces {side}", "state_forces", side, side),
                   fatalities=Casualties(n, n, n), language="en")


def fill(store: Store, size: int, per_day: int, rng: random.Random,
         places: list[Place]) -> list[tuple[date, Place, str]]:
    """``size`` events, one report each, written straight to the store (no clustering)."""
    incidents = []
    with store.atomic():
        for i in range(size):
            day = START + timedelta(days=i // per_day)
            place, native_type = rng.choice(places), rng.choice(TYPES)
            doc = document(rng, f"seed-{i}.txt", day)
            m = mention(doc, 0, native_type, day, place)
            store.documents.add(doc)
            store.mentions.replace_for_document(doc.id, [m])
            event_id = f"ev-bench-{i}"
            store.events.save(Event(id=event_id, native_type=native_type, event_date=day,
                                    date_precision="day", place=place, actor1=m.actor1,
                                    mention_ids=(m.id,), sources=(doc.name,),
                                    independent_sources=1))
            store.events.link(event_id, m.id, "bench fill")
            store.events.assign(m.id, event_id, doc.id, manual=False)
            incidents.append((day, place, native_type))
    return incidents


def run(size: int, docs: int, per_day: int, seed: int, *,
        busy: bool = False) -> dict[str, float]:
    """Fusion of ``docs`` new documents into a SQLite store of ``size`` events."""
    rng = random.Random(seed)
    places = busy_sites(rng) if busy else sites(rng)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        incidents = fill(store, size, per_day, rng, places)
        fill_s = time.perf_counter() - t0
        r = measure(store, docs, rng, incidents, places)
    return {"events": size, "fill_s": fill_s, **r}


def run_postgres(url: str, size: int, docs: int, per_day: int, seed: int, *,
                 busy: bool = False) -> list[dict[str, float]]:
    """One PostgreSQL store of ``size`` events, fused into with and without the spatial
    lookup (``spatial`` 1/0), each pass adding its own ``docs`` documents."""
    rng = random.Random(seed)
    places = busy_sites(rng) if busy else sites(rng)
    out = []
    with open_store(url) as store:
        if not store.events.spatial_lookup:
            raise SystemExit(f"no PostGIS on {store.target} ({store.spatial}): nothing to compare")
        t0 = time.perf_counter()
        incidents = fill(store, size, per_day, rng, places)
        fill_s = time.perf_counter() - t0
        store.db.query("ANALYZE events")
        for spatial in (False, True, False, True):  # twice each, interleaved: a warm cache
            # the switch fusion reads (EventRepository.spatial_lookup): off, the store answers
            # block_places as it does without PostGIS, reading the whole window
            store.events._postgis = spatial
            r = measure(store, docs, rng, incidents, places)
            out.append({"events": size, "fill_s": fill_s, "spatial": float(spatial), **r})
        store.events._postgis = True
    return out[2:]


def measure(store: Store, docs: int, rng: random.Random,
            incidents: list[tuple[date, Place, str]], places: list[Place]) -> dict[str, float]:
    """Add ``docs`` documents the way ``api.analyse_document`` does; what fusion cost."""
    read: list[int] = []
    rows: list[int] = []
    site_ms: list[float] = []  # the whole candidate lookup of each site-bound mention
    original = clustering.candidate_events
    original_places = store.events.block_places

    def counting(store: Store, mention: Mention, k: FusionKnowledge, *,
                 campaign: bool = False, rejected: list[str] | None = None
                 ) -> list[Event]:
        before = len(rows)
        t = time.perf_counter()
        found = original(store, mention, k, campaign=campaign, rejected=rejected)
        took = time.perf_counter() - t
        read.append(len(found))  # how many stored events blocking hands to scoring
        if len(rows) > before:  # site-bound: rows the lookup read, summed over its windows
            rows[before:] = [sum(rows[before:])]
            site_ms.append(took * 1000)
        return found

    def counting_places(*args: Any, **kwargs: Any) -> list[tuple[str, Place | None]]:
        got = original_places(*args, **kwargs)
        rows.append(len(got))
        return got

    clustering.candidate_events = counting
    store.events.block_places = counting_places  # type: ignore[method-assign]
    timings, touched = [], 0
    try:
        for j in range(docs):
            day, place, native_type = rng.choice(incidents)
            doc = document(rng, f"new-{j}-{rng.random()}.txt", day + timedelta(days=1))
            fresh = rng.choice(places)
            ms = [mention(doc, 0, native_type, day + timedelta(days=rng.choice([0, 0, 1])),
                          place),  # a re-report of a stored incident
                  mention(doc, 1, rng.choice(TYPES), day, fresh),  # another incident
                  mention(doc, 2, "talks_held", day, None),
                  mention(doc, 3, "armed_clash", day.replace(day=15), None, "month")]
            t = time.perf_counter()
            with store.atomic():
                store.documents.add(doc)
                store.mentions.replace_for_document(doc.id, ms)
                touched += len(fuse_mentions(store, ms))
            timings.append(time.perf_counter() - t)
    finally:
        clustering.candidate_events = original
        del store.events.block_places
    ms_per_doc = [t * 1000 for t in timings]
    return {"mean_ms": statistics.mean(ms_per_doc), "p50_ms": statistics.median(ms_per_doc),
            "p95_ms": sorted(ms_per_doc)[int(0.95 * (len(ms_per_doc) - 1))],
            "candidates_per_mention": statistics.mean(read) if read else 0.0,
            "rows_per_site_lookup": statistics.mean(rows) if rows else 0.0,
            "ms_per_site_lookup": statistics.mean(site_ms) if site_ms else 0.0,
            "events_after": store.events.count(), "touched": touched}


def _postgres_urls(where: str) -> tuple[Callable[[], str], Callable[[], None]]:
    """A function giving a fresh database's URL, and one that cleans up."""
    if where != "auto":
        import psycopg

        def fresh() -> str:
            name = "bench_" + uuid.uuid4().hex[:10]
            with psycopg.connect(where, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name}")
            return where.rsplit("/", 1)[0] + "/" + name

        return fresh, lambda: None
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import pg_cluster

    started = pg_cluster.start()
    if isinstance(started, str):
        raise SystemExit(f"no PostgreSQL: {started}")
    return started.new_database, started.stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--docs", type=int, default=200, help="documents added per size")
    parser.add_argument("--per-day", type=int, default=40, help="stored events per day")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--busy", action="store_true", help="one large, busy country")
    parser.add_argument("--pg", default=None, metavar="URL|auto",
                        help="PostgreSQL, with and without the spatial candidate lookup")
    args = parser.parse_args(argv)
    if args.pg:
        fresh, done = _postgres_urls(args.pg)
        print(f"{'events':>8} {'spatial':>8} {'fill s':>8} {'ms/doc':>8} {'p50':>7} {'p95':>7} "
              f"{'rows/site lookup':>17} {'ms/site lookup':>15} {'cand/mention':>13}")
        try:
            for size in args.sizes:
                for r in run_postgres(fresh(), size, args.docs, args.per_day, args.seed,
                                      busy=args.busy):
                    print(f"{r['events']:>8} {'on' if r['spatial'] else 'off':>8} "
                          f"{r['fill_s']:>8.1f} {r['mean_ms']:>8.2f} {r['p50_ms']:>7.2f} "
                          f"{r['p95_ms']:>7.2f} {r['rows_per_site_lookup']:>17.1f} "
                          f"{r['ms_per_site_lookup']:>15.2f} "
                          f"{r['candidates_per_mention']:>13.1f}", flush=True)
        finally:
            done()
        return 0
    print(f"{'events':>8} {'fill s':>8} {'ms/doc':>8} {'p50':>7} {'p95':>7} "
          f"{'cand/mention':>13} {'events after':>13}")
    for size in args.sizes:
        r = run(size, args.docs, args.per_day, args.seed, busy=args.busy)
        print(f"{r['events']:>8} {r['fill_s']:>8.1f} {r['mean_ms']:>8.2f} {r['p50_ms']:>7.2f} "
              f"{r['p95_ms']:>7.2f} {r['candidates_per_mention']:>13.1f} "
              f"{r['events_after']:>13}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
