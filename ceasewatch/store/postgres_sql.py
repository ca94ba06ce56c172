"""SQLite-flavoured statements of the repositories, said in PostgreSQL's dialect.

The repositories write one SQL for both backends, in the common subset plus a few SQLite
forms that have a mechanical PostgreSQL equivalent: ``?`` placeholders, ``INSERT OR IGNORE``
and ``INSERT OR REPLACE`` (an upsert on the table's primary key), ``INDEXED BY`` hints and a
comparison of a truth value with 0 or 1. What has no mechanical equivalent (full-text search,
integrity checks, backups) has its own PostgreSQL code in the store, never a translation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: a quoted string literal, kept as it is ('' is an escaped quote inside it)
_LITERAL = re.compile(r"'(?:[^']|'')*'")
_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)\s*(\(([^)]*)\))?",
                        re.IGNORECASE | re.DOTALL)
_INDEXED_BY = re.compile(r"\s+INDEXED\s+BY\s+\w+", re.IGNORECASE)
_TRUTH_AS_INT = re.compile(r"(IS\s+(?:NOT\s+)?NULL\))\s*=\s*([01])\b", re.IGNORECASE)
_SCALAR_MIN = re.compile(r"\bmin\(\?,", re.IGNORECASE)
_NAMED = re.compile(r"(?<!:):([A-Za-z_]\w*)")


@dataclass(frozen=True, slots=True)
class TableShape:
    """What an upsert needs to know of a table: its columns in order and its primary key."""

    columns: tuple[str, ...]
    key: tuple[str, ...]
    identity: str | None = None  # a column numbered by the database (SQLite's INTEGER PK)


def translate(sql: str, tables: Mapping[str, TableShape], *, named: bool = False,
              placeholders: bool = True) -> str:
    """``sql`` for psycopg.

    >>> shapes = {"event_aliases": TableShape(("old_id", "new_id", "at"), ("old_id",))}
    >>> translate("INSERT OR REPLACE INTO event_aliases (old_id, new_id, at) VALUES (?, ?, ?)",
    ...           shapes)
    'INSERT INTO event_aliases (old_id, new_id, at) VALUES (%s, %s, %s) ON CONFLICT (old_id) \
DO UPDATE SET new_id = EXCLUDED.new_id, at = EXCLUDED.at'
    >>> translate("SELECT 1 FROM documents WHERE id LIKE ? AND note = '50%?'", {})
    "SELECT 1 FROM documents WHERE id LIKE %s AND note = '50%%?'"
    """
    suffix = ""
    match = _INSERT_OR.match(sql)
    if match:
        verb, table, listed = match.group(1).upper(), match.group(2), match.group(4)
        sql = sql[:match.start()] + f"INSERT INTO {table}" + (
            f" ({listed})" if listed is not None else "") + " " + sql[match.end():].lstrip()
        if verb == "IGNORE":
            suffix = " ON CONFLICT DO NOTHING"
        else:
            suffix = _upsert_clause(table, listed, tables)
    sql = _INDEXED_BY.sub("", sql)
    sql = _TRUTH_AS_INT.sub(lambda m: f"{m.group(1)} = {'true' if m.group(2) == '1' else 'false'}",
                            sql)
    sql = _SCALAR_MIN.sub("least(?,", sql)
    if placeholders:
        sql = _outside_literals(sql, named)
    return sql.rstrip().rstrip(";") + suffix


def _upsert_clause(table: str, listed: str | None, tables: Mapping[str, TableShape]) -> str:
    shape = tables.get(table)
    if shape is None or not shape.key:
        raise ValueError(f"INSERT OR REPLACE into {table!r}, which has no primary key")
    columns = ([c.strip() for c in listed.split(",")] if listed is not None
               else [c for c in shape.columns if c != "rowid"])
    updates = [c for c in columns if c not in shape.key]
    if not updates:
        return f" ON CONFLICT ({', '.join(shape.key)}) DO NOTHING"
    return (f" ON CONFLICT ({', '.join(shape.key)}) DO UPDATE SET "
            + ", ".join(f"{c} = EXCLUDED.{c}" for c in updates))


def _outside_literals(sql: str, named: bool) -> str:
    """``?`` (or ``:name``) to psycopg's placeholders and ``%`` to ``%%``, outside literals
    only for placeholders; inside a literal only ``%`` is doubled (psycopg reads it)."""
    out, last = [], 0
    for literal in _LITERAL.finditer(sql):
        out.append(_code(sql[last:literal.start()], named))
        out.append(literal.group(0).replace("%", "%%"))
        last = literal.end()
    out.append(_code(sql[last:], named))
    return "".join(out)


def _code(part: str, named: bool) -> str:
    part = part.replace("%", "%%")
    if named:
        return _NAMED.sub(lambda m: f"%({m.group(1)})s", part)
    return part.replace("?", "%s")


def adapt_params(params: Sequence[object] | Mapping[str, object] | None
                 ) -> Sequence[object] | Mapping[str, object] | None:
    """SQLite takes a Python bool as 0/1 in an INTEGER column; so must PostgreSQL."""
    if params is None:
        return None
    if isinstance(params, Mapping):
        return {k: int(v) if isinstance(v, bool) else v for k, v in params.items()}
    return [int(v) if isinstance(v, bool) else v for v in params]
