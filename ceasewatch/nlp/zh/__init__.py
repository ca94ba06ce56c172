"""Chinese (``zh``): segmentation, dates, numbers and the name finders for extraction.

The language registry (``ceasewatch.nlp.languages``) imports this package the first time it
meets a Chinese paragraph and calls ``resources()``. Places and actors come from the shared
gazetteer and actor dictionary, which read ``data/<theater>/place_aliases.zh.tsv`` and
``actor_aliases.zh.tsv``; since Chinese has no spaces, a name found there is kept only where
it is made of whole words of the jieba segmentation (so "巴塔" is found in "据巴塔称" but not in
"巴塔哥尼亚").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ceasewatch.nlp.languages import LanguageResources
from ceasewatch.nlp.lexicon import load_lexicon
from ceasewatch.nlp.matcher import has_unspaced_script
from ceasewatch.nlp.spans import ActorSpan, PlaceSpan
from ceasewatch.nlp.zh.dates import find_dates
from ceasewatch.nlp.zh.numbers import find_numbers
from ceasewatch.nlp.zh.segment import on_boundaries, split_sentences

__all__ = ["find_actors", "find_dates", "find_numbers", "find_places", "resources",
           "split_sentences"]

S = TypeVar("S", PlaceSpan, ActorSpan)


def _whole_words(text: str, spans: list[S]) -> list[S]:
    """Drop Chinese name matches that cut a word of the segmentation in two."""
    return [s for s in spans
            if not has_unspaced_script(s.surface) or on_boundaries(text, s.start, s.end)]


def find_places(text: str, countries_hint: Sequence[str] = ()) -> list[PlaceSpan]:
    """Places named in Chinese text: "巴军方对喀布尔发动空袭" -> Kabul (AF)."""
    from ceasewatch.nlp.stages.places import find_places as find_all

    return _whole_words(text, find_all(text, countries_hint=countries_hint))


def find_actors(text: str) -> list[ActorSpan]:
    """Actors named in Chinese text: "巴塔" -> TTP, "阿军队" -> Afghan (Taliban) forces."""
    from ceasewatch.nlp.stages.actors import find_actors as find_all

    return _whole_words(text, find_all(text))


def resources() -> LanguageResources:
    """The registry's factory for ``zh`` (compiles the lexicon; jieba loads on first use)."""
    finder: Callable[[str], list[ActorSpan]] = find_actors
    return LanguageResources(
        code="zh",
        split_sentences=split_sentences,
        find_dates=find_dates,
        find_numbers=find_numbers,
        find_places=find_places,
        find_actors=finder,
        lexicon=load_lexicon("zh", bounded=False),
    )
