"""Train the extraction models from the annotated corpus (``python -m ceasewatch.nlp.train``).

Training data is real reporting only: ``../shared/corpus`` (seeds, dev2) and the team's
``train`` split under ``corpus/``; the ``blind`` split is never read here. Labels come from
the gold lines' evidence: the sentence holding an event's first evidence fragment reports it
(its ACLED sub-type is the label), the sentences of its other fragments support it (left out
of training: a toll sentence is neither the report nor background), every other sentence is
``none``. The date and place models rank the options ``options.py`` builds around each gold
event's sentence; an option is right when it agrees with the gold within the scorer's rules.

The learner is scikit-learn's L2 logistic regression (lbfgs: deterministic for the same
data), chosen by measurement (see the corpus README); only its weights ship. Thresholds are
chosen by 5-fold cross-validation over training documents, never on the blind split.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ceasewatch.evaluate import WINDOWS, full_score, group_records, normalise
from ceasewatch.nlp.context import Candidate, DocContext, SentenceFacts
from ceasewatch.nlp.learned.corpus import AnnotatedDoc
from ceasewatch.nlp.learned.features import (
    actor_option_features,
    candidate_context,
    date_option_features,
    duplicate_features,
    event_family,
    place_option_features,
    sentence_features,
)
from ceasewatch.nlp.learned.linear import (
    DEFAULT_MODELS,
    OPT_IN_MODELS,
    LinearModel,
    using_models,
)
from ceasewatch.nlp.learned.options import date_options
from ceasewatch.nlp.stages.learned import NONE
from ceasewatch.nlp.taxonomy import get_taxonomy

NONE_GROUPS = True
SUPPORT = "support"
RULE_STAGES = ("sentences", "countries", "events")


@dataclass
class Example:
    features: set[str]
    label: str
    group: int = 0  # the document (folds) or the event (ranking)


def data_hash(docs: Sequence[AnnotatedDoc]) -> str:
    h = hashlib.sha256()
    for d in sorted(docs, key=lambda d: d.doc.name):
        h.update(d.doc.name.encode())
        h.update(d.doc.id.encode())
        for g in d.gold:
            h.update(json.dumps(g, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def _rule_context(doc: AnnotatedDoc) -> DocContext:
    from ceasewatch.nlp.pipeline import build_pipeline

    return build_pipeline(RULE_STAGES).analyse(doc.doc)


def _fragments(g: dict[str, Any]) -> list[str]:
    return [f for f in str(g.get("evidence") or "").split(" … ") if f.strip()]


def _sentences_of(ctx: DocContext, fragment: str) -> list[SentenceFacts]:
    at = ctx.text.find(fragment)
    if at < 0:
        return []
    end = at + len(fragment)
    return [s for s in ctx.sentences if s.start < end and at < s.end]


def gold_sentence(ctx: DocContext, g: dict[str, Any]) -> SentenceFacts | None:
    """The sentence that reports a gold event: the first of its first evidence fragment."""
    frags = _fragments(g)
    hits = _sentences_of(ctx, frags[0]) if frags else []
    return hits[0] if hits else None


def sentence_labels(ctx: DocContext, gold: Iterable[dict[str, Any]]) -> dict[int, str]:
    labels: dict[int, str] = {}
    for g in gold:
        frags = _fragments(g)
        for i, frag in enumerate(frags):
            for s in _sentences_of(ctx, frag):
                if i == 0 and labels.get(s.index, SUPPORT) == SUPPORT:
                    labels[s.index] = str(g["sub_event_type"])
                labels.setdefault(s.index, SUPPORT)
    return labels


def event_examples(docs: Sequence[AnnotatedDoc]) -> list[Example]:
    out: list[Example] = []
    for n, d in enumerate(docs):
        ctx = _rule_context(d)
        labels = sentence_labels(ctx, d.gold)
        by_sentence: dict[int, list[Any]] = {}
        for c in ctx.candidates:
            by_sentence.setdefault(c.sentence, []).append(c)
        for s in ctx.sentences:
            label = labels.get(s.index, NONE)
            if s.heading or label == SUPPORT:
                continue
            out.append(Example(sentence_features(ctx, s, by_sentence.get(s.index, []),
                                                 by_sentence.get(s.index - 1, [])),
                               label, n))
    return out


def _date_ok(value: date, g: dict[str, Any]) -> bool:
    gd = date.fromisoformat(str(g["event_date"])[:10])
    return abs((gd - value).days) <= WINDOWS.get(str(g.get("date_precision")), 1)


def _option_examples(ctx: DocContext, s: SentenceFacts, opts: list[Any], labels: list[bool],
                     *, published: date | None, kinetic: bool, context: set[str] | None,
                     group: int) -> list[Example]:
    has_own = any(o.kind == "own" for o in opts)
    return [Example(date_option_features(
        o.kind, o.span, published=published, kinetic=kinetic, text_before=o.text_before,
        report=o.report, sentence_has_dates=has_own, context=context),
        "yes" if ok else "no", group) for o, ok in zip(opts, labels, strict=True)]


def date_examples(docs: Sequence[AnnotatedDoc], models: dict[str, LinearModel | None]
                  ) -> list[Example]:
    """Two kinds of ranking groups: around each gold event's sentence (which option dates
    it), and around each candidate the rules left undated (which option, or none: a trigger
    with no gold event behind it is not to be dated)."""
    from ceasewatch.nlp.learned.options import DateOption
    from ceasewatch.nlp.pipeline import DEFAULT_STAGES, build_pipeline

    taxonomy = get_taxonomy()
    kinetic_types = {t.acled_sub_event_type for t in taxonomy.values() if t.kinetic}
    upto = DEFAULT_STAGES[:DEFAULT_STAGES.index("learned_dates")]
    pipeline = build_pipeline(upto)
    out: list[Example] = []
    group = 0
    with using_models(only({**models, "dates": None})):
        for d in docs:
            ctx = pipeline.analyse(d.doc)
            published = d.doc.published
            for g in d.gold:
                s = gold_sentence(ctx, g)
                if s is None:
                    continue
                opts = [o for o in date_options(ctx, s)
                        if o.span is None or published is None or o.span.value <= published]
                labels = [o.span is not None and _date_ok(o.span.value, g) for o in opts]
                if any(labels):
                    group += 1
                    out += _option_examples(ctx, s, opts, labels, published=published,
                                            kinetic=g["sub_event_type"] in kinetic_types,
                                            context=None, group=group)
            for c in ctx.candidates if NONE_GROUPS else ():
                if (c.dropped is not None or c.event_date is not None or c.definite
                        or not c.main_clause or c.habitual or c.aggregate):
                    continue
                s = ctx.sentences[c.sentence]
                et = taxonomy[c.native_type].acled_event_type
                golds = [g for g in d.gold if g["event_type"] == et
                         and (gs := gold_sentence(ctx, g)) is not None and gs.index == s.index]
                opts = [o for o in date_options(ctx, s)
                        if o.span is None or published is None or o.span.value <= published]
                opts.append(DateOption("none", None, False, ""))
                labels = [(o.span is not None and any(_date_ok(o.span.value, g) for g in golds))
                          or (o.kind == "none" and not golds) for o in opts]
                if not any(labels):
                    continue
                group += 1
                out += _option_examples(ctx, s, opts, labels, published=published,
                                        kinetic=taxonomy[c.native_type].kinetic,
                                        context=candidate_context(c, ctx), group=group)
    return out


def _place_ok(place: Any, g: dict[str, Any], by_location: bool) -> bool:
    if g.get("country") and place.country != g["country"]:
        return False
    if g.get("admin1") and normalise(place.admin1) != normalise(g["admin1"]):
        return False
    if by_location:
        a, b = normalise(place.name), normalise(re.sub(r"\(.*?\)", "", g["location"]))
        names = [normalise(x) for x in re.split(r"[(),]", str(g["location"])) if x.strip()]
        return bool(a) and (a in b or b in a or a in names)
    return True


def _sentence_groups(docs: Sequence[AnnotatedDoc], models: dict[str, LinearModel | None], *,
                     skip: tuple[str, ...], wanted: Callable[[dict[str, Any]], bool],
                     candidate_ok: Callable[[Candidate], bool]
                     ) -> Iterator[tuple[DocContext, Candidate, list[dict[str, Any]]]]:
    """For each sentence reporting gold events of one type, the pipeline's first live
    candidate of that type there (every stage but ``skip`` and those that make mentions out
    of candidates, with exactly these models) and the gold events of the sentence ("strikes
    in Kabul, Khost and Paktika": three)."""
    from ceasewatch.nlp.pipeline import DEFAULT_STAGES, build_pipeline

    skipped = {*skip, "merge", "learned_merge", "attributes", "mentions"}
    pipeline = build_pipeline([s for s in DEFAULT_STAGES if s not in skipped])
    taxonomy = get_taxonomy()
    with using_models(only(models)):
        for d in docs:
            ctx = pipeline.analyse(d.doc)
            by_sentence: dict[tuple[int, str], list[dict[str, Any]]] = {}
            for g in d.gold:
                s = gold_sentence(ctx, g)
                if s is not None and wanted(g):
                    by_sentence.setdefault((s.index, str(g["event_type"])), []).append(g)
            for (index, etype), golds in by_sentence.items():
                c = next((c for c in ctx.candidates if c.sentence == index
                          and c.dropped is None and candidate_ok(c)
                          and taxonomy[c.native_type].acled_event_type == etype), None)
                if c is not None:
                    yield ctx, c, golds


def place_examples(docs: Sequence[AnnotatedDoc], models: dict[str, LinearModel | None]
                   ) -> list[Example]:
    """Ranking groups: which place in reach is where a gold event of the sentence happened."""
    from ceasewatch.nlp.stages.learned import place_choices

    taxonomy = get_taxonomy()
    out: list[Example] = []
    group = 0
    for ctx, c, golds in _sentence_groups(
            docs, models, skip=("learned_places", "learned_actors"),
            wanted=lambda g: bool(g.get("country") or g.get("location")),
            candidate_ok=lambda c: True):
        opts = place_choices(ctx, c)
        # an option is right when it is the place of any gold event the sentence reports
        labels = [any(_place_ok(o.span.place, g, bool(g.get("location")) and any(
            _place_ok(x.span.place, g, True) for x in opts)) for g in golds)
            for o in opts]
        if not any(labels):
            continue
        group += 1
        family = event_family(c.native_type, taxonomy[c.native_type].kinetic)
        for o, ok in zip(opts, labels, strict=True):
            feats = place_option_features(
                o.kind, o.span, trigger=(c.trigger_start, c.trigger_end), text=ctx.text,
                doc_countries=ctx.countries, rule_choice=o.span.place == c.place,
                sentence_gap=o.gap, event=family)
            out.append(Example(feats, "yes" if ok else "no", group))
    return out


def actor_examples(docs: Sequence[AnnotatedDoc], models: dict[str, LinearModel | None]
                   ) -> list[Example]:
    """Ranking groups around each kinetic candidate of a gold event's sentence: which actor
    in reach is the gold initiator's side (the none option when the gold names no party)."""
    from ceasewatch.evaluate import actor_side
    from ceasewatch.nlp.stages.learned import actor_choices

    taxonomy = get_taxonomy()
    out: list[Example] = []
    group = 0
    for ctx, c, golds in _sentence_groups(
            docs, models, skip=("learned_actors",), wanted=lambda g: True,
            candidate_ok=lambda c: taxonomy[c.native_type].kinetic):
        choices = actor_choices(ctx, c)
        sides = {actor_side(g.get("actor1")) for g in golds}
        labels = [(o.span is None and sides == {None}) or (
            o.span is not None and actor_side(o.span.actor.name) in sides)
            for o, _ in choices]
        if not any(labels) or len(choices) < 2:
            continue
        group += 1
        for (o, role), ok in zip(choices, labels, strict=True):
            feats = actor_option_features(
                o.span, trigger=(c.trigger_start, c.trigger_end), text=ctx.text,
                event="kinetic", rule_role=role, sentence_gap=o.gap)
            out.append(Example(feats, "yes" if ok else "no", group))
    return out


def duplicate_examples(docs: Sequence[AnnotatedDoc], models: Mapping[str, LinearModel | None]
                       ) -> list[Example]:
    """Pairs of events the merge rules kept apart (same ACLED type, overlapping dates), from
    extraction with exactly these models: ``no`` when both match gold events (two incidents),
    ``yes`` when one matches and the other does not (a second telling of it, or noise that
    joining removes); pairs of two unmatched events say nothing and are left out. ``group``
    is the document's position in ``docs`` (for folds)."""
    from ceasewatch.evaluate import matched_pairs
    from ceasewatch.export import mention_dict
    from ceasewatch.nlp.context import STAGES
    from ceasewatch.nlp.pipeline import DEFAULT_STAGES, build_pipeline
    from ceasewatch.nlp.stages.learned import duplicate_pairs
    from ceasewatch.nlp.stages.merge import is_event

    upto = DEFAULT_STAGES[:DEFAULT_STAGES.index("learned_merge")]
    rest = DEFAULT_STAGES[DEFAULT_STAGES.index("learned_merge") + 1:]
    pipeline = build_pipeline(upto)
    out: list[Example] = []
    with using_models({**only(models), "duplicates": None}):
        for n, d in enumerate(docs):
            ctx = pipeline.analyse(d.doc)
            if not ctx.sentences:
                continue
            pairs = [(i, j, duplicate_features(ctx, ctx.candidates[i], ctx.candidates[j]))
                     for i, j in duplicate_pairs(ctx)]
            if not pairs:
                continue
            for name in rest:
                STAGES[name].run(ctx)
            # one mention per event, in candidate order (``merge.build_mentions``)
            heads = [i for i, c in enumerate(ctx.candidates) if is_event(c)]
            position = {h: k for k, h in enumerate(heads)}
            preds = [mention_dict(m) for m in ctx.mentions]
            matched = {j for _, j in matched_pairs(list(d.gold), preds)}
            for i, j, feats in pairs:
                hits = (position[i] in matched) + (position[j] in matched)
                if hits:
                    out.append(Example(feats, "no" if hits == 2 else "yes", n))
    return out


def fit(examples: Sequence[Example], *, c: float, meta: dict[str, Any],
        balanced: bool = False) -> LinearModel:
    """L2 logistic regression over binary features; only weights that matter are kept."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(sorted(e.features), 1) for e in examples])
    y = [e.label for e in examples]
    lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
    lr.fit(x, y)
    classes = tuple(str(k) for k in lr.classes_)
    coef = lr.coef_
    bias = lr.intercept_
    if len(classes) == 2:  # binary: one row, for the second class
        coef = [[-v / 2 for v in coef[0]], [v / 2 for v in coef[0]]]
        bias = [-bias[0] / 2, bias[0] / 2]
    names = vec.get_feature_names_out()
    weights: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(names):
        col = tuple(round(float(row[j]), 4) for row in coef)
        if max(abs(v) for v in col) >= 1e-3:
            weights[str(name)] = col
    import sklearn

    meta = {**meta, "learner": f"scikit-learn {sklearn.__version__} LogisticRegression(C={c})",
            "examples": len(examples)}
    return LinearModel(classes, tuple(round(float(b), 4) for b in bias), weights, meta)


def only(models: Mapping[str, LinearModel | None]) -> dict[str, LinearModel | None]:
    """Exactly these models, every other one off (never the shipped ones by accident)."""
    return {**dict.fromkeys((*DEFAULT_MODELS, *OPT_IN_MODELS)), **models}


def predictions(docs: Sequence[AnnotatedDoc], models: Mapping[str, LinearModel | None]
                ) -> list[dict[str, Any]]:
    from ceasewatch.export import mention_dict
    from ceasewatch.nlp.pipeline import extract_mentions

    with using_models(only(models)):
        return [mention_dict(m) for d in docs for m in extract_mentions(d.doc)]


def evaluate_docs(docs: Sequence[AnnotatedDoc], models: Mapping[str, LinearModel | None]
                  ) -> dict[str, Any]:
    gold = group_records(g for d in docs for g in d.gold)
    for d in docs:
        gold.setdefault(d.doc.name, [])
    return full_score(gold, group_records(predictions(docs, models)))


def train_models(docs: Sequence[AnnotatedDoc], *, add: float, drop: float, c_events: float,
                 c_dates: float, c_places: float, balanced: bool = False
                 ) -> dict[str, LinearModel]:
    """The four models, trained in order (the place model sees the event and date models'
    events, the actor model all three's)."""
    meta = {"data_hash": data_hash(docs), "documents": len(docs),
            "gold_events": sum(len(d.gold) for d in docs)}
    events = fit(event_examples(docs), c=c_events, meta=meta, balanced=balanced
                 ).with_thresholds(add=add, drop=drop)
    dates = fit(date_examples(docs, {"events": events}), c=c_dates, meta=meta
                ).with_thresholds(accept=0.5)
    places = fit(place_examples(docs, {"events": events, "dates": dates}), c=c_places,
                 meta=meta).with_thresholds(margin=0.15)
    actors = fit(actor_examples(docs, {"events": events, "dates": dates, "places": places}),
                 c=c_places, meta=meta).with_thresholds(margin=0.15)
    return {"events": events, "dates": dates, "places": places, "actors": actors}
