"""What the exports need beyond an event's own row, read in one batch per page of events.

An ACLED row names its sources and holds the disputes in ``notes``; a UCDP row names the
articles; every format carries ``updated_at`` for incremental pulls and the CAMEO code 196
("violate ceasefire") where the accords ledger records an alleged violation of a cessation
of hostilities. Reading these per event would be one query per row; these are one per page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ceasewatch.records import Claim
from ceasewatch.store.codec import s2d, s2dt
from ceasewatch.store.database import Database

#: commitment kinds whose alleged violation is a ceasefire violation (CAMEO 196)
CEASEFIRE_KINDS = ("cessation_of_hostilities",)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    name: str
    title: str | None
    outlet: str | None
    published: date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class DisputedValue:
    field: str
    value: object
    claimant: str | None
    document: str


@dataclass(frozen=True, slots=True)
class ExportContext:
    """Everything about one event that its row in ``events`` does not hold."""

    updated_at: datetime | None
    documents: tuple[SourceDocument, ...] = ()
    disputes: tuple[DisputedValue, ...] = ()
    violates_ceasefire: bool = False
    #: the event's fatality claims that say whose dead each figure counts (``by_side``)
    fatality_splits: tuple[Claim, ...] = ()


class ExportQueries:
    def __init__(self, db: Database) -> None:
        self.db = db

    def contexts(self, event_ids: Iterable[str]) -> dict[str, ExportContext]:
        ids = list(dict.fromkeys(event_ids))
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        params = tuple(ids)
        updated = {r[0]: s2dt(r[1]) for r in self.db.query(
            f"SELECT id, updated_at FROM events WHERE id IN ({marks})", params)}
        docs: dict[str, list[SourceDocument]] = {i: [] for i in ids}
        for r in self.db.query(
                f"SELECT DISTINCT em.event_id, d.name, d.title, d.outlet, d.published, d.url "
                f"FROM event_mentions em JOIN mentions m ON m.id = em.mention_id "
                f"JOIN documents d ON d.id = m.doc_id WHERE em.event_id IN ({marks}) "
                f"ORDER BY em.event_id, d.published, d.name", params):
            docs[r[0]].append(SourceDocument(r[1], r[2], r[3], s2d(r[4]), r[5]))
        disputes: dict[str, list[DisputedValue]] = {i: [] for i in ids}
        for r in self.db.query(
                f"SELECT c.event_id, c.field, c.value, c.claimant, d.name FROM claims c "
                f"JOIN events e ON e.id = c.event_id LEFT JOIN documents d ON d.id = c.doc_id "
                f"WHERE c.event_id IN ({marks}) AND (e.disputed_fields LIKE '%\"' || c.field "
                f"|| '\"%' OR (c.field = 'actor1' AND e.initiator_disputed = 1)) "
                f"ORDER BY c.event_id, c.field, c.id", params):
            disputes[r[0]].append(DisputedValue(r[1], _value(r[2]), r[3], r[4] or ""))
        kinds = ",".join("?" for _ in CEASEFIRE_KINDS)
        violating = {r[0] for r in self.db.query(
            f"SELECT DISTINCT v.event_id FROM violations v JOIN commitments c "
            f"ON c.id = v.commitment_id WHERE v.event_id IN ({marks}) AND c.kind IN ({kinds})",
            (*params, *CEASEFIRE_KINDS))}
        splits: dict[str, list[Claim]] = {i: [] for i in ids}
        for r in self.db.query(
                f"SELECT event_id, value, claimant, doc_id, mention_id FROM claims "
                f"WHERE event_id IN ({marks}) AND field = 'fatalities' "
                f"AND value LIKE '%\"by_side\"%' ORDER BY event_id, id", params):
            splits[r[0]].append(Claim(event_id=r[0], field="fatalities", value=r[1],
                                      claimant=r[2], doc_id=r[3], mention_id=r[4],
                                      evidence=""))
        return {i: ExportContext(updated.get(i), tuple(docs[i]), tuple(disputes[i]),
                                 i in violating, tuple(splits[i])) for i in ids}


def _value(text: str) -> object:
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text
