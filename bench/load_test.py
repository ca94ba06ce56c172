"""A bounded loopback load test of the web app (issue 15): reads while uploads and a CLI
ingest write.

    .venv/bin/python bench/load_test.py --readers 4 --seconds 20 --upload-mib 4

Starts ``ceasewatch serve`` on 127.0.0.1 over a scratch store holding the sample corpus, then
runs two phases of the same length: readers polling ``/api/events`` alone, and readers while
one client uploads an article of ``--upload-mib`` MiB and a ``ceasewatch ingest`` of the
sample corpus (as new copies) runs in another process. Prints requests, errors (any status
other than 200, or a failed connection) and p50/p95/max latency per phase, and how long the
upload took. Exit status 1 when a read failed. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "ceasewatch" / "sample"
TOKEN = "load-test-token"
ARTICLE = ("Pakistani and Afghan forces exchanged fire near Chaman on Thursday, officials "
           "said, and traders waited at the closed crossing as talks resumed in Istanbul. ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/events?limit=1")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def reader(port: int, stop: threading.Event, latencies: list[float], errors: list[str]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while not stop.is_set():
        started = time.perf_counter()
        try:
            conn.request("GET", "/api/events?limit=50")
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"HTTP {response.status}")
        except OSError as exc:
            errors.append(type(exc).__name__)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        latencies.append(time.perf_counter() - started)


def upload(port: int, mib: float, result: dict[str, object]) -> None:
    body_text = (ARTICLE * int(mib * 1024 * 1024 / len(ARTICLE) + 1))[:int(mib * 1024 * 1024)]
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode() + \
        body_text.encode() + f"\r\n--{boundary}--\r\n".encode()
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    conn.request("POST", "/api/documents", body=body, headers={
        "Authorization": f"Bearer {TOKEN}",
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    response = conn.getresponse()
    response.read()
    result.update(status=response.status, seconds=time.perf_counter() - started)


def phase(port: int, readers: int, seconds: float, *, load: bool, args: argparse.Namespace,
          cli: list[str], copies: Path) -> dict[str, object]:
    stop = threading.Event()
    latencies: list[float] = []
    errors: list[str] = []
    threads = [threading.Thread(target=reader, args=(port, stop, latencies, errors))
               for _ in range(readers)]
    uploaded: dict[str, object] = {}
    extra: list[threading.Thread] = []
    ingest = None
    if load:
        extra.append(threading.Thread(target=upload, args=(port, args.upload_mib, uploaded)))
        ingest = subprocess.Popen(cli + ["ingest", str(copies)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
    for t in threads + extra:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    for t in extra:
        t.join(timeout=args.upload_wait)
    cli_status = ingest.wait(timeout=600) if ingest is not None else None
    ordered = sorted(latencies)
    return {
        "requests": len(latencies), "errors": len(errors),
        "error_kinds": sorted(set(errors))[:5],
        "p50_ms": 1000 * statistics.median(ordered) if ordered else None,
        "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))] if ordered else None,
        "max_ms": 1000 * ordered[-1] if ordered else None,
        "upload": uploaded or None, "cli_ingest_status": cli_status,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--upload-mib", type=float, default=4.0)
    parser.add_argument("--upload-wait", type=float, default=900.0,
                        help="how long to wait for the upload's answer after the phase")
    args = parser.parse_args()
    ceasewatch = [sys.executable, "-m", "ceasewatch.cli.main"]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "load.db"
        cli = ceasewatch + ["--db", str(db)]
        subprocess.run(cli + ["ingest", str(SAMPLE)], check=True, stdout=subprocess.DEVNULL)
        copies = Path(folder) / "copies"
        copies.mkdir()
        for path in SAMPLE.glob("*.txt"):  # new content: the CLI ingest really writes
            shutil.copy(path.with_suffix(".meta.json"), copies / (path.stem + ".meta.json"))
            (copies / path.name).write_text(path.read_text(encoding="utf-8")
                                            + "\n\nUpdated by the load test.\n",
                                            encoding="utf-8")
        port = free_port()
        server = subprocess.Popen(cli + ["serve", "--port", str(port), "--token", TOKEN],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env=dict(os.environ))
        try:
            wait_until_up(port)
            quiet = phase(port, args.readers, args.seconds, load=False, args=args, cli=cli,
                          copies=copies)
            busy = phase(port, args.readers, args.seconds, load=True, args=args, cli=cli,
                         copies=copies)
        finally:
            server.terminate()
            server.wait(timeout=30)
    for name, result in (("reads alone", quiet), (f"reads + {args.upload_mib:g} MiB upload "
                                                  "+ CLI ingest", busy)):
        print(f"{name}: {result['requests']} requests, {result['errors']} errors "
              f"{result['error_kinds'] or ''}, p50 {result['p50_ms']:.1f} ms, "
              f"p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.1f} ms")
    print(f"upload: {busy['upload']}; CLI ingest exit status {busy['cli_ingest_status']}")
    return 1 if quiet["errors"] or busy["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
