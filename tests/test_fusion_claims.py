"""Claims side by side: best estimates with low/high, disputed fields, initiator disputes."""

from __future__ import annotations

import json
from datetime import date

from fusion_factory import (
    AF,
    CHAMAN,
    CIVILIANS,
    PK,
    SPIN_BOLDAK,
    article,
    ingest,
    make_doc,
    make_mention,
)

from ceasewatch.fusion.claims import best_casualties
from ceasewatch.records import Casualties, Place

NOV6 = date(2025, 11, 6)


def test_ucdp_style_estimate_from_conflicting_tolls():
    got = best_casualties([Casualties(0, 0, 0), Casualties(4, 4, 4), Casualties(5, 5, 5)])
    assert got == Casualties(low=0, best=4, high=5)
    assert best_casualties([Casualties(low=24), Casualties(200, None, 230)]) == \
        Casualties(low=24, best=None, high=230)
    assert best_casualties([Casualties()]) == Casualties()


def test_contested_facts_are_kept_with_their_claimants(store):
    rna = make_doc(article(300, 1), "rna.txt", outlet="RNA")
    wire = make_doc(article(300, 2), "wire.txt", outlet="Reuters")
    ingest(store, rna, [make_mention(
        rna, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK, actor2=AF,
        fatalities=Casualties(0, 0, 0), initiator_disputed=True,
        claimed_by=("Afghan military", "Pakistan information ministry"),
        evidence="both nations traded blame for initiating the hostilities")])
    ingest(store, wire, [make_mention(
        wire, "armed_clash", NOV6, place=CHAMAN, actor1=AF, actor2=PK,
        fatalities=Casualties(4, 4, 4), claimed_by=("Pakistan information ministry",))])
    [event] = store.events.list()
    assert event.initiator_disputed
    assert set(event.disputed_fields) >= {"actor1", "fatalities", "location"}
    assert event.fatalities == Casualties(0, 0, 4)
    claims = store.events.claims(event.id)
    tolls = {(c.claimant, json.loads(c.value)["best"]) for c in claims if c.field == "fatalities"}
    assert tolls == {("Afghan military, Pakistan information ministry", 0),
                     ("Pakistan information ministry", 4)}
    assert {c.doc_id for c in claims} == {rna.id, wire.id}
    assert any("traded blame" in c.evidence for c in claims)


def test_a_rival_toll_known_only_to_the_week_is_another_incident(store):
    """"Four killed at Spin Boldak this week" is not the no-casualty exchange of 6 November
    there: a different toll is a claim only when place, day and parties agree."""
    rna = make_doc(article(300, 3), "rna.txt", outlet="RNA")
    wire = make_doc(article(300, 4), "wire.txt", outlet="Reuters")
    ingest(store, rna, [make_mention(rna, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK,
                                     actor2=AF, fatalities=Casualties(0, 0, 0))])
    ingest(store, wire, [make_mention(wire, "armed_clash", date(2025, 11, 5), precision="week",
                                      place=SPIN_BOLDAK, actor1=AF, actor2=PK,
                                      fatalities=Casualties(4, 4, 4))])
    events = store.events.list()
    assert len(events) == 2 and not any("fatalities" in e.disputed_fields for e in events)
    # the history says why the second report was kept apart
    [created] = [h for e in events for h in store.events.history(e.id)
                 if h["action"] == "create" and "tolls 4 and 0" in str(h["reason"])]
    assert "not the same place, day and parties" in str(created["reason"])
    # the next day at the same site, the same rival toll is a disputed claim
    third = make_doc(article(300, 5), "third.txt", outlet="AFP")
    ingest(store, third, [make_mention(third, "armed_clash", date(2025, 11, 7),
                                       place=SPIN_BOLDAK, actor1=AF, actor2=PK,
                                       fatalities=Casualties(4, 4, 4))])
    disputed = [e for e in store.events.list() if "fatalities" in e.disputed_fields]
    assert len(disputed) == 1 and disputed[0].fatalities == Casualties(0, 0, 4)


def test_mutual_blame_becomes_one_initiator_claim_per_party(store):
    rna = make_doc(article(300, 11), "blame.txt", outlet="RNA")
    ingest(store, rna, [make_mention(
        rna, "armed_clash", NOV6, place=SPIN_BOLDAK, initiator_disputed=True,
        claimed_by=("the Afghan military", "Pakistan's information ministry"),
        evidence="Both sides traded blame for starting the firing")])
    [event] = store.events.list()
    blame = {c.claimant: json.loads(c.value)["side"] for c in store.events.claims(event.id)
             if c.field == "actor1"}
    assert blame == {"the Afghan military": "PK", "Pakistan's information ministry": "AF"}
    assert "actor1" in event.disputed_fields


def test_blame_without_party_voices_stays_one_contested_claim(store):
    wire = make_doc(article(300, 12), "wire-blame.txt", outlet="AFP")
    ingest(store, wire, [make_mention(
        wire, "armed_clash", NOV6, place=CHAMAN, initiator_disputed=True,
        claimed_by=("AFP",), evidence="Each side accused the other of opening fire")])
    [event] = store.events.list()
    [claim] = [c for c in store.events.claims(event.id) if c.field == "actor1"]
    assert json.loads(claim.value) == {"name": None, "side": None, "contested": True}


def test_a_vaguer_value_containing_a_precise_one_is_not_a_dispute(store):
    a = make_doc(article(300, 3), "a.txt")
    b = make_doc(article(300, 4), "b.txt")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK,
                                   actor2=CIVILIANS)])
    kandahar = Place("Kandahar", "AF", "Kandahar", None, None, "admin1")
    ingest(store, b, [make_mention(b, "armed_clash", date(2025, 11, 5), precision="week",
                                   place=kandahar, actor1=PK)])
    [event] = store.events.list()
    assert event.disputed_fields == ()
    assert not event.initiator_disputed
    assert event.event_date == NOV6 and event.place == SPIN_BOLDAK


def test_disputed_events_query(store):
    a = make_doc(article(300, 5), "a.txt")
    b = make_doc(article(300, 6), "b.txt")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK)])
    ingest(store, b, [make_mention(b, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=AF)])
    [event] = store.events.disputed()
    assert event.disputed_fields == ("actor1",)
