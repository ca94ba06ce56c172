"""Flat, JSON-ready dicts of records: the one shape shared by JSON lines, the CLI and the API.

The flat mention/event shape uses the field names of ``seeds.gold.jsonl`` and ACLED
(``event_type``, ``sub_event_type``, ``actor1``, ``country``, ``admin1``, ``location``,
``fatalities_low``/``fatalities``/``fatalities_high``), so a prediction file can be scored
directly by ``score.py``.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from ceasewatch.nlp.taxonomy import what_label
from ceasewatch.records import (
    Accord,
    Actor,
    Alert,
    AlertRule,
    Casualties,
    Commitment,
    Document,
    Event,
    Mention,
    Place,
    Violation,
    WatchedSource,
)


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, tuples to lists, records to dicts, recursively."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def casualty_text(low: int | None, best: int | None, high: int | None) -> str:
    """A toll as a reader sees it: "5", "at least 24", "up to 30", "200–230 (best 215)"; ""
    when no figure is known. Never "24–?": an open upper bound is "at least".

    >>> casualty_text(24, None, None), casualty_text(5, 5, 5), casualty_text(0, 2, 4)
    ('at least 24', '5', '0–4 (best 2)')
    """
    if best is not None and low in (None, best) and high in (None, best):
        return str(best)
    if high is None and (low is not None or best is not None):
        floor = low if low is not None else best
        return f"at least {floor}" + (f" (best {best})" if best not in (None, floor) else "")
    if low is None and high is not None:
        return f"up to {high}" + (f" (best {best})" if best is not None else "")
    if low is None:
        return ""
    return f"{low}–{high}" + (f" (best {best})" if best is not None else "")


def by_side_text(parts: list[dict[str, Any]] | None) -> str:
    """The UCDP-style parts of a toll: "23 PK, 200 AF, 4 civilians, 3 unknown"."""
    return ", ".join(f"{p.get('count')} {p.get('side') or 'unknown'}" for p in parts or ())


def reported_as(text: str, figure: str) -> str:
    """ "at least 24 (reported as 'dozens')" when the words that state a toll are not its
    figure; the figure alone otherwise."""
    words = " ".join(text.split())
    if not words or words == figure or words.isdigit():
        return figure
    return f"{figure} (reported as '{words}')"


def document_dict(doc: Document, *, with_text: bool = False) -> dict[str, Any]:
    out = jsonable(doc)
    if not with_text:
        out.pop("text", None)
    out["size"] = doc.size
    return dict(out)


def _actor_name(actor: Actor | None) -> str | None:
    return actor.name if actor else None


def _place_fields(place: Place | None) -> dict[str, Any]:
    p = place or Place(name="")
    return {
        "location": p.name or None,
        "country": p.country,
        "admin1": p.admin1,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "geo_precision": p.precision,
    }


def _casualty_fields(prefix: str, c: Casualties) -> dict[str, Any]:
    best_key = "fatalities" if prefix == "fatalities" else prefix
    if prefix == "fatalities":
        return {"fatalities_low": c.low, "fatalities": c.best, "fatalities_high": c.high}
    return {f"{best_key}_low": c.low, best_key: c.best, f"{best_key}_high": c.high}


def mention_dict(m: Mention) -> dict[str, Any]:
    """The extraction output line: one event mention, scoreable by ``score.py``."""
    out: dict[str, Any] = {
        "id": m.id,
        "doc": m.doc_name,
        "doc_id": m.doc_id,
        "event_date": jsonable(m.event_date),
        "event_end": jsonable(m.event_end),
        "date_precision": m.date_precision,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "native_type": m.native_type,
        "what": what_label(m.native_type, m.sub_event_type),
        "cameo": m.cameo,
        "plover": m.plover,
        "actor1": _actor_name(m.actor1),
        "actor1_side": m.actor1.side if m.actor1 else None,
        "actor2": _actor_name(m.actor2),
        "actor2_side": m.actor2.side if m.actor2 else None,
    }
    out.update(_place_fields(m.place))
    out.update(_casualty_fields("fatalities", m.fatalities))
    out.update(_casualty_fields("injuries", m.injuries))
    out.update({
        "claimed_by": list(m.claimed_by),
        "initiator_disputed": m.initiator_disputed,
        "evidence": m.evidence,
        "evidence_start": m.evidence_start,
        "evidence_end": m.evidence_end,
        # every telling of the event in the document, the evidence first: a bilingual
        # article's mention carries its Chinese sentence too
        "evidences": [{"language": e.language, "text": e.text,
                       "start": e.start if e.start >= 0 else None,
                       "end": e.end if e.end >= 0 else None} for e in m.evidence_spans()],
        "language": m.language,
        "confidence": m.confidence,
        "round": _round(m),
        "attributes": dict(m.attributes),
    })
    return out


def _round(m: Mention) -> int | None:
    """Which round of talks the report says it was ("the third round" -> 3), else None."""
    value = m.attribute("round")
    return int(value) if value and value.isdigit() else None


def event_dict(e: Event) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id,
        "event_date": jsonable(e.event_date),
        "event_end": jsonable(e.event_end),
        "date_precision": e.date_precision,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "native_type": e.native_type,
        "what": what_label(e.native_type, e.sub_event_type),
        "cameo": e.cameo,
        "plover": e.plover,
        "actor1": _actor_name(e.actor1),
        "actor2": _actor_name(e.actor2),
    }
    out.update(_place_fields(e.place))
    out.update(_casualty_fields("fatalities", e.fatalities))
    out.update(_casualty_fields("injuries", e.injuries))
    out.update({
        "sources": list(e.sources),
        "independent_sources": e.independent_sources,
        "mentions": list(e.mention_ids),
        "disputed_fields": list(e.disputed_fields),
        "initiator_disputed": e.initiator_disputed,
    })
    return out


def accord_dict(a: Accord) -> dict[str, Any]:
    return dict(jsonable(a))


def commitment_dict(c: Commitment) -> dict[str, Any]:
    return dict(jsonable(c))


def violation_dict(v: Violation) -> dict[str, Any]:
    return dict(jsonable(v))


def source_dict(s: WatchedSource) -> dict[str, Any]:
    from ceasewatch.watch.schedule import format_interval

    def iso(value: Any) -> str | None:
        return value.isoformat(timespec="seconds") if value is not None else None

    return {"id": s.id, "name": s.name, "url": s.url, "kind": s.kind, "language": s.language,
            "every": format_interval(s.every_s), "full_articles": s.full_articles,
            "next_due": iso(s.next_due), "failures": s.failures,
            "last_polled": iso(s.last_polled), "last_status": s.last_status,
            "last_error": s.last_error, "last_ok": iso(s.last_ok), "etag": s.etag,
            "last_modified": s.last_modified}


def alert_dict(a: Alert) -> dict[str, Any]:
    return {"key": a.key, "rule": a.rule_id, "event_id": a.event_id,
            "created_at": a.created_at.isoformat(), "title": a.title, "webhook": a.webhook,
            "delivered_at": a.delivered_at.isoformat() if a.delivered_at else None,
            "attempts": a.attempts, "last_error": a.last_error, "payload": a.payload}


def rule_dict(r: AlertRule) -> dict[str, Any]:
    return {"id": r.id, "kind": r.kind, "params": r.params, "webhook": r.webhook}
