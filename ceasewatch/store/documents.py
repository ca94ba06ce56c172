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
        # by id (the primary key), else by name (indexed): `id = ? OR name = ?` read every row
        row = self.db.query_one("SELECT * FROM documents WHERE id = ?", (doc_id,)) \
            or self.db.query_one("SELECT * FROM documents WHERE name = ? LIMIT 1", (doc_id,))
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
        """FTS5 search with highlighted snippets; the query is taken as plain words.

        Words in scripts written without spaces (Chinese, Japanese; Korean with its particles)
        are matched as substrings: the ``unicode61`` tokenizer keeps a whole run of Han
        characters as one token, so "停火" would never match "双方同意维持停火" in the index.
        """
        words, substrings = split_query(query)
        if self.db.backend == "postgresql":
            from ceasewatch.store.postgres_search import search_postgres

            hits = search_postgres(self.db, words, substrings, limit=limit, offset=offset)
            return [SearchHit(h.doc_id, h.name, h.title, h.published,
                              _mark_substrings(h.snippet, h.body, substrings, words), h.rank)
                    for h in hits]
        match = fts_query(" ".join(words))
        if not match and not substrings:
            return []
        rank, rank_params = "0", []
        source, source_params = "documents d", []
        snippet = "NULL"
        if match:
            source = ("documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
                      "AND documents_fts MATCH ?")
            source_params = [match]
            snippet = f"snippet(documents_fts, 1, '[', ']', '{SNIPPET_ELLIPSIS}', 16)"
            rank = "bm25(documents_fts)"
        elif substrings:  # more occurrences first
            rank = "-(" + " + ".join(
                "(length(d.text) - length(replace(d.text, ?, ''))) / ?" for _ in substrings) + ")"
            rank_params = [p for term in substrings for p in (term, len(term))]
        where = " AND ".join("(instr(d.text, ?) > 0 OR instr(coalesce(d.title, ''), ?) > 0)"
                             for _ in substrings)
        where_params = [term for term in substrings for _ in range(2)]
        sql = (f"SELECT d.id, d.name, d.title, d.published, {snippet} AS snip, {rank} AS rank, "
               f"{'d.text' if substrings else 'NULL'} AS body FROM {source}"
               + (f" WHERE {where}" if where else "")
               + " ORDER BY rank, d.rowid LIMIT ? OFFSET ?")
        rows = self.db.query(sql, (*rank_params, *source_params, *where_params, limit, offset))
        return [SearchHit(r["id"], r["name"], r["title"], r["published"],
                          _mark_substrings(r["snip"], r["body"], substrings, words), r["rank"])
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
#: scripts written without spaces between words (and Hangul, whose particles attach to words)
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
SNIPPET_ELLIPSIS = " … "
#: characters of context either side of a substring match in a snippet
SNIPPET_CONTEXT = 40


def split_query(query: str) -> tuple[builtins.list[str], builtins.list[str]]:
    """The words of a query for the FTS index, and those to match as substrings (see
    :meth:`DocumentRepository.search`); a trailing ``*`` stays on an indexed word."""
    words, substrings = [], []
    for raw in query.split():
        found = _WORD.findall(raw)
        if any(_UNSPACED.search(w) for w in found):
            substrings += [w for w in found if w not in substrings]
        else:
            words.append(raw)
    return words, substrings


def _mark_substrings(snippet: str | None, text: str | None, terms: builtins.list[str],
                     words: builtins.list[str]) -> str:
    """The snippet with the substring terms marked ``[like this]``; when the index's snippet
    does not show them, a window of the text around the first one, the other words marked."""
    if not terms:
        return snippet or ""
    marks = [re.escape(t) for t in sorted(terms, key=len, reverse=True)]
    if snippet is None or not any(t in snippet for t in terms):
        body = text or ""
        first = min((i for i in (body.find(t) for t in terms) if i >= 0), default=0)
        start, end = max(0, first - SNIPPET_CONTEXT), min(len(body), first + 2 * SNIPPET_CONTEXT)
        snippet = " ".join((body[start:end]).split())
        snippet = ((SNIPPET_ELLIPSIS.lstrip() if start else "") + snippet
                   + (SNIPPET_ELLIPSIS.rstrip() if end < len(body) else ""))
        for raw in words:
            prefix = raw.endswith("*")
            marks += [rf"\b{re.escape(w)}" + (r"\w*" if prefix else r"\b")
                      for w in _WORD.findall(raw)]
    pattern = re.compile("|".join(marks), re.IGNORECASE)
    return pattern.sub(lambda m: f"[{m.group(0)}]", snippet)


def fts_query(query: str) -> str:
    """User words to a safe FTS5 expression: each word quoted, all required.

    A trailing ``*`` keeps prefix search ("clash*"); FTS operators typed by a user can't
    break the query.

        >>> fts_query('clash* "Spin_Boldak"')
        '"clash"* "Spin" "Boldak"'

    """
    terms = []
    for raw in query.split():
        prefix = raw.endswith("*")
        # "_" is a word character to Python and a separator to unicode61: split there too, so
        # that each quoted term is one token (the index keeps no positions for phrases)
        for word in _WORD.findall(raw.replace("_", " ")):
            terms.append(f'"{word}"' + ("*" if prefix else ""))
    return " ".join(terms)
