"""Named queries over fused events, their mentions, claims and the fusion log.

The fusion stage owns the decisions; this module only reads and writes what it decided.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ceasewatch.errors import CeasewatchError, NotFoundError
from ceasewatch.records import Claim, Event, Place
from ceasewatch.store.codec import (
    d2s,
    event_from_row,
    event_row,
    insert_sql,
    narrow_signature,
    place_from_row,
    s2d,
    widen_signature,
)
from ceasewatch.store.database import Database, now_iso

#: events decoded per query when a long range is read (under SQLite's variable limit)
CHUNK = 500


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters shared by the CLI, the API and the reports."""

    date_from: date | None = None
    date_to: date | None = None
    event_type: str | None = None
    native_type: str | None = None
    actor: str | None = None
    place: str | None = None
    country: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    min_sources: int | None = None
    #: events fusion changed at or after this instant (naive = UTC): incremental pulls
    updated_since: datetime | None = None
    #: only events whose latest review decision is this state ("verified": what is published)
    review_state: str | None = None


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in degrees, for :attr:`EventFilter.bbox`; a malformed
    box is a :class:`CeasewatchError` naming the field (a 400 in the API, exit 1 in the CLI).

        >>> parse_bbox("60,25,75,38")
        (60.0, 25.0, 75.0, 38.0)
    """
    if not text:
        return None
    try:
        parts = tuple(float(p) for p in text.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise CeasewatchError("expected four numbers minlon,minlat,maxlon,maxlat", field="bbox")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise CeasewatchError("longitudes must lie in [-180, 180], latitudes in [-90, 90], "
                              "min before max", field="bbox")
    return min_lon, min_lat, max_lon, max_lat


@dataclass(frozen=True, slots=True)
class Near:
    """The rows a site-bound report can still match, for :meth:`EventRepository.block_places`.

    Fusion keeps as candidates of a report at a site (``fusion/candidates.py`` ``too_far``)
    the events within ``km`` of it, those without coordinates, those placed no finer than a
    province (or not at all), and those at a site of the same name (``place_key``) however
    far. The database is asked with a radius a little larger than ``km`` (×1.01 + 0.5 km):
    PostGIS's sphere and fusion's haversine differ in the last metres, and fusion checks the
    distance of what comes back itself, so an event exactly on the radius is never lost.
    """

    latitude: float
    longitude: float
    km: float
    place_key: str | None  # None: the site's name has no key, only distance keeps a row

    def params(self) -> tuple[object, ...]:
        return (self.place_key, self.longitude, self.latitude,
                (self.km * 1.01 + 0.5) * 1000.0)


#: the WHERE term of :class:`Near` (PostGIS): geography on the sphere, so the antimeridian and
#: the poles need no special case; a coordinate outside the globe is kept for fusion to judge
NEAR_SQL = (
    "(latitude IS NULL OR longitude IS NULL OR geo_precision IS NULL "
    "OR geo_precision NOT IN ('point', 'locality', 'district') "
    "OR coalesce(location, '') || coalesce(country, '') || coalesce(admin1, '') = '' "
    "OR place_key = ? "
    "OR CASE WHEN latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180 "
    "THEN ST_DWithin(CAST(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) AS geography), "
    "CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography), ?, false) ELSE true END)")


def _block_order(row: sqlite3.Row) -> tuple[int, str, str]:
    """A block row's place in the window's order: its branch, then date and id."""
    return int(row["block_branch"]), str(row["block_date"]), str(row["id"])


class EventRepository:
    def __init__(self, db: Database) -> None:
        self.db = db
        # totals of filtered lists by (database version, query), see `count`
        self._counts: dict[tuple[tuple[int, int], str, tuple[object, ...]], int] = {}
        # a bounding box is looked up in 0010's GiST index of event points where PostGIS is
        self._postgis = str(getattr(db, "spatial", "none")).startswith("postgis")

    # -- writes (call inside db.atomic()) --------------------------------------------------
    def save(self, event: Event) -> None:
        row = event_row(event)
        now = now_iso()
        existing = self.db.conn.execute("SELECT created_at FROM events WHERE id = ?",
                                        (event.id,)).fetchone()
        row["created_at"] = existing[0] if existing else now
        row["updated_at"] = now
        # an upsert, not INSERT OR REPLACE: REPLACE deletes the row first, and the foreign-key
        # cascade would drop the event's mention links and claims with it
        sql, params = insert_sql("events", row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in ("id", "created_at"))
        self.db.conn.execute(f"{sql} ON CONFLICT(id) DO UPDATE SET {updates}", params)

    def delete(self, event_id: str) -> None:
        self.db.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))

    def link(self, event_id: str, mention_id: str, reason: str) -> None:
        self.db.conn.execute(
            "INSERT OR REPLACE INTO event_mentions (mention_id, event_id, added_at, reason) "
            "VALUES (?, ?, ?, ?)", (mention_id, event_id, now_iso(), reason))

    def replace_claims(self, event_id: str, claims: Iterable[Claim]) -> None:
        """A claim's evidence sentence is kept as its offsets alone when it is exactly that
        span of its document (nearly always): the sentence is read back from the document,
        instead of being stored again with every claim (the largest table of the store)."""
        conn = self.db.conn
        conn.execute("DELETE FROM claims WHERE event_id = ?", (event_id,))
        conn.executemany(
            "INSERT INTO claims (event_id, field, value, claimant, doc_id, mention_id, evidence, "
            "evidence_start, evidence_end, marks) VALUES (:event, :field, :value, :claimant, "
            ":doc, :mention, CASE WHEN :start >= 0 AND :evidence <> '' AND :evidence = substr("
            "(SELECT text FROM documents WHERE id = :doc), CAST(:start + 1 AS INTEGER), "
            "CAST(:end - :start AS INTEGER)) "
            "THEN '' ELSE :evidence END, :start, :end, :marks)",
            [{"event": c.event_id, "field": c.field, "value": c.value, "claimant": c.claimant,
              "doc": c.doc_id, "mention": c.mention_id, "evidence": c.evidence,
              "start": c.evidence_start, "end": c.evidence_end,
              "marks": json.dumps([list(m) for m in c.marks])} for c in claims])

    def log(self, action: str, event_id: str, reason: str, *, other_event_id: str | None = None,
            mention_id: str | None = None, manual: bool = False) -> None:
        self.db.conn.execute(
            "INSERT INTO fusion_log (at, action, event_id, other_event_id, mention_id, reason, "
            "manual) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), action, event_id, other_event_id, mention_id, reason, int(manual)))

    # -- reads -----------------------------------------------------------------------------
    def get(self, event_id: str) -> Event:
        row = self.db.query_one("SELECT * FROM events WHERE id = ?", (event_id,))
        if row is None:
            raise NotFoundError(f"no event {event_id!r}")
        return event_from_row(row, tuple(self.mention_ids(event_id)))

    def mention_ids(self, event_id: str) -> builtins.list[str]:
        return [r[0] for r in self.db.query(
            "SELECT mention_id FROM event_mentions WHERE event_id = ? ORDER BY added_at, "
            "rowid", (event_id,))]

    def event_of_mention(self, mention_id: str) -> str | None:
        row = self.db.query_one("SELECT event_id FROM event_mentions WHERE mention_id = ?",
                                (mention_id,))
        return str(row[0]) if row else None

    def latest_date(self) -> date | None:
        """The last day any event is dated to (the sitrep's default day)."""
        row = self.db.query_one("SELECT max(event_date) FROM events")
        return s2d(row[0]) if row and row[0] else None

    def ids_with_claims(self) -> builtins.list[str]:
        return [r[0] for r in self.db.query("SELECT DISTINCT event_id FROM claims")]

    def claims(self, event_id: str) -> builtins.list[Claim]:
        rows = self.db.query(
            "SELECT c.*, CASE WHEN c.evidence = '' AND c.evidence_start >= 0 THEN coalesce("
            "substr(d.text, CAST(c.evidence_start + 1 AS INTEGER), "
            "CAST(c.evidence_end - c.evidence_start AS INTEGER)), '') "
            "ELSE c.evidence END AS sentence FROM claims c LEFT JOIN documents d "
            "ON d.id = c.doc_id WHERE c.event_id = ? ORDER BY c.field, c.id", (event_id,))
        return [Claim(event_id=r["event_id"], field=r["field"], value=r["value"],
                      claimant=r["claimant"], doc_id=r["doc_id"], mention_id=r["mention_id"],
                      evidence=r["sentence"], evidence_start=r["evidence_start"],
                      evidence_end=r["evidence_end"],
                      marks=tuple((int(a), int(b)) for a, b in json.loads(r["marks"])))
                for r in rows]

    def history(self, event_id: str) -> builtins.list[dict[str, object]]:
        rows = self.db.query("SELECT * FROM fusion_log WHERE event_id = ? OR other_event_id = ? "
                             "ORDER BY id", (event_id, event_id))
        return [dict(r) for r in rows]

    def in_window(self, start: date, end: date, *,
                  native_type: str | None = None) -> builtins.list[Event]:
        """Blocking query for fusion: events whose date falls in [start, end] (index-backed)."""
        sql = "SELECT * FROM events WHERE event_date BETWEEN ? AND ?"
        params: list[object] = [d2s(start), d2s(end)]
        if native_type:
            sql = ("SELECT * FROM events WHERE native_type = ? AND event_date BETWEEN ? AND ?")
            params.insert(0, native_type)
        return [event_from_row(r) for r in self.db.query(sql, tuple(params))]

    def block(self, start: date, end: date, native_types: Iterable[str], *,
              countries: Iterable[str] | None = None,
              date_precision: str | None = None,
              area_wide_only: bool = False) -> builtins.list[Event]:
        """Fusion's blocking query: events of these types dated in [start, end].

        With ``countries``, only events in those countries or in none (border-wide and
        unplaced events) are read, through the ``(native_type, country, event_date)`` index,
        so the rows read depend on how busy the window is, never on the size of the store.
        """
        return [event_from_row(r) for r in self._block_rows(
            "*", start, end, native_types, countries=countries,
            date_precision=date_precision, area_wide_only=area_wide_only)]

    def block_places(self, start: date, end: date, native_types: Iterable[str], *,
                     countries: Iterable[str] | None = None,
                     date_precision: str | None = None,
                     area_wide_only: bool = False,
                     near: Near | None = None) -> builtins.list[tuple[str, Place | None]]:
        """The ids and places of what :meth:`block` would return, without decoding events.

        In a busy window (a backfill of a month of fighting at a few border towns) most
        candidates are ruled out by distance alone; reading five columns first lets fusion
        decode only the events that can still match (:meth:`get_many`). With ``near`` on a
        store with PostGIS (:attr:`spatial_lookup`), the database leaves out the rows that
        :class:`Near` says cannot match, so they are neither sent nor decoded; elsewhere
        ``near`` changes nothing and every row of the window comes back.
        """
        cols = "id, location, country, admin1, latitude, longitude, geo_precision, place_source"
        return [(r["id"], place_from_row(r)) for r in self._block_rows(
            cols, start, end, native_types, countries=countries,
            date_precision=date_precision, area_wide_only=area_wide_only,
            near=near if self._postgis else None)]

    @property
    def spatial_lookup(self) -> bool:
        """Whether :meth:`block_places` answers ``near`` in the database (PostGIS)."""
        return self._postgis

    def _block_rows(self, cols: str, start: date, end: date, native_types: Iterable[str], *,
                    countries: Iterable[str] | None, date_precision: str | None,
                    area_wide_only: bool, near: Near | None = None) -> Iterator[sqlite3.Row]:
        """One statement for the whole window: a branch per (type, country) index range,
        joined by UNION ALL (each branch keeps its index range scan; one round trip to the
        server instead of one per branch), the rows in branch order, then by date and id —
        one order on every backend and path, in which the fusion log names candidates."""
        span = (d2s(start), d2s(end))
        extra = " AND date_precision = ?" if date_precision else ""
        if area_wide_only:
            extra += " AND (geo_precision IS NULL OR geo_precision IN ('border', 'country'))"
        extra_params: tuple[object, ...] = (date_precision,) if date_precision else ()
        if near is not None:
            extra += " AND " + NEAR_SQL
            extra_params += near.params()
        branches: list[str] = []
        params: list[object] = []

        def branch(where: str, *values: object) -> None:
            branches.append(f"SELECT {cols}, event_date AS block_date, "
                            f"{len(branches)} AS block_branch FROM events WHERE native_type = ?"
                            f" AND {where}event_date BETWEEN ? AND ?{extra}")
            params.extend((*values, *span, *extra_params))

        for native_type in sorted(set(native_types)):
            if countries is None:
                branch("", native_type)
                continue
            branch("country IS NULL AND ", native_type)
            for country in sorted(set(countries)):
                branch("country = ? AND ", native_type, country)
        if not branches:
            return iter(())
        rows = self.db.query(" UNION ALL ".join(branches), tuple(params))
        return iter(sorted(rows, key=_block_order))

    def of_types_since(self, native_types: Iterable[str], day: date) -> Iterator[Event]:
        """Events of these types dated on or after ``day``, by date and id, read through the
        ``(native_type, event_date)`` index and decoded a few hundred at a time."""
        types = sorted(set(native_types))
        if not types:
            return
        marks = ",".join("?" for _ in types)
        ids = [r[0] for r in self.db.query(
            f"SELECT id FROM events WHERE native_type IN ({marks}) AND event_date >= ? "
            "ORDER BY event_date, id", (*types, d2s(day)))]
        for n in range(0, len(ids), CHUNK):
            yield from self.get_many(ids[n:n + CHUNK])

    def get_many(self, event_ids: Iterable[str]) -> builtins.list[Event]:
        """Events by id, with their mention ids, in the order asked; unknown ids are skipped."""
        ids = builtins.list(dict.fromkeys(event_ids))
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        rows = {r["id"]: r for r in self.db.query(
            f"SELECT * FROM events WHERE id IN ({marks})", tuple(ids))}
        links: dict[str, builtins.list[str]] = {i: [] for i in ids}
        for r in self.db.query(f"SELECT event_id, mention_id FROM event_mentions WHERE "
                               f"event_id IN ({marks}) ORDER BY added_at, rowid", tuple(ids)):
            links[r[0]].append(r[1])
        return [event_from_row(rows[i], tuple(links[i])) for i in ids if i in rows]

    def events_citing_document(self, doc_id: str) -> builtins.list[str]:
        """Events that already hold a mention of this document (a document is one source)."""
        return [r[0] for r in self.db.query(
            "SELECT DISTINCT em.event_id FROM event_mentions em JOIN mentions m "
            "ON m.id = em.mention_id WHERE m.doc_id = ?", (doc_id,))]

    def unlink(self, mention_id: str) -> None:
        self.db.conn.execute("DELETE FROM event_mentions WHERE mention_id = ?", (mention_id,))

    def disputed(self, flt: EventFilter | None = None) -> builtins.list[Event]:
        """Events with at least one contested field or a disputed initiator (no mentions)."""
        where, params = _where(flt or EventFilter(), postgis=self._postgis)
        where.append("(disputed_fields != '[]' OR initiator_disputed = 1)")
        rows = self.db.query("SELECT * FROM events WHERE " + " AND ".join(where)
                             + " ORDER BY event_date IS NULL, event_date, id", tuple(params))
        return [event_from_row(r) for r in rows]

    # -- fusion state (0002): assignments that survive re-extraction, aliases, fingerprints --
    def assign(self, mention_id: str, event_id: str, doc_id: str, *, manual: bool) -> None:
        self.db.conn.execute(
            "INSERT OR REPLACE INTO fusion_assignments (mention_id, event_id, doc_id, manual, at)"
            " VALUES (?, ?, ?, ?, ?)", (mention_id, event_id, doc_id, int(manual), now_iso()))

    def assignment(self, mention_id: str) -> tuple[str, bool] | None:
        row = self.db.query_one("SELECT event_id, manual FROM fusion_assignments "
                                "WHERE mention_id = ?", (mention_id,))
        return (str(row[0]), bool(row[1])) if row else None

    def assigned_events_of_documents(self, doc_ids: Iterable[str]) -> builtins.list[str]:
        ids = builtins.list(dict.fromkeys(doc_ids))
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        return [r[0] for r in self.db.query(
            f"SELECT DISTINCT event_id FROM fusion_assignments WHERE doc_id IN ({marks})",
            tuple(ids))]

    def reassign_event(self, old_id: str, new_id: str) -> None:
        """Every mention of ``old_id`` now belongs to ``new_id`` (a manual merge), for good."""
        conn = self.db.conn
        conn.execute("UPDATE event_mentions SET event_id = ? WHERE event_id = ?", (new_id, old_id))
        conn.execute("UPDATE fusion_assignments SET event_id = ?, manual = 1 WHERE event_id = ?",
                     (new_id, old_id))
        conn.execute("UPDATE event_aliases SET new_id = ? WHERE new_id = ?", (new_id, old_id))
        conn.execute("INSERT OR REPLACE INTO event_aliases (old_id, new_id, at) VALUES (?, ?, ?)",
                     (old_id, new_id, now_iso()))

    def resolve(self, event_id: str) -> str:
        """The current id of an event, following merges; a unique id prefix is accepted."""
        row = self.db.query_one("SELECT new_id FROM event_aliases WHERE old_id = ?", (event_id,))
        if row:
            return str(row[0])
        if self.db.query_one("SELECT 1 FROM events WHERE id = ?", (event_id,)):
            return event_id
        rows = self.db.query("SELECT id FROM events WHERE id LIKE ? LIMIT 2", (event_id + "%",))
        if len(rows) == 1 and len(event_id) >= 4:
            return str(rows[0][0])
        raise NotFoundError(f"no event {event_id!r}")

    def save_fingerprint(self, doc_id: str, num_perm: int, signature: bytes) -> None:
        self.db.conn.execute("INSERT OR REPLACE INTO document_fingerprints VALUES (?, ?, ?)",
                             (doc_id, num_perm, narrow_signature(signature)))

    def document_text(self, doc_id: str) -> str | None:
        row = self.db.query_one("SELECT text FROM documents WHERE id = ?", (doc_id,))
        return str(row[0]) if row else None

    def fingerprints(self, doc_ids: Iterable[str]) -> dict[str, tuple[int, bytes]]:
        ids = builtins.list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        return {r[0]: (int(r[1]), widen_signature(bytes(r[2]), int(r[1]))) for r in self.db.query(
            f"SELECT doc_id, num_perm, signature FROM document_fingerprints "
            f"WHERE doc_id IN ({marks})", tuple(ids))}

    def source_documents(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """Name and outlet of each source document, without loading its text."""
        ids = builtins.list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        marks = ",".join("?" for _ in ids)
        return {r[0]: (str(r[1]), r[2]) for r in self.db.query(
            f"SELECT id, name, outlet FROM documents WHERE id IN ({marks})", tuple(ids))}

    def list(self, flt: EventFilter | None = None, *, limit: int | None = None,
             offset: int = 0) -> builtins.list[Event]:
        """Events matching ``flt``, undated last, then by date and id; a page when ``limit``.

        Dated and undated events are read as two index-ordered parts (see :func:`_parts`), so
        the first page of 20,000 events reads about ``limit`` index entries, not 20,000 rows.
        """
        rows: builtins.list[sqlite3.Row] = []
        skip = offset
        parts = _parts(flt or EventFilter(), postgis=self._postgis)
        if len(parts) > 1 and not self.db.query_one(
                "SELECT 1 FROM events WHERE (event_date IS NULL) = 1 LIMIT 1"):
            parts = parts[:1]  # no undated events at all (the usual store): one query
        for n, (where, params) in enumerate(parts, 1):
            sql = "SELECT * FROM events WHERE " + " AND ".join(where) + " ORDER BY event_date, id"
            if limit is None:  # the whole list; as before, an offset only applies to a page
                rows += self.db.query(sql, tuple(params))
                continue
            want = limit - len(rows)
            if want <= 0:
                break
            got = self.db.query(sql + " LIMIT ? OFFSET ?", (*params, want, skip))
            rows += got
            if skip and n < len(parts):  # used up: the next part skips what is left of offset
                seen = skip + len(got) if got else self._count(where, params)
                skip = max(0, skip - seen)
        ids = [r["id"] for r in rows]
        links: dict[str, builtins.list[str]] = {i: [] for i in ids}
        if ids:
            marks = ",".join("?" for _ in ids)
            for r in self.db.query(f"SELECT event_id, mention_id FROM event_mentions WHERE "
                                   f"event_id IN ({marks}) ORDER BY added_at, rowid",
                                   tuple(ids)):
                links[r[0]].append(r[1])
        return [event_from_row(r, tuple(links[r["id"]])) for r in rows]

    def count(self, flt: EventFilter | None = None) -> int:
        """How many events match ``flt``.

        A substring filter (actor, place) is counted by reading every row, so each total is
        kept until the database changes: paging through one filter counts it once. The
        version is read before counting, so a total is never filed under a newer version.
        Totals counted inside a transaction are not kept.
        """
        version = self.db.data_version()  # None inside a transaction: nothing is kept
        f = flt or EventFilter()
        if not f.date_from:
            # one query: with `date_to` every match is dated and `_parts` gives one part (an
            # index range); without dates, splitting would only trade a table scan for lookups
            where, params = (_parts(f, postgis=self._postgis)[0] if f.date_to
                             else _where(f, postgis=self._postgis))
            return self._count(where, params, version=version)
        return sum(self._count(where, params, version=version)
                   for where, params in _parts(f, postgis=self._postgis))

    def _count(self, where: builtins.list[str], params: builtins.list[object], *,
               version: tuple[int, int] | None = None) -> int:
        sql = "SELECT count(*) FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        key = (version, sql, tuple(params)) if version else None
        if key and (kept := self._counts.get(key)) is not None:
            return kept
        row = self.db.query_one(sql, tuple(params))
        n = int(row[0]) if row else 0
        if key:
            if len(self._counts) >= 256:  # old versions' totals are never asked for again
                self._counts.clear()
            self._counts[key] = n
        return n


def _parts(f: EventFilter, *, postgis: bool = False) -> list[tuple[list[str], list[object]]]:
    """The filter's WHERE terms for dated events, then (if any can match) for undated ones.

    Each part is ordered by ``event_date, id`` through one of 0004's indexes, and the two
    parts in turn give the list's order (undated last) without sorting. The filter's own terms
    are kept in both; the terms added here only let SQLite seek instead of scan. With
    ``date_from``, a dated event can match only if it starts on or after ``date_from`` or it
    is one of the (few) spanning events that end on or after it; the earliest start among
    those, found in ``events_span_end``, is a safe lower bound for ``event_date``.
    """
    where, params = _where(f, postgis=postgis)
    dated, dated_params = [*where, "(event_date IS NULL) = 0"], list(params)
    if f.date_from:
        start = d2s(f.date_from)
        dated.append("event_date >= coalesce(min(?, (SELECT min(event_date) FROM events "
                     "INDEXED BY events_span_end WHERE event_end >= ?)), ?)")
        dated_params += [start, start, start]
    parts = [(dated, dated_params)]
    if not f.date_to:  # an undated event never lies before a last day
        parts.append(([*where, "(event_date IS NULL) = 1"], list(params)))
    return parts


def _where(f: EventFilter, *, postgis: bool = False) -> tuple[list[str], list[object]]:
    where: list[str] = []
    params: list[object] = []
    if f.date_from:
        where.append("coalesce(event_end, event_date) >= ?")
        params.append(d2s(f.date_from))
    if f.date_to:
        where.append("event_date <= ?")
        params.append(d2s(f.date_to))
    if f.event_type:
        where.append("event_type = ?")
        params.append(f.event_type)
    if f.native_type:
        where.append("native_type = ?")
        params.append(f.native_type)
    if f.actor:
        where.append("(actor1 LIKE ? OR actor2 LIKE ?)")
        params += [f"%{f.actor}%", f"%{f.actor}%"]
    if f.place:
        where.append("(location LIKE ? OR admin1 LIKE ?)")
        params += [f"%{f.place}%", f"%{f.place}%"]
    if f.country:
        where.append("country = ?")
        params.append(f.country.upper())
    if f.bbox:
        if postgis:
            # the GiST index finds the points in the box; its boxes are single-precision and
            # rounded outwards, so the columns decide, exactly as on SQLite
            where.append("ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) && "
                         "ST_MakeEnvelope(?, ?, ?, ?, 4326) "
                         "AND longitude IS NOT NULL AND latitude IS NOT NULL")
            params += list(f.bbox)
        where.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
        params += [f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3]]
    if f.min_sources:
        where.append("independent_sources >= ?")
        params.append(f.min_sources)
    if f.updated_since:
        since = f.updated_since
        since = since.replace(tzinfo=UTC) if since.tzinfo is None else since.astimezone(UTC)
        where.append("updated_at >= ?")  # stored as UTC ISO text: text order is time order
        params.append(since.isoformat(timespec="seconds"))
    if f.review_state:
        where.append("id IN (SELECT item_id FROM review_states WHERE item_kind = 'event' "
                     "AND state = ?)")
        params.append(f.review_state)
    return where, params
