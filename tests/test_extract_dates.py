"""Date spans found and resolved against publication, in sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from ceasewatch.nlp.stages.dates import find_dates_en

PUBLISHED = date(2026, 3, 4)  # a Wednesday


def _one(text: str, published: date | None = PUBLISHED) -> tuple[str, str, str]:
    spans = find_dates_en(text, published)
    assert len(spans) == 1, spans
    s = spans[0]
    assert text[s.start:s.end] == s.surface
    return s.surface, s.value.isoformat(), s.precision


@pytest.mark.parametrize(("text", "expected"), [
    ("Gunmen attacked a checkpoint on Monday, police said.",
     ("Monday", "2026-03-02", "day")),
    ("Talks resumed on Wednesday in Doha.", ("Wednesday", "2026-03-04", "day")),
    ("The envoy arrives next Friday.", ("next Friday", "2026-03-06", "day")),
    ("Shelling resumed last Wednesday.", ("last Wednesday", "2026-02-25", "day")),
    ("Troops clashed on Tuesday (March 3, 2026) near the crossing.",
     ("Tuesday (March 3, 2026)", "2026-03-03", "day")),
    ("The talks ended on Friday, February 27, 2026, without a deal.",
     ("Friday, February 27, 2026", "2026-02-27", "day")),
    ("A truce signed on 14 February held.", ("14 February", "2026-02-14", "day")),
    ("Officials met on Feb. 11 in Kabul.", ("Feb. 11", "2026-02-11", "day")),
    ("The crossing was shut on 2026-02-01.", ("2026-02-01", "2026-02-01", "day")),
    ("Clashes last month killed 30.", ("last month", "2026-02-15", "month")),
    ("In January, fighting spread to Kurram.", ("January", "2026-01-15", "month")),
    ("Raids in mid-December hit Khost.", ("mid-December", "2025-12-15", "month")),
    ("The border closed last week.", ("last week", "2026-02-25", "week")),
    ("Earlier this year, drones struck Paktika.", ("Earlier this year", "2026-02-01", "year")),
    ("Two soldiers were killed yesterday.", ("yesterday", "2026-03-03", "day")),
    ("A blast hit the market three days ago.", ("three days ago", "2026-03-01", "day")),
    ("The accord of December 2024 collapsed.", ("December 2024", "2024-12-15", "month")),
    # a night of two dates takes the evening it began (ANNOTATION.md); two dates further
    # apart keep the last, as before
    ("Firing on the night of 11-12 February hit Kurram.",
     ("11-12 February", "2026-02-11", "day")),
    ("Fighting on the night between 1 and 2 March.", ("1 and 2 March", "2026-03-01", "day")),
    ("During the night of 2/3 March, troops engaged them.", ("2/3 March", "2026-03-02", "day")),
    ("Talks held on 25 and 28 February ended.", ("25 and 28 February", "2026-02-28", "day")),
])
def test_resolves_relative_and_explicit_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text) == expected


def test_month_day_after_publication_belongs_to_previous_year() -> None:
    # published in March: "December 28" is last December, not nine months ahead
    assert _one("Strikes on December 28 killed five.")[1] == "2025-12-28"


def test_modal_may_and_verb_march_are_not_dates() -> None:
    assert find_dates_en("Talks may resume if troops march back.", PUBLISHED) == []
    assert _one("Fighting broke out in May.")[1] == "2025-05-15"


def test_seasons_and_years_are_year_precision() -> None:
    assert _one("In summer, the army fought the BLA.")[2] == "year"
    assert _one("Since 2021, the Taliban have ruled.")[1:] == ("2021-07-01", "year")


def test_relative_expressions_need_a_publication_date() -> None:
    assert find_dates_en("Clashes erupted on Thursday.", None) == []
    assert _one("Clashes erupted on October 9, 2025.", None)[1] == "2025-10-09"


def test_numbers_are_not_years() -> None:
    assert find_dates_en("a border of 2,600 km and 1999 km of road", PUBLISHED) == []


@pytest.mark.parametrize(("published", "expected"), [
    (date(2025, 5, 7), date(2025, 5, 7)),    # the month was not over: never after the report
    (date(2025, 5, 20), date(2025, 5, 15)),  # the month's middle, the convention for "May"
])
def test_the_ledes_month_never_dates_an_event_after_the_report(published: date,
                                                               expected: date) -> None:
    from ceasewatch.nlp.pipeline import analyse_document
    from ceasewatch.records import Document, content_hash

    text = ("Pakistani troops clashed with Afghan forces near Chaman on 3 May 2025, officials "
            "said.\n\nRelations between the two neighbours have been strained for years.\n\n"
            "Militants attacked a checkpoint in Bannu, the police said.")
    doc = Document(id=content_hash(text), text=text, origin="t.txt", name="t.txt",
                   format="text", published=published, language="en")
    framed = [c for c in analyse_document(doc).candidates if c.date_source == "frame"]
    assert [(c.event_date.value, c.date_value_precision) for c in framed if c.event_date] == [
        (expected, "month")]
