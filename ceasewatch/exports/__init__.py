"""``ceasewatch export``: fused events as the tables analysts' tools read.

    ceasewatch export --format acled-csv --out acled.csv --from 2025-10-01 --country AF
    ceasewatch export --format geojson --out events.geojson
    ceasewatch export --format parquet --out events.parquet     # extra `parquet`

Formats: ``acled-csv`` and ``ucdp-csv`` (those datasets' columns and codes), ``plover-jsonl``,
``geojson`` (null geometry for border-wide and country-level events), and ceasewatch's own
table as ``csv``, ``jsonl`` or ``parquet``. Writing to a file also writes (or updates)
``datapackage.json`` beside it: a Frictionless package describing every table exported there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ceasewatch.errors import CeasewatchError
from ceasewatch.exports.acled import acled_row
from ceasewatch.exports.flat import event_row, geojson_feature
from ceasewatch.exports.items import ExportItem, iter_items
from ceasewatch.exports.plover import plover_record
from ceasewatch.exports.tables import Table, datapackage, resource, tables
from ceasewatch.exports.ucdp import ucdp_row
from ceasewatch.exports.writers import (
    csv_chunks,
    geojson_chunks,
    jsonl_chunks,
    parquet_bytes,
    write_atomically,
)

if TYPE_CHECKING:
    from ceasewatch.store import EventFilter, Store

RowMaker = Callable[[ExportItem], "dict[str, Any] | None"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    table: str  # in tables.yaml
    rows: RowMaker
    file_format: str  # csv | jsonl | geojson | parquet
    media_type: str
    suffix: str


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("acled-csv", "acled", acled_row, "csv", "text/csv; charset=utf-8", ".csv"),
    ExportFormat("ucdp-csv", "ucdp", ucdp_row, "csv", "text/csv; charset=utf-8", ".csv"),
    ExportFormat("plover-jsonl", "plover", plover_record, "jsonl",
                 "application/x-ndjson; charset=utf-8", ".jsonl"),
    ExportFormat("geojson", "events", geojson_feature, "geojson",
                 "application/geo+json; charset=utf-8", ".geojson"),
    ExportFormat("csv", "events", event_row, "csv", "text/csv; charset=utf-8", ".csv"),
    ExportFormat("jsonl", "events", event_row, "jsonl",
                 "application/x-ndjson; charset=utf-8", ".jsonl"),
    ExportFormat("parquet", "events", event_row, "parquet", "application/vnd.apache.parquet",
                 ".parquet"),
)}


def get_format(name: str) -> ExportFormat:
    if name not in FORMATS:
        raise CeasewatchError(f"unknown export format {name!r}; choose one of "
                              f"{', '.join(FORMATS)}", field="format")
    return FORMATS[name]


def export_rows(store: Store, fmt: ExportFormat, flt: EventFilter | None = None, *,
                limit: int | None = None) -> Iterator[dict[str, Any]]:
    for item in iter_items(store, flt, limit=limit):
        row = fmt.rows(item)
        if row is not None:
            yield row


def export_chunks(store: Store, name: str, flt: EventFilter | None = None, *,
                  limit: int | None = None) -> Iterator[str | bytes]:
    """The export as chunks to send or write as they come (Parquet is one chunk)."""
    fmt = get_format(name)
    table = tables()[fmt.table]
    rows = export_rows(store, fmt, flt, limit=limit)
    if fmt.file_format == "csv":
        return csv_chunks(table, rows)
    if fmt.file_format == "jsonl":
        return jsonl_chunks(table, rows)
    if fmt.file_format == "geojson":
        return geojson_chunks(rows)
    return iter([parquet_bytes(table, rows)])


def export_to_file(store: Store, name: str, out: Path, flt: EventFilter | None = None, *,
                   limit: int | None = None) -> Path:
    """Write the export to ``out`` and describe it in ``datapackage.json`` beside it."""
    fmt = get_format(name)
    if out.is_dir():
        raise CeasewatchError("is a folder; give a file name", origin=str(out), field="--out")
    if not out.parent.is_dir():
        raise CeasewatchError("the folder does not exist", origin=str(out.parent),
                              field="--out")
    write_atomically(out, export_chunks(store, name, flt, limit=limit))
    write_datapackage(out.parent / "datapackage.json",
                      resource(tables()[fmt.table], out.name, fmt.file_format))
    return out


def write_datapackage(path: Path, new: dict[str, Any]) -> None:
    """Add (or replace, by path) one resource in the folder's ``datapackage.json``."""
    resources: list[dict[str, Any]] = []
    if path.exists():
        try:
            resources = list(json.loads(path.read_text(encoding="utf-8")).get("resources", []))
        except (ValueError, AttributeError) as exc:
            raise CeasewatchError(f"not a data package ({exc}); move it away or delete it",
                                  origin=str(path)) from exc
    resources = [r for r in resources if r.get("path") != new["path"]] + [new]
    names = [r.get("name") for r in resources]
    for r in resources:  # Frictionless names must be unique within a package
        if names.count(r.get("name")) > 1:
            r["name"] = f"{r['name']}-{r['format']}"
    write_atomically(path, [json.dumps(datapackage(resources), ensure_ascii=False, indent=2)
                            + "\n"])


def table_of(name: str) -> Table:
    return tables()[get_format(name).table]
