"""Can this report be that incident? Type, date, place and actor rules, with a score.

Each rule answers ``None`` (incompatible: never the same incident) or a fit in [0, 1]; the
score of a candidate is their sum, and the reason string says which rule gave what, so the
fusion log can show an analyst why two reports were joined.

The rules, in the words of a monitor:

- **Type**: the same native type, or a pair listed in ``data/fusion.yaml`` (a blast one outlet
  calls an "explosion" another calls an "air strike"). Talks only match talks.
- **Date**: each date is a span given its precision (day: the day; week: ±7 days; month: the
  calendar month; year: the year) and the spans must overlap, with one day of slack for
  day-precise reports (night-time incidents, time zones: "Thursday night" vs "Friday").
- **Place**: the same named place, or two precise places within ``same_site_km`` (twin border
  towns: Spin Boldak and Chaman); a vaguer place must contain the finer one (same admin1, same
  country, or an admin1 lying on the border a "border-wide" report names). Two named towns
  further apart are two incidents, whatever else agrees.
- **Actors**: who fired first, or who was targeted, is a claim, not an identity, so
  Afghanistan-vs-Pakistan matches Pakistan-vs-Afghanistan; only two reports naming two
  different pairs of parties are kept apart.
- **Singular types** (talks, agreements): the same two parties on the same day are one
  meeting even when reports place it in different cities; the place is then disputed.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date

from ceasewatch.datebounds import shift_days
from ceasewatch.fusion.knowledge import FusionKnowledge, norm_name
from ceasewatch.records import DATE_PRECISIONS, Actor, Casualties, Event, Mention, Place

#: places at least this precise name one site (a town, a district)
FINE_PRECISIONS = frozenset({"point", "locality", "district"})
#: actor kinds that are not a conflict party: victims, go-betweens, reporters
NON_PARTY_KINDS = frozenset({"civilians", "mediator", "media"})
WEEK_HALF_WIDTH = 7
DAY_SLACK = 1
#: the date fit of two day-precise dates at most a day apart (night-time, time zones)
DAY_FIT = 0.6
#: the place fit two reports with rival tolls need (``place_fit``): the same place, twin
#: sites, a site inside the other report's district or province
TOLL_PLACE_FIT = 0.5


@dataclass(frozen=True, slots=True)
class Fit:
    score: float
    reason: str


def date_span(day: date, precision: str | None, end: date | None = None, *,
              week_days: int = WEEK_HALF_WIDTH) -> tuple[date, date]:
    """The days a date can mean given its precision: "October 2025" is 1–31 October.

    A week-precision date ("last week", "this week") is ``week_days`` either side of its
    nominal day: a week for talks (one meeting, rarely two in a fortnight), less for violence
    (``fusion.yaml`` ``week_half_width``), where a week holds many incidents."""
    if precision == "week":
        start, stop = shift_days(day, -week_days), shift_days(day, week_days)
    elif precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        start, stop = day.replace(day=1), day.replace(day=last)
    elif precision == "year":
        start, stop = date(day.year, 1, 1), date(day.year, 12, 31)
    else:
        start = stop = day
    if end is not None and end > stop:
        stop = end
    return start, stop


def half_width(precision: str | None, week_days: int = WEEK_HALF_WIDTH) -> int:
    return {"week": week_days, "month": 15, "year": 182}.get(precision or "day", 0)


def date_fit(a_day: date, a_prec: str | None, a_end: date | None,
             b_day: date, b_prec: str | None, b_end: date | None, *,
             week_days: int = WEEK_HALF_WIDTH) -> Fit | None:
    """Two day-precise dates must be within a day; otherwise the finer date must fall in the
    coarser span ("9 October" in "October"; but "the week of 7 November" is not in October,
    even though a ±7-day span would graze 31 October)."""
    gap = abs((a_day - b_day).days)
    ra, rb = DATE_PRECISIONS.index(a_prec or "day"), DATE_PRECISIONS.index(b_prec or "day")
    if ra == 0 and rb == 0:
        a0, a1 = date_span(a_day, a_prec, a_end)
        b0, b1 = date_span(b_day, b_prec, b_end)
        if a0 <= b1 and b0 <= a1:  # the same day, or inside a multi-day event
            return Fit(1.0, f"same date {b_day}")
        if a0 <= shift_days(b1, DAY_SLACK) and b0 <= shift_days(a1, DAY_SLACK):
            return Fit(0.6, f"dates one day apart ({a_day} / {b_day})")
        return None
    if ra > rb:  # a is the coarser from here on
        a_day, a_prec, a_end, b_day, b_prec, b_end = b_day, b_prec, b_end, a_day, a_prec, a_end
    c0, c1 = date_span(b_day, b_prec, b_end, week_days=week_days)
    fine0, fine1 = date_span(a_day, "day", a_end)
    if a_prec == b_prec:  # two weeks, two months: their nominal dates must be close
        if gap > half_width(a_prec, week_days) + DAY_SLACK:
            return None
    elif not (fine0 <= shift_days(c1, DAY_SLACK) and shift_days(c0, -DAY_SLACK) <= fine1):
        return None
    closeness = max(0.0, 1.0 - gap / (half_width(a_prec, week_days)
                                      + half_width(b_prec, week_days) + 1))
    return Fit(0.2 + 0.4 * closeness, f"{a_day} ({a_prec}) within {b_day} ({b_prec})")


def distance_km(a: Place, b: Place) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude,  # type: ignore[arg-type]
                                                b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def place_rank(place: Place | None) -> int:
    """0 = a point … 5 = a whole country, 6 = unknown."""
    if place is None or not (place.name or place.country or place.admin1):
        return 6
    order = ("point", "locality", "district", "admin1", "border", "country")
    if place.precision in order:
        return order.index(place.precision)
    if place.admin1 and place.name and norm_name(place.name) != norm_name(place.admin1):
        return 1
    return 3 if place.admin1 else 5


def is_vague_place(place: Place | None) -> bool:
    """Coarser than a named site (a district or finer)."""
    return place_rank(place) > 2


def is_area_wide(place: Place | None) -> bool:
    """A border, a whole country, or no place at all: no particular incident site."""
    return place_rank(place) > 3


def _same_country(a: Place, b: Place) -> bool:
    return a.country is None or b.country is None or a.country == b.country


def place_fit(a: Place | None, b: Place | None, k: FusionKnowledge) -> Fit | None:
    ra, rb = place_rank(a), place_rank(b)
    if a is None or b is None or ra == 6 or rb == 6:
        return Fit(0.3, "place unknown in one report")
    if rb < ra:  # a is the finer place from here on
        a, b, ra, rb = b, a, rb, ra
    if norm_name(a.name) and norm_name(a.name) == norm_name(b.name) and _same_country(a, b):
        return Fit(1.0, f"same place {a.name}")
    if rb <= 2:  # two named sites
        km = distance_km(a, b)
        if km is not None:
            limit = k.same_area_km if rb == 2 else k.same_site_km
            if km <= limit:
                return Fit(0.8 if km <= k.same_site_km else 0.6,
                           f"{a.name} and {b.name} {km:.0f} km apart")
            return None
        if rb == 2 and a.admin1 and b.admin1 and norm_name(a.admin1) == norm_name(b.admin1) \
                and _same_country(a, b):
            return Fit(0.5, f"{a.name} in the same admin1 as district {b.name}")
        return None
    if b.precision == "border" or k.border(b.name):
        border = k.border(b.name)
        if ra == rb or (a.precision == "border"):
            return Fit(0.7, "same border") if norm_name(a.name) == norm_name(b.name) or (
                border and border is k.border(a.name)) else None
        if border is None:
            return Fit(0.3, f"{a.name} possibly on {b.name}") if _same_country(a, b) else None
        if border.touches(a.country, a.admin1 or (a.name if ra == 3 else None)):
            return Fit(0.5, f"{a.name} lies on the {border.name}")
        return None
    if rb == 3:  # b is an admin1
        b_unit = norm_name(b.admin1 or b.name)
        if not _same_country(a, b):
            return None
        if a.admin1 is None:
            return Fit(0.3, f"{a.name} possibly in {b.name}")
        return Fit(0.6, f"{a.name} in {b.name}") if norm_name(a.admin1) == b_unit else None
    # b is a whole country (or a place known only by its country)
    if a.precision == "border":
        border = k.border(a.name)
        ok = border is None or b.country is None or b.country in border.countries
        return Fit(0.4, f"{a.name} borders {b.country}") if ok else None
    return Fit(0.3, f"{a.name} in {b.country}") if _same_country(a, b) else None


def sides(*actors: Actor | None) -> frozenset[str]:
    """Conflict parties among the actors (victims, mediators and the press are not parties)."""
    return frozenset(a.side for a in actors
                     if a is not None and a.side and a.kind not in NON_PARTY_KINDS)


def actor_fit(a: frozenset[str], b: frozenset[str]) -> Fit | None:
    """Parties rarely rule a match out: who fired first, or who was the target, is a claim
    (one report's target is "the TTP", another's "Afghanistan"). Only two reports naming two
    parties each, with no party in common, describe different fights."""
    if not a or not b:
        return Fit(0.4, "parties unknown in one report")
    if a == b:
        return Fit(1.0, "same parties " + "/".join(sorted(a)))
    shown = "/".join(sorted(a)) + " ~ " + "/".join(sorted(b))
    if a & b:
        return Fit(0.6, "parties " + shown)
    if len(a) >= 2 and len(b) >= 2:
        return None
    return Fit(0.2, "different parties named " + shown)


def type_fit(a: str, b: str, k: FusionKnowledge) -> Fit | None:
    if a == b:
        return Fit(1.0, f"same type {a}")
    if k.types_compatible(a, b):
        return Fit(0.6, f"{a} reported as {b}")
    return None


def figure_range(c: Casualties) -> tuple[int, float] | None:
    """The tolls a count allows: "12 killed" is 12–12, "at least 24" ("dozens", no best and
    no high) is 24 or more, "up to 30" is 0–30."""
    figures = [x for x in (c.low, c.best, c.high) if x is not None]
    if not figures:
        return None
    if c.best is None and c.high is None:
        return min(figures), math.inf
    if c.low is None and c.best is None:
        return 0, max(figures)
    return min(figures), max(figures)


def tolls_conflict(a: Casualties, b: Casualties) -> str | None:
    """Two death tolls that no single figure satisfies: "five killed" / "no casualties"."""
    ra, rb = figure_range(a), figure_range(b)
    if ra is None or rb is None or (ra[0] <= rb[1] and rb[0] <= ra[1]):
        return None
    return f"tolls {_shown(ra)} and {_shown(rb)}"


def _shown(r: tuple[int, float]) -> str:
    if r[1] == math.inf:
        return f"at least {r[0]}"
    return str(r[0]) if r[0] == r[1] else f"{r[0]}–{int(r[1])}"


def toll_block(toll: str, when: Fit | None, where: Fit | None,
               parties: tuple[frozenset[str], frozenset[str]]) -> Fit | None:
    """A different toll is a rival claim about one incident only when the place, the date and
    the parties agree: the same day (or the next: night-time, time zones), the same site (or
    its twin, or the district or province holding it), and no two parties disjoint. Otherwise
    two tolls on nearby days or at places no report ties together are two incidents."""
    if when is None or where is None or when.score < DAY_FIT or where.score < TOLL_PLACE_FIT:
        return None
    if parties[0] and parties[1] and not parties[0] & parties[1]:
        return None
    return Fit(0.0, f"{toll} disputed: same place, date and parties")


def unpinned(mention: Mention, event: Event, when: Fit, where: Fit, k: FusionKnowledge
             ) -> str | None:
    """Why two reports of violence are not tied together, if they are not.

    Violence is one incident only when its day or its site ties the two reports together.

    A war holds many incidents a day. Two reports of fighting known only to the week (or
    month) and placed only "along the border" (or nowhere) fit a dozen of them, and a report
    naming a site is not tied to one naming none. So, for violent (episodic) types: a report
    naming a site (a province or finer) fuses only with one naming a site, when the places
    agree or both are dated to the day; two reports naming no site fuse only when both are
    dated to the very same day. Talks and agreements are identified by their parties, and
    campaign summaries are fused among themselves only (``is_campaign_level``).
    """
    if mention.native_type not in k.episodic_types or is_campaign_level(mention, k):
        return None
    wide = is_area_wide(mention.place), is_area_wide(event.place)
    day = is_precise(mention) and is_precise(event)
    if wide[0] != wide[1]:
        return "one report names a site, the other none: not tied to one incident"
    if any(wide):
        return None if day and when.score >= 1.0 else \
            "no site named and not the same day: not tied to one incident"
    return None if where.score >= 0.5 or day else \
        "neither the day nor the site ties them to one incident"


def match(mention: Mention, event: Event, k: FusionKnowledge) -> Fit | None:
    """The fit of a report to an existing event, or None when they cannot be one incident."""
    fit = assess(mention, event, k)
    return fit if isinstance(fit, Fit) else None


def assess(mention: Mention, event: Event, k: FusionKnowledge) -> Fit | str:
    """The fit of a report to an event, or the reason they cannot be one incident (written to
    the fusion log when the report starts an event of its own)."""
    if mention.event_date is None or event.event_date is None:
        return "undated"
    parties = sides(mention.actor1, mention.actor2), sides(event.actor1, event.actor2)
    when = date_fit(mention.event_date, mention.date_precision, mention.event_end,
                    event.event_date, event.date_precision, event.event_end,
                    week_days=k.week_days(mention.native_type, event.native_type))
    where = place_fit(mention.place, event.place, k)
    if where is None and when is not None and when.score == 1.0 \
            and mention.native_type == event.native_type \
            and mention.native_type in k.singular_types \
            and len(parties[0]) == 2 and parties[0] == parties[1]:
        where = Fit(0.1, "same parties, same day: one meeting, its place disputed")
    kind = type_fit(mention.native_type, event.native_type, k)
    who = actor_fit(*parties)
    for part, why in ((kind, f"types {mention.native_type} / {event.native_type}"),
                      (when, f"dates {mention.event_date} / {event.event_date}"),
                      (where, f"places {_place_name(mention.place)} / "
                              f"{_place_name(event.place)}"),
                      (who, "different parties")):
        if part is None:
            return why
    assert kind is not None and when is not None and where is not None and who is not None
    if mention.native_type != event.native_type \
            and {mention.native_type, event.native_type} <= k.singular_types \
            and not (is_precise(mention) and is_precise(event)):
        return "talks and an agreement are one meeting only when both are dated to the day"
    loose = unpinned(mention, event, when, where, k)
    if loose:
        return loose
    if is_campaign_level(mention, k) and is_campaign_level(event, k) \
            and not same_area(mention.place, event.place, k):
        return "campaign summaries of different areas"
    fits = [kind, when, where, who]
    toll = tolls_conflict(mention.fatalities, event.fatalities)
    if toll is not None:
        agreed = toll_block(toll, when, where, parties)
        if agreed is None:
            return f"{toll}, not the same place, day and parties"
        fits.append(agreed)
    return Fit(sum(f.score for f in fits), "; ".join(f.reason for f in fits))


def _place_name(place: Place | None) -> str:
    return (place.name or place.admin1 or place.country or "?") if place else "none"


def is_campaign_level(report: Mention | Event, k: FusionKnowledge) -> bool:
    """A month- or year-level, area-wide report of violence: a campaign, not one incident."""
    return (report.native_type in k.episodic_types
            and (report.date_precision or "day") in ("month", "year")
            and is_area_wide(report.place))


def same_area(a: Place | None, b: Place | None, k: FusionKnowledge) -> bool:
    """Two campaign summaries are one campaign only over one area: the same border, the same
    country or province, or one of them placed nowhere. "Fighting along the border in
    October" and "attacks on one country's border posts in October" are told of different
    areas (the second only one side's): two campaign-level events, not one."""
    if place_rank(a) == 6 or place_rank(b) == 6:
        return True
    assert a is not None and b is not None
    if norm_name(a.name) and norm_name(a.name) == norm_name(b.name):
        return True
    if a.precision == "border" or b.precision == "border":
        border = k.border(a.name)
        return a.precision == b.precision and border is not None and border is k.border(b.name)
    return (a.country, norm_name(a.admin1)) == (b.country, norm_name(b.admin1))


def is_precise(report: Mention | Event) -> bool:
    """Known to the day (talks and agreements need no place to be one meeting)."""
    return (report.date_precision or "day") == "day" and report.event_date is not None


def is_incident(report: Mention | Event) -> bool:
    """One day, one place at least as precise as a province: one incident, not a campaign."""
    return is_precise(report) and not is_area_wide(report.place)


def contradicts(a: Mention, b: Mention, k: FusionKnowledge) -> str | None:
    """Why two mentions of one document in one language must be two events, if they must.

    An author does not contradict themself: when one article gives two dates, two sites, two
    death tolls or two round numbers for the same kind of event, it is telling of two events
    ("four civilians were killed on Thursday … five people were killed on Friday").
    """
    if a.event_date and b.event_date and (a.date_precision or "day") == "day" \
            and (b.date_precision or "day") == "day" and a.event_date != b.event_date:
        return f"the document dates them {a.event_date} and {b.event_date}"
    if a.place and b.place and not is_vague_place(a.place) and not is_vague_place(b.place) \
            and norm_name(a.place.name) != norm_name(b.place.name):
        return f"the document places them at {a.place.name} and {b.place.name}"
    if a.fatalities.known and b.fatalities.known and a.fatalities != b.fatalities:
        return "the document gives them different death tolls"
    mine = dict(k.facts(a.attributes))
    for key, value in k.facts(b.attributes):
        if key in mine and mine[key] != value:
            return f"the document gives them different {key} ({mine[key]} / {value})"
    sa, sb = sides(a.actor1, a.actor2), sides(b.actor1, b.actor2)
    if sa and sb and not (sa & sb):
        return "the document names different parties"
    return None
