"""Chinese extraction end to end: each field of a mention from Chinese sentences.

The sentences are composed for these tests in the style of Chinese wire reports (Xinhua, CNS);
none is copied from the development corpus. Publication date: Monday 10 November 2025.
"""

from __future__ import annotations

from datetime import date

import pytest
from composed import mentions_of, one_of

from ceasewatch.records import Mention

PUBLISHED = date(2025, 11, 10)


def _mentions(text: str) -> list[Mention]:
    return mentions_of(text, PUBLISHED, language="zh", name="zh_test.txt")


def _one(text: str, native: str) -> Mention:
    return one_of(text, native, PUBLISHED, language="zh", name="zh_test.txt")


@pytest.mark.parametrize("comma", [",", "，"])  # ASCII and full-width punctuation both occur
def test_air_strike_type_date_actor_place(comma: str) -> None:
    text = f"据当地媒体报道{comma}11月3日{comma}巴基斯坦空军对阿富汗霍斯特省发动空袭。"
    m = _one(text, "air_strike")
    assert m.event_type == "Explosions/Remote violence"
    assert m.event_date == date(2025, 11, 3) and m.date_precision == "day"
    # the initiator is the subject; "对" marks the target, even before the verb
    assert m.actor1 is not None and m.actor1.name == "Military Forces of Pakistan"
    assert m.actor2 is not None and m.actor2.name == "Government of Afghanistan (Taliban)"
    assert m.place is not None and m.place.name == "Khost" and m.place.country == "AF"
    assert m.language == "zh" and m.evidence == text
    assert m.claimed_by == ("当地媒体",)


def test_coordinated_sides_keep_the_subject_as_initiator() -> None:
    m = _one("巴基斯坦军方7日说，巴军当天在开伯尔-普什图赫瓦省与巴塔武装分子交火。",
             "armed_clash")
    assert m.actor1 is not None and m.actor1.name == "Military Forces of Pakistan"
    assert m.actor2 is not None and m.actor2.name == "TTP"
    assert m.place is not None and m.place.admin1 == "Khyber Pakhtunkhwa"


def test_clash_with_casualties_in_chinese_numerals() -> None:
    m = _one("阿富汗国防部发言人说,上周四阿军队与巴军在斯平布尔达克附近交火,"
             "造成二十三名士兵死亡、数十人受伤。", "armed_clash")
    assert m.event_date == date(2025, 11, 6)
    assert m.place is not None and m.place.name == "Spin Boldak"
    assert m.fatalities.best == 23 or m.fatalities.low == 23
    assert m.injuries.low == 24


def test_no_casualties() -> None:
    m = _one("11月6日,双方边防部队在查曼口岸附近短暂交火,未造成人员伤亡。", "armed_clash")
    assert (m.fatalities.low, m.fatalities.high) == (0, 0)


def test_ceasefire_agreement_in_doha() -> None:
    m = _one("10月19日,阿富汗临时政府与巴基斯坦政府在多哈签署停火协议。", "ceasefire_agreement")
    assert m.event_date == date(2025, 10, 19)
    assert m.event_type == "Strategic developments"
    names = {a.name for a in (m.actor1, m.actor2) if a is not None}
    assert "Government of Afghanistan (Taliban)" in names


def test_claimant_is_recorded() -> None:
    m = _one("据巴基斯坦三军新闻局称,11月2日,巴塔武装分子袭击了北瓦济里斯坦的一处哨所,"
             "双方激烈交火。", "armed_clash")
    assert m.claimed_by == ("巴基斯坦三军新闻局",)
    assert m.actor1 is not None and m.actor1.name == "TTP"
    assert m.place is not None and m.place.name == "North Waziristan"


@pytest.mark.parametrize("text", [
    "11月6日,阿巴两国代表团在伊斯坦布尔举行第三轮会谈。",
    "阿巴第三轮会谈于11月6日在伊斯坦布尔举行。",
])
def test_talks_held_in_istanbul(text: str) -> None:
    m = _one(text, "talks_held")
    assert m.event_date == date(2025, 11, 6)
    assert m.place is not None and m.place.name == "Istanbul"


