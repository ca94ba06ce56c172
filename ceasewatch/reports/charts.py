"""Static images for the PDF sitrep, drawn with matplotlib (no JavaScript runs in a PDF).

The HTML sitrep draws its map and charts in the browser with Leaflet and Chart.js; a PDF gets
the same content as PNG images: a map of Natural Earth country shapes (the vendored
world-atlas data) with the period's incidents, the daily timeline, and the weekly casualty
band. Each image is returned as a ``data:`` URI so the PDF template stays self-contained.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from ceasewatch.reports.assets import countries_topology, topology_rings

#: the same colours per ACLED event type as the browser charts (static/cwcharts.js)
TYPE_COLOURS = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22",
                "Violence against civilians": "#8e44ad", "Protests": "#16a085",
                "Riots": "#d35400", "Strategic developments": "#2c6fbb"}


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display, no GUI toolkit
    import matplotlib.pyplot as plt

    return plt


def _data_uri(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    _pyplot().close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def map_extent(points: list[dict[str, Any]], view: list[float] | None
               ) -> tuple[float, float, float, float]:
    """The theater's view, widened to take in every incident, with a margin."""
    lons = [p["longitude"] for p in points]
    lats = [p["latitude"] for p in points]
    if view:
        lons += [view[0], view[2]]
        lats += [view[1], view[3]]
    if not lons:
        return (-180.0, -60.0, 180.0, 85.0)
    pad_x = max(2.0, (max(lons) - min(lons)) * 0.08)
    pad_y = max(2.0, (max(lats) - min(lats)) * 0.08)
    return (min(lons) - pad_x, min(lats) - pad_y, max(lons) + pad_x, max(lats) + pad_y)


def map_image(points: list[dict[str, Any]], view: list[float] | None = None) -> str:
    plt = _pyplot()
    from matplotlib.collections import PolyCollection

    min_lon, min_lat, max_lon, max_lat = map_extent(points, view)
    fig, ax = plt.subplots(figsize=(7.0, 4.6))
    polys = [r for _, rings in topology_rings(countries_topology()) for r in rings if len(r) > 2]
    ax.add_collection(PolyCollection(polys, facecolors="#eef0eb", edgecolors="#7a7f86",
                                     linewidths=0.5))
    for p in points:
        colour = "#c0392b" if p.get("kinetic") else "#2c6fbb"
        ax.scatter(p["longitude"], p["latitude"], s=40, c=colour, edgecolors="white",
                   linewidths=0.8, zorder=3)
    labelled: set[str] = set()
    for p in points:
        if p["where"] and p["where"] not in labelled:
            labelled.add(p["where"])
            ax.annotate(p["location"] or p["where"], (p["longitude"], p["latitude"]),
                        xytext=(4, 4), textcoords="offset points", fontsize=7, zorder=4)
    ax.set_xlim(min_lon, max_lon)
    ax.set_ylim(min_lat, max_lat)
    mid = (min_lat + max_lat) / 2
    import math

    ax.set_aspect(1 / max(0.2, math.cos(math.radians(mid))))  # equirectangular, true at mid
    ax.set_facecolor("#d8e6f2")
    ax.tick_params(labelsize=7)
    ax.set_xlabel("longitude", fontsize=7)
    ax.set_ylabel("latitude", fontsize=7)
    ax.set_title("Incidents with coordinates (red: violent, blue: other)", fontsize=8)
    return _data_uri(fig)


def timeline_image(timeline: dict[str, Any]) -> str:
    plt = _pyplot()
    days = [d[5:] for d in timeline["days"]]
    fig, ax = plt.subplots(figsize=(7.0, 2.4))
    bottom = [0] * len(days)
    for series in timeline["series"]:
        ax.bar(days, series["counts"], bottom=bottom, label=series["type"],
               color=TYPE_COLOURS.get(series["type"], "#7f8c8d"))
        bottom = [b + c for b, c in zip(bottom, series["counts"], strict=True)]
    ax.set_ylabel("events", fontsize=7)
    ax.tick_params(labelsize=7)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if timeline["series"]:
        ax.legend(fontsize=6, loc="upper left")
    ax.set_title("Events per day in the period", fontsize=8)
    return _data_uri(fig)


def casualties_image(trend: list[dict[str, Any]]) -> str:
    plt = _pyplot()
    labels = [w["end"][5:] for w in trend]
    fig, ax = plt.subplots(figsize=(7.0, 2.4))
    x = list(range(len(trend)))
    ax.fill_between(x, [w["fatalities_low"] for w in trend],
                    [w["fatalities_high"] for w in trend], color="#e8a09a", alpha=0.5,
                    label="low–high band")
    ax.plot(x, [w["fatalities"] for w in trend], color="#c0392b", marker="o", markersize=3,
            label="reported (best, else low)")
    ax.set_xticks(x, labels)
    ax.tick_params(labelsize=7)
    ax.set_ylabel("deaths", fontsize=7)
    ax.set_xlabel("week ending", fontsize=7)
    ax.legend(fontsize=6, loc="upper left")
    ax.set_title("Reported fatalities per week (events dated to the day or week)", fontsize=8)
    return _data_uri(fig)
