"""End to end on the bundled dev corpus: the Doha accord detected, the 6–7 November Spin
Boldak/Chaman incidents in the ledger as disputed violations of the cessation of hostilities.

Skipped until extraction (``ceasewatch.nlp.pipeline``) and fusion are importable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("ceasewatch.nlp.pipeline")
fusion = pytest.importorskip("ceasewatch.fusion")
if not hasattr(fusion, "fuse_mentions"):
    pytest.skip("fusion is not built yet", allow_module_level=True)

from ceasewatch import api  # noqa: E402
from ceasewatch.accords.curation import import_builtin  # noqa: E402
from ceasewatch.store import open_store  # noqa: E402

DOHA = "doha-2025-10-19"


def test_dev_corpus_accord_and_ledger(tmp_path: Path, sample_dir: Path,
                                      monkeypatch: pytest.MonkeyPatch, db_target: str) -> None:
    # first without the curated accord: the reports alone must yield it
    monkeypatch.setattr("ceasewatch.accords.curation.ensure_builtin_accords", lambda s: [])
    with open_store(db_target) as store:
        report = api.ingest(store, [str(sample_dir)])
        assert report.ok
        detected = [a for a in store.accords.list() if a.source == "detected"]
        doha = [a for a in detected if set(a.parties) == {"AF", "PK"}
                and a.signed_date is not None
                and abs((a.signed_date - date(2025, 10, 19)).days) <= 2]
        assert len(doha) == 1, [(a.id, a.parties, a.signed_date) for a in detected]
        assert {"Qatar", "Turkey"} <= set(doha[0].mediators)
        assert doha[0].place is not None and doha[0].place.name == "Doha"
        assert "cessation_of_hostilities" in {c.kind for c in doha[0].commitments}

        # the curated accord then takes the draft's place and its reports
        [result] = [r for r in import_builtin(store) if r.accord.id == DOHA]
        assert result.absorbed == (doha[0].id,)
        assert store.accords.linked_events(DOHA)

        accord = store.accords.get(DOHA)
        kinds = {c.id: c.kind for c in accord.commitments}
        november = [v for v in store.accords.violations(accord_id=DOHA)
                    if kinds[v.commitment_id] == "cessation_of_hostilities"
                    and v.event_date is not None
                    and date(2025, 11, 6) <= v.event_date <= date(2025, 11, 7)]
        places = {store.events.get(v.event_id).place.name  # type: ignore[union-attr]
                  for v in november if store.events.get(v.event_id).place}
        assert places & {"Spin Boldak", "Chaman"}, places
        disputed = {(v.alleged_violator, v.accuser) for v in november
                    if v.verification == "disputed"}
        assert ("PK", "AF") in disputed and ("AF", "PK") in disputed, november
        # nothing from before the accord is held against it
        assert all(v.event_date and v.event_date >= date(2025, 10, 19)
                   for v in store.accords.violations(accord_id=DOHA))
