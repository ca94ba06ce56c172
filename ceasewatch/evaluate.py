"""Score extracted events against gold annotations, with exactly the rules of ``score.py``.

Gold and predictions are JSON objects with the flat mention shape (``export.mention_dict``):
``doc``, ``event_date``, ``date_precision``, ``event_type``, ``sub_event_type``, ``country``,
``admin1``, ``location``, ``actor1``, ``fatalities_low``/``fatalities``/``fatalities_high``.

Matching (the corpus's ``score.py``, re-implemented): within one document, a prediction
matches a gold event with the same ``event_type`` whose date is within 1 day of it (7 days for
gold week precision, 31 for month, 366 for year); pairs are taken greedily by date distance
(ties: gold order, then prediction order), one-to-one. Records without an ``event_type``
(context events) are not scored. On matched pairs it reports the share of agreeing
``sub_event_type``/``country``/``admin1``/``location`` (location also agrees when one contains
the other), initiator side, fatalities (a predicted count inside the gold range) and exact
date. ``strict_f1`` also requires the gold's country and admin1 wherever the gold names them.

    $ ceasewatch evaluate ../shared/corpus/seeds.gold.jsonl ../shared/corpus/seeds

Per language (``--per-language``), each language is scored on its own documents and on its
paragraphs of each mixed document, extracted alone; ``--gold-for zh=FILE`` gives the gold for
the Chinese side (its lines replace the main gold's for the documents FILE names):

    $ ceasewatch evaluate ../shared/corpus/seeds.gold.jsonl ../shared/corpus/seeds \\
          --per-language --gold-for zh=ceasewatch/data/gold/seed000_zh.gold.jsonl
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ceasewatch.errors import GoldFileError
from ceasewatch.records import Document

Records = dict[str, list[dict[str, Any]]]

#: date window of a gold event, by its precision (days)
WINDOWS = {"week": 7, "month": 31, "year": 366}
FIELDS = ("sub_event_type", "country", "admin1", "location")
#: conflict sides as score.py reads actor names (keywords in the normalised name)
SIDE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("TTP", ("ttp", "tehrik", "tehreek", "pakistani taliban")),
    ("PK", ("pakistan", "pakistani")),
    ("AF", ("afghan", "afghanistan", "taliban government", "islamic emirate")),
)
_PRECISIONS = (None, "day", "week", "month", "year")


def parse_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def normalise(value: Any) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(value or "").lower()).strip()


def actor_side(actor: Any) -> str | None:
    """"Military Forces of Pakistan" -> PK; "Pakistani Taliban" -> TTP; unknown -> its name."""
    name = normalise(actor)
    if not name:
        return None
    for key, words in SIDE_KEYWORDS:
        if any(w in name for w in words):
            if key == "TTP" and "afghan" in name and "ttp" not in name and "tehr" not in name:
                continue
            return key
    return name


def _doc_key(rec: Mapping[str, Any]) -> str:
    return str(rec.get("doc") or rec.get("source_doc") or "").split("/")[-1]


def group_records(records: Iterable[Mapping[str, Any]]) -> Records:
    """Scored records by document file name (context events without event_type left out)."""
    out: Records = defaultdict(list)
    for rec in records:
        if rec.get("event_type"):
            out[_doc_key(rec)].append(dict(rec))
    return out


def load_gold(path: str | Path) -> Records:
    """Read a gold JSONL file; a malformed line raises ``GoldFileError`` naming file and line."""
    origin = str(path)
    records = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"cannot read gold file: {exc}", origin=origin) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldFileError(f"invalid JSON: {exc.msg}", origin=origin, line=n) from exc
        if not isinstance(rec, dict):
            raise GoldFileError("expected a JSON object", origin=origin, line=n)
        _check_gold(rec, origin, n)
        records.append(rec)
    return group_records(records)


def _check_gold(rec: dict[str, Any], origin: str, n: int) -> None:
    if not isinstance(rec.get("doc"), str) or not rec["doc"]:
        raise GoldFileError("missing document name", origin=origin, line=n, field="doc")
    if rec.get("event_type") is not None and not isinstance(rec["event_type"], str):
        raise GoldFileError("expected a string", origin=origin, line=n, field="event_type")
    if rec.get("event_type") and parse_date(rec.get("event_date")) is None:
        raise GoldFileError("missing or invalid ISO date", origin=origin, line=n,
                            field="event_date")
    if rec.get("date_precision") not in _PRECISIONS:
        raise GoldFileError(f"expected one of {_PRECISIONS[1:]}", origin=origin, line=n,
                            field="date_precision")
    for key in ("fatalities_low", "fatalities_high"):
        value = rec.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise GoldFileError("expected an integer or null", origin=origin, line=n,
                                field=key)


def fatalities_agree(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool | None:
    """A predicted count inside the gold range; None when neither side states a count."""
    lo, hi = gold.get("fatalities_low"), gold.get("fatalities_high")
    values = [pred.get(k) for k in ("fatalities", "fatalities_best", "fatalities_low",
                                    "fatalities_high")]
    counts = [v for v in values if isinstance(v, (int, float))]
    if lo is None and hi is None:
        return (not counts or all(v == 0 for v in counts)) or None
    if not counts:
        return False
    low = lo if lo is not None else 0
    high = hi if hi is not None else float("inf")
    return any(low <= v <= high for v in counts)


def _field_agrees(name: str, gold_value: Any, pred_value: Any) -> bool:
    g, p = normalise(gold_value), normalise(pred_value)
    if g == p:
        return True
    return name == "location" and bool(g) and bool(p) and (g in p or p in g)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    per_type: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(f1, 3),
            "attributes": {k: round(v[0] / v[1], 3) if v[1] else None
                           for k, v in self.fields.items()},
            "per_type": {str(k): {"tp": v[0], "fp": v[1], "fn": v[2]}
                         for k, v in self.per_type.items()},
        }


def _pairs(golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]], strict: bool
           ) -> list[tuple[int, int, int]]:
    pairs = []
    for i, g in enumerate(golds):
        gd = parse_date(g.get("event_date"))
        window = WINDOWS.get(g.get("date_precision") or "", 1)
        for j, p in enumerate(preds):
            pd = parse_date(p.get("event_date"))
            if gd is None or pd is None or g.get("event_type") != p.get("event_type"):
                continue
            if strict and any(g.get(k) and normalise(g[k]) != normalise(p.get(k))
                              for k in ("country", "admin1")):
                continue
            distance = abs((gd - pd).days)
            if distance <= window:
                pairs.append((distance, i, j))
    return sorted(pairs)


def matched_pairs(golds: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]], *,
                  strict: bool = False) -> list[tuple[int, int]]:
    """(gold index, prediction index) of one document's matches: one-to-one, nearest first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in _pairs(golds, preds, strict):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def score(gold: Records, pred: Records, *, strict: bool = False) -> dict[str, Any]:
    """Precision/recall/F1 of events and field accuracy on matched pairs (score.py's rules)."""
    result = Score()
    for doc in sorted(set(gold) | set(pred)):  # one order: the same JSON whatever the hash seed
        golds, preds = gold.get(doc, []), pred.get(doc, [])
        used_g: set[int] = set()
        used_p: set[int] = set()
        for i, j in matched_pairs(golds, preds, strict=strict):
            used_g.add(i)
            used_p.add(j)
            _score_pair(result, golds[i], preds[j])
        result.tp += len(used_g)
        result.fn += len(golds) - len(used_g)
        result.fp += len(preds) - len(used_p)
        for i, g in enumerate(golds):
            if i not in used_g:
                result.per_type[g["event_type"]][2] += 1
        for j, p in enumerate(preds):
            if j not in used_p:
                result.per_type[p.get("event_type")][1] += 1  # type: ignore[index]
    return result.as_dict()


