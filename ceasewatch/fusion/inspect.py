"""Read-only views of fused events for the CLI, the web app and reports.

``event_report`` is everything ``ceasewatch show`` prints: the reports, every claim with its
claimant and evidence, how the sources group into independent ones, and the fusion history.
``dispute_rows`` puts each contested fact side by side: who says what, in which document.
"""

from __future__ import annotations

import json
from typing import Any

from ceasewatch.export import by_side_text, casualty_text, reported_as
from ceasewatch.fusion.claims import event_deaths_by_side
from ceasewatch.fusion.corroboration import independent_groups
from ceasewatch.fusion.evidence import relative_marks, states_initiation
from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.nlp.taxonomy import what_label
from ceasewatch.records import Claim, Event
from ceasewatch.store import EventFilter, Store

OWN_REPORTING = "(the document's own reporting)"


def format_value(field: str, raw: str) -> str:
    """A claim's JSON value as a monitor would write it: "0 killed", "Chaman (Balochistan, PK)"."""
    value: Any = json.loads(raw)
    if field in ("fatalities", "injuries") and isinstance(value, dict):
        shown = casualty_text(value.get("low"), value.get("best"), value.get("high"))
        parts = by_side_text(value.get("by_side"))
        return f"{shown} ({parts})" if parts else shown
    if field in ("actor1", "actor2") and isinstance(value, dict) and value.get("contested"):
        if value.get("side"):
            return f"{value['side']} initiated"
        return "contested: each party blames the other"
    if field in ("actor1", "actor2") and isinstance(value, dict):
        side = value.get("side")
        return f"{value.get('name')}" + (f" ({side})" if side else "")
    if field == "location" and isinstance(value, dict):
        where = ", ".join(x for x in (value.get("admin1"), value.get("country")) if x)
        return f"{value.get('name') or value.get('country')}" + (f" ({where})" if where else "")
    if field == "event_date" and isinstance(value, dict):
        return f"{value.get('date')} ({value.get('precision') or 'day'})"
    return str(value)


def _positions(claims: list[Claim], doc_names: dict[str, str]) -> list[dict[str, Any]]:
    """Claims of one field grouped by value, in the order the values were first reported."""
    by_value: dict[str, dict[str, Any]] = {}
    for c in claims:
        shown = format_value(c.field, c.value)
        if c.field in ("fatalities", "injuries") and shown.startswith("at least") \
                and "(" not in shown:
            shown = reported_as(" ".join(c.evidence[a:b] for a, b in relative_marks(c)), shown)
        pos = by_value.setdefault(shown, {"value": shown, "raw": json.loads(c.value),
                                          "claimants": [], "sources": [], "evidence": [],
                                          "quotes": [], "initiates": False})
        pos["initiates"] = pos["initiates"] or states_initiation(c, knowledge())
        claimant = c.claimant or OWN_REPORTING
        if claimant not in pos["claimants"]:
            pos["claimants"].append(claimant)
        name = doc_names.get(c.doc_id, c.doc_id)
        if name not in pos["sources"]:
            pos["sources"].append(name)
        if c.evidence not in pos["evidence"]:
            pos["evidence"].append(c.evidence)
            # the sentence that states this value, its words marked (offsets into ``text``)
            pos["quotes"].append({"text": c.evidence, "doc": name, "claimant": claimant,
                                  "start": c.evidence_start if c.evidence_start >= 0 else None,
                                  "marks": [list(m) for m in relative_marks(c)]})
    return list(by_value.values())


def field_label(field: str, positions: list[dict[str, Any]]) -> str:
    """How a claim field is headed: actor1 is the "initiator" only when a text says who
    started it (``evidence.states_initiation``), else the actors are the "parties"."""
    if field != "actor1":
        return field
    return "initiator" if any(p.get("initiates") for p in positions) else "parties"


def event_report(store: Store, event_id: str) -> dict[str, Any]:
    """Everything known about one event (id, merged-away id or unique prefix)."""
    from ceasewatch.export import event_dict, mention_dict

    event = store.events.get(store.events.resolve(event_id))
    mentions = store.mentions.get_many(event.mention_ids)
    doc_ids = list(dict.fromkeys(m.doc_id for m in mentions))
    meta = store.events.source_documents(doc_ids)
    names = {d: meta.get(d, (d, None))[0] for d in doc_ids}
    signatures = {d: sig for d, (_, sig) in store.events.fingerprints(doc_ids).items()}
    groups = independent_groups(mentions, {d: meta.get(d, (d, None))[1] for d in doc_ids},
                                signatures, knowledge())
    claims = store.events.claims(event.id)
    fields = list(dict.fromkeys(c.field for c in claims))
    links = {r["mention_id"]: r["reason"] for r in store.events.history(event.id)
             if r.get("mention_id")}
    return {
        "event": event_dict(event),
        "reports": [dict(mention_dict(m), why_here=links.get(m.id)) for m in mentions],
        "claims": {f: _positions([c for c in claims if c.field == f], names) for f in fields},
        "independent_groups": [{"sources": [names[d] for d in g.docs],
                                "why_one_source": list(g.reasons)} for g in groups],
        "history": store.events.history(event.id),
        "deaths_by_side": event_deaths_by_side(event, claims),
    }


def dispute_rows(store: Store, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """One row per (event, contested field), with each position and who holds it."""
    rows = []
    for event in store.events.disputed(flt):
        claims = store.events.claims(event.id)
        doc_ids = list(dict.fromkeys(c.doc_id for c in claims))
        names = {d: n for d, (n, _) in store.events.source_documents(doc_ids).items()}
        for field in event.disputed_fields:
            positions = _positions([c for c in claims if c.field == field], names)
            rows.append({**_event_head(event), "field": field, "positions": positions})
    return rows


def _event_head(event: Event) -> dict[str, Any]:
    return {"event_id": event.id,
            "event_date": event.event_date.isoformat() if event.event_date else None,
            "native_type": event.native_type, "sub_event_type": event.sub_event_type,
            "what": what_label(event.native_type, event.sub_event_type),
            "location": event.place.name if event.place else None,
            "sources": list(event.sources), "independent_sources": event.independent_sources}

