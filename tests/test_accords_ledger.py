"""The violation ledger on synthetic events written straight through the store."""

from __future__ import annotations

import json
from datetime import date

from accords_world import (
    AF_ARMY,
    IR_ARMY,
    KABUL,
    NORTH_WAZIRISTAN,
    PK_ARMY,
    SPIN_BOLDAK,
    TTP,
    add_event,
)

from ceasewatch.accords.ledger import refresh_violations
from ceasewatch.accords.summary import commitment_states, weekly_counts, weekly_series
from ceasewatch.records import Place
from ceasewatch.store import Store

DOHA = "doha-2025-10-19"


def _kind(store: Store, commitment_id: str) -> str:
    accord = store.accords.get(DOHA)
    return next(c.kind for c in accord.commitments if c.id == commitment_id)


def test_disputed_exchange_records_accused_and_accuser_of_both_sides(store: Store) -> None:
    event = add_event(
        store, "Troops from both sides briefly exchanged gunfire near Spin Boldak; each side "
        "blamed the other for initiating the hostilities.",
        native_type="armed_clash", day=date(2025, 11, 6), actor1=PK_ARMY, actor2=AF_ARMY,
        place=SPIN_BOLDAK, claimed_by=("Afghan military", "Pakistan information ministry"),
        initiator_disputed=True)
    refresh_violations(store, [event.id])
    ledger = store.accords.violations(accord_id=DOHA)
    assert {(v.alleged_violator, v.accuser, v.verification) for v in ledger} == {
        ("PK", "AF", "disputed"), ("AF", "PK", "disputed")}
    assert {_kind(store, v.commitment_id) for v in ledger} == {"cessation_of_hostilities"}
    assert all(v.event_id == event.id and v.evidence for v in ledger)


def test_event_before_entry_into_force_is_not_a_violation(store: Store) -> None:
    before = add_event(store, "Afghan forces attacked Pakistani border posts on 12 October.",
                       native_type="armed_clash", day=date(2025, 10, 12), actor1=AF_ARMY,
                       actor2=PK_ARMY, place=SPIN_BOLDAK)
    # "In October, fierce fighting erupted": mid-month with month precision may predate the
    # accord of 19 October, so it cannot be counted against it
    vague = add_event(store, "In October, fierce fighting erupted between the two neighbours.",
                      native_type="armed_clash", day=date(2025, 10, 15), precision="month",
                      actor1=AF_ARMY, actor2=PK_ARMY)
    after = add_event(store, "Afghan forces fired on Pakistani border posts on 2 November.",
                      native_type="armed_clash", day=date(2025, 11, 2), actor1=AF_ARMY,
                      actor2=PK_ARMY, place=SPIN_BOLDAK)
    refresh_violations(store, [before.id, vague.id, after.id])
    assert [v.event_id for v in store.accords.violations()] == [after.id]


def test_event_between_non_parties_is_not_a_violation(store: Store) -> None:
    border = add_event(store, "Iranian border guards clashed with Pakistani troops.",
                       native_type="armed_clash", day=date(2025, 11, 3), actor1=IR_ARMY,
                       actor2=PK_ARMY, place=NORTH_WAZIRISTAN)
    unrelated = add_event(store, "Iranian forces shelled a militant camp inside Iran.",
                          native_type="shelling", day=date(2025, 11, 4), actor1=IR_ARMY)
    refresh_violations(store, [border.id, unrelated.id])
    assert store.accords.violations() == []


def test_violation_acknowledged_by_the_accused(store: Store) -> None:
    strike = add_event(
        store, "Pakistan's military said its jets struck TTP hideouts in Kabul on 3 November.",
        native_type="air_strike", day=date(2025, 11, 3), actor1=PK_ARMY, actor2=TTP,
        place=KABUL, claimed_by=("ISPR",))
    refresh_violations(store, [strike.id])
    [v] = store.accords.violations()
    assert (v.alleged_violator, v.verification) == ("PK", "acknowledged")
    assert _kind(store, v.commitment_id) == "cessation_of_hostilities"


