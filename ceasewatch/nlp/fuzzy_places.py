"""Place names spelled another way: "Kuram", "Speen Boldak", "Torkhum", "Bajour".

Transliterations of Pashto, Urdu and Dari names into English vary (doubled letters, ee/i,
u/a, kh/k, ou/u), so an exact gazetteer miss is often a known place. A name is looked up
here only where the text's shape says it is a place — "in X", "near X", "X district",
"X province", "X area" — and only when no exact name covers it. Candidates share the name's
consonant skeleton (vowels and spaces dropped, doubled letters collapsed, kh/gh/q folded:
"Musakhel" is "Musa Khel") and must be close by edit distance (rapidfuzz ratio ≥ 85 over the
letters, ≥ 80 for names of six letters or more, where one vowel is a smaller share: "Noshki"
is "Nushki") with the same first letter; only places of the theater's own countries and of
the countries the document is about are read this way, so a stray capitalised word rarely
becomes one.

    >>> from ceasewatch.nlp.gazetteer import get_gazetteer
    >>> [(s.surface, s.place.name) for s in find_variant_places(
    ...     "Clashes erupted in Kuram district on Monday.", get_gazetteer())]
    [('Kuram', 'Kurram')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ceasewatch.nlp.gazetteer import Gazetteer, ascii_name
from ceasewatch.nlp.spans import PlaceSpan

#: "in X", "near X", "X district": the shapes that say a capitalised name is a place
_BEFORE = r"(?:in|near|at|from|of|outside|around|across)\s+(?:the\s+)?"
_NAME = r"((?:[A-Z][a-z’'-]{3,}\s?){1,2})"
_AFTER = (r"\s+(?:district|province|valley|area|region|tehsil|village|town|city|crossing|"
          r"border crossing|agency|sub-division|subdivision|sector)\b")
_SHAPES = (re.compile(_BEFORE + _NAME), re.compile(_NAME.rstrip(")") + r")" + _AFTER))
_FOLD = ((re.compile(r"kh"), "k"), (re.compile(r"gh"), "g"), (re.compile(r"q"), "k"),
         (re.compile(r"ph"), "f"), (re.compile(r"w"), "v"))
_VOWELS = re.compile(r"[aeiouy]+")
MIN_SCORE = 85
#: the bar for names of at least ``LONG_NAME`` letters
MIN_SCORE_LONG, LONG_NAME = 80, 6


def skeleton(name: str) -> str:
    """Consonants of a folded name: "Torkhum" and "Torkham" -> "trkm"."""
    s = _letters(name)
    for pattern, repl in _FOLD:
        s = pattern.sub(repl, s)
    s = _VOWELS.sub("", s)
    return re.sub(r"(.)\1+", r"\1", s)


_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")
_WORDS = re.compile(r"[A-Za-z][\w’'-]*")


def _title_case_line(text: str, at: int) -> bool:
    """The line holding ``at`` is a headline in title case: most of its words capitalised."""
    end = text.find("\n", at)
    line = text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)]
    words = _WORDS.findall(line)
    return len(words) >= 4 and len(_CAPITALISED.findall(line)) >= 0.6 * len(words)


def _letters(name: str) -> str:
    """The name's letters, lower-cased, without spaces, hyphens or apostrophes."""
    return re.sub(r"[^a-z]", "", ascii_name(name).lower())


@cache
def _index(gaz: Gazetteer) -> dict[str, list[tuple[str, int]]]:
    """Skeleton -> (folded name, entry) of the places variants may name (once per process)."""
    out: dict[str, list[tuple[str, int]]] = {}
    for i, entry in enumerate(gaz.entries):
        place = entry.place
        if not entry.in_text or entry.kind == "country":
            continue
        name = ascii_name(place.name)
        if len(name) < 5 or not name.isascii():
            continue
        out.setdefault(skeleton(name), []).append((_letters(name), i))
    return out


def find_variant_places(text: str, gaz: Gazetteer, *, taken: Sequence[tuple[int, int]] = (),
                        countries_hint: Sequence[str] = ()) -> list[PlaceSpan]:
    """Place names in place-shaped contexts that the exact matcher missed, by spelling
    variant; ``taken`` are the spans exact names already cover."""
    from rapidfuzz import fuzz

    # the theater's countries and those the document is about ("in the vicinity of Aitarun"
    # in a report on Lebanon is Aitaroun), never a place of a country the report is not about
    countries = {*gaz.theater_countries, *countries_hint}
    index = _index(gaz)
    found: dict[tuple[int, int], PlaceSpan] = {}
    for shape in _SHAPES:
        for m in shape.finditer(text):
            start, end = m.start(1), m.end(1)
            surface = text[start:end].rstrip()
            end = start + len(surface)
            if (start, end) in found or any(a < end and start < b for a, b in taken):
                continue
            if gaz.indices(surface) or gaz.adjective_country(surface.split()[0]):
                continue
            if _title_case_line(text, start):
                continue  # "Six Dead in Attack on Mayor's Office": capitals say nothing there
            key = skeleton(surface)
            low = _letters(surface)
            if not low:
                continue
            bar = MIN_SCORE_LONG if len(low) >= LONG_NAME else MIN_SCORE
            scored = [(fuzz.ratio(low, name), idx) for name, idx in index.get(key, ())
                      if name[0] == low[0] and gaz.entries[idx].place.country in countries]
            top = max((score for score, _ in scored), default=0.0)
            if top >= bar:
                # places of the same spelling in two countries ("Musa Khel", Khost and
                # Balochistan): the document's countries choose, as for exact names
                tied = [idx for score, idx in scored if score == top]
                place = gaz.entries[gaz.best(tied, countries_hint)].place
                found[(start, end)] = PlaceSpan(start, end, surface, place)
    return sorted(found.values(), key=lambda s: s.start)
