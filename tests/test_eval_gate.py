"""Evaluation gate: extraction on the development corpus must not fall below recorded floors.

The floors sit a little below the figures measured when they were recorded (see each
comment); a change that lowers a figure below its floor fails here. The development corpus
lives outside the package (``../shared/corpus``); without it the gate is skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch.evaluate import evaluate_corpus

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: measured 2026-11-23: F1 0.979 (P 0.958, R 1.0), strict 0.936
EVENT_FLOORS = {"f1": 0.93, "precision": 0.90, "recall": 0.95, "strict_f1": 0.88}
#: measured: sub_event 0.957, country 0.933, admin1 0.923, location 0.85, actor1_side 0.889,
#: fatalities 0.913, date_exact 0.87
FIELD_FLOORS = {"sub_event_type": 0.90, "country": 0.88, "admin1": 0.87, "location": 0.80,
                "actor1_side": 0.83, "fatalities": 0.85, "date_exact": 0.82}


@pytest.fixture(scope="module")
def result() -> dict[str, object]:
    if not (CORPUS / "seeds.gold.jsonl").exists():
        pytest.skip("../shared/corpus not present")
    return evaluate_corpus(CORPUS / "seeds.gold.jsonl", str(CORPUS / "seeds")).overall


@pytest.mark.parametrize("measure", sorted(EVENT_FLOORS))
def test_event_scores_above_floor(result: dict[str, object], measure: str) -> None:
    value = result[measure]
    assert isinstance(value, float) and value >= EVENT_FLOORS[measure], (measure, value)


@pytest.mark.parametrize("field", sorted(FIELD_FLOORS))
def test_field_accuracy_above_floor(result: dict[str, object], field: str) -> None:
    attributes = result["attributes"]
    assert isinstance(attributes, dict)
    value = attributes.get(field)
    assert value is not None and value >= FIELD_FLOORS[field], (field, value)
