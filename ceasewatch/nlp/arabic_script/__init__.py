"""Pashto, Dari/Persian and Urdu: the Arabic-script languages of the Afghanistan-Pakistan theater.

What reads these languages today: place and actor names (through the shared gazetteer and actor
dictionary, which load ``data/<theater>/place_aliases.{ps,fa,ur}.tsv`` and
``actor_aliases.{ps,fa,ur}.tsv`` and fold the Arabic letter variants), dates in every digit
alphabet and in the Gregorian and Solar Hijri calendars (``dates``), counts in any digits, and a
first conservative trigger lexicon per language (``data/lexicon/<lang>/``). Each language is one
small package (``ceasewatch.nlp.ps`` ...) that the registry finds by convention and that calls
``resources_for`` here: one code path, three sets of data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ceasewatch.nlp.arabic_script.dates import find_dates, find_numbers
from ceasewatch.nlp.languages import LanguageResources
from ceasewatch.nlp.lexicon import load_lexicon
from ceasewatch.nlp.spans import ActorSpan, DateSpan, NumberSpan, PlaceSpan

ARABIC_SCRIPT_LANGUAGES = ("ps", "fa", "ur")

#: a sentence ends at a full stop (Latin, or the Urdu "۔"), "؟", "!" or a line break
_SENTENCE = re.compile(r"[^.۔؟?!\n]*(?:[.۔؟?!]+[»”\")]*|\n|$)")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans shifted by ``offset`` into document offsets.

    A full stop between digits ("3.5") does not end a sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        end = m.end()
        if end < len(text) and end > 0 and text[end - 1] == "." and text[end:end + 1].isdigit():
            continue
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s + offset, e + offset))
        start = end
    return spans


def find_places(text: str, countries_hint: Sequence[str] = ()) -> list[PlaceSpan]:
    """Places named in the text: "پکتیکا" -> Paktika (AF), "طورخم" -> Torkham."""
    from ceasewatch.nlp.stages.places import find_places as find_all

    return find_all(text, countries_hint=countries_hint)


def find_actors(text: str) -> list[ActorSpan]:
    """Actors named in the text: "تحریک طالبان پاکستان" -> TTP, "پاک فوج" -> Pakistani forces."""
    from ceasewatch.nlp.stages.actors import find_actors as find_all

    return find_all(text)


def resources_for(code: str) -> LanguageResources:
    """The registry's resources for one of ``ARABIC_SCRIPT_LANGUAGES``."""
    if code not in ARABIC_SCRIPT_LANGUAGES:
        raise ValueError(f"not an Arabic-script language of the theater: {code!r}")

    # each language keeps to its own month names: Pashto "۱۹ مه" is the 19th, Dari "۱۹ مه" May
    def dates(text: str, published: date | None) -> list[DateSpan]:
        return find_dates(text, published, code)

    def numbers(text: str) -> list[NumberSpan]:
        return find_numbers(text, code)

    return LanguageResources(
        code=code,
        split_sentences=split_sentences,
        find_dates=dates,
        find_numbers=numbers,
        find_places=find_places,
        find_actors=find_actors,
        lexicon=load_lexicon(code),
    )
