"""Pashto, Dari/Persian and Urdu: names, digits, dates and the Solar Hijri calendar.

Sentences are composed for these tests in the style of Afghan and Pakistani news; none is
copied from a report.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ceasewatch.nlp.arabic_script import find_actors, find_places, split_sentences
from ceasewatch.nlp.arabic_script.calendar import (
    gregorian_to_jalali,
    jalali_to_gregorian,
    month_length,
    nowruz,
)
from ceasewatch.nlp.arabic_script.dates import find_dates, find_numbers, normalise_digits
from ceasewatch.nlp.languages import get_language

PUBLISHED = date(2025, 11, 10)


@pytest.mark.parametrize(("year", "first_day"), [
    (1399, date(2020, 3, 20)), (1400, date(2021, 3, 21)), (1403, date(2024, 3, 20)),
    (1404, date(2025, 3, 21)),
])
def test_nowruz(year: int, first_day: date) -> None:
    assert nowruz(year) == first_day


def test_leap_years_have_thirty_days_in_the_last_month() -> None:
    assert month_length(1403, 12) == 30  # 1403 is a leap year
    assert month_length(1404, 12) == 29


def test_known_conversions() -> None:
    assert jalali_to_gregorian(1404, 7, 27) == date(2025, 10, 19)  # 27 Mizan/Mehr: Doha accord
    assert jalali_to_gregorian(1404, 8, 15) == date(2025, 11, 6)
    assert gregorian_to_jalali(date(2025, 10, 9)) == (1404, 7, 17)


def test_conversion_round_trips_for_decades() -> None:
    day = date(1990, 1, 1)
    while day < date(2030, 1, 1):
        assert jalali_to_gregorian(*gregorian_to_jalali(day)) == day
        day += timedelta(days=1)


def test_invalid_jalali_dates_raise() -> None:
    with pytest.raises(ValueError):
        jalali_to_gregorian(1404, 12, 30)
    with pytest.raises(ValueError):
        jalali_to_gregorian(1404, 13, 1)


def test_digit_alphabets_normalise_one_to_one() -> None:
    text = "٢٣ و ۲۳ و 23"
    assert normalise_digits(text) == "23 و 23 و 23"
    assert len(normalise_digits(text)) == len(text)


def _dates(text: str) -> list[tuple[str, str, str]]:
    return [(s.surface, s.value.isoformat(), s.precision) for s in find_dates(text, PUBLISHED)]


@pytest.mark.parametrize(("text", "expected"), [
    # Dari, Afghan solar month, Persian digits
    ("در ۲۷ میزان ۱۴۰۴ توافق شد", [("۲۷ میزان ۱۴۰۴", "2025-10-19", "day")]),
    # Iranian Persian month name, Arabic-Indic digits, year inferred
    ("روز ٢٧ مهر", [("٢٧ مهر", "2025-10-19", "day")]),
    # Urdu, Gregorian month, ASCII digits and the year mark
    ("19 اکتوبر 2025ء کو معاہدہ ہوا", [("19 اکتوبر 2025ء", "2025-10-19", "day")]),
    # Pashto: "on the 9th of October"
    ("د اکتوبر په ۹مه", [("اکتوبر په ۹مه", "2025-10-09", "day")]),
    # Persian Gregorian spelling
    ("۶ نوامبر", [("۶ نوامبر", "2025-11-06", "day")]),
    # Urdu "the night between 11 and 12 October", Dari "the night of 20 and 21 Mizan": a
    # night of two dates takes the evening it began (ANNOTATION.md)
    ("11 اور 12 اکتوبر کی درمیانی شب", [("11 اور 12 اکتوبر", "2025-10-11", "day")]),
    ("شب ۲۰ و ۲۱ میزان", [("۲۰ و ۲۱ میزان", "2025-10-12", "day")]),
    # month and year only
    ("عقرب ۱۴۰۴", [("عقرب ۱۴۰۴", "2025-10-23", "month")]),
])
def test_dates(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _dates(text) == expected


def test_pashto_ordinal_is_not_may() -> None:
    # "۲۷مه" is "the 27th", not "27 May" ("مه" is also Persian for May)
    assert _dates("۲۷مه نېټه") == []


def test_verb_prefix_is_not_a_month() -> None:
    # "می‌رسد" (reaches) must not read as the Dari month "می" (May)
    assert _dates("شمار کشته‌ها به ۲۰ می‌رسد") == []


def test_numbers_in_every_digit_alphabet() -> None:
    assert [(s.surface, s.best) for s in find_numbers("۲۳ سرتېري او ٢٠٠ افراد")] == [
        ("۲۳", 23), ("٢٠٠", 200)]


@pytest.mark.parametrize(("text", "expected"), [
    ("پنج غیرنظامی کشته شدند", [("پنج", 5, 5)]),  # Dari
    ("پنځه ملکي وګړي ووژل شول", [("پنځه", 5, 5)]),  # Pashto
    ("درجنوں افراد ہلاک", [("درجنوں", 24, None)]),  # Urdu "dozens": a lower bound
])
def test_number_words(text: str, expected: list[tuple[str, int, int | None]]) -> None:
    assert [(s.surface, s.low, s.best) for s in find_numbers(text)] == expected


def test_a_number_word_needs_a_noun_after_it() -> None:
    assert find_numbers("پنج") == []


def test_numbers_skip_dates_and_years() -> None:
    assert find_numbers("۲۷ میزان ۱۴۰۴") == []
    assert find_numbers("سال 2025") == []


@pytest.mark.parametrize(("text", "place"), [
    ("پاکستاني پوځ پر پکتیکا بریدونه وکړل", "Paktika"),
    ("د سپین بولدک ولسوالۍ", "Spin Boldak"),
    ("د پېښور ښار", "Peshawar"),
    ("نیروهای مرزی در قندهار", "Kandahar"),
    ("اسلام‌آباد اعلام کرد", "Islamabad"),
    ("اسلام آباد میں اجلاس", "Islamabad"),
    ("کوئٹہ میں دھماکہ", "Quetta"),
    ("طورخم سرحد بند", "Torkham"),
])
def test_places_link_to_the_gazetteer(text: str, place: str) -> None:
    assert place in [s.place.name for s in find_places(text)]


@pytest.mark.parametrize("text", ["در ولایت قندهار", "د کندهار ولایت", "صوبہ قندھار میں"])
def test_province_forms_name_the_province(text: str) -> None:
    [span] = find_places(text)
    assert (span.place.name, span.place.precision) == ("Kandahar", "admin1")


@pytest.mark.parametrize(("text", "actor"), [
    ("تحریک طالبان پاکستان ذمه داری پذیرفت", "TTP"),
    ("کالعدم ٹی ٹی پی کے جنگجو", "TTP"),
    ("طالبان اعلام کردند", "Government of Afghanistan (Taliban)"),
    ("د اسلامي امارت ځواکونو ځواب ورکړ", "Military Forces of Afghanistan (Taliban)"),
    ("پاک فوج کے ترجمان", "Military Forces of Pakistan"),
    ("ارتش پاکستان", "Military Forces of Pakistan"),
])
def test_actors(text: str, actor: str) -> None:
    assert actor in [a.actor.name for a in find_actors(text)]


def test_pakistani_taliban_is_not_the_afghan_taliban() -> None:
    assert [a.actor.name for a in find_actors("تحریک طالبان پاکستان")] == ["TTP"]


def test_sentences_split_at_urdu_full_stop_not_decimal_point() -> None:
    text = "فوج نے کہا۔ نقصان 3.5 ارب ہے؟ جی"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "فوج نے کہا۔", "نقصان 3.5 ارب ہے؟", "جی"]


@pytest.mark.parametrize("code", ["ps", "fa", "ur"])
def test_registered_with_the_language_registry(code: str) -> None:
    resources = get_language(code)
    assert resources is not None and resources.code == code
    assert "air_strike" in resources.lexicon.native_types


@pytest.mark.parametrize(("code", "text", "native"), [
    ("fa", "نیروهای پاکستانی حملات هوایی بر کابل انجام دادند", "air_strike"),
    ("ps", "پاکستاني پوځ پر کابل هوايي بريدونه وکړل", "air_strike"),
    ("ur", "چمن کے قریب دونوں افواج میں جھڑپیں ہوئیں", "armed_clash"),
    ("ur", "خودکش دھماکے میں پانچ افراد ہلاک", "suicide_bombing"),
])
def test_trigger_lexicons(code: str, text: str, native: str) -> None:
    resources = get_language(code)
    assert resources is not None
    found = [m.lastgroup for m in resources.lexicon.triggers.finditer(text)]
    assert native in found


@pytest.mark.parametrize(("lang", "text", "native", "when", "where", "actor1"), [
    ("fa", "به گفته مقام‌های محلی، نیروهای پاکستانی روز ۱۵ عقرب ۱۴۰۴ در نزدیکی سپین بولدک با"
           " نیروهای امارت اسلامی درگیر شدند و پنج غیرنظامی کشته شدند.", "armed_clash",
     date(2025, 11, 6), "Spin Boldak", None),
    ("ps", "د ځايي چارواکو په وینا، د ۱۴۰۴ کال د میزان په ۱۷مه پاکستاني ځواکونو پر کابل هوايي"
           " بريدونه وکړل.", "air_strike", date(2025, 10, 9), "Kabul",
     "Military Forces of Pakistan"),
    ("ur", "19 اکتوبر 2025ء کو دوحہ میں پاکستان اور افغان طالبان کے درمیان جنگ بندی کا معاہدہ"
           " طے پا گیا۔", "ceasefire_agreement", date(2025, 10, 19), None, None),
])
def test_extraction_end_to_end(lang: str, text: str, native: str, when: date,
                               where: str | None, actor1: str | None) -> None:
    from ceasewatch.nlp.pipeline import extract_mentions
    from ceasewatch.records import Document, content_hash

    doc = Document(id=content_hash(text), text=text, origin="test", name="t.txt",
                   format="text", published=PUBLISHED, language=lang)
    [m] = [m for m in extract_mentions(doc) if m.native_type == native]
    assert m.event_date == when and m.language == lang
    if where:
        assert m.place is not None and m.place.name == where
    if actor1:
        assert m.actor1 is not None and m.actor1.name == actor1
    if lang == "fa":
        assert m.fatalities.best == 5 and m.claimed_by == ("مقام‌های محلی",)


def test_pashto_spaced_ordinal_is_not_may() -> None:
    """Pashto "مه" after a number is the ordinal ("the 19th"); in Dari it is the month May."""
    ps = get_language("ps")
    fa = get_language("fa")
    assert ps is not None and fa is not None
    assert [(s.surface, s.value) for s in ps.find_dates("د اکتوبر ۱۹ مه نېټه", PUBLISHED)] == [
        ("اکتوبر ۱۹ مه", date(2025, 10, 19))]
    assert ps.find_dates("پر ۱۹ مه نېټه", PUBLISHED) == []
    assert [s.value for s in fa.find_dates("۱۹ مه ۲۰۲۵", PUBLISHED)] == [date(2025, 5, 19)]


@pytest.mark.parametrize(("text", "day"), [
    ("۲۷ ربیع الثانی ۱۴۴۷ هـ ق", date(2025, 10, 19)),   # the Doha accord, Lunar Hijri
    ("٢٧ ربيع‌الثاني ١٤٤٧", date(2025, 10, 19)),        # Arabic letters, with the non-joiner
    ("۱ رمضان ۱۴۴۶ ق", date(2025, 3, 1)),
    ("۱۵ شعبان", date(2025, 2, 14)),                     # year inferred from publication
])
def test_lunar_hijri_dates(text: str, day: date) -> None:
    found = find_dates(text, date(2025, 11, 10) if "۱۴" in text or "١٤" in text
                       else date(2025, 3, 1), "ps")
    assert [s.value for s in found] == [day]


def test_an_impossible_lunar_day_keeps_only_its_month() -> None:
    found = find_dates("۳۱ رمضان ۱۴۴۶", PUBLISHED, "fa")
    assert [(s.surface, s.value, s.precision) for s in found] == [
        ("رمضان ۱۴۴۶", date(2025, 3, 1), "month")]
    assert type(found[0].value) is date


WEDNESDAY = date(2025, 11, 26)


@pytest.mark.parametrize(("lang", "text", "day"), [
    ("fa", "شب گذشته در سپین بولدک", date(2025, 11, 25)),     # last night
    ("fa", "در حمله روز دوشنبه", date(2025, 11, 24)),
    ("fa", "سهشنبه", date(2025, 11, 25)),                        # stored without the non-joiner
    ("ps", "تېره شپه په کندهار کې", date(2025, 11, 25)),
    ("ps", "د سه شنبې ورځ", date(2025, 11, 25)),
    ("ur", "پیر کے روز حملہ", date(2025, 11, 24)),
    ("ur", "گزشتہ شب فائرنگ", date(2025, 11, 25)),
    ("ur", "ہفتے کی رات سے جاری", date(2025, 11, 22)),
    ("fa", "چهارشنبه", WEDNESDAY),                               # the day of publication
    ("fa", "چاشت امروز، حملات هوایی", WEDNESDAY),                # the Arabic comma ends it
])
def test_relative_days_and_weekdays(lang: str, text: str, day: date) -> None:
    res = get_language(lang)
    assert res is not None
    assert [s.value for s in res.find_dates(text, WEDNESDAY)] == [day]


def test_urdu_week_and_saint_are_no_weekdays() -> None:
    ur = get_language("ur")
    assert ur is not None
    assert ur.find_dates("گزشتہ ہفتے پیر صاحب نے کہا", WEDNESDAY) == []  # "last week", "the pir"
    assert ur.find_dates("گزشتہ شب", None) == []                       # nothing to count from
