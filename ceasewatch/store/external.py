"""Named queries over imported external events (ACLED, UCDP GED), apart from fused events."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Iterable
from datetime import date

from ceasewatch.records import ExternalEvent
from ceasewatch.store.codec import d2s, s2d
from ceasewatch.store.database import Database, now_iso

_COLUMNS = ("dataset", "external_id", "event_date", "date_end", "event_type", "sub_event_type",
            "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude",
            "fatalities", "fatalities_low", "fatalities_high", "notes", "source", "origin",
            "line")


class ExternalEventRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save_many(self, events: Iterable[ExternalEvent]) -> int:
        """Insert or replace by (dataset, id): importing a newer download updates its rows.
        Call inside ``store.atomic()``."""
        marks = ", ".join("?" for _ in range(len(_COLUMNS) + 1))
        sql = (f"INSERT OR REPLACE INTO external_events ({', '.join(_COLUMNS)}, imported_at) "
               f"VALUES ({marks})")
        now = now_iso()
        rows = [(*(_value(e, c) for c in _COLUMNS), now) for e in events]
        self.db.conn.executemany(sql, rows)
        return len(rows)

    def list(self, dataset: str, *, date_from: date | None = None, date_to: date | None = None,
             country: str | None = None, place: str | None = None
             ) -> builtins.list[ExternalEvent]:
        where, params = ["dataset = ?"], [dataset]
        if date_from:
            where.append("coalesce(date_end, event_date) >= ?")
            params.append(str(d2s(date_from)))
        if date_to:
            where.append("event_date <= ?")
            params.append(str(d2s(date_to)))
        if country:
            where.append("country = ?")
            params.append(country.upper())
        if place:
            where.append("(location LIKE ? OR admin1 LIKE ?)")
            params += [f"%{place}%", f"%{place}%"]
        rows = self.db.query("SELECT * FROM external_events WHERE " + " AND ".join(where)
                             + " ORDER BY event_date, external_id", tuple(params))
        return [_event(r) for r in rows]

    def count(self, dataset: str) -> int:
        row = self.db.query_one("SELECT count(*) FROM external_events WHERE dataset = ?",
                                (dataset,))
        return int(row[0]) if row else 0


def _value(e: ExternalEvent, column: str) -> object:
    value = getattr(e, column)
    return d2s(value) if isinstance(value, date) else value


def _event(r: sqlite3.Row) -> ExternalEvent:
    return ExternalEvent(
        dataset=r["dataset"], external_id=r["external_id"], event_date=s2d(r["event_date"])
        or date.min, date_end=s2d(r["date_end"]), event_type=r["event_type"],
        sub_event_type=r["sub_event_type"], actor1=r["actor1"], actor2=r["actor2"],
        country=r["country"], admin1=r["admin1"], location=r["location"],
        latitude=r["latitude"], longitude=r["longitude"], fatalities=r["fatalities"],
        fatalities_low=r["fatalities_low"], fatalities_high=r["fatalities_high"],
        notes=r["notes"], source=r["source"], origin=r["origin"], line=r["line"])
