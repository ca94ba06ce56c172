"""The learned stages: which sentences report events, when, and where (issue 10).

Each runs after the rule stage whose mistakes it corrects and leaves a trace of what it did
(``date_source`` "learned:…", a ``dropped`` reason naming the model, the learned trigger word
in the mention's attributes):

==================  ===================================================================
classify            after ``events``: a sentence the event model reads as an event report
                    of type T with no live rule trigger becomes a candidate (its trigger
                    the word that speaks most for T); rule triggers in a sentence it reads
                    as background, with high confidence, are dropped
learned_dates       after ``context_dates``: an event the rules could not date takes the
                    best-ranked date option (own sentence, sentences before, dateline, lede,
                    publication date)
learned_places      after ``arguments``: the place of a kinetic event or a closure is the
                    best-ranked place option when the model prefers it clearly to the rules'
                    vaguer choice; each further place of its sentence it is sure of is a twin
learned_actors      after ``learned_places``: the initiator of a kinetic event is the best-
                    ranked actor in reach when the model prefers it clearly to the rules'
                    actor1
learned_merge       after ``merge``: two events of one ACLED type and overlapping dates
                    that the merge rules kept apart are one when the duplicate model reads
                    them as one incident told twice (the later joins the earlier)
==================  ===================================================================

Without a trained model (``ceasewatch/data/models/``) each stage does nothing: extraction is
the rules alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ceasewatch.nlp.context import Candidate, DocContext, stage
from ceasewatch.nlp.learned.features import (
    actor_option_features,
    candidate_context,
    date_option_features,
    duplicate_features,
    event_family,
    place_option_features,
    sentence_features,
)
from ceasewatch.nlp.learned.linear import LinearModel, load_model
from ceasewatch.nlp.learned.options import (
    ActorOption,
    DateOption,
    PlaceOption,
    actor_options,
    date_options,
    place_options,
)
from ceasewatch.nlp.lexicon import Lexicon
from ceasewatch.nlp.spans import PlaceSpan
from ceasewatch.nlp.stages.arguments import between_sites, hyphenated
from ceasewatch.nlp.stages.events import CUE_WINDOW, clause_words, rejecting_cue
from ceasewatch.nlp.stages.merge import absorb, is_event, mergeable
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import Place

_CJK = re.compile(r"[\u3400-\u9fff]")
_CLAUSE_CUT = re.compile(r"[,;，；。]")

NONE = "none"
#: the native type a learned event of an ACLED sub-type gets when no rule trigger of that
#: sub-type stands in its sentence (the most general native type of the sub-type)
DEFAULT_NATIVE = {
    "Armed clash": "armed_clash", "Air/drone strike": "air_strike",
    "Shelling/artillery/missile attack": "shelling", "Suicide bomb": "suicide_bombing",
    "Remote explosive/landmine/IED": "explosion", "Attack": "attack_on_civilians",
    "Agreement": "talks_held", "Change to group/activity": "border_closure",
    "Arrests": "arrest", "Other": "deportation",
    "Non-state actor overtakes territory": "territory_seized",
    "Abduction/forced disappearance": "abduction", "Grenade": "grenade",
    "Disrupted weapons use": "drone_intercepted", "Peaceful protest": "peaceful_protest",
}
#: non-kinetic events the place model may re-place; talks keep the rules' venue (the
#: mediator's capital, which the rules read from "in Doha"/"hosted by" and get right)
_PLACE_TYPES = ("border_closure", "border_reopening")


def _threshold(model: LinearModel, key: str, default: float) -> float:
    return float((model.meta or {}).get("thresholds", {}).get(key, default))


def _trigger_span(text: str, feature: str | None) -> tuple[int, int]:
    """Where the word a learned event rests on stands in its sentence (local offsets)."""
    if feature and feature.startswith(("w=", "b=")):
        word = feature[2:].split("_")[0]
        if word not in ("<s>", "</s>") and not word.isdigit():
            pattern = re.escape(word).replace("0", r"\d")
            m = re.search(pattern, text, re.IGNORECASE)
            if m:
                return m.start(), m.end()
    m = re.search(r"\w+", text)
    return (m.start(), m.end()) if m else (0, len(text))


def _rejected(before: str, lex: Lexicon) -> str | None:
    """The rejecting cue (negation, threat, denial, condition, plan, opinion) governing a
    learned trigger: the rules' word window, or for unspaced text (Chinese) anywhere in the
    clause before it."""
    cue = rejecting_cue(clause_words(before), lex)
    if cue is None:
        # a learned event is less certain than a rule trigger: a cue anywhere earlier in its
        # clause governs it ("plans to hold talks with Kabul on March 10")
        words = " ".join(clause_words(before))
        cue = next((k for k in CUE_WINDOW if lex.cue(k).search(words)), None)
    if cue is None and _CJK.search(before):
        tail = _CLAUSE_CUT.split(before)[-1]
        cue = next((k for k in CUE_WINDOW if lex.cue(k).search(tail)), None)
        if cue is None and lex.cue("conditional").search(before):
            cue = "conditional"  # "如果谈判失败,将关闭口岸": the condition governs the clause after
    return cue


@stage("classify", needs=("sentences", "candidates"), sets=("candidates",))
def classify_sentences(ctx: DocContext) -> None:
    model = load_model("events")
    if model is None:
        return
    add_at = _threshold(model, "add", 0.5)
    drop_at = _threshold(model, "drop", 0.95)
    taxonomy = get_taxonomy()
    by_sentence: dict[int, list[Candidate]] = {}
    for c in ctx.candidates:
        by_sentence.setdefault(c.sentence, []).append(c)
    added: list[Candidate] = []
    for s in ctx.sentences:
        if s.heading:
            continue
        cands = by_sentence.get(s.index, [])
        live = [c for c in cands if c.dropped is None]
        if cands and not live:
            # the rules rejected every trigger of it: the model neither drops nor adds here
            continue
        feats = sentence_features(ctx, s, cands, by_sentence.get(s.index - 1, ()))
        proba = model.proba(feats)
        p_none = proba[model.classes.index(NONE)]
        if live and p_none >= drop_at:
            for c in live:
                c.dropped = f"event model: background, not an event report ({p_none:.2f})"
            continue
        if 1.0 - p_none < add_at or cands:
            # the event classes together against background; a sentence whose triggers the
            # rules rejected (negated, threatened, denied, quoted) stays rejected: rules are
            # right about those conventions
            continue
        label, p = max(((k, v) for k, v in zip(model.classes, proba, strict=True)
                        if k != NONE), key=lambda kv: kv[1])
        native = next((c.native_type for c in cands
                       if taxonomy[c.native_type].acled_sub_event_type == label), None)
        native = native or DEFAULT_NATIVE.get(label)
        if native is None or native not in taxonomy:
            continue
        a, b = _trigger_span(s.text, model.strongest(feats, label))
        cand = Candidate(native, s.index, s.start + a, s.start + b, (s.start, s.end))
        if s.in_quote(cand.trigger_start):
            cand.dropped = "inside a quotation: a statement, not an incident"
        elif (cue := _rejected(s.text[:a], s.resources.lexicon)):
            cand.dropped = f"{cue} cue"
        cand.confidence = round(p, 2)
        cand.attributes["learned"] = f"{label} ({p:.2f})"
        added.append(cand)
    if added:
        ctx.candidates.extend(added)
        ctx.candidates.sort(key=lambda c: (c.sentence, c.trigger_start))


@stage("learned_dates", needs=("event_dates",), sets=("event_dates",))
def rank_dates(ctx: DocContext) -> None:
    model = load_model("dates")
    if model is None:
        return
    least = _threshold(model, "accept", 0.5)  # below it, undated is the safer reading
    # a sentence where the rules rejected a trigger for a cue ("if talks fail, the crossings
    # will be closed") dates none of its others either
    rejected = {c.sentence for c in ctx.candidates if c.dropped and c.dropped.endswith(" cue")}
    dated = {(o.native_type, o.sentence) for o in ctx.candidates
             if o.dropped is None and o.event_date is not None}
    for c in ctx.candidates:
        if (c.dropped is not None or c.event_date is not None or c.definite
                or not c.main_clause or c.habitual or c.aggregate):
            # the rules left these undated on purpose: a cause in a "following ..." clause,
            # a habitual or aggregate telling, a definite reference to an event told before
            continue
        if c.sentence in rejected or _told_beside(ctx, c, dated):
            continue
        ranked = rank_date_options(ctx, c, model)
        best, top = ranked[0]
        p_none = next(p for o, p in ranked if o.kind == "none")
        if best.kind == "none" or best.span is None or top < max(least, p_none + 0.1):
            continue  # left undated: merge attaches it to a neighbour or drops it, saying so
        c.event_date = best.span
        c.date_source = f"learned:{best.kind}"
        c.date_value_precision = best.span.precision
        c.confidence = min(c.confidence, round(max(top, 0.5), 2))


def _told_beside(ctx: DocContext, c: Candidate, dated: set[tuple[str, int]]) -> bool:
    """An event of the same kind dated in its sentence or the one before or after, in the
    paragraph: the same event told on (merge attaches the undated telling to it), not a new
    one. ``dated``: (native type, sentence) of every dated candidate."""
    para = ctx.sentences[c.sentence].paragraph
    return any((c.native_type, i) in dated and 0 <= i < len(ctx.sentences)
               and ctx.sentences[i].paragraph == para
               for i in (c.sentence - 1, c.sentence, c.sentence + 1))


def rank_date_options(ctx: DocContext, c: Candidate, model: LinearModel
                      ) -> list[tuple[DateOption, float]]:
    """The candidate's date options, "none" among them, best first (future dates left out)."""
    s = ctx.sentences[c.sentence]
    published = ctx.doc.published
    opts = [o for o in date_options(ctx, s)
            if o.span is None or published is None or o.span.value <= published]
    opts.append(DateOption("none", None, False, ""))
    has_own = any(o.kind == "own" for o in opts)
    kinetic = get_taxonomy()[c.native_type].kinetic
    context = candidate_context(c, ctx)
    scored = [(o, model.proba(date_option_features(
        o.kind, o.span, published=published, kinetic=kinetic, text_before=o.text_before,
        report=o.report, sentence_has_dates=has_own, context=context))[1]) for o in opts]
    return sorted(scored, key=lambda t: -t[1])


