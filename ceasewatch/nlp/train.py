"""Rebuild the shipped extraction models from the repository's annotated corpus.

    $ python -m ceasewatch.nlp.train              # train, choose thresholds, write the models
    $ python -m ceasewatch.nlp.train --blind      # also report the blind split, per config

The fusion model (``ceasewatch/fusion/pairing.py``) is trained last, on pairs of reports of
the team's training split extracted with the new models.

Needs the ``train`` extra (scikit-learn) and ``../shared/corpus`` beside the checkout. The
models land in ``ceasewatch/data/models/`` with the hash of the data they came from; the same
data gives byte-identical files. Thresholds come from 5-fold cross-validation over the
training documents, which also gives the ablation (rules alone, each model added). The blind
split is never read for training or thresholds; ``--blind`` scores it only to report.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from ceasewatch.nlp.learned.corpus import AnnotatedDoc, load_corpus
from ceasewatch.nlp.learned.linear import LinearModel, model_path, save_model
from ceasewatch.nlp.learned.training import (
    Example,
    data_hash,
    duplicate_examples,
    evaluate_docs,
    fit,
    train_models,
)

#: regularisation and class weighting chosen by cross-validation over the training documents
C_EVENTS, C_DATES, C_PLACES = 0.5, 1.0, 1.0
C_DUPLICATES = 1.0
JOIN_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
#: F1 within this of the best is a tie, which the most cautious threshold wins
JOIN_TIE = 0.003
BALANCED = True
ADD_GRID = (0.3, 0.4, 0.5, 0.6)
DROP_GRID = (0.95, 1.01)  # 1.01: never drop a rule trigger
FOLDS = 5
CONFIGS = ("rules only", "+ event model", "+ event, date models", "+ event, date, place models",
           "+ event, date, place, duplicate models",
           "+ event, date, place, duplicate, actor models")


def _folds(docs: Sequence[AnnotatedDoc]) -> list[list[AnnotatedDoc]]:
    return [list(docs[i::FOLDS]) for i in range(FOLDS)]


def _models(docs: Sequence[AnnotatedDoc], add: float = 0.5, drop: float = 1.01
            ) -> dict[str, LinearModel]:
    return train_models(docs, add=add, drop=drop, c_events=C_EVENTS, c_dates=C_DATES,
                        c_places=C_PLACES, balanced=BALANCED)


def _config(models: dict[str, LinearModel], name: str) -> dict[str, LinearModel | None]:
    n = CONFIGS.index(name)
    return {"events": models["events"] if n >= 1 else None,
            "dates": models["dates"] if n >= 2 else None,
            "places": models["places"] if n >= 3 else None,
            "duplicates": models.get("duplicates") if n >= 4 else None,
            "actors": models["actors"] if n >= 5 else None}


def _with(models: dict[str, LinearModel], **thresholds: float) -> dict[str, LinearModel]:
    return {**models, "events": models["events"].with_thresholds(**thresholds)}


def _pooled(results: list[dict[str, Any]]) -> dict[str, Any]:
    tp, fp, fn = (sum(r[k] for r in results) for k in ("tp", "fp", "fn"))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "precision": round(p, 3),
            "recall": round(r, 3), "tp": tp, "fp": fp, "fn": fn}


def cross_validate(docs: Sequence[AnnotatedDoc], *, grid: bool = True
                   ) -> tuple[float, float, dict[str, Any]]:
    """5-fold cross-validation over documents: the add/drop thresholds with the best pooled
    F1 (recall breaks ties), and the ablation of each learned part at those thresholds."""
    folds = _folds(docs)
    fold_models = []
    for k, test in enumerate(folds):
        train = [d for j, f in enumerate(folds) if j != k for d in f]
        fold_models.append((_models(train), test))
    table: dict[str, Any] = {}
    best = (0.5, 1.01)
    duplicates: dict[str, Any] = {}
    if grid:
        top: tuple[float, float] | None = None
        for add in ADD_GRID:
            for drop in DROP_GRID:
                res = _pooled([evaluate_docs(test, _with(m, add=add, drop=drop))
                               for m, test in fold_models])
                table[f"add={add} drop={drop}"] = res
                if top is None or (res["f1"], res["recall"]) > top:
                    top, best = (res["f1"], res["recall"]), (add, drop)
    fold_models = [(_with(m, add=best[0], drop=best[1]), test) for m, test in fold_models]
    join, duplicates = _duplicates_by_folds(fold_models)
    ablation: dict[str, Any] = {}
    for name in CONFIGS:
        runs = [evaluate_docs(test, _config(m, name)) for m, test in fold_models]
        ablation[name] = _pooled(runs) | {"strict_f1": round(
            sum(r["strict_f1"] * (r["tp"] + r["fn"]) for r in runs)
            / max(1, sum(r["tp"] + r["fn"] for r in runs)), 3)}
    return best[0], best[1], {"grid": table, "duplicates": duplicates, "join": join,
                              "ablation": ablation}


def _duplicates_by_folds(fold_models: list[tuple[dict[str, LinearModel], list[AnnotatedDoc]]]
                         ) -> tuple[float, dict[str, Any]]:
    """The duplicate model's join threshold: pairs come from each fold's held-out documents
    extracted by the models of the other folds (the pairs extraction meets on reports it
    has not seen); each fold's duplicate model learns from the other folds' pairs. The
    threshold is the highest whose pooled event F1 is within ``JOIN_TIE`` of the best: a
    wrong join loses a real event, so among thresholds that score alike the one that joins
    least wins. Each fold's model is stored in its fold's models, for the ablation."""
    pairs = [duplicate_examples(test, m) for m, test in fold_models]
    table: dict[str, Any] = {}
    fold_dups = []
    for k in range(len(fold_models)):
        others = [e for j, ex in enumerate(pairs) if j != k for e in ex]
        fold_dups.append(_fit_duplicates(others, {}))
    for th in JOIN_GRID:
        table[f"join={th}"] = _pooled([
            evaluate_docs(test, {**m, "duplicates": d.with_thresholds(join=th)})
            for (m, test), d in zip(fold_models, fold_dups, strict=True)])
    best = max(table[f"join={th}"]["f1"] for th in JOIN_GRID)
    join = max(th for th in JOIN_GRID if table[f"join={th}"]["f1"] >= best - JOIN_TIE)
    for (m, _), d in zip(fold_models, fold_dups, strict=True):
        m["duplicates"] = d.with_thresholds(join=join)
    table["examples"] = [e for ex in pairs for e in ex]
    return join, table


def _fit_duplicates(examples: list[Example], meta: dict[str, Any]) -> LinearModel:
    return fit(examples, c=C_DUPLICATES, meta=meta)


def train(docs: Sequence[AnnotatedDoc], *, cv: bool = True
          ) -> tuple[dict[str, LinearModel], dict[str, Any]]:
    training = [d for d in docs if d.split in ("dev", "train")]
    add, drop, report = 0.5, 1.01, dict[str, Any]()
    if cv:
        add, drop, report = cross_validate(training)
    models = _with(_models(training, add, drop), add=add, drop=drop)
    meta = {"data_hash": data_hash(training), "documents": len(training)}
    if report:
        models["events"] = models["events"].with_meta(cross_validated=report["ablation"])
        # the shipped duplicate model learns from every fold's held-out pairs
        examples = report["duplicates"].pop("examples")
        models["duplicates"] = _fit_duplicates(examples, meta).with_thresholds(
            join=report["join"])
    else:
        models["duplicates"] = _fit_duplicates(duplicate_examples(training, models), meta
                                               ).with_thresholds(join=0.5)
    models["fusion"], report["fusion"] = fusion_model(docs, models)
    return models, report


def fusion_model(docs: Sequence[AnnotatedDoc], models: dict[str, LinearModel]
                 ) -> tuple[LinearModel, dict[str, Any]]:
    """The fusion model, from the team's training split only: the seeds and dev2, on which
    issue 11 measures fusion, stay out of it, and so does the blind split."""
    from ceasewatch.fusion.training import train_fusion

    team = [d for d in docs if d.split == "train"]
    meta = {"data_hash": data_hash(team), "documents": len(team),
            "gold_events": sum(len(d.gold) for d in team)}
    return train_fusion(team, {**models, "actors": None}, meta)


def report_blind(docs: Sequence[AnnotatedDoc], models: dict[str, LinearModel]
                 ) -> dict[str, Any]:
    """The blind split scored with each configuration: to report, never to tune."""
    blind = [d for d in docs if d.split == "blind"]
    return {name: {k: v for k, v in evaluate_docs(blind, _config(models, name)).items()
                   if k in ("f1", "precision", "recall", "strict_f1", "attributes", "tp",
                            "fp", "fn")} for name in CONFIGS}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ceasewatch.nlp.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--blind", action="store_true",
                    help="also score the blind split with each configuration (to report)")
    ap.add_argument("--no-cv", action="store_true", help="skip threshold cross-validation")
    ap.add_argument("--dry-run", action="store_true", help="train but do not write models")
    args = ap.parse_args(argv)
    docs = load_corpus()
    if not docs:
        print("no annotated corpus found (../shared/corpus, corpus/)", file=sys.stderr)
        return 2
    models, report = train(docs, cv=not args.no_cv)
    for name, model in models.items():
        if not args.dry_run:
            save_model(model, model_path(name))
        meta = model.meta or {}
        print(f"{name}: {len(model.weights)} features, {meta.get('examples')} examples, "
              f"thresholds {meta.get('thresholds')}")
    if report:
        print("cross-validated (5 folds over dev + train documents):")
        print(json.dumps(report, indent=1))
    if args.blind:
        print("blind split:")
        print(json.dumps(report_blind(docs, models), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
