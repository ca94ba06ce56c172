"""The situation report: what happened in a period, built from the store's fused events.

A monitor's day starts here. :func:`build_sitrep` gathers the period's events, the weekly trend
before it, the accords and their alleged violations, the open disputes and the sources into one
JSON-ready model; :mod:`ceasewatch.reports.render` turns the model into one self-contained HTML
file or a PDF from the same template.

Reading rules, stated once so the report can be checked by hand:

* A sitrep *dated* D covers the ``days`` days ending on D (default 7: the week to D).
* Casualties are added up per event, never per report: an event counts once however many
  sources report it. The band's low end adds each event's low (or best) figure, the high end
  its high (or best, or low) figure; "reported" adds best where given, else low.
* The weekly trend and the escalation indicator count only events dated to the day or week;
  events known only to the month ("in October, fierce fighting...") are listed but not put in
  a week they may not belong to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import yaml

from ceasewatch.datebounds import require_plausible
from ceasewatch.errors import CeasewatchError
from ceasewatch.export import document_dict
from ceasewatch.records import Event
from ceasewatch.reports import views
from ceasewatch.reports.developments import escalation, key_developments
from ceasewatch.reports.principal import principal_sections
from ceasewatch.review.publish import (
    publish_accord_summary,
    publish_disputes,
    published_event,
    verified_claims_of,
)
from ceasewatch.store import EventFilter, Store
from ceasewatch.theaters import pack_names, theaters_root

TREND_WEEKS = 8
PRECISE = frozenset({"day", "week"})


@dataclass(frozen=True, slots=True)
class Theater:
    key: str
    name: str
    countries: tuple[str, ...]
    view: tuple[float, float, float, float] | None


def theaters() -> list[str]:
    return pack_names("theater.yaml")


@lru_cache(maxsize=8)
def load_theater(key: str) -> Theater:
    """A theater from ``data/<key>/theater.yaml``; an unknown name lists the known ones."""
    entry = theaters_root() / key / "theater.yaml"
    if not entry.is_file():
        known = ", ".join(theaters()) or "none"
        raise CeasewatchError(f"unknown theater {key!r} (known: {known})", field="theater")
    origin = f"data/theaters/{key}/theater.yaml"
    try:
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
        view = data.get("view")
        return Theater(key=key, name=str(data.get("name", key)),
                       countries=tuple(str(c).upper() for c in data.get("countries") or []),
                       view=tuple(float(v) for v in view) if view else None)  # type: ignore[arg-type]
    except (yaml.YAMLError, TypeError, ValueError) as exc:
        raise CeasewatchError(f"malformed theater file: {exc}", origin=origin) from exc


#: the least extent of a framed map, in degrees, and the margin around the events
_MIN_SPAN, _MARGIN = 3.0, 0.15


def events_view(points: Sequence[tuple[float, float]],
                fallback: tuple[float, float, float, float] | None = None
                ) -> tuple[float, float, float, float] | None:
    """The map extent [min_lon, min_lat, max_lon, max_lat] that frames these (lon, lat)
    points with a margin, at least ``_MIN_SPAN`` degrees wide; ``fallback`` when none."""
    if not points:
        return fallback
    points = theater_points(points)
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    box = []
    for low, high, limit in ((min(lons), max(lons), 180.0), (min(lats), max(lats), 85.0)):
        pad = max((high - low) * _MARGIN, (_MIN_SPAN - (high - low)) / 2, 0.0)
        box.append((max(low - pad, -limit), min(high + pad, limit)))
    return (round(box[0][0], 2), round(box[1][0], 2), round(box[0][1], 2), round(box[1][1], 2))


#: how far (degrees) from the events' median a point may lie and still be framed
_OUTLIER_DEGREES = 8.0


def theater_points(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points a map should frame: those within ``_OUTLIER_DEGREES`` of the median point
    (talks held in a third country's capital do not zoom a map of a border war out to
    another sea); all of them unless most points are near one another."""
    lons = sorted(p[0] for p in points)
    lats = sorted(p[1] for p in points)
    mid_lon, mid_lat = lons[len(lons) // 2], lats[len(lats) // 2]
    near = [p for p in points
            if abs(p[0] - mid_lon) <= _OUTLIER_DEGREES and abs(p[1] - mid_lat) <= _OUTLIER_DEGREES]
    return near if len(near) * 2 > len(points) else list(points)


def in_theater(event: Event, theater: Theater | None) -> bool:
    """Place in a party's country, no country (a border), or an actor of a party."""
    if theater is None or not theater.countries:
        return True
    country = event.place.country if event.place else None
    if country is None or country in theater.countries:
        return True
    return any(a is not None and a.country in theater.countries
               for a in (event.actor1, event.actor2))


#: the longest period a situation report covers (a year and a day)
MAX_PERIOD_DAYS = 366

def resolve_period(day: date | None = None, date_from: date | None = None,
                   date_to: date | None = None, *, days: int = 7,
                   today: date | None = None) -> tuple[date, date]:
    """``--date D`` (the ``days`` days ending D) or ``--from/--to``; default: the week to today."""
    if day is not None and (date_from is not None or date_to is not None):
        raise CeasewatchError("give either a date or a from/to period, not both", field="date")
    if days < 1:
        raise CeasewatchError("the period must be at least one day", field="days")
    if days > MAX_PERIOD_DAYS:
        raise CeasewatchError(f"the period is at most {MAX_PERIOD_DAYS} days", field="days")
    for value, name in ((day, "date"), (date_from, "from"), (date_to, "to")):
        require_plausible(value, name)
    if day is not None:
        return day - timedelta(days=days - 1), day
    end = date_to or today or datetime.now(UTC).date()
    start = date_from or end - timedelta(days=days - 1)
    if start > end:
        raise CeasewatchError(f"the period starts ({start}) after it ends ({end})", field="from")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        # a century-long "report" took 6.6 s of CPU and 72 MB; a year is the longest useful one
        raise CeasewatchError(f"the period {start} to {end} is longer than "
                              f"{MAX_PERIOD_DAYS} days", field="from")
    return start, end


def weekly_trend(events: list[Event], end: date, weeks: int = TREND_WEEKS) -> list[dict[str, Any]]:
    """Kinetic events and fatality bands per week, oldest first, the last week ending ``end``."""
    out = []
    for i in range(weeks - 1, -1, -1):
        w_end = end - timedelta(days=7 * i)
        w_start = w_end - timedelta(days=6)
        counts = dict.fromkeys(("kinetic", "events", "fatalities_low", "fatalities",
                                "fatalities_high"), 0)
        for e in events:
            if e.event_date is None or e.date_precision not in PRECISE:
                continue
            if not w_start <= e.event_date <= w_end:
                continue
            counts["events"] += 1
            if e.event_type in views.KINETIC_TYPES:
                counts["kinetic"] += 1
            band = views.fatality_band(e)
            if band:
                counts["fatalities_low"] += band[0]
                counts["fatalities"] += band[1]
                counts["fatalities_high"] += band[2]
        out.append({"start": w_start.isoformat(), "end": w_end.isoformat(), **counts})
    return out


def daily_timeline(events: list[Event], start: date, end: date) -> dict[str, Any]:
    """Events per day and type in the period (the timeline chart's data)."""
    days = [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]
    types = sorted({e.event_type or e.native_type for e in events})
    counts = {t: dict.fromkeys(days, 0) for t in types}
    for e in events:
        if e.event_date is not None and e.event_date.isoformat() in counts[
                e.event_type or e.native_type]:
            counts[e.event_type or e.native_type][e.event_date.isoformat()] += 1
    return {"days": days, "series": [{"type": t, "counts": list(counts[t].values())}
                                     for t in types]}


def build_sitrep(store: Store, start: date, end: date, *, theater: str | None = None,
                 trend_weeks: int = TREND_WEEKS, verified_only: bool = False) -> dict[str, Any]:
    """The report's model for [start, end]; JSON-ready so the web can serve it as is.

    ``verified_only``: only events an analyst verified, and in them only verified claims and
    alleged violations (``review/publish.py``)."""
    th = load_theater(theater) if theater else None
    trend_start = end - timedelta(days=7 * trend_weeks - 1)
    state = "verified" if verified_only else None
    context = [e for e in store.events.list(EventFilter(date_from=min(start, trend_start),
                                                        date_to=end, review_state=state))
               if in_theater(e, th)]
    if verified_only:  # totals and charts add only the figures analysts verified
        context = [published_event(store, e) for e in context]
    period = [e for e in context if e.event_date is not None
              and (e.event_end or e.event_date) >= start and e.event_date <= end]
    flt = EventFilter(date_from=start, date_to=end, review_state=state)
    disputes = [d for d in views.disputes(store, flt)[0]
                if d["event"]["id"] in {e.id for e in period}]
    accords = [views.accord_summary(store, a, date_from=start, date_to=end)
               for a in views.list_accords(store)]
    if verified_only:
        disputes = publish_disputes(store, disputes)
        accords = [publish_accord_summary(store, a) for a in accords]
    trend = weekly_trend(context, end, trend_weeks)
    sources = _sources(store, period)
    rows = [views.event_list_item(e) for e in period]
    mapped = [r for r in rows if r["latitude"] is not None and r["longitude"] is not None]
    # framed where the fighting is: talks and agreements abroad are on the map, outside
    # the frame when far away, and frame it only when the period has no violent event
    framing = [r for r in mapped if r["kinetic"]] or mapped
    view = events_view([(r["longitude"], r["latitude"]) for r in framing],
                       th.view if th else None)
    model: dict[str, Any] = {
        "title": f"Situation report{' — ' + th.name if th else ''}",
        "theater": {"key": th.key, "name": th.name, "countries": list(th.countries),
                    "view": list(view) if view else None} if th else None,
        "view": list(view) if view else None,  # framed on the period's mapped events
        "period": {"start": start.isoformat(), "end": end.isoformat(),
                   "days": (end - start).days + 1},
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "events": rows,
        "map_points": mapped,
        "unmapped": [r for r in rows if r["latitude"] is None or r["longitude"] is None],
        "imprecise": [r for r in rows if r["date_precision"] not in PRECISE],
        "timeline": daily_timeline(period, start, end),
        "trend": trend,
        "escalation": escalation(trend),
        "accords": accords,
        "disputes": disputes,
        "sources": sources,
        "counts": {"events": len(period), "kinetic": sum(r["kinetic"] for r in rows),
                   "types": dict(Counter(r["what"] for r in rows)),
                   "sources": len(sources)},
    }
    model.update(principal_sections(store, model, period, start, end, state))
    model["verified_only"] = verified_only
    model["verified_claims"] = verified_claims_of(
        store, [e.id for e in period], {d["id"]: d["name"] for d in sources}
    ) if verified_only else []
    model["key_developments"] = key_developments(model)
    return model


def _sources(store: Store, events: list[Event]) -> list[dict[str, Any]]:
    """Every document behind the period's events, with the events it supports."""
    by_doc: dict[str, list[str]] = {}
    for e in events:
        for m in store.mentions.get_many(e.mention_ids):
            by_doc.setdefault(m.doc_id, [])
            if e.id not in by_doc[m.doc_id]:
                by_doc[m.doc_id].append(e.id)
    out = []
    for doc_id, event_ids in by_doc.items():
        try:
            doc = store.documents.get(doc_id)
        except CeasewatchError:
            continue
        row = document_dict(doc)
        row["events"] = event_ids
        out.append(row)
    return sorted(out, key=lambda d: (d.get("published") or "", d["name"]))
