"""Read models shared by the web pages, the JSON API and the situation report.

Both the web app and the sitrep show the same things (an event with its evidence, the open
disputes, the state of accords), so they are assembled once here from the store's named
queries and handed out as plain JSON-ready dicts. Nothing here writes or knows SQL.

Evidence is shown *inside* the source text: :func:`highlight_segments` cuts a document's text
into plain and marked pieces so a template can wrap the evidence in ``<mark>`` while Jinja's
autoescaping still escapes every piece (no HTML is ever built by string concatenation).
"""

from __future__ import annotations

import inspect
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ceasewatch.errors import NotFoundError
from ceasewatch.export import (
    accord_dict,
    by_side_text,
    casualty_text,
    document_dict,
    event_dict,
    mention_dict,
    reported_as,
    violation_dict,
)
from ceasewatch.fusion.evidence import relative_marks, states_initiation
from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.nlp.taxonomy import what_label
from ceasewatch.records import Accord, Claim, Document, Event, Mention, Violation
from ceasewatch.store import EventFilter, Store

#: ACLED event types that are physical violence; used for the kinetic counts and the trend.
KINETIC_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
#: ACLED's event types, offered as filters (the store may hold others: they still show).
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians",
               "Protests", "Riots", "Strategic developments")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a source text; ``mark`` is the id of the mention whose evidence it is."""

    text: str
    mark: str | None = None


def locate_evidence(text: str, mention: Mention) -> tuple[int, int] | None:
    """Where a mention's evidence sits in its document's text.

    The stored offsets are trusted when they still point at the evidence; otherwise (a
    document re-normalised since extraction) the evidence is searched for, and ``None`` is
    returned rather than marking the wrong words.
    """
    start, end = mention.evidence_start, mention.evidence_end
    if 0 <= start < end <= len(text) and text[start:end] == mention.evidence:
        return start, end
    if mention.evidence:
        found = text.find(mention.evidence)
        if found >= 0:
            return found, found + len(mention.evidence)
    return None


def locate_tellings(text: str, mention: Mention) -> list[tuple[int, int]]:
    """Where each telling of a mention sits: its evidence, then the same event in the
    document's other languages (a bilingual article's Chinese sentence), so both are marked."""
    found = [loc] if (loc := locate_evidence(text, mention)) else []
    for span in mention.evidence_spans()[1:]:
        if 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text:
            found.append((span.start, span.end))
        elif span.text and (at := text.find(span.text)) >= 0:
            found.append((at, at + len(span.text)))
    return found


def highlight_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Cut ``text`` into plain and marked segments; overlapping spans are merged."""
    ordered = sorted(spans)
    merged: list[list[Any]] = []
    for start, end, mark in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            continue
        merged.append([start, end, mark])
    out: list[Segment] = []
    pos = 0
    for start, end, mark in merged:
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], mark))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def decode_claim_value(value: str) -> Any:
    """Claims store JSON-encoded values; show plain text for anything else."""
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def format_value(value: Any) -> str:
    """A claim value as a reader sees it.

    Fusion encodes structured values as JSON objects: casualties ``{"low", "best", "high"}``
    -> "5" or "at least 24"; actors ``{"name", "side", "contested"}`` -> the name, or "contested"
    when a report says both sides blame each other; dates ``{"date", "precision"}`` ->
    "2025-11-06 (week)"; places ``{"name", "admin1", "country"}`` -> "Spin Boldak, Kandahar, AF".
    """
    if isinstance(value, dict):
        if {"low", "best", "high"} & value.keys():
            shown = casualty_text(value.get("low"), value.get("best"), value.get("high"))
            sides = by_side_text(value.get("by_side"))
            return f"{shown} ({sides})" if shown and sides else shown or "unknown"
        if "date" in value:
            precision = value.get("precision")
            suffix = f" ({precision})" if precision and precision != "day" else ""
            return f"{value.get('date') or 'undated'}{suffix}"
        if "name" in value:
            if value.get("name"):
                parts = [value["name"]] + [value[k] for k in ("admin1", "country")
                                           if value.get(k) and value[k] != value["name"]]
                return ", ".join(str(p) for p in parts)
            if value.get("contested"):
                # one party's voice blaming the other, or a report that both sides trade blame
                return f"{value['side']} initiated" if value.get("side") \
                    else "contested (each side blames the other)"
            return "unknown"
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        return value.replace("_", " ")
    return "" if value is None else str(value)


