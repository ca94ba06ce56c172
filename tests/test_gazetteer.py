"""The offline gazetteer and the places stage, on sentences composed in the styles of wire
reports, official statements and analysis pieces (not copied from the dev corpus)."""

from __future__ import annotations

import gzip
import json
import math
import shutil
import statistics
from pathlib import Path

import pytest

from ceasewatch.nlp.gazetteer import (
    DATA_DIR,
    build_geonames_extract,
    get_gazetteer,
    load_gazetteer,
    read_admin1_names,
    read_curated,
    read_geonames,
)
from ceasewatch.nlp.matcher import AliasMatcher, DataFileError
from ceasewatch.nlp.stages.places import (
    find_country_adjectives,
    find_places,
    resolve_context_countries,
)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    cos = (math.sin(p1) * math.sin(p2)
           + math.cos(p1) * math.cos(p2) * math.cos(math.radians(lon1 - lon2)))
    return 6371 * math.acos(min(1.0, cos))


def places(text: str, **kwargs: object) -> list[tuple[str, str, str | None, str | None]]:
    spans = find_places(text, **kwargs)  # type: ignore[arg-type]
    for span in spans:
        assert text[span.start:span.end] == span.surface
    return [(s.surface, s.place.name, s.place.country, s.place.admin1) for s in spans]


@pytest.mark.parametrize(("name", "country", "admin1", "precision"), [
    ("Kabul", "AF", "Kabul", "locality"),
    ("Spin Boldak", "AF", "Kandahar", "locality"),
    ("spin boldak", "AF", "Kandahar", "locality"),
    ("Doha", "QA", "Doha", "locality"),
    ("Istanbul", "TR", "Istanbul", "locality"),
    ("Chaman", "PK", "Balochistan", "locality"),
    ("Islamabad", "PK", "Islamabad Capital Territory", "locality"),
    ("Khost", "AF", "Khost", "locality"),
    ("Kandahar province", "AF", "Kandahar", "admin1"),
    ("Paktika Province", "AF", "Paktika", "admin1"),
    ("KPK", "PK", "Khyber Pakhtunkhwa", "admin1"),
    ("Dand-e-Patan", "AF", "Paktia", "district"),
    ("Dand e Patan", "AF", "Paktia", "district"),
    ("Barmal", "AF", "Paktika", "district"),
    ("Kurram", "PK", "Khyber Pakhtunkhwa", "district"),
    ("Bajaur", "PK", "Khyber Pakhtunkhwa", "district"),
    ("Angoor Adda", "AF", "Paktika", "point"),
    ("Ghulam Khan", "AF", "Khost", "point"),
    ("Lanzhou", "CN", "Gansu", "locality"),
    ("Mazār-e Sharīf", "AF", "Balkh", "locality"),
    ("Riyadh", "SA", "Riyadh", "locality"),
])
def test_lookup_resolves_name_country_admin1(name: str, country: str, admin1: str,
                                             precision: str) -> None:
    place = get_gazetteer().lookup(name)
    assert place is not None
    assert (place.country, place.admin1, place.precision) == (country, admin1, precision)
    assert place.latitude is not None and place.longitude is not None


def test_lookup_ignores_a_leading_article_and_reports_kind() -> None:
    gaz = get_gazetteer()
    line = gaz.lookup("the Durand Line")
    assert line is not None and line.name == "Durand Line"
    assert gaz.kind_of(line) == "border"
    assert gaz.kind_of(gaz.lookup("Angoor Adda")) == "crossing"  # type: ignore[arg-type]
    assert gaz.lookup("the") is None


def test_lookup_of_unknown_name_is_none() -> None:
    assert get_gazetteer().lookup("Atlantis") is None
    assert get_gazetteer().lookup("") is None


@pytest.mark.parametrize(("name", "default", "hinted", "hint"), [
    ("Hyderabad", "PK", "IN", "IN"),  # Sindh vs Telangana
    ("Asadabad", "AF", "IR", "IR"),
    ("Torkham", "AF", "PK", "PK"),  # both sides of the crossing
    ("Ghulam Khan", "AF", "PK", "PK"),
])
def test_context_countries_settle_ambiguous_names(name: str, default: str, hinted: str,
                                                  hint: str) -> None:
    gaz = get_gazetteer()
    assert gaz.lookup(name).country == default  # type: ignore[union-attr]
    assert gaz.lookup(name, countries=[hint]).country == hinted  # type: ignore[union-attr]
    assert {p.country for p in gaz.lookup_all(name)} >= {default, hinted}


