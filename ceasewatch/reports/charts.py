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


#: matplotlib's marker per event type, the shapes of the browser map (static/cwcharts.js)
TYPE_MARKERS = {"Battles": "o", "Explosions/Remote violence": "^",
                "Violence against civilians": "s", "Protests": "P", "Riots": "*",
                "Strategic developments": "D"}


def map_extent(points: list[dict[str, Any]], view: list[float] | None
               ) -> tuple[float, float, float, float]:
    """The map's frame: the model's view (the period's events without outliers, or the
    theater's), else the incidents themselves, with a margin; the world when there is none."""
    if view:
        min_lon, min_lat, max_lon, max_lat = view
    elif points:
        lons = [p["longitude"] for p in points]
        lats = [p["latitude"] for p in points]
        min_lon, min_lat, max_lon, max_lat = min(lons), min(lats), max(lons), max(lats)
    else:
        return (-180.0, -60.0, 180.0, 85.0)
    # at least 10 x 6 degrees: a place is shown among its neighbours, not alone on a page
    pad_x = max(1.0, (max_lon - min_lon) * 0.08, (10.0 - (max_lon - min_lon)) / 2)
    pad_y = max(1.0, (max_lat - min_lat) * 0.08, (6.0 - (max_lat - min_lat)) / 2)
    return (min_lon - pad_x, min_lat - pad_y, max_lon + pad_x, max_lat + pad_y)


def map_image(points: list[dict[str, Any]], view: list[float] | None = None) -> str:
    """A real map, not a chart: country shapes, province lines and names, a symbol and colour
    per event type with a legend, each place named once, a scale note instead of axes."""
    import math

    plt = _pyplot()
    from matplotlib.collections import LineCollection, PolyCollection
    from matplotlib.lines import Line2D

    from ceasewatch.reports.admin1 import admin1_geojson, label_point, rings

    min_lon, min_lat, max_lon, max_lat = map_extent(points, view)
    fig, ax = plt.subplots(figsize=(7.0, 4.8))
    polys = [r for _, rings_ in topology_rings(countries_topology()) for r in rings_
             if len(r) > 2]
    ax.add_collection(PolyCollection(polys, facecolors="#eef0eb", edgecolors="#7a7f86",
                                     linewidths=0.6, zorder=1))
    provinces = rings(admin1_geojson())
    ax.add_collection(LineCollection([r for _, r in provinces], colors="#9aa0a6",
                                     linewidths=0.4, linestyles=(0, (3, 2)), zorder=2))
    span = max_lon - min_lon
    if span <= 20:  # province names only where they can be read
        named: set[str] = set()
        for name, ring in provinces:
            x, y = label_point(ring)
            if name not in named and min_lon < x < max_lon and min_lat < y < max_lat:
                named.add(name)
                ax.text(x, y, name, fontsize=5, color="#8a9099", style="italic",
                        ha="center", va="center", zorder=2)
    shown: dict[str, str] = {}
    for p in points:
        kind = p.get("event_type") or "Other"
        shown[kind] = TYPE_MARKERS.get(kind, "X")
        band = p.get("fatality_band") or [0, 0, 0]
        ax.scatter(p["longitude"], p["latitude"], s=36 + min(160, 6 * (band[2] or 0)),
                   c=TYPE_COLOURS.get(kind, "#7f8c8d"), marker=shown[kind],
                   edgecolors="white", linewidths=0.8, zorder=4)
    labelled: set[str] = set()
    for p in points:
        name = p["location"] or p["where"]
        inside = min_lon <= p["longitude"] <= max_lon and min_lat <= p["latitude"] <= max_lat
        if name and name not in labelled and inside:
            labelled.add(name)
            ax.annotate(name, (p["longitude"], p["latitude"]), xytext=(5, 3),
                        textcoords="offset points", fontsize=7, zorder=5,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                              "alpha": 0.75})
    outside = sorted({p["location"] or p["where"] for p in points
                      if not (min_lon <= p["longitude"] <= max_lon
                              and min_lat <= p["latitude"] <= max_lat)} - {None, ""})
    ax.set_xlim(min_lon, max_lon)
    ax.set_ylim(min_lat, max_lat)
    mid = (min_lat + max_lat) / 2
    ax.set_aspect(1 / max(0.2, math.cos(math.radians(mid))))  # equirectangular, true at mid
    ax.set_facecolor("#d8e6f2")
    ax.set_xticks([])
    ax.set_yticks([])
    km = round(111.32 * math.cos(math.radians(mid)) * span / 4, -1)
    note = f"a quarter of the width ≈ {km:.0f} km"
    if outside:
        note += "; outside the frame: " + ", ".join(outside)
    ax.text(0.01, 0.01, note, transform=ax.transAxes, fontsize=6, color="#444", zorder=6)
    if shown:
        handles = [Line2D([], [], marker=m, linestyle="", markersize=6,
                          markerfacecolor=TYPE_COLOURS.get(k, "#7f8c8d"),
                          markeredgecolor="white", label=k) for k, m in sorted(shown.items())]
        ax.legend(handles=handles, loc="upper right", fontsize=6, framealpha=0.9)
    ax.set_title("Incidents of the period (symbol and colour by event type)", fontsize=8)
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
