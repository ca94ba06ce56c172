"""Named queries over documents, their origins, full-text search and rejections."""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass
from typing import Literal

from ceasewatch.errors import NotFoundError
from ceasewatch.records import Document, Rejection
from ceasewatch.store.codec import document_from_row, document_row, insert_sql
from ceasewatch.store.database import Database, now_iso

AddOutcome = Literal["added", "known"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc_id: str
    name: str
    title: str | None
    published: str | None
    snippet: str
    rank: float


class DocumentRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, doc: Document) -> AddOutcome:
        """Store a document unless its content is already known; record the origin either way.

        Must be called inside ``db.atomic()`` by the caller that also stores what is derived
        from the document, so that a document never lands without its mentions.
        """
        conn = self.db.conn
        seen = now_iso()
        exists = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if not exists:
            sql, params = insert_sql("documents", document_row(doc, seen))
            conn.execute(sql, params)
        conn.execute("INSERT OR IGNORE INTO document_origins VALUES (?, ?, ?)",
                     (doc.id, doc.origin, seen))
        return "known" if exists else "added"

    def get(self, doc_id: str) -> Document:
        row = self.db.query_one("SELECT * FROM documents WHERE id = ? OR name = ? "
                                "ORDER BY id = ? DESC LIMIT 1", (doc_id, doc_id, doc_id))
        if row is None:
            row = self.db.query_one("SELECT * FROM documents WHERE id LIKE ? LIMIT 2",
                                    (doc_id + "%",)) if len(doc_id) >= 6 else None
        if row is None:
            raise NotFoundError(f"no document {doc_id!r}")
        return document_from_row(row)

    def exists(self, doc_id: str) -> bool:
        return self.db.query_one("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def list(self, *, limit: int | None = None, offset: int = 0) -> builtins.list[Document]:
        sql = "SELECT * FROM documents ORDER BY published IS NULL, published, name"
        params: tuple[object, ...] = ()
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = (limit, offset)
        return [document_from_row(r) for r in self.db.query(sql, params)]

    def count(self) -> int:
        row = self.db.query_one("SELECT count(*) FROM documents")
        return int(row[0]) if row else 0

    def origins(self, doc_id: str) -> builtins.list[str]:
        return [r[0] for r in self.db.query(
            "SELECT origin FROM document_origins WHERE doc_id = ? ORDER BY seen_at", (doc_id,))]

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> builtins.list[SearchHit]:
        """FTS5 search with highlighted snippets; the query is taken as plain words."""
        match = fts_query(query)
        if not match:
            return []
        rows = self.db.query(
            "SELECT d.id, d.name, d.title, d.published, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snip, bm25(documents_fts) AS rank "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?",
            (match, limit, offset))
        return [SearchHit(r["id"], r["name"], r["title"], r["published"], r["snip"], r["rank"])
                for r in rows]

    # -- rejections ----------------------------------------------------------------------
    def reject(self, rejection: Rejection) -> None:
        with self.db.atomic() as conn:
            conn.execute(
                "INSERT INTO rejections (origin, reason, stage, line, field, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (rejection.origin, rejection.reason, rejection.stage, rejection.line,
                 rejection.field, now_iso()))

    def rejections(self, *, limit: int = 100) -> builtins.list[Rejection]:
        rows = self.db.query("SELECT * FROM rejections ORDER BY id DESC LIMIT ?", (limit,))
        return [Rejection(origin=r["origin"], reason=r["reason"], stage=r["stage"],
                          line=r["line"], field=r["field"]) for r in rows]


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(query: str) -> str:
    """User words to a safe FTS5 expression: each word quoted, all required.

    A trailing ``*`` keeps prefix search ("clash*"); FTS operators typed by a user can't
    break the query.
    """
    terms = []
    for raw in query.split():
        prefix = raw.endswith("*")
        for word in _WORD.findall(raw):
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)
