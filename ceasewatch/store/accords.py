"""Named queries over accords, their commitments, the events that report them, and violations.

The accords stage decides; this module only stores and reads what it decided. Writes must run
inside ``db.atomic()``. Upserts (never ``INSERT OR REPLACE``) keep the ledger: replacing an
accord row would cascade-delete its commitments and every violation that refers to them.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta

from ceasewatch.errors import NotFoundError
from ceasewatch.records import Accord, Commitment, Place, Violation
from ceasewatch.store.codec import d2s, dumps, s2d
from ceasewatch.store.database import Database, now_iso

# aliases: inside the class, ``list`` names the method
AccordList = list[Accord]
ViolationList = list[Violation]
LinkList = list[dict[str, object]]
IdList = list[str]


class AccordRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- accords and commitments -----------------------------------------------------------
    def save(self, accord: Accord) -> None:
        """Insert or update an accord and replace its commitments (ids kept where unchanged)."""
        conn = self.db.conn
        conn.execute(
            "INSERT INTO accords (id, name, parties, mediators, signed_date, in_force_date, "
            "place, source, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, parties = excluded.parties, "
            "mediators = excluded.mediators, signed_date = excluded.signed_date, "
            "in_force_date = excluded.in_force_date, place = excluded.place, "
            "source = excluded.source, provenance = excluded.provenance",
            (accord.id, accord.name, dumps(list(accord.parties)), dumps(list(accord.mediators)),
             d2s(accord.signed_date), d2s(accord.in_force_date), _place_json(accord.place),
             accord.source, accord.provenance))
        keep = [c.id for c in accord.commitments]
        marks = ",".join("?" for _ in keep) or "''"
        conn.execute(f"DELETE FROM commitments WHERE accord_id = ? AND id NOT IN ({marks})",
                     (accord.id, *keep))
        for c in accord.commitments:
            conn.execute(
                "INSERT INTO commitments (id, accord_id, kind, text, parties) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "accord_id = excluded.accord_id, kind = excluded.kind, text = excluded.text, "
                "parties = excluded.parties",
                (c.id, accord.id, c.kind, c.text, dumps(list(c.parties))))

    def delete(self, accord_id: str) -> None:
        self.db.conn.execute("DELETE FROM accords WHERE id = ?", (accord_id,))

    def find(self, accord_id: str) -> Accord | None:
        row = self.db.query_one("SELECT * FROM accords WHERE id = ?", (accord_id,))
        return self._accord(row) if row else None

    def get(self, accord_id: str) -> Accord:
        accord = self.find(accord_id)
        if accord is None:
            known = ", ".join(a.id for a in self.list()) or "none"
            raise NotFoundError(f"no accord {accord_id!r} (known: {known})")
        return accord

    def list(self, *, source: str | None = None) -> AccordList:
        sql = "SELECT * FROM accords"
        params: tuple[object, ...] = ()
        if source:
            sql += " WHERE source = ?"
            params = (source,)
        sql += " ORDER BY in_force_date IS NULL, in_force_date, id"
        rows = self.db.query(sql, params)
        # every commitment in one query (the ledger lists the accords for each report)
        found: dict[str, builtins.list[sqlite3.Row]] = {}
        for r in self.db.query("SELECT * FROM commitments ORDER BY rowid"):
            found.setdefault(r["accord_id"], []).append(r)
        return [self._accord(r, found.get(r["id"], [])) for r in rows]

    def count(self) -> int:
        row = self.db.query_one("SELECT count(*) FROM accords")
        return int(row[0]) if row else 0

    def in_force_on(self, day: date) -> AccordList:
        """Accords whose entry into force is on or before ``day``."""
        rows = self.db.query("SELECT * FROM accords WHERE in_force_date <= ? ORDER BY id",
                             (d2s(day),))
        return [self._accord(r) for r in rows]

    def near(self, parties: Iterable[str], day: date, days: int) -> AccordList:
        """Accords between exactly these parties signed within ``days`` of ``day``."""
        wanted = sorted(set(parties))
        rows = self.db.query(
            "SELECT * FROM accords WHERE coalesce(signed_date, in_force_date) BETWEEN ? AND ? "
            "ORDER BY source = 'detected', id",
            (d2s(day - timedelta(days=days)), d2s(day + timedelta(days=days))))
        return [a for a in map(self._accord, rows) if sorted(set(a.parties)) == wanted]

    def _accord(self, row: sqlite3.Row,
                commitment_rows: builtins.list[sqlite3.Row] | None = None) -> Accord:
        if commitment_rows is None:
            commitment_rows = self.db.query("SELECT * FROM commitments WHERE accord_id = ? "
                                            "ORDER BY rowid", (row["id"],))
        commitments = tuple(
            Commitment(id=r["id"], accord_id=r["accord_id"], kind=r["kind"], text=r["text"],
                       parties=tuple(json.loads(r["parties"] or "[]")))
            for r in commitment_rows)
        return Accord(
            id=row["id"], name=row["name"], parties=tuple(json.loads(row["parties"])),
            signed_date=s2d(row["signed_date"]), in_force_date=s2d(row["in_force_date"]),
            mediators=tuple(json.loads(row["mediators"] or "[]")),
            place=_place_from_json(row["place"]), commitments=commitments,
            source=row["source"], provenance=row["provenance"])

    # -- the events that report an accord ----------------------------------------------------
    def link_event(self, accord_id: str, event_id: str, *, mediators: Iterable[str] = (),
                   commitment_kinds: Iterable[str] = ()) -> None:
        self.db.conn.execute(
            "INSERT INTO accord_events (accord_id, event_id, mediators, commitments, added_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(accord_id, event_id) DO UPDATE SET "
            "mediators = excluded.mediators, commitments = excluded.commitments",
            (accord_id, event_id, dumps(list(mediators)), dumps(list(commitment_kinds)),
             now_iso()))

    def unlink_event(self, event_id: str) -> None:
        self.db.conn.execute("DELETE FROM accord_events WHERE event_id = ?", (event_id,))

    def linked_events(self, accord_id: str) -> LinkList:
        rows = self.db.query(
            "SELECT event_id, mediators, commitments, added_at FROM accord_events "
            "WHERE accord_id = ? ORDER BY added_at, event_id", (accord_id,))
        return [{"event_id": r["event_id"], "mediators": json.loads(r["mediators"]),
                 "commitments": json.loads(r["commitments"]), "added_at": r["added_at"]}
                for r in rows]

    def accords_of_event(self, event_id: str) -> IdList:
        return [r[0] for r in self.db.query(
            "SELECT accord_id FROM accord_events WHERE event_id = ? ORDER BY accord_id",
            (event_id,))]

    # -- violations ----------------------------------------------------------------------------
    def replace_violations(self, event_id: str, violations: Iterable[Violation], *,
                           accord_id: str | None = None) -> None:
        """The ledger's verdict on one event (for one accord, or for all of them)."""
        conn = self.db.conn
        if accord_id is None:
            conn.execute("DELETE FROM violations WHERE event_id = ?", (event_id,))
        else:
            conn.execute("DELETE FROM violations WHERE event_id = ? AND accord_id = ?",
                         (event_id, accord_id))
        for v in violations:
            conn.execute(
                "INSERT OR REPLACE INTO violations (id, accord_id, commitment_id, event_id, "
                "alleged_violator, accuser, verification, evidence, event_date, basis) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (v.id, v.accord_id, v.commitment_id, v.event_id, v.alleged_violator,
                 v.accuser, v.verification, dumps(list(v.evidence)), d2s(v.event_date),
                 v.verification))

    def basis(self, violation_id: str) -> tuple[str, str | None]:
        """The verification an event's own reports gave, and the counter-accusing event."""
        row = self.db.query_one("SELECT coalesce(basis, verification), counter_event "
                                "FROM violations WHERE id = ?", (violation_id,))
        if row is None:
            raise NotFoundError(f"no violation {violation_id!r}")
        return str(row[0]), row[1]

    def bases(self, violation_ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """:meth:`basis` of many lines in a few queries (a busy week's ledger is thousands)."""
        ids = list(dict.fromkeys(violation_ids))
        out: dict[str, tuple[str, str | None]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" for _ in chunk)
            for r in self.db.query(f"SELECT id, coalesce(basis, verification), counter_event "
                                   f"FROM violations WHERE id IN ({marks})", tuple(chunk)):
                out[r[0]] = (str(r[1]), r[2])
        missing = [i for i in ids if i not in out]
        if missing:
            raise NotFoundError(f"no violation {missing[0]!r}")
        return out

    def set_verification(self, violation_id: str, verification: str,
                         counter_event: str | None) -> None:
        self.db.conn.execute(
            "UPDATE violations SET verification = ?, counter_event = ? WHERE id = ?",
            (verification, counter_event, violation_id))

    def counter_events(self, violation_ids: Iterable[str]) -> dict[str, str]:
        ids = list(violation_ids)
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        return {r[0]: r[1] for r in self.db.query(
            f"SELECT id, counter_event FROM violations WHERE id IN ({marks}) "
            "AND counter_event IS NOT NULL", tuple(ids))}

    def delete_violations(self, accord_id: str) -> None:
        self.db.conn.execute("DELETE FROM violations WHERE accord_id = ?", (accord_id,))

    def violations(self, *, accord_id: str | None = None, party: str | None = None,
                   event_id: str | None = None, date_from: date | None = None,
                   date_to: date | None = None) -> ViolationList:
        """The ledger, oldest first; ``party`` matches the alleged violator."""
        where: IdList = []
        params: builtins.list[object] = []
        for column, value in (("accord_id", accord_id), ("alleged_violator", party),
                              ("event_id", event_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if date_from:
            where.append("event_date >= ?")
            params.append(d2s(date_from))
        if date_to:
            where.append("event_date <= ?")
            params.append(d2s(date_to))
        sql = "SELECT * FROM violations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date IS NULL, event_date, accord_id, event_id, id"
        return [_violation(r) for r in self.db.query(sql, tuple(params))]

    def violation(self, violation_id: str) -> Violation | None:
        row = self.db.query_one("SELECT * FROM violations WHERE id = ?", (violation_id,))
        return _violation(row) if row else None


def _violation(r: sqlite3.Row) -> Violation:
    return Violation(
        id=r["id"], accord_id=r["accord_id"], commitment_id=r["commitment_id"],
        event_id=r["event_id"], alleged_violator=r["alleged_violator"],
        accuser=r["accuser"], verification=r["verification"],
        evidence=tuple(json.loads(r["evidence"] or "[]")),
        event_date=s2d(r["event_date"]))


def _place_json(place: Place | None) -> str | None:
    if place is None:
        return None
    return dumps({"name": place.name, "country": place.country, "admin1": place.admin1,
                  "latitude": place.latitude, "longitude": place.longitude,
                  "precision": place.precision, "source": place.source})


def _place_from_json(text: str | None) -> Place | None:
    if not text:
        return None
    d = json.loads(text)
    return Place(name=d.get("name") or "", country=d.get("country"), admin1=d.get("admin1"),
                 latitude=d.get("latitude"), longitude=d.get("longitude"),
                 precision=d.get("precision"), source=d.get("source"))
