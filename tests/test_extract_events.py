"""Extraction end to end on sentences composed for these tests (wire, statement, analysis styles).

None is copied from the development corpus. Publication date: Wednesday 4 March 2026.
"""

from __future__ import annotations

from datetime import date

import pytest
from composed import composed_doc, mentions_of, one_of

from ceasewatch.nlp.pipeline import analyse_document, extract_mentions
from ceasewatch.records import Document, Mention, content_hash

PUBLISHED = date(2026, 3, 4)


def _doc(text: str, language: str = "en") -> Document:
    return composed_doc(text, PUBLISHED, language=language)


def _mentions(text: str) -> list[Mention]:
    return mentions_of(text, PUBLISHED)


def _one(text: str, native: str) -> Mention:
    return one_of(text, native, PUBLISHED)


# -- what, when, where, who ------------------------------------------------------------------

def test_wire_report_air_strike_in_two_provinces_is_two_events() -> None:
    text = ("KABUL, March 3 (Reuters) - Pakistani jets struck suspected militant hideouts in "
            "Khost and Kunar provinces on Tuesday, killing at least 12 people, Afghan "
            "officials said.")
    found = [m for m in _mentions(text) if m.native_type == "air_strike"]
    assert sorted(m.place.name for m in found if m.place) == ["Khost", "Kunar"]
    for m in found:
        assert m.event_date == date(2026, 3, 3) and m.date_precision == "day"
        assert m.event_type == "Explosions/Remote violence"
        assert m.sub_event_type == "Air/drone strike" and m.cameo == "195"
        assert m.actor1 is not None and m.actor1.name == "Military Forces of Pakistan"
        assert m.place is not None and m.place.country == "AF"
        assert "Afghan officials" in m.claimed_by
    assert any(m.fatalities.low == 12 for m in found)


def test_official_statement_clash_with_toll() -> None:
    m = _one("In a statement on Sunday, the military's media wing said security forces repulsed "
             "an attack on a border post in North Waziristan on Saturday night, killing five "
             "attackers.", "armed_clash")
    assert m.event_date == date(2026, 2, 28)  # Saturday, not the statement's Sunday
    assert m.place is not None and m.place.admin1 == "Khyber Pakhtunkhwa"
    assert m.fatalities.best == 5


def test_analysis_piece_month_precision_and_vague_toll() -> None:
    m = _one("In January, heavy fighting along the Durand Line left dozens dead and hundreds "
             "wounded, according to the United Nations.", "armed_clash")
    assert (m.event_date, m.date_precision) == (date(2026, 1, 15), "month")
    assert m.fatalities.low == 24 and m.fatalities.best is None
    assert m.injuries.low == 200
    assert m.place is not None and m.place.precision == "border" and m.place.country is None
    assert m.claimed_by == ("United Nations",)


def test_talks_take_the_place_they_were_held_and_both_governments() -> None:
    m = _one("Afghanistan and Pakistan remain at odds over militancy. Delegations from both "
             "countries held a third round of talks in Doha on Wednesday, February 11, 2026.",
             "talks_held")
    assert m.event_date == date(2026, 2, 11)
    assert m.place is not None and (m.place.name, m.place.country) == ("Doha", "QA")
    assert m.sub_event_type == "Agreement"
    assert {m.actor1.name, m.actor2.name} == {  # type: ignore[union-attr]
        "Government of Pakistan", "Government of Afghanistan (Taliban)"}


def test_agreement_mediators_are_neither_party_nor_place() -> None:
    m = _one("Mediated by Qatar and Turkey, Kabul and Islamabad agreed to a ceasefire on "
             "February 20.", "ceasefire_agreement")
    assert m.event_date == date(2026, 2, 20)
    assert m.place is None
    names = {a.name for a in (m.actor1, m.actor2) if a}
    assert not any("Qatar" in n or "Turkey" in n for n in names)


def test_passive_voice_source_of_fire_is_the_initiator() -> None:
    m = _one("Three civilians were wounded on Monday when mortar shells fired from Afghanistan "
             "landed in Chaman, police said.", "shelling")
    assert m.event_date == date(2026, 3, 2)
    assert m.place is not None and (m.place.name, m.place.country) == ("Chaman", "PK")
    assert m.actor1 is not None and m.actor1.country == "AF"
    assert m.injuries.best == 3 and not m.fatalities.known