def _score_pair(result: Score, g: dict[str, Any], p: dict[str, Any]) -> None:
    result.per_type[g["event_type"]][0] += 1
    for name in FIELDS:
        if g.get(name):
            result.fields[name][1] += 1
            result.fields[name][0] += int(_field_agrees(name, g[name], p.get(name)))
    if g.get("actor1"):
        result.fields["actor1_side"][1] += 1
        result.fields["actor1_side"][0] += int(actor_side(g["actor1"]) ==
                                               actor_side(p.get("actor1")))
    ok = fatalities_agree(g, p)
    if ok is not None:
        result.fields["fatalities"][1] += 1
        result.fields["fatalities"][0] += int(bool(ok))
    result.fields["date_exact"][1] += 1
    result.fields["date_exact"][0] += int(parse_date(g.get("event_date")) ==
                                          parse_date(p.get("event_date")))


def full_score(gold: Records, pred: Records) -> dict[str, Any]:
    """``score`` plus ``strict_f1`` and per-type precision/recall/F1: what the CLI prints."""
    res = score(gold, pred)
    res["strict_f1"] = score(gold, pred, strict=True)["f1"]
    for counts in res["per_type"].values():
        tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        counts.update(precision=round(p, 3), recall=round(r, 3),
                      f1=round(2 * p * r / (p + r), 3) if p + r else 0.0)
    return res


