"""ACLED-shaped rows: ACLED's column names, codes and conventions (Codebook 2023/2024).

ACLED codes the most conservative fatality figure reported, 0 when none is; an event's
disputes go in ``notes`` (ACLED writes contested tolls and claims there too); an event happens
in one country, named and coded with ISO 3166-1 numeric. Only events of ACLED's six types are
ACLED rows: talks held and visits outside its scope are left out.
"""

from __future__ import annotations

from typing import Any

from ceasewatch.exports.codes import (
    ACLED_DISORDER,
    ACLED_GEO_PRECISION,
    ACLED_TIME_PRECISION,
    CIVILIANS,
    actor_type,
    admin2_of,
    country_codes,
    country_names,
    interaction,
)
from ceasewatch.exports.items import ExportItem, dispute_notes, joined


def conservative_fatalities(low: int | None, best: int | None, high: int | None) -> int:
    """ACLED's figure: the lowest reported ("dozens" -> its low), 0 when no figure is."""
    known = [x for x in (low, best, high) if x is not None]
    return min(known) if known else 0


def acled_row(item: ExportItem) -> dict[str, Any] | None:
    e, ctx = item.event, item.context
    if e.event_type not in ACLED_DISORDER or e.event_date is None:
        return None
    place = e.place
    country = place.country if place else None
    codes = country_codes().get(country or "")
    inter1, inter2 = actor_type(e.actor1, country), actor_type(e.actor2, country)
    outlets = [d.outlet or d.name for d in ctx.documents] or list(e.sources)
    what = f"{e.sub_event_type or e.event_type}"
    where = ", ".join(x for x in (place.name if place else None, country_names().get(
        country or "")) if x)
    summary = f"On {e.event_date.isoformat()}, {what.lower()}" + (f" in {where}." if where
                                                                   else ".")
    if ctx.violates_ceasefire:
        summary += " Alleged violation of a ceasefire (accords ledger)."
    civilian = (inter2 == CIVILIANS or e.event_type == "Violence against civilians")
    return {
        "event_id_cnty": f"{codes.iso3 if codes else 'XXX'}{e.id}",
        "event_date": e.event_date.isoformat(), "year": e.event_date.year,
        "time_precision": ACLED_TIME_PRECISION.get(e.date_precision or "day", 1),
        "disorder_type": ACLED_DISORDER[e.event_type],
        "event_type": e.event_type, "sub_event_type": e.sub_event_type or e.event_type,
        "actor1": e.actor1.name if e.actor1 else None, "assoc_actor_1": None,
        "inter1": inter1, "actor2": e.actor2.name if e.actor2 else None,
        "assoc_actor_2": None, "inter2": inter2, "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": codes.iso_numeric if codes else None,
        "region": codes.acled_region if codes else None,
        "country": country_names().get(country or "") if country else None,
        "admin1": place.admin1 if place else None, "admin2": admin2_of(place),
        "admin3": None,
        "location": place.name if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geo_precision": ACLED_GEO_PRECISION.get(place.precision or "", 3) if place else 3,
        "source": joined(outlets), "source_scale": None,
        "notes": " ".join(x for x in (summary, dispute_notes(ctx.disputes)) if x),
        "fatalities": conservative_fatalities(e.fatalities.low, e.fatalities.best,
                                              e.fatalities.high),
        "tags": "ceasefire violation" if ctx.violates_ceasefire else None,
        "timestamp": int(ctx.updated_at.timestamp()) if ctx.updated_at else 0,
    }
