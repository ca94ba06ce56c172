"""The JSON API: every endpoint, pagination, filters, the one error envelope, tokens."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from web_fixtures import DOHA_ACCORD, populate  # noqa: E402

from ceasewatch.web.app import create_app  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture()
def ids(store):
    return populate(store)


@pytest.fixture()
def client(store, ids, tmp_path):
    return TestClient(create_app(store, token=TOKEN, uploads_dir=tmp_path / "uploads"))


def assert_error(response, status: int, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"error"}
    assert body["error"]["status"] == status
    message = body["error"]["message"]
    assert isinstance(message, str) and message
    for w in words:
        assert w in message, message


def test_documents_list_is_paginated_with_total(client):
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert first["total"] == 5 and first["limit"] == 2 and first["offset"] == 0
    second = client.get("/api/documents", params={"limit": 2, "offset": 2}).json()
    names = [d["name"] for d in first["items"] + second["items"]]
    assert len(set(names)) == 4
    assert "text" not in first["items"][0]


def test_document_detail_has_text_origins_and_mentions(client, store):
    doc = store.documents.list()[0]
    body = client.get(f"/api/documents/{doc.id}").json()
    assert body["id"] == doc.id and body["text"] == doc.text
    assert body["origins"] and body["mentions"]
    assert all(m["event_id"] for m in body["mentions"])
    # stable ids: the same id answers again, and the name works too
    assert client.get(f"/api/documents/{doc.name}").json()["id"] == doc.id


def test_events_list_and_filters(client, ids):
    all_events = client.get("/api/events").json()
    assert all_events["total"] == len(ids) == len(all_events["items"])
    dates = [e["event_date"] for e in all_events["items"]]
    assert dates == sorted(dates)
    week = client.get("/api/events", params={"from": "2025-11-02", "to": "2025-11-08"}).json()
    assert {e["id"] for e in week["items"]} == {ids["spin6"], ids["spin7"], ids["civ"],
                                                 ids["talks"]}
    battles = client.get("/api/events", params={"type": "Battles"}).json()
    assert battles["items"] and all(e["event_type"] == "Battles" for e in battles["items"])
    box = client.get("/api/events", params={"bbox": "60,25,75,38"}).json()
    assert {e["location"] for e in box["items"]} == {"Kabul", "Spin Boldak"}
    assert client.get("/api/events", params={"place": "Istanbul"}).json()["total"] == 1
    assert client.get("/api/events", params={"actor": "Pakistan"}).json()["total"] >= 3
    corroborated = client.get("/api/events", params={"min_sources": 2}).json()
    assert {e["id"] for e in corroborated["items"]} == {ids["kabul"], ids["october"],
                                                        ids["talks"]}
    paged = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert paged["total"] == len(ids) and len(paged["items"]) == 3
    assert paged["items"][0]["id"] == all_events["items"][3]["id"]


def test_event_detail_has_mentions_claims_evidence_history(client, ids):
    body = client.get(f"/api/events/{ids['spin6']}").json()
    assert body["event"]["id"] == ids["spin6"] and body["event"]["initiator_disputed"]
    assert len(body["mentions"]) == 1
    claimants = {c["claimant"]: c["value"] for c in body["claims_by_field"]["actor1"]}
    assert claimants == {"Afghan military": "Military Forces of Pakistan",
                         "Pakistan information ministry":
                             "Military Forces of Afghanistan (Taliban)"}
    source = body["sources"][0]
    assert "segments" not in source
    ev = source["evidence"][0]
    text = client.get(f"/api/documents/{source['document']['id']}").json()["text"]
    assert text[ev["start"]:ev["end"]] == ev["text"]
    assert body["history"] and body["history"][0]["action"] == "attach"
    assert body["violations"] and body["violations"][0]["accord_id"] == DOHA_ACCORD.id


def test_disputes_say_who_says_what(client, ids):
    body = client.get("/api/disputes").json()
    assert body["total"] == 2
    by_id = {d["event"]["id"]: d for d in body["items"]}
    assert set(by_id) == {ids["october"], ids["spin6"]}
    fat = by_id[ids["october"]]["claims"]["fatalities"]
    assert {c["claimant"] for c in fat} == {"official figures", "BBC"}
    assert {c["display"] for c in fat} == {"200–230", "at least 24"}
    assert client.get("/api/disputes", params={"from": "2025-11-01"}).json()["total"] == 1


def test_accords_and_violations(client, ids):
    listing = client.get("/api/accords").json()
    assert listing["total"] == 1
    summary = listing["items"][0]
    assert summary["accord"]["id"] == DOHA_ACCORD.id and summary["violation_count"] == 2
    one = client.get(f"/api/accords/{DOHA_ACCORD.id}").json()
    assert one["accord"]["name"] == DOHA_ACCORD.name
    assert one["by_verification"] == {"disputed": 1, "claimed": 1}
    violations = client.get("/api/violations").json()
    assert violations["total"] == 2
    assert {v["event_id"] for v in violations["items"]} == {ids["spin6"], ids["spin7"]}
    disputed = client.get("/api/violations", params={"verification": "disputed"}).json()
    assert [v["event_id"] for v in disputed["items"]] == [ids["spin6"]]
    late = client.get("/api/violations", params={"from": "2025-11-07"}).json()
    assert [v["event_id"] for v in late["items"]] == [ids["spin7"]]


def test_search_finds_documents_with_snippets(client):
    body = client.get("/api/search", params={"q": "Spin Boldak"}).json()
    assert body["items"] and all("[" in h["snippet"] for h in body["items"])
    assert "seed004_rna_spin_boldak.txt" in {h["name"] for h in body["items"]}
    assert client.get("/api/search", params={"q": "zzzunknownword"}).json()["items"] == []


def test_sitrep_model_endpoint(client):
    body = client.get("/api/sitrep", params={"date": "2025-11-08"}).json()
    assert body["period"] == {"start": "2025-11-02", "end": "2025-11-08", "days": 7}
    assert body["counts"]["events"] == 4 and body["key_developments"]


def test_openapi_is_served_and_docs_are_local(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/events",
                 "/api/events/{event_id}", "/api/disputes", "/api/accords",
                 "/api/accords/{accord_id}", "/api/violations", "/api/search"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/documents"]
    assert client.get("/docs").status_code == 404  # the CDN-backed Swagger UI is off
    page = client.get("/api-docs")
    assert page.status_code == 200 and "/api/violations" in page.text
    assert "cdn" not in page.text.lower()


@pytest.mark.parametrize("url,status,word", [
    ("/api/events?from=2025-13-01", 422, "from"),
    ("/api/events?limit=0", 422, "limit"),
    ("/api/events?limit=100000", 422, "limit"),
    ("/api/events?offset=-1", 422, "offset"),
    ("/api/events?min_sources=zero", 422, "min_sources"),
    ("/api/events?bbox=1,2,3", 400, "bbox"),
    ("/api/events?bbox=10,0,5,1", 400, "bbox"),
    ("/api/events?from=2025-11-08&to=2025-11-01", 400, "from"),
    ("/api/violations?verification=rumoured", 422, "verification"),
    ("/api/search", 422, "q"),
    ("/api/search?q=%20", 400, "empty"),
    ("/api/sitrep?date=2025-11-08&from=2025-11-01", 400, "either"),
    ("/api/sitrep?date=2025-11-08&theater=atlantis", 400, "theater"),
])
def test_bad_parameters_use_the_error_envelope(client, url, status, word):
    assert_error(client.get(url), status, word)


@pytest.mark.parametrize("url", ["/api/events/e-nope", "/api/documents/nope",
                                 "/api/accords/nope", "/api/violations?accord=nope",
                                 "/api/no-such-route"])
def test_unknown_ids_are_404(client, url):
    assert_error(client.get(url), 404)


def test_wrong_method_is_405_in_the_envelope(client):
    assert_error(client.delete("/api/events"), 405, "DELETE")


# -- writes ------------------------------------------------------------------------------------

REPORT = ("Afghan officials said on Saturday that two civilians were killed when shells fired "
          "from across the border hit a house near Spin Boldak, Kandahar province.")


def test_upload_needs_a_token(client, store):
    before = store.documents.count()
    assert_error(client.post("/api/documents", data={"text": REPORT}), 401, "token")
    assert_error(client.post("/api/documents", data={"text": REPORT},
                             headers={"Authorization": "Bearer wrong"}), 403, "not valid")
    # a token in the URL or a cookie is not enough for a write (another site could replay it)
    assert_error(client.post("/api/documents", params={"token": TOKEN}, data={"text": REPORT}),
                 401)
    client.cookies.set("ceasewatch_token", TOKEN)
    assert_error(client.post("/api/documents", data={"text": REPORT}), 401)
    assert store.documents.count() == before


def test_upload_is_refused_when_no_token_is_configured(store, ids, tmp_path):
    client = TestClient(create_app(store, token=None, uploads_dir=tmp_path / "u"))
    assert_error(client.post("/api/documents", data={"text": REPORT},
                             headers={"Authorization": "Bearer anything"}), 403, "disabled")


def test_upload_text_and_file_with_token(client, store, tmp_path):
    pytest.importorskip("ceasewatch.nlp.pipeline", reason="extraction is not in this build")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/documents", headers=auth,
                           data={"text": REPORT, "name": "shelling.txt",
                                 "published": "2025-11-08"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["added"] == 1 and body["results"][0]["outcome"] == "added"
    doc_id = body["results"][0]["doc_id"]
    doc = store.documents.get(doc_id)
    assert doc.text.strip() == REPORT and doc.published is not None
    assert doc.name == "shelling.txt"
    assert any(p.name == "shelling.txt" for p in (tmp_path / "uploads").rglob("*"))
    again = client.post("/api/documents", headers={"X-Ceasewatch-Token": TOKEN},
                        files={"file": ("again.txt", REPORT.encode(), "text/plain")})
    assert again.status_code == 200 and again.json()["known"] == 1


def test_upload_without_content_is_422(client):
    assert_error(client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                             data={"name": "x.txt"}), 422, "file")


def test_private_reads_need_the_token(store, ids, tmp_path):
    client = TestClient(create_app(store, token=TOKEN, public_read=False,
                                   uploads_dir=tmp_path / "u"))
    assert_error(client.get("/api/events"), 401)
    assert_error(client.get("/api/events", headers={"Authorization": "Bearer no"}), 403)
    ok = client.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["total"] == len(ids)
    page = client.get("/", params={"token": TOKEN})  # sets the cookie for later navigation
    assert page.status_code == 200
    assert client.get("/disputes").status_code == 200


def test_events_export_formats_are_streamed_with_their_content_types(client):
    import csv
    import io
    import json

    expected = {"csv": "text/csv", "acled-csv": "text/csv", "ucdp-csv": "text/csv",
                "geojson": "application/geo+json", "jsonl": "application/x-ndjson",
                "plover-jsonl": "application/x-ndjson"}
    for fmt, media in expected.items():
        r = client.get("/api/events", params={"format": fmt})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(media), (fmt, r.headers["content-type"])
        assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events?format=csv").text)))
    total = client.get("/api/events").json()["total"]
    assert len(rows) == total  # the whole set, not a page of 50
    assert len(list(csv.DictReader(io.StringIO(
        client.get("/api/events?format=csv&limit=1").text)))) == 1
    geo = client.get("/api/events?format=geojson").json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == total
    lines = client.get("/api/events?format=jsonl").text.splitlines()
    assert len(lines) == total and all(json.loads(x)["id"] for x in lines)
    assert_error(client.get("/api/events?format=xlsx"), 400, "xlsx")


def test_events_parquet_from_the_api(client):
    pytest.importorskip("pyarrow")
    pd = pytest.importorskip("pandas")
    import io

    r = client.get("/api/events?format=parquet")
    assert r.status_code == 200 and r.headers["content-type"] == "application/vnd.apache.parquet"
    frame = pd.read_parquet(io.BytesIO(r.content))
    assert len(frame) == client.get("/api/events").json()["total"]


def test_updated_since_pulls_only_what_changed(client, store):
    from datetime import UTC, datetime, timedelta

    total = client.get("/api/events").json()["total"]
    assert total > 0
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert client.get("/api/events", params={"updated_since": past}).json()["total"] == total
    assert client.get("/api/events", params={"updated_since": future}).json()["total"] == 0
    r = client.get("/api/events", params={"updated_since": "yesterday"})
    assert r.status_code in (400, 422) and "updated_since" in r.text


def test_compare_with_an_imported_dataset(client, store):
    from pathlib import Path

    from ceasewatch import api

    assert_error(client.get("/api/compare/acled"), 400, "ceasewatch import acled")
    sample = Path(__file__).resolve().parent / "fixtures" / "imports" / "acled_sample.csv"
    api.import_dataset(store, "acled", sample)
    body = client.get("/api/compare/acled", params={"country": "AF"}).json()
    assert body["summary"]["acled_events"] == 4  # the Pakistani row is outside the filter
    assert {r["status"] for r in body["events"]} <= {"matched", "only ceasewatch",
                                                      "only acled"}
    assert client.get("/api/compare/gdelt").status_code == 422