def test_claimed_then_corroborated_by_an_independent_voice(store: Store) -> None:
    text = "Afghan officials said Pakistani forces shelled villages in Spin Boldak."
    shelling = add_event(store, text, native_type="shelling", day=date(2025, 11, 8),
                         actor1=PK_ARMY, actor2=AF_ARMY, place=SPIN_BOLDAK,
                         claimed_by=("Afghan officials",))
    refresh_violations(store, [shelling.id])
    [v] = store.accords.violations()
    assert (v.alleged_violator, v.accuser, v.verification) == ("PK", "AF", "claimed")
    pk = json.dumps({"name": "Military Forces of Pakistan", "kind": "state_forces",
                     "country": "PK", "side": "PK"})
    add_event(store, text, native_type="shelling", day=date(2025, 11, 8), actor1=PK_ARMY,
              actor2=AF_ARMY, place=SPIN_BOLDAK, claimed_by=("Afghan officials",),
              claims=(("actor1", pk, "Afghan officials"), ("actor1", pk, "AFP")),
              event_id=shelling.id)
    refresh_violations(store, [shelling.id])
    [v] = store.accords.violations()
    assert (v.alleged_violator, v.accuser, v.verification) == ("PK", "AF", "corroborated")


def test_counter_accusation_in_claims_makes_it_disputed(store: Store) -> None:
    af = json.dumps({"name": "Military Forces of Afghanistan (Taliban)", "side": "AF"})
    pk = json.dumps({"name": "Military Forces of Pakistan", "side": "PK"})
    clash = add_event(store, "Firing broke out at the Chaman crossing.",
                      native_type="armed_clash", day=date(2025, 11, 9), actor1=PK_ARMY,
                      actor2=AF_ARMY, place=SPIN_BOLDAK,
                      claims=(("actor1", pk, "Taliban spokesman Zabihullah Mujahid"),
                              ("actor1", af, "Pakistan's information ministry")))
    refresh_violations(store, [clash.id])
    assert {(v.alleged_violator, v.accuser, v.verification)
            for v in store.accords.violations()} == {("PK", "AF", "disputed"),
                                                     ("AF", "PK", "disputed")}


def test_attack_by_allegedly_hosted_group_breaches_non_support(store: Store) -> None:
    attack = add_event(store, "TTP militants attacked a checkpoint in North Waziristan.",
                       native_type="armed_clash", day=date(2025, 11, 5), actor1=TTP,
                       actor2=PK_ARMY, place=NORTH_WAZIRISTAN)
    refresh_violations(store, [attack.id])
    [v] = store.accords.violations()
    assert _kind(store, v.commitment_id) == "no_support_armed_groups"
    # an allegation Pakistan makes and Afghanistan denies on the record
    assert (v.alleged_violator, v.accuser, v.verification) == ("AF", "PK", "disputed")


def test_refresh_is_idempotent_and_follows_deleted_events(store: Store) -> None:
    clash = add_event(store, "Pakistani troops fired across the border at Spin Boldak.",
                      native_type="armed_clash", day=date(2025, 11, 10), actor1=PK_ARMY,
                      actor2=AF_ARMY, place=SPIN_BOLDAK, independent_sources=2)
    first = refresh_violations(store, [clash.id])
    second = refresh_violations(store, [clash.id])
    assert first == second and len(store.accords.violations()) == 1
    assert first[0].verification == "corroborated"  # two independent outlets, no dispute
    with store.atomic():
        store.events.delete(clash.id)  # fusion merged it into another event
    assert refresh_violations(store, [clash.id]) == []
    assert store.accords.violations() == []


def test_compliance_summary_counts_events_and_accusations_apart(store: Store) -> None:
    disputed = add_event(
        store, "Both sides traded fire near Spin Boldak and blamed each other.",
        native_type="armed_clash", day=date(2025, 11, 6), actor1=PK_ARMY, actor2=AF_ARMY,
        place=SPIN_BOLDAK, initiator_disputed=True)
    claimed = add_event(store, "Afghan officials said Pakistani drones struck Kabul.",
                        native_type="air_strike", day=date(2025, 11, 12), actor1=PK_ARMY,
                        actor2=AF_ARMY, place=KABUL, claimed_by=("Afghan officials",))
    refresh_violations(store, [disputed.id, claimed.id])
    states = {s.commitment.kind: s for s in commitment_states(store, store.accords.get(DOHA))}
    hostilities = states["cessation_of_hostilities"]
    assert hostilities.events == 2
    assert hostilities.by_level == {"disputed": 1, "claimed": 1}
    assert hostilities.by_party == {"AF": 1, "PK": 2}
    assert hostilities.describe() == "allegedly violated 2 times (1 claimed, 1 disputed)"
    assert states["monitoring_mechanism"].state == "holding"
    weeks = {(w.week, w.party, w.verification): (w.accusations, w.events)
             for w in weekly_counts(store, accord_id=DOHA)}
    assert weeks == {("2025-W45", "AF", "disputed"): (1, 1),
                     ("2025-W45", "PK", "disputed"): (1, 1),
                     ("2025-W46", "PK", "claimed"): (1, 1)}
    series = weekly_series(store, store.accords.get(DOHA))
    assert [row["week"] for row in series["PK"]] == ["2025-W42", "2025-W43", "2025-W44",
                                                     "2025-W45", "2025-W46"]
    assert series["PK"][4]["claimed"] == 1 and series["AF"][0]["disputed"] == 0


