"""Extraction throughput on synthetic news: documents/s and words/s on one core, after start-up.

    .venv/bin/python bench/bench_extract.py [--docs 1000] [--words 800] [--seed 7] [--dump FILE]
                                            [--no-cache]

Generates varied ~800-word reports from templates (wire, statement and analysis sentences with
random places, actors, dates, tolls, negations and filler), then times, in one process:
start-up (first document: lexicons, gazetteer, actor dictionary compiled) separately from
the steady state. Peak memory is the process's maximum resident set size. Throughput is given
by the wall clock and by the process's CPU time (the steadier figure on a busy machine).
Start-up loads the gazetteer and actor dictionary from the disk cache when an earlier process
built them (``nlp/resource_cache.py``); ``--no-cache`` times building them.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import resource
import sys
import time
from datetime import date, timedelta

from ceasewatch.records import Document, content_hash

PLACES = ["Khost", "Kunar", "Paktika", "Nangarhar", "Spin Boldak", "Chaman", "Torkham",
          "Kurram", "North Waziristan", "Bajaur", "Peshawar", "Quetta", "Kabul", "Kandahar",
          "Angoor Adda", "Ghulam Khan", "Jalalabad", "Zhob", "Dir", "Chitral"]
FORCES = ["Pakistani troops", "Afghan forces", "Taliban fighters", "Pakistani security forces",
          "TTP militants", "the Pakistan Army", "Afghan border guards", "police"]
OFFICIALS = ["local officials", "the ISPR", "a Taliban spokesman", "Afghan officials",
             "Pakistan's foreign ministry", "hospital staff", "residents", "the provincial "
             "government"]
NUMBERS = ["two", "three", "five", "seven", "12", "at least 9", "dozens of", "more than 20",
           "four", "about 30"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
EVENTS = [
    "{force} clashed with {force2} near {place} on {day}, killing {num} people, {who} said.",
    "Pakistani jets struck suspected hideouts in {place} and {place2} on {day}, {who} said.",
    "A roadside bomb exploded in {place} on {day}, wounding {num} soldiers.",
    "Mortar shells fired from across the border landed in {place} late on {day}.",
    "{force} exchanged gunfire near {place} on {mday}, according to {who}.",
    "The {place} crossing was closed on {mday} after the fighting, traders said.",
    "Delegations from both countries held talks in Doha on {mday}.",
    "A suicide bomber attacked a checkpoint in {place} on {day}, killing {num} people.",
    "In {month}, heavy fighting along the Durand Line left dozens dead.",
    "Officials said no casualties were reported in the incident near {place}.",
    "{who} denied that {force} had shelled {place} on {day}.",
    "{force} threatened to launch strikes on {place} if attacks continued.",
    "Pakistan deported hundreds of Afghan refugees through {place} on {day}.",
]
FILLER = [
    "Relations between the two neighbours have been strained for years over militancy and "
    "the disputed frontier.",
    "Analysts say neither side can afford a prolonged conflict given the economic pressure "
    "at home.",
    "Trade along the route supports thousands of families who depend on the daily movement "
    "of goods.",
    "The government has repeatedly called for restraint and urged dialogue to resolve the "
    "outstanding issues.",
    "Humanitarian groups warned that the situation of displaced families was deteriorating "
    "as winter approached.",
    "Diplomats from the region said mediators were in contact with both capitals throughout "
    "the week.",
    "The statement did not say how many people had been detained or where they were held.",
    "Residents described long queues at the markets and shortages of fuel and flour.",
]


def make_document(rng: random.Random, n: int, words: int) -> Document:
    published = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
    sentences: list[str] = []
    count = 0
    while count < words:
        if rng.random() < 0.35:
            template = rng.choice(EVENTS)
            mday = published - timedelta(days=rng.randrange(1, 40))
            sentence = template.format(
                force=rng.choice(FORCES).capitalize(), force2=rng.choice(FORCES),
                place=rng.choice(PLACES), place2=rng.choice(PLACES), who=rng.choice(OFFICIALS),
                num=rng.choice(NUMBERS), day=rng.choice(WEEKDAYS),
                mday=f"{MONTHS[mday.month - 1]} {mday.day}", month=rng.choice(MONTHS))
            sentence = sentence[0].upper() + sentence[1:]
        else:
            sentence = rng.choice(FILLER)
        sentences.append(sentence)
        count += len(sentence.split())
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    text = "\n".join(paragraphs)
    return Document(id=content_hash(text + str(n)), text=text, origin=f"bench:{n}",
                    name=f"bench_{n:05d}.txt", format="text", published=published,
                    published_precision="day", language="en")


def real_documents(folder: str, n: int) -> list[Document]:
    """Real reports, cycled: each copy gets its own id so nothing is cached by identity."""
    from ceasewatch.ingest.sources import iter_documents

    base = [d for d in iter_documents([folder]) if isinstance(d, Document)]
    if not base:
        raise SystemExit(f"no documents in {folder}")
    return [dataclasses.replace(base[i % len(base)], id=f"{base[i % len(base)].id}:{i}")
            for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--real", metavar="DIR", default=None,
                        help="instead of synthetic text, cycle through the documents of DIR "
                             "(e.g. ceasewatch/sample) --docs times")
    parser.add_argument("--no-cache", action="store_true",
                        help="build the gazetteer and actor dictionary at start-up instead of "
                             "loading them from the disk cache")
    parser.add_argument("--dump", metavar="FILE", default=None,
                        help="also write every mention as a JSON line (export.mention_dict) to "
                             "FILE, to check that a change leaves the output as it was")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.real:
        docs = real_documents(args.real, args.docs + 1)
    else:
        docs = [make_document(rng, n, args.words) for n in range(args.docs + 1)]
    total_words = sum(len(d.text.split()) for d in docs[1:])

    if args.no_cache:
        os.environ["CEASEWATCH_NO_CACHE"] = "1"
    t0 = time.perf_counter()
    from ceasewatch.nlp.pipeline import extract_mentions

    extract_mentions(docs[0])  # start-up: imports and compiled resources
    startup = time.perf_counter() - t0

    mentions = 0
    found = []
    t1, c1 = time.perf_counter(), time.process_time()
    for doc in docs[1:]:
        out = extract_mentions(doc)
        mentions += len(out)
        if args.dump:
            found.append(out)
    elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    if args.dump:
        import json

        from ceasewatch.export import mention_dict

        with open(args.dump, "w", encoding="utf-8") as fh:
            for out in found:
                for m in out:
                    fh.write(json.dumps(mention_dict(m), ensure_ascii=False) + "\n")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kind = f"real, cycled from {args.real}" if args.real else "synthetic"
    print(f"documents        {args.docs} {kind} (~{total_words // args.docs} words each, "
          f"{total_words} words)")
    cache = "built, --no-cache" if args.no_cache else "disk cache on"
    print(f"start-up         {startup:.2f} s (imports + lexicons + gazetteer + actors, "
          f"first document; {cache})")
    print(f"extraction       {elapsed:.2f} s wall, {cpu:.2f} s CPU, one process, one core")
    print(f"throughput       {args.docs / elapsed:.1f} docs/s, {total_words / elapsed:,.0f} "
          f"words/s (wall)")
    print(f"                 {args.docs / cpu:.1f} docs/s, {total_words / cpu:,.0f} "
          f"words/s (CPU time)")
    print(f"mentions         {mentions} ({mentions / args.docs:.1f} per document)")
    print(f"peak memory      {peak_kib / 1024:.0f} MiB (max RSS)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
