"""English: the built-in language of extraction (registered in ``nlp/languages.py``).

Bundles the rule-based sentence splitter, date and number finders of this package with the
theater's gazetteer and actor dictionary, and the lexicon in ``data/lexicon/en/``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ceasewatch.nlp.languages import LanguageResources
from ceasewatch.nlp.lexicon import load_lexicon
from ceasewatch.nlp.spans import ActorSpan, PlaceSpan
from ceasewatch.nlp.stages.dates import find_dates_en
from ceasewatch.nlp.stages.numbers import find_numbers_en
from ceasewatch.nlp.stages.sentences import split_sentences_en


def _find_places(text: str, countries_hint: Sequence[str]) -> list[PlaceSpan]:
    from ceasewatch.nlp.stages.places import find_places

    return find_places(text, countries_hint=countries_hint)


def _find_actors(text: str) -> list[ActorSpan]:
    try:
        from ceasewatch.nlp.stages.actors import find_actors
    except ImportError:  # actor stage not installed in this build: no actors, never a crash
        return []
    return find_actors(text)


def resources() -> LanguageResources:
    return LanguageResources(
        code="en",
        split_sentences=split_sentences_en,
        find_dates=find_dates_en,
        find_numbers=find_numbers_en,
        find_places=_find_places,
        find_actors=_find_actors,
        lexicon=load_lexicon("en"),
    )
