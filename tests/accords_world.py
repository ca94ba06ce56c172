"""Synthetic events for the accords tests, written straight through the store.

The accords stage reads fused events, their mentions and claims; these helpers build them
without extraction or fusion, so the ledger is tested on its own.
"""

from __future__ import annotations

from datetime import date

from ceasewatch.records import (
    Actor,
    Claim,
    DatePrecision,
    Document,
    Event,
    Mention,
    Place,
    content_hash,
    stable_id,
)
from ceasewatch.store import Store

PK_ARMY = Actor("Military Forces of Pakistan", "state_forces", "PK", "PK")
AF_ARMY = Actor("Military Forces of Afghanistan (Taliban)", "state_forces", "AF", "AF")
AF_GOV = Actor("Government of Afghanistan (Taliban)", "government", "AF", "AF")
PK_GOV = Actor("Government of Pakistan", "government", "PK", "PK")
TTP = Actor("TTP", "militant", "PK", "TTP")
IR_ARMY = Actor("Military Forces of Iran", "state_forces", "IR", "IR")
SPIN_BOLDAK = Place("Spin Boldak", "AF", "Kandahar", 31.0, 66.4, "locality", "test")
KABUL = Place("Kabul", "AF", "Kabul", 34.5, 69.2, "locality", "test")
NORTH_WAZIRISTAN = Place("Miranshah", "PK", "Khyber Pakhtunkhwa", 33.0, 70.1, "locality", "test")


def add_event(store: Store, text: str, *, native_type: str, day: date,
              actor1: Actor | None = None, actor2: Actor | None = None,
              place: Place | None = None, claimed_by: tuple[str, ...] = (),
              initiator_disputed: bool = False, precision: DatePrecision = "day",
              doc_name: str | None = None, independent_sources: int = 1,
              claims: tuple[tuple[str, str, str], ...] = (),
              event_id: str | None = None) -> Event:
    """One document holding ``text``, one mention of it, one event; optional claims of their
    own (an analyst's, not derived from the mention) as (field, JSON value, claimant)."""
    doc_id = content_hash(text)
    name = doc_name or f"doc-{doc_id[:6]}.txt"
    doc = Document(id=doc_id, text=text, origin=name, name=name, format="text",
                   published=day)
    mention = Mention(
        id=stable_id(doc_id, native_type, prefix="m-"), doc_id=doc_id, doc_name=name,
        native_type=native_type, event_date=day, date_precision=precision, evidence=text,
        evidence_start=0, evidence_end=len(text), actor1=actor1, actor2=actor2, place=place,
        claimed_by=claimed_by, initiator_disputed=initiator_disputed, language="en")
    event = Event(
        id=event_id or stable_id(doc_id, prefix="e-"), native_type=native_type,
        event_date=day, date_precision=precision, actor1=actor1, actor2=actor2, place=place,
        mention_ids=(mention.id,), sources=(name,), independent_sources=independent_sources,
        initiator_disputed=initiator_disputed)
    with store.atomic():
        store.documents.add(doc)
        store.mentions.replace_for_document(doc_id, [mention])
        store.events.save(event)
        store.events.link(event.id, mention.id, "test")
        store.events.replace_claims(event.id, [
            Claim(event_id=event.id, field=f, value=v, claimant=who, doc_id=doc_id,
                  mention_id=f"claim-{i}", evidence=text)
            for i, (f, v, who) in enumerate(claims)])
    return store.events.get(event.id)
