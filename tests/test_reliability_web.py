"""Issue 15, web side: each test is named after the row of the failure table it guards
(row 2: an upload froze the server, 7: bodies read before the token, 8: unbounded sitrep
period, 9: no security headers, 10: 500s from unauthenticated input)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from web_fixtures import populate  # noqa: E402

from ceasewatch.store import Store  # noqa: E402
from ceasewatch.web.app import create_app  # noqa: E402

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = ("Afghan officials said on Saturday that two civilians were killed when shells fired "
          "from across the border hit a house near Spin Boldak, Kandahar province.")


@pytest.fixture()
def app(store: Store, tmp_path: Any) -> Any:
    populate(store)
    return create_app(store, token=TOKEN, uploads_dir=tmp_path / "uploads")


# -- row 2: uploads off the event loop ---------------------------------------------------------

def test_row2_reads_are_answered_while_an_upload_is_being_analysed(
        app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction of the upload waits until a read has been answered: with the analysis on
    the event loop the read could never be served first."""
    import ceasewatch.nlp.pipeline as pipeline

    real = pipeline.extract_mentions
    read_done, extracting = threading.Event(), threading.Event()
    seen: dict[str, Any] = {}

    def slow_extract(doc: Any) -> Any:
        seen["thread"] = threading.current_thread().name
        extracting.set()
        seen["read_first"] = read_done.wait(timeout=30)
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_mentions", slow_extract)
    with TestClient(app) as client:  # one event loop for every request
        upload: dict[str, Any] = {}
        thread = threading.Thread(target=lambda: upload.setdefault(
            "r", client.post("/api/documents", headers=AUTH, data={"text": REPORT})))
        thread.start()
        assert extracting.wait(timeout=30)
        events = client.get("/api/events")
        read_done.set()
        thread.join()
    assert events.status_code == 200
    assert seen["read_first"] is True
    assert seen["thread"].startswith("cw-upload")  # extraction and writes in the worker
    assert upload["r"].status_code == 201, upload["r"].text


def test_row2_the_upload_queue_is_bounded(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import ceasewatch.nlp.pipeline as pipeline
    from ceasewatch.web import uploads

    release, extracting = threading.Event(), threading.Event()

    def blocked(doc: Any) -> list[Any]:
        extracting.set()
        release.wait(timeout=30)
        return []

    monkeypatch.setattr(pipeline, "extract_mentions", blocked)
    app.state.uploads = uploads.UploadWorker(app.state.store, max_pending=1)
    with TestClient(app) as client:
        first: dict[str, Any] = {}
        thread = threading.Thread(target=lambda: first.setdefault(
            "r", client.post("/api/documents", headers=AUTH, data={"text": REPORT})))
        thread.start()
        assert extracting.wait(timeout=30)
        second = client.post("/api/documents", headers=AUTH, data={"text": REPORT + " Two."})
        release.set()
        thread.join()
    assert second.status_code == 503 and "busy" in second.json()["error"]["message"]
    assert first["r"].status_code == 201


# -- row 7: token and size before the body -----------------------------------------------------

def _call(app: Any, headers: list[tuple[bytes, bytes]], chunks: list[bytes]
          ) -> tuple[int, int]:
    """Run one POST /api/documents through the ASGI app; (status, body chunks read)."""
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pulled < len(chunks):
            pulled += 1
            return {"type": "http.request", "body": chunks[pulled - 1],
                    "more_body": pulled < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "POST", "path": "/api/documents", "raw_path": b"/api/documents",
             "query_string": b"", "root_path": "", "scheme": "http",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"127.0.0.1")] + headers}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], pulled


def test_row7_an_upload_without_token_is_refused_before_its_body_is_read(app: Any) -> None:
    boundary = b"b0undary"
    headers = [(b"content-type", b"multipart/form-data; boundary=" + boundary),
               (b"content-length", str(4 * 1024 * 1024).encode())]
    chunk = b"--b0undary\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n" + b"x" * 65536
    assert _call(app, headers, [chunk] * 64) == (401, 0)
    wrong = headers + [(b"authorization", b"Bearer wrong")]
    assert _call(app, wrong, [chunk] * 64) == (403, 0)


def test_row7_a_body_over_the_limit_is_refused_before_or_while_it_is_read(app: Any) -> None:
    auth = [(b"authorization", f"Bearer {TOKEN}".encode()),
            (b"content-type", b"multipart/form-data; boundary=b0undary")]
    declared = auth + [(b"content-length", str(200 * 1024 * 1024).encode())]
    assert _call(app, declared, [b"x" * 65536] * 8) == (413, 0)
    head = (b"--b0undary\r\nContent-Disposition: form-data; name=\"file\"; "
            b"filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n")
    status, pulled = _call(app, auth, [head] + [b"x" * 65536] * 400)  # no length: 25 MiB
    assert status == 413 and pulled < 100  # cut off near the 5 MiB limit, not read whole


# -- row 8: bounded periods --------------------------------------------------------------------

def test_row8_sitrep_period_and_dates_are_bounded(app: Any) -> None:
    client = TestClient(app)
    whole = client.get("/api/sitrep", params={"from": "0001-01-01", "to": "9999-12-31"})
    assert whole.status_code == 400 and "outside" in whole.json()["error"]["message"]
    decade = client.get("/api/sitrep", params={"from": "2015-01-01", "to": "2025-12-31"})
    assert decade.status_code == 400 and "366" in decade.json()["error"]["message"]
    year_one = client.get("/api/sitrep", params={"date": "0001-01-03"})
    assert year_one.status_code == 400
    page = client.get("/sitrep", params={"date": "0001-01-03"})
    assert page.status_code == 400
    assert client.get("/api/events", params={"from": "0001-01-01"}).status_code == 400
    assert client.get("/api/sitrep", params={"date": "2025-11-08"}).status_code == 200


# -- row 9: security headers -------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/documents", "/api/events", "/static/style.css",
                                  "/no/such/page"])
def test_row9_every_response_has_security_headers(app: Any, path: str) -> None:
    response = TestClient(app).get(path)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-eval'" not in csp and "script-src 'self';" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_row9_the_self_contained_sitrep_allows_only_its_own_inline_scripts(app: Any) -> None:
    response = TestClient(app).get("/sitrep", params={"date": "2025-11-08"})
    assert response.status_code == 200
    script_src = next(part for part in response.headers["content-security-policy"].split(";")
                      if part.strip().startswith("script-src"))
    assert script_src.count("'sha256-") >= 3 and "unsafe-inline" not in script_src


# -- row 10: no 500 from unauthenticated input -------------------------------------------------

def test_row10_huge_integers_and_non_ascii_tokens_are_4xx(app: Any) -> None:
    client = TestClient(app)
    for path in ("/api/events", "/api/documents", "/api/accords", "/documents"):
        response = client.get(path, params={"offset": str(10**30)})
        assert response.status_code == 422, (path, response.text)
    assert client.get("/api/events", params={"min_sources": str(10**30)}).status_code == 422
    page = client.get("/?token=%C3%A9")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    accented = {"Authorization": "Bearer \u00e9t\u00e9".encode()}
    wrong = client.post("/api/documents", headers=accented, data={"text": REPORT})
    assert wrong.status_code in (401, 403)
