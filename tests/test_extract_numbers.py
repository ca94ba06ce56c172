"""Counts and casualty reading, on sentences written for these tests."""

from __future__ import annotations

import pytest

from ceasewatch.nlp.lexicon import load_lexicon
from ceasewatch.nlp.stages.numbers import find_numbers_en, parse_number, read_casualties
from ceasewatch.records import Casualties


@pytest.mark.parametrize(("text", "value"), [
    ("23", 23), ("1,500", 1500), ("twenty-three", 23), ("a hundred", 100),
    ("two hundred and five", 205), ("three thousand", 3000), ("ninety nine", 99)])
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "low", "best", "high"), [
    ("dozens", 24, None, None), ("hundreds", 200, None, None), ("a dozen", 12, 12, 12),
    ("approximately 200", 200, 200, 200), ("at least 7", 7, 7, None),
    ("more than 20", 21, None, None), ("up to 30", None, None, 30),
    ("between 10 and 15", 10, None, 15), ("12-15", 12, None, 15)])
def test_number_spans(text: str, low: int | None, best: int | None, high: int | None) -> None:
    (span,) = find_numbers_en(text)
    assert (span.low, span.best, span.high) == (low, best, high)


def _read(text: str) -> tuple[Casualties, Casualties]:
    return read_casualties(text, find_numbers_en(text), load_lexicon("en"))


def test_killed_and_wounded_in_one_sentence() -> None:
    killed, wounded = _read("Six soldiers were killed and eleven others wounded in the raid.")
    assert killed == Casualties(6, 6, 6) and wounded == Casualties(11, 11, 11)


def test_verb_before_the_count() -> None:
    killed, wounded = _read("A car bomb killed two people and injured 14 near the bazaar.")
    assert killed.best == 2 and wounded.best == 14


def test_coordinated_counts_are_summed() -> None:
    killed, _ = _read("Officials put the toll at 12 Afghan and about 40 Pakistani fatalities.")
    assert killed == Casualties(52, 52, 52)


def test_vague_tolls() -> None:
    killed, wounded = _read("The fighting left dozens dead and hundreds wounded.")
    assert killed == Casualties(24, None, None) and wounded == Casualties(200, None, None)


def test_no_casualties_is_zero() -> None:
    assert _read("No casualties were reported, the ministry said.") == (
        Casualties(0, 0, 0), Casualties(0, 0, 0))


def test_counts_that_are_not_casualties() -> None:
    killed, wounded = _read("More than 1,500 refugees crossed at 3 points along a 2,600 km line.")
    assert not killed.known and not wounded.known
