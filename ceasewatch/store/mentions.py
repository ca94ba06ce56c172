"""Named queries over event mentions (the output of extraction)."""

from __future__ import annotations

import builtins
from collections.abc import Iterable

from ceasewatch.records import Mention
from ceasewatch.store.codec import insert_sql, mention_from_row, mention_row
from ceasewatch.store.database import Database


class MentionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def replace_for_document(self, doc_id: str, mentions: Iterable[Mention]) -> int:
        """Store a document's mentions, replacing earlier extraction output for it.

        Idempotent: extracting the same document twice gives the same mention ids and rows.
        Call inside ``db.atomic()``.
        """
        conn = self.db.conn
        conn.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        n = 0
        for m in mentions:
            sql, params = insert_sql("mentions", mention_row(m), or_replace=True)
            conn.execute(sql, params)
            n += 1
        return n

    def for_document(self, doc_id: str) -> builtins.list[Mention]:
        rows = self.db.query("SELECT * FROM mentions WHERE doc_id = ? ORDER BY evidence_start",
                             (doc_id,))
        return [mention_from_row(r) for r in rows]

    def get_many(self, ids: Iterable[str]) -> builtins.list[Mention]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = self.db.query(f"SELECT * FROM mentions WHERE id IN ({marks})", tuple(ids))
        by_id = {r["id"]: mention_from_row(r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def list(self, *, limit: int | None = None, offset: int = 0) -> builtins.list[Mention]:
        sql = ("SELECT * FROM mentions ORDER BY event_date IS NULL, event_date, doc_name, "
               "evidence_start")
        params: tuple[object, ...] = ()
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = (limit, offset)
        return [mention_from_row(r) for r in self.db.query(sql, params)]

    def count(self) -> int:
        row = self.db.query_one("SELECT count(*) FROM mentions")
        return int(row[0]) if row else 0
