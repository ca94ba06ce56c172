"""The choices a learned model ranks: ways to date an event, places it may have happened at.

Rules find every date expression and place name; which one belongs to an event is what
they got wrong most on real reports (a word window, the last date seen). Here each event
sentence gets every plausible option with where it came from — its own sentence, the few
sentences before it, the dateline, the lede, the publication date — and the models in
``date_model``/``place_model`` score them. Training builds the same options around each
gold event's evidence sentence, so training and prediction see the same choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from ceasewatch.nlp.context import DocContext, SentenceFacts
from ceasewatch.nlp.spans import ActorSpan, DateSpan, PlaceSpan

_Span = TypeVar("_Span", DateSpan, PlaceSpan, ActorSpan)

#: how many sentences before an event's own a date or place may come from
REACH = 2


def _looked_up(ctx: DocContext, s: SentenceFacts, layer: str,
               find: Callable[[], Sequence[_Span]]) -> list[_Span]:
    """A sentence's spans of one layer (document offsets): the rule stages' own, or looked
    up now if they skipped the sentence — kept in ``ctx.lookups``, so the rule stages after
    this one see only what they found themselves."""
    found: list[_Span] = getattr(s, layer)
    if found:
        return found
    key = (layer, s.index)
    if key not in ctx.lookups:
        ctx.lookups[key] = [replace(x, start=x.start + s.start, end=x.end + s.start)
                            for x in find()]
    return ctx.lookups[key]


def sentence_dates(s: SentenceFacts, ctx: DocContext) -> list[DateSpan]:
    return _looked_up(ctx, s, "dates", lambda: s.resources.find_dates(s.text,
                                                                      ctx.doc.published))


def sentence_places(s: SentenceFacts, ctx: DocContext) -> list[PlaceSpan]:
    return _looked_up(ctx, s, "places", lambda: s.resources.find_places(s.text, ctx.countries))


@dataclass(frozen=True, slots=True)
class DateOption:
    kind: str  # own | prev1 | prev2 | dateline | lede | published
    span: DateSpan | None
    report: bool
    text_before: str


@dataclass(frozen=True, slots=True)
class PlaceOption:
    kind: str  # sentence | prev1 | prev2 | dateline | lede
    span: PlaceSpan
    gap: int


def _nearby(ctx: DocContext, s: SentenceFacts) -> list[tuple[int, SentenceFacts]]:
    out = []
    for k in range(1, REACH + 1):
        i = s.index - k
        if i < 0:
            break
        prev = ctx.sentences[i]
        if prev.heading or prev.paragraph < s.paragraph - 1:
            break
        out.append((k, prev))
    return out


def date_options(ctx: DocContext, s: SentenceFacts) -> list[DateOption]:
    from ceasewatch.nlp.stages.events import dateline_end, is_report_date

    text = ctx.text
    opts: list[DateOption] = []
    for d in sentence_dates(s, ctx):
        opts.append(DateOption("own", d, is_report_date(d, s, s.resources.lexicon),
                               text[max(s.start, d.start - 20):d.start]))
    for k, prev in _nearby(ctx, s):
        for d in sentence_dates(prev, ctx):
            opts.append(DateOption(f"prev{k}", d, is_report_date(d, prev, prev.resources.lexicon),
                                   text[max(prev.start, d.start - 20):d.start]))
    first = next((x for x in ctx.sentences if not x.heading), None)
    if first is not None and first.index != s.index:
        cut = dateline_end(first)
        for d in sentence_dates(first, ctx):
            kind = "dateline" if d.start - first.start < cut else "lede"
            opts.append(DateOption(kind, d, kind == "dateline",
                                   text[max(first.start, d.start - 20):d.start]))
            if kind == "lede":
                break
    if ctx.doc.published is not None:
        pub = DateSpan(s.start, s.start, "(published)", ctx.doc.published, "day")
        opts.append(DateOption("published", pub, False, ""))
    return opts


def place_options(ctx: DocContext, s: SentenceFacts) -> list[PlaceOption]:
    from ceasewatch.nlp.stages.events import dateline_end

    opts = [PlaceOption("sentence", p, 0) for p in sentence_places(s, ctx)]
    for k, prev in _nearby(ctx, s):
        opts.extend(PlaceOption(f"prev{k}", p, k) for p in sentence_places(prev, ctx))
    first = next((x for x in ctx.sentences if not x.heading), None)
    if first is not None and first.index != s.index and first.index < s.index - REACH:
        cut = dateline_end(first)
        for p in sentence_places(first, ctx):
            kind = "dateline" if p.start - first.start < cut else "lede"
            opts.append(PlaceOption(kind, p, s.index - first.index))
    return opts


@dataclass(frozen=True, slots=True)
class ActorOption:
    span: ActorSpan | None  # None: the text names no initiator
    gap: int


def sentence_actors(s: SentenceFacts, ctx: DocContext) -> list[ActorSpan]:
    return _looked_up(ctx, s, "actors", lambda: s.resources.find_actors(s.text))


#: actors that never start an event: they mediate, report or suffer it
PASSIVE_KINDS = ("mediator", "media", "civilians")


def actor_options(ctx: DocContext, s: SentenceFacts) -> list[ActorOption]:
    opts = [ActorOption(a, 0) for a in sentence_actors(s, ctx)
            if a.actor.kind not in PASSIVE_KINDS]
    for k, prev in _nearby(ctx, s)[:1]:
        opts.extend(ActorOption(a, k) for a in sentence_actors(prev, ctx)
                    if a.actor.kind not in PASSIVE_KINDS)
    opts.append(ActorOption(None, 0))
    return opts