def test_bare_name_is_the_town_and_province_form_the_province() -> None:
    gaz = get_gazetteer()
    for name in ("Farah", "Kunduz", "Kandahar", "Ghazni"):
        town, province = gaz.lookup(name), gaz.lookup(f"{name} Province")
        assert town is not None and town.precision == "locality", name
        assert province is not None and province.precision == "admin1", name
        assert town.admin1 == province.admin1 == name


def test_all_afghan_and_pakistani_provinces_are_known() -> None:
    gaz = get_gazetteer()
    afghan = {e.place.admin1 for e in gaz.entries
              if e.kind == "province" and e.place.country == "AF"}
    assert len(afghan) == 34
    for name in ("Khyber Pakhtunkhwa", "Balochistan", "Punjab", "Sindh", "Gilgit-Baltistan",
                 "Islamabad Capital Territory"):
        place = gaz.lookup(f"{name} province")
        assert place is not None and place.country == "PK" and place.precision == "admin1"


def test_the_border_is_a_place_without_country() -> None:
    gaz = get_gazetteer()
    for name in ("Durand Line", "Pak-Afghan border", "Pakistan-Afghanistan border",
                 "Afghanistan–Pakistan border"):
        place = gaz.lookup(name)
        assert place is not None and place.precision == "border" and place.country is None
    found = places("Heavy fire was exchanged along the Pak-Afghan border overnight, and "
                   "residents near the Durand Line fled. Crossings on the border between "
                   "Afghanistan and Pakistan stayed shut.")
    assert [name for _, name, _, _ in found] == [
        "Afghanistan-Pakistan border", "Durand Line", "Afghanistan-Pakistan border"]


def test_wire_report_places_with_longest_match() -> None:
    text = ("KABUL, Oct 12 (Wire) - Pakistani jets struck targets in Kabul and Paktika "
            "Province late on Thursday, Afghan officials said, while clashes spread to the "
            "Angoor Adda crossing in South Waziristan and to Khyber Pakhtunkhwa.")
    found = places(text)
    names = [(surface, name) for surface, name, _, _ in found]
    assert ("Paktika Province", "Paktika") in names
    assert ("Angoor Adda crossing", "Angoor Adda") in names
    assert ("South Waziristan", "South Waziristan") in names
    assert ("Khyber Pakhtunkhwa", "Khyber Pakhtunkhwa") in names
    assert not any(surface in ("Khyber", "Pakistani", "Afghan") for surface, _ in names)
    # "KABUL" in a dateline is capitalised too
    assert found[0][1] == "Kabul"


def test_abbreviations_and_sentence_ends() -> None:
    found = places("Curfew in D.I. Khan and Bannu. Kabul Police said nothing. Plan B. Quetta")
    assert [(surface, name) for surface, name, _, _ in found] == [
        ("D.I. Khan", "Dera Ismail Khan"), ("Bannu", "Bannu"), ("Kabul", "Kabul"),
        ("Quetta", "Quetta")]


def test_official_statement_with_hint_picks_the_pakistani_side() -> None:
    text = "Our border posts at Torkham and Ghulam Khan came under unprovoked fire."
    hinted = places(text, countries_hint=["PK"])
    assert [(name, country) for _, name, country, _ in hinted] == [
        ("Torkham", "PK"), ("Ghulam Khan", "PK")]
    assert resolve_context_countries(
        "ISPR said Pakistani troops repulsed the attack from Afghan soil near Chaman, "
        "Balochistan.")[:2] == ["PK", "AF"]


def test_geonames_districts_and_short_capitals() -> None:
    found = places("Clashes in Maywand district and Arghistan; a SWAT team reached Swat.")
    assert [(surface, name, country, admin1) for surface, name, country, admin1 in found] == [
        ("Maywand district", "Maywand", "AF", "Kandahar"),
        ("Arghistan", "Arghistan", "AF", "Kandahar"),
        ("Swat", "Swat", "PK", "Khyber Pakhtunkhwa")]


