"""The ledger's cost per report does not grow with the store (issue 16): a fixed number of
queries per report, and an accord's re-check reads only its own lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ceasewatch import api
from ceasewatch.accords.ledger import refresh_accord, settle_disputes
from ceasewatch.store import Store, open_store

BATCH = Path(__file__).resolve().parents[1] / "corpus" / "en_afpak_talks_2025_26" / "articles"


def _ledger(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.query("SELECT * FROM violations ORDER BY id")]


def _statements(store: Store, run) -> int:
    seen: list[str] = []
    store.db.conn.set_trace_callback(seen.append)
    try:
        run()
    finally:
        store.db.conn.set_trace_callback(None)
    return len(seen)


def test_re_checking_an_accord_settles_what_a_whole_settle_would(tmp_path: Path) -> None:
    with open_store(tmp_path / "l.db") as store:
        api.ingest(store, [str(BATCH)], extract=True)
        accords = [a for a in store.accords.list() if a.in_force_date is not None]
        assert accords and _ledger(store)
        for accord in accords:
            refresh_accord(store, accord)
        after = _ledger(store)
        with store.atomic():  # every accord's lines of every day: nothing left to change
            settle_disputes(store, date(1990, 1, 1), date(2100, 1, 1))
        assert _ledger(store) == after


def test_listing_accords_takes_two_queries_however_many_there_are(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as store:
        api.ingest(store, [str(BATCH)], extract=True)
        accords = store.accords.list()
        assert len(accords) >= 3 and any(a.commitments for a in accords)
        assert _statements(store, store.accords.list) == 2
        assert store.accords.list() == [store.accords.get(a.id) for a in accords]
        lines = store.accords.violations()
        assert _statements(store, lambda: store.accords.bases(v.id for v in lines)) == 1
        assert store.accords.bases(v.id for v in lines) == {
            v.id: store.accords.basis(v.id) for v in lines}
