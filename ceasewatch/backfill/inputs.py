"""What a backfill reads: folders and files as ``ingest`` reads them, and files of articles.

A JSONL file holds one article a line, a Parquet file one a row, with a ``text`` field and the
sidecar's optional keys (``title``, ``outlet``, ``authors``, ``url``, ``published``,
``language``, ``note``) and an optional ``name``. GDELT-style URL lists are read with the pages
already downloaded for them (:mod:`ceasewatch.backfill.url_lists`). A bad line is a rejection
naming the file and line, never the end of the batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ceasewatch.backfill.url_lists import SavedPages, iter_url_list
from ceasewatch.errors import CeasewatchError, InputError
from ceasewatch.ingest.metadata import is_sidecar, meta_from_record
from ceasewatch.ingest.sources import iter_documents
from ceasewatch.ingest.text import make_document
from ceasewatch.records import Document, Rejection

ARTICLE_SUFFIXES = (".jsonl", ".parquet")


def iter_corpus(paths: Sequence[str], url_lists: Sequence[str] = (),
                pages: str | None = None) -> Iterator[Document | Rejection]:
    """Documents and rejections of every input: article files by their suffix, the rest as
    ``ceasewatch ingest`` reads them (text, HTML, feeds, folders), then the saved ``pages``
    of each URL list's URLs."""
    if url_lists and not pages:
        raise CeasewatchError("a URL list needs the pages downloaded for it: --pages FOLDER "
                              "(files named by a hash of the URL) or --pages FILE.jsonl",
                              field="--pages")
    yield from _plain_corpus(paths)
    if url_lists and pages:
        saved = SavedPages(Path(pages).expanduser())
        yield from saved.problems
        for url_list in url_lists:
            yield from iter_url_list(Path(url_list).expanduser(), saved)


def _plain_corpus(paths: Sequence[str]) -> Iterator[Document | Rejection]:
    plain: list[str] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            articles = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
            if not articles:
                plain.append(raw)  # ingest's own walk of the folder
                continue
            yield from _articles_files(articles)
            plain += [str(p) for p in files
                      if p.suffix.lower() not in ARTICLE_SUFFIXES and not is_sidecar(p)]
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            yield from _articles_files([path])
        else:
            plain.append(raw)
    if plain:
        yield from iter_documents(plain)


def _articles_files(files: list[Path]) -> Iterator[Document | Rejection]:
    for path in files:
        try:
            if path.suffix.lower() == ".jsonl":
                yield from read_jsonl(path)
            else:
                yield from read_parquet(path)
        except CeasewatchError as exc:
            yield Rejection(str(path), exc.message, line=exc.line, field=exc.field)


def article_document(record: Any, origin: str, line: int) -> Document:
    """One article record as a Document (origin ``file:line``), or an InputError naming it."""
    where = f"{origin}:{line}"
    if not isinstance(record, dict):
        raise InputError(f"an article must be a JSON object, not {type(record).__name__}",
                         origin=origin, line=line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("an article needs a non-empty text", origin=origin, line=line,
                         field="text")
    meta = meta_from_record({k: v for k, v in record.items() if v is not None}, where,
                            source="article")
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        name = f"{Path(origin).name}:{line}"
    return make_document(text, origin=where, name=name, fmt="text", meta=meta)


def read_jsonl(path: Path) -> Iterator[Document | Rejection]:
    origin = str(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", origin=origin) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield article_document(json.loads(line), origin, number)
            except json.JSONDecodeError as exc:
                yield Rejection(f"{origin}:{number}", f"malformed JSON: {exc.msg}", line=number)
            except CeasewatchError as exc:
                yield Rejection(f"{origin}:{number}", exc.message, line=number, field=exc.field)


def read_parquet(path: Path) -> Iterator[Document | Rejection]:
    origin = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("reading Parquet needs pyarrow (pip install 'ceasewatch[parquet]')",
                         origin=origin) from exc
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow's errors are many; the file is at fault either way
        raise InputError(f"not a readable Parquet file: {exc}", origin=origin) from exc
    for number, record in enumerate(table.to_pylist(), start=1):
        record = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                  for k, v in record.items()}
        try:
            yield article_document(record, origin, number)
        except CeasewatchError as exc:
            yield Rejection(f"{origin}:{number}", exc.message, line=number, field=exc.field)