def test_no_places_from_capitalised_common_words() -> None:
    text = ("March was quiet. Police said Mobile teams of the Tank regiment were Nice and "
            "ready; Of the Bela group, Split opinions remain. Reading the Sale notices, "
            "Victoria Hamilton said the march of the police began in Independence Square. "
            "Ghulam Ali and Ibrahim Khan addressed the Chamber in Model Town.")
    assert places(text) == []
    # the same names are still known to lookup, which is asked only about place phrases
    assert get_gazetteer().lookup("Chamber") is not None


def test_adjectives_are_context_not_places() -> None:
    text = "Afghan and Pakistani delegates met Chinese and Qatari mediators."
    assert places(text) == []
    assert [iso for _, _, iso in find_country_adjectives(text)] == ["AF", "PK", "CN", "QA"]
    assert get_gazetteer().adjective_country("Pakistani") == "PK"
    assert get_gazetteer().adjective_country("Dutchish") is None


def test_descriptions_of_capitals_are_the_capital() -> None:
    text = ("A drone hit a car in the Afghan capital, hours before envoys flew to the Qatari "
            "capital; Pakistan's capital was on alert.")
    assert [(surface, name, country) for surface, name, country, _ in places(text)] == [
        ("Afghan capital", "Kabul", "AF"), ("Qatari capital", "Doha", "QA"),
        ("Pakistan's capital", "Islamabad", "PK")]


def test_mixed_script_text_splits_words_at_script_changes() -> None:
    found = places("巴军方称在Spin Boldak附近交火")
    assert [(surface, country) for surface, _, country, _ in found] == [("Spin Boldak", "AF")]


def test_analysis_piece_country_names_and_mediator_cities() -> None:
    text = ("Talks brokered by Qatar and Türkiye in Doha, followed by rounds in Istanbul, "
            "have not ended the dispute between Islamabad and Kabul over the Durand Line.")
    found = places(text)
    assert [(name, country) for _, name, country, _ in found] == [
        ("Qatar", "QA"), ("Turkey", "TR"), ("Doha", "QA"), ("Istanbul", "TR"),
        ("Islamabad", "PK"), ("Kabul", "AF"), ("Durand Line", None)]


def test_alias_file_adds_cjk_and_arabic_script_names(tmp_path: Path) -> None:
    aliases = tmp_path / "place_aliases.xx.tsv"
    aliases.write_text(
        "# test aliases\n"
        "安古尔阿达\tAngoor Adda\tPK\n"
        "غلام خان\tGhulam Khan\tAF\n"
        "兰州测试\tLanzhou\tCN\n"
        "亚特兰蒂斯\tAtlantis\tGR\n", encoding="utf-8")
    gaz = load_gazetteer(extra_alias_files=[aliases])
    assert any("Atlantis" in line for line in gaz.unresolved)
    zh = "据报道，巴军方关闭了安古尔阿达口岸。"
    spans = find_places(zh, gazetteer=gaz)
    angoor = [s for s in spans if s.surface == "安古尔阿达"]
    assert angoor and angoor[0].place.country == "PK"
    assert zh[angoor[0].start:angoor[0].end] == "安古尔阿达"
    ps = "د غلام خان لاره وتړل شوه"
    spans = find_places(ps, gazetteer=gaz)
    assert [(s.surface, s.place.name, s.place.country) for s in spans] == [
        ("غلام خان", "Ghulam Khan", "AF")]
    # an alias of a generic GeoNames place is matched too
    assert [s.place.name for s in find_places("在兰州测试举行", gazetteer=gaz)] == ["Lanzhou"]
    # a longer Latin word containing the alias is not a match
    assert find_places("Ghulam Khanate", gazetteer=gaz) == []


def test_shipped_alias_files_all_resolve() -> None:
    assert get_gazetteer().unresolved == ()


