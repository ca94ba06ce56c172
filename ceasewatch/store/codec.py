"""Records to rows and back: the only place that knows how a record is laid out in a table."""

from __future__ import annotations

import functools
import json
import sqlite3
from datetime import date, datetime
from typing import Any

from ceasewatch.placenames import norm_name
from ceasewatch.records import (
    Actor,
    Casualties,
    Document,
    Event,
    Mention,
    Place,
)


def d2s(value: date | None) -> str | None:
    return value.isoformat() if value else None


def s2d(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def s2dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def actor_to_json(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return dumps({"name": actor.name, "kind": actor.kind, "country": actor.country,
                  "side": actor.side})


@functools.lru_cache(maxsize=4096)
def actor_from_json(text: str | None) -> Actor | None:
    """An actor column back to its (frozen, so shareable) record; a list page names the same
    few actors over and over, so each distinct text is parsed once."""
    if not text:
        return None
    data = json.loads(text)
    return Actor(name=data["name"], kind=data.get("kind") or "other",
                 country=data.get("country"), side=data.get("side"))


def place_columns(place: Place | None) -> dict[str, Any]:
    p = place or Place(name="")
    return {"location": p.name or None, "country": p.country, "admin1": p.admin1,
            "latitude": p.latitude, "longitude": p.longitude, "geo_precision": p.precision,
            "place_source": p.source}


def place_from_row(row: sqlite3.Row) -> Place | None:
    if not row["location"] and not row["country"] and not row["admin1"]:
        return None
    return Place(name=row["location"] or "", country=row["country"], admin1=row["admin1"],
                 latitude=row["latitude"], longitude=row["longitude"],
                 precision=row["geo_precision"], source=row["place_source"])


def casualty_columns(prefix: str, c: Casualties) -> dict[str, Any]:
    return {f"{prefix}_low": c.low, f"{prefix}_best": c.best, f"{prefix}_high": c.high}


def casualties_from_row(row: sqlite3.Row, prefix: str) -> Casualties:
    return Casualties(low=row[f"{prefix}_low"], best=row[f"{prefix}_best"],
                      high=row[f"{prefix}_high"])


# -- documents -----------------------------------------------------------------------------
def document_row(doc: Document, ingested_at: str) -> dict[str, Any]:
    return {
        "id": doc.id, "name": doc.name, "origin": doc.origin, "format": doc.format,
        "title": doc.title, "outlet": doc.outlet, "authors": dumps(list(doc.authors)),
        "url": doc.url, "published": d2s(doc.published),
        "published_precision": doc.published_precision,
        "published_source": doc.published_source, "language": doc.language,
        "note": doc.note, "size": doc.size, "ingested_at": ingested_at, "text": doc.text,
    }


def document_from_row(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"], text=row["text"], origin=row["origin"], name=row["name"],
        format=row["format"], title=row["title"], outlet=row["outlet"],
        authors=tuple(json.loads(row["authors"] or "[]")), url=row["url"],
        published=s2d(row["published"]), published_precision=row["published_precision"],
        published_source=row["published_source"], language=row["language"],
        ingested_at=s2dt(row["ingested_at"]), note=row["note"],
    )


# -- mentions ------------------------------------------------------------------------------
def mention_row(m: Mention) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": m.id, "doc_id": m.doc_id, "doc_name": m.doc_name, "native_type": m.native_type,
        "event_type": m.event_type, "sub_event_type": m.sub_event_type, "cameo": m.cameo,
        "plover": m.plover, "event_date": d2s(m.event_date), "event_end": d2s(m.event_end),
        "date_precision": m.date_precision, "actor1": actor_to_json(m.actor1),
        "actor2": actor_to_json(m.actor2),
        "claimed_by": dumps(list(m.claimed_by)), "initiator_disputed": int(m.initiator_disputed),
        "evidence": m.evidence, "evidence_start": m.evidence_start,
        "evidence_end": m.evidence_end, "language": m.language, "confidence": m.confidence,
        "attributes": dumps([list(kv) for kv in m.attributes]),
    }
    row.update(place_columns(m.place))
    row.update(casualty_columns("fatalities", m.fatalities))
    row.update(casualty_columns("injuries", m.injuries))
    return row


def mention_from_row(row: sqlite3.Row) -> Mention:
    return Mention(
        id=row["id"], doc_id=row["doc_id"], doc_name=row["doc_name"],
        native_type=row["native_type"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], cameo=row["cameo"], plover=row["plover"],
        event_date=s2d(row["event_date"]), event_end=s2d(row["event_end"]),
        date_precision=row["date_precision"], actor1=actor_from_json(row["actor1"]),
        actor2=actor_from_json(row["actor2"]), place=place_from_row(row),
        fatalities=casualties_from_row(row, "fatalities"),
        injuries=casualties_from_row(row, "injuries"),
        claimed_by=tuple(json.loads(row["claimed_by"] or "[]")),
        initiator_disputed=bool(row["initiator_disputed"]), evidence=row["evidence"],
        evidence_start=row["evidence_start"], evidence_end=row["evidence_end"],
        language=row["language"], confidence=row["confidence"],
        attributes=tuple((k, v) for k, v in json.loads(row["attributes"] or "[]")),
    )


# -- events --------------------------------------------------------------------------------
def event_row(e: Event) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": e.id, "native_type": e.native_type, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type, "cameo": e.cameo, "plover": e.plover,
        "event_date": d2s(e.event_date), "event_end": d2s(e.event_end),
        "date_precision": e.date_precision, "actor1": actor_to_json(e.actor1),
        "actor2": actor_to_json(e.actor2), "sources": dumps(list(e.sources)),
        "independent_sources": e.independent_sources,
        "disputed_fields": dumps(list(e.disputed_fields)),
        "initiator_disputed": int(e.initiator_disputed),
    }
    row.update(place_columns(e.place))
    # the name as fusion compares it (0012): the spatial candidate lookup keeps same-named
    # sites in SQL; written here, with the place, by every write of an event
    row["place_key"] = norm_name(e.place.name if e.place else None) or None
    row.update(casualty_columns("fatalities", e.fatalities))
    row.update(casualty_columns("injuries", e.injuries))
    return row


