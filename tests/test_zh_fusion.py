"""A Chinese report corroborates an English one: one incident, one event, two sources.

``fixtures/zh/spin_boldak_zh.txt`` is a report composed for this test in the style of a
Chinese wire dispatch (not a real article): the 6 November 2025 exchange of fire near Spin
Boldak that RNA reported in English (``sample/seed004_rna_spin_boldak.txt``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ceasewatch import api
from ceasewatch.store import Store

ZH_REPORT = Path(__file__).resolve().parent / "fixtures" / "zh" / "spin_boldak_zh.txt"


@pytest.mark.parametrize("chinese_first", [False, True])
def test_chinese_report_fuses_with_the_english_one(store: Store, sample_dir: Path,
                                                   chinese_first: bool) -> None:
    en = str(sample_dir / "seed004_rna_spin_boldak.txt")
    paths = [str(ZH_REPORT), en] if chinese_first else [en, str(ZH_REPORT)]
    for path in paths:  # one at a time: the second report must join the first one's event
        assert api.ingest(store, [path]).ok
    clashes = [e for e in store.events.list() if e.native_type == "armed_clash"
               and e.event_date == date(2025, 11, 6)]
    assert len(clashes) == 1, clashes
    [clash] = clashes
    assert set(clash.sources) == {"seed004_rna_spin_boldak.txt", ZH_REPORT.name}
    assert clash.independent_sources == 2
    assert clash.place is not None and clash.place.name == "Spin Boldak"
    languages = {m.language for m in store.mentions.get_many(clash.mention_ids)}
    assert languages == {"en", "zh"}
    # the talks held that day and the Doha accord are corroborated across languages too
    talks = [e for e in store.events.list() if e.native_type == "talks_held"
             and e.event_date == date(2025, 11, 6)]
    assert len(talks) == 1 and talks[0].independent_sources == 2
