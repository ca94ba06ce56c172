"""Keeping a store safe: an online backup and a health check.

``backup`` uses SQLite's online backup API: the copy is a consistent snapshot even while a
server or an ingest writes (a plain ``cp`` of a WAL database can miss committed pages still
in the ``-wal`` file, or catch a page half-written). ``check`` answers "is this store whole?"
after a crash or a full disk: SQLite's own page-level integrity check, foreign keys, rows
that point at nothing (fusion's bookkeeping has no foreign keys, so it is checked here), and
whether the full-text index agrees with the documents it indexes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ceasewatch.errors import CeasewatchError, StoreError
from ceasewatch.store.database import Database, retry_busy

#: rows of fusion's bookkeeping that must point at something: (what, SQL counting orphans)
ORPHAN_CHECKS: tuple[tuple[str, str], ...] = (
    ("event members whose event is gone",
     "SELECT count(*) FROM event_mentions WHERE event_id NOT IN (SELECT id FROM events)"),
    ("event members whose mention is gone",
     "SELECT count(*) FROM event_mentions WHERE mention_id NOT IN (SELECT id FROM mentions)"),
    ("mentions whose document is gone",
     "SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents)"),
    ("mentions in no event",
     "SELECT count(*) FROM mentions WHERE id NOT IN (SELECT mention_id FROM event_mentions)"),
    ("events with no mention",
     "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM event_mentions)"),
    ("fusion assignments of an unknown document",
     "SELECT count(*) FROM fusion_assignments WHERE doc_id NOT IN (SELECT id FROM documents)"),
    ("event aliases pointing at no event",
     "SELECT count(*) FROM event_aliases WHERE new_id NOT IN (SELECT id FROM events)"),
    ("fingerprints of an unknown document",
     "SELECT count(*) FROM document_fingerprints WHERE doc_id NOT IN "
     "(SELECT id FROM documents)"),
    ("claims of an unknown event",
     "SELECT count(*) FROM claims WHERE event_id NOT IN (SELECT id FROM events)"),
    ("origins of an unknown document",
     "SELECT count(*) FROM document_origins WHERE doc_id NOT IN (SELECT id FROM documents)"),
)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What ``ceasewatch check`` found; ``problems`` empty means the store is whole."""

    path: str
    schema_version: int
    documents: int
    events: int
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.problems


def check_store(db: Database) -> CheckReport:
    """Integrity, foreign keys, orphan rows and full-text consistency of one store."""
    problems: list[str] = []
    if getattr(db, "backend", "sqlite") == "postgresql":
        # PostgreSQL checks its pages and foreign keys itself, and its tsvector is a generated
        # column that cannot disagree with the text: what is left are the orphan rows
        return _counted(db, _orphan_problems(db))
    integrity = [str(r[0]) for r in db.query("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        problems += [f"integrity: {line}" for line in integrity[:20]]
    for row in db.query("PRAGMA foreign_key_check"):
        problems.append(f"foreign key: a row of {row[0]} (rowid {row[1]}) points at a missing "
                        f"{row[2]}")
    problems += _orphan_problems(db)
    problems += _fts_problems(db)
    return _counted(db, problems)


def _orphan_problems(db: Database) -> list[str]:
    problems = []
    for what, sql in ORPHAN_CHECKS:
        found = db.query_one(sql)
        if found is not None and int(found[0]):
            problems.append(f"orphans: {int(found[0])} {what}")
    return problems


def _counted(db: Database, problems: list[str]) -> CheckReport:
    docs = db.query_one("SELECT count(*) FROM documents")
    events = db.query_one("SELECT count(*) FROM events")
    return CheckReport(db.path, db.schema_version, int(docs[0]) if docs else 0,
                       int(events[0]) if events else 0, tuple(problems))


def _fts_problems(db: Database) -> list[str]:
    """FTS5's own check against its content table (``rank = 1`` compares the index with the
    documents' text, not only the index with itself)."""
    try:
        with db.atomic() as conn:  # a write statement by form: it must run in a transaction
            conn.execute("INSERT INTO documents_fts(documents_fts, rank) "
                         "VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        return [f"full-text index: {exc} (rebuild it with a re-ingest, or report it)"]
    return []


def backup_store(db: Database, destination: str | Path, *, pages_per_step: int = 256) -> Path:
    """A consistent copy of the store at ``destination`` (a new file), taken online."""
    if getattr(db, "backend", "sqlite") == "postgresql":
        raise CeasewatchError("backup copies a SQLite store; back up a PostgreSQL database with "
                              "pg_dump (or `ceasewatch migrate --from … --to sqlite:FILE`)",
                              origin=db.path)
    target = Path(destination).expanduser()
    if target.exists():  # never overwrite: it may be the only good copy
        raise CeasewatchError("the backup file already exists; choose a new name",
                              origin=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(target)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise StoreError(f"cannot create the backup: {exc}", origin=str(target)) from exc
    try:
        with db._lock:  # the source connection is shared by threads
            retry_busy(lambda: db.conn.backup(copy, pages=pages_per_step), db.path)
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    except (OSError, sqlite3.DatabaseError) as exc:
        copy.close()
        target.unlink(missing_ok=True)
        raise StoreError(f"the backup failed: {exc}", origin=str(target)) from exc
    copy.close()
    return target
