"""ceasewatch vs an external dataset for a period and place: counts, fatalities, and which
events each has that the other lacks.

Two events are one incident when their dates agree within ceasewatch's precision (a day ±1,
a week ±7, a month ±31), their types are compatible (the same ACLED event type; any violent
event for UCDP GED, which holds violence only) and their places agree: the same country where
both name one, then points within 50 km, or the same province or place name, or a border-wide
or country-level event of ceasewatch's. Pairs are matched one to one, nearest first. A
month-level campaign summary is never matched to an incident.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ceasewatch.exports.acled import conservative_fatalities
from ceasewatch.exports.codes import VIOLENT_TYPES
from ceasewatch.records import Event, ExternalEvent

DATE_SLACK = {"day": 1, "week": 7, "month": 31, "year": 366}
MAX_KM = 50.0
AREA_WIDE = ("border", "country")


@dataclass(frozen=True, slots=True)
class Match:
    ours: Event
    theirs: ExternalEvent
    days_apart: int
    km_apart: float | None


@dataclass
class Comparison:
    dataset: str
    ours: list[Event] = field(default_factory=list)
    theirs: list[ExternalEvent] = field(default_factory=list)
    matches: list[Match] = field(default_factory=list)

    @property
    def unmatched_ours(self) -> list[Event]:
        taken = {m.ours.id for m in self.matches}
        return [e for e in self.ours if e.id not in taken]

    @property
    def unmatched_theirs(self) -> list[ExternalEvent]:
        taken = {m.theirs.external_id for m in self.matches}
        return [e for e in self.theirs if e.external_id not in taken]

    def summary(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset, "ceasewatch_events": len(self.ours),
            f"{self.dataset}_events": len(self.theirs), "matched": len(self.matches),
            "only_ceasewatch": len(self.unmatched_ours),
            f"only_{self.dataset}": len(self.unmatched_theirs),
            "ceasewatch_fatalities": sum(our_fatalities(e, self.dataset) for e in self.ours),
            f"{self.dataset}_fatalities": sum(e.fatalities or 0 for e in self.theirs),
        }


    def rows(self) -> list[dict[str, Any]]:
        """Matched pairs side by side, then the events only one side has."""
        d = self.dataset

        def ours(e: Event) -> dict[str, Any]:
            return {"ceasewatch_id": e.id,
                    "ceasewatch_date": e.event_date.isoformat() if e.event_date else None,
                    "ceasewatch_type": e.sub_event_type or e.event_type,
                    "ceasewatch_where": e.place.name if e.place else None,
                    "ceasewatch_fatalities": our_fatalities(e, d)}

        def theirs(x: ExternalEvent) -> dict[str, Any]:
            return {f"{d}_id": x.external_id, f"{d}_date": x.event_date.isoformat(),
                    f"{d}_type": x.sub_event_type or x.event_type,
                    f"{d}_where": x.location or x.admin1, f"{d}_fatalities": x.fatalities}

        return ([{"status": "matched", **ours(m.ours), **theirs(m.theirs),
                  "days_apart": m.days_apart,
                  "km_apart": round(m.km_apart, 1) if m.km_apart is not None else None}
                 for m in self.matches]
                + [{"status": "only ceasewatch", **ours(e)} for e in self.unmatched_ours]
                + [{"status": f"only {d}", **theirs(x)} for x in self.unmatched_theirs])


def our_fatalities(e: Event, dataset: str) -> int:
    """ACLED's conservative figure against ACLED; fusion's best (else low) against UCDP."""
    f = e.fatalities
    if dataset == "acled":
        return conservative_fatalities(f.low, f.best, f.high)
    return f.best if f.best is not None else f.low or 0


def comparable(e: Event, dataset: str) -> bool:
    if e.event_date is None:
        return False
    return e.event_type in VIOLENT_TYPES if dataset == "ucdp" else e.event_type is not None


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine).

    >>> round(km_between(31.01, 66.40, 30.92, 66.45))   # Spin Boldak to Chaman
    11
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _days_apart(e: Event, x: ExternalEvent) -> int:
    assert e.event_date is not None
    start, end = x.event_date, x.date_end or x.event_date
    ours_end = e.event_end or e.event_date
    if ours_end < start:
        return (start - ours_end).days
    if e.event_date > end:
        return (e.event_date - end).days
    return 0


def _place_distance(e: Event, x: ExternalEvent) -> float | None | bool:
    """km apart, None when the places agree without coordinates, False when they disagree."""
    p = e.place
    if p and p.country and x.country and p.country != x.country:
        return False
    if p is None or p.precision in AREA_WIDE:
        return None  # a border-wide report can be any incident of its country or the border
    if p.precision in ("admin1", "district") and p.admin1 and x.admin1:
        # a province's centre point says nothing of where in it the incident was
        return None if p.admin1.casefold() == x.admin1.casefold() else False
    if (p.latitude is not None and p.longitude is not None and x.latitude is not None
            and x.longitude is not None):
        km = km_between(p.latitude, p.longitude, x.latitude, x.longitude)
        return km if km <= MAX_KM else False
    names = {n.casefold() for n in (p.name, p.admin1) if n}
    if names & {n.casefold() for n in (x.location, x.admin1) if n}:
        return None
    return False


def compare(dataset: str, ours: list[Event], theirs: list[ExternalEvent]) -> Comparison:
    ours = [e for e in ours if comparable(e, dataset)]
    candidates: list[tuple[int, float, str, str, Match]] = []
    for e in ours:
        if e.date_precision in ("month", "year"):
            # a month of fighting "along the border" is a campaign summary, never one of the
            # dataset's incidents (it is listed, as "only ceasewatch")
            continue
        slack = DATE_SLACK.get(e.date_precision or "day", 1)
        for x in theirs:
            if dataset == "acled" and x.event_type != e.event_type:
                continue
            days = _days_apart(e, x)
            if days > slack:
                continue
            km = _place_distance(e, x)
            if km is False:
                continue
            distance = None if km is None else float(km)
            candidates.append((days, distance if distance is not None else MAX_KM, e.id,
                               x.external_id, Match(e, x, days, distance)))
    result = Comparison(dataset, ours, list(theirs))
    used_ours: set[str] = set()
    used_theirs: set[str] = set()
    for _days, _km, our_id, their_id, match in sorted(candidates, key=lambda c: c[:4]):
        if our_id in used_ours or their_id in used_theirs:
            continue
        used_ours.add(our_id)
        used_theirs.add(their_id)
        result.matches.append(match)
    result.matches.sort(key=lambda m: (m.ours.event_date or date.min, m.ours.id))
    return result
