"""Fuzzing the JSON API and pages (issue 15): any query parameter value an unauthenticated
client can send, and any upload form, gets an answer below 500 in the one error shape."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from web_fixtures import populate  # noqa: E402

from ceasewatch.store import open_store  # noqa: E402
from ceasewatch.web.app import create_app  # noqa: E402

TOKEN = "fuzz-token"
VALUES = st.one_of(
    st.text(max_size=40), st.integers(-10**40, 10**40).map(str),
    st.sampled_from(["0001-01-01", "9999-12-31", "2025-02-29", "2025-11-08", "1e999", "NaN",
                     "-0", "%00", "\u00e9", "180,90,-180,-90", "1,2,3,4", "a,b,c,d", "*",
                     "\"", "' OR 1=1 --", "NEAR(", "\ud7ff",
                     str(10**30), str(2**63), "-1"]))
SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, module_db_target: str) -> Any:
    folder = tmp_path_factory.mktemp("fuzzapi")
    store = open_store(module_db_target)
    populate(store)
    app = create_app(store, token=TOKEN, uploads_dir=folder / "uploads")
    endpoints = []
    for path, methods in app.openapi()["paths"].items():
        if "get" in methods and "{" not in path:
            names = [p["name"] for p in methods["get"].get("parameters", [])
                     if p["in"] == "query"]
            if names:  # an endpoint without query parameters has nothing to fuzz
                endpoints.append((path, names))
    yield TestClient(app), endpoints
    store.close()


@SETTINGS
@given(data=st.data())
def test_fuzz_query_parameters_never_500(client: Any, data: st.DataObject) -> None:
    http, endpoints = client
    path, names = data.draw(st.sampled_from(endpoints + [("/", ["token"]),
                                                         ("/sitrep", ["date", "from", "to",
                                                                      "days"])]))
    # one or two parameters at a time: with many, one invalid value hides the others (422)
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    params = {n: data.draw(VALUES) for n in chosen}
    params = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
              for k, v in params.items()}
    response = http.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text[:300])
    if response.status_code >= 400 and path.startswith("/api"):
        assert response.json()["error"]["status"] == response.status_code


@SETTINGS
@given(text=st.one_of(st.none(), st.text(max_size=300)), name=st.one_of(st.none(), VALUES),
       published=st.one_of(st.none(), VALUES), token=st.sampled_from([None, TOKEN, "x", "é"]))
def test_fuzz_upload_forms_never_500(client: Any, text: str | None, name: str | None,
                                     published: str | None, token: str | None) -> None:
    http, _ = client
    form = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
            for k, v in (("text", text), ("name", name), ("published", published))
            if v is not None}
    headers = {"Authorization": f"Bearer {token}".encode()} if token else {}
    response = http.post("/api/documents", data=form, headers=headers)
    assert response.status_code < 500, (form, response.text[:300])
