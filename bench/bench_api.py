"""Requests per second of the event list API, and the time to build a situation report.

    .venv/bin/python bench/bench_api.py                      # 2,000 events, <=2,000 requests
    .venv/bin/python bench/bench_api.py --events 20000 --requests 5000 --seconds 10 --pdf

A store is filled with synthetic fused events (sites in Afghanistan and Pakistan over 2025,
each with one to three mentions in a few hundred documents). The web app runs in its own
process under uvicorn on 127.0.0.1 only, on a free port; a bounded number of requests
(``--requests``, stopped after ``--seconds`` anyway) is sent by ``--clients`` threads with
keep-alive, and the script prints requests/s and latency percentiles for ``/api/events``
(first page of 50) and for a filtered query (one month, one type, a bounding box), then for
pages at changing offsets (every request a new query, nothing answered from the cache) and
with ``If-None-Match`` (304s). The same load against a bare Starlette handler that returns
the first page's bytes as sent (gzip), served by uvicorn in the same way in the same run, gives the
ratio: how much of the machine's ceiling the API reaches. Then a 4 MiB report is uploaded
(``--big-mib``) and pages at changing offsets are read while it is being ingested: the
latencies of those reads are printed. Then the sitrep for the busiest week is built and
rendered to HTML (and to PDF with ``--pdf``), timed.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from ceasewatch.records import Actor, Casualties, Document, Event, Mention, Place, content_hash
from ceasewatch.store import Store, open_store

SITES = [("Spin Boldak", "AF", 31.0055, 66.3999), ("Chaman", "PK", 30.9210, 66.4597),
         ("Torkham", "AF", 34.1000, 71.0833), ("Kurram", "PK", 33.7, 70.2),
         ("Angoor Adda", "PK", 32.32, 69.33), ("Barmal", "AF", 32.72, 69.06),
         ("Kabul", "AF", 34.5553, 69.2075), ("Bajaur", "PK", 34.83, 71.5)]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Strategic developments", "Agreement")]
PK = Actor("Military Forces of Pakistan", "state_forces", "PK", "PK")
AF = Actor("Military Forces of Afghanistan (Taliban)", "state_forces", "AF", "AF")


def fill(store: Store, n_events: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    n_docs = max(10, n_events // 10)
    docs = []
    for i in range(n_docs):
        text = " ".join(f"Report {i}: clashes near {s[0]} killed several people." for s in SITES)
        docs.append(Document(id=content_hash(text), text=text, origin=f"bench/{i}.txt",
                             name=f"bench-{i:05d}.txt", format="text",
                             published=date(2025, 1, 1) + timedelta(days=i % 365)))
    by_doc: dict[str, list[Mention]] = {}
    events: list[Event] = []
    for i in range(n_events):  # build first: mentions are stored before events link to them
        site = rng.choice(SITES)
        etype, sub = rng.choice(TYPES)
        day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
        low = rng.randrange(0, 12)
        place = Place(site[0], site[1], None, site[2], site[3], "locality", "geonames")
        ms = []
        for k in range(rng.randint(1, 3)):
            doc = rng.choice(docs)
            ev = f"clashes near {site[0]}"
            start = doc.text.find(ev)
            ms.append(Mention(id=f"m{i}-{k}", doc_id=doc.id, doc_name=doc.name,
                              native_type=sub.lower(), event_date=day,
                              date_precision="day", evidence=ev, evidence_start=start,
                              evidence_end=start + len(ev), event_type=etype,
                              sub_event_type=sub, place=place))
        for m in ms:
            by_doc.setdefault(m.doc_id, []).append(m)
        event = Event(id=f"e{i:06d}", native_type=sub.lower(), event_date=day,
                      date_precision="day", event_type=etype, sub_event_type=sub,
                      actor1=PK if i % 2 else AF, actor2=AF if i % 2 else PK, place=place,
                      fatalities=Casualties(low, None, low + rng.randrange(0, 5)),
                      mention_ids=tuple(m.id for m in ms),
                      sources=tuple(dict.fromkeys(m.doc_name for m in ms)),
                      independent_sources=len({m.doc_id for m in ms}))
        events.append(event)
    with store.atomic():
        for d in docs:
            store.documents.add(d)
        for doc_id, mentions in by_doc.items():
            store.mentions.replace_for_document(doc_id, mentions)
        for event in events:
            store.events.save(event)
            for mention_id in event.mention_ids:
                store.events.link(event.id, mention_id, "bench")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


TOKEN = "bench-token"
BARE = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route
body = open(sys.argv[1], 'rb').read()
gzipped = sys.argv[3] == 'gzip'
async def events(request):
    headers = {'Content-Encoding': 'gzip'} if gzipped else {}
    return Response(body, media_type='application/json', headers=headers)
app = Starlette(routes=[Route('/api/events', events)])
uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[2]), log_level='warning',
            access_log=False)
"""


