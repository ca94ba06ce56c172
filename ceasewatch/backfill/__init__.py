"""Backfills: years of reporting extracted in parallel on an existing engine, then fused.

``ceasewatch backfill CORPUS --engine dask|spark`` reads folders and JSONL/Parquet files of
articles (:mod:`.inputs`), runs extraction — the expensive, independent part — on a Dask or
Spark cluster (:mod:`.engines`; a local one by default, a real one by ``--address``), and
writes the documents, their mentions and fusion in the driver, in date order, in batched
transactions: fusion compares a report with what is already stored, so it stays one writer.
Imports run one way: this package uses the stages and is used by :mod:`ceasewatch.api`.
"""