def test_builtin_accords_arrive_with_the_first_ledger_run(store: Store) -> None:
    assert store.accords.count() == 0
    refresh_violations(store, [])
    doha = store.accords.get(DOHA)
    assert doha.parties == ("AF", "PK") and doha.mediators == ("Qatar", "Turkey")
    assert doha.signed_date == doha.in_force_date == date(2025, 10, 19)
    assert doha.place is not None and doha.place.country == "QA"
    assert {c.kind for c in doha.commitments} == {
        "cessation_of_hostilities", "no_support_armed_groups", "monitoring_mechanism",
        "follow_up_talks"}


def test_clash_along_the_shared_border_with_no_side_named(store: Store) -> None:
    border = Place("Afghanistan-Pakistan border", None, None, None, None, "border", "test")
    clash = add_event(store, "Afghan officials reported that four civilians were killed in "
                      "clashes along the border during the negotiations.",
                      native_type="armed_clash", day=date(2025, 11, 6), place=border,
                      claimed_by=("Afghan officials",))
    elsewhere = add_event(store, "Five people were killed in fighting in Kunar.",
                          native_type="armed_clash", day=date(2025, 11, 6), place=KABUL)
    refresh_violations(store, [clash.id, elsewhere.id])
    [v] = store.accords.violations()
    assert (v.event_id, v.alleged_violator, v.accuser, v.verification) == (
        clash.id, None, "AF", "claimed")


def test_mirrored_accusations_in_two_events_are_disputed(store: Store) -> None:
    chaman = Place("Chaman", "PK", "Balochistan", 30.92, 66.45, "locality", "test")
    afghan_account = add_event(
        store, "According to the Afghan military, Pakistan used light and heavy weapons.",
        native_type="shelling", day=date(2025, 11, 6), actor1=PK_ARMY, actor2=AF_ARMY,
        place=SPIN_BOLDAK, claimed_by=("Afghan military",))
    refresh_violations(store, [afghan_account.id])
    assert [v.verification for v in store.accords.violations()] == ["claimed"]
    pakistani_account = add_event(
        store, "Firing was initiated from the Afghan side at Chaman, the ministry said.",
        native_type="armed_clash", day=date(2025, 11, 6), actor1=AF_ARMY, actor2=PK_ARMY,
        place=chaman, claimed_by=("Pakistan's information ministry",))
    refresh_violations(store, [pakistani_account.id])
    lines = store.accords.violations()
    assert {(v.alleged_violator, v.accuser, v.verification) for v in lines} == {
        ("PK", "AF", "disputed"), ("AF", "PK", "disputed")}
    assert store.accords.counter_events(v.id for v in lines) == {
        lines[0].id: lines[1].event_id, lines[1].id: lines[0].event_id}
    with store.atomic():  # the Pakistani account goes (merged, retracted): back to "claimed"
        store.events.delete(pakistani_account.id)
    refresh_violations(store, [afghan_account.id])
    assert [v.verification for v in store.accords.violations()] == ["claimed"]


def test_unnamed_opponent_on_the_other_partys_soil(store: Store) -> None:
    # extraction named only the Pakistani troops; the exchange was near Spin Boldak (AF) and
    # the report says both sides traded blame
    clash = add_event(store, "Pakistani troops exchanged gunfire near Spin Boldak; both nations "
                      "traded blame.", native_type="armed_clash", day=date(2025, 11, 6),
                      actor2=PK_ARMY, place=SPIN_BOLDAK, initiator_disputed=True)
    # a named non-party opponent is not presumed to be anyone else
    other = add_event(store, "Pakistani troops clashed with TTP fighters near Spin Boldak.",
                      native_type="armed_clash", day=date(2025, 11, 7), actor1=PK_ARMY,
                      actor2=TTP, place=SPIN_BOLDAK)
    refresh_violations(store, [clash.id, other.id])
    lines = {(v.event_id, v.alleged_violator, v.verification)
             for v in store.accords.violations()}
    assert (clash.id, "PK", "disputed") in lines and (clash.id, "AF", "disputed") in lines
    # PK fighting the TTP on Afghan soil is still a cross-border use of force by PK
    assert {(e, p) for e, p, _ in lines if e == other.id} == {(other.id, "PK")}
