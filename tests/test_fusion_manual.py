"""Manual merge and split: logged, and never undone by re-ingestion."""

from __future__ import annotations

from datetime import date

import pytest
from fusion_factory import (
    PARACHINAR,
    SPIN_BOLDAK,
    article,
    ingest,
    make_doc,
    make_mention,
    reingest,
)

from ceasewatch.errors import CeasewatchError, NotFoundError
from ceasewatch.fusion import merge_events, split_event

NOV6 = date(2025, 11, 6)


def _two_apart(store):
    a = make_doc(article(300, 1), "a.txt")
    b = make_doc(article(300, 2), "b.txt")
    ma = [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, mention_id="ma")]
    mb = [make_mention(b, "armed_clash", NOV6, place=PARACHINAR, mention_id="mb")]
    ingest(store, a, ma)
    ingest(store, b, mb)
    return (a, ma), (b, mb)


def test_manual_merge_survives_reingestion(store):
    (a, ma), (b, mb) = _two_apart(store)
    ea, eb = (store.events.event_of_mention(x) for x in ("ma", "mb"))
    assert ea != eb
    kept = merge_events(store, [ea, eb], note="same incident, Kurram misplaced")
    assert kept == ea
    reingest(store, b, mb)
    reingest(store, a, ma)
    [event] = store.events.list()
    assert event.id == ea and set(event.mention_ids) == {"ma", "mb"}
    assert store.events.resolve(eb) == ea
    merges = [h for h in store.events.history(ea) if h["action"] == "merge"]
    assert merges and merges[0]["manual"] == 1 and "Kurram" in merges[0]["reason"]


def test_manual_split_survives_reingestion(store):
    a = make_doc(article(300, 3), "a.txt")
    b = make_doc(article(300, 4), "b.txt")
    ma = [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, mention_id="sa")]
    mb = [make_mention(b, "armed_clash", NOV6, place=SPIN_BOLDAK, mention_id="sb")]
    ingest(store, a, ma)
    ingest(store, b, mb)
    [joined] = store.events.list()
    new_id = split_event(store, joined.id, ["sb"], note="different night")
    for doc, ms in ((a, ma), (b, mb), (b, mb)):
        reingest(store, doc, ms)
    events = {e.id: e.mention_ids for e in store.events.list()}
    assert events == {joined.id: ("sa",), new_id: ("sb",)}
    log = store.events.history(new_id)
    assert any(h["action"] == "split" and h["manual"] == 1 for h in log)


def test_merge_then_split_gives_back_the_sources(store):
    _two_apart(store)
    ea, eb = (store.events.event_of_mention(x) for x in ("ma", "mb"))
    kept = merge_events(store, [ea, eb])
    new_id = split_event(store, kept, ["mb"])
    assert store.events.get(kept).sources == ("a.txt",)
    assert store.events.get(new_id).sources == ("b.txt",)


def test_bad_decisions_are_clear_errors(store):
    _two_apart(store)
    ea = store.events.event_of_mention("ma")
    with pytest.raises(NotFoundError):
        merge_events(store, [ea, "ev-nope"])
    with pytest.raises(CeasewatchError, match="at least two"):
        merge_events(store, [ea, ea])
    with pytest.raises(CeasewatchError, match="empty"):
        split_event(store, ea, ["ma"])
    with pytest.raises(CeasewatchError, match="not a report of this event"):
        split_event(store, ea, ["mb"])


def test_reextraction_that_drops_a_report_rebuilds_or_deletes_its_event(store):
    (a, ma), (b, mb) = _two_apart(store)
    ea = store.events.event_of_mention("ma")
    eb = store.events.event_of_mention("mb")
    merge_events(store, [ea, eb])
    extra = make_mention(a, "talks_held", NOV6, mention_id="ma-talks")
    reingest(store, a, [extra])  # the new extraction no longer finds the clash in a.txt
    events = {e.id: e for e in store.events.list()}
    assert events[ea].mention_ids == ("mb",) and events[ea].sources == ("b.txt",)
    reingest(store, b, [])
    assert ea not in {e.id for e in store.events.list()}
    assert store.events.history(ea)[-1]["action"] == "delete"
