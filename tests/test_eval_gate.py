"""Evaluation gate: extraction must not fall below recorded floors, on the development corpus
and on the held-out set.

The floors sit a little below the figures measured when they were recorded (see each
comment); a change that lowers a figure below its floor fails here. The development corpus
lives outside the package (``../shared/corpus``); without it its gate is skipped. The held-out
set (``fixtures/heldout/``, gold in ``fixtures/heldout.gold.jsonl``) is 20 short reports
composed for ceasewatch in other styles (wire, ISPR and Taliban statements, analysis, local
news, a briefing made only of non-events) about incidents the development corpus never saw:
it measures extraction on unseen reporting (issue 3). Its figures are those after the fixes
its first 15 texts prompted; the first measurement, before any rule was changed, was F1 0.65
(P 0.812, R 0.542), and the last 5 texts, written after those fixes, first scored F1 0.714.
A rule tuned to one text of it should be checked against the others, never the gold edited.

Real reports: ``../shared/corpus/dev2`` is gated here too. The team's frozen blind split
(``corpus/``, issue 10) is never tuned on; ``ceasewatch evaluate --corpus`` reports it, and
``tests/test_eval_corpus.py`` only checks that it stays above the rules-alone baseline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch.evaluate import Evaluation, evaluate_corpus

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
HELDOUT = Path(__file__).resolve().parent / "fixtures"

#: seeds, measured 2026-11-23 with rules alone: F1 0.979 (P 0.958, R 1.0), strict 0.936; with
#: the learned models 0.957 / 0.957 / 0.957 (issue 10, 2026-12-03), and F1 0.92 (P 0.852, R
#: 1.0), strict 0.88 with the models trained on 1,454 articles (2026-12-04): the event model
#: now reads seed002's "Pakistan had earlier confined its strikes to ... Khost, Paktika,
#: Nangarhar, and Kunar" as strikes of October — a cost taken for the blind split's gain
#: (0.584 -> 0.589 on its 457 reports; 0.581 -> 0.587 on the 390 of the previous round)
EVENT_FLOORS = {"f1": 0.91, "precision": 0.84, "recall": 0.95, "strict_f1": 0.87}
#: measured 2026-12-04: sub_event 0.957, country 0.933, admin1 0.846 (0.923 on 1,237
#: articles), location 0.80, actor1_side 0.889, fatalities 0.913, date_exact 0.87
FIELD_FLOORS = {"sub_event_type": 0.90, "country": 0.88, "admin1": 0.83, "location": 0.78,
                "actor1_side": 0.83, "fatalities": 0.85, "date_exact": 0.82}


#: composed set, measured 2026-11-23 with rules alone: F1 0.967, strict 0.933; with the
#: learned models (2026-12-03): F1 0.935 (P 0.935, R 0.935), strict 0.871, and 0.892 (P 0.853,
#: R 0.935), strict 0.862 with the models trained on 1,237 articles — the models add events
#: these composed texts do not annotate; real reports are gated below
HELDOUT_EVENT_FLOORS = {"f1": 0.86, "precision": 0.82, "recall": 0.90, "strict_f1": 0.83}
#: measured 2026-12-03: sub_event 1.0, country 0.929, admin1 0.962, location 0.846,
#: actor1_side 0.824, fatalities 1.0, date_exact 0.966
HELDOUT_FIELD_FLOORS = {"sub_event_type": 0.95, "country": 0.88, "admin1": 0.92,
                        "location": 0.80, "actor1_side": 0.76, "fatalities": 0.93,
                        "date_exact": 0.90}

DEV2 = CORPUS / "dev2"
#: real reports (../shared/corpus/dev2, trained on), measured 2026-12-03 with the learned
#: models (corpus of 1,454 articles, 2026-12-04): F1 0.815 (P 0.877, R 0.762), strict 0.65
#: (1,237 articles: 0.818 / 0.654; 777 articles:
#: 0.79 / 0.637; 540 articles: 0.761 / 0.581); rules alone at the start of the work: F1 0.483
#: (R 0.333), strict 0.328
DEV2_EVENT_FLOORS = {"f1": 0.78, "precision": 0.83, "recall": 0.73, "strict_f1": 0.63}
#: measured: sub_event 0.938, country 0.755, admin1 0.612, location 0.468, actor1_side 0.483,
#: fatalities 0.717, date_exact 0.769
DEV2_FIELD_FLOORS = {"sub_event_type": 0.90, "country": 0.71, "admin1": 0.56,
                     "location": 0.40, "actor1_side": 0.45, "fatalities": 0.70,
                     "date_exact": 0.73}


#: each scored set: gold, documents, floors on event scores, floors on field accuracies
SETS = {
    "dev": (CORPUS / "seeds.gold.jsonl", CORPUS / "seeds", EVENT_FLOORS, FIELD_FLOORS),
    "heldout": (HELDOUT / "heldout.gold.jsonl", HELDOUT / "heldout", HELDOUT_EVENT_FLOORS,
                HELDOUT_FIELD_FLOORS),
    "dev2": (DEV2 / "gold.jsonl", DEV2 / "articles", DEV2_EVENT_FLOORS, DEV2_FIELD_FLOORS),
}
_evaluations: dict[str, Evaluation] = {}


def evaluation(name: str) -> Evaluation:
    """One evaluation per set per test session (extraction of a corpus takes seconds)."""
    gold, docs = SETS[name][:2]
    if not gold.exists():
        pytest.skip(f"{gold} not present")
    if name not in _evaluations:
        _evaluations[name] = evaluate_corpus(gold, str(docs))
    return _evaluations[name]


def scores(name: str) -> dict[str, object]:
    return evaluation(name).overall


def test_heldout_set_is_read_whole() -> None:
    texts = sorted((HELDOUT / "heldout").glob("*.txt"))
    assert len(texts) == 20
    assert all(t.with_suffix(".meta.json").is_file() for t in texts)


@pytest.mark.parametrize(("name", "measure"),
                         [(n, m) for n, s in SETS.items() for m in sorted(s[2])])
def test_event_scores_above_floor(name: str, measure: str) -> None:
    value = scores(name)[measure]
    floor = SETS[name][2][measure]
    assert isinstance(value, float) and value >= floor, (name, measure, value)


@pytest.mark.parametrize(("name", "field"),
                         [(n, f) for n, s in SETS.items() for f in sorted(s[3])])
def test_field_accuracy_above_floor(name: str, field: str) -> None:
    attributes = scores(name)["attributes"]
    assert isinstance(attributes, dict)
    value = attributes.get(field)
    assert value is not None and value >= SETS[name][3][field], (name, field, value)


#: event F1 per language of dev2 with the default models, measured 2026-12-03 (corpus of
#: 1,237 articles): en 0.843, fa 0.667 (1 doc, 6 gold; 0.444 with the 540-article corpus), ps
#: 0.857 (2 docs, 3 gold), ru 0.889 (1 doc, 4 gold; Russian was skipped before: 0.0), zh 0.8
#: (3 docs, 10 gold), ur 0.667 (2 docs, 8 gold; 0.0 before, 0.545 with 540 articles). Each
#: language is also gated on the team's train split (tests/test_eval_corpus.py).
DEV2_LANGUAGE_F1_FLOORS = {"en": 0.80, "fa": 0.6, "ps": 0.8, "ru": 0.8, "ur": 0.6,
                           "zh": 0.75}


@pytest.mark.parametrize("lang", sorted(DEV2_LANGUAGE_F1_FLOORS))
def test_dev2_language_f1_above_floor(lang: str) -> None:
    value = evaluation("dev2").per_language[lang]["f1"]
    assert isinstance(value, float) and value >= DEV2_LANGUAGE_F1_FLOORS[lang], (lang, value)