def start_server(db: Path, port: int, bare_body: Path | None = None, encoding: str = ""
                 ) -> subprocess.Popen[bytes]:
    if bare_body is not None:
        proc = subprocess.Popen([sys.executable, "-c", BARE, str(bare_body), str(port),
                                 encoding or "identity"])
    else:
        code = ("import uvicorn; from ceasewatch.web.app import create_app; "
                f"uvicorn.run(create_app({str(db)!r}, token={TOKEN!r}, upload_process=True), "
                f"host='127.0.0.1', "
                f"port={port}, log_level='warning', access_log=False)")
        proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events").status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the server did not start")


def load(url: str | list[str], requests: int, seconds: float, clients: int,
         headers: dict[str, str] | None = None) -> dict[str, float]:
    """``url`` again and again, or each of a list of URLs in turn."""
    latencies: list[float] = []
    lock = threading.Lock()
    left = [requests]
    stop_at = time.monotonic() + seconds
    failures = [0]

    urls = [url] if isinstance(url, str) else url
    expected = 304 if headers and "If-None-Match" in headers else 200

    def worker() -> None:
        with httpx.Client(timeout=30, headers=headers) as client:
            while time.monotonic() < stop_at:
                with lock:
                    if left[0] <= 0:
                        return
                    left[0] -= 1
                    target = urls[left[0] % len(urls)]
                t0 = time.perf_counter()
                response = client.get(target)
                took = time.perf_counter() - t0
                with lock:
                    latencies.append(took)
                    if response.status_code != expected:
                        failures[0] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {"requests": len(latencies), "failures": failures[0], "seconds": wall,
            "rps": len(latencies) / wall if wall else 0.0,
            "p50_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
            "max_ms": 1000 * latencies[-1]}


def report(label: str, r: dict[str, float], clients: int) -> None:
    print(f"{label}: {r['rps']:.0f} requests/s ({r['requests']:.0f} requests, "
          f"{r['failures']:.0f} failed, {clients} clients, {r['seconds']:.1f} s; "
          f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, max {r['max_ms']:.1f} ms)")


def big_report(mib: float, event_share: float = 0.001) -> bytes:
    """A long article, ``mib`` MiB of text, one sentence in ``1 / event_share`` an event."""
    rng = random.Random(11)
    places = [s[0] for s in SITES]
    out: list[str] = []
    size = 0
    filler = ["Analysts said the talks would take time.", "Traders waited at the crossing.",
              "The statement did not name the units involved.",
              "Residents described a tense but quiet night."]
    while size < mib * 1024 * 1024:
        if rng.random() < event_share:
            line = (f"On {rng.randint(1, 28)} June 2025, "
                    f"{rng.choice(['Pakistani', 'Afghan'])} forces "
                    f"{rng.choice(['shelled', 'clashed near', 'fired on posts at'])} "
                    f"{rng.choice(places)}, killing {rng.randint(1, 9)} people.")
        else:
            line = rng.choice(filler)
        out.append(line)
        size += len(line) + 1
    return "\n".join(out).encode("utf-8")


