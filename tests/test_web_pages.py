"""Server-rendered pages: evidence marked in the source text, claims side by side, no CDN."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402
from web_fixtures import DOHA_ACCORD, populate  # noqa: E402

from ceasewatch.records import Document, Mention, content_hash  # noqa: E402
from ceasewatch.web.app import create_app  # noqa: E402


@pytest.fixture()
def ids(store):
    return populate(store)


@pytest.fixture()
def client(store, ids, tmp_path):
    return TestClient(create_app(store, token="t", uploads_dir=tmp_path / "u"))


def test_event_page_marks_the_evidence_inside_the_source_text(client, ids, store):
    page = client.get(f"/events/{ids['talks']}")
    assert page.status_code == 200
    marks = re.findall(r"<mark data-mention=\"[^\"]+\">(.*?)</mark>", page.text, re.S)
    assert "The latest round of negotiations, held in Istanbul" in marks
    assert "the third round of negotiations" in marks
    assert page.text.count('class="source"') == 2  # one article per source document
    # with the marks taken out, each block is exactly the document's own text
    doc = store.documents.get("seed003_istanbul_third_round.txt")
    blocks = re.findall(r'<div class="doc-text" dir="auto">(.*?)</div>', page.text, re.S)
    plain = [html.unescape(re.sub(r"</?mark[^>]*>", "", b)) for b in blocks]
    assert doc.text in plain
    assert 'href="/api/events/' in page.text  # the JSON twin


def test_event_page_shows_claims_side_by_side(client, ids):
    page = client.get(f"/events/{ids['spin6']}").text
    assert "Claims side by side" in page
    assert "Afghan military" in page and "Pakistan information ministry" in page
    assert "disputed" in page
    assert DOHA_ACCORD.id in page  # the alleged violation links to its accord


def test_disputes_accords_documents_search_pages(client, ids):
    disputes = client.get("/disputes").text
    assert "official figures" in disputes and "BBC" in disputes and "200–230" in disputes
    accords = client.get("/accords").text
    assert DOHA_ACCORD.name in accords and "Alleged violations (2)" in accords
    docs = client.get("/documents").text
    assert 'id="upload"' in docs and "seed004_rna_spin_boldak.txt" in docs
    doc = client.get("/documents/seed004_rna_spin_boldak.txt").text
    assert "<mark" in doc and "/events/" in doc
    found = client.get("/search", params={"q": "Istanbul"}).text
    assert "seed003_istanbul_third_round.txt" in found or "Istanbul" in found


def test_dashboard_loads_only_local_assets(client):
    page = client.get("/").text
    assert 'id="map"' in page and 'id="timeline-chart"' in page
    srcs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert srcs and all(not s.startswith(("http://", "https://", "//")) or
                        s.startswith("http://testserver/") for s in srcs), srcs
    for asset in ("vendor/leaflet/leaflet.js", "vendor/chartjs/chart.umd.min.js",
                  "vendor/topojson-client/topojson-client.min.js",
                  "vendor/world-atlas/countries-50m.json", "cwcharts.js", "dashboard.js"):
        response = client.get(f"/static/{asset}")
        assert response.status_code == 200, asset


def test_page_errors_are_html_with_the_status(client):
    response = client.get("/events/no-such-event")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "no event" in response.text and 'data-status="404"' in response.text


def test_source_text_is_escaped_not_executed(store, tmp_path):
    text = "Officials said <script>alert(1)</script> clashes erupted near Chaman on Friday."
    doc = Document(id=content_hash(text), text=text, origin="x", name="evil.txt", format="text",
                   published=date(2025, 11, 7))
    evidence = "clashes erupted near Chaman"
    start = text.find(evidence)
    mention = Mention(id="m-evil", doc_id=doc.id, doc_name=doc.name, native_type="armed_clash",
                      event_date=date(2025, 11, 7), date_precision="day", evidence=evidence,
                      evidence_start=start, evidence_end=start + len(evidence))
    with store.atomic():
        store.documents.add(doc)
        store.mentions.replace_for_document(doc.id, [mention])
    client = TestClient(create_app(store, uploads_dir=tmp_path / "u"))
    page = client.get(f"/documents/{doc.id}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert f'<mark data-mention="m-evil">{evidence}</mark>' in page


@pytest.mark.parametrize("value,shown", [
    ({"low": 5, "best": 5, "high": 5}, "5"),
    ({"low": 24, "best": None, "high": None}, "at least 24"),
    ({"low": 200, "best": None, "high": 230}, "200–230"),
    ({"name": None, "side": None, "contested": True}, "contested (each side blames the other)"),
    ({"name": "Military Forces of Pakistan", "side": "PK"}, "Military Forces of Pakistan"),
    ({"date": "2025-11-06", "precision": "week"}, "2025-11-06 (week)"),
    ({"name": "Spin Boldak", "admin1": "Kandahar", "country": "AF", "precision": "locality"},
     "Spin Boldak, Kandahar, AF"),
    ("armed_clash", "armed clash"),
])
def test_claim_values_read_as_text(value, shown):
    from ceasewatch.reports.views import format_value

    assert format_value(value) == shown


def test_every_page_credits_geonames_where_places_are_shown(client):
    for path in ("/", "/disputes", "/accords"):
        page = client.get(path).text
        assert "GeoNames (CC-BY-4.0, https://www.geonames.org/)" in page, path


def test_dashboard_offers_the_exports(client):
    page = client.get("/").text
    links = re.findall(r'href="(/api/events\?format=[^"]+)"', page)
    assert len(links) == 6
    for link in links:
        assert client.get(link).status_code == 200, link