def place_choices(ctx: DocContext, c: Candidate) -> list[PlaceOption]:
    """Every place option of a candidate, the rules' choice among them (or added)."""
    s = ctx.sentences[c.sentence]
    opts = place_options(ctx, s)
    if c.place is not None and not any(o.span.place == c.place for o in opts):
        opts.append(PlaceOption("rule", PlaceSpan(c.trigger_start, c.trigger_start, "",
                                                  c.place), 0))
    return opts


#: options that say where a report was filed ("ISLAMABAD (Reuters) -"), which the model may
#: score but never give an event: a capital's dateline is not the border clash it reports
_FILED_AT = ("dateline", "lede")
#: how precisely a place locates an event, coarse to fine
_FINENESS = {"country": 1, "border": 2, "admin1": 3, "district": 4, "locality": 5, "point": 6}


def _finer(new: Place, old: Place | None) -> bool:
    """The place model refines what the rules left vague (no place, a country, "the border",
    a province); it never trades a named town or crossing for a vaguer place, nor one town
    for another the rules chose on the sentence's grammar."""
    def rank(p: Place | None) -> int:
        return -1 if p is None else _FINENESS.get(str(p.precision), 0)
    return rank(new) > rank(old) and rank(old) < 5


@stage("learned_places", needs=("event_places",), sets=("event_places",))
def rank_places(ctx: DocContext) -> None:
    model = load_model("places")
    if model is None:
        return
    margin = _threshold(model, "margin", 0.2)
    twin_at = _threshold(model, "twin", 0.7)
    twins: list[Candidate] = []
    taxonomy = get_taxonomy()
    chosen: set[tuple[int, str]] = set()
    # where talks were held is no place of a clash told beside them ("the border skirmish
    # violated the ceasefire agreed in Doha"): a convention, kept out of the model's reach
    venues = [c.place for c in ctx.candidates if c.dropped is None and c.place is not None
              and not taxonomy[c.native_type].kinetic and c.native_type not in _PLACE_TYPES]
    for c in ctx.candidates:
        if c.dropped is not None or c.merged_into is not None:
            continue
        if not (taxonomy[c.native_type].kinetic or c.native_type in _PLACE_TYPES):
            continue
        if c.event_date is None or c.date_source in ("carried", "anchor"):
            # undated (merge attaches it to a neighbour or drops it) or the story told on:
            # merge gives it the place of the event it continues
            continue
        if c.event_date is not None and (c.date_value_precision or c.event_date.precision) in (
                "month", "year"):
            continue  # a month's fighting "along the border" is a campaign, not one place
        if c.place is not None and c.place.precision == "border":
            continue  # "along the border": the rules' reading of a border-wide report
        opts = [o for o in place_choices(ctx, c) if o.span.place not in venues]
        if not opts:
            continue
        family = event_family(c.native_type, taxonomy[c.native_type].kinetic)
        scored = []
        for o in opts:
            feats = place_option_features(
                o.kind, o.span, trigger=(c.trigger_start, c.trigger_end), text=ctx.text,
                doc_countries=ctx.countries, rule_choice=o.span.place == c.place,
                sentence_gap=o.gap, event=family)
            scored.append((model.proba(feats)[1], o))
        p_rule = max((p for p, o in scored if o.span.place == c.place), default=0.0)
        p_best, best = max(scored, key=lambda t: t[0])
        key = (c.sentence, best.span.place.name)
        if (best.span.place != c.place and p_best >= p_rule + margin and key not in chosen
                and _finer(best.span.place, c.place) and best.kind not in _FILED_AT):
            c.place = replace(best.span.place)
            c.attributes["place_source"] = f"learned:{best.kind}"
        chosen.add((c.sentence, c.place.name if c.place else ""))
        if taxonomy[c.native_type].kinetic and c.place is not None:
            twins.extend(_twins(ctx, c, scored, chosen, twin_at))
    if twins:  # one place, one day, one event: each other place the sentence names
        ctx.candidates.extend(twins)
        ctx.candidates.sort(key=lambda c: (c.trigger_start, c.place.name if c.place else ""))


