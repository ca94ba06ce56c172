"""Full-text search in PostgreSQL: the ``fts`` tsvector of each document, and substrings.

The same contract as the SQLite search (``DocumentRepository.search``): every word required, a
trailing ``*`` a prefix, operators typed by a user taken as plain words, a snippet with the
matches in ``[brackets]``; words of scripts written without spaces (Chinese) are matched as
substrings, which the ``pg_trgm`` index answers where the extension is installed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
#: ts_headline's options: the same brackets, ellipsis and length as the SQLite snippet
_HEADLINE = ("StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1, "
             "FragmentDelimiter=\" … \"")


@dataclass(frozen=True, slots=True)
class PostgresHit:
    doc_id: str
    name: str
    title: str | None
    published: str | None
    snippet: str | None
    body: str | None
    rank: float


def tsquery(words: list[str]) -> str:
    """User words to a safe ``to_tsquery('simple', …)`` expression, all required.

    >>> tsquery(["clash*", "Spin", "Boldak's"])
    "'clash':* & 'spin' & 'boldak' & 's'"
    """
    terms = []
    for raw in words:
        prefix = raw.endswith("*")
        for word in _WORD.findall(raw):
            terms.append(f"'{word.lower()}'" + (":*" if prefix else ""))
    return " & ".join(terms)


def _like_pattern(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_postgres(db: Any, words: list[str], substrings: list[str], *, limit: int,
                    offset: int) -> list[PostgresHit]:
    query = tsquery(words)
    if not query and not substrings:
        return []
    conditions: list[str] = []
    params: list[object] = []
    snippet, rank = "NULL", "0"
    rank_params: list[object] = []
    if query:
        conditions.append("d.fts @@ to_tsquery('simple', ?)")
        params.append(query)
        snippet = (f"ts_headline('simple', d.text, to_tsquery('simple', ?), '{_HEADLINE}')")
        rank = "-ts_rank(d.fts, to_tsquery('simple', ?))"
        rank_params = [query]
    elif substrings:  # more occurrences first, as in SQLite
        rank = "-(" + " + ".join(
            "(length(d.text) - length(replace(d.text, ?, ''))) / ?" for _ in substrings) + ")"
        rank_params = [p for term in substrings for p in (term, len(term))]
    for term in substrings:
        conditions.append("(d.text LIKE ? ESCAPE '\\' OR coalesce(d.title, '') LIKE ? "
                          "ESCAPE '\\')")
        params += [_like_pattern(term)] * 2
    body = "d.text" if substrings else "NULL"
    sql = (f"SELECT d.id, d.name, d.title, d.published, {snippet} AS snip, {rank} AS rank, "
           f"{body} AS body FROM documents d WHERE {' AND '.join(conditions)} "
           "ORDER BY rank, d.rowid LIMIT ? OFFSET ?")
    snippet_params = [query] if query else []
    rows = db.query(sql, (*snippet_params, *rank_params, *params, limit, offset))
    return [PostgresHit(r["id"], r["name"], r["title"], r["published"], r["snip"], r["body"],
                        float(r["rank"])) for r in rows]
