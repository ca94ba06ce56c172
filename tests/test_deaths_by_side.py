"""Casualties by side, UCDP-style (issue 11): the event's toll split into side A, side B,
civilians and unknown from the reports that say whose dead their figures count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ceasewatch import api
from ceasewatch.exports.items import iter_items
from ceasewatch.exports.ucdp import ucdp_row
from ceasewatch.fusion.claims import deaths_by_side
from ceasewatch.records import Casualties, Claim

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _claim(parts: list[tuple[str | None, int]], n: int = 0) -> Claim:
    value = {"best": sum(c for _, c in parts),
             "by_side": [{"side": s, "count": c} for s, c in parts]}
    return Claim(event_id="e", field="fatalities", value=json.dumps(value), claimant=None,
                 doc_id=f"d{n}", mention_id=f"m{n}", evidence="")


def test_the_split_nearest_the_best_figure_is_used_and_the_rest_is_unknown() -> None:
    near = _claim([("PK", 23), ("AF", 200)], 1)
    far = _claim([("PK", 2)], 2)
    got = deaths_by_side(Casualties(best=230), [far, near], "PK", "AF")
    assert got == {"side_a": 23, "side_b": 200, "civilians": 0, "unknown": 7}
    assert sum(got.values()) == 230


def test_a_split_counting_more_dead_than_the_toll_is_not_trusted() -> None:
    got = deaths_by_side(Casualties(best=10), [_claim([("PK", 40)])], "PK", "AF")
    assert got == {"side_a": 0, "side_b": 0, "civilians": 0, "unknown": 10}


def test_a_third_side_and_civilians_are_kept_apart_from_the_parties() -> None:
    got = deaths_by_side(Casualties(low=12), [_claim([("TTP", 8), ("civilians", 4)])],
                         "PK", "AF")
    assert got == {"side_a": 0, "side_b": 0, "civilians": 4, "unknown": 8}
    assert deaths_by_side(Casualties(), [_claim([("PK", 3)])], "PK", "AF")["unknown"] == 0


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/corpus not present")
def test_ucdp_rows_split_the_toll_where_a_report_does(tmp_path: Path, db_target: str) -> None:
    from ceasewatch.store import open_store

    store = open_store(db_target)
    api.ingest(store, [str(SEEDS)])
    rows = [r for r in (ucdp_row(i) for i in iter_items(store)) if r]
    split = [r for r in rows if r["deaths_a"] or r["deaths_b"] or r["deaths_civilians"]]
    assert split, "the seeds state '23 Pakistani and approximately 200 Afghan fatalities'"
    for r in rows:
        assert r["deaths_a"] + r["deaths_b"] + r["deaths_civilians"] + r["deaths_unknown"] \
            == r["best"]
    assert any({r["deaths_a"], r["deaths_b"]} == {23, 200} for r in split)
    report = api.event_report(store, split[0]["id"])
    assert sum(report["deaths_by_side"].values()) == split[0]["best"]
    store.close()
