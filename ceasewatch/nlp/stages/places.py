"""WHERE: place names in running text, geocoded against the offline gazetteer.

"Pakistani jets struck targets in Kabul and Paktika Province" gives two spans: Kabul (the
city, admin1 Kabul, AF) and Paktika (the province, admin1 precision). The rules:

- the longest name wins ("Khyber Pakhtunkhwa" over "Khyber", "Paktika Province" over
  "Paktika"), and a "<name> Province/District" form picks the province or district;
- Latin-script names need a capital first letter and whole words; acronyms ("KP") need
  capitals; Chinese/Japanese aliases from the alias files match inside running text;
- generic GeoNames towns are matched only for the theater countries (and large cities
  elsewhere), minus a stoplist of names that are common words ("March", "Tank", "Nice");
- a spelling variant in a place-shaped context ("Kuram district", "near Speen Boldak") is
  read by ``nlp/fuzzy_places.py`` when no exact name covers it;
- places elsewhere in the world come from ``nlp/world_places.py`` (all of GeoNames
  cities1000), looked up by capitalised word runs and only in the countries the document is
  about (``countries_hint``) that the theater gazetteer does not already match in full;
- country adjectives ("Afghan", "Pakistani") are never places, but they and the places found
  tell which countries a text is about, which settles ambiguous names (``countries_hint``).

One compiled matcher per process; no I/O per call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache

from ceasewatch.nlp.gazetteer import Gazetteer, get_gazetteer
from ceasewatch.nlp.spans import PlaceSpan


def find_places(text: str, *, countries_hint: Sequence[str] = (),
                gazetteer: Gazetteer | None = None) -> list[PlaceSpan]:
    """Every place name in ``text``, in text order, each resolved to its likeliest place.

    Ambiguous names are resolved first by ``countries_hint`` (e.g. the countries the document
    is about, see ``resolve_context_countries``), then by the theater's country order.
    """
    gaz = gazetteer or get_gazetteer()
    spans = []
    for hit in gaz.matcher.find(text):
        entry = gaz.entries[gaz.best(hit.values, countries_hint)]
        spans.append(PlaceSpan(hit.start, hit.end, hit.surface, entry.place))
    if text.isascii() or any("A" <= ch <= "Z" for ch in text):
        # spelling variants ("Kuram district", "near Speen Boldak") where exact names missed
        from ceasewatch.nlp.fuzzy_places import find_variant_places

        variants = find_variant_places(text, gaz, taken=[(s.start, s.end) for s in spans],
                                       countries_hint=countries_hint)
        if variants:
            spans = sorted([*spans, *variants], key=lambda s: s.start)
        world_countries = [c for c in countries_hint if c not in gaz.text_countries]
        if world_countries:
            spans = _with_world_places(text, spans, world_countries)
    return spans


def _with_world_places(text: str, spans: list[PlaceSpan],
                       countries: Sequence[str]) -> list[PlaceSpan]:
    """``spans`` plus the world gazetteer's places in the words they leave unexplained."""
    from ceasewatch.nlp.world_places import find_world_places

    # a country's name inside a longer place name ("Port Sudan", "Kuwait City") does not
    # stop the longer name: the country span gives way to it
    countries_only = [s for s in spans if s.place.precision == "country"]
    found = find_world_places(text, countries,
                              taken=[(s.start, s.end) for s in spans
                                     if s.place.precision != "country"],
                              stoplist=_stoplist())
    extra = [PlaceSpan(start, end, surface, place) for start, end, surface, place in found
             if not any(c.start == start and c.end == end for c in countries_only)
             and not any(c.start < end and start < c.end and not (start <= c.start and c.end <= end)
                         for c in countries_only)]
    if not extra:
        return spans
    kept = [s for s in spans if not (s.place.precision == "country" and any(
        e.start <= s.start and s.end <= e.end and e.end - e.start > s.end - s.start
        for e in extra))]
    return sorted([*kept, *extra], key=lambda s: s.start)


@cache
def _stoplist() -> frozenset[tuple[str, ...]]:
    """Names never read as places in running text (``data/geo/stoplist.txt``)."""
    from ceasewatch.nlp.gazetteer import GEO_DIR, read_stoplist

    return frozenset(read_stoplist(GEO_DIR / "stoplist.txt"))


def find_country_adjectives(text: str, *,
                            gazetteer: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of each country adjective: "Afghan forces" -> (0, 6, "AF")."""
    gaz = gazetteer or get_gazetteer()
    return [(h.start, h.end, h.values[0]) for h in gaz.adjective_matcher.find(text)]


def resolve_context_countries(text: str, *, gazetteer: Gazetteer | None = None,
                              limit: int = 4) -> list[str]:
    """The countries a text talks about, most mentioned first: the hint for ``find_places``.

    Counts unambiguous evidence only: country names, country adjectives, and places whose
    name has one reading. "Afghan officials said Pakistani forces shelled Chaman" -> AF, PK.
    """
    gaz = gazetteer or get_gazetteer()
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}

    def count(country: str | None, at: int) -> None:
        if country:
            counts[country] += 1
            first_seen.setdefault(country, at)

    for hit in gaz.matcher.find(text):
        countries = {gaz.entries[i].place.country for i in hit.values}
        if len(countries) == 1:
            count(next(iter(countries)), hit.start)
    for start, _, iso in find_country_adjectives(text, gazetteer=gaz):
        count(iso, start)
    ranked = sorted(counts, key=lambda c: (-counts[c], first_seen[c]))
    return ranked[:limit]
