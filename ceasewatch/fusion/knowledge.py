"""The data the fusion rules read: type compatibility, outlets, borders (``ceasewatch/data``).

Knowledge lives in YAML files with their provenance, not in if-branches: a new theater adds a
``data/theaters/<theater>/borders.yaml``; a new wire service is one line in ``data/fusion.yaml``.
Loaded once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ceasewatch.errors import CeasewatchError
from ceasewatch.placenames import norm_name as norm_name  # fusion's modules read it here

DATA_PACKAGE = "ceasewatch"


@dataclass(frozen=True, slots=True)
class Border:
    """A border as a place: the countries it separates and the admin1 units lying on it."""

    name: str
    countries: frozenset[str]
    admin1: frozenset[tuple[str, str]]  # (country, normalised admin1)

    def touches(self, country: str | None, admin1: str | None) -> bool:
        """Whether a place in ``country``/``admin1`` can lie on this border."""
        if country is not None and country not in self.countries:
            return False
        if admin1 is None:
            return True
        key = norm_name(admin1)
        if country is None:
            return any(a == key for _, a in self.admin1)
        return (country, key) in self.admin1


@dataclass(frozen=True, slots=True)
class FusionKnowledge:
    type_pairs: frozenset[frozenset[str]]
    episodic_types: frozenset[str]
    fact_attributes: frozenset[str]
    singular_types: frozenset[str]
    same_site_km: float
    same_area_km: float
    outlet_patterns: tuple[tuple[re.Pattern[str], str], ...]
    borders: dict[str, Border]  # by normalised name or alias
    week_half_width: int = 7
    episodic_week_half_width: int = 7
    side_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    border_words: tuple[str, ...] = ()
    initiation_words: tuple[str, ...] = ()
    response_words: tuple[str, ...] = ()

    def week_days(self, *native_types: str) -> int:
        """How far a week-precision date reaches: less when violence is being compared."""
        if any(t in self.episodic_types for t in native_types):
            return self.episodic_week_half_width
        return self.week_half_width

    def types_compatible(self, a: str, b: str) -> bool:
        return a == b or frozenset((a, b)) in self.type_pairs

    def compatible_types(self, native_type: str) -> set[str]:
        out = {native_type}
        for pair in self.type_pairs:
            if native_type in pair:
                out |= pair
        return out

    def facts(self, attributes: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
        """The attributes that are facts about the event (round number), not bookkeeping."""
        return [(key, value) for key, value in attributes if key in self.fact_attributes]

    def border(self, name: str | None) -> Border | None:
        return self.borders.get(norm_name(name)) if name else None

    def outlet_of(self, text: str | None) -> str | None:
        """The canonical outlet a claimant or outlet string names: "according to the BBC"."""
        if not text:
            return None
        for pattern, canonical in self.outlet_patterns:
            if pattern.search(text):
                return canonical
        return None


def _read_yaml(*parts: str) -> Any:
    entry = resources.files(DATA_PACKAGE).joinpath("data", *parts)
    origin = "ceasewatch/data/" + "/".join(parts)
    try:
        return yaml.safe_load(entry.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CeasewatchError(f"malformed fusion data: {exc}", origin=origin) from exc


def _border_files() -> list[tuple[str, ...]]:
    from ceasewatch.theaters import pack_names

    return [("theaters", name, "borders.yaml") for name in pack_names("borders.yaml")]


@lru_cache(maxsize=1)
def knowledge() -> FusionKnowledge:
    data = _read_yaml("fusion.yaml") or {}
    try:
        pairs = frozenset(frozenset(p) for p in data.get("compatible_types", []))
        patterns = []
        for canonical, aliases in (data.get("outlets") or {}).items():
            for alias in sorted(set(aliases) | {canonical}, key=len, reverse=True):
                rx = re.compile(r"(?<![\w])" + re.escape(alias) + r"(?![\w])",
                                0 if alias.isupper() else re.IGNORECASE)
                patterns.append((rx, str(canonical)))
        borders: dict[str, Border] = {}
        for parts in _border_files():
            for name, spec in ((_read_yaml(*parts) or {}).get("borders") or {}).items():
                border = Border(
                    name=name, countries=frozenset(spec["countries"]),
                    admin1=frozenset((c, norm_name(a)) for c, units in spec["admin1"].items()
                                     for a in units))
                for alias in [name, *spec.get("aliases", [])]:
                    borders[norm_name(alias)] = border
        return FusionKnowledge(
            type_pairs=pairs, episodic_types=frozenset(data.get("episodic_types", [])),
            fact_attributes=frozenset(data.get("fact_attributes", [])),
            singular_types=frozenset(data.get("singular_types", [])),
            same_site_km=float(data.get("same_site_km", 30)),
            same_area_km=float(data.get("same_area_km", 80)),
            outlet_patterns=tuple(patterns), borders=borders,
            week_half_width=int((data.get("week_half_width") or {}).get("default", 7)),
            episodic_week_half_width=int((data.get("week_half_width") or {}).get(
                "episodic", 7)),
            side_words={str(side): tuple(str(w) for w in words)
                        for side, words in (data.get("side_words") or {}).items()},
            border_words=tuple(str(w) for w in data.get("border_words") or ()),
            initiation_words=tuple(str(w) for w in data.get("initiation_words") or ()),
            response_words=tuple(str(w) for w in data.get("response_words") or ()))
    except (KeyError, TypeError, AttributeError) as exc:
        raise CeasewatchError(f"malformed fusion data: missing or wrong entry {exc}",
                              origin="ceasewatch/data/fusion.yaml") from exc
