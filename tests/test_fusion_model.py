"""The learned same-incident check (``fusion/pairing.py``): its mechanics with tiny hand-made
models, and the shipped model's provenance (trained on the team's training split only).

The model is opt-in (``CEASEWATCH_MODELS=...,fusion``); off, fusion is the rules alone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fusion_factory import (
    AF,
    CHAMAN,
    KABUL,
    PK,
    SPIN_BOLDAK,
    article,
    ingest,
    make_doc,
    make_mention,
)

from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.fusion.pairing import pair_features, same_incident
from ceasewatch.fusion.training import as_event
from ceasewatch.nlp.learned.corpus import load_corpus
from ceasewatch.nlp.learned.linear import LinearModel, _load_shipped, using_models

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NOV6 = date(2025, 11, 6)


def _model(weight: float, feature: str = "other_country") -> LinearModel:
    return LinearModel(("no", "yes"), (-1.0, 1.0), {feature: (-weight, weight)},
                       {"thresholds": {"join": 0.5}})


def _twin_town_reports(store):  # type: ignore[no-untyped-def]
    a = make_doc(article(300, 1), "rna.txt", outlet="RNA")
    b = make_doc(article(300, 2), "dawn.txt", outlet="Dawn")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK,
                                   actor2=AF)])
    ingest(store, b, [make_mention(b, "armed_clash", NOV6, place=CHAMAN, actor1=AF,
                                   actor2=PK)])
    return store.events.list()


def test_without_the_model_the_rules_decide(store) -> None:  # type: ignore[no-untyped-def]
    with using_models({"fusion": None}):
        assert len(_twin_town_reports(store)) == 1


def test_a_model_that_doubts_the_pair_keeps_the_reports_apart(store) -> None:  # type: ignore[no-untyped-def]
    with using_models({"fusion": _model(-5.0)}):
        events = _twin_town_reports(store)
    assert len(events) == 2
    log = " ".join(str(r["reason"]) for e in events for r in store.events.history(e.id))
    assert "same incident p 0.00 < 0.50" in log  # the fusion log says why


def test_a_model_that_trusts_the_pair_joins_them_and_says_so(store) -> None:  # type: ignore[no-untyped-def]
    with using_models({"fusion": _model(5.0)}):
        [event] = _twin_town_reports(store)
    assert len(event.mention_ids) == 2
    log = " ".join(str(r["reason"]) for r in store.events.history(event.id))
    assert "same incident p 1.00" in log


def test_features_rule_out_what_the_rules_rule_out() -> None:
    k = knowledge()
    d = make_doc(article(50, 3), "x.txt")
    clash = make_mention(d, "armed_clash", NOV6, place=KABUL)
    closure = make_mention(d, "border_closure", NOV6, place=KABUL)
    later = make_mention(d, "armed_clash", date(2025, 11, 20), place=KABUL)
    assert pair_features(clash, as_event(closure), k) is None  # incompatible types
    assert pair_features(clash, as_event(later), k) is None  # two weeks apart
    feats = pair_features(clash, as_event(clash), k)
    assert feats is not None and "gap=0" in feats and "same_type" in feats
    with using_models({"fusion": None}):
        assert same_incident(clash, as_event(clash), k) is None


@pytest.mark.skipif(not (SHARED / "dev2").exists(), reason="../shared/corpus not present")
def test_shipped_fusion_model_was_trained_on_the_team_training_split_only() -> None:
    from ceasewatch.nlp.learned.training import data_hash

    model = _load_shipped("fusion")
    assert model is not None and model.meta, "python -m ceasewatch.nlp.train"
    team = [d for d in load_corpus() if d.split == "train"]
    assert model.meta["data_hash"] == data_hash(team), (
        "the corpus changed since the fusion model was trained: python -m ceasewatch.nlp.train")
    assert 0.0 < model.meta["thresholds"]["join"] < 1.0
    table = model.meta["cross_validated"]
    chosen = table[f"join={model.meta['thresholds']['join']}"]
    assert chosen["precision"] > table["rules alone"]["precision"]
