"""Extraction: one document in, its event mentions out, through a chain of plain stages.

    >>> from ceasewatch.nlp.pipeline import extract_mentions
    >>> [m.native_type for m in extract_mentions(doc)]          # doctest: +SKIP
    ['armed_clash', 'talks_held', 'ceasefire_agreement']

The stages, in order (each declares what it needs and sets; see ``nlp/context.py``):

==============  ===========================================================================
sentences       paragraphs by language, rule-based sentences (``stages/sentences.py``)
countries       the countries the document is about (here)
events          triggers and the cues that cancel them (``stages/events.py``)
classify        the event model: event sentences the triggers missed, background they took
                (``stages/learned.py``)
dates           date spans resolved against the publication date (``stages/dates.py``)
places, actors  gazetteer and actor-dictionary spans of the sentences with events (here)
numbers         counts and the casualties each sentence states (``stages/numbers.py``)
claimants       who says so (``stages/attribution.py``)
dating          own / report / narrative dates of each trigger
context_dates   dates anchored to other events or to the lede
learned_dates   the date model ranks date options for events still undated
arguments       place(s) and actors of each candidate (``stages/arguments.py``)
learned_places  the place model ranks place options against the rules' choice
learned_actors  the actor model ranks who started a kinetic event against the rules' actor1
attribution     claimants, casualties and blame from the following sentences
merge           one place, one day, one event per document (``stages/merge.py``)
learned_merge   the duplicate model joins two tellings of one incident the rules kept apart
attributes      facts stated about an event: the round of talks (``stages/attributes.py``)
mentions        ``Mention`` records with deterministic ids
==============  ===========================================================================

Everything a stage needs (lexicons, gazetteer, actor dictionary) is compiled once per process
by the language registry (``nlp/languages.py``); the hot path does no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ceasewatch.nlp import context as _context
from ceasewatch.nlp.context import STAGES, DocContext, Stage, stage
from ceasewatch.nlp.prefilter import compile_gated
from ceasewatch.nlp.spans import ActorSpan, PlaceSpan
from ceasewatch.nlp.stages import (  # noqa: F401  (imported to register their stages)
    arguments,
    attributes,
    attribution,
    dates,
    events,
    learned,
    merge,
    numbers,
    sentences,
)
from ceasewatch.records import Document, Mention

DEFAULT_STAGES: tuple[str, ...] = (
    "sentences", "countries", "events", "classify", "dates", "places", "actors", "numbers",
    "claimants", "dating", "context_dates", "learned_dates", "arguments", "learned_places",
    "learned_actors", "attribution", "merge", "learned_merge", "attributes", "mentions")


@cache
def _country_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every country name and adjective of the gazetteer: a cheap first pass."""
    from ceasewatch.nlp.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    words: dict[str, str] = {}
    for entry in gaz.entries:
        if entry.kind == "country" and entry.place.country and entry.place.name.isascii():
            words[entry.place.name] = entry.place.country
    for word, iso in gaz.country_adjectives.items():
        if word.isascii() and word[:1].isupper():
            words[word] = iso
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return compile_gated(rf"\b(?:{body})\b"), words


@stage("countries", needs=("sentences",), sets=("countries",))
def countries_stage(ctx: DocContext) -> None:
    """The countries a document is about, most mentioned first: the hint for ambiguous places
    and the two sides of "the border". Country names and adjectives first (one regex pass);
    the full gazetteer pass only when they say nothing (e.g. scripts without those words)."""
    pattern, words = _country_pattern()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for s in ctx.sentences:
        for m in pattern.finditer(s.text):
            iso = words[m.group(0)]
            counts[iso] += 1
            first.setdefault(iso, s.start + m.start())
    if counts:
        ctx.countries = sorted(counts, key=lambda c: (-counts[c], first[c]))[:4]
        return
    from ceasewatch.nlp.stages.places import resolve_context_countries

    ctx.countries = resolve_context_countries(" ".join(s.text for s in ctx.sentences))


def _event_sentences(ctx: DocContext) -> list[_context.SentenceFacts]:
    """Only sentences holding a live candidate need places and actors (the costly lookups)."""
    wanted = {c.sentence for c in ctx.candidates if c.dropped is None}
    return [s for s in ctx.sentences if s.index in wanted]


@stage("places", needs=("sentences", "countries", "candidates"), sets=("places",))
def places_stage(ctx: DocContext) -> None:
    for s in _event_sentences(ctx):
        s.places = [PlaceSpan(p.start + s.start, p.end + s.start, p.surface, p.place)
                    for p in s.resources.find_places(s.text, ctx.countries)]
        _context.looked_up_nothing(ctx, "places", s)


@stage("actors", needs=("sentences", "candidates"), sets=("actors",))
def actors_stage(ctx: DocContext) -> None:
    for s in _event_sentences(ctx):
        s.actors = [ActorSpan(a.start + s.start, a.end + s.start, a.surface, a.actor)
                    for a in s.resources.find_actors(s.text)]
        _context.looked_up_nothing(ctx, "actors", s)


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered, validated chain of stages."""

    stages: tuple[Stage, ...]

    def analyse(self, doc: Document) -> DocContext:
        """Run every stage; the context keeps dropped candidates and their reasons."""
        ctx = DocContext(doc=doc)
        for st in self.stages:
            st.run(ctx)
            if not ctx.sentences:
                break
        return ctx

    def __call__(self, doc: Document) -> list[Mention]:
        return self.analyse(doc).mentions


def build_pipeline(names: Sequence[str] = DEFAULT_STAGES) -> Pipeline:
    """Check that every stage's needs are set by a stage before it (once, at build time)."""
    have: set[str] = set()
    chain = []
    for name in names:
        if name not in STAGES:
            raise ValueError(f"unknown extraction stage {name!r}; known: {sorted(STAGES)}")
        st = STAGES[name]
        missing = [n for n in st.needs if n not in have]
        if missing:
            raise ValueError(f"stage {name!r} needs {missing}, set by no stage before it")
        have.update(st.sets)
        chain.append(st)
    return Pipeline(tuple(chain))


@cache
def default_pipeline() -> Pipeline:
    return build_pipeline()


def extract_mentions(doc: Document) -> list[Mention]:
    """The event mentions of one document, in text order, one per (event, document)."""
    return default_pipeline()(doc)


def analyse_document(doc: Document) -> DocContext:
    """Extraction with its working state, for debugging rules and explaining drops."""
    return default_pipeline().analyse(doc)