def reads_during_upload(base: str, mib: float, clients: int) -> None:
    """Latency of uncached reads while the server ingests one big uploaded report."""
    data = big_report(mib)
    done = threading.Event()
    upload: dict[str, float] = {}

    def send() -> None:
        t0 = time.perf_counter()
        r = httpx.post(f"{base}/api/documents", files={"file": ("big.txt", data)},
                       headers={"Authorization": f"Bearer {TOKEN}"}, timeout=900)
        upload["seconds"] = time.perf_counter() - t0
        upload["status"] = r.status_code
        done.set()

    thread = threading.Thread(target=send)
    thread.start()
    latencies: list[float] = []
    n = 0
    with httpx.Client(timeout=30) as client:
        while not done.is_set():
            n += 1
            t0 = time.perf_counter()
            client.get(f"{base}/api/events?limit=50&offset={(n * 37) % 1900}")
            latencies.append(time.perf_counter() - t0)
    thread.join()
    latencies.sort()
    p95 = 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    print(f"reads while a {mib:g} MiB report is ingested (upload {upload['status']:.0f} in "
          f"{upload['seconds']:.1f} s): {len(latencies)} uncached pages, p50 "
          f"{1000 * statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max "
          f"{1000 * latencies[-1]:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=2000, help="upper bound per URL")
    ap.add_argument("--seconds", type=float, default=10.0, help="upper bound per URL")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--pdf", action="store_true", help="also time the PDF sitrep")
    ap.add_argument("--big-mib", type=float, default=4.0,
                    help="size of the report uploaded while reads are timed (0: skip)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        with open_store(db) as store:
            fill(store, args.events)
        print(f"store: {args.events} events in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        proc = start_server(db, port)
        results: dict[str, dict[str, float]] = {}
        try:
            base = f"http://127.0.0.1:{port}"
            first = f"{base}/api/events?limit=50"
            with httpx.stream("GET", first) as raw:  # the bytes as sent (gzip)
                page_body = b"".join(raw.iter_raw())
                encoding = raw.headers.get("content-encoding", "")
            etag = httpx.get(first).headers.get("etag", "")
            pages = [f"{base}/api/events?limit=50&offset={(i * 37) % max(args.events - 50, 1)}"
                     for i in range(args.requests)]
            for label, url, headers in (
                ("/api/events (first 50)", first, None),
                ("/api/events (filtered)", f"{base}/api/events?from=2025-06-01&to=2025-06-30"
                                           "&type=Battles&bbox=60,29,72,36&limit=50", None),
                ("/api/events (a new offset each request, no cache)", pages, None),
                ("/api/events (If-None-Match: 304)", first, {"If-None-Match": etag}),
            ):
                results[label] = load(url, args.requests, args.seconds, args.clients, headers)
                report(label, results[label], args.clients)
            if args.big_mib:
                reads_during_upload(base, args.big_mib, 1)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        body_file = Path(tmp) / "page.json"
        body_file.write_bytes(page_body)
        port = free_port()
        proc = start_server(db, port, bare_body=body_file, encoding=encoding)
        try:
            bare = load(f"http://127.0.0.1:{port}/api/events", args.requests, args.seconds,
                        args.clients)
            report("bare Starlette handler, same bytes", bare, args.clients)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
        ours = results["/api/events (first 50)"]
        uncached = results["/api/events (a new offset each request, no cache)"]
        print(f"ratio to the bare handler: {ours['rps'] / bare['rps']:.2f} (first page), "
              f"{uncached['rps'] / bare['rps']:.2f} (uncached pages)")

        from ceasewatch.reports.render import render_html, render_pdf
        from ceasewatch.reports.sitrep import build_sitrep

        with open_store(db) as store:
            end = date(2025, 6, 30)
            t0 = time.perf_counter()
            model = build_sitrep(store, end - timedelta(days=6), end, theater="afpak")
            built = time.perf_counter() - t0
            t1 = time.perf_counter()
            html = render_html(model)
            rendered = time.perf_counter() - t1
            print(f"sitrep (week to {end}, {model['counts']['events']} events): model "
                  f"{built * 1000:.0f} ms, HTML {rendered * 1000:.0f} ms "
                  f"({len(html) // 1024} KiB)")
            if args.pdf:
                t2 = time.perf_counter()
                pdf = render_pdf(model)
                print(f"sitrep PDF: {time.perf_counter() - t2:.2f} s ({len(pdf) // 1024} KiB)")


if __name__ == "__main__":
    main()