@dataclass
class Evaluation:
    """What ``ceasewatch evaluate`` reports."""

    overall: dict[str, Any]
    per_language: dict[str, dict[str, Any]]
    predictions: list[dict[str, Any]]
    documents: int
    rejected: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "rejected": self.rejected, **self.overall,
                "per_language": self.per_language}


@dataclass
class _Extracted:
    predictions: list[dict[str, Any]] = field(default_factory=list)
    languages: dict[str, str] = field(default_factory=dict)  # doc name -> "en", "en+zh"...
    mixed: list[Document] = field(default_factory=list)  # mixed-language documents
    rejected: list[str] = field(default_factory=list)


def _extract(paths: Sequence[str], published: date | None) -> _Extracted:
    from ceasewatch.export import mention_dict
    from ceasewatch.ingest.sources import iter_documents
    from ceasewatch.nlp.pipeline import extract_mentions

    out = _Extracted()
    for item in iter_documents(list(paths), published=published):
        if not isinstance(item, Document):
            out.rejected.append(f"{item.origin}: {item.reason}")
            continue
        out.languages[item.name] = item.language or "unknown"
        if "+" in (item.language or ""):
            out.mixed.append(item)
        out.predictions.extend(mention_dict(m) for m in extract_mentions(item))
    return out


def extract_predictions(paths: Sequence[str], *, published: date | None = None
                        ) -> tuple[list[dict[str, Any]], dict[str, str], list[str]]:
    """Run extraction over files/folders: (mention dicts, doc name -> language, rejections)."""
    got = _extract(paths, published)
    return got.predictions, got.languages, got.rejected


def parse_language_gold(specs: Iterable[str]) -> dict[str, Path]:
    """``["zh=gold/seed000_zh.gold.jsonl"]`` -> ``{"zh": Path(...)}``; a bad spec is named."""
    out: dict[str, Path] = {}
    for spec in specs:
        lang, sep, path = spec.partition("=")
        lang = lang.strip()
        if not sep or not re.fullmatch(r"[a-z]{2,3}", lang) or not path.strip():
            raise GoldFileError(f"expected LANG=PATH (e.g. zh=zh.gold.jsonl), got {spec!r}",
                                field="--gold-for")
        out[lang] = Path(path.strip())
    return out


def score_languages(gold: Records, got: _Extracted, language_gold: Mapping[str, Path]
                    ) -> dict[str, dict[str, Any]]:
    """One score per language: its documents, plus its paragraphs of each mixed document.

    A mixed document (seed000: each English paragraph followed by its Chinese version) is cut
    into one view per language (``nlp.zh.parallel.language_view``) and each view is extracted
    alone and scored in its language, so "zh" says how well the Chinese paragraphs alone are
    read. Gold for a language (``language_gold``: lang -> file, e.g. Chinese evidence for
    seed000) replaces the main gold for the documents that file names. The whole mixed
    documents, read together, are scored under their combined code ("en+zh") as well.
    """
    from ceasewatch.export import mention_dict
    from ceasewatch.nlp.pipeline import extract_mentions
    from ceasewatch.nlp.zh.parallel import language_view

    pred = group_records(got.predictions)
    langs = {part for code in got.languages.values() for part in code.split("+")}
    extra = {lang: load_gold(path) for lang, path in language_gold.items()}
    out: dict[str, dict[str, Any]] = {}
    for lang in sorted(langs | set(got.languages.values())):
        names = {n for n, code in got.languages.items() if code == lang}
        lang_pred: Records = {k: v for k, v in pred.items() if k in names}
        views = []
        for doc in got.mixed:
            if lang not in (doc.language or "").split("+"):
                continue
            view = language_view(doc, lang)
            if view is None:
                continue
            views.append(doc.name)
            names.add(doc.name)
            lang_pred.update(group_records(mention_dict(m) for m in extract_mentions(view)))
        own = extra.get(lang, {})
        lang_gold = {k: own[k] if k in own else gold[k] for k in names
                     if k in own or k in gold}
        res = full_score(lang_gold, lang_pred)
        res.update(documents=len(names), views=sorted(views),
                   gold_for=str(language_gold[lang]) if lang in language_gold else None)
        out[lang] = res
    return out


