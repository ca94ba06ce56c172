"""The review over HTTP: who may decide (401/403/201), the pages, verified-only publishing to
the public, users' tokens for private reads and uploads, and the new monitor pages."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from web_fixtures import populate  # noqa: E402

from ceasewatch import api  # noqa: E402
from ceasewatch.review.states import claim_key  # noqa: E402
from ceasewatch.web.app import create_app  # noqa: E402

TOKEN = "shared-token"


@pytest.fixture()
def ids(store):
    return populate(store)


@pytest.fixture()
def users(store, ids):
    return {name: api.add_user(store, name, role)[1]
            for name, role in (("amina", "analyst"), ("rita", "reader"), ("chief", "editor"))}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def client_for(store, tmp_path, **options):
    return TestClient(create_app(store, token=TOKEN, uploads_dir=tmp_path / "u", **options))


def test_deciding_needs_an_analysts_own_token(store, ids, users, tmp_path):
    client = client_for(store, tmp_path)
    key = claim_key(store.events.claims(ids["october"])[0])
    url = f"/api/review/items/{key}"
    body = {"state": "verified", "note": "two outlets"}
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers=bearer(TOKEN)).status_code == 403
    refused = client.post(url, json=body, headers=bearer(users["rita"]))
    assert refused.status_code == 403 and "reader" in refused.json()["error"]["message"]
    client.cookies.set("ceasewatch_token", users["amina"])  # a cookie is not enough
    assert client.post(url, json=body).status_code == 401
    client.cookies.clear()
    done = client.post(url, json=body, headers=bearer(users["amina"]))
    assert done.status_code == 201, done.text
    assert done.json()["analyst"] == "amina" and done.json()["event_id"] == ids["october"]
    bad = client.post(url, json={"state": "approved"}, headers=bearer(users["amina"]))
    assert bad.status_code == 400 and "state" in bad.json()["error"]["message"]
    missing = client.post("/api/review/items/cl-0000000000000000", json=body,
                          headers=bearer(users["amina"]))
    assert missing.status_code == 404
    me = client.get("/api/review/me", headers=bearer(users["chief"])).json()
    assert me == {"name": "chief", "role": "editor"}
    history = client.get("/api/review/history", params={"event": ids["october"]}).json()
    assert history["total"] == 1 and history["items"][0]["note"] == "two outlets"
    queue = client.get("/api/review/queue").json()
    assert queue["total"] == len(ids) and queue["items"][0]["reasons"]
    detail = client.get(f"/api/review/events/{ids['october']}").json()
    assert {c["review_id"]: c["review"]["state"] for c in detail["claims"]}[key] == "verified"


def test_the_review_pages_render(store, ids, users, tmp_path):
    client = client_for(store, tmp_path)
    api.review(store, ids["october"], "rejected", analyst="amina", note="duplicate report")
    queue = client.get("/review")
    assert queue.status_code == 200 and "Review queue" in queue.text
    assert f'data-href="/review/events/{ids["spin6"]}"' in queue.text
    page = client.get(f"/review/events/{ids['october']}")
    assert page.status_code == 200
    for claim in store.events.claims(ids["october"]):
        assert f'data-item="{claim_key(claim)}"' in page.text
    assert "duplicate report" in page.text and "<mark" in page.text
    history = client.get("/review/history", params={"analyst": "amina"})
    assert history.status_code == 200 and "duplicate report" in history.text


def test_a_verified_only_server_publishes_what_analysts_verified(store, ids, users, tmp_path):
    client = client_for(store, tmp_path, verified_only=True)
    assert client.get("/api/events").json()["total"] == 0
    api.review(store, ids["spin6"], "verified", analyst="amina")
    assert [e["id"] for e in client.get("/api/events").json()["items"]] == [ids["spin6"]]
    assert client.get("/api/events", headers=bearer(users["rita"])).json()["total"] == 1
    assert client.get("/api/events", headers=bearer(users["amina"])).json()["total"] == len(ids)
    assert client.get(f"/api/events/{ids['october']}").status_code == 404
    assert client.get(f"/events/{ids['october']}").status_code == 404
    published = client.get(f"/api/events/{ids['spin6']}").json()
    assert published["claims"] == [] and published["violations"] == []
    assert client.get("/api/violations").json()["total"] == 0
    api.review(store, "v-spin6", "verified", analyst="amina")
    assert [v["id"] for v in client.get("/api/violations").json()["items"]] == ["v-spin6"]
    assert "v-spin7" not in client.get("/violations").text
    accords = client.get("/api/accords").json()["items"][0]
    assert [v["id"] for v in accords["violations"]] == ["v-spin6"]
    assert client.get("/api/accords/doha-2025-10-19").json()["violation_count"] == 1
    assert "v-spin7" not in client.get("/accords").text
    assert client.get("/api/disputes").json()["total"] == 0  # no verified claim disputes
    two = [c for c in store.events.claims(ids["spin6"]) if c.field == "actor1"]
    for c in two:
        api.review(store, claim_key(c), "verified", analyst="amina")
    disputes = client.get("/api/disputes").json()
    assert disputes["total"] == 1 and disputes["items"][0]["fields"] == ["actor1"]
    assert "Afghan military" in client.get("/disputes").text
    # on an ordinary server, the public asks for the same cut explicitly
    open_client = client_for(store, tmp_path)
    assert open_client.get("/api/events").json()["total"] == len(ids)
    assert open_client.get("/api/events", params={"verified_only": "true"}).json()["total"] == 1


def test_users_tokens_read_a_private_server_and_analysts_upload(store, ids, users, tmp_path):
    client = client_for(store, tmp_path, public_read=False)
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers=bearer(users["rita"])).status_code == 200
    report = {"text": "On 3 November 2025, clashes near Chaman killed four people."}
    assert client.post("/api/documents", data=report,
                       headers=bearer(users["rita"])).status_code == 403
    assert client.post("/api/documents", data=report,
                       headers=bearer(users["amina"])).status_code == 201
    store.reviews.disable_user("amina")
    assert client.get("/api/events", headers=bearer(users["amina"])).status_code == 403


def test_the_violations_and_accord_pages(store, ids, tmp_path):
    client = client_for(store, tmp_path)
    page = client.get("/violations")
    assert page.status_code == 200
    assert "cessation of hostilities" in page.text and "An immediate ceasefire." in page.text
    assert "briefly exchanged" in page.text and 'id="v-spin7"' in page.text
    only = client.get("/violations", params={"verification": "claimed"})
    assert 'id="v-spin7"' in only.text and 'id="v-spin6"' not in only.text
    assert client.get("/violations", params={"verification": "bogus"}).status_code == 422
    accord = client.get("/accords/doha-2025-10-19")
    assert accord.status_code == 200 and "cessation of hostilities" in accord.text
    assert client.get("/accords/nope").status_code == 404
    nav = client.get("/").text
    assert 'href="/violations"' in nav and 'action="/sitrep"' in nav
    assert 'type="date" name="date" value="2025-11-' in nav  # the last event's day
