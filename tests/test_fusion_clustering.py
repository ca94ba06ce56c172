"""Clustering: which reports are one incident, which stay apart, and stable event ids."""

from __future__ import annotations

from datetime import date

from fusion_factory import (
    AF,
    AF_GOV,
    BORDER,
    CHAMAN,
    DOHA,
    ISTANBUL,
    KABUL,
    LAHORE,
    PAKTIKA,
    PARACHINAR,
    PK,
    PK_GOV,
    SPIN_BOLDAK,
    TTP,
    article,
    ingest,
    make_doc,
    make_mention,
)

from ceasewatch.fusion.candidates import candidate_events
from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.records import Casualties, Place
from ceasewatch.store import EventFilter

NOV6 = date(2025, 11, 6)


def _events(store):
    return store.events.list()


def test_two_outlets_reporting_one_clash_make_one_event(store):
    a = make_doc(article(300, 1), "rna.txt", outlet="RNA")
    b = make_doc(article(300, 2), "dawn.txt", outlet="Dawn")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK,
                                   actor2=AF)])
    ingest(store, b, [make_mention(b, "armed_clash", NOV6, place=CHAMAN, actor1=AF,
                                   actor2=PK)])
    [event] = _events(store)
    assert event.sources == ("rna.txt", "dawn.txt")
    assert event.independent_sources == 2
    assert len(event.mention_ids) == 2


def test_two_clashes_on_the_same_day_in_different_provinces_stay_apart(store):
    a = make_doc(article(300, 3), "a.txt")
    b = make_doc(article(300, 4), "b.txt")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK,
                                   actor2=AF)])
    ingest(store, b, [make_mention(b, "armed_clash", NOV6, place=PARACHINAR, actor1=PK,
                                   actor2=AF)])
    events = _events(store)
    assert len(events) == 2
    assert {e.place.admin1 for e in events if e.place} == {"Kandahar", "Khyber Pakhtunkhwa"}
    history = store.events.history(events[1].id)
    assert history[0]["action"] == "create"


KANDAHAR = Place("Kandahar", "AF", "Kandahar", None, None, "admin1")
KANDAHAR_CITY = Place("Kandahar", "AF", "Kandahar", 31.6133, 65.7101, "locality")


def test_vague_provincial_report_attaches_to_the_right_precise_event(store):
    docs = [make_doc(article(200, 10 + i), f"d{i}.txt") for i in range(4)]
    ingest(store, docs[0], [make_mention(docs[0], "armed_clash", NOV6, place=SPIN_BOLDAK,
                                         actor1=PK, actor2=AF)])
    # a clash in the same week but far from the border, and one on the border a month earlier
    ingest(store, docs[1], [make_mention(docs[1], "armed_clash", date(2025, 11, 5),
                                         place=LAHORE, actor1=PK, actor2=TTP)])
    ingest(store, docs[2], [make_mention(docs[2], "armed_clash", date(2025, 10, 6),
                                         place=PARACHINAR, actor1=PK, actor2=AF)])
    # "clashes in Kandahar last week", published 11 November
    vague = make_mention(docs[3], "armed_clash", date(2025, 11, 4), precision="week",
                         place=KANDAHAR, fatalities=Casualties(4, 4, 4),
                         claimed_by=("Afghan officials",))
    ingest(store, docs[3], [vague])
    target = store.events.event_of_mention(vague.id)
    event = store.events.get(target)
    assert event.place == SPIN_BOLDAK and len(event.mention_ids) == 2
    assert event.event_date == NOV6 and event.date_precision == "day"
    assert len(_events(store)) == 3


def test_vague_report_between_two_precise_incidents_is_kept_apart(store):
    docs = [make_doc(article(200, 20 + i), f"e{i}.txt") for i in range(3)]
    ingest(store, docs[0], [make_mention(docs[0], "armed_clash", NOV6, place=SPIN_BOLDAK)])
    ingest(store, docs[1], [make_mention(docs[1], "armed_clash", date(2025, 11, 3),
                                         place=KANDAHAR_CITY)])
    vague = make_mention(docs[2], "armed_clash", date(2025, 11, 4), precision="week",
                         place=KANDAHAR)
    ingest(store, docs[2], [vague])
    assert len(_events(store)) == 3
    log = store.events.history(store.events.event_of_mention(vague.id))
    assert "ambiguous" in log[0]["reason"]


