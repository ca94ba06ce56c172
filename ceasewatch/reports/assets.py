"""The vendored front-end libraries and map data, located once for the web app and the sitrep.

They come from the npm registry (see ``ceasewatch/web/static/vendor/VENDORED.txt`` for versions
and licences) and ship inside the package, so nothing is ever fetched from a CDN: the web app
serves them as static files and the sitrep inlines them into one self-contained HTML file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

VENDOR = ("static", "vendor")
COUNTRIES = "world-atlas/countries-50m.json"


def static_root() -> Traversable:
    return resources.files("ceasewatch.web") / "static"


def vendor_file(relative: str) -> Traversable:
    return static_root().joinpath("vendor", *relative.split("/"))


@lru_cache(maxsize=16)
def vendor_text(relative: str) -> str:
    """A vendored file's text, with its source-map comment dropped (the map is not shipped)."""
    text = vendor_file(relative).read_text(encoding="utf-8")
    lines = text.rstrip().splitlines()
    if lines and lines[-1].startswith("//# sourceMappingURL="):
        lines = lines[:-1]
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=16)
def static_text(relative: str) -> str:
    return static_root().joinpath(*relative.split("/")).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def countries_topology() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(vendor_text(COUNTRIES))
    return data


def topology_rings(topology: dict[str, Any], obj: str = "countries"
                   ) -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """Decode a quantized TopoJSON object into (name, rings of (lon, lat)) per feature.

    Used to draw the static PDF map with matplotlib; the browser uses topojson-client for the
    same data. Follows the TopoJSON spec: delta-encoded quantized arcs, negative arc indexes
    are reversed arcs (``~i``), each arc's first point repeats the previous arc's last point.
    """
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        x = y = 0.0
        points = []
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(pts if not out else pts[1:])
        return out

    features = []
    for geom in topology["objects"][obj]["geometries"]:
        name = str((geom.get("properties") or {}).get("name", ""))
        if geom["type"] == "Polygon":
            features.append((name, [ring(r) for r in geom["arcs"]]))
        elif geom["type"] == "MultiPolygon":
            features.append((name, [ring(r) for poly in geom["arcs"] for r in poly]))
    return features
