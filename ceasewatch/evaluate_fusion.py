"""Score fusion against gold ``incident`` ids, with exactly the rules of ``score_fusion.py``.

The documents are ingested into a temporary store (extraction, fusion, accords: the whole
``ceasewatch ingest``), then every stored mention becomes one prediction line — ``doc``,
``event_type``, ``event_date`` and ``event``, the id of the fused event it belongs to:

    $ ceasewatch evaluate --fusion gold.jsonl docs/

Scoring (the corpus's ``score_fusion.py``, re-implemented): each mention is matched to a gold
line of its document exactly as ``score.py`` matches events (same ``event_type``, date within
the gold's window, one-to-one, nearest date first). Then every pair of matched lines from two
*different* documents is counted:

- precision = pairs put in one event that share a gold incident / pairs put in one event;
- recall = pairs sharing a gold incident that were put in one event / pairs sharing one;
- ``wrong_merges`` = fused events holding mentions of two or more gold incidents.

Beyond ``score_fusion.py``'s figures the result lists each event mixing incidents (with the
documents and incidents it mixed) and each missed pair, so a regression can be read, not only
counted.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from ceasewatch.evaluate import Records, group_records, load_gold, matched_pairs

#: a matched line: (document, gold line, predicted line)
Matched = tuple[str, dict[str, Any], dict[str, Any]]


def match(gold: Records, pred: Records) -> list[Matched]:
    """(document, gold line, prediction) triples, one-to-one per document, nearest date first."""
    out: list[Matched] = []
    for doc in sorted(set(gold) & set(pred)):
        golds, preds = gold[doc], pred[doc]
        out.extend((doc, golds[i], preds[j]) for i, j in matched_pairs(golds, preds))
    return out


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def score_fusion(gold: Records, pred: Records) -> dict[str, Any]:
    """``score_fusion.py``'s figures, plus the events mixing incidents and the missed pairs."""
    pairs = match(gold, pred)
    same_both = same_pred = same_gold = 0
    missed: list[dict[str, Any]] = []
    for (d1, g1, p1), (d2, g2, p2) in combinations(pairs, 2):
        if d1 == d2:
            continue
        sg = g1.get("incident") is not None and g1.get("incident") == g2.get("incident")
        sp = p1.get("event") is not None and p1.get("event") == p2.get("event")
        same_gold += sg
        same_pred += sp
        same_both += sg and sp
        if sg and not sp:
            missed.append({"incident": g1.get("incident"), "documents": [d1, d2],
                           "events": [p1.get("event"), p2.get("event")]})
    incidents: dict[Any, set[Any]] = defaultdict(set)
    members: dict[Any, list[tuple[str, Any]]] = defaultdict(list)
    for doc, g, p in pairs:
        incidents[p.get("event")].add(g.get("incident"))
        members[p.get("event")].append((doc, g.get("incident")))
    prec, rec = _ratio(same_both, same_pred), _ratio(same_both, same_gold)
    mixing = [{"event": event, "mentions": [{"doc": d, "incident": i} for d, i in members[event]]}
              for event, ids in sorted(incidents.items(), key=lambda kv: str(kv[0]))
              if len(ids) > 1]
    return {"matched_mentions": len(pairs), "gold_pairs": same_gold,
            "predicted_pairs": same_pred, "precision": round(prec, 3),
            "recall": round(rec, 3),
            "f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0,
            "wrong_merges": len(mixing), "mixing_events": mixing, "missed_pairs": missed}


@dataclass
class FusionEvaluation:
    """What ``ceasewatch evaluate --fusion`` reports."""

    result: dict[str, Any]
    predictions: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    rejected: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "mentions": len(self.predictions),
                "rejected": self.rejected, **self.result}


def fused_predictions(docs: Sequence[str], *, published: date | None = None
                      ) -> tuple[list[dict[str, Any]], int, list[str]]:
    """Ingest ``docs`` into a temporary store: (one line per stored mention with its fused
    ``event``, documents stored, rejections naming file and reason)."""
    from ceasewatch import api
    from ceasewatch.export import mention_dict
    from ceasewatch.store import open_store

    with tempfile.TemporaryDirectory(prefix="ceasewatch-fusion-") as tmp:
        store = open_store(Path(tmp) / "fusion.db")
        try:
            report = api.ingest(store, list(docs), published=published)
            lines = []
            for mention in store.mentions.list():
                line = mention_dict(mention)
                line["event"] = store.events.event_of_mention(mention.id)
                lines.append(line)
            stored = len({r.doc_id for r in report.results if r.doc_id})
        finally:
            store.close()
    rejected = [f"{r.origin}: {r.reason}" for r in report.results if r.outcome == "rejected"]
    return lines, stored, rejected


def evaluate_fusion(gold_path: str | Path, docs: Sequence[str], *,
                    published: date | None = None) -> FusionEvaluation:
    """Ingest ``docs`` together into a temporary store and score its events against gold."""
    gold = load_gold(gold_path)
    lines, stored, rejected = fused_predictions(docs, published=published)
    return FusionEvaluation(score_fusion(gold, group_records(lines)), lines, stored, rejected)
