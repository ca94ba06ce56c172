"""Failure classes found on unseen reporting (the held-out set, issue 3), one rule each.

Every sentence is composed for these tests (none from the development corpus nor from the
held-out texts) to check that each fix is a general rule, not a patch for one article.
Publication date: Wednesday 4 March 2026.
"""

from __future__ import annotations

from datetime import date

import pytest
from composed import mentions_of, one_of

from ceasewatch.nlp.stages.dates import find_dates_en
from ceasewatch.nlp.stages.numbers import find_numbers_en
from ceasewatch.records import Mention

PUBLISHED = date(2026, 3, 4)
TUESDAY = date(2026, 3, 3)


def _mentions(text: str) -> list[Mention]:
    return mentions_of(text, PUBLISHED, name="unseen.txt")


def _one(text: str, native: str) -> Mention:
    return one_of(text, native, PUBLISHED, name="unseen.txt")


def _none(text: str, native: str) -> None:
    found = [m for m in _mentions(text) if m.native_type == native]
    assert not found, [(m.native_type, m.evidence) for m in found]


# -- datelines: where and when the report was filed ----------------------------------------

@pytest.mark.parametrize("dateline", ["JALALABAD —", "JALALABAD, Afghanistan (AP) —",
                                      "JALALABAD, March 4 (Wire) -", "JALALABAD:"])
def test_dateline_is_neither_the_place_nor_the_date(dateline: str) -> None:
    m = _one(f"{dateline} A landmine exploded under a minibus in the Achin district of "
             "Nangarhar province on Tuesday, killing four passengers, police said.", "explosion")
    assert m.place is not None and m.place.name == "Achin"
    assert m.event_date == TUESDAY and m.date_precision == "day"


# -- dates relative to publication ----------------------------------------------------------

@pytest.mark.parametrize("words", ["Last night", "Overnight"])
def test_last_night_and_overnight_are_the_day_before(words: str) -> None:
    (d,) = find_dates_en(f"{words}, mortars hit the post.", PUBLISHED)
    assert d.value == TUESDAY and d.precision == "day"


def test_overnight_after_a_date_is_that_date_s_night() -> None:
    found = find_dates_en("Fighting began on Sunday and went on overnight.", PUBLISHED)
    assert [d.surface for d in found] == ["Sunday"]


def test_a_time_of_day_does_not_cut_the_clause() -> None:
    m = _one("Pakistani drones struck a compound in Paktika before dawn on Tuesday, officials "
             "said.", "air_strike")
    assert m.event_date == TUESDAY


def test_a_state_since_a_date_began_on_it() -> None:
    m = _one("The Ghulam Khan crossing has been closed since February 20 after a dispute over "
             "customs fees.", "border_closure")
    assert m.event_date == date(2026, 2, 20)


# -- counts -----------------------------------------------------------------------------------

def test_a_person_counts_as_one() -> None:
    assert [n.best for n in find_numbers_en("a police officer was killed")] == [1]
    assert [n.best for n in find_numbers_en("a civilian vehicle was hit")] == []
    m = _one("Mortar fire hit Chitral on Tuesday, killing three soldiers and a shepherd, "
             "officials said.", "shelling")
    assert m.fatalities.best == 4


def test_embraced_martyrdom_is_killed() -> None:
    m = _one("Militants attacked a checkpost in Kurram on Tuesday; two soldiers embraced "
             "martyrdom and five attackers were killed, the military said.", "armed_clash")
    assert m.fatalities.best == 7


# -- triggers in the wording of unseen reports ----------------------------------------------

@pytest.mark.parametrize(("text", "native"), [
    ("Pakistani aircraft bombed several houses in Khost on Tuesday, residents said.",
     "air_strike"),
    ("The two governments agreed on Tuesday to renew the truce for three months.",
     "ceasefire_agreement"),
    ("Talks in Tehran on Tuesday ended with an agreement to reopen the Torkham crossing.",
     "ceasefire_agreement"),
    ("The Angoor Adda crossing, which officials shut on Tuesday, stayed closed.",
     "border_closure"),
    ("Torkham, the main gateway for Afghan transit trade, was sealed on Tuesday.",
     "border_closure"),
    ("Kabul on Tuesday halted exports of coal to Pakistan.", "trade_suspension"),
    ("Islamabad on Tuesday suspended all transit and bilateral trade with Kabul.",
     "trade_suspension"),
    ("The second round, held in Tehran on Tuesday, was inconclusive.", "talks_held"),
])
def test_unseen_wording_is_an_event(text: str, native: str) -> None:
    assert _one(text, native).event_date == TUESDAY


