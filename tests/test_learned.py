"""The learned stages (issue 10): how each model changes extraction, the shipped models'
provenance, and reproducible training.

The stage tests use tiny hand-made models through ``using_models`` so they check the
mechanics (a sentence the triggers miss becomes an event; an undated event takes the date
the ranker prefers, or none), not the shipped weights; the shipped models are checked for
their provenance: trained on exactly the corpus in the repository, blind split excluded.
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from ceasewatch.nlp.learned.corpus import load_corpus, split_of
from ceasewatch.nlp.learned.linear import (
    LinearModel,
    _load_shipped,
    load_model,
    model_path,
    save_model,
    using_models,
)
from ceasewatch.nlp.pipeline import extract_mentions
from ceasewatch.records import Document, content_hash

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
OFF = {"events": None, "dates": None, "places": None, "actors": None, "duplicates": None}


def _doc(text: str, published: date = date(2025, 10, 14)) -> Document:
    return Document(id=content_hash(text), text=text, origin="t.txt", name="t.txt",
                    format="text", published=published, published_precision="day",
                    language="en")


def _events_model(word: str, label: str, add: float = 0.5) -> LinearModel:
    return LinearModel(("Armed clash", "none"), (0.0, 2.0), {f"w={word}": (6.0, 0.0)},
                       {"thresholds": {"add": add, "drop": 1.01}})


AMBUSH = ("Militants waylaid a convoy of the Frontier Corps near Parachinar in Kurram "
          "district on Monday, officials said.")


def test_event_model_adds_an_event_the_triggers_miss() -> None:
    with using_models(OFF):
        assert not extract_mentions(_doc(AMBUSH))
    with using_models({**OFF, "events": _events_model("waylaid", "Armed clash")}):
        got = extract_mentions(_doc(AMBUSH))
    assert [(m.sub_event_type, m.event_date) for m in got] == [("Armed clash",
                                                                 date(2025, 10, 13))]
    attrs = dict(got[0].attributes)
    assert attrs["trigger"] == "waylaid" and attrs["learned"].startswith("Armed clash")


def test_event_model_below_threshold_adds_nothing() -> None:
    with using_models({**OFF, "events": _events_model("waylaid", "Armed clash", add=0.999)}):
        assert not extract_mentions(_doc(AMBUSH))


def _dates_model(prefer: str) -> LinearModel:
    return LinearModel(("no", "yes"), (-1.0, 1.0), {f"src={prefer}": (-3.0, 3.0)})


UNDATED = ("Militants waylaid a convoy of the Frontier Corps near Parachinar in Kurram "
           "district, killing four soldiers.")


def test_date_model_dates_an_undated_event_or_leaves_it() -> None:
    events = _events_model("waylaid", "Armed clash")
    with using_models({**OFF, "events": events}):
        assert not extract_mentions(_doc(UNDATED))  # no date: dropped, with its reason
    with using_models({**OFF, "events": events, "dates": _dates_model("published")}):
        got = extract_mentions(_doc(UNDATED))
    assert [m.event_date for m in got] == [date(2025, 10, 14)]
    assert dict(got[0].attributes)["date_source"] == "learned:published"
    with using_models({**OFF, "events": events, "dates": _dates_model("none")}):
        assert not extract_mentions(_doc(UNDATED))


TWICE = ("Afghan forces clashed with Pakistani troops near Chaman on Monday, killing four "
         "soldiers, officials said. The clash at Spin Boldak on Monday left five people dead, "
         "the Taliban said.")


def _duplicates_model(weight: float) -> LinearModel:
    return LinearModel(("no", "yes"), (0.0, 0.0), {"bias_pair": (-weight, weight)},
                       {"thresholds": {"join": 0.6}})


def test_duplicate_model_joins_two_tellings_the_rules_keep_apart() -> None:
    with using_models(OFF):  # two tolls, two places: the merge rules keep two events
        assert len(extract_mentions(_doc(TWICE))) == 2
    with using_models({**OFF, "duplicates": _duplicates_model(-3.0)}):
        assert len(extract_mentions(_doc(TWICE))) == 2
    with using_models({**OFF, "duplicates": _duplicates_model(3.0)}):
        got = extract_mentions(_doc(TWICE))
    assert len(got) == 1
    assert dict(got[0].attributes)["joined_by"].startswith("duplicate model")


def test_duplicate_features_see_a_list_of_places() -> None:
    from ceasewatch.nlp.learned.features import duplicate_features
    from ceasewatch.nlp.pipeline import analyse_document
    from ceasewatch.nlp.stages.learned import duplicate_pairs

    text = "Pakistani jets struck Kabul and Paktika on Thursday night, the Taliban said."
    with using_models(OFF):
        ctx = analyse_document(_doc(text))
        # the places rule keeps the two strikes apart; the pair the model would read:
        heads = [c for c in ctx.candidates if c.dropped is None and c.merged_into is None]
        assert {c.place.name for c in heads if c.place} == {"Kabul", "Paktika"}
        ctx.candidates = heads
        pairs = duplicate_pairs(ctx)
    assert len(pairs) == 1
    feats = duplicate_features(ctx, ctx.candidates[pairs[0][0]], ctx.candidates[pairs[0][1]])
    assert {"listed", "dist=0", "date_same"} <= feats


def test_model_files_are_reproducible(tmp_path: Path) -> None:
    m = LinearModel(("a", "b"), (0.1, -0.1), {"w=x": (1.0, -1.0)}, {"data_hash": "h"})
    save_model(m, tmp_path / "one.json.gz")
    save_model(m, tmp_path / "two.json.gz")
    assert (tmp_path / "one.json.gz").read_bytes() == (tmp_path / "two.json.gz").read_bytes()
    with gzip.open(tmp_path / "one.json.gz", "rt") as fh:
        assert LinearModel.from_json(json.load(fh)) == m


def test_shipped_models_load_and_name_their_data() -> None:
    # how fast they load is measured in bench/, never asserted here
    models = {name: _load_shipped(name)
              for name in ("events", "dates", "places", "actors", "duplicates")}
    for name, model in models.items():
        assert model is not None, f"{model_path(name)} missing: python -m ceasewatch.nlp.train"
        meta = model.meta or {}
        assert meta.get("data_hash") and meta.get("learner", "").startswith("scikit-learn")


@pytest.mark.skipif(not (SHARED / "dev2").exists(), reason="../shared/corpus not present")
def test_shipped_models_were_trained_on_this_corpus_without_the_blind_split() -> None:
    from ceasewatch.nlp.learned.training import data_hash

    docs = load_corpus()
    training = [d for d in docs if d.split in ("dev", "train")]
    model = load_model("events")
    assert model is not None and model.meta is not None
    assert model.meta["data_hash"] == data_hash(training), (
        "the corpus changed since the models were trained: python -m ceasewatch.nlp.train")
    assert model.meta["documents"] == len(training)
    blind = [d for d in docs if d.split == "blind"]
    assert len(blind) >= 40 and not {d.doc.name for d in blind} & {
        d.doc.name for d in training}


def test_split_is_fixed_by_the_name() -> None:
    names = [f"e9_{i:03d}_outlet_slug.txt" for i in range(400)]
    splits = [split_of(n) for n in names]
    assert splits == [split_of(n) for n in names]
    assert 0.2 < splits.count("blind") / len(splits) < 0.4


@pytest.mark.skipif(not (SHARED / "dev2").exists(), reason="../shared/corpus not present")
def test_training_is_deterministic() -> None:
    pytest.importorskip("sklearn")
    from ceasewatch.nlp.learned.training import train_models

    docs = [d for d in load_corpus() if d.batch == "dev2"][:8]
    kw = dict(add=0.4, drop=1.01, c_events=0.5, c_dates=1.0, c_places=1.0, balanced=True)
    one, two = train_models(docs, **kw), train_models(docs, **kw)  # type: ignore[arg-type]
    assert {k: v.as_json() for k, v in one.items()} == {k: v.as_json() for k, v in two.items()}


def test_models_are_switched_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEASEWATCH_MODELS", "none")
    assert load_model("events") is None
    monkeypatch.setenv("CEASEWATCH_MODELS", "events,dates")
    assert load_model("dates") is not None and load_model("places") is None
    monkeypatch.delenv("CEASEWATCH_MODELS")
    assert load_model("places") is not None and load_model("actors") is None  # opt-in
    monkeypatch.setenv("CEASEWATCH_MODELS", "events,dates,places,actors")
    assert load_model("actors") is not None
