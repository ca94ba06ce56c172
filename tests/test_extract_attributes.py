"""Attributes of events: which round of talks a report says it was, from extraction to dispute.

The sentences are composed for these tests in the style of wire and diplomatic reporting;
none is copied from the development corpus. Publication date: Wednesday 4 March 2026.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from composed import mentions_of, one_of

from ceasewatch.export import mention_dict
from ceasewatch.fusion.claims import disputed_fields, mention_claims
from ceasewatch.nlp.lexicon import LexiconError, build_lexicon
from ceasewatch.records import Mention

PUBLISHED = date(2026, 3, 4)


def _mentions(text: str, language: str = "en", name: str = "composed.txt") -> list[Mention]:
    return mentions_of(text, PUBLISHED, language=language, name=name)


def _talks(text: str, language: str = "en", name: str = "composed.txt") -> Mention:
    return one_of(text, "talks_held", PUBLISHED, language=language, name=name)


@pytest.mark.parametrize(("text", "expected"), [
    ("Afghan and Pakistani negotiators held the third round of talks in Doha on Monday.", "3"),
    ("Delegations from Kabul and Islamabad met in Riyadh on Tuesday for a fourth round of "
     "negotiations mediated by Saudi Arabia.", "4"),
    ("The two governments held round two of talks in Ankara on Monday.", "2"),
    ("The two delegations met in Tehran on Monday for a second session of talks.", "2"),
    ("Officials from both countries held the 5th round of talks in Doha on Tuesday.", "5"),
    ("The talks held in Ankara on Monday were the second attempt this year to settle the "
     "border dispute.", "2"),
])
def test_round_number_of_talks(text: str, expected: str) -> None:
    m = _talks(text)
    assert m.attribute("round") == expected
    assert mention_dict(m)["round"] == int(expected)


def test_a_later_sentence_naming_the_talks_gives_their_round() -> None:
    text = ("Afghan and Pakistani officials resumed talks in Tehran on Monday, state media said. "
            "Iranian diplomats said little about the agenda. "
            "The Tehran talks are the third attempt since the summer to end the border dispute.")
    assert _talks(text).attribute("round") == "3"


def test_a_later_sentence_naming_other_talks_gives_nothing() -> None:
    text = ("Afghan and Pakistani officials resumed talks in Tehran on Monday, state media said. "
            "The Doha talks in January had been the second attempt to end the dispute.")
    assert _talks(text).attribute("round") is None


@pytest.mark.parametrize("text", [
    # negated, planned or merely counted: no round number is stated
    "Negotiators held talks in Doha on Monday; the meeting was not the first attempt at peace.",
    "Negotiators held talks in Doha on Monday, and a third round is planned for April.",
    "The latest round of talks in Doha ended on Monday without an agreement.",
    "Negotiators held talks in Doha on Monday after three days of heavy shelling.",
])
def test_no_round_unless_one_is_stated(text: str) -> None:
    m = _talks(text)
    assert m.attribute("round") is None
    assert mention_dict(m)["round"] is None


def test_rounds_only_describe_talks() -> None:
    text = ("Pakistani artillery fired a second round of shells at Afghan posts near Torkham on "
            "Monday, officials said.")
    assert all(m.attribute("round") is None for m in _mentions(text))


def test_chinese_round_number() -> None:
    text = "阿富汗与巴基斯坦代表团3月2日在多哈举行第三轮会谈。"
    m = _talks(text, language="zh")
    assert m.attribute("round") == "3"


def test_round_becomes_a_claim_and_two_values_a_dispute() -> None:
    second = _talks("Afghan and Pakistani negotiators held the second round of talks in Doha on "
                    "Monday, a Qatari official said.", name="a.txt")
    third = _talks("According to state media, delegations of Afghanistan and Pakistan met in "
                   "Doha on Monday for the third round of negotiations.", name="b.txt")
    claims = [c for m in (second, third) for c in mention_claims("ev-1", m) if c.field == "round"]
    assert sorted(json.loads(c.value) for c in claims) == ["2", "3"]
    assert {c.claimant for c in claims} == {"Qatari official", "state media"}
    fields, _ = disputed_fields([second, third])
    assert "round" in fields
    fields, _ = disputed_fields([second, second])
    assert "round" not in fields


def test_attribute_patterns_need_a_value_group() -> None:
    data = {"triggers": {"talks_held": ["talks"]},
            "attributes": {"round": {"types": ["talks_held"], "patterns": ["third round"]}}}
    with pytest.raises(LexiconError, match="value"):
        build_lexicon("xx", data)
    data["attributes"]["round"]["patterns"] = ["(?P<value>third) round"]
    data["attributes"]["round"]["values"] = {"third": 3}
    rule = build_lexicon("xx", data).attributes[0]
    assert rule.read("Third") == "3" and rule.read("7th") == "7" and rule.read("many") is None
