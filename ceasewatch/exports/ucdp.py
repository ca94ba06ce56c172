"""UCDP GED-shaped rows: the Georeferenced Event Dataset's columns and codes (codebook 24.1).

GED holds organised violence only, so only events of ACLED's three violent types become rows.
Side A is a government where one takes part (GED's convention). Deaths are split by side
(``deaths_a``, ``deaths_b``, ``deaths_civilians``, ``deaths_unknown``) where a report says
whose dead its figures count ("two Israeli soldiers and 12 Lebanese fighters were killed",
``fusion.claims.deaths_by_side``); the rest of the toll is ``deaths_unknown``, and the parts
sum to ``best``. ``best``/``low``/``high`` are fusion's UCDP-style estimates, completed so
that low <= best <= high, as GED requires.
"""

from __future__ import annotations

from typing import Any

from ceasewatch.exports.codes import (
    UCDP_WHERE_PREC,
    VIOLENT_TYPES,
    admin2_of,
    country_codes,
    country_names,
    ucdp_date_prec,
)
from ceasewatch.exports.items import ExportItem, joined
from ceasewatch.fusion.claims import deaths_by_side, side_key
from ceasewatch.records import Actor, Casualties

STATE = ("state_forces", "government")


def _is_state(actor: Actor | None) -> bool:
    return actor is not None and actor.kind in STATE


def type_of_violence(a: Actor | None, b: Actor | None, sub_event_type: str | None) -> int:
    """1 state-based (a government takes part), 2 non-state, 3 one-sided (civilians)."""
    if (b is not None and b.kind == "civilians") or sub_event_type == "Attack":
        return 3
    return 1 if _is_state(a) or _is_state(b) else 2


def deaths(low: int | None, best: int | None, high: int | None) -> tuple[int, int, int]:
    """(low, best, high), each filled from the others; no figure at all is 0, 0, 0."""
    b = best if best is not None else low if low is not None else high or 0
    lo = low if low is not None else b
    hi = high if high is not None else max(b, lo)
    return min(lo, b), b, max(hi, b)


def ucdp_row(item: ExportItem) -> dict[str, Any] | None:
    e, ctx = item.event, item.context
    if e.event_type not in VIOLENT_TYPES or e.event_date is None:
        return None
    side_a, side_b = e.actor1, e.actor2
    if _is_state(side_b) and not _is_state(side_a):  # GED: side A is the government
        side_a, side_b = side_b, side_a
    place = e.place
    country = place.country if place else None
    codes = country_codes().get(country or "")
    gw = {c.iso2: c.gw for c in country_codes().values()}
    low, best, high = deaths(e.fatalities.low, e.fatalities.best, e.fatalities.high)
    split = deaths_by_side(Casualties(best=best), ctx.fatality_splits, side_key(side_a),
                           side_key(side_b))
    names = [a.name for a in (side_a, side_b) if a]
    where_prec = (UCDP_WHERE_PREC.get(place.precision or "", 6) if place
                  else None)
    point = place is not None and place.latitude is not None and place.longitude is not None
    end = e.event_end or e.event_date
    return {
        "id": e.id, "relid": f"ceasewatch-{e.id}", "year": e.event_date.year,
        "type_of_violence": type_of_violence(side_a, side_b, e.sub_event_type),
        "conflict_name": None, "dyad_name": " - ".join(names) or None,
        "side_a": side_a.name if side_a else None, "side_b": side_b.name if side_b else None,
        "gwnoa": gw.get(side_a.country or "") if _is_state(side_a) and side_a else None,
        "gwnob": gw.get(side_b.country or "") if _is_state(side_b) and side_b else None,
        "number_of_sources": len(ctx.documents) or len(e.sources),
        "source_article": joined(f"{d.outlet or d.name}, \"{d.title or d.name}\", "
                                 f"{d.published.isoformat() if d.published else 'undated'}"
                                 for d in ctx.documents),
        "source_office": joined(d.outlet for d in ctx.documents),
        "source_date": joined(d.published.isoformat() for d in ctx.documents if d.published),
        "source_headline": joined(d.title for d in ctx.documents),
        "where_prec": where_prec,
        "where_coordinates": place.name if place else None,
        "where_description": ", ".join(x for x in (place.name if place else None,
                                                   place.admin1 if place else None) if x)
        or None,
        "adm_1": place.admin1 if place else None, "adm_2": admin2_of(place),
        "latitude": place.latitude if point and place else None,
        "longitude": place.longitude if point and place else None,
        "geom_wkt": f"POINT ({place.longitude} {place.latitude})" if point and place else None,
        "country": country_names().get(country or "") if country else None,
        "country_id": codes.gw if codes else None,
        "region": codes.ucdp_region if codes else None,
        "event_clarity": 2 if e.date_precision in ("month", "year") else 1,
        "date_prec": ucdp_date_prec(e.date_precision, e.event_date, e.event_end),
        "date_start": e.event_date.isoformat(), "date_end": end.isoformat(),
        "deaths_a": split["side_a"], "deaths_b": split["side_b"],
        "deaths_civilians": split["civilians"], "deaths_unknown": split["unknown"],
        "best": best, "high": high, "low": low,
    }
