"""The store: migrations, nested transactions, round-trips of records through rows."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasewatch.errors import NotFoundError, StoreError
from ceasewatch.records import (
    Actor,
    Casualties,
    Document,
    Event,
    Mention,
    Place,
    content_hash,
    stable_id,
)
from ceasewatch.store import open_store
from ceasewatch.store.codec import event_from_row, event_row, mention_from_row, mention_row


def make_doc(text: str, name: str = "a.txt") -> Document:
    return Document(id=content_hash(text), text=text, origin=f"/x/{name}", name=name,
                    format="text", published=date(2025, 11, 7), published_precision="day",
                    published_source="sidecar", language="en", authors=("A. Writer",))


def test_migrations_applied_once_and_recorded(tmp_path):
    from ceasewatch.store.database import _migrations as database_migrations

    path = tmp_path / "m.db"
    s = open_store(path)
    version = s.db.schema_version
    assert version >= 1
    s.close()
    s2 = open_store(path)  # reopening applies nothing twice
    rows = s2.db.query("SELECT version FROM _migrations")
    shipped = [v for v, _, _ in database_migrations()]  # numbers may be assigned out of order
    assert sorted(r[0] for r in rows) == shipped and shipped[-1] == version
    mode = s2.db.query_one("PRAGMA journal_mode")
    assert mode is not None and mode[0] == "wal"


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES (9999, '9999_future.sql', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="bad.db"):
        open_store(bad)


def test_nested_atomic_rolls_back_inner_only(store):
    s = store
    with s.atomic():
        s.documents.add(make_doc("outer document text"))
        with pytest.raises(RuntimeError), s.atomic():
            s.documents.add(make_doc("inner document text", "b.txt"))
            raise RuntimeError("boom")
    names = [d.name for d in s.documents.list()]
    assert names == ["a.txt"]


def test_outer_failure_rolls_back_everything(store):
    s = store
    with pytest.raises(ValueError), s.atomic():
        s.documents.add(make_doc("first"))
        raise ValueError("crash mid-write")
    assert s.documents.count() == 0


def test_same_content_twice_is_one_document_with_two_origins(store):
    s = store
    doc = make_doc("Troops exchanged fire near the crossing on Thursday.")
    copy = Document(**{**{f: getattr(doc, f) for f in doc.__slots__}, "origin": "/y/copy.txt",
                       "name": "copy.txt"})
    with s.atomic():
        assert s.documents.add(doc) == "added"
    with s.atomic():
        assert s.documents.add(copy) == "known"
    assert s.documents.count() == 1
    assert s.documents.origins(doc.id) == ["/x/a.txt", "/y/copy.txt"]
    assert s.documents.get(doc.id).authors == ("A. Writer",)
    with pytest.raises(NotFoundError):
        s.documents.get("nope-nope-nope")


def test_fts_search_highlights_and_survives_operators(store):
    s = store
    with s.atomic():
        s.documents.add(make_doc("Heavy shelling was reported near Chaman on Friday."))
        s.documents.add(make_doc("Talks resumed in Istanbul without agreement.", "b.txt"))
    hits = s.documents.search("Chaman")
    assert [h.name for h in hits] == ["a.txt"]
    assert "[Chaman]" in hits[0].snippet
    assert s.documents.search('NEAR( "AND OR') == []  # user text never breaks the FTS query
    assert [h.name for h in s.documents.search("istan*")] == ["b.txt"]


names = st.text(min_size=1, max_size=30)
opt_int = st.one_of(st.none(), st.integers(min_value=0, max_value=100_000))
casualties = st.builds(Casualties, low=opt_int, best=opt_int, high=opt_int)
actors = st.one_of(st.none(), st.builds(Actor, name=names, kind=st.sampled_from(
    ["state_forces", "government", "militant"]), country=st.sampled_from([None, "AF", "PK"]),
    side=st.sampled_from([None, "AF", "PK", "TTP"])))
places = st.one_of(st.none(), st.builds(
    Place, name=names, country=st.sampled_from([None, "AF", "PK", "TR"]),
    admin1=st.one_of(st.none(), names),
    latitude=st.one_of(st.none(), st.floats(-90, 90)),
    longitude=st.one_of(st.none(), st.floats(-180, 180)),
    precision=st.sampled_from([None, "locality", "admin1", "border"]),
    source=st.sampled_from([None, "geonames", "curated"])))
dates = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)))


@settings(max_examples=60, deadline=None)
@given(native=st.sampled_from(["armed_clash", "air_strike", "talks_held"]), d=dates,
       a1=actors, a2=actors, place=places, fat=casualties, inj=casualties,
       claimed=st.lists(names, max_size=3), evidence=st.text(max_size=200),
       attrs=st.lists(st.tuples(names, names), max_size=3))
def test_mention_row_round_trip(native, d, a1, a2, place, fat, inj, claimed, evidence, attrs):
    m = Mention(id=stable_id(native, evidence), doc_id="d", doc_name="d.txt", native_type=native,
                event_date=d, date_precision="day" if d else None, evidence=evidence,
                evidence_start=0, evidence_end=len(evidence), actor1=a1, actor2=a2,
                place=place if place and place.name else None, fatalities=fat, injuries=inj,
                claimed_by=tuple(claimed), attributes=tuple(attrs))
    row = mention_row(m)
    back = mention_from_row(_as_row(row))
    assert back == m


@settings(max_examples=40, deadline=None)
@given(d=dates, a1=actors, place=places, fat=casualties,
       sources=st.lists(names, max_size=4, unique=True))
def test_event_row_round_trip(d, a1, place, fat, sources):
    e = Event(id="ev1", native_type="armed_clash", event_date=d, date_precision="week",
              actor1=a1, place=place if place and place.name else None, fatalities=fat,
              sources=tuple(sources), independent_sources=len(sources),
              disputed_fields=("actor1",) if sources else ())
    assert event_from_row(_as_row(event_row(e))) == e


def _as_row(row: dict[str, object]) -> sqlite3.Row:
    conn = sqlite3.connect(":memory:")
    conn.row_factory = sqlite3.Row
    cols = list(row)
    return conn.execute("SELECT " + ", ".join(f"? AS {c}" for c in cols),
                        [row[c] for c in cols]).fetchone()


def test_fts_search_finds_substrings_of_unspaced_scripts(store):
    s = store
    with s.atomic():
        s.documents.add(make_doc("阿富汗和巴基斯坦签署停火协议。停火自周日起生效。"))
        s.documents.add(make_doc("双方在伊斯坦布尔举行会谈,未能就停火达成一致。", "b.txt"))
        s.documents.add(make_doc("Talks in Istanbul on the ceasefire.", "c.txt"))
    hits = s.documents.search("停火")
    assert [h.name for h in hits] == ["a.txt", "b.txt"]  # more occurrences first
    assert hits[0].snippet.count("[停火]") == 2
    assert [h.name for h in s.documents.search("伊斯坦布尔 停火")] == ["b.txt"]
    assert s.documents.search("停火 Istanbul") == []
    assert [h.name for h in s.documents.search("停火", limit=1, offset=1)] == ["b.txt"]
