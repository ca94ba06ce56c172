"""Named queries over alert rules and the alerts they raised.

An alert is inserted once per key (``INSERT OR IGNORE``): re-ingesting the report that raised
it, or a restarted watcher seeing it again, never raises it twice. Writes run inside
``db.atomic()``.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from datetime import datetime

from ceasewatch.errors import NotFoundError
from ceasewatch.records import Alert, AlertRule
from ceasewatch.store.codec import dumps, s2dt
from ceasewatch.store.database import Database, now_iso


class AlertRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- rules ------------------------------------------------------------------------------
    def add_rule(self, kind: str, params: dict[str, object], webhook: str | None) -> int:
        cur = self.db.conn.execute(
            "INSERT INTO alert_rules (kind, params, webhook, created_at) VALUES (?, ?, ?, ?)",
            (kind, dumps(params), webhook, now_iso()))
        return int(cur.lastrowid or 0)

    def remove_rule(self, rule_id: int) -> None:
        if self.db.conn.execute("DELETE FROM alert_rules WHERE id = ?",
                                (rule_id,)).rowcount == 0:
            raise NotFoundError(f"no alert rule {rule_id} (see `ceasewatch alerts rules`)",
                                field="RULE")

    def rules(self) -> builtins.list[AlertRule]:
        return [AlertRule(id=int(r["id"]), kind=r["kind"], params=json.loads(r["params"]),
                          webhook=r["webhook"])
                for r in self.db.query("SELECT * FROM alert_rules ORDER BY id")]

    def type_seen_before(self, event_id: str, sub_event_type: str,
                         countries: tuple[str, ...]) -> bool:
        """Whether another event of this type in these countries was created before this
        one (or at the same time): the "first of its type" test of a ``new-type`` rule."""
        marks = ", ".join("?" for _ in countries)
        row = self.db.query_one(
            f"SELECT 1 FROM events o, events e WHERE e.id = ? AND o.id != e.id AND "
            f"o.sub_event_type = ? AND o.country IN ({marks}) AND o.created_at <= e.created_at "
            f"LIMIT 1", (event_id, sub_event_type, *countries))
        return row is not None

    # -- alerts -----------------------------------------------------------------------------
    def raise_alert(self, key: str, rule: AlertRule, event_id: str, title: str,
                    payload: dict[str, object]) -> bool:
        """Insert the alert unless its key is known; True when it is new."""
        cur = self.db.conn.execute(
            "INSERT OR IGNORE INTO alerts (key, rule_id, event_id, created_at, title, payload, "
            "webhook, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (key, rule.id, event_id, payload.get("created_at") or now_iso(), title,
             dumps(payload), rule.webhook, now_iso() if rule.webhook else None))
        return cur.rowcount > 0

    def list(self, *, limit: int | None = 50, offset: int = 0) -> builtins.list[Alert]:
        sql = "SELECT * FROM alerts ORDER BY created_at DESC, key"
        params: tuple[object, ...] = ()
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = (limit, offset)
        return [_alert(r) for r in self.db.query(sql, params)]

    def count(self) -> int:
        row = self.db.query_one("SELECT count(*) FROM alerts")
        return int(row[0]) if row else 0

    def pending(self, now: datetime) -> builtins.list[Alert]:
        """Alerts with a webhook, not delivered yet, whose next attempt is due."""
        rows = self.db.query(
            "SELECT * FROM alerts WHERE webhook IS NOT NULL AND delivered_at IS NULL AND "
            "next_attempt <= ? ORDER BY created_at, key", (now.isoformat(timespec="milliseconds"),))
        return [_alert(r) for r in rows]

    def mark_delivered(self, key: str) -> None:
        self.db.conn.execute("UPDATE alerts SET delivered_at = ?, attempts = attempts + 1, "
                             "last_error = NULL WHERE key = ?", (now_iso(), key))

    def mark_failed(self, key: str, error: str, next_attempt: datetime) -> None:
        self.db.conn.execute(
            "UPDATE alerts SET attempts = attempts + 1, last_error = ?, next_attempt = ? "
            "WHERE key = ?", (error, next_attempt.isoformat(timespec="milliseconds"), key))


def _alert(r: sqlite3.Row) -> Alert:
    return Alert(key=r["key"], rule_id=int(r["rule_id"]), event_id=r["event_id"],
                 created_at=datetime.fromisoformat(r["created_at"]), title=r["title"],
                 payload=json.loads(r["payload"]), webhook=r["webhook"],
                 delivered_at=s2dt(r["delivered_at"]), attempts=int(r["attempts"]),
                 last_error=r["last_error"])
