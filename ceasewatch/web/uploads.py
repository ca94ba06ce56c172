"""Uploads analysed off the event loop: one worker thread, a bounded queue, its own connection.

Extraction of a long article takes seconds and fusion waits on SQLite's write lock; run in an
``async def`` handler they froze every request of the server (1 MiB: 4.3 s for everyone). The
handler now only reads the (size-checked) body and hands the file to :class:`UploadWorker`,
whose thread extracts, fuses and writes through a connection of its own, so readers on the
app's connection never queue behind a write. The queue is bounded: past ``max_pending``
uploads waiting, a new one is refused with 503 and ``Retry-After`` instead of piling up.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
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


class UploadWorker:
    def __init__(self, store: Store, *, max_pending: int = MAX_PENDING_UPLOADS) -> None:
        self._app_store = store
        self._own: Store | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cw-upload")
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