def test_precise_report_after_a_vague_one_joins_it(store):
    a = make_doc(article(200, 30), "vague.txt")
    b = make_doc(article(200, 31), "precise.txt")
    ingest(store, a, [make_mention(a, "armed_clash", date(2025, 11, 4), precision="week",
                                   place=KANDAHAR)])
    ingest(store, b, [make_mention(b, "armed_clash", NOV6, place=SPIN_BOLDAK)])
    [event] = _events(store)
    assert event.date_precision == "day" and event.place == SPIN_BOLDAK


def test_border_wide_report_is_not_tied_to_a_site(store):
    """"Clashes along the border last week" names no site: which of a war's incidents it
    tells is unknown, so it stays apart from the one at Spin Boldak, and the log says why."""
    a = make_doc(article(200, 32), "site.txt")
    b = make_doc(article(200, 33), "border.txt")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK)])
    vague = make_mention(b, "armed_clash", date(2025, 11, 4), precision="week", place=BORDER)
    ingest(store, b, [vague])
    assert len(_events(store)) == 2
    [created] = store.events.history(store.events.event_of_mention(vague.id))
    assert "names a site, the other none" in str(created["reason"])


def test_two_unplaced_reports_a_day_apart_stay_apart(store):
    a = make_doc(article(200, 34), "u1.txt")
    b = make_doc(article(200, 35), "u2.txt")
    ingest(store, a, [make_mention(a, "suicide_bombing", date(2025, 11, 10), place=None)])
    ingest(store, b, [make_mention(b, "suicide_bombing", date(2025, 11, 11), place=None)])
    assert len(_events(store)) == 2
    c = make_doc(article(200, 37), "u4.txt")
    ingest(store, c, [make_mention(c, "suicide_bombing", date(2025, 11, 11), place=None)])
    assert len(_events(store)) == 2  # the very same day ties two unplaced reports


def test_campaign_summary_is_not_folded_into_one_incident(store):
    docs = [make_doc(article(200, 40 + i), f"c{i}.txt") for i in range(3)]
    ingest(store, docs[0], [make_mention(docs[0], "armed_clash", date(2025, 10, 12),
                                         place=PARACHINAR, actor1=AF, actor2=PK)])
    dozens = Casualties(low=24)
    ingest(store, docs[1], [make_mention(docs[1], "armed_clash", date(2025, 10, 15),
                                         precision="month", place=BORDER, fatalities=dozens)])
    ingest(store, docs[2], [make_mention(docs[2], "armed_clash", date(2025, 10, 15),
                                         precision="month", place=None,
                                         fatalities=Casualties(200, None, 230))])
    events = _events(store)
    assert len(events) == 2
    campaign = next(e for e in events if e.date_precision == "month")
    assert campaign.sources == ("c1.txt", "c2.txt")
    assert "fatalities" in campaign.disputed_fields


def test_month_report_with_a_named_city_attaches_when_unambiguous(store):
    a = make_doc(article(200, 50), "strike.txt")
    b = make_doc(article(200, 51), "recap.txt")
    ingest(store, a, [make_mention(a, "air_strike", date(2025, 10, 9), place=KABUL, actor1=PK),
                      make_mention(a, "air_strike", date(2025, 10, 9), place=PAKTIKA,
                                   actor1=PK)])
    ingest(store, b, [make_mention(b, "air_strike", date(2025, 10, 15), precision="month",
                                   place=KABUL, actor1=PK)])
    events = _events(store)
    assert len(events) == 2
    kabul = next(e for e in events if e.place == KABUL)
    assert kabul.sources == ("strike.txt", "recap.txt")
    assert kabul.event_date == date(2025, 10, 9)


def test_explosion_and_air_strike_are_one_incident_the_type_refined(store):
    """"Explosions in Kabul" and "an air strike on Kabul": the specific type wins and the
    generic one is a refinement, not a dispute (both stay as claims)."""
    a = make_doc(article(200, 60), "x.txt")
    b = make_doc(article(200, 61), "y.txt")
    ingest(store, a, [make_mention(a, "air_strike", date(2025, 10, 9), place=KABUL, actor1=PK)])
    ingest(store, b, [make_mention(b, "explosion", date(2025, 10, 9), place=KABUL,
                                   claimed_by=("Taliban government",))])
    [event] = _events(store)
    assert event.native_type == "air_strike"
    assert "event_type" not in event.disputed_fields
    types = {c.value for c in store.events.claims(event.id) if c.field == "event_type"}
    assert types == {'"air_strike"', '"explosion"'}