def evaluate_corpus(gold_path: str | Path, docs: Sequence[str] | str, *,
                    published: date | None = None, per_language: bool = True,
                    language_gold: Mapping[str, str | Path] | None = None) -> Evaluation:
    """Extract from ``docs`` and score against ``gold_path``, overall and per language.

    ``per_language`` (see ``score_languages``) re-extracts each language of a mixed document
    on its own; ``language_gold`` maps a language to a gold file for its views.
    """
    gold = load_gold(gold_path)
    paths = [docs] if isinstance(docs, str) else list(docs)
    got = _extract(paths, published)
    overall = full_score(gold, group_records(got.predictions))
    by_language = score_languages(gold, got, {k: Path(v) for k, v in
                                              (language_gold or {}).items()}) \
        if per_language else {}
    return Evaluation(overall, by_language, got.predictions, len(got.languages),
                      got.rejected)


def evaluate_splits(*, splits: Sequence[str] = ("seeds", "dev2", "train", "blind")
                    ) -> dict[str, dict[str, Any]]:
    """The annotated corpus (``nlp/learned/corpus.py``) scored per split, per language and
    per theater (``report_theater``).

    ``seeds`` and ``dev2`` are ``../shared/corpus``, ``train`` the team's training split and
    ``blind`` the team's frozen blind split, never trained or tuned on: its figures are the
    honest measure of extraction on reporting the system has not seen.
    """
    from ceasewatch.export import mention_dict
    from ceasewatch.nlp.learned.corpus import load_corpus
    from ceasewatch.nlp.pipeline import extract_mentions

    out: dict[str, dict[str, Any]] = {}
    docs = load_corpus()
    for split in splits:
        part = [d for d in docs if (d.batch if d.split == "dev" else d.split) == split]
        if not part:
            continue
        preds = {d.doc.name: [mention_dict(m) for m in extract_mentions(d.doc)] for d in part}
        languages = {d.doc.name: (d.doc.language or "unknown").split("+")[0] for d in part}

        def scored(names: set[str], part: Sequence[Any] = part,
                   preds: dict[str, list[dict[str, Any]]] = preds) -> dict[str, Any]:
            gold = group_records(g for d in part if d.doc.name in names for g in d.gold)
            pred = group_records(p for n in names for p in preds[n])
            res = full_score(gold, pred)
            res["documents"] = len(names)
            res["gold_events"] = sum(len(v) for v in gold.values())
            return res

        out[split] = scored(set(preds))
        out[split]["per_language"] = {
            lang: scored({n for n, v in languages.items() if v == lang})
            for lang in sorted(set(languages.values()))}
        groups = theater_groups({d.doc.name: d.gold for d in part}, preds)
        out[split]["per_theater"] = {key: scored(names) for key, names in groups.items()}
    return out


#: the group of reports whose countries no theater pack holds
NO_PACK = "no pack"


def report_theater(gold: Sequence[Mapping[str, Any]],
                   predicted: Sequence[Mapping[str, Any]] = ()) -> str:
    """The theater a report belongs to for scoring: the pack holding the countries its gold
    events happened in (most events first); a report whose gold no pack holds (talks abroad,
    no event at all) goes by the countries of what was extracted from it, so its false
    events count against the theater they were filed under. ``NO_PACK`` when no pack holds
    either."""
    from ceasewatch.theaters import theater_of

    for records in (gold, predicted):
        counts: dict[str, int] = defaultdict(int)
        for r in records:
            if r.get("country"):
                counts[str(r["country"]).upper()] += 1
        key = theater_of(sorted(counts, key=lambda c: -counts[c])) if counts else None
        if key is not None:
            return key
    return NO_PACK


def score_theaters(gold: Records, predictions: Iterable[Mapping[str, Any]]
                   ) -> dict[str, dict[str, Any]]:
    """``full_score`` of each theater's reports (``theater_groups``), with their counts."""
    pred = group_records(predictions)
    out = {}
    for key, names in theater_groups(gold, pred).items():
        part = {n: gold.get(n, []) for n in names}
        res = full_score(part, {n: pred.get(n, []) for n in names})
        res["documents"] = len(names)
        res["gold_events"] = sum(len(v) for v in part.values())
        out[key] = res
    return out


def theater_groups(gold: Mapping[str, Sequence[Mapping[str, Any]]],
                   predicted: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, set[str]]:
    """Document names (of the gold or the predictions) by ``report_theater``, theaters in
    name order, ``NO_PACK`` last."""
    groups: dict[str, set[str]] = defaultdict(set)
    for name in set(gold) | set(predicted):
        groups[report_theater(gold.get(name, ()), predicted.get(name, ()))].add(name)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == NO_PACK, kv[0])))
