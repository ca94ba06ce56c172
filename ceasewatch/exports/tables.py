"""The exported tables as data (``data/exports/tables.yaml``), and their Frictionless package.

One definition serves the writers (column order), ``datapackage.json`` (types, constraints,
descriptions), the pandas reader (``pandas_dtypes``: CAMEO "046" stays a string) and the
tests that check every column name and code range.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from ceasewatch.credits import data_credits
from ceasewatch.errors import CeasewatchError

TYPES = ("string", "integer", "number", "boolean", "date", "datetime")
_CONSTRAINTS = ("required", "minimum", "maximum", "enum", "pattern")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    description: str = ""
    constraints: tuple[tuple[str, Any], ...] = ()

    def constraint(self, key: str) -> Any:
        return next((v for k, v in self.constraints if k == key), None)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def parse_tables(text: str, origin: str = "data/exports/tables.yaml") -> dict[str, Table]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CeasewatchError(f"{origin}: not valid YAML ({exc})") from exc
    out = {}
    for name, spec in data.items():
        cols = []
        for n, col in enumerate(spec["columns"], 1):
            where = f"{origin}: {name}.columns[{n}]"
            if col.get("type") not in TYPES:
                raise CeasewatchError(f"{where}: type {col.get('type')!r} is not one of {TYPES}",
                                      field="type")
            unknown = set(col) - {"name", "type", "description", *_CONSTRAINTS}
            if unknown:
                raise CeasewatchError(f"{where}: unknown keys {sorted(unknown)}")
            cols.append(Column(str(col["name"]), col["type"], str(col.get("description", "")),
                               tuple((k, col[k]) for k in _CONSTRAINTS if k in col)))
        out[name] = Table(name, spec["title"], spec["description"], tuple(cols))
    return out


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    path = files("ceasewatch") / "data" / "exports" / "tables.yaml"
    return parse_tables(path.read_text(encoding="utf-8"))


def table_schema(table: Table) -> dict[str, Any]:
    fields = []
    for c in table.columns:
        field: dict[str, Any] = {"name": c.name, "type": c.type}
        if c.description:
            field["description"] = c.description
        if c.constraints:
            field["constraints"] = dict(c.constraints)
        fields.append(field)
    return {"fields": fields, "missingValues": [""]}


def resource(table: Table, path: str, fmt: str) -> dict[str, Any]:
    """A Frictionless Data Resource for one exported file."""
    media = {"csv": "text/csv", "jsonl": "application/x-ndjson", "parquet":
             "application/vnd.apache.parquet", "geojson": "application/geo+json"}[fmt]
    out: dict[str, Any] = {"name": path.rsplit("/", 1)[-1].split(".")[0].lower().replace(
        "_", "-"), "path": path, "title": table.title, "description": table.description,
        "format": fmt, "mediatype": media, "schema": table_schema(table)}
    if fmt == "csv":
        out["encoding"] = "utf-8"
        out["dialect"] = {"delimiter": ",", "header": True}
    return out


def datapackage(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The package around exported files, crediting the data they hold."""
    return {
        "name": "ceasewatch-export",
        "title": "ceasewatch export",
        "profile": "data-package",
        "licenses": [{"name": "ODC-BY-1.0", "title": "Open Data Commons Attribution License",
                      "path": "https://opendatacommons.org/licenses/by/1-0/"}],
        "sources": [{"title": c.title, "path": c.url, "licence": c.licence}
                    for c in data_credits()],
        "resources": resources,
    }


def pandas_dtypes(table: Table) -> dict[str, str]:
    """``dtype=`` for ``pandas.read_csv``: strings stay strings, counts nullable integers.

    >>> pandas_dtypes(tables()["events"])["cameo"]
    'string'
    """
    kinds = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    return {c.name: kinds[c.type] for c in table.columns if c.type in kinds}


def date_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.type in ("date", "datetime")]