def claim_dict(claim: Claim, doc_names: dict[str, str]) -> dict[str, Any]:
    value = decode_claim_value(claim.value)
    display = format_value(value)
    if claim.field in ("fatalities", "injuries") and display.startswith("at least") \
            and "(" not in display:
        display = reported_as(" ".join(claim.evidence[a:b] for a, b in relative_marks(claim)),
                              display)
    return {
        "field": claim.field,
        "value": value,
        "display": display,
        "claimant": claim.claimant,
        "doc_id": claim.doc_id,
        "doc": doc_names.get(claim.doc_id, claim.doc_id),
        "mention_id": claim.mention_id,
        "evidence": claim.evidence,
        "evidence_start": claim.evidence_start if claim.evidence_start >= 0 else None,
        "evidence_end": claim.evidence_end if claim.evidence_end >= 0 else None,
        # the value's words, as offsets into ``evidence`` (empty: stated, not located)
        "marks": [list(m) for m in relative_marks(claim)],
        # an actor1 claim whose sentence says this actor started it (else: one of the parties)
        "initiates": states_initiation(claim, knowledge()),
        "quote": quote_segments(claim),
    }


def quote_segments(claim: Claim) -> list[dict[str, Any]]:
    """The claim's evidence sentence in pieces, ``mark`` true on the value's words (JSON-ready:
    the API returns it as is; templates wrap the marked pieces in ``<mark>``)."""
    spans = [(a, b, "value") for a, b in relative_marks(claim)]
    return [{"text": seg.text, "mark": bool(seg.mark)}
            for seg in highlight_segments(claim.evidence, spans)]