def test_talks_rounds_fuse_and_round_number_is_disputed(store):
    docs = [make_doc(article(200, 70 + i), f"t{i}.txt") for i in range(3)]
    ingest(store, docs[0], [make_mention(docs[0], "talks_held", NOV6, place=ISTANBUL,
                                         actor1=AF_GOV, actor2=PK_GOV,
                                         attributes=[("round", "3")])])
    ingest(store, docs[1], [make_mention(docs[1], "talks_held", date(2025, 11, 7),
                                         place=ISTANBUL, attributes=[("round", "2")])])
    ingest(store, docs[2], [make_mention(docs[2], "talks_held", date(2025, 10, 18),
                                         place=DOHA, actor1=AF_GOV, actor2=PK_GOV),
                            make_mention(docs[2], "ceasefire_agreement", NOV6, place=ISTANBUL)])
    events = _events(store)
    istanbul = [e for e in events if e.native_type == "talks_held" and e.place == ISTANBUL]
    # the agreement reported for the same day in Istanbul is that meeting's outcome: one
    # event, the type (talks that failed / an agreement) disputed
    assert len(istanbul) == 1 and len(events) == 2
    assert len(istanbul[0].mention_ids) == 3
    assert {"round", "event_type"} <= set(istanbul[0].disputed_fields)
    rounds = {c.value for c in store.events.claims(istanbul[0].id) if c.field == "round"}
    assert rounds == {'"3"', '"2"'}


def test_bilingual_article_is_one_event_and_one_source(store):
    doc = make_doc(article(300, 80) + " 巴基斯坦 空袭 喀布尔", "bilingual.txt", language="en+zh")
    en = make_mention(doc, "air_strike", date(2025, 10, 9), place=KABUL, actor1=PK)
    zh = make_mention(doc, "air_strike", date(2025, 10, 9), place=KABUL, actor1=PK,
                      language="zh", evidence="巴基斯坦空袭喀布尔")
    ingest(store, doc, [en, zh])
    [event] = _events(store)
    assert event.sources == ("bilingual.txt",) and event.independent_sources == 1
    assert len(event.mention_ids) == 2


def test_one_article_telling_two_dates_tells_two_events(store):
    doc = make_doc(article(300, 90), "two.txt")
    ingest(store, doc, [
        make_mention(doc, "armed_clash", NOV6, place=SPIN_BOLDAK,
                     fatalities=Casualties(4, 4, 4)),
        make_mention(doc, "armed_clash", date(2025, 11, 7), place=SPIN_BOLDAK,
                     fatalities=Casualties(5, 5, 5)),
    ])
    assert len(_events(store)) == 2


def test_event_ids_are_stable_and_refusing_changes_nothing(store, tmp_path):
    from ceasewatch.fusion import fuse_mentions
    from ceasewatch.store import open_store

    a = make_doc(article(200, 100), "s.txt")
    mentions = [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, mention_id="m-fixed")]
    touched = ingest(store, a, mentions)
    assert len(touched) == 1
    with store.atomic():
        assert fuse_mentions(store, mentions) == []
    with open_store(tmp_path / "other.db") as other:
        assert ingest(other, a, mentions) == touched  # same id from the same first mention


def test_blocking_reads_only_the_window_and_the_country(store):
    doc = make_doc(article(200, 110), "block.txt")
    far = make_mention(doc, "armed_clash", date(2025, 3, 1), place=SPIN_BOLDAK)
    near = make_mention(doc, "armed_clash", date(2025, 11, 5), place=SPIN_BOLDAK)
    elsewhere = make_mention(doc, "armed_clash", date(2025, 11, 5), place=ISTANBUL)
    ingest(store, doc, [far, near, elsewhere])
    probe = make_mention(doc, "shelling", NOV6, place=CHAMAN)
    found = {e.id for e in candidate_events(store, probe, knowledge())}
    assert found == {store.events.event_of_mention(near.id)}



def test_vague_report_first_is_joined_by_the_precise_one(store):
    docs = [make_doc(article(200, 120 + i), f"o{i}.txt") for i in range(3)]
    vague = make_mention(docs[0], "armed_clash", date(2025, 11, 4), precision="week",
                         place=KANDAHAR, fatalities=Casualties(4, 4, 4))
    ingest(store, docs[0], [vague])
    # a precise clash at Spin Boldak joins the vague Kandahar event (its only candidate) ...
    ingest(store, docs[1], [make_mention(docs[1], "armed_clash", NOV6, place=SPIN_BOLDAK)])
    # ... one far from any border starts its own
    ingest(store, docs[2], [make_mention(docs[2], "armed_clash", NOV6, place=LAHORE)])
    assert len(_events(store)) == 2
    spin = store.events.get(store.events.event_of_mention(vague.id))
    assert spin.place == SPIN_BOLDAK and spin.sources == ("o0.txt", "o1.txt")
    assert store.events.list(EventFilter(place="Spin"))[0].id == spin.id


