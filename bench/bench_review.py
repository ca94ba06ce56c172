"""How fast the review is at scale: building the queue, recording decisions, and listing only
verified events (the filter publishing uses).

    .venv/bin/python bench/bench_review.py                    # 2,000 events
    .venv/bin/python bench/bench_review.py --events 20000 --decisions 2000

A store is filled with bench_api.py's synthetic fused events; an analyst then verifies every
other event (one decision, one transaction each), and the script prints decisions/s, the time
to build the first page of the queue (median of 5, most urgent first, over every event still
open), the time to list the verified events, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench_api import fill

from ceasewatch import api
from ceasewatch.store import EventFilter, open_store


def timed(run: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--decisions", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        fill(store, args.events)
        api.add_user(store, "bench", "analyst")
        ids = [e.id for e in store.events.list()]
        queue_before = timed(lambda: api.review_queue(store, limit=50))
        wanted = ids[::2][:args.decisions]
        began = time.perf_counter()
        for event_id in wanted:
            api.review(store, event_id, "verified", analyst="bench", note="bench")
        took = time.perf_counter() - began
        queue_after = timed(lambda: api.review_queue(store, limit=50))
        verified = timed(lambda: store.events.list(EventFilter(review_state="verified")))
        total = len(store.events.list(EventFilter(review_state="verified")))
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"events: {args.events}")
    print(f"decisions: {len(wanted)} in {took:.2f} s = {len(wanted) / took:.0f} decisions/s")
    print(f"queue, first page of 50: {queue_before * 1000:.0f} ms with nothing decided, "
          f"{queue_after * 1000:.0f} ms after {len(wanted)} decisions")
    print(f"verified events listed: {total} in {verified * 1000:.0f} ms")
    print(f"peak memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
