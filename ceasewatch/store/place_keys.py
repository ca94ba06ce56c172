"""The Python half of migration 0012: every stored event's ``place_key``, on both backends.

The key is ``placenames.norm_name`` of the event's location, the very function fusion
compares names with; SQL's ``lower`` is not Python's ``casefold`` ("Straße" and "STRASSE"
are one name to fusion), so the rows are filled from Python, inside the migration's
transaction: an interrupted migration leaves the store at 0011 and no key half-filled.
A store holds a few thousand distinct place names for a million events, so each name is keyed
once, into a temporary table, and the events take their key from it in one UPDATE.
"""

from __future__ import annotations

from typing import Any

from ceasewatch.placenames import norm_name


def fill_place_keys(conn: Any) -> None:
    """``events.place_key`` for every event (``conn``: sqlite3's or the PostgreSQL wrapper)."""
    names = [r[0] for r in conn.execute(
        "SELECT DISTINCT location FROM events WHERE location IS NOT NULL").fetchall()]
    if not names:
        return
    conn.execute("CREATE TEMPORARY TABLE place_keys_0012 (location TEXT PRIMARY KEY, "
                 "place_key TEXT)")
    conn.executemany("INSERT INTO place_keys_0012 (location, place_key) VALUES (?, ?)",
                     [(name, norm_name(name) or None) for name in names])
    conn.execute("UPDATE events SET place_key = (SELECT k.place_key FROM place_keys_0012 k "
                 "WHERE k.location = events.location) WHERE location IS NOT NULL")
    conn.execute("DROP TABLE place_keys_0012")
