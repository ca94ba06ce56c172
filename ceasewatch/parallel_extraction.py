"""Extraction of a batch of documents, in this process or in a pool of worker processes.

``ceasewatch ingest --jobs 4`` extracts on four cores while one writer (the calling process)
stores, fuses and checks accords in input order: fusion depends on the order reports arrive
in, so the results come back in the order the documents were given and the store ends up
exactly as with ``--jobs 1``. Extraction needs no store; a worker loads the pipeline's
resources once, on its first document.

A failure of extraction costs that document its events, never the batch: a stage's error is
returned as the document's failure (as in one process), and a worker that dies (killed, out
of memory) has its documents extracted again here, one by one.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from ceasewatch.errors import CeasewatchError
from ceasewatch.records import Document, Mention

#: (mentions, None) or (None, (reason, is_a_bug))
Extraction = tuple[list[Mention] | None, tuple[str, bool] | None]
Pending = Callable[[], list[Extraction]]


def extract_guarded(doc: Document) -> Extraction:
    """The document's mentions, or the reason extraction failed (and whether it is a bug)."""
    from ceasewatch.nlp.pipeline import extract_mentions

    try:
        return list(extract_mentions(doc)), None
    except Exception as exc:  # a bug in a stage must cost this document's events, no more
        return None, failure_reason(exc, "extraction")


def failure_reason(exc: Exception, stage: str) -> tuple[str, bool]:
    """The reason recorded for a stored document whose analysis failed, and whether it is a
    bug (an error that is not a :class:`CeasewatchError`)."""
    if isinstance(exc, CeasewatchError):
        return f"stored without events: {exc}", False
    text = " ".join(str(exc).split())[:300]
    return (f"stored without events: internal error during {stage} ({type(exc).__name__}: "
            f"{text}); please report it", True)


def _warm() -> None:
    from ceasewatch.nlp.pipeline import default_pipeline

    default_pipeline()


class Extractor:
    """``submit(docs)`` starts extracting a batch and returns a callable that waits for it.

    With ``jobs`` 1 the batch is extracted at once, in this process; otherwise the batch is
    spread over ``jobs`` worker processes (started with ``spawn``: no lock or connection of
    the writer is inherited) while the writer stores the previous batch.
    """

    def __init__(self, jobs: int = 1) -> None:
        if jobs < 1:
            raise CeasewatchError(f"--jobs must be 1 or more, not {jobs}", field="jobs")
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            self._pool = ProcessPoolExecutor(
                max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm)

    def submit(self, docs: Sequence[Document]) -> Pending:
        if self._pool is None:
            done = [extract_guarded(d) for d in docs]
            return lambda: done
        try:
            futures: list[Future[Extraction]] = [self._pool.submit(extract_guarded, d)
                                                 for d in docs]
        except Exception:  # the pool broke earlier (a worker was killed): go on here
            self.close()
            done = [extract_guarded(d) for d in docs]
            return lambda: done

        def wait() -> list[Extraction]:
            out = []
            for doc, future in zip(docs, futures, strict=True):
                try:
                    out.append(future.result())
                except Exception:  # the worker died: extract it here instead
                    out.append(extract_guarded(doc))
            return out

        return wait

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
