"""Russian: sentences, dates in every case, counts, names in their case forms, and events.

Sentences are composed for these tests in the style of Russian agency reporting; none is
copied from a report.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ceasewatch.nlp.languages import get_language
from ceasewatch.nlp.pipeline import extract_mentions
from ceasewatch.nlp.ru import find_actors, find_places, split_sentences
from ceasewatch.nlp.ru.dates import calendar_words, find_dates, find_numbers
from ceasewatch.records import Document

PUBLISHED = date(2025, 10, 16)  # a Thursday
GENITIVE_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря"]


def _dates(text: str, published: date | None = PUBLISHED) -> list[tuple[str, str, str]]:
    return [(s.surface, s.value.isoformat(), s.precision) for s in find_dates(text, published)]


def test_the_registry_reads_russian() -> None:
    res = get_language("ru")
    assert res is not None and res.code == "ru"
    assert "armed_clash" in res.lexicon.native_types


def test_day_month_year_in_its_cases() -> None:
    assert _dates("Удар нанесли 15 октября 2025 года.") == [
        ("15 октября 2025 года", "2025-10-15", "day")]
    assert _dates("Встреча прошла 6 ноября 2025 г. в Стамбуле") == [
        ("6 ноября 2025 г.", "2025-11-06", "day")]
    # no year: the latest one not putting the day more than a week after publication
    assert _dates("14 октября произошел бой") == [("14 октября", "2025-10-14", "day")]
    assert _dates("20 декабря произошел бой") == [("20 декабря", "2024-12-20", "day")]


def test_month_with_year_is_month_precision() -> None:
    assert _dates("в октябре 2025 года") == [("октябре 2025 года", "2025-10-01", "month")]


def test_ranges_keep_start_and_end() -> None:
    (span,) = find_dates("встречи в Стамбуле с 25 по 30 октября", date(2025, 10, 31))
    assert (span.value, span.end_value) == (date(2025, 10, 25), date(2025, 10, 30))
    (span,) = find_dates("в Дохе 18-19 октября 2025 г.", PUBLISHED)
    assert (span.value, span.end_value) == (date(2025, 10, 18), date(2025, 10, 19))


def test_the_night_before_a_date() -> None:
    (span,) = find_dates("Удары были нанесены в ночь на 22 февраля.", date(2026, 2, 26))
    assert (span.value, span.end_value) == (date(2026, 2, 21), date(2026, 2, 22))


def test_weekdays_and_relative_days_against_publication() -> None:
    assert _dates("в понедельник") == [("в понедельник", "2025-10-13", "day")]
    assert _dates("с субботы") == [("с субботы", "2025-10-11", "day")]
    assert _dates("накануне") == [("накануне", "2025-10-15", "day")]
    assert _dates("вчера вечером") == [("вчера", "2025-10-15", "day")]
    assert _dates("на прошлой неделе") == [("на прошлой неделе", "2025-10-09", "week")]
    assert _dates("в понедельник", None) == []  # nothing to count back from


def test_a_month_name_inside_a_word_is_no_date() -> None:
    assert _dates("12 майских праздников") == []


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_every_day_month_year_reads_back(day: date) -> None:
    text = f"Бой произошел {day.day} {GENITIVE_MONTHS[day.month - 1]} {day.year} года."
    (span,) = find_dates(text, None)
    assert span.value == day
    assert text[span.start:span.end] == span.surface


@given(st.text(alphabet="абвгдеёжзиклмнопрстуфхцчшщыьэюя 0123456789.-–ночьна", max_size=60))
def test_dates_and_numbers_never_crash_and_keep_offsets(text: str) -> None:
    for span in find_dates(text, PUBLISHED):
        assert text[span.start:span.end] == span.surface
    for number in find_numbers(text):
        assert text[number.start:number.end] == number.surface


def test_calendar_table_has_every_month() -> None:
    months = {v for kind, v in calendar_words().values() if kind == "month"}
    assert months == set(range(1, 13))


def test_counts_in_digits_and_words() -> None:
    found = [(n.surface, n.low, n.best) for n in find_numbers(
        "погибли не менее пяти человек, десятки ранены, 1 200 беженцев; 4-й батальон в 02:40, "
        "15 октября 2025 года")]
    assert found == [("пяти", 5, 5), ("десятки", 20, None), ("1 200", 1200, 1200)]


def test_sentences_end_at_capitals_not_at_abbreviations() -> None:
    text = "Переговоры прошли 18-19 октября 2025 г. при посредничестве Катара. Заявила М. Захарова."
    spans = split_sentences(text, 10)
    assert [text[s - 10:e - 10] for s, e in spans] == [
        "Переговоры прошли 18-19 октября 2025 г. при посредничестве Катара.",
        "Заявила М. Захарова."]


def test_places_in_their_cases() -> None:
    found = [(p.surface, p.place.name) for p in find_places(
        "Удары по Кабулу и в Кандагаре, бой у КПП «Торхам» в провинции Хайбер-Пахтунхва",
        ("AF", "PK"))]
    assert found == [("Кабулу", "Kabul"), ("Кандагаре", "Kandahar"), ("Торхам", "Torkham"),
                     ("Хайбер-Пахтунхва", "Khyber Pakhtunkhwa")]


def test_pakistani_taliban_are_the_ttp_not_the_afghan_taliban() -> None:
    found = [(a.surface, a.actor.name) for a in find_actors(
        "пакистанские талибы и ВВС Пакистана; талибы ответили")]
    assert found == [("пакистанские талибы", "TTP"),
                     ("ВВС Пакистана", "Military Forces of Pakistan"),
                     ("талибы", "Government of Afghanistan (Taliban)")]


def _doc(text: str, published: date = PUBLISHED) -> Document:
    return Document(id="ru-test", text=text, origin="test", name="ru_test.txt", format="text",
                    published=published, language="ru")


def test_a_russian_report_gives_its_events() -> None:
    text = ("Утром 15 октября пакистанские ВВС нанесли авиаудары по Кабулу.\n"
            "14 октября в Курраме произошли вооруженные столкновения, погибли 12 человек.\n"
            "Афганистан и Пакистан договорились в Дохе о немедленном прекращении огня "
            "19 октября.")
    got = {(m.sub_event_type, m.event_date, m.place.name if m.place else None)
           for m in extract_mentions(_doc(text, date(2025, 10, 20))) if m.event_type}
    assert ("Air/drone strike", date(2025, 10, 15), "Kabul") in got
    assert ("Armed clash", date(2025, 10, 14), "Kurram") in got
    # the place of talks is read by the arguments stage's English "held in" rule, not yet in
    # Russian: the agreement is found and dated, its place is not asserted here
    assert any(t == "Agreement" and d == date(2025, 10, 19) for t, d, _ in got)


def test_threats_and_denials_are_no_events() -> None:
    text = ("Талибы пригрозили нанести авиаудары по Исламабаду 15 октября.\n"
            "Пакистан опроверг сообщения о столкновениях в Курраме 14 октября.")
    assert [m for m in extract_mentions(_doc(text)) if m.event_type] == []


def test_far_dates_and_weekdays_are_consistent() -> None:
    # a weekday is never after publication, and at most six days before it
    for offset in range(7):
        published = PUBLISHED + timedelta(days=offset)
        for span in find_dates("в среду", published):
            assert 0 <= (published - span.value).days <= 6


def test_a_preposition_after_is_no_clause_boundary() -> None:
    # "после недельной эскалации" (after a week of escalation) is a noun phrase: the week date
    # before it still dates the agreement; "после того как" would open a clause
    text = "Ранее на этой неделе Кабул и Исламабад после недельной эскалации договорились о " \
           "двухдневном перемирии."
    got = [(m.sub_event_type, m.date_precision) for m in extract_mentions(
        _doc(text, date(2025, 10, 19))) if m.event_type]
    assert ("Agreement", "week") in got
