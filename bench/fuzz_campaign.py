"""The long fuzzing campaign of issue 15, outside the default test run.

    .venv/bin/python bench/fuzz_campaign.py --inputs 1000000 --keep

Feeds every target of ``tests/fuzz_targets.py`` mutated inputs (bit flips, truncations,
splices, impossible dates, deep nesting, control characters) grown from seeds (the sample
corpus, the kept crashes and small templates), then ingests a share of them into a scratch
store to check that every input ends up as a document or a recorded rejection. Prints inputs
tried, failures (uncaught exceptions) and documents lost per target; ``--keep`` saves each
new crashing input in ``tests/fuzz_corpus/`` so that every later test run replays it.
Exit status 1 when anything failed or was lost.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_targets import TARGETS, corpus_cases, keep_crash, run_target  # noqa: E402

TOKENS = [b"2025-02-29", b"0001-01-01", b"9999-12-31", b"last week", b"yesterday",
          b"\xed\xa0\x80", b"\x00", b"\x1b[31m", b"\n", b"<div>", b"</div>", b"<![CDATA[",
          b"&#xD800;", b"[", b"{", b'"\\ud800"', b"\xe2\x80\xae", b"killing 5", b"near Chaman",
          "10月19日".encode(), "۲۷ میزان ۱۴۰۴".encode(), b"Mon, 01 Jan 0001 00:00:00 GMT"]
TEMPLATES = {
    "feed": [b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>T</title>"
             b"<pubDate>Fri, 07 Nov 2025 10:00:00 GMT</pubDate><description>Troops clashed "
             b"near Chaman, killing 5.</description></item></channel></rss>"],
    "html": [b"<html><head><title>T</title></head><body><article><p>Troops clashed near "
             b"Chaman on 7 November 2025, killing 5, officials said.</p></article></body></html>"],
    "sidecar": [b'{"published": "2025-11-07", "outlet": "RNA", "title": "T", '
                b'"authors": ["A"], "language": "en"}'],
    "accord_yaml": [b"id: doha\ntitle: Doha\nparties: [AF, PK]\nsigned: 2025-10-19\n"
                    b"commitments:\n  - kind: cessation_of_hostilities\n"],
    "accord_toml": [b'id = "doha"\ntitle = "Doha"\nparties = ["AF", "PK"]\n'
                    b'signed = "2025-10-19"\n[[commitments]]\nkind = "follow_up_talks"\n'],
    "date_value": [b"2025-11-07", b"2025-11", b"2025", b"2025-11-07T10:00:00Z"],
}
#: targets cheap enough for the bulk of the inputs; extraction gets its own share
SLOW = {"extract", "any_file", "html"}


def seeds() -> dict[str, list[bytes]]:
    sample = [p.read_bytes()[:4000] for p in sorted((ROOT / "ceasewatch" / "sample")
                                                     .glob("*.txt"))]
    out = {name: list(TEMPLATES.get(name, [])) + sample[:2] for name in TARGETS}
    out["text"] = out["extract"] = out["any_file"] = sample + out["feed"] + out["html"]
    for name, path in corpus_cases():
        out[name].append(path.read_bytes())
    return out


def mutate(data: bytes, rnd: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        op = rnd.random()
        pos = rnd.randint(0, len(buf))
        if op < 0.3 and buf:
            i = rnd.randrange(len(buf))
            buf[i] ^= 1 << rnd.randrange(8)
        elif op < 0.6:
            buf[pos:pos] = rnd.choice(TOKENS)
        elif op < 0.7:
            del buf[pos:pos + rnd.randint(1, 64)]
        elif op < 0.8:
            n = rnd.choice((10, 300, 3000))
            token = rnd.choice((b"[", b"<div>", b"{\"a\":"))
            buf[pos:pos] = token * n
        elif op < 0.9 and buf:
            j = rnd.randrange(len(buf))
            buf[pos:pos] = buf[j:j + rnd.randint(1, 200)]
        else:
            buf = buf[:pos]
    return bytes(buf)


def lost_documents(inputs: list[bytes]) -> tuple[int, int]:
    """Ingest ``inputs`` (one file each) into a scratch store: (inputs, neither stored nor
    recorded as rejected)."""
    from ceasewatch import api
    from ceasewatch.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, data in enumerate(inputs):
            path = Path(folder) / f"in{i:06}.txt"
            path.write_bytes(data)
            paths.append(str(path))
        with open_store(Path(folder) / "fuzz.db") as store:
            report = api.ingest(store, paths)
            stored = {r.origin for r in report.results if r.outcome != "rejected"}
            rejected = {r.origin for r in store.documents.rejections(limit=len(paths) * 3)}
            known = {o for o in paths if o in stored or o in rejected}
    return len(paths), len(paths) - len(known)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs in all")
    parser.add_argument("--slow-share", type=float, default=0.02,
                        help="share of the inputs for extraction, HTML and whole-file targets")
    parser.add_argument("--ingest", type=int, default=300,
                        help="inputs also ingested into a scratch store (lost-document check)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="save crashes in tests/fuzz_corpus")
    args = parser.parse_args()

    rnd = random.Random(args.seed)
    pool = seeds()
    fast = [n for n in TARGETS if n not in SLOW]
    slow = [n for n in TARGETS if n in SLOW]
    tried: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    started = time.monotonic()
    for _ in range(args.inputs):
        name = rnd.choice(slow if rnd.random() < args.slow_share else fast)
        data = mutate(rnd.choice(pool[name]), rnd)
        if len(data) > 200_000:
            data = data[:200_000]
        tried[name] += 1
        found = run_target(name, data)
        if found is not None:
            failures[name] += 1
            kinds.setdefault(name, f"{type(found).__name__}: {found}"[:200])
            if args.keep:
                keep_crash(name, data)
        elif rnd.random() < 0.01 and len(pool[name]) < 500:
            pool[name].append(data)  # grow the seed pool with inputs that parse
    extract_pool = [mutate(rnd.choice(pool["any_file"]), rnd) for _ in range(args.ingest)]
    ingested, lost = lost_documents(extract_pool)
    elapsed = time.monotonic() - started
    print(f"{'target':<12} {'inputs':>9} {'failures':>9}")
    for name in TARGETS:
        print(f"{name:<12} {tried[name]:>9} {failures[name]:>9}  {kinds.get(name, '')}")
    print(f"{'total':<12} {sum(tried.values()):>9} {sum(failures.values()):>9}")
    print(f"ingested {ingested} mutated files into a scratch store: {lost} lost")
    print(f"{elapsed:.0f} s, {sum(tried.values()) / elapsed:.0f} inputs/s")
    return 1 if failures or lost else 0


if __name__ == "__main__":
    sys.exit(main())
