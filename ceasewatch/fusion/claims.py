"""Claims, not overwrites: every value each source gives, and the event's best estimates.

A fused event never silently picks one version. For every mention it keeps one claim per
field it states (type, date, place, initiator and target, fatalities, injuries, and any
attribute such as the round number of talks), with the claimant and the document. From the
claims it derives:

- **best estimates**: the most precise date and place (the most frequent among equally
  precise ones), the most frequent initiator, and fatalities UCDP-style: ``low`` the lowest
  figure any source gives, ``high`` the highest, ``best`` the median of the sources' own best
  figures ("no casualties", "four killed", "five killed" -> 0 / 4 / 5);
- **disputed fields**: a field is disputed when sources give values that cannot both be
  true: two day-precise dates, two named sites, two death tolls, two initiators (or a report
  that says the parties blame each other), two round numbers. A vaguer value that contains a
  precise one ("October" and "9 October") is not a dispute.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from ceasewatch.fusion.compatibility import FINE_PRECISIONS, place_rank
from ceasewatch.fusion.evidence import figure_sides, locate, locate_blame
from ceasewatch.fusion.knowledge import knowledge, norm_name
from ceasewatch.nlp.claimants import mutual_blame
from ceasewatch.records import (
    DATE_PRECISIONS,
    Actor,
    Casualties,
    Claim,
    Event,
    Mention,
    Place,
)
from ceasewatch.store.codec import dumps

#: "explosion" is what is seen; the more specific types say what it was
GENERIC_TYPES = frozenset({"explosion"})


def claimant_of(m: Mention, outlet: str | None = None) -> str:
    """Who states the mention's facts: the voices it names, else its outlet in its own voice."""
    return ", ".join(m.claimed_by) or own_reporting(outlet)


def own_reporting(outlet: str | None) -> str:
    """An unattributed report is its outlet's own reporting, the outlet named (never a file)."""
    return f"{outlet}'s own reporting" if outlet else "own reporting (outlet not recorded)"


def mention_claims(event_id: str, m: Mention, text: str | None = None,
                   outlet: str | None = None) -> list[Claim]:
    """One claim per field the mention states, each quoting the sentence of ``text`` (the
    document) that states its value, its words marked (``fusion/evidence.py``); the
    mention's evidence sentence where no nearby sentence does."""
    try:
        hash(m)
    except TypeError:  # a mention built with lists instead of tuples: computed uncached
        return list(_mention_claims.__wrapped__(event_id, m, text, outlet))
    return list(_mention_claims(event_id, m, text, outlet))


@lru_cache(maxsize=4096)
def _mention_claims(event_id: str, m: Mention, text: str | None, outlet: str | None
                    ) -> tuple[Claim, ...]:
    """Cached: an event is rebuilt each time a report joins it, and the claims of the
    reports it already held, unchanged, are read from the same texts again."""
    values: list[tuple[str, object]] = [("event_type", m.native_type)]
    if m.event_date:
        values.append(("event_date", {"date": m.event_date.isoformat(),
                                      "precision": m.date_precision}))
    if m.place and (m.place.name or m.place.country):
        values.append(("location", {"name": m.place.name or None, "admin1": m.place.admin1,
                                    "country": m.place.country,
                                    "precision": m.place.precision}))
    for key, actor in (("actor1", m.actor1), ("actor2", m.actor2)):
        if actor:
            values.append((key, {"name": actor.name, "side": actor.side}))
    blame = mutual_blame(m.claimed_by) if m.initiator_disputed else {}
    if m.initiator_disputed and not blame:  # the parties blame each other, voices unnamed
        values.append(("actor1", {"name": None, "side": None, "contested": True}))
    for key, c in (("fatalities", m.fatalities), ("injuries", m.injuries)):
        if c.known:
            values.append((key, {"low": c.low, "best": c.best, "high": c.high}))
    values.extend(knowledge().facts(m.attributes))
    claims = [_claim(event_id, m, f, v, text, outlet) for f, v in values]
    # mutual blame: each party's own voice, side by side, puts the first shot on the other
    for voice, blamed in blame.items():
        value = dumps({"name": None, "side": blamed, "contested": True})
        span = locate_blame(text, m, voice, blamed, knowledge())
        if span is None or text is None:
            claims.append(Claim(event_id=event_id, field="actor1", value=value, claimant=voice,
                                doc_id=m.doc_id, mention_id=m.id, evidence=m.evidence,
                                evidence_start=m.evidence_start, evidence_end=m.evidence_end))
            continue
        claims.append(Claim(event_id=event_id, field="actor1", value=value, claimant=voice,
                            doc_id=m.doc_id, mention_id=m.id,
                            evidence=text[span.start:span.end], evidence_start=span.start,
                            evidence_end=span.end, marks=span.marks))
    return tuple(claims)


def _most_common(items: Sequence[object]) -> object | None:
    """The most frequent item; ties go to the one reported first."""
    if not items:
        return None
    counts = Counter(items)
    top = max(counts.values())
    return next(i for i in items if counts[i] == top)


