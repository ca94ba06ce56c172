"""Named queries over watched sources and the items each has delivered (``watch``).

A source's politeness state lives in its row, so a restarted watcher sends the same
conditional GET and keeps the same back-off. Writes run inside ``db.atomic()``.
"""

from __future__ import annotations

import builtins
import sqlite3
from datetime import datetime

from ceasewatch.errors import CeasewatchError, NotFoundError
from ceasewatch.records import WatchedSource
from ceasewatch.store.codec import s2dt
from ceasewatch.store.database import Database, is_integrity_error, now_iso

_STATE = ("etag", "last_modified", "next_due", "failures", "last_polled", "last_status",
          "last_error", "last_ok")


class SourceRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, source: WatchedSource) -> None:
        try:
            # a savepoint: on PostgreSQL a refused row aborts the transaction around it,
            # and the name or URL that was taken is read next
            with self.db.atomic() as conn:
                conn.execute(
                    "INSERT INTO sources (id, name, url, kind, language, every_s, "
                    "full_articles, added_at, next_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (source.id, source.name, source.url, source.kind, source.language,
                     source.every_s, int(source.full_articles), now_iso(),
                     source.next_due.isoformat(timespec="milliseconds")))
        except Exception as exc:
            if not is_integrity_error(exc):
                raise
            taken = self.db.query_one("SELECT name, url FROM sources WHERE name = ? OR url = ?",
                                      (source.name, source.url))
            what = (f"name {source.name!r}" if taken and taken["name"] == source.name
                    else f"URL {source.url}")
            raise CeasewatchError(f"a source with this {what} is already watched",
                                  field="name" if "name" in what else "URL") from exc

    def remove(self, name_or_id: str) -> WatchedSource:
        source = self.get(name_or_id)
        self.db.conn.execute("DELETE FROM sources WHERE id = ?", (source.id,))
        return source

    def get(self, name_or_id: str) -> WatchedSource:
        row = self.db.query_one("SELECT * FROM sources WHERE id = ? OR name = ? OR url = ?",
                                (name_or_id, name_or_id, name_or_id))
        if row is None:
            raise NotFoundError(f"no watched source {name_or_id!r} (see `ceasewatch sources "
                                "list`)", field="SOURCE")
        return _source(row)

    def list(self) -> builtins.list[WatchedSource]:
        return [_source(r) for r in self.db.query("SELECT * FROM sources ORDER BY name")]

    def due(self, now: datetime, *, limit: int | None = None) -> builtins.list[WatchedSource]:
        """Sources whose next poll is due at ``now``, the most overdue first."""
        sql = "SELECT * FROM sources WHERE next_due <= ? ORDER BY next_due, name"
        params: tuple[object, ...] = (now.isoformat(timespec="milliseconds"),)
        if limit is not None:
            sql += " LIMIT ?"
            params += (limit,)
        return [_source(r) for r in self.db.query(sql, params)]

    def next_due(self) -> datetime | None:
        row = self.db.query_one("SELECT min(next_due) FROM sources")
        return s2dt(row[0]) if row and row[0] else None

    def save_state(self, source: WatchedSource) -> None:
        """Store the poll's outcome (validators, back-off, next due time, last status)."""
        values = [getattr(source, c) for c in _STATE]
        values = [v.isoformat(timespec="milliseconds") if isinstance(v, datetime) else v
                  for v in values]
        sets = ", ".join(f"{c} = ?" for c in _STATE)
        self.db.conn.execute(f"UPDATE sources SET {sets} WHERE id = ?", (*values, source.id))

    # -- items ------------------------------------------------------------------------------
    def item_digest(self, source_id: str, key: str) -> str | None:
        row = self.db.query_one("SELECT digest FROM source_items WHERE source_id = ? AND "
                                "item_key = ?", (source_id, key))
        return str(row[0]) if row else None

    def item_digests(self, source_id: str) -> dict[str, str]:
        """Every item key this source delivered, with the digest of its last version."""
        rows = self.db.query("SELECT item_key, digest FROM source_items WHERE source_id = ?",
                             (source_id,))
        return {str(r[0]): str(r[1]) for r in rows}

    def remember_item(self, source_id: str, key: str, digest: str, doc_id: str | None) -> None:
        self.db.conn.execute(
            "INSERT INTO source_items (source_id, item_key, digest, doc_id, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_id, item_key) DO UPDATE SET "
            "digest = excluded.digest, doc_id = excluded.doc_id, seen_at = excluded.seen_at",
            (source_id, key, digest, doc_id, now_iso()))

    def item_count(self, source_id: str) -> int:
        row = self.db.query_one("SELECT count(*) FROM source_items WHERE source_id = ?",
                                (source_id,))
        return int(row[0]) if row else 0


def _source(r: sqlite3.Row) -> WatchedSource:
    return WatchedSource(
        id=r["id"], name=r["name"], url=r["url"], kind=r["kind"], language=r["language"],
        every_s=int(r["every_s"]), full_articles=bool(r["full_articles"]),
        etag=r["etag"], last_modified=r["last_modified"],
        next_due=datetime.fromisoformat(r["next_due"]), failures=int(r["failures"]),
        last_polled=s2dt(r["last_polled"]), last_status=r["last_status"],
        last_error=r["last_error"], last_ok=s2dt(r["last_ok"]))
