"""What a sitrep for a principal adds to the monitor's tables: counts by kind and place against
the previous period, casualties by side with who reports them, alleged violations by commitment
and verification level, calm days stated as such, and what could not be verified.

The model stays JSON-ready and every figure traces back to events or claims a reader can open.
OSCE SMM reports are the model: "the SMM recorded fewer ceasefire violations than in the
previous reporting period"; "on 4 November the SMM recorded no ceasefire violations".
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from ceasewatch.nlp.taxonomy import what_label
from ceasewatch.records import Event
from ceasewatch.reports import views
from ceasewatch.store import EventFilter, Store

PRECISE_DAY = "day"


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before [start, end]."""
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)


def _place_of(e: Event) -> str:
    if e.place is None:
        return "place unknown"
    return e.place.admin1 or e.place.name


def comparison(current: list[Event], previous: list[Event], start: date,
               end: date) -> dict[str, Any]:
    """Counts by kind and by place (province, else the place named), now against before."""
    prev_start, prev_end = previous_period(start, end)
    rows: list[dict[str, Any]] = []
    for label, key in (("kind", lambda e: what_label(e.native_type, e.sub_event_type)),
                       ("place", _place_of)):
        now = Counter(key(e) for e in current)
        before = Counter(key(e) for e in previous)
        for name in sorted(set(now) | set(before), key=lambda n: (-now[n], -before[n], n)):
            rows.append({"by": label, "name": name, "current": now[name],
                         "previous": before[name], "change": now[name] - before[name]})
    total_now, total_before = len(current), len(previous)
    if total_now > total_before:
        trend = "more"
    elif total_now < total_before:
        trend = "fewer"
    else:
        trend = "as many"
    return {"previous_start": prev_start.isoformat(), "previous_end": prev_end.isoformat(),
            "current_total": total_now, "previous_total": total_before, "rows": rows,
            "sentence": (f"{total_now} event(s) were recorded, {trend} than the "
                         f"{total_before} of the previous {(end - start).days + 1} days "
                         f"({prev_start.isoformat()} to {prev_end.isoformat()})."
                         if trend != "as many" else
                         f"{total_now} event(s) were recorded, as many as in the previous "
                         f"{(end - start).days + 1} days.")}


def calm_days(period: list[Event], start: date, end: date) -> dict[str, Any]:
    """Days with no violent event reported, counting only events dated to the day."""
    violent_days = {e.event_date for e in period if e.event_type in views.KINETIC_TYPES
                    and e.date_precision == PRECISE_DAY and e.event_date is not None}
    vague = [e for e in period if e.event_type in views.KINETIC_TYPES
             and e.date_precision != PRECISE_DAY]
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    calm = [d.isoformat() for d in days if d not in violent_days]
    violent = sorted(d.isoformat() for d in violent_days if start <= d <= end)
    if not calm:
        sentence = f"Violent incidents were reported on each of the {len(days)} days."
    elif not violent:
        sentence = f"No violent incident was reported on any of the {len(days)} days."
    elif len(calm) * 2 >= len(days):  # name the fewer: here the violent days
        sentence = (f"No violent incident was reported on {len(calm)} of the {len(days)} "
                    f"days; violent incidents were reported on {_list_days(violent)}.")
    else:
        sentence = (f"Violent incidents were reported on {len(violent)} of the {len(days)} "
                    f"days; none on {_list_days(calm)}.")
    if vague:
        sentence += (f" {len(vague)} violent event(s) known only to the week or month may "
                     "fall on any of them.")
    return {"days": calm, "of": len(days), "sentence": sentence}


def _list_days(isos: list[str]) -> str:
    return ", ".join(f"{date.fromisoformat(d).day} {date.fromisoformat(d):%B}" for d in isos)