def best_date(ms: Sequence[Mention]) -> tuple[object, object, object]:
    dated = [m for m in ms if m.event_date]
    if not dated:
        return None, None, None
    rank = min(DATE_PRECISIONS.index(m.date_precision or "day") for m in dated)
    precise = [m for m in dated if DATE_PRECISIONS.index(m.date_precision or "day") == rank]
    # the most reported date; on a tie the earliest (ACLED codes an incident's first day)
    counts = Counter(m.event_date for m in precise)
    day = min(counts, key=lambda d: (-counts[d], d))
    ends = [m.event_end for m in precise if m.event_end and m.event_date == day]
    return day, DATE_PRECISIONS[rank], max(ends) if ends else None


def best_place(ms: Sequence[Mention]) -> Place | None:
    placed = [m.place for m in ms if m.place and place_rank(m.place) < 6]
    if not placed:
        return None
    rank = min(place_rank(p) for p in placed)
    best = [p for p in placed if place_rank(p) == rank]
    name = _most_common([norm_name(p.name) for p in best])
    return next(p for p in best if norm_name(p.name) == name)


def best_casualties(values: Sequence[Casualties]) -> Casualties:
    """UCDP-style: low = lowest figure given, high = highest, best = median of best figures."""
    known = [c for c in values if c.known]
    if not known:
        return Casualties()
    lows = [x for c in known for x in (c.low, c.best) if x is not None]
    highs = [x for c in known for x in (c.high, c.best) if x is not None]
    bests = [c.best for c in known if c.best is not None]
    best = int(statistics.median_low(bests)) if bests else None
    return Casualties(low=min(lows) if lows else None, best=best,
                      high=max(highs) if highs else None)


def _figure(c: Casualties) -> tuple[int | None, int | None, int | None]:
    return (c.low, c.best, c.high)


def disputed_fields(ms: Sequence[Mention]) -> tuple[list[str], bool]:
    """Fields on which the sources contradict each other, and whether the initiator is one.

    A vaguer value containing a finer one is a refinement, not a dispute: a week containing
    the day (only day-precise dates are compared), a province containing the site, an
    "explosion" that another source calls an air strike (``GENERIC_TYPES``)."""
    out: list[str] = []
    # "an explosion" (what a witness saw) and "an air strike" are one telling refined, not a
    # dispute; two specific types ("shelling" / "an armed clash") disagree
    if len({m.native_type for m in ms if m.native_type not in GENERIC_TYPES}) > 1:
        out.append("event_type")
    if len({m.event_date for m in ms if m.event_date and (m.date_precision or "day") == "day"
            }) > 1:
        out.append("event_date")
    sites = {norm_name(m.place.name) for m in ms
             if m.place and m.place.name and (m.place.precision in FINE_PRECISIONS)}
    units = {norm_name(m.place.admin1) for m in ms if m.place and m.place.admin1}
    if len(sites) > 1 or len(units) > 1:
        out.append("location")
    initiators = {m.actor1.side for m in ms if m.actor1 and m.actor1.side}
    # who started it only matters for violence; talks and agreements have no initiator
    violent = any(m.native_type in knowledge().episodic_types for m in ms)
    initiator_disputed = violent and (len(initiators) > 1
                                      or any(m.initiator_disputed for m in ms))
    if initiator_disputed:
        out.append("actor1")
    for key in ("fatalities", "injuries"):
        figures = {_figure(getattr(m, key)) for m in ms if getattr(m, key).known}
        if len(figures) > 1:
            out.append(key)
    attrs: dict[str, set[str]] = {}
    for m in ms:
        for k, v in knowledge().facts(m.attributes):
            attrs.setdefault(k, set()).add(v)
    out.extend(sorted(k for k, vs in attrs.items() if len(vs) > 1))
    return out, initiator_disputed


def summarise(event_id: str, ms: Sequence[Mention], sources: Sequence[str],
              independent: int, texts: Mapping[str, str | None] | None = None,
              outlets: Mapping[str, str | None] | None = None) -> tuple[Event, list[Claim]]:
    """The event's best estimates and all its claims, from its mentions (in report order);
    ``texts`` (document id -> text) lets each claim quote the sentence that states it, and
    ``outlets`` (document id -> outlet) names who speaks in an unattributed report."""
    specific = [m for m in ms if m.native_type not in GENERIC_TYPES] or list(ms)
    native = _most_common([m.native_type for m in specific])
    typed = next(m for m in specific if m.native_type == native)
    day, precision, end = best_date(ms)
    actor1 = _most_common([m.actor1 for m in ms if m.actor1])
    actor2s = [m.actor2 for m in ms if m.actor2 and m.actor2 != actor1]
    fields, initiator_disputed = disputed_fields(ms)
    event = Event(
        id=event_id, native_type=typed.native_type, event_date=day,  # type: ignore[arg-type]
        date_precision=precision, event_end=end,  # type: ignore[arg-type]
        event_type=typed.event_type, sub_event_type=typed.sub_event_type, cameo=typed.cameo,
        plover=typed.plover, actor1=actor1 if isinstance(actor1, Actor) else None,
        actor2=_most_common(actor2s) if actor2s else None,  # type: ignore[arg-type]
        place=best_place(ms), fatalities=best_casualties([m.fatalities for m in ms]),
        injuries=best_casualties([m.injuries for m in ms]),
        mention_ids=tuple(m.id for m in ms), sources=tuple(sources),
        independent_sources=independent, disputed_fields=tuple(fields),
        initiator_disputed=initiator_disputed)
    claims = [c for m in ms for c in mention_claims(event_id, m, (texts or {}).get(m.doc_id),
                                                    (outlets or {}).get(m.doc_id))]
    return event, claims


