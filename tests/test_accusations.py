"""Accusations of hosting or supporting an armed group become ledger lines of the no-support
commitment: read from the seeds, where Pakistan accuses Afghanistan of harbouring the TTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch import api
from ceasewatch.accords.accusations import accusations_in, judge_accusations
from ceasewatch.accords.knowledge import commitment_name
from ceasewatch.records import Commitment

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
PARTIES = ("AF", "PK")
NO_SUPPORT = Commitment(id="c", accord_id="a", kind="no_support_armed_groups", text="")


def test_an_accusation_of_harbouring_is_read_with_accuser_and_accused():
    text = ("Islamabad has long accused the Afghan Taliban of harboring militants from the "
            "Tehreek-e-Taliban Pakistan (TTP). The talks went on.")
    [a] = accusations_in("d.txt", text, PARTIES)
    assert (a.accuser, a.accused, a.group.key, a.denied) == ("PK", "AF", "TTP", False)
    assert a.evidence.startswith("d.txt: Islamabad has long accused")
    [v] = judge_accusations(NO_SUPPORT, [a])
    assert (v.violator, v.accuser, v.verification) == ("AF", "PK", "claimed")


def test_a_denial_on_the_record_makes_it_disputed():
    text = ("Pakistan has accused Afghanistan for providing support to the terrorist "
            "organization Tehrik-e-Taliban Pakistan (TTP). Kabul, however, has officially "
            "rejected these allegations, insisting that it offers no assistance to the group.")
    found = accusations_in("d.txt", text, PARTIES)
    assert [(a.accuser, a.accused, a.denied) for a in found] == [("PK", "AF", True)]
    assert judge_accusations(NO_SUPPORT, found)[0].verification == "disputed"


def test_each_side_accusing_the_other_gives_two_lines():
    text = ("Pakistan accused Kabul of sheltering the TTP on Afghan soil. Afghanistan's "
            "spokesman accused Pakistan of harbouring Islamic State Khorasan Province "
            "training centres.")
    verdicts = judge_accusations(NO_SUPPORT, accusations_in("d.txt", text, PARTIES))
    assert {(v.violator, v.accuser) for v in verdicts} == {("AF", "PK"), ("PK", "AF")}


@pytest.mark.parametrize("text", [
    # mutual accusations named, no support alleged
    "Relations between Islamabad and Kabul have deteriorated, with mutual accusations "
    "fueling distrust over the TTP.",
    # the host's own denial is not an accusation against itself
    "Kabul rejected the allegations, insisting that it offers no assistance to the TTP.",
    # support alleged, but no armed group named in the report
    "Pakistan accused Afghanistan of harbouring criminals.",
    # a party not in the accord
    "India accused the TTP's backers of providing support to militants.",
])
def test_what_is_not_an_accusation_of_support(text):
    assert accusations_in("d.txt", text, PARTIES) == []


def test_commitments_have_names_in_words():
    assert commitment_name("no_support_armed_groups") == "no support for armed groups"
    assert commitment_name("cessation_of_hostilities") == "cessation of hostilities"
    assert commitment_name("unknown_kind") == "unknown kind"


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/corpus not present")
def test_the_seeds_allege_support_for_the_ttp(tmp_path, db_target: str):
    from ceasewatch.reports.ledger_rows import ledger_rows
    from ceasewatch.store import open_store

    store = open_store(db_target)
    api.ingest(store, [str(SEEDS)])
    lines = [r for r in ledger_rows(store) if r["commitment"] == "no_support_armed_groups"]
    assert lines, "Pakistan accuses Afghanistan of harbouring the TTP in seed001-seed004"
    assert {(r["alleged_violator"], r["accuser"]) for r in lines} == {("AF", "PK")}
    assert all(r["accord_id"] == "doha-2025-10-19" for r in lines)
    evidence = " ".join(e for r in lines for e in r["evidence"])
    assert "TTP" in evidence and "harbo" in evidence
    # Kabul denies it on the record: disputed, not a finding
    assert {r["verification"] for r in lines} == {"disputed"}
    # the accord no longer reads "holding" on that commitment
    accord = store.accords.find("doha-2025-10-19")
    assert accord is not None
    from ceasewatch.accords.summary import commitment_states

    states = {s.commitment.kind: s.state for s in commitment_states(store, accord)}
    assert states["no_support_armed_groups"] == "allegedly violated"
    # re-ingesting changes nothing (idempotent)
    api.ingest(store, [str(SEEDS)])
    again = [r for r in ledger_rows(store) if r["commitment"] == "no_support_armed_groups"]
    assert [r["id"] for r in again] == [r["id"] for r in lines]
