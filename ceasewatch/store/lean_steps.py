"""The Python half of migration 0011: rows rewritten leaner, each checked to read back equal.

SQL alone cannot tell which half of a revision can be rebuilt from the other, nor narrow a
MinHash signature; this step does it inside the migration's transaction (an interrupted
migration leaves the store at 0010, every row whole).
"""

from __future__ import annotations

import sqlite3

from ceasewatch.store.codec import narrow_signature
from ceasewatch.store.revision_chain import compact


def lean_0011(conn: sqlite3.Connection) -> None:
    compact(conn)
    for doc_id, signature in conn.execute(
            "SELECT doc_id, signature FROM document_fingerprints").fetchall():
        narrow = narrow_signature(bytes(signature))
        if narrow != bytes(signature):
            conn.execute("UPDATE document_fingerprints SET signature = ? WHERE doc_id = ?",
                         (narrow, doc_id))
