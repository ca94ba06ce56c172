"""The storage layer: the only package that knows SQL.

Callers use :class:`Store` and its repositories (``store.documents``, ``store.mentions``,
``store.events``, ...) and ``store.atomic()`` for a transaction; a PostgreSQL backend provides
the same repositories over another :class:`Database`, without touching callers.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from ceasewatch.store.accords import AccordRepository
from ceasewatch.store.alerts import AlertRepository
from ceasewatch.store.database import Database
from ceasewatch.store.documents import DocumentRepository, SearchHit
from ceasewatch.store.events import EventFilter, EventRepository
from ceasewatch.store.export_queries import ExportQueries
from ceasewatch.store.external import ExternalEventRepository
from ceasewatch.store.mentions import MentionRepository
from ceasewatch.store.reviews import ReviewRepository
from ceasewatch.store.revisions import RevisionRepository
from ceasewatch.store.sources import SourceRepository

DB_ENV = "CEASEWATCH_DB"

__all__ = ["Store", "EventFilter", "SearchHit", "default_db_path", "open_store", "DB_ENV"]


def default_db_path() -> Path:
    """``$CEASEWATCH_DB``, else ``ceasewatch.db`` in the user's data directory."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("ceasewatch", appauthor=False)) / "ceasewatch.db"


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.documents = DocumentRepository(db)
        self.mentions = MentionRepository(db)
        self.events = EventRepository(db)
        self.accords = AccordRepository(db)
        self.exports = ExportQueries(db)
        self.external = ExternalEventRepository(db)
        self.sources = SourceRepository(db)
        self.revisions = RevisionRepository(db)
        self.alerts = AlertRepository(db)
        self.reviews = ReviewRepository(db)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        with self.db.atomic():
            yield

    @property
    def path(self) -> str:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path | None = None) -> Store:
    return Store(Database(path if path is not None else default_db_path()))
