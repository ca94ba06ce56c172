"""The PostgreSQL connection: the same interface as :class:`~ceasewatch.store.database.Database`.

A mission team shares one PostgreSQL database (``--db postgresql://monitor@host:5432/mission``)
instead of one SQLite file. The repositories do not change: they speak through ``conn.execute``
with SQLite-flavoured statements that :mod:`ceasewatch.store.postgres_sql` says in
PostgreSQL's dialect; rows answer by index and by name, like ``sqlite3.Row``.

Writes are serialised like SQLite's ``BEGIN IMMEDIATE``: the outermost :meth:`atomic` takes a
transaction-scoped advisory lock, so two ``ceasewatch ingest`` processes never both see
"no such document" and insert it twice, and fusion's candidate window (read the nearby events,
then attach or create) is never interleaved with another writer's. Readers do not wait.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from ceasewatch.errors import CeasewatchError, StoreError
from ceasewatch.store.database import _migrations, now_iso, python_step, read_spatial
from ceasewatch.store.postgres_sql import TableShape, adapt_params, translate

MIGRATIONS_PACKAGE = "ceasewatch.store.migrations.postgresql"
#: the advisory lock key of the one write path ("cw" in ASCII, then the issue that added it)
WRITE_LOCK_KEY = 0x6377_0019
PG_EXTRA_HINT = "pip install 'ceasewatch[pg]'"


def safe_url(url: str) -> str:
    """The URL without its password, to name the server in a message or a log.

        >>> safe_url("postgresql://monitor:s3cret@10.0.0.5:5432/mission")
        'postgresql://monitor@10.0.0.5:5432/mission'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = (f"{parts.username}@" if parts.username else "") + host + (
        f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=netloc).geturl()


class Row(tuple[Any, ...]):
    """A result row that answers ``row[0]`` and ``row["name"]``, like ``sqlite3.Row``."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


#: result shapes seen (field names -> their positions), shared by every row of each shape
_SHAPES: dict[tuple[bytes | None, ...], dict[str, int]] = {}


def _row_factory(cursor: Any) -> Any:
    """Rows answering by position and by name. The names are read from the result itself
    (``cursor.description`` would build a ``Column`` per field per call: 30 % of ingest's
    time on PostgreSQL went there) and shared by every result of the same shape."""
    res = cursor.pgresult
    fields = tuple(res.fname(i) for i in range(res.nfields)) if res is not None else ()
    names = _SHAPES.get(fields)
    if names is None:
        names = _SHAPES.setdefault(fields, {(f or b"").decode(): i
                                            for i, f in enumerate(fields)})
    return lambda values: Row(values, names)


def _has_rows(cursor: Any) -> bool:
    """What ``cursor.description is not None`` says, without building the description."""
    res = cursor.pgresult
    return res is not None and (res.nfields > 0 or res.status in _tuple_statuses())


@functools.cache
def _tuple_statuses() -> frozenset[int]:
    from psycopg.pq import ExecStatus

    return frozenset(int(getattr(ExecStatus, name)) for name in (
        "TUPLES_OK", "SINGLE_TUPLE", "TUPLES_CHUNK") if hasattr(ExecStatus, name))


class Cursor:
    """What a repository reads back from ``conn.execute``: rows, ``rowcount``, ``lastrowid``."""

    def __init__(self, cursor: Any, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid
        self.rowcount = cursor.rowcount

    def fetchone(self) -> Row | None:
        if not _has_rows(self._cursor):
            return None
        row: Row | None = self._cursor.fetchone()
        return row

    def fetchall(self) -> list[Row]:
        if not _has_rows(self._cursor):
            return []
        return list(self._cursor.fetchall())

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


class Connection:
    """``execute``/``executemany`` with SQLite-flavoured SQL over a psycopg connection."""

    def __init__(self, raw: Any, tables: dict[str, TableShape]) -> None:
        self.raw = raw
        self.tables = tables
        self._translated: dict[tuple[str, bool, bool], str] = {}

    def _sql(self, sql: str, named: bool, placeholders: bool) -> str:
        key = (sql, named, placeholders)
        found = self._translated.get(key)
        if found is None:
            found = translate(sql, self.tables, named=named, placeholders=placeholders)
            self._translated[key] = found
        return found

    def execute(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()
                ) -> Cursor:
        named = isinstance(params, Mapping)
        has_params = bool(params)
        text = self._sql(sql, named, has_params)
        identity = self._identity_of_insert(text)
        if identity:
            text += f" RETURNING {identity}"
        cur = self.raw.cursor(row_factory=_row_factory)
        cur.execute(text, adapt_params(params) if has_params else None)
        lastrowid = None
        if identity and _has_rows(cur):
            got = cur.fetchone()
            lastrowid = int(got[0]) if got is not None else None
        return Cursor(cur, lastrowid)

    def executemany(self, sql: str, seq: Any) -> Cursor:
        rows = [adapt_params(p) for p in seq]
        cur = self.raw.cursor(row_factory=_row_factory)
        if rows:
            cur.executemany(self._sql(sql, isinstance(rows[0], Mapping), True), rows)
        return Cursor(cur)

    def _identity_of_insert(self, text: str) -> str | None:
        head = text.lstrip()[:12].upper()
        if not head.startswith("INSERT INTO") or " RETURNING " in text.upper():
            return None
        table = text.split()[2].split("(")[0]
        shape = self.tables.get(table)
        return shape.identity if shape else None

    def tables_with_identity(self) -> list[tuple[str, str]]:
        """(table, column) of each column the database numbers (SQLite's INTEGER PRIMARY KEY)."""
        return sorted((t, s.identity) for t, s in self.tables.items() if s.identity)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise CeasewatchError(f"a postgresql:// database needs the pg extra ({PG_EXTRA_HINT}): "
                              f"{exc}") from exc
    return psycopg


def connect(url: str) -> Any:
    """A psycopg connection in autocommit mode (transactions are opened by :meth:`atomic`)."""
    psycopg = _import_psycopg()
    from psycopg.types.numeric import FloatLoader

    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split())
        raise StoreError(f"cannot reach the PostgreSQL server: {reason}",
                         origin=safe_url(url)) from exc
    # sum() and avg() of integers are numeric in PostgreSQL; SQLite (and the callers) use floats
    raw.adapters.register_loader("numeric", FloatLoader)
    return raw


