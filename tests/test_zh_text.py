"""Chinese text handling: dates, numbers, segmentation, sentences and name finding.

Every sentence here is composed for these tests in the style of Chinese wire reports; none is
taken from the development corpus.
"""

from __future__ import annotations

from datetime import date

import pytest

from ceasewatch.nlp.zh import find_actors, find_places
from ceasewatch.nlp.zh.dates import find_dates
from ceasewatch.nlp.zh.numbers import find_numbers, parse_chinese_numeral
from ceasewatch.nlp.zh.segment import alias_words, segment, split_sentences

PUBLISHED = date(2025, 11, 10)  # a Monday


def _dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str, str]]:
    return [(s.surface, s.value.isoformat(), s.precision) for s in find_dates(text, published)]


@pytest.mark.parametrize(("text", "expected"), [
    ("巴基斯坦外交部11月8日发表声明", [("11月8日", "2025-11-08", "day")]),
    ("双方于10月19日签署协议", [("10月19日", "2025-10-19", "day")]),
    ("十月十九日凌晨", [("十月十九日", "2025-10-19", "day")]),
    ("2024年12月3日,口岸关闭", [("2024年12月3日", "2024-12-03", "day")]),
    ("2025年10月,边境局势紧张", [("2025年10月", "2025-10-01", "month")]),
    ("上周四,两国边防部队交火", [("上周四", "2025-11-06", "day")]),
    ("本周四举行会谈", [("本周四", "2025-11-13", "day")]),
    ("星期六晚间", [("星期六", "2025-11-08", "day")]),
    ("本月初以来", [("本月初", "2025-11-01", "month")]),
    ("上月爆发冲突", [("上月", "2025-10-01", "month")]),
    ("上月19日签署", [("上月19日", "2025-10-19", "day")]),
    ("本月3日", [("本月3日", "2025-11-03", "day")]),
    ("去年10月", [("去年10月", "2024-10-01", "month")]),
    ("昨天下午", [("昨天", "2025-11-09", "day")]),
    ("巴军方9日表示", [("9日", "2025-11-09", "day")]),
    ("该组织成立于2007年", [("2007年", "2007-01-01", "year")]),
])
def test_dates_resolve_against_publication(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _dates(text) == expected


def test_month_without_year_in_the_future_is_last_year() -> None:
    # published in November: "12月25日" can only be last December
    assert _dates("12月25日发生爆炸") == [("12月25日", "2024-12-25", "day")]


def test_day_later_than_publication_day_is_previous_month() -> None:
    assert _dates("巴军方25日称", date(2025, 11, 3)) == [("25日", "2025-10-25", "day")]


def test_date_range_keeps_its_end() -> None:
    [span] = find_dates("10月11日至12日,边境多处交火", PUBLISHED)
    assert (span.value, span.end_value, span.precision) == (
        date(2025, 10, 11), date(2025, 10, 12), "day")


def test_earlier_this_year_is_year_precision_up_to_publication() -> None:
    [span] = find_dates("今年早些时候,双方曾关闭口岸", PUBLISHED)
    assert (span.surface, span.precision, span.value, span.end_value) == (
        "今年早些时候", "year", date(2025, 1, 1), PUBLISHED)


def test_same_day_takes_the_previous_date() -> None:
    spans = find_dates("10月15日,坎大哈发生爆炸。同日,霍斯特也传出枪声。", PUBLISHED)
    assert [(s.surface, s.value) for s in spans] == [
        ("10月15日", date(2025, 10, 15)), ("同日", date(2025, 10, 15))]


def test_without_publication_only_dates_with_years_resolve() -> None:
    assert _dates("2025年10月19日与10月20日", None) == [
        ("2025年10月19日", "2025-10-19", "day")]


def test_impossible_dates_are_skipped() -> None:
    assert _dates("2月30日") == []


@pytest.mark.parametrize(("numeral", "value"), [
    ("二十三", 23), ("一百零五", 105), ("两万", 20_000), ("十五", 15), ("一千二百", 1200),
    ("三万五千", 35_000), ("二〇二五", 2025), ("二三", None), ("", None), ("abc", None),
])
def test_parse_chinese_numeral(numeral: str, value: int | None) -> None:
    assert parse_chinese_numeral(numeral) == value


@pytest.mark.parametrize(("text", "expected"), [
    ("冲突造成约200人死亡", [("约200", 200, 200, 200)]),
    ("数十人受伤", [("数十", 24, None, None)]),
    ("数百名难民被遣返", [("数百", 200, None, None)]),
    ("打死二十三名武装分子", [("二十三", 23, 23, 23)]),
    ("至少5人丧生", [("至少5", 5, 5, None)]),
    ("二十多名士兵受伤", [("二十多", 21, None, 29)]),
    ("十几人受伤", [("十几", 11, None, 19)]),
    ("一名警察受伤", [("一", 1, 1, 1)]),
    ("1.2万人流离失所", [("1.2万", 12_000, 12_000, 12_000)]),
    ("上百人", [("上百", 100, None, None)]),
    ("两国关系一度紧张", []),
    ("10月9日", []),
    ("2021年", []),
])
def test_find_numbers(text: str, expected: list[tuple[str, int | None, int | None, int | None]]
                      ) -> None:
    assert [(s.surface, s.low, s.best, s.high) for s in find_numbers(text)] == expected


def test_number_offsets_point_into_the_text() -> None:
    text = "当地官员说,袭击造成约30人死亡。"
    [span] = find_numbers(text)
    assert text[span.start:span.end] == span.surface == "约30"


def test_user_dictionary_keeps_place_names_whole() -> None:
    words = [w for w, _, _ in segment("阿军队在斯平布尔达克附近与巴军交火")]
    assert "斯平布尔达克" in words and "阿军队" in words


def test_user_dictionary_comes_from_the_alias_files() -> None:
    words = alias_words()
    assert {"喀布尔", "巴塔", "帕克提卡省"} <= set(words)


def test_segment_offsets() -> None:
    text = "巴军方对帕克提卡省发动空袭"
    for word, start, end in segment(text):
        assert text[start:end] == word


def test_sentences_end_at_chinese_stops_and_keep_quotes() -> None:
    text = "他说:“我们不会退让!”双方随后交火。\n第二段,没有句号"
    spans = split_sentences(text, offset=100)
    assert [text[s - 100:e - 100] for s, e in spans] == [
        "他说:“我们不会退让!”", "双方随后交火。", "第二段,没有句号"]


def test_places_link_to_the_english_gazetteer_entries() -> None:
    spans = find_places("巴方称,阿富汗武装人员从斯平布尔达克向查曼开火,托尔哈姆口岸随即关闭。")
    names = [(s.surface, s.place.name, s.place.country) for s in spans]
    assert ("斯平布尔达克", "Spin Boldak", "AF") in names
    assert ("查曼", "Chaman", "PK") in names
    assert any(s.place.name == "Torkham" for s in spans)


def test_places_resolve_admin1() -> None:
    [span] = find_places("无人机袭击了帕克提卡省")
    assert (span.place.name, span.place.admin1) == ("Paktika", "Paktika")


def test_names_inside_longer_words_are_not_names() -> None:
    # "巴塔" (TTP) must not be found inside "巴塔哥尼亚" (Patagonia)
    assert find_actors("巴塔哥尼亚冰川面积缩小") == []
    assert [a.actor.name for a in find_actors("巴塔武装人员袭击了哨所")] == ["TTP"]


@pytest.mark.parametrize(("text", "actor"), [
    ("巴基斯坦塔利班宣称对袭击负责", "TTP"),
    ("阿富汗临时政府发言人表示", "Government of Afghanistan (Taliban)"),
    ("阿富汗军队进行了还击", "Military Forces of Afghanistan (Taliban)"),
    ("巴基斯坦军方发表声明", "Military Forces of Pakistan"),
    ("巴政府随后宣布", "Government of Pakistan"),
])
def test_actor_aliases(text: str, actor: str) -> None:
    assert find_actors(text)[0].actor.name == actor


def test_traditional_and_taiwan_names_and_triggers() -> None:
    """Taiwan and Hong Kong outlets: Traditional characters and their own renderings of names
    (杜哈 Doha, 卡達 Qatar, 伊斯坦堡 Istanbul, 神學士 the Taliban); sentences composed here."""
    from ceasewatch.nlp.zh import resources

    res = resources()
    text = "巴軍方對阿富汗首都喀布爾發動空襲，神學士與巴國代表在杜哈和伊斯坦堡會談，卡達斡旋"
    places = {p.place.name for p in res.find_places(text, ("AF", "PK"))}
    assert {"Kabul", "Doha", "Istanbul", "Qatar"} <= places
    actors = {a.actor.name for a in res.find_actors(text)}
    assert "Government of Afghanistan (Taliban)" in actors
    assert "Military Forces of Pakistan" in actors
    assert "air_strike" in {m.lastgroup for m in res.lexicon.find_triggers(text)}