@pytest.mark.parametrize("text", [
    "10月12日,巴方宣布关闭托尔哈姆口岸。",
    "10月12日，巴基斯坦关闭了托尔哈姆和查曼两个主要口岸，双边贸易随即中断。",
])
def test_border_closure(text: str) -> None:
    m = _one(text, "border_closure")
    assert m.event_date == date(2025, 10, 12)
    assert m.place is not None and m.place.name == "Torkham"


@pytest.mark.parametrize("text", [
    # threat: a warning of strikes is not a strike
    "巴基斯坦国防部长11月9日警告称,将对阿富汗境内目标发动空袭。",
    # negation: the talks were not held
    "阿巴双方11月9日并未举行会谈。",
    # denial
    "阿富汗临时政府发言人11月9日否认阿军队曾向巴方哨所开火。",
    # conditional
    "巴方表示,如果谈判失败,将关闭所有口岸。",
    # plan: the next round is not a round held
    "双方商定下一轮会谈将在伊斯坦布尔举行。",
])
def test_rejected_statements_are_not_events(text: str) -> None:
    natives = {m.native_type for m in _mentions(text)}
    assert not natives & {"air_strike", "talks_held", "armed_clash", "border_closure"}, natives


def test_a_cue_in_an_earlier_clause_does_not_govern_the_trigger() -> None:
    # "未" (not) negates the confirmation in the first clause, not the strike after "，"
    m = _one("阿富汗方面此前未证实相关消息，10月12日，巴军方对霍斯特发动空袭。", "air_strike")
    assert m.event_date == date(2025, 10, 12)


def test_negation_across_a_list_of_places() -> None:
    natives = {m.native_type for m in _mentions("10月12日，巴军方并未对喀布尔、坎大哈发动空袭。")}
    assert "air_strike" not in natives


def test_date_between_speaker_and_verb_dates_the_statement() -> None:
    # "9日" is when the spokesman spoke; the clash happened at most days before: week precision
    m = _one("巴基斯坦军方发言人9日表示，阿富汗武装人员向巴方哨所开火。", "armed_clash")
    assert (m.event_date, m.date_precision) == (date(2025, 11, 9), "week")
    assert m.claimed_by == ("巴基斯坦军方发言人",)
    assert m.actor1 is not None and m.actor1.name == "Military Forces of Afghanistan (Taliban)"


def test_mediators_are_neither_place_nor_party() -> None:
    m = _one("上月19日，阿富汗临时政府与巴基斯坦政府在卡塔尔和土耳其斡旋下于多哈达成停火协议。",
             "ceasefire_agreement")
    assert m.event_date == date(2025, 10, 19)
    assert m.place is not None and m.place.name == "Doha"
    names = {a.name for a in (m.actor1, m.actor2) if a is not None}
    assert names == {"Government of Afghanistan (Taliban)", "Government of Pakistan"}


def test_same_day_continues_the_previous_paragraph() -> None:
    text = ("11月6日，巴军方称阿富汗武装人员向查曼附近的巴方哨所开火。\n"
            "同日，坎大哈省斯平布尔达克地区也发生交火，造成4名平民死亡。")
    clashes = [m for m in _mentions(text) if m.native_type == "armed_clash"]
    spin = [m for m in clashes if m.place is not None and m.place.name == "Spin Boldak"]
    assert len(spin) == 1 and spin[0].event_date == date(2025, 11, 6)
    assert spin[0].fatalities.best == 4


def test_words_starting_with_a_negation_character_do_not_negate() -> None:
    # "未来" (future) and "若干" (several) are not "not" and "if"
    m = _one("11月5日，巴军方对若干此前未知的武装据点发动空袭。", "air_strike")
    assert m.event_date == date(2025, 11, 5)