TORKHAM = Place("Torkham", "AF", "Nangarhar", 34.1153, 71.0967, "locality")
KURRAM = Place("Kurram", "PK", "Khyber Pakhtunkhwa", 33.7, 70.2, "district")


def test_a_later_torkham_report_is_not_folded_into_a_border_wide_toll(store):
    """Issue 11: "two soldiers killed at Torkham on 12 November" (ISPR) was merged into the
    7 November "four civilians killed along the border" event, moving its date and inventing
    a 4-vs-2 dispute. A site report is not tied to a border-wide one, and the toll differs."""
    a = make_doc(article(200, 140), "civilians.txt")
    b = make_doc(article(200, 141), "torkham.txt")
    ingest(store, a, [make_mention(a, "armed_clash", date(2025, 11, 7), precision="week",
                                   place=BORDER, fatalities=Casualties(4, 4, 4))])
    ingest(store, b, [make_mention(b, "armed_clash", date(2025, 11, 12), place=TORKHAM,
                                   actor1=AF, actor2=PK, fatalities=Casualties(2, 2, 2),
                                   claimed_by=("ISPR",))])
    events = _events(store)
    assert len(events) == 2
    assert {e.event_date for e in events} == {date(2025, 11, 7), date(2025, 11, 12)}
    assert not any(e.disputed_fields for e in events)


def test_a_kurram_counter_claim_is_not_the_spin_boldak_exchange(store):
    """A counter-claim about Kurram, about 400 km from Spin Boldak, is another incident."""
    a = make_doc(article(200, 142), "spin.txt")
    b = make_doc(article(200, 143), "kurram.txt")
    ingest(store, a, [make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK,
                                   actor2=AF)])
    kurram = make_mention(b, "armed_clash", NOV6, place=KURRAM, actor1=AF, actor2=PK,
                          claimed_by=("Pakistani security sources",))
    ingest(store, b, [kurram])
    assert len(_events(store)) == 2
    [created] = store.events.history(store.events.event_of_mention(kurram.id))
    if store.events.spatial_lookup:  # PostGIS never read it: the log says what was not read
        assert ("differently named site over 80 km away (such events are not read)"
                in str(created["reason"]))
    else:
        assert "places Kurram / Spin Boldak" in str(created["reason"])


def test_talks_and_the_agreement_they_produced_are_one_meeting_when_dated_to_the_day(store):
    docs = [make_doc(article(200, 150 + i), f"doha{i}.txt") for i in range(3)]
    ingest(store, docs[0], [make_mention(docs[0], "talks_held", date(2025, 10, 19), place=DOHA,
                                         actor1=AF_GOV, actor2=PK_GOV)])
    ingest(store, docs[1], [make_mention(docs[1], "ceasefire_agreement", date(2025, 10, 19),
                                         actor1=AF_GOV, actor2=PK_GOV)])
    assert len(_events(store)) == 1
    # "a ceasefire agreed this week": a week-level agreement is not tied to one day's talks
    week = make_mention(docs[2], "ceasefire_agreement", date(2025, 10, 17), precision="week",
                        actor1=AF_GOV, actor2=PK_GOV)
    ingest(store, docs[2], [week])
    assert len(_events(store)) == 2
    [created] = store.events.history(store.events.event_of_mention(week.id))
    assert "only when both are dated to the day" in str(created["reason"])


def test_campaign_summaries_of_different_areas_stay_apart(store):
    """A month's fighting "along the border" and a month's attacks on one country's border
    posts are two campaign-level events, and the fusion log says why."""
    docs = [make_doc(article(200, 45 + i), f"m{i}.txt") for i in range(3)]
    ingest(store, docs[0], [make_mention(docs[0], "armed_clash", date(2025, 10, 15),
                                         precision="month", place=BORDER)])
    one_side = Place("Pakistani border posts", "PK", None, None, None, "country")
    ingest(store, docs[1], [make_mention(docs[1], "armed_clash", date(2025, 10, 15),
                                         precision="month", place=one_side)])
    ingest(store, docs[2], [make_mention(docs[2], "armed_clash", date(2025, 10, 20),
                                         precision="month", place=BORDER)])
    events = _events(store)
    assert len(events) == 2
    border = next(e for e in events if e.place == BORDER)
    assert border.sources == ("m0.txt", "m2.txt")
    one = next(e for e in events if e.place != BORDER)
    reasons = " ".join(str(h["reason"]) for h in store.events.history(one.id))
    assert "campaign summaries of different areas" in reasons
