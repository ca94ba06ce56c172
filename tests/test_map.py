"""The map a reader can read: province shapes decoded from the vendored package, the frame
kept on the theater (not zoomed out by one event abroad), and the PDF's map drawn as a map."""

from __future__ import annotations

import pytest

from ceasewatch.reports.admin1 import admin1_geojson, decode_ring, label_point, rings
from ceasewatch.reports.sitrep import events_view, theater_points


def test_the_provinces_of_afghanistan_and_pakistan_are_decoded_inside_their_countries():
    shapes = admin1_geojson(("AF", "PK"))
    by_country: dict[str, set[str]] = {}
    for f in shapes["features"]:
        by_country.setdefault(f["properties"]["country"], set()).add(f["properties"]["name"])
    assert len(by_country["AF"]) == 34 and {"Kandahar", "Paktika", "Kabul"} <= by_country["AF"]
    assert {"Balochistan", "Khyber Pakhtunkhwa", "Punjab", "Sindh"} <= by_country["PK"]
    for name, ring in rings(shapes):
        assert len(ring) >= 3, name
        assert all(60.0 <= lon <= 78.0 and 23.0 <= lat <= 39.0 for lon, lat in ring), name
    kandahar = next(r for n, r in rings(shapes) if n == "Kandahar")
    lon, lat = label_point(kandahar)
    assert 64.4 < lon < 67.8 and 29.5 < lat < 32.5  # Kandahar city is at 65.7, 31.6
    assert admin1_geojson(("ZZ",))["features"] == []  # a country not shipped has none


@pytest.mark.parametrize(("country", "box", "names"), [
    ("IN", (68.0, 98.0, 6.0, 37.0), {"Punjab", "Jammu and Kashmir", "Rajasthan", "Gujarat"}),
    ("IL", (34.2, 36.0, 29.4, 33.4), {"Haifa District", "North District", "Tel Aviv District"}),
    ("LB", (35.0, 36.7, 33.0, 34.8), {"South Lebanon Governorate", "Nabatiyeh Governorate",
                                       "Beirut Governorate"}),
])
def test_the_other_theaters_provinces_are_decoded_inside_their_countries(country, box, names):
    shapes = admin1_geojson((country,))
    got = {f["properties"]["name"] for f in shapes["features"]}
    assert names <= got
    west, east, south, north = box
    for name, ring in rings(shapes):
        assert all(west <= lon <= east and south <= lat <= north for lon, lat in ring), name


def test_echarts_ring_decoding():
    # zigzag + delta from the offsets, in 1/1024 degree: "@@" is no move, "BB" +1 on each axis
    assert decode_ring("@@BB", [1024, 2048]) == [[1.0, 2.0], [1.001, 2.001]]
    assert decode_ring("AA", [0, 0]) == [[-0.001, -0.001]]


def test_one_event_abroad_does_not_zoom_the_map_out():
    border = [(66.40, 31.0), (69.2, 34.5), (70.0, 33.0), (69.5, 32.5)]
    istanbul = (28.95, 41.01)
    assert theater_points([*border, istanbul]) == border
    view = events_view([*border, istanbul])
    assert view is not None and view[0] > 60 and view[3] < 40
    assert theater_points([(60.0, 25.0), (75.0, 37.0)]) == [(60.0, 25.0), (75.0, 37.0)]


def test_the_pdf_map_is_an_image_of_a_map():
    pytest.importorskip("matplotlib")
    from ceasewatch.reports.charts import map_extent, map_image

    points = [{"longitude": 66.4, "latitude": 31.0, "event_type": "Battles",
               "location": "Spin Boldak", "where": "Spin Boldak, AF", "fatality_band": [0, 0, 0]},
              {"longitude": 69.2, "latitude": 34.5, "event_type": "Explosions/Remote violence",
               "location": "Kabul", "where": "Kabul, AF", "fatality_band": [5, 5, 5]}]
    min_lon, min_lat, max_lon, max_lat = map_extent(points, [65.9, 30.5, 69.7, 35.0])
    assert max_lon - min_lon >= 10 and max_lat - min_lat >= 6
    uri = map_image(points, [65.9, 30.5, 69.7, 35.0])
    assert uri.startswith("data:image/png;base64,") and len(uri) > 20_000


def test_the_sitrep_is_framed_where_the_fighting_is(store):
    from datetime import date

    from web_fixtures import populate

    from ceasewatch.reports.sitrep import build_sitrep

    populate(store)
    model = build_sitrep(store, date(2025, 11, 2), date(2025, 11, 8))
    places = {p["location"] for p in model["map_points"]}
    assert "Istanbul" in places  # the talks are on the map...
    assert model["view"][0] > 40  # ...but do not pull the frame out to the Bosporus
    violent = [p for p in model["map_points"] if p["kinetic"]]
    assert all(model["view"][0] < p["longitude"] < model["view"][2] for p in violent)
