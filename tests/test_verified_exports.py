"""A verified-only export or API row carries the figures analysts verified, never a rejected
one: the event's deaths are recomputed from its verified claims, as the verified-only sitrep
does (``review/publish.published_event``)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from web_fixtures import populate

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.review.states import claim_key
from ceasewatch.store import open_store


def _review_october(store):
    """The October clash verified, its first fatality figure verified, the second rejected."""
    ids = populate(store)
    api.add_user(store, "amina", "analyst")
    claims = [c for c in store.events.claims(ids["october"]) if c.field == "fatalities"]
    first, second = claims[:2]
    assert json.loads(first.value) != json.loads(second.value)
    api.review(store, ids["october"], "verified", analyst="amina")
    api.review(store, claim_key(first), "verified", analyst="amina", note="official")
    api.review(store, claim_key(second), "rejected", analyst="amina", note="a rumour")
    return ids, json.loads(first.value), store.events.get(ids["october"]).fatalities


def test_export_verified_only_recomputes_the_figures(tmp_path):
    db = tmp_path / "x.db"
    with open_store(db) as store:
        ids, verified, fused = _review_october(store)
    assert (fused.low, fused.high) != (verified["low"], verified["high"])
    out = CliRunner().invoke(cli, ["--db", str(db), "export", "--format", "jsonl",
                                   "--verified-only"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    assert [r["id"] for r in rows] == [ids["october"]]
    assert (rows[0]["fatalities_low"], rows[0]["fatalities_high"]) == (
        verified["low"], verified["high"])
    # the same export without the flag keeps the fused figures
    everything = CliRunner().invoke(cli, ["--db", str(db), "export", "--format", "jsonl"])
    fused_row = next(json.loads(line) for line in everything.output.splitlines()
                     if json.loads(line)["id"] == ids["october"])
    assert (fused_row["fatalities_low"], fused_row["fatalities_high"]) == (fused.low, fused.high)
    flat = CliRunner().invoke(cli, ["--db", str(db), "export", "--format", "csv",
                                    "--verified-only"])
    [row] = list(csv.DictReader(io.StringIO(flat.output)))
    assert int(row["fatalities_high"]) == verified["high"]


def test_verified_only_api_rows_recompute_the_figures(store, tmp_path):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from ceasewatch.web.app import create_app

    ids, verified, _ = _review_october(store)
    client = TestClient(create_app(store, uploads_dir=tmp_path / "u"))
    page = client.get("/api/events", params={"verified_only": "true"}).json()
    [item] = page["items"]
    assert item["id"] == ids["october"]
    assert (item["fatalities_low"], item["fatalities_high"]) == (verified["low"],
                                                                 verified["high"])
    detail = client.get(f"/api/events/{ids['october']}", params={"verified_only": "true"})
    event = detail.json()["event"]
    assert (event["fatalities_low"], event["fatalities_high"]) == (verified["low"],
                                                                   verified["high"])
    streamed = client.get("/api/events", params={"verified_only": "true", "format": "jsonl"})
    [line] = [json.loads(x) for x in streamed.text.splitlines() if x.strip()]
    assert line["fatalities_high"] == verified["high"]