def test_explosion_and_suicide_bombing() -> None:
    bomb = _one("A roadside bomb exploded in Bajaur on Saturday, killing two soldiers and "
                "injuring four others, the ISPR said.", "explosion")
    assert bomb.sub_event_type == "Remote explosive/landmine/IED"
    assert (bomb.fatalities.best, bomb.injuries.best) == (2, 4)
    suicide = _one("A suicide bomber struck near a police station in Peshawar on Friday, "
                   "killing 9 people.", "suicide_bombing")
    assert suicide.sub_event_type == "Suicide bomb" and suicide.event_date == date(2026, 2, 27)


def test_border_closure_last_week() -> None:
    m = _one("Pakistan closed the Torkham crossing last week, traders said.", "border_closure")
    assert m.date_precision == "week" and m.sub_event_type == "Change to group/activity"
    assert m.place is not None and m.place.name == "Torkham"


def test_context_events_keep_empty_acled_columns() -> None:
    m = _one("On Monday, India upgraded its technical mission in Kabul to an embassy.",
             "diplomatic_step")
    assert m.event_type is None and m.sub_event_type is None and m.cameo


def test_toll_in_the_next_sentence_and_mutual_blame() -> None:
    text = ("Afghan and Pakistani troops exchanged fire near Torkham on Thursday. "
            "No casualties were reported, but both sides blamed each other for starting it.")
    m = _one(text, "armed_clash")
    assert m.fatalities.best == 0 and m.initiator_disputed


def test_repeated_incident_is_merged() -> None:
    text = ("Border guards clashed near Angoor Adda on Monday. Monday's clash was the second "
            "this month, residents said.")
    m = _one(text, "armed_clash")
    assert m.event_date == date(2026, 3, 2)


@pytest.mark.parametrize(("second", "places"), [
    ("Airstrikes also hit Khost province, residents said.", ["Barmal", "Khost"]),
    # the same strikes told at the level of their province: one event
    ("Airstrikes also hit Paktika province, residents said.", ["Barmal"]),
    ("Airstrikes also hit Barmal, residents said.", ["Barmal"]),
])
def test_an_undated_telling_at_another_place_is_its_own_event(second: str,
                                                               places: list[str]) -> None:
    text = "Pakistani jets struck Barmal district, officials said on Monday. " + second
    found = _mentions(text)
    assert sorted(m.place.name for m in found if m.place) == places
    assert {m.event_date for m in found} == {date(2026, 3, 2)}


def test_narrative_date_carries_to_the_next_sentence() -> None:
    text = ("On February 26, Pakistani drones struck a compound in Paktika. This triggered "
            "retaliatory fire from Afghan forces along the frontier.")
    clash = _one(text, "armed_clash")
    assert clash.event_date == date(2026, 2, 26)
    assert clash.actor1 is not None and clash.actor1.country == "AF"
    assert clash.place is not None and clash.place.precision == "border"


def test_date_of_a_following_clause_does_not_spread() -> None:
    text = "The crossings were closed on February 2, following attacks on convoys near Chaman."
    found = _mentions(text)
    assert [m.native_type for m in found] == ["border_closure"]


# -- not events ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Taliban threatened retaliation if Pakistan carried out air raids on Tuesday.",
    "Islamabad denied carrying out airstrikes in Afghanistan on Monday.",
    "No clashes were reported along the border on Friday.",
    "Officials said talks would be held in Doha next week.",
    "Pakistan plans to hold talks with Kabul on March 10.",
    "\"Our forces shelled enemy positions in Kurram yesterday,\" a spokesman said.",
    "In 2022, the two sides signed a truce that soon collapsed.",
    "Kabul denies harbouring militants who stage attacks in Pakistan.",
    "Pakistan's defence minister warned that clashes could resume on Friday.",
])
def test_threats_denials_plans_quotes_and_background_are_not_events(text: str) -> None:
    assert _mentions(text) == []


def test_dropped_candidates_keep_their_reason() -> None:
    ctx = analyse_document(_doc("Islamabad denied carrying out airstrikes on Monday."))
    assert [c.dropped for c in ctx.candidates] == ["denial cue"]


# -- records ---------------------------------------------------------------------------------

def test_evidence_offsets_and_deterministic_ids() -> None:
    text = ("Fighting erupted near Spin Boldak on Monday.\n"
            "Later, Pakistani artillery shelled villages in Kandahar on Tuesday, killing four.")
    first, second = _mentions(text), _mentions(text)
    assert [m.id for m in first] == [m.id for m in second] and len(first) == 2
    for m in first:
        assert text[m.evidence_start:m.evidence_end] == m.evidence
        assert m.language == "en"


def test_bilingual_document_is_read_in_its_first_language_only() -> None:
    text = ("Pakistani jets struck targets in Khost on Monday.\n"
            "巴基斯坦战机3月2日空袭了霍斯特省的目标。")
    found = extract_mentions(_doc(text, language="en+zh"))
    assert [(m.native_type, m.language) for m in found] == [("air_strike", "en")]


