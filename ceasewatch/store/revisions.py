"""Named queries over event revisions: each dated change of an event and its deletions.

Deletions are written by a trigger on ``events`` (migration 0008), so no code path that
deletes an event can forget to record it. Writes run inside ``db.atomic()``.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from datetime import datetime

from ceasewatch.records import Revision
from ceasewatch.store.codec import dumps
from ceasewatch.store.database import Database, now_iso


class RevisionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def latest(self, event_id: str) -> Revision | None:
        row = self.db.query_one("SELECT * FROM event_revisions WHERE event_id = ? "
                                "ORDER BY id DESC LIMIT 1", (event_id,))
        return _revision(row) if row else None

    def latest_many(self, event_ids: builtins.list[str]) -> dict[str, Revision]:
        if not event_ids:
            return {}
        marks = ", ".join("?" for _ in event_ids)
        rows = self.db.query(
            f"SELECT * FROM event_revisions WHERE id IN (SELECT max(id) FROM event_revisions "
            f"WHERE event_id IN ({marks}) GROUP BY event_id)", tuple(event_ids))
        return {r["event_id"]: _revision(r) for r in rows}

    def add(self, event_id: str, cause: str, snapshot: dict[str, object] | None,
            changes: dict[str, tuple[object, object]], *, doc_id: str | None = None,
            note: str = "") -> int:
        cur = self.db.conn.execute(
            "INSERT INTO event_revisions (event_id, at, cause, doc_id, note, snapshot, changes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (event_id, now_iso(), cause, doc_id, note,
             None if snapshot is None else dumps(snapshot),
             dumps({k: list(v) for k, v in changes.items()})))
        return int(cur.lastrowid or 0)

    def history(self, event_ids: builtins.list[str]) -> builtins.list[Revision]:
        """Every revision of these ids (an event and the ids merged into it), oldest first."""
        if not event_ids:
            return []
        marks = ", ".join("?" for _ in event_ids)
        rows = self.db.query(f"SELECT * FROM event_revisions WHERE event_id IN ({marks}) "
                             "ORDER BY id", tuple(event_ids))
        return [_revision(r) for r in rows]

    def deletions(self, since: datetime | None = None) -> builtins.list[Revision]:
        """Events deleted at or after ``since`` and not standing again since then."""
        sql = ("SELECT r.* FROM event_revisions r WHERE r.cause = 'deleted' AND NOT EXISTS "
               "(SELECT 1 FROM events e WHERE e.id = r.event_id)")
        params: tuple[object, ...] = ()
        if since is not None:
            sql += " AND r.at >= ?"
            params = (since.isoformat(timespec="seconds"),)
        return [_revision(r) for r in self.db.query(sql + " ORDER BY r.id", params)]

    def aliases_of(self, event_id: str) -> builtins.list[str]:
        """The ids merged into this event (their history is part of its history)."""
        rows = self.db.query("SELECT old_id FROM event_aliases WHERE new_id = ?", (event_id,))
        return [str(r[0]) for r in rows]


def _revision(r: sqlite3.Row) -> Revision:
    changes = json.loads(r["changes"] or "{}")
    return Revision(
        id=int(r["id"]), event_id=r["event_id"], at=datetime.fromisoformat(r["at"]),
        cause=r["cause"], doc_id=r["doc_id"], note=r["note"] or "",
        snapshot=json.loads(r["snapshot"]) if r["snapshot"] else None,
        changes={k: (v[0], v[1]) for k, v in changes.items()})
