"""Fused events with their export context, streamed a page at a time, and the shared cells.

Every format is a function of one :class:`ExportItem`; the store is read in pages (events, then
one batch query for their sources, disputes and ledger entries), so exporting 20,000 events
never holds them all in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ceasewatch.exports.codes import CEASEFIRE_VIOLATION, PloverCode, plover_codes
from ceasewatch.records import Event
from ceasewatch.store.export_queries import DisputedValue, ExportContext

if TYPE_CHECKING:
    from ceasewatch.store import EventFilter, Store

PAGE = 500


@dataclass(frozen=True, slots=True)
class ExportItem:
    event: Event
    context: ExportContext

    @property
    def cameo(self) -> str | None:
        """The event's CAMEO code, or 196 "violate ceasefire" when the ledger says so."""
        if self.context.violates_ceasefire and self.event.event_type in (
                "Battles", "Explosions/Remote violence", "Violence against civilians"):
            return CEASEFIRE_VIOLATION
        return self.event.cameo

    @property
    def plover(self) -> PloverCode | None:
        """PLOVER's reading of the CAMEO code; a ceasefire violation keeps its own mode
        (a shelling stays ``heavy-weapons``) and adds PLOVER's contexts of 196."""
        codes = plover_codes()
        own = codes.get(self.event.cameo or "")
        if self.cameo != CEASEFIRE_VIOLATION:
            return own
        violation = codes[CEASEFIRE_VIOLATION]
        contexts = tuple(dict.fromkeys((*violation.context, *(own.context if own else ()))))
        return PloverCode(violation.cameo, violation.plover, own.mode if own else "",
                          contexts, violation.label)


def iter_items(store: Store, flt: EventFilter | None = None, *,
               limit: int | None = None) -> Iterator[ExportItem]:
    offset = 0
    while limit is None or offset < limit:
        size = PAGE if limit is None else min(PAGE, limit - offset)
        events = store.events.list(flt, limit=size, offset=offset)
        if not events:
            return
        if flt is not None and flt.review_state == "verified":
            # a verified-only export adds only the figures analysts verified
            from ceasewatch.review.publish import published_event

            events = [published_event(store, e) for e in events]
        contexts = store.exports.contexts(e.id for e in events)
        for e in events:
            yield ExportItem(e, contexts.get(e.id, ExportContext(None)))
        offset += len(events)
        if len(events) < size:
            return


def describe_value(field: str, value: object) -> str:
    """One claimed value as a reader would say it.

    >>> describe_value("fatalities", {"low": 4, "best": 4, "high": 4})
    '4'
    >>> describe_value("actor1", {"name": None, "side": "PK", "contested": True})
    'PK'
    """
    if isinstance(value, dict):
        if field in ("fatalities", "injuries"):
            low, best, high = value.get("low"), value.get("best"), value.get("high")
            if best is not None and low in (None, best) and high in (None, best):
                return str(best)
            return f"{'?' if low is None else low}-{'?' if high is None else high}"
        return str(value.get("name") or value.get("side") or "unknown")
    return str(value)


def dispute_notes(disputes: tuple[DisputedValue, ...]) -> str:
    """``Disputed fatalities: 0 (Afghan military, seed004); 5 (local officials, seed001).``"""
    by_field: dict[str, list[str]] = {}
    for d in disputes:
        who = ", ".join(x for x in (d.claimant or "unattributed", d.document) if x)
        by_field.setdefault(d.field, []).append(f"{describe_value(d.field, d.value)} ({who})")
    return " ".join(f"Disputed {field}: {'; '.join(dict.fromkeys(values))}."
                    for field, values in by_field.items())


def joined(values: Iterable[object]) -> str | None:
    """Distinct values, in order, "; "-separated; None when there are none."""
    return "; ".join(dict.fromkeys(str(v) for v in values if v)) or None
