"""PostGIS where the server has it (migration 0010): a GiST index of event points for the
event list's ``bbox``, recorded in the store, and the same answers without it.

Each store answers ``bbox`` from its columns; PostGIS only finds the candidates faster. The
boxes below put events exactly on the edges, a hair outside them (where PostGIS's
single-precision index boxes round outwards) and without coordinates.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from ceasewatch.records import Event, Place
from ceasewatch.store import EventFilter, Store, open_store

DAY = date(2025, 11, 1)
#: (lon, lat) of the events; None: an event placed without coordinates
POINTS: list[tuple[float, float] | None] = [
    (66.4, 31.0), (66.46, 30.92), (71.08, 34.1), (66.0, 30.0), (67.0, 32.0),  # on the edges
    (66.0 - 1e-9, 31.0), (67.0 + 1e-9, 31.0), (66.5, 32.0 + 1e-9), (66.5, 30.0 - 1e-9),
    (-0.0001, 0.0), (0.0, 0.0), (179.9999999, -89.9999999), None, None,
]
BOXES = [(66.0, 30.0, 67.0, 32.0), (-1.0, -1.0, 1.0, 1.0), (-180.0, -90.0, 180.0, 90.0),
         (66.46, 30.92, 66.46, 30.92), (70.0, 33.0, 72.0, 35.0), (0.0, 0.0, 0.0, 0.0),
         (100.0, 10.0, 101.0, 11.0)]


def _events() -> list[Event]:
    out = []
    for i, point in enumerate(POINTS):
        place = (Place(f"site {i}", "AF", None, None, None) if point is None
                 else Place(f"site {i}", "AF", None, point[1], point[0], "locality"))
        out.append(Event(id=f"ev{i:03d}", native_type="armed_clash",
                         event_date=DAY + timedelta(days=i), date_precision="day",
                         event_type="Battles", place=place))
    return out


def _expected(box: tuple[float, float, float, float]) -> list[str]:
    return [f"ev{i:03d}" for i, p in enumerate(POINTS)
            if p is not None and box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]]


def _filled(store: Store) -> Store:
    with store.atomic():
        for event in _events():
            store.events.save(event)
    return store


def _answers(store: Store) -> list[tuple[list[str], int]]:
    return [([e.id for e in store.events.list(EventFilter(bbox=box))],
             store.events.count(EventFilter(bbox=box, date_from=DAY))) for box in BOXES]


def _postgis_available(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
                            ).fetchone() is not None


def test_bbox_is_decided_by_the_columns_on_every_backend(store: Store) -> None:
    _filled(store)
    for box in BOXES:
        assert [e.id for e in store.events.list(EventFilter(bbox=box))] == _expected(box), box
        assert store.events.count(EventFilter(bbox=box)) == len(_expected(box))


def test_the_store_records_what_it_has_for_spatial_lookups(store: Store) -> None:
    if store.backend == "sqlite":
        assert store.spatial == "none"
        return
    if not _postgis_available(store.target):
        assert store.spatial == "none"
        pytest.skip("PostGIS is not installed on this server (apt-get install "
                    "postgresql-15-postgis-3): only the no-PostGIS path was checked")
    assert store.spatial.startswith("postgis 3"), store.spatial
    index = store.db.query_one("SELECT indexdef FROM pg_indexes WHERE indexname = 'events_point'")
    assert index is not None and "gist" in index[0].lower()


def test_postgis_finds_a_box_through_its_index(with_postgis: Store) -> None:
    _filled(with_postgis)
    from ceasewatch.store.events import _where

    where, params = _where(EventFilter(bbox=BOXES[0]), postgis=True)
    with with_postgis.db.atomic() as conn:  # SET LOCAL: only for this transaction
        conn.execute("SET LOCAL enable_seqscan = off")
        plan = " ".join(r[0] for r in conn.execute(
            "EXPLAIN SELECT id FROM events WHERE " + " AND ".join(where), tuple(params)))
    assert "events_point" in plan, plan


def test_without_postgis_the_migration_is_a_no_op_with_the_same_answers(
        without_postgis: Store, with_postgis: Store) -> None:
    assert without_postgis.spatial == "none"
    assert without_postgis.db.query_one(
        "SELECT 1 FROM pg_indexes WHERE indexname = 'events_point'") is None
    assert without_postgis.db.query_one(
        "SELECT 1 FROM pg_extension WHERE extname = 'postgis'") is None
    assert _answers(_filled(without_postgis)) == _answers(_filled(with_postgis))


def test_the_cli_filters_by_the_same_box(db_target: str) -> None:
    from click.testing import CliRunner

    from ceasewatch.cli.main import cli

    with open_store(db_target) as store:
        _filled(store)
    runner = CliRunner()
    for box in BOXES[:3]:
        text = ",".join(repr(x) for x in box)
        done = runner.invoke(cli, ["--db", db_target, "events", "--bbox", text, "--json"])
        assert done.exit_code == 0, done.output
        assert sorted(e["id"] for e in json.loads(done.stdout)) == _expected(box)
    for bad in ("66,30,67", "67,30,66,32", "x,1,2,3", "0,-91,1,1"):
        done = runner.invoke(cli, ["--db", db_target, "events", "--bbox", bad])
        assert done.exit_code == 1 and "bbox" in done.output and "Traceback" not in done.output
