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

from ceasewatch.errors import CeasewatchError
from ceasewatch.store.accords import AccordRepository
from ceasewatch.store.alerts import AlertRepository
from ceasewatch.store.database import Database
from ceasewatch.store.documents import DocumentRepository, SearchHit
from ceasewatch.store.events import EventFilter, EventRepository, Near
from ceasewatch.store.export_queries import ExportQueries
from ceasewatch.store.external import ExternalEventRepository
from ceasewatch.store.mentions import MentionRepository
from ceasewatch.store.reviews import ReviewRepository
from ceasewatch.store.revisions import RevisionRepository
from ceasewatch.store.sources import SourceRepository

DB_ENV = "CEASEWATCH_DB"

__all__ = ["Store", "EventFilter", "Near", "SearchHit", "default_db_path", "default_db_target",
           "open_store", "store_exists", "is_postgres_url", "sqlite_path", "DB_ENV"]

#: the URL schemes of a PostgreSQL store; ``sqlite:PATH`` names a SQLite file explicitly
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_PREFIX = "sqlite:"


def default_db_path() -> Path:
    """``$CEASEWATCH_DB`` (a file), else ``ceasewatch.db`` in the user's data directory."""
    env = os.environ.get(DB_ENV)
    if env and not is_postgres_url(env):
        return Path(sqlite_path(env)).expanduser()
    return Path(platformdirs.user_data_dir("ceasewatch", appauthor=False)) / "ceasewatch.db"


def default_db_target() -> str:
    """``$CEASEWATCH_DB`` as given (a file or a ``postgresql://`` URL), else the default file.

    A URL must stay a string: ``Path("postgresql://h/db")`` is ``postgresql:/h/db``, a folder
    named ``postgresql:`` that SQLite would happily create.
    """
    env = os.environ.get(DB_ENV)
    if env and is_postgres_url(env):
        return env
    return str(default_db_path())


def is_postgres_url(target: str | Path) -> bool:
    return str(target).startswith(POSTGRES_SCHEMES)


def sqlite_path(target: str | Path) -> str:
    """The file of a SQLite target: ``sqlite:monitor.db`` or ``monitor.db``.

    Any other ``scheme://`` is refused here rather than created as a folder of that name.

        >>> sqlite_path("sqlite:monitor.db"), sqlite_path("monitor.db")
        ('monitor.db', 'monitor.db')
    """
    text = str(target)
    if text.startswith(SQLITE_PREFIX):
        text = text[len(SQLITE_PREFIX):]
        if text.startswith("//"):
            text = text[2:]
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise CeasewatchError(f"unknown database URL scheme {scheme!r}: use a file path, "
                              "sqlite:PATH or postgresql://user@host:port/dbname", origin=text)
    return text


def store_exists(target: str | Path) -> bool:
    """Whether a store is already there (always assumed for a PostgreSQL URL: connecting
    tells)."""
    if is_postgres_url(target):
        return True
    path = sqlite_path(target)
    return path == ":memory:" or Path(path).expanduser().exists()


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
        """The file, or the PostgreSQL URL without its password (for messages and logs)."""
        return self.db.path

    @property
    def target(self) -> str:
        """What :func:`open_store` takes to open this store again (a URL keeps its password)."""
        return str(getattr(self.db, "url", self.db.path))

    @property
    def spatial(self) -> str:
        """``postgis <version>`` where event points have a GiST index, else ``none``."""
        return str(getattr(self.db, "spatial", "none"))

    @property
    def backend(self) -> str:
        return str(getattr(self.db, "backend", "sqlite"))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path | None = None) -> Store:
    """The store at ``path``: a SQLite file (created when missing) or a ``postgresql://`` URL."""
    target = str(path) if path is not None else default_db_target()
    if is_postgres_url(target):
        from ceasewatch.store.postgres import PostgresDatabase

        return Store(PostgresDatabase(target))  # type: ignore[arg-type]
    return Store(Database(sqlite_path(target)))
