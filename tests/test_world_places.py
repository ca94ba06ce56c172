"""The world gazetteer (nlp/world_places.py): building, ranked lookups, text matching."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasewatch.nlp.stages.places import find_places
from ceasewatch.nlp.world_places import (
    WORLD_DB,
    WorldGazetteer,
    build_world_db,
    capitalised_runs,
    find_world_places,
    get_world_gazetteer,
)

ROWS = [
    {"city": "Tyre", "country_code": "LB", "state": "South Governorate", "latitude": 33.27,
     "longitude": 35.19, "population": 135204},
    {"city": "Sūr", "country_code": "OM", "state": "Southeastern Governorate",
     "latitude": 22.57, "longitude": 59.53, "population": 71152},
    {"city": "Sur", "country_code": "LB", "state": "South Governorate", "latitude": 33.3,
     "longitude": 35.2, "population": 100},
    {"city": "Bint Jbeil", "country_code": "LB", "state": "Nabatîyé", "latitude": 33.12,
     "longitude": 35.43, "population": 30000, "county": "Bint Jbeil"},
    {"city": "Nice", "country_code": "FR", "state": "Provence", "latitude": 43.7,
     "longitude": 7.27, "population": 340000},
]


@pytest.fixture()
def world(tmp_path: Path) -> WorldGazetteer:
    path = tmp_path / "world.sqlite"
    assert build_world_db(path, ROWS) == 5 + 4  # five towns, four first-level divisions
    return WorldGazetteer(path, {("LB", "Nabatîyé"): "Nabatieh"})


def test_lookup_is_limited_to_the_documents_countries(world: WorldGazetteer) -> None:
    assert world.lookup("Sur", ["OM"]).country == "OM"  # type: ignore[union-attr]
    assert world.lookup("Sur", ["LB", "OM"]).country == "LB"  # type: ignore[union-attr]
    assert world.lookup("Sur", ["IL"]) is None
    assert world.lookup("Sur", []) is None


def test_homonyms_rank_by_country_order_then_population(world: WorldGazetteer) -> None:
    places = [w.place.country for w in world.lookup_all("Sur", ["OM", "LB"])]
    assert places == ["OM", "LB"]


def test_admin1_names_are_mapped_and_divisions_are_places(world: WorldGazetteer) -> None:
    town = world.lookup("Bint Jbeil", ["LB"])
    assert town is not None and town.admin1 == "Nabatieh" and town.precision == "locality"
    division = world.lookup("South", ["LB"])  # "South Governorate" without its type word
    assert division is not None and division.precision == "admin1"
    # unmapped, the type word is dropped, as ACLED writes first-level names (the shipped
    # admin1.tsv keeps the corpus's "South Governorate" for Lebanon)
    assert division.admin1 == "South"
    assert world.lookup_all("Bint Jbeil", ["LB"])[0].admin2 == "Bint Jbeil"


def test_text_matching_keeps_the_longest_name_and_skips_taken_spans(
        world: WorldGazetteer) -> None:
    text = "Strikes hit Bint Jbeil and Tyre on Monday, officials in Nice said."
    found = find_world_places(text, ["LB"], world=world)
    assert [(text[s:e], p.country) for s, e, _, p in found] == [
        ("Bint Jbeil", "LB"), ("Tyre", "LB")]
    tyre = text.index("Tyre")
    taken = find_world_places(text, ["LB"], world=world, taken=[(tyre, tyre + 4)])
    assert [s for _, _, s, _ in taken] == ["Bint Jbeil"]
    assert find_world_places(text, ["FR"], world=world, stoplist={("nice",)}) == []


def test_a_missing_file_gives_no_places_and_a_clear_error(tmp_path: Path) -> None:
    world = WorldGazetteer(tmp_path / "absent.sqlite")
    assert find_world_places("Shelling in Tyre", ["LB"], world=world) == []
    with pytest.raises(Exception, match="absent.sqlite"):
        world.lookup("Tyre", ["LB"])


@given(st.text(alphabet=st.sampled_from("Ab Cd-e al-Fg ’'\n.,"), max_size=60))
def test_capitalised_runs_are_slices_of_the_text(text: str) -> None:
    for start, end, surface in capitalised_runs(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end].startswith(surface) and surface[:1].isupper()


@pytest.mark.skipif(not WORLD_DB.is_file(), reason="world.sqlite not built")
def test_shipped_world_gazetteer_resolves_places_outside_the_theater() -> None:
    spans = find_places("Israeli jets struck Tyre overnight.", countries_hint=["LB", "IL"])
    assert [(s.surface, s.place.country, s.place.admin1) for s in spans] == [
        ("Tyre", "LB", "South Governorate")]
    assert find_places("Israeli jets struck Tyre overnight.", countries_hint=["AF"]) == []
    punjab = get_world_gazetteer().lookup("Punjab", ["IN", "PK"])
    assert punjab is not None and punjab.country == "IN" and punjab.precision == "admin1"


def test_alternate_latin_names_join_the_nearest_town_of_the_same_country(
        tmp_path: Path) -> None:
    path = tmp_path / "world.sqlite"
    alternates = [
        {"countrycode": "LB", "latitude": 33.271, "longitude": 35.195,
         "alternatenames": ["Sour", "Tyrus", "صور", "lowercase junk"]},
        {"countrycode": "LB", "latitude": 34.5, "longitude": 36.0,  # no town near it
         "alternatenames": ["Nowhere"]},
    ]
    build_world_db(path, ROWS, alternates)
    world = WorldGazetteer(path)
    tyre = world.lookup("Tyrus", ["LB"])
    assert tyre is not None and tyre.name == "Tyre"
    assert world.lookup("صور", ["LB"]) is None  # only Latin-script spellings are kept
    assert world.lookup("lowercase junk", ["LB"]) is None
    assert world.lookup("Nowhere", ["LB"]) is None


def test_division_type_words_are_dropped_unless_mapped() -> None:
    from ceasewatch.nlp.world_places import acled_admin1, get_world_gazetteer

    assert acled_admin1("Sagaing Region") == "Sagaing"
    assert acled_admin1("Borno State") == "Borno"
    assert acled_admin1("Gilan Province") == "Gilan"
    assert acled_admin1("Magway") == "Magway" and acled_admin1("State") == "State"
    shipped = get_world_gazetteer()
    if shipped.available:
        goma = shipped.lookup("Goma", ["CD"])
        assert goma is not None and goma.admin1 == "North Kivu"
        tyre = shipped.lookup("Tyre", ["LB"])
        assert tyre is not None and tyre.admin1 == "South Governorate"


def test_departments_counties_and_diacritics_as_acled_writes_them() -> None:
    from ceasewatch.nlp.world_places import acled_admin1

    assert acled_admin1("Norte de Santander Department") == "Norte de Santander"
    assert acled_admin1("Mandera County") == "Mandera"
    assert acled_admin1("Tillabéri") == "Tillaberi"
    assert acled_admin1("Nord-Kivu") == "Nord-Kivu"


def test_countries_beyond_the_theaters_are_named_as_reports_name_them() -> None:
    """A report of any conflict says which countries it is about through the names and
    adjectives English news uses ("DR Congo", "Congolese", "Philippine"), not ISO's."""
    from datetime import date

    from ceasewatch.nlp.pipeline import extract_mentions
    from ceasewatch.nlp.stages.places import resolve_context_countries
    from ceasewatch.records import Document, content_hash

    assert resolve_context_countries("Fighting in eastern DR Congo") == ["CD"]
    assert resolve_context_countries("Congolese troops and Rwandan forces") == ["CD", "RW"]
    assert resolve_context_countries("Philippine Army soldiers in Mindanao")[:1] == ["PH"]
    text = ("Philippine Army soldiers clashed with militants in Munai town on Sunday, "
            "18 February 2024, killing six.")
    doc = Document(id=content_hash(text), text=text, origin="/x/t.txt", name="t.txt",
                   format="text", published=date(2024, 2, 19), published_precision="day",
                   published_source="sidecar", language="en")
    places = [m.place for m in extract_mentions(doc)]
    assert places and all(p is not None and p.country == "PH" for p in places)


def test_the_border_is_the_border_of_two_neighbours() -> None:
    """Talks mediated by a third country do not make "their border" that country's."""
    from ceasewatch.nlp.stages.arguments import border_place
    from ceasewatch.nlp.world_places import land_borders

    assert frozenset(("IN", "PK")) in land_borders()
    assert frozenset(("PK", "QA")) not in land_borders()
    place = border_place(["PK", "QA", "AF"])
    assert place is not None and sorted(place.name.split(" border")[0].split("-")) == [
        "Afghanistan", "Pakistan"]
    lone = border_place(["QA", "TR"])  # no two neighbours: the two most mentioned
    assert lone is not None and lone.precision == "border"
