#!/usr/bin/env python3
"""Check an annotated batch against ../shared/corpus/ANNOTATION.md before it is used.

usage: python3 corpus/check_gold.py corpus/BATCH [corpus/BATCH ...]

Each batch folder holds articles/NAME.txt + NAME.meta.json and gold.jsonl. Checks: every
gold line has every field with a valid value, every evidence fragment (joined by " … ") is
a verbatim substring of its article, no two lines of one document share an incident, every
sidecar names url/published/outlet/language, document names are unique across batches, and
no article is a held-out text (../shared/corpus/excluded.py). Exit 1 on any problem.
"""
from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
from datetime import date

HERE = pathlib.Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "corpus"
TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
FIELDS = ["doc", "event_date", "date_precision", "event_type", "sub_event_type", "actor1",
          "actor2", "initiator_disputed", "country", "admin1", "location", "fatalities_low",
          "fatalities_high", "claimed_by", "evidence", "note", "incident"]
META = ["url", "published", "outlet", "language"]


def check_batch(batch: pathlib.Path, seen_docs: dict[str, str]) -> list[str]:
    problems: list[str] = []
    arts = batch / "articles"
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(arts.glob("*.txt"))}
    for name in texts:
        if name in seen_docs:
            problems.append(f"{batch}: document name {name} also in {seen_docs[name]}")
        seen_docs[name] = str(batch)
        meta_path = arts / name.replace(".txt", ".meta.json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            problems.append(f"{meta_path}: {exc}")
            continue
        for key in META:
            if not meta.get(key):
                problems.append(f"{meta_path}: missing {key}")
        try:
            date.fromisoformat(str(meta.get("published"))[:10])
        except ValueError:
            problems.append(f"{meta_path}: published {meta.get('published')!r} is not YYYY-MM-DD")
    gold_path = batch / "gold.jsonl"
    incidents: dict[str, set[str]] = {}
    for n, line in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{gold_path}:{n}"
        try:
            g = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: {exc}")
            continue
        for key in FIELDS:
            if key not in g:
                problems.append(f"{where}: missing field {key}")
        doc = g.get("doc")
        if doc not in texts:
            problems.append(f"{where}: doc {doc!r} not in {arts}")
            continue
        etype, sub = g.get("event_type"), g.get("sub_event_type")
        if etype not in TYPES or sub not in TYPES.get(etype, ()):
            problems.append(f"{where}: bad type {etype!r}/{sub!r}")
        try:
            date.fromisoformat(str(g.get("event_date")))
        except ValueError:
            problems.append(f"{where}: bad event_date {g.get('event_date')!r}")
        if g.get("date_precision") not in {"day", "week", "month", "year"}:
            problems.append(f"{where}: bad date_precision {g.get('date_precision')!r}")
        if g.get("country") is not None and not re.fullmatch(r"[A-Z]{2}", str(g.get("country"))):
            problems.append(f"{where}: country must be ISO alpha-2 or null")
        for key in ("fatalities_low", "fatalities_high"):
            v = g.get(key)
            if v is not None and (not isinstance(v, int) or v < 0):
                problems.append(f"{where}: {key} must be a non-negative integer or null")
        lo, hi = g.get("fatalities_low"), g.get("fatalities_high")
        if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
            problems.append(f"{where}: fatalities_low > fatalities_high")
        if not isinstance(g.get("claimed_by"), list):
            problems.append(f"{where}: claimed_by must be a list")
        if not isinstance(g.get("initiator_disputed"), bool):
            problems.append(f"{where}: initiator_disputed must be true/false")
        for frag in str(g.get("evidence") or "").split(" … "):
            if not frag.strip() or frag not in texts[doc]:
                problems.append(f"{where}: evidence fragment not verbatim in {doc}: {frag[:70]!r}")
        inc = str(g.get("incident") or "")
        if not inc:
            problems.append(f"{where}: empty incident")
        if inc in incidents.setdefault(doc, set()):
            problems.append(f"{where}: incident {inc} twice in {doc}")
        incidents[doc].add(inc)
    excl = subprocess.run([sys.executable, str(SHARED / "excluded.py"), "--dir", str(arts)],
                          capture_output=True, text=True)
    if excl.returncode:
        problems.append(f"{batch}: held-out texts present:\n{excl.stdout}")
    return problems


def main(argv: list[str]) -> int:
    seen: dict[str, str] = {}
    batches = [pathlib.Path(a) for a in argv] or sorted(p.parent for p in HERE.glob("*/gold.jsonl"))
    problems = [p for b in batches for p in check_batch(b, seen)]
    for p in problems:
        print(p)
    print(f"{len(seen)} articles in {len(batches)} batches; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
