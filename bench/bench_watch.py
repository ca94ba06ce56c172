"""Live monitoring: polls/s over many watched sources, and report-to-map latency.

    .venv/bin/python bench/bench_watch.py                  # 100 sources, 5 latency rounds
    .venv/bin/python bench/bench_watch.py --sources 300 --entries 30 --rounds 10

Everything is local (127.0.0.1): a feed server with ``--sources`` RSS feeds of ``--entries``
entries each, and a webhook receiver.

1. **polls/s**: one ``watch --once`` cycle over every source, three ways: the first poll (every
   entry new: read, extracted, fused), a poll where the server answers ``304 Not Modified`` to
   the conditional GET (the common case), and one where the server ignores the validators and
   sends every feed whole again (every entry is skipped by its digest, nothing re-extracted).
2. **report-to-map latency**: ``ceasewatch serve --watch`` runs in its own process on the store
   with one source polled every second and a violation rule posting to the webhook receiver;
   each round publishes a new entry (a new shelling incident after the Doha accord) and times,
   from the start of the poll that sees it (the watcher's own log line), until the event is
   listed by ``GET /api/events`` and until its alert reaches the webhook — and, for the
   reader's sake, from the moment it was published (which adds the wait for the next poll).

Prints polls/s, documents/s, latency percentiles and peak memory (this process and the
server's).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from watch_fixtures import SiteServer, WebhookReceiver, rss, serving  # noqa: E402

from ceasewatch import api  # noqa: E402
from ceasewatch.store import open_store  # noqa: E402

PLACES = [("Spin Boldak", "Kandahar"), ("Gurbuz", "Khost"), ("Dand-e-Patan", "Paktia"),
          ("Barmal", "Paktika"), ("Dangam", "Kunar"), ("Nazyan", "Nangarhar"),
          ("Shorabak", "Kandahar"), ("Zazai Maidan", "Khost"), ("Lalpur", "Nangarhar"),
          ("Sarkano", "Kunar")]


def incident(i: int) -> str:
    place, province = PLACES[i % len(PLACES)]
    day = 1 + (i * 3) % 28
    return (f"KABUL, Nov {day} (Test News) - Pakistani forces fired mortar shells into {place} "
            f"district of {province} province on November {day}, killing {2 + i % 9} civilians, "
            f"local officials said. Residents said several houses were damaged.")


def background(source: int, entry: int) -> str:
    # no event in it: a feed's everyday filler (a report that fuses into one huge event would
    # time fusion's rebuild of that event, which bench_fusion.py measures, not the watcher)
    return (f"Report {source}-{entry}: The provincial education department said new school "
            f"books arrived this week for the spring term, and teachers welcomed the delivery.")


def entries(source: int, n: int) -> list[dict[str, str]]:
    return [{"guid": f"s{source}-e{e}", "title": f"Market report {source}-{e}",
             "link": f"http://127.0.0.1/none/{source}/{e}", "description": background(source, e),
             "date": "Wed, 05 Nov 2025 08:00:00 +0000"} for e in range(n)]


def quiet(_: dict[str, Any]) -> None:
    pass


def bench_polls(n_sources: int, n_entries: int, folder: Path) -> None:
    with serving(SiteServer()) as site, open_store(folder / "polls.db") as store:
        for s in range(n_sources):
            site.set(f"/feed/{s}.xml", rss(f"Outlet {s}", entries(s, n_entries)))
            api.add_source(store, f"{site.base}/feed/{s}.xml", name=f"outlet-{s}", every="1s",
                           language="en", full_articles=False)

        def cycle(label: str) -> None:
            store.db.conn.execute("UPDATE sources SET next_due = '2000-01-01'")
            start = time.perf_counter()
            summary = api.watch(store, once=True, log=quiet)
            took = time.perf_counter() - start
            docs = store.documents.count()
            print(f"{label:<46} {summary.polls:>4} polls in {took:6.2f} s = "
                  f"{summary.polls / took:7.1f} polls/s ({summary.errors} errors; "
                  f"{docs} documents stored)")

        api.ingest_documents(store, [])  # nothing: load nothing yet
        start = time.perf_counter()
        cycle("first poll (every entry new, extracted)")
        print(f"{'':<46} {store.documents.count() / (time.perf_counter() - start):.1f} docs/s "
              f"end to end (fetch, read, extract, fuse, ledger)")
        cycle("304 Not Modified (conditional GET)")
        for route in site.routes.values():
            route.conditional = False
        cycle("200, unchanged entries (skipped by digest)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_latency(rounds: int, folder: Path) -> None:
    db = folder / "latency.db"
    with serving(SiteServer()) as site, serving(WebhookReceiver()) as hook:
        published: list[dict[str, str]] = []
        site.set("/feed.xml", rss("Test News", entries(0, 3)))
        with open_store(db) as store:
            api.add_source(store, f"{site.base}/feed.xml", name="latency", every="1s",
                           language="en", full_articles=False)
            api.add_alert_rule(store, "violation", {}, webhook=hook.url)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "ceasewatch", "--db", str(db), "serve", "--watch",
             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
        polls: list[dict[str, Any]] = []
        reader = threading.Thread(target=_read_log, args=(server, polls), daemon=True)
        reader.start()
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10)
        _wait_up(client)
        while not any(p.get("event") == "fetch" and p.get("status") != "error" for p in polls):
            time.sleep(0.05)  # the first poll has read the background entries
        to_map, to_hook, since_publish = [], [], []
        try:
            for i in range(rounds):
                time.sleep(0.3)
                known = {e["id"] for e in client.get("/api/events?limit=1000").json()["items"]}
                hooks = len(hook.received)
                published.append({"guid": f"incident-{i}", "title": f"Shelling {i}",
                                  "link": f"http://127.0.0.1/none/{i}",
                                  "description": incident(i),
                                  "date": "Wed, 05 Nov 2025 08:00:00 +0000"})
                site.set("/feed.xml", rss("Test News", entries(0, 3) + published))
                t_pub = time.time()
                t_map = t_hook = None
                while t_map is None or t_hook is None:
                    if t_map is None:
                        ids = {e["id"] for e in
                               client.get("/api/events?limit=1000").json()["items"]}
                        if ids - known:
                            t_map = time.time()
                    if t_hook is None and len(hook.received) > hooks:
                        t_hook = time.time()
                    if time.time() - t_pub > 60:
                        raise SystemExit(f"round {i}: nothing after 60 s")
                    time.sleep(0.01)
                seen = [p for p in polls if p.get("event") == "fetch" and p.get("added")]
                poll_end = datetime.fromisoformat(seen[-1]["at"]).timestamp()
                poll_start = poll_end - seen[-1]["ms"] / 1000
                to_map.append(t_map - poll_start)
                to_hook.append(t_hook - poll_start)
                since_publish.append(max(t_map, t_hook) - t_pub)
        finally:
            server.terminate()
            server.wait(timeout=30)
        peak_server = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"report-to-map latency over {rounds} new reports, from the start of the poll "
              f"that saw each:")
        for label, values in (("event listed by /api/events", to_map),
                              ("alert received by the webhook", to_hook),
                              ("both, from publication (incl. wait)", since_publish)):
            print(f"  {label:<38} median {statistics.median(values):.2f} s, "
                  f"max {max(values):.2f} s")
        print(f"  server (serve --watch) peak RSS {peak_server:.0f} MiB")


def _read_log(proc: subprocess.Popen[str], out: list[dict[str, Any]]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("{"):
            out.append(json.loads(line))


def _wait_up(client: httpx.Client) -> None:
    for _ in range(600):
        try:
            client.get("/api/events")
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cw-bench-watch-") as tmp:
        print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs; "
              f"{args.sources} sources x {args.entries} entries")
        bench_polls(args.sources, args.entries, Path(tmp))
        bench_latency(args.rounds, Path(tmp))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
