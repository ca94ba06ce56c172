"""ETags, 304s, gzip and the answer cache of the event API (issue 16), and uploads analysed
in a worker process."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from web_fixtures import populate  # noqa: E402

from ceasewatch.store import open_store  # noqa: E402
from ceasewatch.web.app import create_app  # noqa: E402
from ceasewatch.web.caching import _matches  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture()
def served(tmp_path: Path, db_target: str) -> tuple[TestClient, str]:
    db = db_target
    with open_store(db) as store:
        populate(store)
    return TestClient(create_app(db, token=TOKEN, uploads_dir=tmp_path / "up")), str(db)


def test_etag_gives_304_until_the_store_changes(served: tuple[TestClient, str]) -> None:
    client, db = served
    first = client.get("/api/events?limit=50")
    etag = first.headers["etag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = client.get("/api/events?limit=50", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    # another process commits: the same URL is built again, with a new body and a new tag
    with open_store(db) as other:
        event = other.events.list()[0]
        other.db.conn.execute("UPDATE events SET location = 'Renamed' WHERE id = ?",
                              (event.id,))
    changed = client.get("/api/events?limit=50", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert any(i["location"] == "Renamed" for i in changed.json()["items"])


def test_cached_body_equals_a_fresh_one(served: tuple[TestClient, str]) -> None:
    client, _ = served
    cold = client.get("/api/events?limit=2&offset=1")
    warm = client.get("/api/events?limit=2&offset=1")
    assert cold.json() == warm.json() and cold.headers["etag"] == warm.headers["etag"]
    assert len(cold.json()["items"]) == 2
    other = client.get("/api/events?limit=2&offset=0")
    assert other.headers["etag"] != cold.headers["etag"]


def test_gzip_when_asked_and_large_enough(served: tuple[TestClient, str]) -> None:
    client, _ = served
    event_id = client.get("/api/events").json()["items"][0]["id"]
    plain = client.get(f"/api/events/{event_id}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    raw = client.get(f"/api/events/{event_id}", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip" and raw.headers["vary"] == "Accept-Encoding"
    assert raw.json() == plain.json()  # the client decoded the gzip body
    assert len(plain.content) >= 1024
    body = client.get(f"/api/events/{event_id}").json()
    assert json.loads(gzip.decompress(gzip.compress(json.dumps(body).encode()))) == body


def test_errors_are_not_cached_and_keep_their_envelope(served: tuple[TestClient, str]) -> None:
    client, _ = served
    for _ in range(2):
        missing = client.get("/api/events/no-such-event")
        assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
        assert "etag" not in missing.headers


def test_if_none_match_lists_and_weak_tags() -> None:
    assert _matches('"a", W/"b"', '"b"') and _matches("*", '"x"')
    assert not _matches('"a"', '"b"') and not _matches(None, '"b"')


def test_an_upload_in_a_worker_process_is_stored(tmp_path: Path, db_target: str) -> None:
    db = db_target
    with TestClient(create_app(db, token=TOKEN, uploads_dir=tmp_path / "up",
                               upload_process=True)) as client:
        before = client.get("/api/events").json()["total"]
        posted = client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                             data={"text": "Pakistani troops clashed with Afghan forces "
                                           "near Chaman on 7 November 2025, killing 5.",
                                   "name": "clash.txt", "published": "2025-11-09"})
        assert posted.status_code == 201, posted.text
        assert posted.json()["added"] == 1
        assert client.get("/api/events").json()["total"] > before  # seen by the app's reader