def _claim(event_id: str, m: Mention, field: str, value: object, text: str | None,
           outlet: str | None) -> Claim:
    span = locate(text, m, field, value)
    claimant = claimant_of(m, outlet)
    if span is not None and text is not None \
            and (span.start, span.end) != (m.evidence_start, m.evidence_end):
        # stated in another sentence than the report's: its voices only if that sentence
        # names them ("According to BBC, …" does not make BBC the source of a later "dozens")
        sentence = text[span.start:span.end].casefold()
        claimant = ", ".join(v for v in m.claimed_by if v.casefold() in sentence) \
            or own_reporting(outlet)
    if span is None or text is None:
        return Claim(event_id=event_id, field=field, value=dumps(value),
                     claimant=claimant, doc_id=m.doc_id, mention_id=m.id,
                     evidence=m.evidence, evidence_start=m.evidence_start,
                     evidence_end=m.evidence_end)
    if field in ("fatalities", "injuries") and isinstance(value, dict):
        parts = figure_sides(text, span.marks, knowledge())
        if len(parts) > 1 or any(p["side"] for p in parts):
            value = {**value, "by_side": parts}  # UCDP-style: whose dead each figure counts
    return Claim(event_id=event_id, field=field, value=dumps(value), claimant=claimant,
                 doc_id=m.doc_id, mention_id=m.id, evidence=text[span.start:span.end],
                 evidence_start=span.start, evidence_end=span.end, marks=span.marks)


def claim_value(claim: Claim) -> object:
    return json.loads(claim.value)


#: UCDP GED's parts of a toll
DEATH_PARTS = ("side_a", "side_b", "civilians", "unknown")


def side_key(actor: Actor | None) -> str | None:
    """The key a toll's parts name an actor's side by (``fusion.yaml`` ``side_words``)."""
    return (actor.side or actor.country) if actor is not None else None


def event_deaths_by_side(event: Event, claims: Sequence[Claim]) -> dict[str, int]:
    """:func:`deaths_by_side` of an event, its actor1 as side A and its actor2 as side B."""
    return deaths_by_side(event.fatalities, claims, side_key(event.actor1),
                          side_key(event.actor2))


def deaths_by_side(toll: Casualties, claims: Sequence[Claim], side_a: str | None,
                   side_b: str | None) -> dict[str, int]:
    """The event's best death toll split UCDP-style into side A, side B, civilians and
    unknown, from the fatality claim that names whose dead it counts ("two Israeli soldiers
    and 12 Lebanese fighters were killed") and whose total is nearest the event's best figure.
    What that claim does not assign, or no claim assigns, is ``unknown``; the parts always
    sum to the best figure (``best``, else ``low``), as GED requires.

    >>> c = Claim(event_id="e", field="fatalities", value=json.dumps({"best": 14,
    ...     "by_side": [{"side": "IL", "count": 2}, {"side": "LB", "count": 12}]}),
    ...     claimant=None, doc_id="d", mention_id="m", evidence="")
    >>> deaths_by_side(Casualties(best=15), [c], "IL", "LB")
    {'side_a': 2, 'side_b': 12, 'civilians': 0, 'unknown': 1}
    """
    total = toll.best if toll.best is not None else toll.low
    out = dict.fromkeys(DEATH_PARTS, 0)
    if total is None:
        return out
    split: list[tuple[int, int, list[dict[str, Any]]]] = []
    for i, claim in enumerate(claims):
        if claim.field != "fatalities":
            continue
        value = claim_value(claim)
        parts = [p for p in (value.get("by_side") or []) if isinstance(p, dict)
                 and isinstance(p.get("count"), int)] if isinstance(value, dict) else []
        if any(p.get("side") for p in parts):
            split.append((abs(sum(p["count"] for p in parts) - total), i, parts))
    if split:
        _, _, parts = min(split, key=lambda s: (s[0], s[1]))
        for p in parts:
            side = p.get("side")
            key = ("side_a" if side and side == side_a else "side_b" if side and side == side_b
                   else "civilians" if side == "civilians" else None)
            if key is not None:
                out[key] += p["count"]
        assigned = out["side_a"] + out["side_b"] + out["civilians"]
        if assigned > total:  # the split counts more dead than the event's best figure
            return dict.fromkeys(DEATH_PARTS, 0) | {"unknown": total}
    out["unknown"] = total - out["side_a"] - out["side_b"] - out["civilians"]
    return out
