"""The event list's index-backed queries (issue 6) give what the plain filtered query gives.

The store reads dated and undated events as two index-ordered parts and adds a lower bound on
the start date for ``date_from``; this checks, on events with missing dates, spans, ends
before starts and undated spans, that every page and every count equals the plain
``WHERE <filter> ORDER BY event_date IS NULL, event_date, id`` answer.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from ceasewatch.records import Event, Place
from ceasewatch.store import EventFilter, Store, open_store
from ceasewatch.store.events import _where

DAY0 = date(2025, 10, 1)
SITES = [Place("Chaman", "PK", None, 30.92, 66.46), Place("Spin Boldak", "AF", None, 31.0, 66.4),
         Place("Torkham", "AF", None, 34.1, 71.08), None]


def _event(i: int, rng: random.Random) -> Event:
    start = None if rng.random() < 0.15 else DAY0 + timedelta(days=rng.randrange(60))
    end = None
    roll = rng.random()
    if roll < 0.15:  # a span of up to three weeks, sometimes on an undated event
        end = (start or DAY0 + timedelta(days=rng.randrange(60))) + timedelta(
            days=rng.randrange(1, 21))
    elif roll < 0.2 and start:  # a malformed end before the start must still filter as before
        end = start - timedelta(days=rng.randrange(1, 5))
    event_type = rng.choice(["Battles", "Explosions/Remote violence", None])
    return Event(id=f"ev{rng.randrange(10**6):06d}-{i}", native_type="armed_clash",
                 event_date=start, event_end=end, date_precision="day" if start else None,
                 event_type=event_type, place=rng.choice(SITES),
                 independent_sources=rng.randrange(4))


@pytest.fixture(scope="module")
def store(module_db_target: str) -> Iterator[Store]:
    rng = random.Random(6)
    s = open_store(module_db_target)
    with s.atomic():
        for i in range(400):
            s.events.save(_event(i, rng))
    yield s
    s.close()


def _plain(store: Store, flt: EventFilter, limit: int | None, offset: int) -> list[str]:
    where, params = _where(flt)
    sql = "SELECT id FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY event_date IS NULL, event_date, id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [r[0] for r in store.db.query(sql, tuple(params))]


FILTERS = [
    EventFilter(),
    EventFilter(date_from=DAY0 + timedelta(days=20)),
    EventFilter(date_to=DAY0 + timedelta(days=30)),
    EventFilter(date_from=DAY0 + timedelta(days=20), date_to=DAY0 + timedelta(days=30)),
    EventFilter(date_from=DAY0 + timedelta(days=59)),
    EventFilter(date_from=DAY0 + timedelta(days=90)),
    EventFilter(date_from=DAY0 + timedelta(days=10), event_type="Battles"),
    EventFilter(date_to=DAY0 + timedelta(days=40), country="af"),
    EventFilter(date_from=DAY0 + timedelta(days=5), place="Chaman", min_sources=1),
    EventFilter(country="PK", event_type="Explosions/Remote violence"),
    EventFilter(bbox=(66.0, 30.0, 67.0, 32.0), date_from=DAY0 + timedelta(days=15)),
]


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_pages_and_counts_match_the_plain_query(store: Store, flt: EventFilter) -> None:
    everything = _plain(store, flt, None, 0)
    assert [e.id for e in store.events.list(flt)] == everything
    assert store.events.count(flt) == len(everything)
    for limit, offset in [(1, 0), (7, 0), (50, 0), (50, 30), (13, 91), (25, 300), (10, 1000)]:
        page = [e.id for e in store.events.list(flt, limit=limit, offset=offset)]
        assert page == _plain(store, flt, limit, offset) == everything[offset:offset + limit]


def test_the_undated_part_is_paged_after_the_dated_one(store: Store) -> None:
    flt = EventFilter(date_from=DAY0 + timedelta(days=20))
    everything = [e.id for e in store.events.list(flt)]
    undated = {e.id for e in store.events.list(flt) if e.event_date is None}
    assert undated, "the fixture should hold undated spans that reach into the period"
    first = everything.index(next(i for i in everything if i in undated))
    # pages that straddle the boundary, start on it, and start beyond the dated part
    for offset in (first - 3, first, first + 1):
        page = [e.id for e in store.events.list(flt, limit=5, offset=offset)]
        assert page == everything[offset:offset + 5]


@pytest.mark.sqlite_only("SQLite's query plan")
def test_list_uses_the_order_index(store: Store) -> None:
    plan = " ".join(r[3] for r in store.db.query(
        "EXPLAIN QUERY PLAN SELECT * FROM events WHERE (event_date IS NULL) = 0 "
        "ORDER BY event_date, id LIMIT 50"))
    assert "events_list_order" in plan and "TEMP B-TREE" not in plan


def test_a_kept_total_follows_every_change(db_target: str) -> None:
    path = db_target
    here, other = open_store(path), open_store(path)
    rng = random.Random(1)
    flt = EventFilter(place="Chaman")
    chaman = [e for e in (_event(i, rng) for i in range(200)) if e.place == SITES[0]]
    with here.atomic():
        here.events.save(chaman[0])
    assert here.events.count(flt) == 1
    with here.atomic():  # a write on this connection
        here.events.save(chaman[1])
    assert here.events.count(flt) == 2
    with other.atomic():  # a commit by another connection (another process, say)
        other.events.save(chaman[2])
    assert here.events.count(flt) == 3
    with pytest.raises(RuntimeError), here.atomic():  # counted inside, then rolled back
        here.events.save(chaman[3])
        assert here.events.count(flt) == 4
        raise RuntimeError
    assert here.events.count(flt) == 3
    with other.atomic():
        other.events.delete(chaman[0].id)
    assert here.events.count(flt) == 2 == len(here.events.list(flt))
    here.close()
    other.close()
