"""The SQLite connection: one write path, transactions that nest, numbered migrations.

Writes go through :meth:`Database.atomic`, which opens ``BEGIN IMMEDIATE`` at the outermost
level and a SAVEPOINT inside, and rolls back on any exception: a bad document in the middle of
a batch leaves what was committed before it and nothing half-written (datasette and
sqlite-utils do the same).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ceasewatch.errors import StoreError

MIGRATIONS_PACKAGE = "ceasewatch.store.migrations"
#: how long SQLite's busy handler waits per try, and how long :func:`retry_busy` keeps trying
BUSY_TIMEOUT_MS = 5000
BUSY_PATIENCE_S = 120.0
T = TypeVar("T")
Params = tuple[object, ...] | dict[str, object]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def is_busy(exc: BaseException) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED: another connection holds the write lock."""
    return isinstance(exc, sqlite3.OperationalError) and (
        "locked" in str(exc) or "busy" in str(exc))


def retry_busy(run: Callable[[], T], path: str, *, patience_s: float | None = None) -> T:
    """``run()``, tried again with exponential back-off while the database is busy.

    SQLite's own busy handler already waits ``BUSY_TIMEOUT_MS`` per try; this outer loop
    covers a writer that holds the lock longer (a big batch in another process) and the
    cases where SQLite returns BUSY without waiting (a deadlock-avoiding upgrade, a WAL
    recovery). After ``patience_s`` it gives up with a :class:`StoreError`, never a traceback.
    """
    budget = BUSY_PATIENCE_S if patience_s is None else patience_s
    deadline = time.monotonic() + budget
    pause = 0.05
    while True:
        try:
            return run()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if time.monotonic() + pause > deadline:
                raise StoreError(f"the database is locked by another process (waited "
                                 f"{budget:.0f} s); try again when it is done",
                                 origin=path) from exc
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


#: what SQLite says when the store itself, not the input, is at fault
_STORE_PROBLEMS = ("disk", "full", "readonly", "read-only", "i/o", "locked", "busy",
                   "malformed", "not a database", "unable to open", "out of memory")


def is_store_problem(exc: BaseException) -> bool:
    """A full disk, a read-only or corrupt file, a lock: the store's fault, not a bug's."""
    return isinstance(exc, StoreError) or _is_server_problem(exc) or (
        isinstance(exc, sqlite3.DatabaseError)
        and any(word in str(exc).lower() for word in _STORE_PROBLEMS))


def _is_server_problem(exc: BaseException) -> bool:
    """PostgreSQL gone, unreachable or out of disk (psycopg's OperationalError and kin)."""
    kinds = {c.__name__ for c in type(exc).__mro__}
    return type(exc).__module__.startswith("psycopg") and bool(
        kinds & {"OperationalError", "InterfaceError", "DiskFull", "InsufficientResources"})


def is_integrity_error(exc: BaseException) -> bool:
    """A constraint refused a row (a name or URL already taken): SQLite's IntegrityError or
    psycopg's (UniqueViolation and kin), so a repository says "already exists" on both."""
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    return type(exc).__module__.startswith("psycopg") and any(
        c.__name__ == "IntegrityError" for c in type(exc).__mro__)


def store_problem(exc: BaseException, path: str, what: str = "database error") -> StoreError:
    """A :class:`StoreError` naming the file, for a DatabaseError that is the store's fault."""
    if isinstance(exc, StoreError):
        return exc
    return StoreError(f"{what}: {exc}", origin=path)


