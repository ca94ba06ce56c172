"""The violation ledger as flat rows: what the CLI's table, the ``/violations`` page and its
JSON twin all show — each alleged violation with its commitment (kind and text), accuser,
accused, verification, evidence and the event's summary.

    >>> rows = ledger_rows(store, accord_id="doha-2025-10-19", party="PK")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ceasewatch.errors import NotFoundError
from ceasewatch.export import violation_dict

if TYPE_CHECKING:
    from ceasewatch.store import Store


def ledger_rows(store: Store, *, accord_id: str | None = None,
                party: str | None = None) -> list[dict[str, Any]]:
    """The ledger as flat dicts, oldest first; an unknown accord id is an error."""
    if accord_id is not None:
        store.accords.get(accord_id)  # an unknown id is an error, not an empty ledger
    kinds: dict[str, str] = {}
    texts: dict[str, str] = {}
    names: dict[str, str] = {}
    for accord in store.accords.list():
        names[accord.id] = accord.name
        kinds.update({c.id: c.kind for c in accord.commitments})
        texts.update({c.id: c.text for c in accord.commitments})
    rows = []
    ledger = store.accords.violations(accord_id=accord_id, party=party)
    counters = store.accords.counter_events(v.id for v in ledger)
    for v in ledger:
        row = violation_dict(v)
        row["commitment"] = kinds.get(v.commitment_id, v.commitment_id)
        row["commitment_text"] = texts.get(v.commitment_id)
        row["accord_name"] = names.get(v.accord_id, v.accord_id)
        # the event holding the mirrored accusation, when the dispute spans two events
        row["counter_event"] = counters.get(v.id)
        try:
            event = store.events.get(v.event_id)
        except NotFoundError:
            event = None
        row["native_type"] = event.native_type if event else None
        row["location"] = event.place.name if event and event.place else None
        row["sources"] = list(event.sources) if event else []
        rows.append(row)
    return rows
