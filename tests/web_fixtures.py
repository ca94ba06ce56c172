"""A small, realistic store for the web, API and sitrep tests, written through the repositories.

The documents are the five bundled sample articles (real text); the mentions point at real
sentences in them (offsets found with ``str.find``); the events, claims and the accord are
what extraction, fusion and the ledger would make of them. This lets the presentation layer be
tested without depending on the extraction rules of the day.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from ceasewatch.records import (
    Accord,
    Actor,
    Casualties,
    Claim,
    Commitment,
    Document,
    Event,
    Mention,
    Place,
    Violation,
    content_hash,
    stable_id,
)
from ceasewatch.store import Store

PK = Actor("Military Forces of Pakistan", "state_forces", "PK", "PK")
AF = Actor("Military Forces of Afghanistan (Taliban)", "state_forces", "AF", "AF")
AFG_GOV = Actor("Government of Afghanistan (Taliban)", "government", "AF", "AF")
PAK_GOV = Actor("Government of Pakistan", "government", "PK", "PK")
TTP = Actor("TTP", "militant", "PK", "TTP")

KABUL = Place("Kabul", "AF", "Kabul", 34.5553, 69.2075, "locality", "geonames")
SPIN_BOLDAK = Place("Spin Boldak", "AF", "Kandahar", 31.0055, 66.3999, "locality", "geonames")
ISTANBUL = Place("Istanbul", "TR", "Istanbul", 41.0138, 28.9497, "locality", "geonames")
DOHA = Place("Doha", "QA", "Baladiyat ad Dawhah", 25.2854, 51.531, "locality", "geonames")
BORDER = Place("Afghanistan-Pakistan border", None, None, None, None, "border", "curated")


def sample_dir() -> Path:
    return Path(str(resources.files("ceasewatch") / "sample"))


def load_documents() -> dict[str, Document]:
    docs = {}
    for path in sorted(sample_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        meta = json.loads(path.with_suffix(".meta.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(meta["published"]) if meta.get("published") else None
        docs[path.stem[:7]] = Document(
            id=content_hash(text), text=text, origin=str(path), name=path.name, format="text",
            title=meta.get("title"), outlet=meta.get("outlet"), published=published,
            published_precision="day" if published else None, published_source="sidecar",
            language=meta.get("language"))
    return docs


# (key, doc, evidence, event key, date, precision, type, sub type, a1, a2, place, fatalities,
#  claimed_by, initiator_disputed)
MENTIONS: list[tuple[Any, ...]] = [
    ("m1", "seed000", "on October 9, Pakistan's military launched airstrikes on targets in Kabul",
     "kabul", date(2025, 10, 9), "day", "Explosions/Remote violence", "Air/drone strike", PK,
     TTP, KABUL, Casualties(), ("media reports",), False),
    ("m2", "seed003", "a series of explosions in Kabul on October 9", "kabul", date(2025, 10, 9),
     "day", "Explosions/Remote violence", "Air/drone strike", PK, None, KABUL, Casualties(),
     ("Government of Afghanistan (Taliban)",), False),
    ("m3", "seed002", "Official figures reported 23 Pakistani and approximately 200 Afghan "
     "fatalities", "october", date(2025, 10, 15), "month", "Battles", "Armed clash", PK, AF,
     BORDER, Casualties(200, None, 230), ("official figures",), False),
    ("m4", "seed001", "a series of deadly border clashes along the Durand Line left dozens dead",
     "october", date(2025, 10, 15), "month", "Battles", "Armed clash", None, None, BORDER,
     Casualties(24, None, None), ("BBC",), False),
    ("m5", "seed004", "troops from both sides briefly exchanged gunfire near Spin Boldak",
     "spin6", date(2025, 11, 6), "day", "Battles", "Armed clash", PK, AF, SPIN_BOLDAK,
     Casualties(0, 0, 0), ("Afghan military", "Pakistan information ministry"), True),
    ("m6", "seed001", "five people killed in fighting on Friday, November 7, 2025", "spin7",
     date(2025, 11, 7), "day", "Battles", "Armed clash", None, None, SPIN_BOLDAK,
     Casualties(5, 5, 5), ("local Afghan officials",), False),
    ("m7", "seed001", "four Afghan civilians were killed and five others wounded in clashes along "
     "the border", "civ", date(2025, 11, 6), "week", "Battles", "Armed clash", None, None, BORDER,
     Casualties(4, 4, 4), ("Afghan officials",), False),
    ("m8", "seed001", "The latest round of negotiations, held in Istanbul", "talks",
     date(2025, 11, 7), "day", "Strategic developments", "Agreement", AFG_GOV, PAK_GOV, ISTANBUL,
     Casualties(), (), False),
    ("m9", "seed003", "the third round of negotiations", "talks", date(2025, 11, 6), "day",
     "Strategic developments", "Agreement", AFG_GOV, PAK_GOV, ISTANBUL, Casualties(),
     ("state-run media in both countries",), False),
    ("m10", "seed002", "a bilateral agreement was signed between Afghanistan and Pakistan in Doha",
     "doha", date(2025, 10, 19), "day", "Strategic developments", "Agreement", AFG_GOV, PAK_GOV,
     DOHA, Casualties(), (), False),
]


def build_mentions(docs: dict[str, Document]) -> list[tuple[str, Mention]]:
    out = []
    for (key, doc_key, evidence, event_key, day, precision, etype, sub, a1, a2, place, fat,
         claimed, disputed) in MENTIONS:
        doc = docs[doc_key]
        start = doc.text.find(evidence)
        assert start >= 0, f"fixture evidence not in {doc.name}: {evidence!r}"
        out.append((event_key, Mention(
            id=stable_id(doc.id, key, prefix="m"), doc_id=doc.id, doc_name=doc.name,
            native_type=sub.lower().replace("/", "_").replace(" ", "_"), event_date=day,
            date_precision=precision, evidence=evidence, evidence_start=start,
            evidence_end=start + len(evidence), event_type=etype, sub_event_type=sub,
            actor1=a1, actor2=a2, place=place, fatalities=fat, claimed_by=claimed,
            initiator_disputed=disputed, language="en", confidence=0.9)))
    return out


def _event(event_key: str, mentions: list[Mention], disputed: tuple[str, ...]) -> Event:
    first = mentions[0]
    lows = [m.fatalities.low for m in mentions if m.fatalities.low is not None]
    highs = [m.fatalities.high for m in mentions if m.fatalities.high is not None]
    bests = [m.fatalities.best for m in mentions if m.fatalities.best is not None]
    fat = Casualties(min(lows) if lows else None, max(bests) if bests else None,
                     max(highs) if highs else None)
    sources = tuple(dict.fromkeys(m.doc_name for m in mentions))
    return Event(
        id=stable_id(event_key, prefix="e"), native_type=first.native_type,
        event_date=first.event_date, date_precision=first.date_precision,
        event_type=first.event_type, sub_event_type=first.sub_event_type,
        actor1=first.actor1, actor2=first.actor2, place=first.place, fatalities=fat,
        mention_ids=tuple(m.id for m in mentions), sources=sources,
        independent_sources=len(sources), disputed_fields=disputed,
        initiator_disputed=any(m.initiator_disputed for m in mentions))


def populate(store: Store, *, with_accord: bool = True) -> dict[str, str]:
    """Fill ``store``; returns event keys -> event ids for the tests."""
    docs = load_documents()
    mentions = build_mentions(docs)
    grouped: dict[str, list[Mention]] = {}
    for key, m in mentions:
        grouped.setdefault(key, []).append(m)
    disputed = {"october": ("fatalities",), "spin6": ("actor1",)}
    ids = {}
    with store.atomic():
        for doc in docs.values():
            store.documents.add(doc)
        for doc in docs.values():
            store.mentions.replace_for_document(
                doc.id, [m for _, m in mentions if m.doc_id == doc.id])
        for key, ms in grouped.items():
            event = _event(key, ms, disputed.get(key, ()))
            ids[key] = event.id
            store.events.save(event)
            for m in ms:
                store.events.link(event.id, m.id, "fixture")
                store.events.log("attach", event.id, "same place and day", mention_id=m.id)
            store.events.replace_claims(event.id, _claims(event.id, key, ms))
    if with_accord:
        install_accord(store, ids)
    return ids


def _claims(event_id: str, key: str, ms: list[Mention]) -> list[Claim]:
    claims = []
    for m in ms:
        if key == "spin6":
            for claimant, initiator in (("Afghan military", PK.name),
                                        ("Pakistan information ministry", AF.name)):
                claims.append(Claim(event_id, "actor1", json.dumps(initiator), claimant,
                                    m.doc_id, m.id, m.evidence))
        if m.fatalities.known:
            value = {"low": m.fatalities.low, "best": m.fatalities.best,
                     "high": m.fatalities.high}
            claims.append(Claim(event_id, "fatalities", json.dumps(value),
                                m.claimed_by[0] if m.claimed_by else None, m.doc_id, m.id,
                                m.evidence))
    return claims


DOHA_ACCORD = Accord(
    id="doha-2025-10-19", name="Doha ceasefire (Afghanistan–Pakistan)", parties=("AF", "PK"),
    signed_date=date(2025, 10, 19), in_force_date=date(2025, 10, 19),
    mediators=("Qatar", "Turkey"), place=DOHA,
    commitments=(Commitment("doha-2025-10-19/coh", "doha-2025-10-19",
                            "cessation_of_hostilities", "An immediate ceasefire."),),
    source="curated", provenance="fixture")


def install_accord(store: Store, ids: dict[str, str]) -> None:
    """The Doha accord and two alleged violations, through the accords repository."""
    violations = [
        Violation("v-spin6", DOHA_ACCORD.id, "doha-2025-10-19/coh", ids["spin6"],
                  PK.side, AF.side, "disputed", ("troops from both sides briefly exchanged "
                                                  "gunfire near Spin Boldak",), date(2025, 11, 6)),
        Violation("v-spin7", DOHA_ACCORD.id, "doha-2025-10-19/coh", ids["spin7"],
                  None, "AF", "claimed", ("five people killed in fighting",), date(2025, 11, 7)),
    ]
    with store.atomic():
        store.accords.save(DOHA_ACCORD)
        for v in violations:
            store.accords.replace_violations(v.event_id, [v])