def casualties_by_side(store: Store, period: list[Event],
                       names: dict[str, str]) -> list[dict[str, Any]]:
    """Each fatality figure of the period's events, by side where the sentence says whose dead
    they are, with its claimant and document."""
    rows = []
    for e in period:
        if e.event_type not in views.KINETIC_TYPES:
            continue
        for c in store.events.claims(e.id):
            if c.field != "fatalities":
                continue
            value = views.decode_claim_value(c.value)
            display = views.format_value(value)
            parts = value.get("by_side") if isinstance(value, dict) else None
            claimant = c.claimant or "unattributed"
            if parts:
                for part in parts:
                    rows.append({"event_id": e.id, "date": e.event_date.isoformat()
                                 if e.event_date else None, "side": part.get("side"),
                                 "count": part.get("count"), "figure": str(part.get("count")),
                                 "claimant": claimant,
                                 "doc": names.get(c.doc_id, c.doc_id)})
            elif isinstance(value, dict):
                rows.append({"event_id": e.id, "date": e.event_date.isoformat()
                             if e.event_date else None, "side": None,
                             "count": value["best"] if value.get("best") is not None
                             else value.get("low"), "figure": display,
                             "claimant": claimant, "doc": names.get(c.doc_id, c.doc_id)})
    return rows


def violations_by_commitment(accords: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per accord and commitment kind, the alleged violations by verification level."""
    rows = []
    for a in accords:
        kinds = {c["id"]: c["kind"] for c in a["accord"].get("commitments", [])}
        counts: dict[str, Counter[str]] = {}
        for v in a["violations"]:
            kind = kinds.get(v["commitment_id"], v["commitment_id"])
            counts.setdefault(kind, Counter())[v["verification"]] += 1
        for kind, by_level in sorted(counts.items()):
            rows.append({"accord": a["accord"]["name"], "commitment": kind,
                         "total": sum(by_level.values()), **{
                             level: by_level.get(level, 0) for level in
                             ("claimed", "corroborated", "acknowledged", "disputed")}})
    return rows


def could_not_verify(model: dict[str, Any]) -> list[str]:
    """Plain statements of what the sources leave open, each counted once."""
    rows = model["events"]
    out = []
    single = [r for r in rows if (r.get("independent_sources") or 0) <= 1]
    if single:
        out.append(f"{len(single)} of the {len(rows)} event(s) rest on a single independent "
                   "source.")
    disputed = model["disputes"]
    if disputed:
        fields = Counter(f for d in disputed for f in d["fields"])
        named = ", ".join(f"{n} on {'who started it' if f == 'actor1' else f.replace('_', ' ')}"
                          for f, n in fields.most_common())
        out.append(f"Sources disagree on {len(disputed)} event(s) ({named}); each contested "
                   "point is listed once under open disputes.")
    claimed = [v for a in model["accords"] for v in a["violations"]
               if v["verification"] == "claimed"]
    if claimed:
        out.append(f"{len(claimed)} alleged violation(s) rest on one party's or source's claim "
                   "alone, with no independent corroboration.")
    vague = model["imprecise"]
    if vague:
        out.append(f"{len(vague)} event(s) are dated only to the month or less precisely.")
    if model["unmapped"]:
        out.append(f"{len(model['unmapped'])} event(s) could not be placed more precisely than "
                   "a border or a country.")
    if not out:
        out.append("Every event of the period has more than one independent source, a "
                   "precise date and place, and no contested field.")
    return out


def principal_sections(store: Store, model: dict[str, Any], period: list[Event], start: date,
                       end: date, review_state: str | None) -> dict[str, Any]:
    prev_start, prev_end = previous_period(start, end)
    previous = [e for e in store.events.list(EventFilter(
        date_from=prev_start, date_to=prev_end, review_state=review_state))
        if e.event_date is not None and prev_start <= e.event_date <= prev_end]
    return {
        "comparison": comparison(period, previous, start, end),
        "calm_days": calm_days(period, start, end),
        "casualties_by_side": casualties_by_side(
            store, period, {d["id"]: d["name"] for d in model["sources"]}),
        "violations_by_commitment": violations_by_commitment(model["accords"]),
        "could_not_verify": could_not_verify(model),
    }