def _twins(ctx: DocContext, c: Candidate, scored: list[tuple[float, PlaceOption]],
           chosen: set[tuple[int, str]], twin_at: float) -> list[Candidate]:
    """The same event at each further place of its own sentence the model is sure of (not
    the other name of one site: "between Toulin and Burj Qalaouiyeh", "the Quetta-Chaman
    highway")."""
    out = []
    own = [(o.span.start, o.span.end) for _, o in scored
           if o.kind == "sentence" and o.span.place == c.place]
    for p, o in scored:
        place = o.span.place
        if (o.kind != "sentence" or p < twin_at or (c.sentence, place.name) in chosen
                or _FINENESS.get(str(place.precision), 0) < _FINENESS["admin1"]
                or any(between_sites(ctx.text, a, (o.span.start, o.span.end))
                       or hyphenated(ctx.text, a, (o.span.start, o.span.end)) for a in own)):
            continue
        chosen.add((c.sentence, place.name))
        twin = replace(c, place=place, claimed_by=list(c.claimed_by),
                       attributes={**c.attributes, "place_source": "learned:twin"})
        out.append(twin)
    return out


def actor_choices(ctx: DocContext, c: Candidate) -> list[tuple[ActorOption, str]]:
    """Each actor that may have started an event, once per actor, with its role in the
    rules' reading (actor1, actor2 or other), nearest telling first."""
    seen: set[str] = set()
    out = []
    for o in actor_options(ctx, ctx.sentences[c.sentence]):
        name = o.span.actor.name if o.span else ""
        if name in seen:
            continue
        seen.add(name)
        role = ("actor1" if c.actor1 is not None and o.span and o.span.actor == c.actor1 else
                "actor2" if c.actor2 is not None and o.span and o.span.actor == c.actor2 else
                "none" if o.span is None else "other")
        out.append((o, role))
    return out


