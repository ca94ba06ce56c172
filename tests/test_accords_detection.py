"""Drafting accords from agreement events, and merging drafts with curated accords."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from accords_world import AF_GOV, IR_ARMY, PK_ARMY, PK_GOV, add_event

from ceasewatch.accords.curation import builtin_accords, import_accord_file
from ceasewatch.accords.detection import mediators_in, passage_for
from ceasewatch.accords.knowledge import lexicon
from ceasewatch.accords.ledger import refresh_violations
from ceasewatch.records import Actor, Place
from ceasewatch.store import Store

IR_GOV = Actor("Government of Iran", "government", "IR", "IR")
TAFTAN = Place("Taftan", "PK", "Balochistan", 28.96, 61.56, "locality", "test")


def test_mediators_from_the_ways_reports_name_them() -> None:
    lex = lexicon()
    parties = ("AF", "PK")
    assert mediators_in("Under the mediation of Qatar and Turkey, Afghanistan and Pakistan "
                        "signed a ceasefire agreement on October 19", lex, parties) == [
        "Qatar", "Turkey"]
    assert mediators_in("a ceasefire brokered by Qatar on October 19", lex, parties) == [
        "Qatar"]
    assert mediators_in("after Qatar brokered a ceasefire", lex, parties) == ["Qatar"]
    assert mediators_in("talks mediated by Türkiye and the United Nations.", lex,
                        parties) == ["Turkey", "United Nations"]
    # a party is never its own mediator
    assert mediators_in("Afghanistan brokered a truce between the TTP and Pakistan", lex,
                        ("PK", "TTP")) == ["Afghanistan"]
    assert mediators_in("Afghanistan brokered a truce", lex, parties) == []


def test_passage_keeps_the_following_sentences_of_the_paragraph() -> None:
    text = ("Iran and Pakistan signed a truce. Both agreed to reopen the border.\n\n"
            "Elsewhere, trade resumed.")
    passage = passage_for("d.txt", text, 0, 10)
    assert passage.text == "Iran and Pakistan signed a truce. Both agreed to reopen the border."


def test_detection_from_a_composed_agreement_sentence(store: Store) -> None:
    text = ("Under the auspices of Saudi Arabia and China, Iran and Pakistan signed a truce in "
            "Riyadh on 3 March 2026. The two governments agreed not to support armed groups "
            "acting against each other, to set up a joint monitoring mechanism and to reopen "
            "border crossings within a week.")
    agreement = add_event(store, text, native_type="ceasefire_agreement",
                          day=date(2026, 3, 3), actor1=IR_GOV, actor2=PK_GOV)
    refresh_violations(store, [agreement.id])
    accord = store.accords.get("detected-ir-pk-2026-03-03")
    assert accord.source == "detected" and accord.parties == ("IR", "PK")
    assert accord.mediators == ("Saudi Arabia", "China")
    assert accord.signed_date == accord.in_force_date == date(2026, 3, 3)
    assert accord.place is not None and accord.place.name == "Riyadh"
    assert [c.kind for c in accord.commitments] == [
        "cessation_of_hostilities", "no_support_armed_groups", "monitoring_mechanism",
        "border_reopening"]
    assert "joint monitoring mechanism" in accord.commitments[2].text
    # the draft is checked like any accord: a clash between its parties afterwards
    clash = add_event(store, "Iranian and Pakistani troops exchanged fire at Taftan.",
                      native_type="armed_clash", day=date(2026, 3, 9), actor1=IR_ARMY,
                      actor2=PK_ARMY, place=TAFTAN)
    refresh_violations(store, [clash.id])
    [v] = store.accords.violations(accord_id=accord.id)
    assert v.alleged_violator == "IR" and v.event_id == clash.id


def test_new_draft_checks_events_already_stored(store: Store) -> None:
    clash = add_event(store, "Iranian troops fired on a Pakistani post at Taftan.",
                      native_type="armed_clash", day=date(2026, 3, 9), actor1=IR_ARMY,
                      actor2=PK_ARMY, place=TAFTAN)
    refresh_violations(store, [clash.id])
    assert store.accords.violations() == []
    agreement = add_event(store, "Iran and Pakistan agreed a ceasefire on 3 March.",
                          native_type="ceasefire_agreement", day=date(2026, 3, 3),
                          actor1=IR_GOV, actor2=PK_GOV)
    refresh_violations(store, [agreement.id])
    assert [v.event_id for v in store.accords.violations()] == [clash.id]


def test_a_report_of_a_known_accord_attaches_to_the_curated_one(store: Store) -> None:
    agreement = add_event(
        store, "Under the mediation of Qatar and Turkey, Afghanistan and Pakistan signed a "
        "ceasefire agreement on October 19.", native_type="ceasefire_agreement",
        day=date(2025, 10, 20), actor1=AF_GOV, actor2=PK_GOV)  # a day off: same agreement
    refresh_violations(store, [agreement.id])
    assert sorted(a.id for a in store.accords.list()) == sorted(a.id for a in builtin_accords())
    [link] = store.accords.linked_events("doha-2025-10-19")
    assert link["event_id"] == agreement.id and link["mediators"] == ["Qatar", "Turkey"]


def test_importing_a_curated_accord_absorbs_the_detected_draft(store: Store,
                                                               tmp_path: Path) -> None:
    agreement = add_event(store, "Iran and Pakistan signed a truce brokered by China.",
                          native_type="ceasefire_agreement", day=date(2026, 3, 3),
                          actor1=IR_GOV, actor2=PK_GOV)
    refresh_violations(store, [agreement.id])
    assert store.accords.find("detected-ir-pk-2026-03-03") is not None
    path = tmp_path / "ir-pk.yaml"
    path.write_text("id: ir-pk-2026\nname: Iran–Pakistan truce\nparties: [IR, PK]\n"
                    "mediators: [China]\nsigned: 2026-03-04\n"
                    "commitments: [cessation_of_hostilities]\n", encoding="utf-8")
    [result] = import_accord_file(store, path)
    assert result.absorbed == ("detected-ir-pk-2026-03-03",)
    assert store.accords.find("detected-ir-pk-2026-03-03") is None
    assert [link["event_id"] for link in store.accords.linked_events("ir-pk-2026")] == [
        agreement.id]
    refresh_violations(store, [agreement.id])  # a later report does not bring the draft back
    assert store.accords.find("detected-ir-pk-2026-03-03") is None


def test_one_party_is_not_an_accord(store: Store) -> None:
    agreement = add_event(store, "Pakistan announced a unilateral ceasefire.",
                          native_type="ceasefire_agreement", day=date(2026, 1, 5),
                          actor1=PK_GOV)
    refresh_violations(store, [agreement.id])
    assert {a.source for a in store.accords.list()} == {"curated"}
    assert len(store.accords.list()) == len(builtin_accords())