def test_wire_lede_report_date_and_tolls_of_two_clauses() -> None:
    text = ("ISLAMABAD (AP) — Pakistan's military said Saturday its troops killed 14 militants "
            "in a raid on a hideout in the Khyber district, a day after insurgents ambushed a "
            "convoy, killing six soldiers.")
    m = _one(text, "armed_clash")
    # the report is dated Saturday 28 Feb; the raid happened on or before it
    assert (m.event_date, m.date_precision) == (date(2026, 2, 28), "week")
    assert m.fatalities.best == 14  # the six soldiers belong to the ambush
    assert m.place is not None and m.place.country == "PK"


def test_a_date_after_a_reporting_verb_is_not_the_event_date() -> None:
    m = _one("The spokesperson told reporters on Thursday that Pakistan had reopened the "
             "Chaman crossing on Tuesday after a three-week closure.", "border_reopening")
    assert m.event_date == date(2026, 3, 3)


def test_two_claimants_blaming_different_sides_dispute_the_initiator() -> None:
    text = ("Afghan and Pakistani border guards exchanged fire near Ghulam Khan on Monday.\n"
            "According to Afghan border officials, Pakistani troops opened fire first.\n"
            "\"The firing was initiated from Afghanistan,\" Pakistan's interior ministry said.")
    m = _one(text, "armed_clash")
    assert m.initiator_disputed
    assert {"Afghan border officials", "Pakistan's interior ministry"} <= set(m.claimed_by)


def test_one_claimant_does_not_make_a_dispute() -> None:
    text = ("Afghan and Pakistani border guards exchanged fire near Ghulam Khan on Monday.\n"
            "According to Afghan border officials, Pakistani troops opened fire first.")
    assert not _one(text, "armed_clash").initiator_disputed


WIRE_STORY = """Pakistan, Afghanistan trade fire again as truce frays
PESHAWAR, Pakistan, Jan 12 (Reuters) - Pakistani and Afghan forces exchanged heavy fire across \
the Kurram border on Sunday, officials on both sides said, the most serious breach of a \
ceasefire agreed in Doha last October.
A senior Pakistani security official said Afghan Taliban fighters opened fire on a Pakistani \
post without provocation, prompting a "befitting response". Afghanistan's defence ministry said \
Pakistani forces had shelled civilian homes in Dand-e-Patan district of Paktia province, \
wounding seven people, including three children.
There was no independent confirmation of either account.
The clash came two days after Pakistan's army chief warned that any attack from Afghan soil \
would be met with force. Islamabad has also threatened to resume airstrikes if militant attacks \
do not stop.
In November, the two sides held talks in Istanbul that ended without agreement. Pakistan has \
since deported tens of thousands of Afghans, according to the UN refugee agency."""


def test_a_whole_wire_story() -> None:
    text = WIRE_STORY
    doc = Document(id=content_hash(text), text=text, origin="test", name="wire.txt",
                   format="text", published=date(2026, 1, 12), language="en")
    found = {(m.native_type, m.event_date.isoformat() if m.event_date else None,
              m.place.name if m.place else None): m for m in extract_mentions(doc)}
    assert set(found) == {
        ("armed_clash", "2026-01-11", "Kurram"),
        ("shelling", "2026-01-11", "Dand-e-Patan"),
        ("ceasefire_agreement", "2025-10-15", "Doha"),
        ("talks_held", "2025-11-15", "Istanbul")}
    clash = found[("armed_clash", "2026-01-11", "Kurram")]
    assert clash.initiator_disputed  # each side's officials blame the other
    assert found[("shelling", "2026-01-11", "Dand-e-Patan")].injuries.best == 7
    assert found[("talks_held", "2025-11-15", "Istanbul")].date_precision == "month"


def test_two_names_of_one_site_between_them_are_one_place() -> None:
    from ceasewatch.nlp.stages.arguments import between_sites

    text = "The strike hit a car between the villages of Toulin and Burj Qalaouiyeh."
    a = (text.index("Toulin"), text.index("Toulin") + 6)
    b = (text.index("Burj"), text.index("Burj") + len("Burj Qalaouiyeh"))
    assert between_sites(text, a, b) and between_sites(text, b, a)
    listed = "Strikes hit Toulin and Burj Qalaouiyeh on Monday."
    a = (listed.index("Toulin"), listed.index("Toulin") + 6)
    b = (listed.index("Burj"), listed.index("Burj") + len("Burj Qalaouiyeh"))
    assert not between_sites(listed, a, b)
