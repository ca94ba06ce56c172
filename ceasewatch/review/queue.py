"""The review queue: what an analyst should check first.

An alleged violation nobody has checked comes first (it is what a mediator will be asked
about), then items flagged *needs review*, then the deadliest, the disputed, the readings
extraction was least sure of, and reports from one source alone. Each item says why it is
where it is ("new alleged violation; 223 killed; disputed: fatalities").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ceasewatch.store.reviews import QueueCandidate

#: the weights of what makes an item urgent: one open violation outranks any toll
WEIGHTS = {"violation": 1000.0, "needs_review": 500.0, "fatalities": 100.0,
           "disputed": 150.0, "low_confidence": 200.0, "single_source": 40.0}
LOW_CONFIDENCE = 0.6
#: how the queue names a disputed field
FIELD_NAMES = {"actor1": "initiator", "actor2": "other party", "event_date": "date",
               "event_type": "type"}


@dataclass(frozen=True, slots=True)
class Priority:
    score: float
    reasons: tuple[str, ...]


def priority(c: QueueCandidate) -> Priority:
    score = 0.0
    reasons: list[str] = []
    if c.open_violations:
        score += WEIGHTS["violation"]
        reasons.append("new alleged violation" if c.open_violations == 1
                       else f"{c.open_violations} new alleged violations")
    if c.state == "needs_review":
        score += WEIGHTS["needs_review"]
        reasons.append("flagged: needs review")
    if c.fatalities:
        # 223 dead weigh 235, 5 dead 78: a log scale keeps one massacre from hiding the rest
        score += WEIGHTS["fatalities"] * math.log10(1 + c.fatalities)
        reasons.append(f"{c.fatalities} killed")
    if c.disputed_fields:
        score += WEIGHTS["disputed"]
        reasons.append("disputed: " + ", ".join(FIELD_NAMES.get(f, f.replace("_", " "))
                                               for f in c.disputed_fields))
    if c.confidence is not None and c.confidence < LOW_CONFIDENCE:
        score += WEIGHTS["low_confidence"] * (1 - c.confidence)
        reasons.append(f"low confidence {c.confidence:.2f}")
    if c.independent_sources <= 1:
        score += WEIGHTS["single_source"]
        reasons.append("one source")
    return Priority(round(score, 1), tuple(reasons))


def order_queue(candidates: list[QueueCandidate]) -> list[tuple[QueueCandidate, Priority]]:
    """Most urgent first; ties newest event first, then by id (a stable order)."""
    ranked = [(c, priority(c)) for c in candidates]
    ranked.sort(key=lambda cp: cp[0].event_id)
    ranked.sort(key=lambda cp: cp[0].event_date or "", reverse=True)
    ranked.sort(key=lambda cp: cp[1].score, reverse=True)
    return ranked
