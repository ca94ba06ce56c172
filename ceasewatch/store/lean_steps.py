"""The Python half of migration 0011: rows rewritten leaner, each checked to read back equal.

SQL alone cannot tell which half of a revision can be rebuilt from the other, nor narrow a
MinHash signature; this step does it inside the migration's transaction (an interrupted
migration leaves the store at 0010, every row whole). ``PYTHON_STEPS`` names every
migration's Python step by backend (0012's fills the place keys: ``place_keys.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from ceasewatch.store.codec import narrow_signature
from ceasewatch.store.place_keys import fill_place_keys
from ceasewatch.store.revision_chain import compact


def lean_0011(conn: sqlite3.Connection) -> None:
    compact(conn)
    for doc_id, signature in conn.execute(
            "SELECT doc_id, signature FROM document_fingerprints").fetchall():
        narrow = narrow_signature(bytes(signature))
        if narrow != bytes(signature):
            conn.execute("UPDATE document_fingerprints SET signature = ? WHERE doc_id = ?",
                         (narrow, doc_id))


#: the Python step of a migration on a backend, run after its SQL in the same transaction;
#: 0011's rewrite is SQLite's alone (PostgreSQL keeps its rows whole, compressed), 0012's both
PYTHON_STEPS: dict[tuple[int, str], Callable[[Any], None]] = {
    (11, "sqlite"): lean_0011,
    (12, "sqlite"): fill_place_keys,
    (12, "postgresql"): fill_place_keys,
}
