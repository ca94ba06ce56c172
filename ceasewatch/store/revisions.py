"""Named queries over event revisions: each dated change of an event and its deletions.

Deletions are written by a trigger on ``events`` (migration 0008), so no code path that
deletes an event can forget to record it. Writes run inside ``db.atomic()``.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ceasewatch.records import Revision
from ceasewatch.store.codec import dumps
from ceasewatch.store.database import Database, now_iso
from ceasewatch.store.revision_chain import (
    KEYFRAME_EVERY,
    NO_SNAPSHOT_CAUSES,
    lean_columns,
    resolve_chain,
)

#: the rows of each asked event from its last stored snapshot on (see ``revision_chain``)
_TAIL = ("SELECT * FROM event_revisions r WHERE r.event_id IN ({marks}) AND r.id >= "
         "coalesce((SELECT max(k.id) FROM event_revisions k WHERE k.event_id = r.event_id "
         "AND (k.snapshot IS NOT NULL OR k.cause IN ('deleted', 'baseline'))), 0) "
         "ORDER BY r.event_id, r.id")


class RevisionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def latest(self, event_id: str) -> Revision | None:
        return self.latest_many([event_id]).get(event_id)

    def latest_many(self, event_ids: builtins.list[str]) -> dict[str, Revision]:
        return {e: chain[-1] for e, chain in self._tails(event_ids).items()}

    def _tails(self, event_ids: builtins.list[str]) -> dict[str, builtins.list[Revision]]:
        """Each event's revisions from its last stored snapshot on, rebuilt, oldest first."""
        if not event_ids:
            return {}
        marks = ", ".join("?" for _ in event_ids)
        return _chains(self.db.query(_TAIL.format(marks=marks), tuple(event_ids)))

    def add(self, event_id: str, cause: str, snapshot: dict[str, object] | None,
            changes: dict[str, tuple[object, object]], *, doc_id: str | None = None,
            note: str = "") -> int:
        """Store one revision; what the chain can rebuild exactly is not stored twice."""
        tail = self._tails([event_id]).get(event_id, [])
        previous = tail[-1].snapshot if tail else None
        keyframe = len(tail) >= KEYFRAME_EVERY
        snap_text, change_text = lean_columns(previous, snapshot, changes, keyframe=keyframe)
        if snap_text is None and snapshot is not None and cause in NO_SNAPSHOT_CAUSES:
            snap_text = dumps(snapshot)  # a NULL snapshot means "none" for these causes
        cur = self.db.conn.execute(
            "INSERT INTO event_revisions (event_id, at, cause, doc_id, note, snapshot, changes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (event_id, now_iso(), cause, doc_id, note, snap_text, change_text))
        return int(cur.lastrowid or 0)

    def history(self, event_ids: builtins.list[str]) -> builtins.list[Revision]:
        """Every revision of these ids (an event and the ids merged into it), oldest first."""
        if not event_ids:
            return []
        marks = ", ".join("?" for _ in event_ids)
        rows = self.db.query(f"SELECT * FROM event_revisions WHERE event_id IN ({marks}) "
                             "ORDER BY id", tuple(event_ids))
        found = [r for chain in _chains(rows).values() for r in chain]
        return sorted(found, key=lambda r: r.id)

    def deletions(self, since: datetime | None = None) -> builtins.list[Revision]:
        """Events deleted at or after ``since`` and not standing again since then."""
        sql = ("SELECT r.* FROM event_revisions r WHERE r.cause = 'deleted' AND NOT EXISTS "
               "(SELECT 1 FROM events e WHERE e.id = r.event_id)")
        params: tuple[object, ...] = ()
        if since is not None:
            sql += " AND r.at >= ?"
            params = (since.isoformat(timespec="seconds"),)
        rows = self.db.query(sql + " ORDER BY r.id", params)
        return [chain[0] for r in rows for chain in _chains([r]).values()]

    def aliases_of(self, event_id: str) -> builtins.list[str]:
        """The ids merged into this event (their history is part of its history)."""
        rows = self.db.query("SELECT old_id FROM event_aliases WHERE new_id = ?", (event_id,))
        return [str(r[0]) for r in rows]


def _chains(rows: Sequence[Any]) -> dict[str, builtins.list[Revision]]:
    """Rows of one or more events (each event's in id order, from a row that keeps its
    snapshot or from its first) rebuilt into whole revisions."""
    by_event: dict[str, builtins.list[Any]] = {}
    for r in rows:
        by_event.setdefault(r["event_id"], []).append(r)
    out: dict[str, builtins.list[Revision]] = {}
    for event_id, chain in by_event.items():
        out[event_id] = [
            Revision(id=int(r["id"]), event_id=r["event_id"],
                     at=datetime.fromisoformat(r["at"]), cause=r["cause"], doc_id=r["doc_id"],
                     note=r["note"] or "", snapshot=snap, changes=changes)
            for r, (snap, changes) in zip(chain, resolve_chain(chain), strict=True)]
    return out
