"""PLOVER records: category, mode and context from PLOVER's own CAMEO table.

A ceasefire violation is CAMEO 196 and PLOVER ASSAULT with the contexts PLOVER gives 196;
the actor is the source of the action and the recipient its target, as in PLOVER's JSON.
"""

from __future__ import annotations

from typing import Any

from ceasewatch.exports.codes import country_codes
from ceasewatch.exports.items import ExportItem, joined
from ceasewatch.records import Actor


def _iso3(iso2: str | None) -> str | None:
    codes = country_codes().get(iso2 or "")
    return codes.iso3 if codes else None


def _name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


def plover_record(item: ExportItem) -> dict[str, Any] | None:
    e = item.event
    code = item.plover
    if code is None:  # no CAMEO code, so no PLOVER reading: not guessed
        return None
    place = e.place
    return {
        "id": e.id, "date": e.event_date.isoformat() if e.event_date else None,
        "date_precision": e.date_precision, "event": code.plover, "mode": code.mode or None,
        "context": joined(code.context), "cameo": item.cameo,
        "actor": _name(e.actor1), "actor_country": _iso3(e.actor1.country if e.actor1 else None),
        "recipient": _name(e.actor2),
        "recipient_country": _iso3(e.actor2.country if e.actor2 else None),
        "dead": e.fatalities.best if e.fatalities.best is not None else e.fatalities.low,
        "injured": e.injuries.best if e.injuries.best is not None else e.injuries.low,
        "location": place.name if place else None,
        "country": _iso3(place.country if place else None),
        "admin1": place.admin1 if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "sources": joined(e.sources), "violates_ceasefire": item.context.violates_ceasefire,
    }
