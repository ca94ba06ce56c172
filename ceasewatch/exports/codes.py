"""Codes the exports translate ceasewatch's fields into, kept as data where they are facts.

Country codes (ISO numeric and alpha-3, Gleditsch-Ward, regions) and PLOVER's CAMEO table are
files under ``data/exports/``; the precision scales are the codebooks' own and short enough to
read here, beside the precision names they translate.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files

from ceasewatch.errors import CeasewatchError
from ceasewatch.records import Actor, Place

#: ACLED geo_precision: 1 the town itself, 2 near it / its district, 3 a province or wider
ACLED_GEO_PRECISION = {"point": 1, "locality": 1, "district": 2, "admin1": 3, "border": 3,
                       "country": 3}
#: ACLED time_precision: 1 the day, 2 the week or a few days, 3 the month (or vaguer)
ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
#: UCDP GED where_prec: 1 exact, 3 district, 4 province, 5 border/area, 6 country
UCDP_WHERE_PREC = {"point": 1, "locality": 1, "district": 3, "admin1": 4, "border": 5,
                   "country": 6}
ACLED_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence":
                  "Political violence", "Violence against civilians": "Political violence",
                  "Protests": "Demonstrations", "Riots": "Demonstrations",
                  "Strategic developments": "Strategic developments"}
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
#: ACLED's numeric actor types (inter1/inter2)
STATE_FORCES, REBELS, CIVILIANS, EXTERNAL = 1, 2, 7, 8
CEASEFIRE_VIOLATION = "196"


@dataclass(frozen=True, slots=True)
class CountryCodes:
    iso2: str
    iso3: str
    iso_numeric: int
    gw: int
    acled_region: str
    ucdp_region: str


@dataclass(frozen=True, slots=True)
class PloverCode:
    cameo: str
    plover: str
    mode: str
    context: tuple[str, ...]
    label: str


def _rows(name: str) -> list[list[str]]:
    text = (files("ceasewatch") / "data" / "exports" / name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(lines[1:], delimiter="\t"))


@lru_cache(maxsize=1)
def country_codes() -> dict[str, CountryCodes]:
    out = {}
    for n, row in enumerate(_rows("country_codes.tsv"), 2):
        try:
            iso2, iso3, numeric, gw, acled, ucdp = row
            out[iso2] = CountryCodes(iso2, iso3, int(numeric), int(gw), acled, ucdp)
        except ValueError as exc:
            raise CeasewatchError(f"data/exports/country_codes.tsv: row {n}: {exc}") from exc
    return out


@lru_cache(maxsize=1)
def plover_codes() -> dict[str, PloverCode]:
    out = {}
    for n, row in enumerate(_rows("plover.tsv"), 2):
        if len(row) != 5:
            raise CeasewatchError(f"data/exports/plover.tsv: row {n}: expected 5 columns")
        cameo, plover, mode, context, label = row
        out[cameo] = PloverCode(cameo, plover, mode, tuple(c for c in context.split(";") if c),
                                label)
    return out


def actor_type(actor: Actor | None, event_country: str | None) -> int:
    """ACLED's inter code: state forces abroad are external forces (8); 0 when unknown.

    >>> actor_type(Actor("Military Forces of Pakistan", "state_forces", "PK", "PK"), "AF")
    8
    """
    if actor is None:
        return 0
    if actor.kind in ("state_forces", "government"):
        abroad = actor.country and event_country and actor.country != event_country
        return EXTERNAL if abroad else STATE_FORCES
    if actor.kind == "militant":
        return REBELS
    if actor.kind == "civilians":
        return CIVILIANS
    return EXTERNAL


def interaction(inter1: int, inter2: int) -> int:
    """Two inter codes as ACLED's interaction, the lower first; one actor alone is ``X0``."""
    if not inter1 or not inter2:
        return max(inter1, inter2) * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def ucdp_date_prec(precision: str | None, start: date | None, end: date | None) -> int:
    """UCDP GED date_prec from a date's precision and span.

    >>> ucdp_date_prec("day", date(2025, 10, 11), date(2025, 10, 15))
    2
    """
    span = (end - start).days + 1 if start and end else 1
    if precision in (None, "day"):
        return 1 if span <= 1 else 2 if span <= 6 else 3 if span <= 7 else 4 if span <= 30 else 5
    return {"week": 3, "month": 4}.get(precision, 5)


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO alpha-2 -> English short name, from the gazetteer's ``data/geo/countries.tsv``."""
    from ceasewatch.nlp.gazetteer import DATA_DIR, read_countries

    table = read_countries(DATA_DIR / "geo" / "countries.tsv")
    return {e.place.country: e.place.name for e, _ in table.rows if e.place.country}


@lru_cache(maxsize=1)
def geonames_districts() -> dict[tuple[str, str], str]:
    """(folded town name, country) -> its district, from the shipped GeoNames extract; a
    name found in two districts of one country is left out rather than guessed."""
    from ceasewatch.nlp.gazetteer import DATA_DIR, ascii_name
    from ceasewatch.nlp.matcher import read_tsv

    seen: dict[tuple[str, str], set[str]] = {}
    for _, f in read_tsv(DATA_DIR / "geo" / "geonames_theater.tsv", columns=7, required=(0, 1)):
        district = f[3].removesuffix(" District").strip()
        if district:
            seen.setdefault((ascii_name(f[0]).casefold(), f[1]), set()).add(district)
    return {key: next(iter(names)) for key, names in seen.items() if len(names) == 1}


def admin2_of(place: Place | None) -> str | None:
    """The district (ACLED admin2, UCDP adm_2) of a town or district, where GeoNames knows it.

    >>> admin2_of(Place("Chaman", "PK", "Balochistan", precision="locality"))
    'Qila Abdullah'
    """
    if place is None or not place.country:
        return None
    if place.precision == "district":
        return place.name
    if place.precision in ("point", "locality"):
        return geonames_districts().get((place.name.casefold(), place.country))
    return None
