"""Uploads analysed off the event loop: one worker thread, a bounded queue, its own connection.

Extraction of a long article takes seconds and fusion waits on SQLite's write lock; run in an
``async def`` handler they froze every request of the server (1 MiB: 4.3 s for everyone). The
handler now only reads the (size-checked) body and hands the file to :class:`UploadWorker`,
whose thread extracts, fuses and writes through a connection of its own, so readers on the
app's connection never queue behind a write. The queue is bounded: past ``max_pending``
uploads waiting, a new one is refused with 503 and ``Retry-After`` instead of piling up.

With ``processes=True`` (what ``ceasewatch serve`` uses) the worker is a process of its own:
a thread shares the interpreter lock with the server, and the regular expressions run over a
4 MiB article hold it for long stretches, so every read waited behind them (p95 76 ms, up to
a second while half a MiB was analysed). A worker process leaves the server's lock to the
readers; it is started on the first upload and loads the extraction resources once.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ceasewatch.store import Store, open_store

if TYPE_CHECKING:
    from ceasewatch.api import IngestReport

#: uploads waiting or in analysis at once; more are refused (503) until one finishes
MAX_PENDING_UPLOADS = 8


class QueueFull(Exception):
    """Every slot of the upload queue is taken."""


#: the worker process's store, opened on its first upload
_process_store: Store | None = None


def ingest_in_process(db_path: str, path: str, published: date | None) -> IngestReport:
    """One upload, ingested in the worker process through its own connection."""
    global _process_store
    from ceasewatch import api

    if _process_store is None:
        _process_store = open_store(db_path)
    return api.ingest(_process_store, [path], published=published)


class UploadWorker:
    def __init__(self, store: Store, *, max_pending: int = MAX_PENDING_UPLOADS,
                 processes: bool = False) -> None:
        self._app_store = store
        self._own: Store | None = None
        self._in_process = processes and store.path != ":memory:"
        self._executor: Executor = (
            ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            if self._in_process else
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-upload"))
        self._slots = threading.BoundedSemaphore(max_pending)

    def _writer(self) -> Store:
        """The worker's own store on the same file (created in the worker thread); an
        in-memory store can only be shared."""
        if self._app_store.path == ":memory:":
            return self._app_store
        if self._own is None:
            self._own = open_store(self._app_store.target)
        return self._own

    async def ingest(self, path: Path, published: date | None) -> IngestReport:
        """Ingest one uploaded file in the worker; the caller awaits without blocking others."""
        if not self._slots.acquire(blocking=False):
            raise QueueFull(f"{MAX_PENDING_UPLOADS} uploads are already waiting")
        try:
            loop = asyncio.get_running_loop()
            if self._in_process:
                return await loop.run_in_executor(self._executor, ingest_in_process,
                                                  self._app_store.path, str(path), published)
            return await loop.run_in_executor(self._executor, self._run, path, published)
        finally:
            self._slots.release()

    def _run(self, path: Path, published: date | None) -> IngestReport:
        from ceasewatch import api

        return api.ingest(self._writer(), [str(path)], published=published)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        if self._own is not None:
            self._own.close()
            self._own = None
