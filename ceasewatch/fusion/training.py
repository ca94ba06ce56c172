"""Training data for the fusion model: pairs of reports from different documents.

Each document of the training split is extracted (with the extraction models being
trained), its mentions are matched to its gold lines exactly as ``score_fusion.py`` matches
them, and every pair of matched mentions from two documents that the rules allow
(``compatibility.assess``) is an example: ``yes`` when their gold lines share an
``incident`` id. The threshold is the one with the best F0.5 over pairs in 5-fold
cross-validation over documents: a wrong merge invents corroboration and disputes, a
missed one only leaves two reports apart, so precision weighs double.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from ceasewatch.fusion.compatibility import assess
from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.fusion.pairing import pair_features
from ceasewatch.nlp.learned.corpus import AnnotatedDoc
from ceasewatch.nlp.learned.linear import LinearModel, using_models
from ceasewatch.nlp.learned.training import Example, fit
from ceasewatch.records import Event, Mention

#: the thresholds cross-validation chooses among
JOIN_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
C_FUSION = 1.0
FOLDS = 5


def as_event(m: Mention) -> Event:
    """A one-report event, as fusion would have made of this mention."""
    return Event(id=m.id, native_type=m.native_type, event_date=m.event_date,
                 date_precision=m.date_precision, event_type=m.event_type,
                 sub_event_type=m.sub_event_type, event_end=m.event_end, actor1=m.actor1,
                 actor2=m.actor2, place=m.place, fatalities=m.fatalities,
                 injuries=m.injuries, mention_ids=(m.id,))


def matched_mentions(docs: Sequence[AnnotatedDoc],
                     models: Mapping[str, LinearModel | None]
                     ) -> list[tuple[str, str, Mention]]:
    """(document, gold incident, mention) for every mention matched to a gold line."""
    from ceasewatch.evaluate_fusion import match
    from ceasewatch.export import mention_dict
    from ceasewatch.nlp.pipeline import extract_mentions

    gold = {d.doc.name: d.gold for d in docs if d.gold}
    pred: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_id: dict[str, Mention] = {}
    with using_models({**models, "fusion": None}):
        for d in docs:
            for m in extract_mentions(d.doc):
                line = mention_dict(m)
                line["doc"] = d.doc.name
                line["mention"] = m.id
                pred[d.doc.name].append(line)
                by_id[m.id] = m
    return [(doc, g.get("incident") or "", by_id[p["mention"]])
            for doc, g, p in match(gold, dict(pred))]


def pair_examples(matched: Sequence[tuple[str, str, Mention]]
                  ) -> list[tuple[str, str, Example]]:
    """(document, document, example) for each pair of matched mentions of two documents
    that the rules allow."""
    k = knowledge()
    out: list[tuple[str, str, Example]] = []
    for (d1, i1, m1), (d2, i2, m2) in combinations(matched, 2):
        if d1 == d2 or isinstance(assess(m1, as_event(m2), k), str):
            continue
        feats = pair_features(m1, as_event(m2), k)
        if feats is not None:
            out.append((d1, d2, Example(set(feats), "yes" if i1 and i1 == i2 else "no")))
    return out


def _f_half(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def train_fusion(docs: Sequence[AnnotatedDoc], models: Mapping[str, LinearModel | None],
                 meta: dict[str, Any]) -> tuple[LinearModel, dict[str, Any]]:
    """The fusion model and its cross-validated threshold (F0.5 over pairs)."""
    matched = matched_mentions(docs, models)
    names = sorted({doc for doc, _, _ in matched})
    fold = {name: i % FOLDS for i, name in enumerate(names)}
    pairs = pair_examples(matched)
    scored: list[tuple[float, bool]] = []
    for f in range(FOLDS):
        examples = [e for a, b, e in pairs if fold[a] != f and fold[b] != f]
        if not {e.label for e in examples} >= {"yes", "no"}:
            continue
        model = fit(examples, c=C_FUSION, meta={})
        yes = model.classes.index("yes")
        # each pair is tested once, in its first document's fold, by a model that saw
        # no pair of that fold's documents
        scored += [(model.proba(e.features)[yes], e.label == "yes")
                   for a, b, e in pairs if fold[a] == f]
    table: dict[str, Any] = {}
    best, top = JOIN_GRID[0], -1.0
    positives = sum(y for _, y in scored)
    for th in JOIN_GRID:
        tp = sum(1 for p, y in scored if p >= th and y)
        fp = sum(1 for p, y in scored if p >= th and not y)
        score = _f_half(tp, fp, positives - tp)
        table[f"join={th}"] = {"precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
                               "recall": round(tp / positives, 3) if positives else 0.0,
                               "f0.5": round(score, 3)}
        if score > top:
            best, top = th, score
    allowed = sum(1 for _, y in scored if y)
    table["rules alone"] = {"precision": round(allowed / len(scored), 3) if scored else 0.0,
                            "recall": 1.0 if scored else 0.0}
    model = fit([e for _, _, e in pairs], c=C_FUSION,
                meta={**meta, "documents_with_pairs": len(names)})
    model = model.with_thresholds(join=best).with_meta(cross_validated=table)
    return model, table
