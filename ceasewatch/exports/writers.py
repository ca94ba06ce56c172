"""Writers: rows to CSV, JSON lines, GeoJSON and Parquet, streamed where the format allows.

CSV leaves missing values empty and writes booleans as ``true``/``false`` (Frictionless's
defaults); JSON lines keep nulls and numbers as they are; Parquet gets the column types of
``tables.yaml`` (dates as dates, CAMEO as strings), so pandas and R read the types, not guess
them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ceasewatch.credits import credit_line
from ceasewatch.errors import CeasewatchError
from ceasewatch.exports.tables import Table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_chunks(table: Table, rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The header, then one chunk per row (a web response can send each as it comes)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.names)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in table.names])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def jsonl_chunks(table: Table, rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps({c: row.get(c) for c in table.names}, ensure_ascii=False) + "\n"


def geojson_chunks(features: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A FeatureCollection, one feature per chunk, with the data credit as a foreign member."""
    head = {"type": "FeatureCollection", "name": "ceasewatch events",
            "attribution": credit_line()}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [\n'
    first = True
    for feature in features:
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"


def parquet_bytes(table: Table, rows: Iterable[dict[str, Any]]) -> bytes:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise CeasewatchError("Parquet export needs pyarrow: pip install 'ceasewatch[parquet]'",
                              field="format") from exc
    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
             "boolean": pa.bool_(), "date": pa.date32(), "datetime": pa.timestamp("s", "UTC")}
    schema = pa.schema([pa.field(c.name, types[c.type]) for c in table.columns])
    converted = [{c.name: _typed(c.type, row.get(c.name)) for c in table.columns}
                 for row in rows]
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(converted, schema=schema), sink)
    return sink.getvalue()


def _typed(kind: str, value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "datetime":
        return datetime.fromisoformat(value)
    return value


def write_atomically(path: Path, chunks: Iterable[str | bytes]) -> None:
    """Write to a temporary file beside ``path`` and rename: a failed export leaves the old
    file as it was."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        with tmp.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CeasewatchError(f"cannot write the export: {exc.strerror}", origin=str(path)) \
            from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