def _migrations(package: str = MIGRATIONS_PACKAGE) -> list[tuple[int, str, str]]:
    """The numbered migrations of a package: (number, file name, SQL), in order."""
    found = []
    for entry in resources.files(package).iterdir():
        if entry.name.endswith(".sql") and entry.name[:4].isdigit():
            found.append((int(entry.name[:4]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def read_spatial(db: Any) -> str:
    """What the store has for spatial lookups, as 0010 recorded it: ``postgis 3.3.2`` (a GiST
    index of event points) or ``none`` (SQLite, or a PostgreSQL server without PostGIS)."""
    row = db.query_one("SELECT value FROM store_features WHERE name = 'spatial'")
    return str(row[0]) if row else "none"


class Database:
    """One SQLite database file (or ``:memory:``), migrated to the newest schema on open."""

    #: which SQL dialect the repositories speak to (``sqlite`` or ``postgresql``)
    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the database folder: {exc.strerror}",
                                 origin=str(parent)) from exc
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # 32 MiB of page cache (SQLite's default is 2 MiB): a filtered page of the event
            # list reads rows in date order, not storage order, and at 20,000 events those
            # lookups run twice as fast once the events table stays cached
            self.conn.execute("PRAGMA cache_size = -32768")
            if self.path != ":memory:":
                # two processes opening a new file at once race for the journal mode too
                retry_busy(lambda: self.conn.execute("PRAGMA journal_mode = WAL"), self.path)
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise store_problem(exc, self.path, "not a usable SQLite database") from exc
        self._depth = 0
        self._lock = threading.RLock()
        self.migrate()

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """A transaction (outermost) or savepoint (nested); rolled back on any exception."""
        with self._lock:
            depth = self._depth
            if depth == 0:
                retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"), self.path)
            else:
                self.conn.execute(f"SAVEPOINT sp{depth}")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self._depth -= 1
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO sp{depth}")
                    self.conn.execute(f"RELEASE sp{depth}")
                raise
            self._depth -= 1
            if depth == 0:
                try:
                    retry_busy(lambda: self.conn.execute("COMMIT"), self.path)
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            else:
                self.conn.execute(f"RELEASE sp{depth}")

    def query(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self.conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    def data_version(self) -> tuple[int, int] | None:
        """A value that changes whenever the committed data may have: commits by other
        connections (``PRAGMA data_version``) and rows changed by this one (``total_changes``).

        None inside a transaction, whose changes may yet be rolled back (a rollback leaves
        both numbers as they were). Another thread never sees such changes: a transaction
        holds the connection's lock until it ends.
        """
        with self._lock:
            if self.conn.in_transaction:
                return None
            row = self.conn.execute("PRAGMA data_version").fetchone()
            return int(row[0]), self.conn.total_changes

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> None:
        """Apply each numbered migration once, each in its own transaction, recorded in a table.

        What is applied is read again inside each ``BEGIN IMMEDIATE``: two processes opening a
        new database at once would otherwise both apply 0001, and the loser would crash.
        """
        available = _migrations()
        newest = max((v for v, _, _ in available), default=0)
        try:
            with self.atomic() as conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, "
                    "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                applied = self._applied(conn)
        except sqlite3.DatabaseError as exc:
            raise store_problem(exc, self.path, "not a usable SQLite database") from exc
        if applied and max(applied) > newest:
            raise StoreError(f"schema version {max(applied)} is newer than this ceasewatch "
                             f"({newest}); upgrade ceasewatch", origin=self.path)
        for version, name, sql in available:
            if version in applied:
                continue
            with self.atomic() as conn:
                if version in self._applied(conn):  # another process got there first
                    continue
                for statement in _split_sql(sql):
                    conn.execute(statement)
                python_step(version, self.backend)(conn)
                conn.execute("INSERT INTO _migrations VALUES (?, ?, ?)", (version, name, now_iso()))
        self.spatial = read_spatial(self)

    @staticmethod
    def _applied(conn: sqlite3.Connection) -> set[int]:
        return {int(r[0]) for r in conn.execute("SELECT version FROM _migrations")}

    @property
    def schema_version(self) -> int:
        row = self.query_one("SELECT max(version) FROM _migrations")
        return int(row[0] or 0) if row else 0

    def close(self) -> None:
        self.conn.close()


def python_step(version: int, backend: str = "sqlite") -> Callable[[Any], None]:
    """What a migration does after its SQL that SQL cannot (none for most)."""
    from ceasewatch.store.migration_steps import PYTHON_STEPS

    return PYTHON_STEPS.get((version, backend), lambda conn: None)


def _split_sql(script: str) -> Iterator[str]:
    """Statements of a migration, keeping trigger bodies (which contain ';') whole."""
    buffer: list[str] = []
    for line in script.splitlines():
        stripped = line.strip()
        if not buffer and (not stripped or stripped.startswith("--")):
            continue
        buffer.append(line)
        candidate = "\n".join(buffer)
        if stripped.endswith(";") and sqlite3.complete_statement(candidate):
            yield candidate
            buffer = []
    if "".join(buffer).strip():
        yield "\n".join(buffer)
