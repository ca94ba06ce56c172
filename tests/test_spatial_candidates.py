"""Fusion's site-bound candidate lookup in SQL (PostGIS) keeps exactly what Python keeps.

A report at a named site can only match events within ``max(same_site_km, same_area_km)``,
events without coordinates, events placed no finer than a province, and events at a site of
the same name (``too_far``). With PostGIS the database leaves the others out
(``EventRepository.block_places(near=...)``); fusion then checks the distance of what comes
back itself. The window below is busy (hundreds of events spread over a large country on one
day) and holds every edge: an event exactly on the radius (the farthest latitude Python still
keeps) and one a float step beyond, a same-named site far away, a far event without
coordinates, a far province, an unplaced event, and a site across the antimeridian.
"""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ceasewatch import api
from ceasewatch.fusion.candidates import _near, candidate_events, too_far
from ceasewatch.fusion.compatibility import distance_km
from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.placenames import norm_name
from ceasewatch.records import Event, Mention, Place
from ceasewatch.store import Store, open_store

DAY = date(2025, 3, 14)
SITE = Place("Tal Afar", "IQ", "Nineveh", 36.37, 42.45, "locality")
#: a site whose radius crosses the antimeridian
ISLAND = Place("Labasa", "FJ", "Northern", -16.43, 179.98, "locality")
REPO = Path(__file__).resolve().parents[1]
CORPUS = ["en_afpak_oct2025", "en_afpak_2025_26", "en_theaters_more4", "en_world_more4"]


def _on_radius(site: Place, km: float) -> tuple[float, float]:
    """The farthest latitude due north of ``site`` that Python still keeps, and the next."""
    lat = site.latitude + math.degrees(km / 6371.0)  # type: ignore[operator]
    at = replace(site, latitude=lat)
    while distance_km(site, at) > km:  # type: ignore[operator]
        at = replace(at, latitude=math.nextafter(at.latitude, -90))  # type: ignore[arg-type]
    while distance_km(site, beyond := replace(at, latitude=math.nextafter(
            at.latitude, 90))) <= km:  # type: ignore[arg-type, operator]
        at = beyond
    return at.latitude, beyond.latitude  # type: ignore[return-value]


def _window_events() -> dict[str, Place | None]:
    rng = random.Random(19)
    km = max(knowledge().same_site_km, knowledge().same_area_km)
    places: dict[str, Place | None] = {
        f"ev-busy-{i:03d}": Place(f"Village {i}", "IQ", "Anbar", rng.uniform(29.5, 37.0),
                                  rng.uniform(39.0, 48.0), rng.choice(["locality", "point"]))
        for i in range(400)}
    on, beyond = _on_radius(SITE, km)
    places |= {
        "ev-edge-on-radius": replace(SITE, name="Hill 7", latitude=on),
        "ev-edge-beyond-radius": replace(SITE, name="Hill 8", latitude=beyond),
        "ev-edge-same-name-far": Place("TAL-AFAR", "IQ", "Basra", 30.5, 47.8, "locality"),
        "ev-edge-no-coordinates": Place("Wadi X", "IQ", "Basra", None, None, "locality"),
        "ev-edge-province-far": Place("Basra", "IQ", "Basra", 30.5, 47.8, "admin1"),
        "ev-edge-district-far": Place("Faw", "IQ", "Basra", 29.98, 48.47, "district"),
        "ev-edge-unplaced": None,
        "ev-edge-vague-precision": Place("Hit", "IQ", "Anbar", 33.64, 42.83, None),
        "ev-isle-across": Place("Rabi", "FJ", "Northern", -16.45, -179.97, "locality"),
        "ev-isle-far": Place("Lau", "FJ", "Eastern", -17.2, -178.8, "locality"),
        "ev-isle-near": Place("Savusavu", "FJ", "Northern", -16.78, 179.33, "locality"),
    }
    return places


def _filled(store: Store) -> Store:
    with store.atomic():
        for event_id, place in _window_events().items():
            store.events.save(Event(id=event_id, native_type="armed_clash", event_date=DAY,
                                    date_precision="day", place=place))
    return store


def _probe(site: Place) -> Mention:
    return Mention(id="probe", doc_id="d", doc_name="probe.txt", native_type="armed_clash",
                   event_date=DAY, date_precision="day", evidence="clashes", evidence_start=0,
                   evidence_end=8, place=site)


def _read(store: Store, site: Place, near: bool) -> list[tuple[str, Place | None]]:
    k = knowledge()
    return store.events.block_places(DAY, DAY, ["armed_clash"], countries=[site.country or ""],
                                     date_precision="day", near=_near(site, k) if near else None)


def test_the_database_returns_what_python_keeps_and_little_more(with_postgis: Store) -> None:
    k = knowledge()
    km = max(k.same_site_km, k.same_area_km)
    store = _filled(with_postgis)
    assert store.events.spatial_lookup
    for site in (SITE, ISLAND):
        everything = _read(store, site, near=False)
        asked = _read(store, site, near=True)
        kept = [i for i, p in everything if not too_far(site, p, k)]
        assert [i for i, p in asked if not too_far(site, p, k)] == kept, site.name
        # what SQL returns beyond that lies in its safety margin or has a vague precision
        for event_id, place in asked:
            if event_id not in kept:
                assert place is not None and (place.precision is None or distance_km(
                    site, place) <= km * 1.01 + 0.5), event_id  # type: ignore[operator]
        assert len(asked) < len(everything) / 3 or site is ISLAND, (len(asked), len(everything))
    kept_here = {i for i, p in _read(store, SITE, near=True) if not too_far(SITE, p, k)}
    assert {"ev-edge-on-radius", "ev-edge-same-name-far", "ev-edge-no-coordinates",
            "ev-edge-province-far", "ev-edge-unplaced"} <= kept_here
    assert not {"ev-edge-beyond-radius", "ev-edge-district-far"} & kept_here
    island = {i for i, p in _read(store, ISLAND, near=True) if not too_far(ISLAND, p, k)}
    assert island == {"ev-isle-across", "ev-isle-near", "ev-edge-unplaced"}