class PostgresDatabase:
    """One PostgreSQL database, migrated to the newest schema on open."""

    backend = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = safe_url(url)
        self._raw = connect(url)
        self._lock = threading.RLock()
        self._depth = 0
        self.conn = Connection(self._raw, {})
        self.migrate()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[Connection]:
        """A transaction holding the write lock (outermost) or a savepoint (nested)."""
        with self._lock:
            depth = self._depth
            raw = self._raw
            if depth == 0:
                raw.execute("BEGIN")
                try:
                    raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
            else:
                raw.execute(f"SAVEPOINT sp{depth}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if depth == 0:
                    raw.execute("ROLLBACK")
                else:
                    raw.execute(f"ROLLBACK TO SAVEPOINT sp{depth}")
                    raw.execute(f"RELEASE SAVEPOINT sp{depth}")
                raise
            self._depth -= 1
            if depth == 0:
                raw.execute("COMMIT")
            else:
                raw.execute(f"RELEASE SAVEPOINT sp{depth}")

    def query(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()
              ) -> list[Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[object] | Mapping[str, object] = ()
                  ) -> Row | None:
        with self._lock:
            return self.conn.execute(sql, params).fetchone()

    def data_version(self) -> tuple[int, int] | None:
        """Changes whenever a transaction may have committed since (any connection's)."""
        with self._lock:
            if self.conn.in_transaction:
                return None
            row = self._raw.execute(
                "SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
            return int(row[0]), 0

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        """Each numbered migration once, in its own transaction under the write lock,
        recorded in ``_migrations`` like SQLite's, with its Python step if it has one."""
        available = migrations()
        newest = max((v for v, _, _ in available), default=0)
        with self.atomic() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, "
                         "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            applied = self._applied()
        if applied and max(applied) > newest:
            raise StoreError(f"schema version {max(applied)} is newer than this ceasewatch "
                             f"({newest}); upgrade ceasewatch", origin=self.path)
        for version, name, sql in available:
            if version in applied:
                continue
            with self.atomic():
                if version in self._applied():  # another process got there first
                    continue
                self._raw.execute(sql)  # the whole script: PostgreSQL runs DDL in transactions
                python_step(version, self.backend)(self.conn)
                self._raw.execute("INSERT INTO _migrations VALUES (%s, %s, %s)",
                                  (version, name, now_iso()))
        self.conn.tables.update(self._table_shapes())
        self.spatial = read_spatial(self)

    def _applied(self) -> set[int]:
        return {int(r[0]) for r in self._raw.execute("SELECT version FROM _migrations")}

    def _table_shapes(self) -> dict[str, TableShape]:
        columns: dict[str, list[str]] = {}
        identity: dict[str, str] = {}
        for table, column, is_identity, generation in self._raw.execute(
                "SELECT table_name, column_name, is_identity, identity_generation "
                "FROM information_schema.columns WHERE table_schema = current_schema() "
                "ORDER BY table_name, ordinal_position"):
            columns.setdefault(table, []).append(column)
            if is_identity == "YES" and generation == "BY DEFAULT":
                identity[table] = column
        keys: dict[str, list[str]] = {}
        for table, column in self._raw.execute(
                "SELECT tc.table_name, kcu.column_name "
                "FROM information_schema.table_constraints tc "
                "JOIN information_schema.key_column_usage kcu "
                "ON kcu.constraint_name = tc.constraint_name "
                "AND kcu.table_schema = tc.table_schema "
                "WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() "
                "ORDER BY tc.table_name, kcu.ordinal_position"):
            keys.setdefault(table, []).append(column)
        return {t: TableShape(tuple(c), tuple(keys.get(t, ())), identity.get(t))
                for t, c in columns.items()}

    @property
    def schema_version(self) -> int:
        row = self.query_one("SELECT max(version) FROM _migrations")
        return int(row[0] or 0) if row else 0

    def close(self) -> None:
        self._raw.close()



def migrations() -> list[tuple[int, str, str]]:
    return _migrations(MIGRATIONS_PACKAGE)
