"""Time and size of every export format on a store of synthetic fused events.

    .venv/bin/python bench/bench_export.py --events 20000

The store is filled as ``bench_api.py`` fills it (sites in Afghanistan and Pakistan over 2025,
one to three mentions each); each format is written to a file with ``export_to_file``, and
the script prints seconds, rows per second and the file size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import fill  # noqa: E402

from ceasewatch.exports import FORMATS, export_to_file  # noqa: E402
from ceasewatch.store import open_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        fill(store, args.events)
        print(f"filled {args.events} events in {time.perf_counter() - t0:.1f} s")
        for name, fmt in FORMATS.items():
            out = Path(tmp) / f"{name}{fmt.suffix}"
            t0 = time.perf_counter()
            try:
                export_to_file(store, name, out)
            except Exception as exc:  # an extra not installed: say so, time the rest
                print(f"{name:13s} skipped: {exc}")
                continue
            dt = time.perf_counter() - t0
            print(f"{name:13s} {dt:6.2f} s  {args.events / dt:8.0f} events/s  "
                  f"{out.stat().st_size / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
