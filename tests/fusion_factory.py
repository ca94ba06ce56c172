"""Synthetic documents and mentions for the fusion tests, written like real reporting.

Fusion is tested against hand-made ``Mention`` records so that its rules are checked
independently of extraction; places carry real coordinates (GeoNames).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from ceasewatch.fusion import fuse_mentions
from ceasewatch.records import Actor, Casualties, Document, Mention, Place, content_hash
from ceasewatch.store import Store

PK = Actor("Military Forces of Pakistan", "state_forces", "PK", "PK")
AF = Actor("Military Forces of Afghanistan (Taliban)", "state_forces", "AF", "AF")
AF_GOV = Actor("Government of Afghanistan (Taliban)", "government", "AF", "AF")
PK_GOV = Actor("Government of Pakistan", "government", "PK", "PK")
TTP = Actor("Tehrik-i-Taliban Pakistan", "militant", "PK", "TTP")
CIVILIANS = Actor("Civilians (Afghanistan)", "civilians", "AF", "AF")

SPIN_BOLDAK = Place("Spin Boldak", "AF", "Kandahar", 31.0056, 66.3994, "locality")
CHAMAN = Place("Chaman", "PK", "Balochistan", 30.9236, 66.4512, "locality")
PARACHINAR = Place("Parachinar", "PK", "Khyber Pakhtunkhwa", 33.8992, 70.1008, "locality")
KABUL = Place("Kabul", "AF", "Kabul", 34.5281, 69.1723, "locality")
PAKTIKA = Place("Paktika", "AF", "Paktika", 32.5, 68.5, "admin1")
LAHORE = Place("Lahore", "PK", "Punjab", 31.5580, 74.3507, "locality")
ISTANBUL = Place("Istanbul", "TR", "Istanbul", 41.0138, 28.9497, "locality")
DOHA = Place("Doha", "QA", "Baladiyat ad Dawhah", 25.2867, 51.5333, "locality")
BORDER = Place("Afghanistan-Pakistan border", None, None, None, None, "border")

_counter = itertools.count()


def make_doc(text: str, name: str, *, outlet: str | None = None,
             published: date = date(2025, 11, 8), language: str = "en") -> Document:
    return Document(id=content_hash(text), text=text, origin=f"/corpus/{name}", name=name,
                    format="text", outlet=outlet, published=published,
                    published_precision="day", published_source="sidecar", language=language)


def make_mention(doc: Document, native_type: str, day: date | None, *,
                 precision: str = "day", place: Place | None = None,
                 actor1: Actor | None = None, actor2: Actor | None = None,
                 fatalities: Casualties | None = None, claimed_by: Sequence[str] = (),
                 initiator_disputed: bool = False, attributes: Sequence[tuple[str, str]] = (),
                 language: str = "en", evidence: str | None = None,
                 mention_id: str | None = None) -> Mention:
    n = next(_counter)
    evidence = evidence or f"{native_type} reported in {doc.name} (#{n})"
    start = n * 10
    return Mention(
        id=mention_id or f"m-{doc.name}-{n}", doc_id=doc.id, doc_name=doc.name,
        native_type=native_type, event_date=day, date_precision=precision,  # type: ignore[arg-type]
        evidence=evidence, evidence_start=start, evidence_end=start + len(evidence),
        actor1=actor1, actor2=actor2, place=place, fatalities=fatalities or Casualties(),
        claimed_by=tuple(claimed_by), initiator_disputed=initiator_disputed,
        language=language, attributes=tuple(attributes))


def ingest(store: Store, doc: Document, mentions: Sequence[Mention]) -> list[str]:
    """What ``api.analyse_document`` does with a document's mentions, in one transaction."""
    with store.atomic():
        outcome = store.documents.add(doc)
        if outcome == "known":
            return []
        store.mentions.replace_for_document(doc.id, mentions)
        return fuse_mentions(store, mentions)


def reingest(store: Store, doc: Document, mentions: Sequence[Mention]) -> list[str]:
    """Re-extraction of a known document: its mentions replaced (links cascade away), re-fused."""
    with store.atomic():
        store.mentions.replace_for_document(doc.id, mentions)
        return fuse_mentions(store, mentions, documents=[doc.id])


def article(words: int, seed: int) -> str:
    """A deterministic pseudo-article of ``words`` words, distinct for each seed."""
    vocab = ("border clash ceasefire talks troops fired district officials said civilians "
             "killed wounded Kandahar Kurram Chaman Islamabad Kabul delegation mediators round "
             "agreement closed crossing trade convoy shelling artillery post village night "
             "morning statement ministry spokesman denied accused retaliated").split()
    out = []
    state = seed * 7919 + 13
    for _ in range(words):
        state = (state * 1103515245 + 12345) % (2 ** 31)
        out.append(vocab[state % len(vocab)])
    return " ".join(out)
