"""The credits of the third-party data ceasewatch ships, where users see the data.

GeoNames is CC-BY 4.0: every place name and coordinate ceasewatch shows or exports comes
from it, so the credit travels with the data (web footer, sitrep, datapackage.json, GeoJSON),
not only in the header of ``data/geo/geonames_theater.tsv``. The list is data
(``data/credits.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

from ceasewatch.errors import CeasewatchError


@dataclass(frozen=True, slots=True)
class Credit:
    name: str
    title: str
    licence: str
    licence_url: str
    url: str
    used_for: str


@lru_cache(maxsize=1)
def data_credits() -> tuple[Credit, ...]:
    path = files("ceasewatch") / "data" / "credits.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for n, entry in enumerate(entries, 1):
        try:
            out.append(Credit(**entry))
        except TypeError as exc:
            raise CeasewatchError(f"data/credits.yaml: entry {n}: {exc}") from exc
    return tuple(out)


def credit_line() -> str:
    """One line for a footer or a file header.

    >>> credit_line().split("; ")[0]
    'GeoNames (CC-BY-4.0, https://www.geonames.org/): place names, provinces and coordinates'
    """
    return "; ".join(f"{c.name} ({c.licence}, {c.url}): {c.used_for.split(' (')[0]}"
                     for c in data_credits())
