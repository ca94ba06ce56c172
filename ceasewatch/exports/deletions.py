"""Deleted events since a date, as ACLED publishes them (its ``deleted`` endpoint gives
``event_id_cnty`` and ``deleted_timestamp``), so a copy of an export can be brought up to
date: re-pull what changed (``--updated-since``) and drop what was deleted.

An event is deleted when it is merged into another (``note`` names it) or when every report
of it was re-read as something else; its ``event_id_cnty`` is the one its last export had
(the ISO3 code of its last recorded country and its id).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ceasewatch.exports.codes import country_codes
from ceasewatch.store import Store

COLUMNS = ("event_id_cnty", "event_id", "deleted_timestamp", "deleted_at", "note")


def deletion_rows(store: Store, since: datetime | None) -> Iterator[dict[str, Any]]:
    codes = country_codes()
    for r in store.revisions.deletions(since):
        country = None
        for earlier in reversed(store.revisions.history([r.event_id])):
            if earlier.snapshot is not None:
                country = earlier.snapshot.get("country")
                break
        iso = codes.get(str(country or ""))
        yield {"event_id_cnty": f"{iso.iso3 if iso else 'XXX'}{r.event_id}",
               "event_id": r.event_id, "deleted_timestamp": int(r.at.timestamp()),
               "deleted_at": r.at.isoformat(), "note": r.note}


def deletions_csv(store: Store, since: datetime | None) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(deletion_rows(store, since))
    return buffer.getvalue()
