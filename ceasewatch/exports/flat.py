"""ceasewatch's own event table (csv, jsonl, parquet) and GeoJSON features.

The flat row is ``events --json``'s shape with lists joined, CAMEO kept a string, the PLOVER
mode and context, ``admin2`` and ``updated_at``. GeoJSON gives an event a point only where
the place is one: a border-wide or country-level event has ``"geometry": null``, never the
made-up centre point that fusion uses to compare places.
"""

from __future__ import annotations

from typing import Any

from ceasewatch.export import event_dict
from ceasewatch.exports.codes import admin2_of
from ceasewatch.exports.items import ExportItem, joined

AREA_WIDE = ("border", "country")


def event_row(item: ExportItem) -> dict[str, Any]:
    e, ctx = item.event, item.context
    d = event_dict(e)
    plover = item.plover
    return {
        "id": e.id, "event_date": d["event_date"], "event_end": d["event_end"],
        "date_precision": e.date_precision, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type, "native_type": e.native_type, "what": d["what"],
        "cameo": item.cameo, "plover": plover.plover if plover else e.plover,
        "plover_mode": (plover.mode or None) if plover else None,
        "plover_context": joined(plover.context) if plover else None,
        "actor1": d["actor1"], "actor1_side": e.actor1.side if e.actor1 else None,
        "actor2": d["actor2"], "actor2_side": e.actor2.side if e.actor2 else None,
        "location": d["location"], "country": d["country"], "admin1": d["admin1"],
        "admin2": admin2_of(e.place), "latitude": d["latitude"], "longitude": d["longitude"],
        "geo_precision": d["geo_precision"],
        "fatalities_low": e.fatalities.low, "fatalities": e.fatalities.best,
        "fatalities_high": e.fatalities.high, "injuries_low": e.injuries.low,
        "injuries": e.injuries.best, "injuries_high": e.injuries.high,
        "sources": joined(e.sources), "independent_sources": e.independent_sources,
        "disputed_fields": joined(e.disputed_fields),
        "initiator_disputed": e.initiator_disputed,
        "violates_ceasefire": ctx.violates_ceasefire,
        "updated_at": ctx.updated_at.isoformat() if ctx.updated_at else None,
    }


def geojson_feature(item: ExportItem) -> dict[str, Any]:
    props = event_row(item)
    place = item.event.place
    point = (place is not None and place.latitude is not None and place.longitude is not None
             and place.precision not in AREA_WIDE)
    geometry = ({"type": "Point", "coordinates": [place.longitude, place.latitude]}
                if point and place else None)
    if not point:  # the coordinates of an area-wide place are not where it happened
        props["latitude"] = props["longitude"] = None
    return {"type": "Feature", "id": item.event.id, "geometry": geometry, "properties": props}
