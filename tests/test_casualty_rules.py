"""Casualty conventions that rules get right (issue 10, item 4): sums across sides, parts
never taken as the toll, lumped "killed or wounded" figures never taken as deaths; and
spelling variants of place names found by shape."""

from __future__ import annotations

import pytest

from ceasewatch.nlp.fuzzy_places import find_variant_places, skeleton
from ceasewatch.nlp.gazetteer import get_gazetteer
from ceasewatch.nlp.lexicon import load_lexicon
from ceasewatch.nlp.stages.numbers import find_numbers_en, read_casualties


def _killed(text: str) -> tuple[int | None, int | None, int | None]:
    k, _ = read_casualties(text, find_numbers_en(text), load_lexicon("en"))
    return k.low, k.best, k.high


@pytest.mark.parametrize(("text", "killed"), [
    ("Official figures reported 23 Pakistani and approximately 200 Afghan fatalities.",
     (223, 223, 223)),
    ("At least 12 people, including three soldiers, were killed in the attack.",
     (12, 12, None)),
    ("Nine people were killed, among them two children, officials said.", (9, 9, 9)),
    ("Ten people were killed or wounded in the shelling.", (None, None, None)),
    ("Five civilians were killed and 12 wounded.", (5, 5, 5)),
])
def test_casualty_conventions(text: str, killed: tuple[int | None, ...]) -> None:
    assert _killed(text) == killed


@pytest.mark.parametrize(("text", "surface", "place"), [
    ("Clashes erupted in Kuram district on Monday.", "Kuram", "Kurram"),
    ("Fighting was reported near Speen Boldak overnight.", "Speen Boldak", "Spin Boldak"),
    ("Trucks were stranded at the Torkhum crossing.", "Torkhum", "Torkham"),
    ("Nine passengers were shot near Noshki on Monday.", "Noshki", "Nushki"),  # one vowel in six
    ("Militants attacked a post in Musakhel district.", "Musakhel", "Musa Khel"),  # spacing
])
def test_spelling_variants_in_place_shaped_contexts(text: str, surface: str,
                                                    place: str) -> None:
    found = find_variant_places(text, get_gazetteer())
    assert [(s.surface, s.place.name) for s in found] == [(surface, place)]
    assert text[found[0].start:found[0].end] == surface


@pytest.mark.parametrize("text", [
    "Officials in Monday's briefing said nothing.",       # not a place shape's name
    "He met Karim Khan in Islamabad.",                    # exact name already covers it
    "The report came from Reuters on Tuesday.",           # no place of that skeleton
    "Six Civilians Dead in Attack on Mayor's Office",     # a title-case headline's capitals
])
def test_no_variant_without_a_close_place(text: str) -> None:
    assert find_variant_places(text, get_gazetteer(),
                               taken=[(text.find("Islamabad"), text.find("Islamabad") + 9)]
                               if "Islamabad" in text else ()) == []


def test_variants_of_the_places_of_the_countries_a_report_is_about() -> None:
    # a village of a country outside the theater is read as a variant only in a report
    # about that country
    text = "A patrol was hit by gunfire in the vicinity of Aitarun, the force said."
    found = find_variant_places(text, get_gazetteer(), countries_hint=["LB"])
    assert [(s.surface, s.place.name, s.place.country) for s in found] == [
        ("Aitarun", "Aitaroun", "LB")]
    assert find_variant_places(text, get_gazetteer(), countries_hint=["AF", "PK"]) == []


def test_skeleton_folds_transliterations() -> None:
    assert skeleton("Torkhum") == skeleton("Torkham")
    assert skeleton("Kuram") == skeleton("Kurram")
