"""End to end on the bundled dev corpus: each real incident once, disagreements surfaced.

Skipped when the extraction pipeline is not in this build. What must come out is in
``../shared/corpus/README.md``: the 9 October strikes, the 19 October Doha accord, the
Istanbul talks and the 6 November Spin Boldak/Chaman exchange each appear once, with their
independent sources, and the initiator and casualty disagreements are disputes.
"""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest

from ceasewatch import api
from ceasewatch.fusion.inspect import dispute_rows

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ceasewatch.nlp.pipeline") is None,
                                reason="extraction pipeline (ceasewatch.nlp.pipeline) missing")


@pytest.fixture
def fused(store, sample_dir):
    report = api.ingest(store, [str(sample_dir)])
    assert report.count("added") == 5, [r.reason for r in report.results]
    return store


def _where(event):
    return (event.place.name if event.place else "") or ""


def _between(event, first, last):
    return event.event_date is not None and first <= event.event_date <= last


def test_each_incident_appears_once(fused):
    events = fused.events.list()
    kabul = [e for e in events if e.native_type in ("air_strike", "explosion")
             and _where(e) == "Kabul" and e.event_date == date(2025, 10, 9)]
    doha = [e for e in events if e.native_type == "ceasefire_agreement"
            and e.event_date == date(2025, 10, 19)]
    talks = [e for e in events if e.native_type == "talks_held" and _where(e) == "Istanbul"
             and _between(e, date(2025, 11, 5), date(2025, 11, 9))]
    spin = [e for e in events if e.native_type == "armed_clash" and _where(e) == "Spin Boldak"
            and _between(e, date(2025, 11, 6), date(2025, 11, 7))]
    assert len(kabul) == 1 and kabul[0].independent_sources >= 2
    assert len(doha) == 1 and doha[0].independent_sources >= 3
    assert len(talks) == 1 and talks[0].independent_sources >= 3
    assert len(spin) == 1 and spin[0].independent_sources >= 2
    assert spin[0].event_date == date(2025, 11, 6)
    # one document never counts twice for one event
    for event in events:
        assert len(set(event.sources)) == len(event.sources) >= event.independent_sources


def test_disputes_surface_initiator_and_casualties(fused):
    rows = dispute_rows(fused)
    spin = {r["field"] for r in rows if r["location"] == "Spin Boldak"}
    assert {"actor1", "fatalities"} <= spin


def test_round_numbering_conflict_is_a_dispute(fused):
    rows = [r for r in dispute_rows(fused)
            if r["field"] == "round" and r["native_type"] == "talks_held"]
    assert len(rows) == 1 and rows[0]["location"] == "Istanbul"
    sources = {p["value"]: set(p["sources"]) for p in rows[0]["positions"]}
    # seed000 (second round) and seed004 (second attempt after Doha) against seed003 (third)
    assert sources == {"2": {"seed000_lanzhou_bilingual.txt", "seed004_rna_spin_boldak.txt"},
                       "3": {"seed003_istanbul_third_round.txt"}}
    assert all(p["claimants"] for p in rows[0]["positions"])


def test_ingesting_the_corpus_again_changes_nothing(fused, sample_dir):
    before = [(e.id, e.mention_ids, e.independent_sources) for e in fused.events.list()]
    again = api.ingest(fused, [str(sample_dir)])
    assert again.count("known") == 5
    assert [(e.id, e.mention_ids, e.independent_sources)
            for e in fused.events.list()] == before


def test_reanalysing_known_documents_replaces_a_stale_reading(store, sample_dir):
    # documents stored by a build that extracted nothing: a plain re-ingest keeps that reading
    api.ingest(store, [str(sample_dir)], extract=False)
    assert api.ingest(store, [str(sample_dir)]).count("known") == 5
    assert store.events.list() == []
    report = api.ingest(store, [str(sample_dir)], reanalyse=True)
    assert report.count("known") == 5 and sum(r.mentions for r in report.results) > 0
    first = [(e.id, e.mention_ids, e.independent_sources) for e in store.events.list()]
    assert len(first) >= 6
    # reading again with the same extractor changes nothing: same events, ids and sources
    api.ingest(store, [str(sample_dir)], reanalyse=True)
    assert [(e.id, e.mention_ids, e.independent_sources) for e in store.events.list()] == first
