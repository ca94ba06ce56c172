"""Extraction on a distributed engine: the same ``extract_mentions`` in every worker.

Documents are sent in batches (a task per batch, not per document: a task costs a few
milliseconds of scheduling, a document a few of extraction) and come back in order, so the
result does not depend on which worker was fastest. ``address`` names an existing cluster
(``tcp://scheduler:8786`` for Dask, ``spark://master:7077`` for Spark); without it a local one
of ``workers`` processes is started and stopped.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from ceasewatch.errors import CeasewatchError
from ceasewatch.records import Document, Mention

ENGINES = ("local", "dask", "spark")
#: documents per task
BATCH_DOCUMENTS = 25

#: what a batch gives back: each document's mentions, or the reason its extraction failed
Extracted = list[tuple[list[Mention] | None, str | None]]


def extract_batch(docs: Sequence[Document]) -> Extracted:
    """Run in a worker: the mentions of each document; a stage's bug costs one document."""
    from ceasewatch.nlp.pipeline import extract_mentions

    out: Extracted = []
    for doc in docs:
        try:
            out.append((list(extract_mentions(doc)), None))
        except Exception as exc:
            text = " ".join(str(exc).split())[:300]
            out.append((None, f"stored without events: internal error during extraction "
                              f"({type(exc).__name__}: {text}); please report it"))
    return out


def batches(docs: Sequence[Document], size: int = BATCH_DOCUMENTS) -> list[list[Document]]:
    return [list(docs[i:i + size]) for i in range(0, len(docs), size)]


def extract_all(docs: Sequence[Document], *, engine: str, workers: int = 2,
                address: str | None = None) -> Extracted:
    """The extraction of every document, in the order given."""
    run: dict[str, Callable[[list[list[Document]], int, str | None], list[Extracted]]] = {
        "local": _run_local, "dask": _run_dask, "spark": _run_spark}
    if engine not in run:
        raise CeasewatchError(f"unknown engine {engine!r}; choose {', '.join(ENGINES)}",
                              field="engine")
    parts = batches(docs)
    if not parts:
        return []
    return [item for part in run[engine](parts, workers, address) for item in part]


def _run_local(parts: list[list[Document]], workers: int, address: str | None
               ) -> list[Extracted]:
    return [extract_batch(p) for p in parts]


def _run_dask(parts: list[list[Document]], workers: int, address: str | None
              ) -> list[Extracted]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise CeasewatchError("--engine dask needs the dask extra "
                              "(pip install 'ceasewatch[dask]')") from exc
    if address:
        with Client(address) as client:
            return list(client.gather(client.map(extract_batch, parts, pure=False)))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=40) as cluster, \
            Client(cluster) as client:
        return list(client.gather(client.map(extract_batch, parts, pure=False)))


def _run_spark(parts: list[list[Document]], workers: int, address: str | None
               ) -> list[Extracted]:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise CeasewatchError("--engine spark needs the spark extra "
                              "(pip install 'ceasewatch[spark]') and Java 17") from exc
    # local workers run this Python (the one with ceasewatch installed), not the first on PATH
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(address or f"local[{workers}]")
             .appName("ceasewatch-backfill").config("spark.ui.enabled", "false")
             .getOrCreate())
    try:
        rdd = spark.sparkContext.parallelize(parts, len(parts))
        return list(rdd.map(extract_batch).collect())
    finally:
        spark.stop()