def test_candidates_are_the_same_on_every_backend(store: Store) -> None:
    """SQLite reads the window and filters in Python; PostgreSQL asks PostGIS when it has it:
    the same candidates, in the same order (the fusion log names them in that order)."""
    k = knowledge()
    _filled(store)
    expected = sorted(i for i, p in _window_events().items()
                      if (p is None or p.country in (None, "IQ")) and not too_far(SITE, p, k))
    rejected: list[str] = []
    found = [e.id for e in candidate_events(store, _probe(SITE), k, rejected=rejected)]
    assert found == sorted(found, key=lambda i: ("ev-edge-unplaced" != i, i))
    assert sorted(found) == expected
    if store.events.spatial_lookup:
        assert rejected[-1] == ("any event at a differently named site over 80 km away "
                                "(such events are not read)")
    else:
        elsewhere = sum(1 for p in _window_events().values() if p and p.country == "FJ")
        assert len(rejected) == len(_window_events()) - elsewhere - len(expected)


def _fused(store: Store) -> tuple[list[Event], list[tuple[str, str]]]:
    events = [replace(e, mention_ids=tuple(sorted(e.mention_ids))) for e in store.events.list()]
    assignments = [(r[0], r[1]) for r in store.db.query(
        "SELECT mention_id, event_id FROM fusion_assignments ORDER BY mention_id")]
    return events, assignments


def test_a_corpus_fuses_the_same_with_and_without_postgis(
        tmp_path: Path, with_postgis: Store, without_postgis: Store) -> None:
    folders = [str(REPO / "corpus" / name / "articles") for name in CORPUS]
    with open_store(tmp_path / "lite.db") as lite:
        for store in (lite, with_postgis, without_postgis):
            api.ingest(store, folders, extract=True)
        fused = _fused(lite)
        assert len(fused[0]) > 100
        assert _fused(with_postgis) == fused
        assert _fused(without_postgis) == fused

    def logged(store: Store, text: str) -> int:
        row = store.db.query_one("SELECT count(*) FROM fusion_log WHERE reason LIKE ?",
                                 (f"%{text}%",))
        return int(row[0]) if row else 0

    # the far events were there to be left out, and PostGIS left them out
    assert logged(without_postgis, "too far apart") > 10
    assert logged(with_postgis, "(such events are not read)") > 10


def _keys_right(store: Store) -> list[tuple[str, str | None]]:
    rows = store.db.query("SELECT id, location, place_key FROM events ORDER BY id")
    assert rows
    return [(r[0], r[2]) for r in rows if r[2] != (norm_name(r[1]) or None)]


def test_place_keys_follow_merges_splits_and_reextraction(store: Store) -> None:
    from fusion_factory import PARACHINAR, SPIN_BOLDAK, article, ingest, make_doc, make_mention
    from fusion_factory import reingest as reextract

    from ceasewatch.fusion import merge_events, split_event

    a, b = make_doc(article(300, 1), "a.txt"), make_doc(article(300, 2), "b.txt")
    ingest(store, a, [make_mention(a, "armed_clash", DAY, place=SPIN_BOLDAK, mention_id="ma")])
    ingest(store, b, [make_mention(b, "armed_clash", DAY, place=PARACHINAR, mention_id="mb")])
    ea, eb = (store.events.event_of_mention(x) for x in ("ma", "mb"))
    assert ea and eb and _keys_right(store) == []
    kept = merge_events(store, [ea, eb])
    assert _keys_right(store) == []
    split_event(store, kept, ["mb"])
    assert _keys_right(store) == []
    moved = replace(SITE, country=SPIN_BOLDAK.country)
    reextract(store, a, [make_mention(a, "armed_clash", DAY, place=moved, mention_id="ma")])
    assert _keys_right(store) == []
    row = store.db.query_one("SELECT place_key FROM events WHERE id = ?",
                             (store.events.event_of_mention("ma"),))
    assert row is not None and row[0] == "tal afar"


@pytest.fixture
def old_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "old.db")
    return str(request.getfixturevalue("pg_url"))


def test_migration_0012_keys_the_events_of_an_0011_store(
        old_target: str, monkeypatch: pytest.MonkeyPatch, sample_dir: Path) -> None:
    from ceasewatch.store import codec, database, postgres

    shipped = database._migrations

    def before_0012(package: str = database.MIGRATIONS_PACKAGE) -> list[tuple[int, str, str]]:
        return [m for m in shipped(package) if m[0] <= 11]

    def without_key(event: Event) -> dict[str, object]:
        row = codec.event_row(event)
        row.pop("place_key")
        return row

    with monkeypatch.context() as patch:
        patch.setattr(database, "_migrations", before_0012)
        patch.setattr(postgres, "_migrations", before_0012)
        patch.setattr("ceasewatch.store.events.event_row", without_key)
        patch.setattr("ceasewatch.fusion.candidates._near", lambda site, k: None)  # 0011 code
        with open_store(old_target) as old:
            api.ingest(old, [str(sample_dir)], extract=True)
            assert old.db.schema_version == 11
            before = _fused(old)
            assert before[0]
    with open_store(old_target) as store:
        assert store.db.schema_version == 12
        assert _keys_right(store) == []
        assert store.db.query_one("SELECT count(*) FROM events WHERE place_key IS NOT NULL"
                                  )[0] > 0
        assert _fused(store) == before
