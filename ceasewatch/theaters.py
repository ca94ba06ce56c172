"""Where theater packs live: ``ceasewatch/data/theaters/<name>/``, one folder per theater.

A pack is data only — ``theater.yaml`` (name, countries, map view), ``actors.yaml`` and
``actor_aliases.<lang>.tsv``, ``places.tsv`` and ``place_aliases.<lang>.tsv``,
``borders.yaml``, ``armed_groups.yaml``, ``claimants.yaml`` and ``accords/`` — so a new
theater is a new folder, never new code. Every loader finds packs through this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from ceasewatch.errors import CeasewatchError

THEATERS_DIR = Path(__file__).resolve().parent / "data" / "theaters"


def theaters_root() -> Traversable:
    """``ceasewatch/data/theaters`` as installed."""
    return resources.files("ceasewatch").joinpath("data", "theaters")


def pack_names(having: str | None = None) -> list[str]:
    """Names of the installed packs, sorted; only those holding the file ``having`` if given."""
    root = theaters_root()
    return sorted(e.name for e in root.iterdir()
                  if e.is_dir() and (having is None or e.joinpath(having).is_file()))


@dataclass(frozen=True, slots=True)
class Pack:
    """What ``theater list`` and ``theater show`` tell of one pack."""

    key: str
    name: str
    countries: tuple[str, ...]
    files: tuple[str, ...]  # relative to the pack folder


def read_pack(key: str, root: Path = THEATERS_DIR) -> Pack:
    """A pack's ``theater.yaml`` and file list; an unknown name lists the known ones."""
    folder = root / key
    path = folder / "theater.yaml"
    if not path.is_file():
        known = ", ".join(sorted(e.name for e in root.iterdir() if e.is_dir())) or "none"
        raise CeasewatchError(f"unknown theater {key!r} (known: {known})", field="theater")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CeasewatchError(f"invalid YAML: {exc}", origin=str(path)) from exc
    countries = data.get("countries") if isinstance(data, dict) else None
    if not isinstance(countries, list) or not all(isinstance(c, str) for c in countries):
        raise CeasewatchError("countries must be a list of ISO codes", origin=str(path),
                              field="countries")
    files = tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))
    return Pack(key, str(data.get("name") or key), tuple(c.upper() for c in countries), files)


def theater_of(countries: Sequence[str], root: Path = THEATERS_DIR) -> str | None:
    """The pack a report belongs to, from the countries it is about (most mentioned first):
    the pack holding most of its first two countries, ties to the earlier-mentioned country;
    None when no pack holds any of them (world geography and generic actors still apply)."""
    top = [c.upper() for c in countries[:2]]
    best: tuple[int, int, str] | None = None
    for key in sorted(e.name for e in root.iterdir() if (e / "theater.yaml").is_file()):
        held = set(read_pack(key, root).countries)
        score = sum(c in held for c in top)
        if score == 0:
            continue
        first = min(i for i, c in enumerate(top) if c in held)
        candidate = (-score, first, key)
        if best is None or candidate < best:
            best = candidate
    return best[2] if best else None


_KEY = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


def generic_actors(iso: str, country: str,
                   adjectives: Sequence[str] = ()) -> list[dict[str, object]]:
    """The ACLED-style actors every party country has: its forces, government, civilians
    ("Thai troops" when ``adjectives`` gives "Thai", else "Thailand's troops")."""
    own = [f"{country}'s", *(a for a in adjectives if not a.endswith("s") or a.endswith("'s"))]
    return [
        {"name": f"Military Forces of {country}", "kind": "state_forces", "country": iso,
         "side": iso, "aliases": [f"military of {country}", f"armed forces of {country}"],
         "compose": [{"prefixes": own,
                      "heads": ["troops", "forces", "military", "army", "soldiers",
                                "armed forces", "security forces", "air force", "jets",
                                "warplanes", "drones", "artillery"]}]},
        {"name": f"Government of {country}", "kind": "government", "country": iso,
         "side": iso, "aliases": [f"government of {country}"],
         "compose": [{"prefixes": own,
                      "heads": ["government", "officials", "foreign ministry",
                                "defence ministry", "defense ministry", "prime minister",
                                "president", "authorities"]}]},
        {"name": f"Civilians ({country})", "kind": "civilians", "country": iso,
         "aliases": [f"civilians in {country}"],
         "compose": [{"prefixes": own, "heads": ["civilians", "residents", "villagers"]}]},
    ]


def scaffold_pack(key: str, countries: Sequence[str], *, name: str | None = None,
                  root: Path = THEATERS_DIR,
                  country_names: dict[str, str] | None = None) -> Path:
    """Write a new pack: ``theater.yaml``, generic actors for each country, an empty
    ``places.tsv`` to fill; refuses an existing pack or an unknown country code."""
    if not _KEY.match(key):
        raise CeasewatchError(f"theater name {key!r}: lower-case letters, digits and _ only",
                              field="name")
    folder = root / key
    if folder.exists():
        raise CeasewatchError(f"{folder} already exists", field="name")
    names = country_names if country_names is not None else _country_names()
    codes = [c.upper() for c in countries]
    unknown = [c for c in codes if c not in names]
    if not codes or unknown:
        raise CeasewatchError(f"unknown country code(s): {', '.join(unknown) or 'none given'}",
                              field="countries")
    folder.mkdir(parents=True)
    (folder / "accords").mkdir()
    title = name or "–".join(names[c] for c in codes)
    (folder / "theater.yaml").write_text(
        "# Theater definition (fields as every pack's theater.yaml), scaffolded by\n"
        "# `ceasewatch theater new`; add a map view [min_lon, min_lat, max_lon, max_lat].\n"
        + yaml.safe_dump({"name": title, "countries": codes}, allow_unicode=True,
                         sort_keys=False), encoding="utf-8")
    actors = [a for c in codes for a in generic_actors(c, names[c])]
    (folder / "actors.yaml").write_text(
        "# Actors of the theater (fields as every pack's actors.yaml): the generic\n"
        "# forces, government and civilians of each country; add armed groups and aliases.\n"
        + yaml.safe_dump({"actors": actors}, allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    (folder / "places.tsv").write_text(
        "# Curated places the world gazetteer lacks (columns as every pack's places.tsv):\n"
        "# name, aliases, kind, admin1, country, lat, lon, precision, source note.\n",
        encoding="utf-8")
    return folder


def _country_names() -> dict[str, str]:
    from ceasewatch.nlp.gazetteer import GEO_DIR, read_countries

    names: dict[str, str] = {}
    for table in ("world_countries.tsv", "countries.tsv"):  # curated names win
        if (GEO_DIR / table).is_file():
            for entry, _ in read_countries(GEO_DIR / table).rows:
                names[entry.place.country or ""] = entry.place.name
    return names