def claims_by_field(claims: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in claims:
        grouped[c["field"]].append(c)
    return dict(grouped)


def _documents(store: Store, doc_ids: Iterable[str]) -> dict[str, Document]:
    out: dict[str, Document] = {}
    for doc_id in dict.fromkeys(doc_ids):
        try:
            out[doc_id] = store.documents.get(doc_id)
        except NotFoundError:
            continue  # a mention outliving its document is shown without its source text
    return out


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """An event with its mentions, claims, sources (with their text and marks) and history."""
    event = store.events.get(event_id)
    mentions = store.mentions.get_many(event.mention_ids)
    docs = _documents(store, [m.doc_id for m in mentions])
    names = {d.id: d.name for d in docs.values()}
    claims = [claim_dict(c, names) for c in store.events.claims(event.id)]
    sources = []
    for doc_id, doc in docs.items():
        own = [m for m in mentions if m.doc_id == doc_id]
        spans = [(*loc, m.id) for m in own for loc in locate_tellings(doc.text, m)]
        sources.append({
            "document": document_dict(doc),
            "origins": store.documents.origins(doc_id),
            "mentions": [m.id for m in own],
            "segments": highlight_segments(doc.text, spans),
            "evidence": [{"mention_id": m.id, "text": m.evidence,
                          "start": loc[0] if (loc := locate_evidence(doc.text, m)) else None,
                          "end": loc[1] if loc else None} for m in own],
        })
    return {
        "event": event_dict(event),
        "mentions": [mention_dict(m) for m in mentions],
        "claims": claims,
        "claims_by_field": claims_by_field(claims),
        "sources": sources,
        "independent_sources": event.independent_sources,
        "history": store.events.history(event.id),
        "violations": [violation_dict(v) for v in violations_for_event(store, event.id)],
    }


def event_detail_json(detail: dict[str, Any]) -> dict[str, Any]:
    """The JSON twin of :func:`event_detail`: segments dropped, evidence offsets kept."""
    out = dict(detail)
    out["sources"] = [{k: v for k, v in s.items() if k != "segments"} for s in detail["sources"]]
    return out


def fatality_band(event: Event) -> tuple[int, int, int] | None:
    """(low, reported, high) for one event, or None when no figure is reported.

    "reported" is the best estimate where a source gives one, else the low end: "dozens dead"
    counts as 24, never as a made-up midpoint.
    """
    f = event.fatalities
    if not f.known:
        return None
    low = next(v for v in (f.low, f.best, f.high) if v is not None)
    high = next(v for v in (f.high, f.best, f.low) if v is not None)
    reported = f.best if f.best is not None else low
    return low, reported, max(high, low)


def event_list_item(event: Event) -> dict[str, Any]:
    """An event's flat dict plus what a list or map needs to show it."""
    row = event_dict(event)
    band = fatality_band(event)
    row["fatalities_display"] = (
        "" if band is None else str(band[1]) if band[0] == band[2] else f"{band[0]}–{band[2]}")
    row["fatality_band"] = list(band) if band else None
    row["what"] = what_label(event.native_type, event.sub_event_type)
    place = event.place
    row["where"] = ", ".join(x for x in (place.name if place else None,
                                         place.country if place else None) if x)
    row["kinetic"] = event.event_type in KINETIC_TYPES
    return row


def is_disputed(event: Event) -> bool:
    return bool(event.disputed_fields) or event.initiator_disputed


def disputes(store: Store, flt: EventFilter | None = None, *, limit: int | None = None,
             offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events with contested fields and, per field, who says what; with the total count."""
    disputed = [e for e in store.events.list(flt) if is_disputed(e)]
    total = len(disputed)
    page = disputed[offset:offset + limit if limit is not None else None]
    out = []
    for event in page:
        names: dict[str, str] = {}
        claims = store.events.claims(event.id)
        for doc in _documents(store, {c.doc_id for c in claims}).values():
            names[doc.id] = doc.name
        fields = list(event.disputed_fields)
        if event.initiator_disputed and "actor1" not in fields:
            fields.append("actor1")
        grouped = claims_by_field([claim_dict(c, names) for c in claims])
        out.append({
            "event": event_dict(event),
            "fields": fields,
            "claims": {f: grouped.get(f, []) for f in fields},
        })
    return out, total


# -- accords (written by the accords package; read defensively so the UI works without it) --

def accords_repo(store: Store) -> Any | None:
    return getattr(store, "accords", None)


def _call_list(fn: Any, **filters: Any) -> list[Any]:
    """Call a repository list method with only the filters its signature accepts."""
    try:
        params: Mapping[str, inspect.Parameter] = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return list(fn(**filters))
    return list(fn(**{k: v for k, v in filters.items() if k in params}))


def list_accords(store: Store) -> list[Accord]:
    repo = accords_repo(store)
    if repo is None:
        return []
    return [a for a in _call_list(repo.list) if isinstance(a, Accord)]


def get_accord(store: Store, accord_id: str) -> Accord:
    repo = accords_repo(store)
    if repo is None:
        raise NotFoundError(f"no accord {accord_id!r} (no accords are recorded in this build)")
    accord = repo.find(accord_id) if hasattr(repo, "find") else repo.get(accord_id)
    if accord is None:
        raise NotFoundError(f"no accord {accord_id!r}")
    return accord


def list_violations(store: Store, **filters: Any) -> list[Violation]:
    """Alleged violations; filters (``accord_id``, ``date_from``...) are passed when accepted."""
    repo = accords_repo(store)
    if repo is None:
        return []
    wanted = {k: v for k, v in filters.items() if v is not None}
    found = _call_list(repo.violations, **wanted)
    return [v for v in found if isinstance(v, Violation) and _violation_matches(v, wanted)]


def _violation_matches(v: Violation, filters: dict[str, Any]) -> bool:
    """Apply filters again here, in case the repository ignored one it does not know."""
    if "accord_id" in filters and v.accord_id != filters["accord_id"]:
        return False
    if "event_id" in filters and v.event_id != filters["event_id"]:
        return False
    if "verification" in filters and v.verification != filters["verification"]:
        return False
    if "date_from" in filters and (v.event_date is None or v.event_date < filters["date_from"]):
        return False
    return not ("date_to" in filters and (v.event_date is None
                                          or v.event_date > filters["date_to"]))


def violations_for_event(store: Store, event_id: str) -> list[Violation]:
    return list_violations(store, event_id=event_id)


def accord_summary(store: Store, accord: Accord, *, date_from: Any = None,
                   date_to: Any = None) -> dict[str, Any]:
    """An accord, its commitments and its alleged violations (optionally in a period)."""
    violations = list_violations(store, accord_id=accord.id, date_from=date_from,
                                 date_to=date_to)
    by_verification: dict[str, int] = defaultdict(int)
    for v in violations:
        by_verification[v.verification] += 1
    return {
        "accord": accord_dict(accord),
        "commitments": commitment_states(store, accord),
        "violations": [violation_dict(v) for v in violations],
        "violation_count": len(violations),
        "by_verification": dict(by_verification),
    }


def commitment_states(store: Store, accord: Accord) -> list[dict[str, Any]]:
    """Each commitment "holding" or "allegedly violated", from the accords package's summary."""
    try:
        from ceasewatch.accords.summary import commitment_states as states
    except ImportError:
        return []
    return [{"id": s.commitment.id, "kind": s.commitment.kind, "text": s.commitment.text,
             "state": s.state, "summary": s.describe(), "events": s.events,
             "by_party": s.by_party,
             "last_date": s.last_date.isoformat() if s.last_date else None}
            for s in states(store, accord)]
