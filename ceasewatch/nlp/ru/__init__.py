"""Russian: TASS, Interfax, RIA Novosti, RBC and Kommersant reporting of the theater.

The registry finds this package by convention (``ceasewatch.nlp.ru.resources``). Russian is read
with the same stages as every other language: a sentence splitter that knows Russian
abbreviations ("2025 г.", "т.е."), the date and count readers of ``ru.dates``, the shared
gazetteer and actor dictionary (which load ``data/<theater>/place_aliases.ru.tsv`` and
``actor_aliases.ru.tsv``, every name in the cases reporting declines it into: "в Кабуле", "по
Кабулу"), and the trigger and cue lexicon of ``data/lexicon/ru/``.

    >>> split_sentences("Переговоры прошли 18-19 октября 2025 г. Стороны договорились.", 0)
    [(0, 39), (40, 61)]
"""

from __future__ import annotations

import re

# the shared gazetteer and actor dictionary read every script; their finders are the same
from ceasewatch.nlp.arabic_script import find_actors, find_places
from ceasewatch.nlp.languages import LanguageResources
from ceasewatch.nlp.lexicon import load_lexicon
from ceasewatch.nlp.ru.dates import find_dates, find_numbers
from ceasewatch.nlp.stages.sentences import trimmed_spans

#: words after which a full stop abbreviates, not ends a sentence ("т.е.", "ул.", "им."; "2025 г."
#: ends one when a capital follows), and initials ("М. Захарова")
_ABBREVIATIONS = frozenset("т е ул им ср см др пр тыс млн млрд руб долл км ст св".split())
#: a sentence ends at ".", "!", "?" or "…" (and closing quotes) before a capital, digit or quote
_BOUNDARY = re.compile(r"[.!?…]+[»”\")]*(?=\s+[«“\"(]?[А-ЯЁA-Z0-9])")


def _last_word(text: str, end: int) -> str:
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:end].lower()


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as document offsets (``offset``: where ``text`` starts)."""
    cuts = [0]
    for m in _BOUNDARY.finditer(text):
        word = _last_word(text, m.start())
        if m.group().startswith(".") and (
                word in _ABBREVIATIONS or len(word) == 1 and text[m.start() - 1].isupper()):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return trimmed_spans(text, zip(cuts, cuts[1:], strict=False), offset)


__all__ = ["find_actors", "find_dates", "find_numbers", "find_places", "resources",
           "split_sentences"]


def resources() -> LanguageResources:
    return LanguageResources(
        code="ru",
        split_sentences=split_sentences,
        find_dates=find_dates,
        find_numbers=find_numbers,
        find_places=find_places,
        find_actors=find_actors,
        lexicon=load_lexicon("ru"),
    )
