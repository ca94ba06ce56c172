"""Blocking: the few stored events a new report could belong to, read through an index.

Fusion must not compare a report with every event in the store. A report can only match an
event of a compatible type whose date span overlaps its own, so the candidates are read with
index range scans over ``(native_type, date_precision, country, event_date)``:

- one query per date precision of the stored events: the window is the report's date span
  widened by how far such an event's span reaches around its stored date (2 days for a
  day-precise event, a week's for a week, 31 days for a month-precision one stored mid-month),
  so that day-precise events, the great majority, are read from a narrow window;
- a report placed in a country reads only events of that country and events without one
  (border-wide or unplaced reports); a border-wide report reads the border's countries.

Year-precision events are few and wide; they are read by a separate query on the report's
year. The cost of finding candidates thus depends on how busy the window is, not on how
many events the store holds (``bench/bench_fusion.py`` measures it).

A report at a named site with coordinates reads the places of the window first and decodes
only the events that are not ``too_far``. On PostgreSQL with PostGIS the database drops the
far ones itself (``Near``: within the radius, with a small safety margin, or without
coordinates, or coarser than a district, or at a site of the same ``place_key``), and the
exact ``too_far`` check still runs on what comes back, so the candidates, and every fusion
decision, are those of SQLite. What is not read cannot be named: the fusion log then says
"kept apart from any event at a differently named site over 80 km away (such events are not
read)", whether or not there are any, instead of naming each far event as SQLite's "places …
too far apart" does.
"""

from __future__ import annotations

from datetime import date

from ceasewatch.datebounds import shift_days
from ceasewatch.fusion.compatibility import date_span, distance_km, place_rank
from ceasewatch.fusion.knowledge import FusionKnowledge, norm_name
from ceasewatch.records import Event, Mention, Place
from ceasewatch.store import Near, Store

#: how far a stored event's date can lie from a day its span covers, by its precision:
#: a week-precision event is stored mid-week, a month-precision one mid-month
SPAN_PAD = {"day": 2, "week": 8, "month": 31}

def blocking_countries(mention: Mention, k: FusionKnowledge) -> list[str] | None:
    """Countries whose events can match, or None when the report's place allows any."""
    place = mention.place
    if place is None or place_rank(place) == 6:
        return None
    border = k.border(place.name)
    if border is not None:
        return sorted(border.countries)
    if place.precision == "border":
        return None
    if place.country is None:
        return None
    countries = {place.country}
    # a precise site near a border can match its twin across it (Spin Boldak / Chaman)
    for b in {id(x): x for x in k.borders.values()}.values():
        if b.touches(place.country, place.admin1):
            countries |= set(b.countries)
    return sorted(countries)


def candidate_events(store: Store, mention: Mention, k: FusionKnowledge, *,
                     campaign: bool = False, rejected: list[str] | None = None
                     ) -> list[Event]:
    """Stored events that may be the incident this report describes (to be scored).

    For a campaign-level report (``compatibility.is_campaign_level``) day-precise events
    placed at a site are not read at all: such a report is never folded into one. Events
    dropped for a site too far away are named in ``rejected`` (for the fusion log).
    """
    if mention.event_date is None:
        return []
    start, end = date_span(mention.event_date, mention.date_precision, mention.event_end)
    types = k.compatible_types(mention.native_type)
    countries = blocking_countries(mention, k)
    windows = [(shift_days(start, -pad), shift_days(end, pad), precision)
               for precision, pad in SPAN_PAD.items()]
    windows.append((date(start.year, 1, 1), date(end.year, 12, 31), "year"))
    if _site_bound(mention, k):
        # read places first, decode only the events near enough to match
        near = _near(mention.place, k) if store.events.spatial_lookup else None
        ids = []
        for lo, hi, precision in windows:
            for event_id, place in store.events.block_places(
                    lo, hi, types, countries=countries, date_precision=precision,
                    area_wide_only=campaign and precision == "day", near=near):
                if not too_far(mention.place, place, k):
                    ids.append(event_id)
                elif rejected is not None and mention.place and place:
                    rejected.append(f"{event_id}: places {mention.place.name} / {place.name} "
                                    "too far apart")
        if near is not None and rejected is not None:
            # said whether or not such events exist: counting them would cost a query
            rejected.append(f"any event at a differently named site over {near.km:g} km away "
                            "(such events are not read)")
        return store.events.get_many(ids)
    found: list[Event] = []
    for lo, hi, precision in windows:
        found += store.events.block(lo, hi, types, countries=countries,
                                    date_precision=precision,
                                    area_wide_only=campaign and precision == "day")
    unique: dict[str, Event] = {}
    for event in found:
        unique.setdefault(event.id, event)
    return list(unique.values())


def _site_bound(mention: Mention, k: FusionKnowledge) -> bool:
    """A report at a named site with coordinates, of a type whose place must agree.

    Talks and agreements (``singular_types``) are exempt: the same meeting told with two
    different venues is still one meeting (``compatibility.match``).
    """
    p = mention.place
    return (p is not None and place_rank(p) <= 2 and p.latitude is not None
            and p.longitude is not None and mention.native_type not in k.singular_types)


def _near(site: Place | None, k: FusionKnowledge) -> Near | None:
    """What the database may leave out for a report at ``site``: what ``too_far`` drops."""
    if site is None or site.latitude is None or site.longitude is None \
            or not (-90 <= site.latitude <= 90 and -180 <= site.longitude <= 180):
        return None
    return Near(site.latitude, site.longitude, max(k.same_site_km, k.same_area_km),
                norm_name(site.name) or None)


def too_far(site: Place | None, other: Place | None, k: FusionKnowledge) -> bool:
    """Two named sites too far apart to be one incident, exactly when ``place_fit`` says so.

    >>> from ceasewatch.fusion.knowledge import knowledge
    >>> kabul = Place("Kabul", "AF", "Kabul", 34.53, 69.17, "locality")
    >>> quetta = Place("Quetta", "PK", "Balochistan", 30.19, 67.01, "locality")
    >>> too_far(kabul, quetta, knowledge()), too_far(kabul, None, knowledge())
    (True, False)
    """
    if site is None or other is None or place_rank(other) > 2 or place_rank(site) > 2:
        return False
    km = distance_km(site, other)
    if km is None or km <= max(k.same_site_km, k.same_area_km):
        return False
    return not (norm_name(site.name) and norm_name(site.name) == norm_name(other.name))
