"""Features the learned models read: words, and what the rule stages found.

Every feature is a string present or absent (a binary feature), so one feature function
serves training and prediction and a model is a table of weights by feature name. The rule
stages' findings enter as features ("trig=air_strike", "cue=threat", "date=day"): the models
learn when to trust them, and the words around them, from annotated real reporting.

    >>> sorted(word_features("Jets struck 3 posts."))[:4]
    ['b=0_posts', 'b=<s>_jets', 'b=jets_struck', 'b=posts_</s>']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from ceasewatch.nlp.context import Candidate, DocContext, SentenceFacts
from ceasewatch.nlp.spans import ActorSpan, DateSpan, PlaceSpan
from ceasewatch.records import Place

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGITS = re.compile(r"\d+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
#: how far before publication a date lies, in buckets (days)
_AGE_BUCKETS = ((0, "0"), (1, "1"), (3, "2-3"), (7, "4-7"), (31, "8-31"), (366, "32-366"))


def _tokens(text: str) -> tuple[str, ...]:
    """Lower-cased words, digits folded to 0 (cached: a sentence is read as itself and as
    its neighbours' context)."""
    return _tokens_cached(text)


@lru_cache(maxsize=4096)
def _tokens_cached(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in _WORD.findall(text.lower()):
        if w.isalpha() and w.isascii():  # most words: no digits to fold, no Chinese
            out.append(w)
        elif _CJK_RUN.fullmatch(w):
            # Chinese has no spaces: pairs of characters stand in for words
            out.extend([w] if len(w) == 1 else [w[i:i + 2] for i in range(len(w) - 1)])
        else:
            out.append(_DIGITS.sub("0", w))
    return tuple(out)


@lru_cache(maxsize=4096)
def word_features(text: str) -> frozenset[str]:
    """Unigrams and bigrams (digits folded to 0), with sentence boundaries (cached: a text
    is read as a sentence and as its neighbours' context)."""
    toks = _tokens(text)
    feats = {f"w={t}" for t in toks}
    padded = ["<s>", *toks, "</s>"]
    feats.update(f"b={a}_{b}" for a, b in zip(padded, padded[1:], strict=False))
    return frozenset(feats)


@lru_cache(maxsize=4096)
def stem_features(text: str) -> frozenset[str]:
    """Word beginnings of 4 and 6 letters: inflected forms share them (Russian cases, Urdu
    and Persian suffixes, English -ed/-ing), so a form never seen in training still counts."""
    out: set[str] = set()
    for t in _tokens(text):
        if len(t) >= 5 and (t.isascii() or not _CJK_RUN.match(t)):
            out.add(f"p={t[:4]}")
            if len(t) >= 7:
                out.add(f"p={t[:6]}")
    return frozenset(out)


@lru_cache(maxsize=8192)
def _neighbour_words(tag: str, text: str) -> frozenset[str]:
    """A neighbouring sentence's words as features ("pw=…" before, "nw=…" after)."""
    return frozenset(f"{tag}={t}" for t in _tokens(text))


def sentence_features(ctx: DocContext, s: SentenceFacts, candidates: Sequence[Candidate],
                      previous: Sequence[Candidate] = ()) -> set[str]:
    """What tells an event sentence from background, a statement or nothing (``previous``:
    the candidates of the sentence before, passed in so a document is read in linear time)."""
    feats = set(word_features(s.text))
    feats |= stem_features(s.text)
    feats.add(f"lang={s.lang}")
    if s.heading:
        feats.add("heading")
    if s.index == 0:
        feats.add("first_sentence")
    elif ctx.sentences[s.index - 1].paragraph != s.paragraph:
        feats.add("first_in_paragraph")
    if s.quotes:
        quoted = sum(b - a for a, b in s.quotes)
        if quoted > 0.5 * max(1, len(s.text)):
            feats.add("mostly_quoted")
        else:
            feats.add("has_quote")
    for c in candidates:
        feats.add(f"trig={c.native_type}")
        if c.dropped is not None:
            feats.add(f"drop={c.dropped.split(':')[0].split()[0]}")
            feats.add(f"trig_dropped={c.native_type}")
        if c.habitual:
            feats.add("habitual")
        if c.aggregate:
            feats.add("aggregate")
        if c.definite:
            feats.add("definite")
    if not candidates:
        feats.add("no_trigger")
    for c in previous:  # the triggers of the sentence before
        feats.add(f"prev_trig={c.native_type}")
    # the neighbours' words: a toll sentence after a clash, a statement before a denial
    for k, tag in ((-1, "pw"), (1, "nw")):
        i = s.index + k
        if 0 <= i < len(ctx.sentences) and ctx.sentences[i].paragraph == s.paragraph:
            feats |= _neighbour_words(tag, ctx.sentences[i].text)
    feats.add(f"para={min(s.paragraph, 4)}")
    return feats


def _age(value: date, published: date | None) -> str:
    if published is None:
        return "unknown"
    days = (published - value).days
    if days < 0:
        return "future"
    for limit, name in _AGE_BUCKETS:
        if days <= limit:
            return name
    return "older"


def candidate_context(c: Candidate, ctx: DocContext) -> set[str]:
    """What speaks against dating an event at all: a habitual or aggregate telling, a plural
    trigger, a learned (not rule) event and its confidence, an analysis without dateline."""
    from ceasewatch.nlp.stages.events import dateline_end

    feats = {f"conf={round(c.confidence * 5) / 5}"}
    for flag in ("habitual", "aggregate", "definite"):
        if getattr(c, flag):
            feats.add(flag)
    if "learned" in c.attributes:
        feats.add("learned")
    if ctx.text[c.trigger_start:c.trigger_end].lower().endswith("s"):
        feats.add("plural_trigger")
    first = next((s for s in ctx.sentences if not s.heading), None)
    feats.add("dateline" if first is not None and dateline_end(first) else "no_dateline")
    feats.add(f"position={min(c.sentence, 9) // 3}")
    # the sentence's own words: "previous", "many of the", "long-standing", "prior to"
    s = ctx.sentences[c.sentence]
    feats.update(f"w={t}" for t in _tokens(s.text))
    return feats


def date_option_features(kind: str, option: DateSpan | None, *, published: date | None,
                         kinetic: bool, text_before: str, report: bool,
                         sentence_has_dates: bool, context: set[str] | None = None
                         ) -> set[str]:
    """One way of dating an event: the sentence's own date, a date some sentences before,
    the dateline's, the publication date ("published") — or none at all (``kind="none"``,
    which reads the candidate's ``context``: not every trigger reports a datable event)."""
    t = "kin" if kinetic else "non"
    feats = {f"src={kind}", f"src={kind}|{t}",
             "sentence_dated" if sentence_has_dates else "sentence_undated"}
    if kind == "none":
        feats.add(f"none|{'sentence_dated' if sentence_has_dates else 'sentence_undated'}")
        feats.update(f"none|{f}" for f in context or ())
        return feats
    if option is None:
        return feats
    age = _age(option.value, published)
    feats.update({f"prec={option.precision}", f"src={kind}|prec={option.precision}",
                  f"age={age}", f"age={age}|{t}", f"src={kind}|age={age}"})
    if report:
        feats.update({"report", f"report|{kind}"})
    words = _tokens(text_before)[-2:]
    for w in words:
        feats.add(f"before={w}")
    if option.end_value is not None:
        feats.add("range")
    return feats


def _against_trigger(start: int, end: int, trigger: tuple[int, int], text: str
                     ) -> tuple[str, int]:
    """Where a name stands against the trigger: before, after or in it, and how many words
    lie between them."""
    a, b = trigger
    if end <= a:
        return "before", len(_WORD.findall(text[end:a]))
    if start >= b:
        return "after", len(_WORD.findall(text[b:start]))
    return "in", 0


def _words_beside(start: int, end: int, text: str, feats: set[str]
                  ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The two words before and after a name ("near", "in"; "district", "said"), added to
    ``feats`` and returned for crossing."""
    left = _tokens(text[max(0, start - 25):start])[-2:]
    right = _tokens(text[end:end + 25])[:2]
    feats.update(f"left={w}" for w in left)
    feats.update(f"right={w}" for w in right)
    return left, right


def place_option_features(kind: str, span: PlaceSpan, *, trigger: tuple[int, int],
                          text: str, doc_countries: Sequence[str], rule_choice: bool,
                          sentence_gap: int, event: str = "kinetic") -> set[str]:
    """One place an event may have happened at: features of where and how it is named.
    ``event`` (kinetic, talks, closure) crosses the main ones: talks happen in a third
    country's capital, clashes at the border, closures at a crossing."""
    p = span.place
    prec = str(p.precision or "none")
    feats = {f"src={kind}", f"prec={prec}", f"src={kind}|prec={prec}",
             f"gap={min(sentence_gap, 3)}"}
    if rule_choice:
        feats.add("rule_choice")
    if p.country and doc_countries:
        feats.add("doc_country" if p.country == doc_countries[0] else (
            "other_doc_country" if p.country in doc_countries else "foreign"))
    if kind == "sentence":
        side, words = _against_trigger(span.start, span.end, trigger, text)
        feats.add(f"{side}_trigger={min(words, 12) // 3}" if side != "in" else "in_trigger")
    left, right = _words_beside(span.start, span.end, text, feats)
    if left:
        feats.add(f"left1={left[-1]}|prec={prec}")
    crossed = {f for f in feats if f.startswith(("src=", "prec=", "doc_country", "foreign",
                                                  "other_doc", "rule_choice", "left1="))}
    feats.update(f"{event}|{f}" for f in crossed)
    return feats


def event_family(native_type: str, kinetic: bool) -> str:
    if kinetic:
        return "kinetic"
    return "talks" if native_type in ("talks_held", "ceasefire_agreement") else "other"


def actor_option_features(span: ActorSpan | None, *, trigger: tuple[int, int], text: str,
                          event: str, rule_role: str, sentence_gap: int) -> set[str]:
    """One actor that may have initiated an event ("none": no initiator named): its kind,
    where it stands against the trigger, the words beside it ("by", "attack on", "said")."""
    if span is None:
        return {"none", f"none|{event}"}
    a = span.actor
    kind = a.kind
    feats = {f"kind={kind}", f"kind={kind}|{event}", f"role={rule_role}",
             f"role={rule_role}|{event}", f"gap={min(sentence_gap, 2)}"}
    side, words = _against_trigger(span.start, span.end, trigger, text)
    if side != "in":
        feats.update({f"{side}_trigger={min(words, 12) // 3}", f"{side}|kind={kind}"})
    left, right = _words_beside(span.start, span.end, text, feats)
    if left:
        feats.add(f"left1={left[-1]}|{event}")
    if right:
        feats.add(f"right1={right[0]}|{event}")
    return feats


_DISTANCE_BUCKETS = ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"))
_LISTED = re.compile(r"\s*(?:,|and|&|or|,\s*and|و|اور|او|и|、|和|及)\s*$", re.IGNORECASE)


def _place_relation(p: Place | None, q: Place | None) -> str:
    if p is None and q is None:
        return "none_both"
    if p is None or q is None:
        return f"one_none:{(p or q).precision}"  # type: ignore[union-attr]
    if p.name == q.name:
        return "same"
    if p.country and q.country and p.country != q.country:
        return "other_country"
    if "country" in (p.precision, q.precision) or "border" in (p.precision, q.precision):
        return "within:" + "|".join(sorted((str(p.precision), str(q.precision))))
    if p.admin1 and p.admin1 == q.admin1:
        if "admin1" in (p.precision, q.precision):
            return "within:admin1"
        return "same_admin1"
    return "other_admin1"


def _listed_together(ctx: DocContext, a: Candidate, b: Candidate) -> bool:
    """Both places named in one list of the same sentence ("strikes in Sagaing, Magway and
    Mandalay"): each named place its own event, by the annotation rules."""
    if a.sentence != b.sentence or a.place is None or b.place is None:
        return False
    spans = sorted((p.start, p.end, p.place.name) for p in ctx.sentences[a.sentence].places
                   if p.place.name in (a.place.name, b.place.name))
    return any(x[2] != y[2] and _LISTED.fullmatch(ctx.text[x[1]:y[0]]) is not None
               for x, y in zip(spans, spans[1:], strict=False))


#: words that open a telling of another incident, or of the same one again
_OPENERS = frozenset({"in", "another", "separate", "separately", "meanwhile", "earlier",
                      "later", "also", "elsewhere", "the", "this", "that", "a", "an",
                      "similarly", "besides", "moreover", "last", "on", "during", "since"})


def duplicate_features(ctx: DocContext, a: Candidate, b: Candidate) -> set[str]:
    """Whether two events the merge rules kept apart (same ACLED type, overlapping dates)
    are one incident told twice: where each is told, how their places, dates, tolls and
    parties relate, and the words that open the later telling ("In another incident")."""
    sa, sb = ctx.sentences[a.sentence], ctx.sentences[b.sentence]
    gap = abs(b.sentence - a.sentence)
    feats = {"bias_pair", f"dist={next((n for k, n in _DISTANCE_BUCKETS if gap <= k), '6+')}",
             "types=" + "|".join(sorted((a.native_type, b.native_type))),
             f"place={_place_relation(a.place, b.place)}",
             "prec=" + "|".join(sorted((str(a.place.precision if a.place else None),
                                        str(b.place.precision if b.place else None))))}
    if sa.paragraph == sb.paragraph:
        feats.add("same_paragraph")
    if sa.lang != sb.lang:
        feats.add("other_language")
    if a.native_type == b.native_type:
        feats.add("same_type")
    da, db = a.event_date, b.event_date
    if da is not None and db is not None:
        feats.add("date_same" if da.value == db.value else "date_other")
        feats.add("dprec=" + "|".join(sorted((str(a.date_value_precision or da.precision),
                                              str(b.date_value_precision or db.precision)))))
    fa, fb = a.fatalities, b.fatalities
    if fa.known and fb.known:
        feats.add("toll=same" if (fa.best, fa.low) == (fb.best, fb.low) else "toll=other")
    elif fa.known or fb.known:
        feats.add("toll=one")
    if a.actor1 is not None and b.actor1 is not None:
        feats.add("actor1_same" if a.actor1.name == b.actor1.name else "actor1_other")
    learned = ("learned" in a.attributes) + ("learned" in b.attributes)
    feats.add(f"learned={learned}")
    if a.definite or b.definite:
        feats.add("definite")
    if _listed_together(ctx, a, b):
        feats.add("listed")
    if gap:
        later = sb if b.sentence > a.sentence else sa
        feats.update(f"opens={t}" for t in _tokens(later.text)[:2] if t in _OPENERS)
    return feats