def test_detained_as_an_adjective_is_no_arrest() -> None:
    _none("On Tuesday the two sides agreed to exchange detained border guards.", "arrest")
    assert _one("Police detained six men in Quetta on Tuesday.", "arrest")


def test_a_demand_to_stop_is_no_event() -> None:
    _none("On Tuesday Kabul called on Islamabad to stop the deportations.", "deportation")


# -- places and actors --------------------------------------------------------------------

def test_a_road_between_two_towns_is_one_place() -> None:
    found = [m for m in _mentions("A roadside bomb hit a police van on the Quetta-Chaman "
                                  "highway on Tuesday, officials said.")
             if m.native_type == "explosion"]
    assert [m.place.name for m in found if m.place] == ["Quetta"]


def test_hosted_by_a_mediator_in_a_city() -> None:
    m = _one("The first round, hosted by Iran in Tehran on Tuesday, ended without a deal.",
             "talks_held")
    assert m.place is not None and m.place.name == "Tehran"


def test_the_office_of_a_spokesman_is_not_the_place() -> None:
    text = ("Afghan and Pakistani troops clashed near Torkham on Tuesday. The Taliban's "
            "spokesman for Khost province said the fighting killed three border guards.")
    m = _one(text, "armed_clash")
    assert m.place is not None and m.place.name == "Torkham"
    assert m.fatalities.best == 3


def test_blaming_a_state_names_the_initiator() -> None:
    m = _one("A drone strike killed two people in Khost on Tuesday, a Taliban spokesman said, "
             "blaming Pakistan.", "air_strike")
    assert m.actor1 is not None and m.actor1.country == "PK"


def test_an_agent_across_a_comma_is_not_the_initiator() -> None:
    m = _one("The Taliban administration halted imports of Pakistani cement on Tuesday, urging "
             "traders to buy from Iran instead.", "trade_suspension")
    assert m.actor1 is not None and m.actor1.country == "AF"
    assert m.place is not None and m.place.country == "AF"  # a measure taken at home


def test_an_agreement_is_reached_where_its_talks_were() -> None:
    m = _one("The two sides agreed on Tuesday to extend the ceasefire, after three days of "
             "talks in Tehran.", "ceasefire_agreement")
    assert m.place is not None and m.place.name == "Tehran"


def test_a_scene_sentence_places_the_event_that_follows() -> None:
    text = ("On Tuesday, intruders tried to cross the border in the Angoor Adda area. "
            "Troops engaged them and, after an exchange of fire, three intruders were killed.")
    m = _one(text, "armed_clash")
    assert m.place is not None and m.place.name == "Angoor Adda"


def test_a_reopening_and_its_closure_are_of_one_crossing() -> None:
    text = ("Officials reopened the Torkham crossing on Tuesday. The crossing had been closed "
            "since February 20.")
    closure = _one(text, "border_closure")
    assert closure.place is not None and closure.place.name == "Torkham"
    assert closure.event_date == date(2026, 2, 20)


# -- what does not borrow the story's date ------------------------------------------------

def test_a_cause_of_a_dated_state_does_not_take_the_story_date() -> None:
    text = ("Officials reopened the Torkham crossing on Tuesday. The crossing had been closed "
            "since February 20 following clashes between border troops.")
    _none(text, "armed_clash")


def test_a_trickle_of_reports_is_no_dated_event() -> None:
    text = ("Troops clashed in Kurram last week. A steady trickle of reports of shelling in "
            "Kunar has not been confirmed.")
    assert [m.native_type for m in _mentions(text)] == ["armed_clash"]
