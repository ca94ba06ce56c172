"""Copy a whole store to another backend, losslessly, and prove it: ``ceasewatch migrate``.

A mission that outgrows one analyst's SQLite file moves to PostgreSQL (or takes a SQLite copy
of the team's database into the field). Every table is copied in one transaction of the
target, in insertion order, parents before children; then each table's row count and a hash
of its rows are computed on both sides, and any difference rolls the copy back with an error
naming the table. The target must be empty: nothing already there is overwritten.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from typing import Any

from ceasewatch.errors import CeasewatchError, StoreError

#: bookkeeping and derived columns that each backend keeps its own way
#: what describes a store rather than holds its data: the migrations applied, the features
#: its server gave it (0010), PostGIS's own table of coordinate systems
_SKIPPED_TABLES = {"_migrations", "store_features", "spatial_ref_sys"}
_DERIVED_COLUMNS = {"rowid", "fts"}
BATCH_ROWS = 2000


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    rows: int
    digest: str


@dataclass(frozen=True, slots=True)
class TransferReport:
    source: str
    target: str
    tables: tuple[TableCopy, ...]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def tables(db: Any) -> dict[str, list[str]]:
    """The data tables of a store and their copied columns, in declaration order (views,
    such as ``review_states``, are derived and not copied)."""
    found: dict[str, list[str]] = {}
    if db.backend == "postgresql":
        for table, column in db.query(
                "SELECT c.table_name, c.column_name FROM information_schema.columns c "
                "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
                "WHERE c.table_schema = current_schema() "
                "ORDER BY c.table_name, c.ordinal_position"):
            found.setdefault(table, []).append(column)
    else:
        names = [r[0] for r in db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%' "
            "ORDER BY name")]
        for name in names:
            found[name] = [r[1] for r in db.query(f"PRAGMA table_info({name})")]
    return {t: [c for c in cols if c not in _DERIVED_COLUMNS]
            for t, cols in found.items() if t not in _SKIPPED_TABLES}


def references(db: Any) -> dict[str, set[str]]:
    """For each table, the tables its foreign keys point at."""
    refs: dict[str, set[str]] = {}
    if db.backend == "postgresql":
        for child, parent in db.query(
                "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
                "JOIN information_schema.constraint_column_usage ccu "
                "ON ccu.constraint_name = tc.constraint_name "
                "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"):
            refs.setdefault(child, set()).add(parent)
    else:
        for table in tables(db):
            refs[table] = {r[2] for r in db.query(f"PRAGMA foreign_key_list({table})")}
    return refs


def parents_first(names: list[str], refs: dict[str, set[str]]) -> list[str]:
    """Tables ordered so that each comes after the tables it references.

    >>> parents_first(["mentions", "events", "documents"], {"mentions": {"documents"}})
    ['documents', 'events', 'mentions']
    """
    ordered: list[str] = []
    pending = sorted(names)
    while pending:
        ready = [t for t in pending
                 if all(p == t or p in ordered or p not in names for p in refs.get(t, ()))]
        if not ready:  # a cycle: keep the rest in name order
            ready = pending[:1]
        for t in ready:
            ordered.append(t)
            pending.remove(t)
    return ordered


def _order(db: Any, table: str, columns: list[str]) -> str:
    """Insertion order: SQLite's rowid, or the rowid column PostgreSQL keeps where it matters;
    a table without one (SQLite's WITHOUT ROWID tables) in the order of its columns."""
    if db.backend == "sqlite":
        shape = db.query_one("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                             (table,))
        without = shape is not None and "WITHOUT ROWID" in str(shape[0]).upper()
        return ", ".join(columns) if without else "rowid"
    has_rowid = db.query_one("SELECT 1 FROM information_schema.columns WHERE table_schema = "
                             "current_schema() AND table_name = ? AND column_name = 'rowid'",
                             (table,))
    return "rowid" if has_rowid else ", ".join(columns)


def _canonical(value: Any) -> bytes:
    """One byte string per value, the same whichever backend read it."""
    if value is None:
        return b"N"
    if isinstance(value, bool):
        return b"I" + str(int(value)).encode()
    if isinstance(value, int):
        return b"I" + str(value).encode()
    if isinstance(value, float):
        return b"F" + struct.pack(">d", value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return b"B" + bytes(value)
    return b"T" + str(value).encode("utf-8")


def table_digest(db: Any, table: str, columns: list[str]) -> tuple[int, str]:
    """The row count and a hash of a table's rows, independent of the order they are read in."""
    digests = []
    for row in db.query(f"SELECT {', '.join(columns)} FROM {table}"):
        h = hashlib.sha256()
        for value in row:
            part = _canonical(value)
            h.update(struct.pack(">I", len(part)) + part)
        digests.append(h.digest())
    digests.sort()
    total = hashlib.sha256(b"".join(digests))
    return len(digests), total.hexdigest()


def copy_store(source: Any, target: Any) -> TransferReport:
    """Every table of ``source`` into the empty ``target`` (both ``Database``-like), verified."""
    src_tables, dst_tables = tables(source.db), tables(target.db)
    missing = sorted(set(src_tables) - set(dst_tables))
    if missing:
        raise StoreError(f"the target has no table {', '.join(missing)}: its schema is older "
                         "than the source's; upgrade ceasewatch where the target is",
                         origin=target.path)
    if source.db.schema_version != target.db.schema_version:
        raise StoreError(f"schema versions differ (source {source.db.schema_version}, target "
                         f"{target.db.schema_version})", origin=target.path)
    occupied = [t for t in dst_tables
                if target.db.query_one(f"SELECT count(*) FROM {t}")[0]]
    if occupied:
        raise CeasewatchError(f"the target is not empty ({', '.join(sorted(occupied))} have "
                              "rows); migrate into a new database", origin=target.path)
    copied = []
    order = parents_first(list(src_tables), references(source.db))
    with target.db.atomic() as conn:
        for table in order:
            columns = [c for c in src_tables[table] if c in dst_tables[table]]
            lost = [c for c in src_tables[table] if c not in dst_tables[table]]
            if lost:
                raise StoreError(f"the target's {table} has no column {', '.join(lost)}",
                                 origin=target.path)
            insert = (f"INSERT INTO {table} ({', '.join(columns)}) "
                      f"VALUES ({', '.join('?' for _ in columns)})")
            batch: list[tuple[Any, ...]] = []
            for row in source.db.query(f"SELECT {', '.join(columns)} FROM {table} "
                                       f"ORDER BY {_order(source.db, table, columns)}"):
                batch.append(tuple(row))
                if len(batch) >= BATCH_ROWS:
                    conn.executemany(insert, batch)
                    batch = []
            if batch:
                conn.executemany(insert, batch)
        _renumber(target.db, dst_tables)
        for table in order:
            columns = [c for c in src_tables[table] if c in dst_tables[table]]
            before = table_digest(source.db, table, columns)
            after = table_digest(target.db, table, columns)
            if before != after:
                raise StoreError(f"table {table} differs after the copy ({before[0]} rows, hash "
                                 f"{before[1][:12]} in the source; {after[0]} rows, hash "
                                 f"{after[1][:12]} in the target): nothing was kept",
                                 origin=target.path)
            copied.append(TableCopy(table, before[0], before[1]))
    return TransferReport(source.path, target.path, tuple(copied))


def _renumber(db: Any, dst_tables: dict[str, list[str]]) -> None:
    """PostgreSQL's identity columns go on after the ids copied in (SQLite's do by itself)."""
    if db.backend != "postgresql":
        return
    for table, column in db.conn.tables_with_identity():
        db.query(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                 f"coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")


def report_dict(report: TransferReport) -> dict[str, Any]:
    return {"source": report.source, "target": report.target, "rows": report.rows,
            "tables": [{"table": t.table, "rows": t.rows, "sha256": t.digest}
                       for t in report.tables]}