def event_from_row(row: sqlite3.Row, mention_ids: tuple[str, ...] = ()) -> Event:
    return Event(
        id=row["id"], native_type=row["native_type"], event_type=row["event_type"],
        sub_event_type=row["sub_event_type"], cameo=row["cameo"], plover=row["plover"],
        event_date=s2d(row["event_date"]), event_end=s2d(row["event_end"]),
        date_precision=row["date_precision"], actor1=actor_from_json(row["actor1"]),
        actor2=actor_from_json(row["actor2"]), place=place_from_row(row),
        fatalities=casualties_from_row(row, "fatalities"),
        injuries=casualties_from_row(row, "injuries"), mention_ids=mention_ids,
        sources=tuple(json.loads(row["sources"] or "[]")),
        independent_sources=row["independent_sources"],
        disputed_fields=tuple(json.loads(row["disputed_fields"] or "[]")),
        initiator_disputed=bool(row["initiator_disputed"]),
    )


def insert_sql(table: str, row: dict[str, Any], *,
               or_replace: bool = False) -> tuple[str, list[Any]]:
    cols = list(row)
    verb = "INSERT OR REPLACE" if or_replace else "INSERT"
    sql = f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
    return sql, [row[c] for c in cols]


#: bytes of one MinHash value as computed (``<u8``) and as stored when it fits (``<u4``)
_WIDE, _NARROW = 8, 4


def narrow_signature(signature: bytes) -> bytes:
    """A MinHash signature of little-endian 64-bit values in 4 bytes each, when every value
    fits (datasketch keeps them below 2^32); otherwise unchanged. ``widen_signature`` with
    the number of values gives back the very same bytes."""
    if len(signature) % _WIDE:
        return signature
    high = b"\0" * (_WIDE - _NARROW)
    parts = [signature[i:i + _NARROW] for i in range(0, len(signature), _WIDE)]
    if any(signature[i + _NARROW:i + _WIDE] != high for i in range(0, len(signature), _WIDE)):
        return signature
    return b"".join(parts)


def widen_signature(stored: bytes, num_perm: int) -> bytes:
    """The signature as computed, from what the store kept (see :func:`narrow_signature`)."""
    if num_perm <= 0 or len(stored) != num_perm * _NARROW:
        return stored
    high = b"\0" * (_WIDE - _NARROW)
    return b"".join(stored[i:i + _NARROW] + high for i in range(0, len(stored), _NARROW))