@stage("learned_actors", needs=("event_actors",), sets=("event_actors",))
def rank_actors(ctx: DocContext) -> None:
    """Who started a kinetic event: the actor model ranks the actors in reach against the
    rules' actor1 ("attacked by militants", "in retaliation, Afghan forces ..."). Talks keep
    the rules' order of the parties (the first government named)."""
    model = load_model("actors")
    if model is None:
        return
    margin = _threshold(model, "margin", 0.15)
    taxonomy = get_taxonomy()
    for c in ctx.candidates:
        if c.dropped is not None or not taxonomy[c.native_type].kinetic or c.disputed:
            continue
        choices = actor_choices(ctx, c)
        if len(choices) < 2:
            continue
        family = event_family(c.native_type, True)
        scored = [(model.proba(actor_option_features(
            o.span, trigger=(c.trigger_start, c.trigger_end), text=ctx.text, event=family,
            rule_role=role, sentence_gap=o.gap))[1], o, role) for o, role in choices]
        p_rule = max((p for p, _, role in scored if role == "actor1"), default=0.0)
        p_best, best, role = max(scored, key=lambda t: t[0])
        if best.span is None or role == "actor1" or p_best < p_rule + margin:
            continue
        new = best.span.actor
        if c.actor2 == new or c.actor2 is None:
            c.actor2 = c.actor1 if c.actor1 != new else c.actor2
        c.actor1 = new
        c.attributes["actor_source"] = "learned"


def duplicate_pairs(ctx: DocContext) -> list[tuple[int, int]]:
    """(earlier, later) positions of every pair of merged events the duplicate model reads."""
    cands = ctx.candidates
    heads = [i for i, c in enumerate(cands) if is_event(c)]
    return [(i, j) for n, i in enumerate(heads) for j in heads[n + 1:]
            if mergeable(cands[i], cands[j])]


@stage("learned_merge", needs=("merged",), sets=("merged",))
def merge_duplicates(ctx: DocContext) -> None:
    model = load_model("duplicates")
    if model is None:
        return
    join_at = _threshold(model, "join", 0.5)
    yes = model.classes.index("yes")
    cands = ctx.candidates
    scored = []
    for i, j in duplicate_pairs(ctx):
        p = model.proba(duplicate_features(ctx, cands[i], cands[j]))[yes]
        if p >= join_at:
            scored.append((-p, i, j))
    gone: set[int] = set()
    for neg, i, j in sorted(scored):  # the surest pairs first; each event joins once
        if i in gone or j in gone:
            continue
        absorb(ctx, i, cands[j])
        for o in cands:  # what the later event had absorbed now belongs to the earlier
            if o.merged_into == j:
                o.merged_into = i
        cands[i].attributes["joined_by"] = f"duplicate model ({-neg:.2f})"
        gone.add(j)