def test_malformed_places_file_names_file_and_line(tmp_path: Path) -> None:
    shutil.copytree(DATA_DIR / "geo", tmp_path / "geo")
    (tmp_path / "theaters" / "afpak").mkdir(parents=True)
    bad = tmp_path / "theaters" / "afpak" / "places.tsv"
    bad.write_text("# header\nSomewhere\t\ttown\tX\tAF\tnorth\t69.1\tlocality\tnote\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_gazetteer(data_dir=tmp_path)
    assert "places.tsv:2" in str(err.value) and "lat" in str(err.value)
    bad.write_text("Somewhere\t\tvillage\tX\tAF\t1\t2\tlocality\tnote\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="kind"):
        load_gazetteer(data_dir=tmp_path)


def test_curated_coordinates_agree_with_geonames() -> None:
    """Hand-entered coordinates: towns within 5 km of GeoNames, province centroids within
    200 km of the mean of the province's GeoNames towns (catches swapped or mistyped values)."""
    geonames = read_geonames(DATA_DIR / "geo" / "geonames_theater.tsv",
                             read_admin1_names(DATA_DIR / "geo" / "admin1.tsv"),
                             stoplist=set(), text_countries=(), text_min_population=0)
    by_name = {(e.place.name.casefold(), e.place.country): e.place for e, _ in geonames}
    by_admin1: dict[tuple[str | None, str | None], list[tuple[float, float]]] = {}
    for e, _ in geonames:
        by_admin1.setdefault((e.place.country, e.place.admin1), []).append(
            (e.place.latitude or 0.0, e.place.longitude or 0.0))
    checked = 0
    for entry, _ in read_curated(DATA_DIR / "theaters" / "afpak" / "places.tsv"):
        p = entry.place
        if p.latitude is None or p.longitude is None:
            continue
        twin = by_name.get((p.name.casefold(), p.country))
        if entry.kind == "town" and twin is not None:
            assert twin.admin1 == p.admin1, p.name
            assert km(p.latitude, p.longitude, twin.latitude or 0, twin.longitude or 0) < 5
            checked += 1
        towns = by_admin1.get((p.country, p.admin1))
        if entry.kind == "province" and towns:
            lat = statistics.mean(t[0] for t in towns)
            lon = statistics.mean(t[1] for t in towns)
            assert km(p.latitude, p.longitude, lat, lon) < 200, p.name
            checked += 1
    assert checked > 60


def test_build_geonames_extract_filters_and_loads(tmp_path: Path) -> None:
    source = tmp_path / "geocode.gz"
    rows = [
        {"country_code": "AF", "city": "Spīn Bōldak", "latitude": 31.0, "longitude": 66.4,
         "population": 0, "state": "Kandahar", "county": "Spīn Bōldak District"},
        {"country_code": "AF", "city": "Wesh", "latitude": 31.2, "longitude": 66.2,
         "population": 1500, "state": "Kandahar", "county": "Spīn Bōldak District"},
        {"country_code": "FR", "city": "Villeneuve", "latitude": 45.0, "longitude": 5.0,
         "population": 1200},
        {"country_code": "QA", "city": "Doha", "latitude": 25.29, "longitude": 51.53,
         "population": 344939, "state": "Baladīyat ad Dawḩah"},
    ]
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        json.dump(rows, handle)
    out = tmp_path / "extract.tsv"
    assert build_geonames_extract(out, source) == 3
    loaded = read_geonames(out, read_admin1_names(DATA_DIR / "geo" / "admin1.tsv"),
                           stoplist=set(), text_countries=("AF",), text_min_population=10**6)
    by_kind = {(e.place.name, e.kind): e for e, _ in loaded}
    assert set(by_kind) == {("Spin Boldak", "town"), ("Wesh", "town"), ("Doha", "town"),
                            ("Spin Boldak", "district")}
    assert by_kind["Doha", "town"].place.admin1 == "Doha"  # crosswalked to reported spelling
    assert by_kind["Spin Boldak", "town"].in_text and not by_kind["Doha", "town"].in_text
    district = by_kind["Spin Boldak", "district"].place  # at the mean of its towns
    assert (district.latitude, district.longitude, district.precision) == (31.1, 66.3, "district")


def test_matcher_leftmost_longest_and_separators() -> None:
    matcher: AliasMatcher[str] = AliasMatcher()
    for alias in ("Khyber", "Khyber Pakhtunkhwa", "Pakhtunkhwa Police", "Spin Boldak"):
        matcher.add(alias, alias, case="capitalised")
    hits = matcher.find("Khyber Pakhtunkhwa Police said; Khyber Pass")
    assert [(h.surface, h.values) for h in hits] == [
        ("Khyber Pakhtunkhwa", ("Khyber Pakhtunkhwa",)), ("Khyber", ("Khyber",))]
    assert [h.surface for h in matcher.find("Spin-Boldak, Spin\nBoldak")] == [
        "Spin-Boldak", "Spin\nBoldak"]
    assert matcher.find("Spin, Boldak. Spin. Boldak. Spin\n\nBoldak. spin boldak") == []
    assert matcher.values_for("spin  boldak") == ("Spin Boldak",)
