"""Event revisions (history, merge/split/deletion, review hook, exports of deletions) and
alert rules (violation, fatalities, new type), on the CLI, the API and the web."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.errors import CeasewatchError
from ceasewatch.store import Store

SPIN_BOLDAK = ("KABUL, Nov 5 (Test News) - Pakistani forces fired mortar shells into Spin "
               "Boldak district of Kandahar province on Tuesday, killing {n} civilians, local "
               "officials said.")
KHOST = ("KHOST, Nov 9 (Test News) - Two children were killed when a mortar shell fired from "
         "Pakistan hit a house in Gurbuz district of Khost province on Sunday, Afghan officials "
         "said.")


def _report(folder: Path, name: str, text: str, published: str) -> str:
    path = folder / f"{name}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps(
        {"published": published, "outlet": "Test News"}), encoding="utf-8")
    return str(path)


@pytest.fixture
def reports(tmp_path: Path) -> dict[str, str]:
    return {"five": _report(tmp_path, "five", SPIN_BOLDAK.format(n="five"), "2025-11-05"),
            "twelve": _report(tmp_path, "twelve", SPIN_BOLDAK.format(n="twelve"), "2025-11-05"),
            "khost": _report(tmp_path, "khost", KHOST, "2025-11-09")}


def test_a_revision_per_change_none_on_reingest(store: Store, reports: dict[str, str]):
    api.ingest(store, [reports["five"]])
    [event] = api.events(store)
    assert [r.cause for r in api.event_history(store, event.id)] == ["created"]
    api.ingest(store, [reports["five"]])
    api.ingest(store, [reports["five"]], reanalyse=True)
    assert len(api.event_history(store, event.id)) == 1
    api.ingest(store, [reports["twelve"]])
    assert [e.id for e in api.events(store)] == [event.id]
    created, revised = api.event_history(store, event.id)
    assert created.snapshot is not None and created.snapshot["fatalities_high"] == 5
    assert revised.cause == "report" and revised.changes["fatalities_high"] == (5, 12)
    assert revised.changes["sources"] == (["five.txt"], ["five.txt", "twelve.txt"])
    assert revised.doc_id == store.documents.list()[1].id
    assert revised.at >= created.at


def test_history_command_shows_the_diffs(tmp_path: Path, reports: dict[str, str], db_target: str):
    db = str(db_target)
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", reports["five"], reports["twelve"]]
                         ).exit_code == 0
    events = json.loads(runner.invoke(cli, ["--db", db, "--json", "events"]).output)
    result = runner.invoke(cli, ["--db", db, "history", events[0]["id"]])
    assert result.exit_code == 0, result.output
    assert "revision 1" in result.output and "created" in result.output
    assert "fatalities_high: 5 -> 12" in result.output and "twelve.txt" in result.output
    as_json = json.loads(runner.invoke(cli, ["--db", db, "history", events[0]["id"],
                                             "--json"]).output)
    assert as_json[1]["changes"]["fatalities_high"] == {"before": 5, "after": 12}
    missing = runner.invoke(cli, ["--db", db, "history", "ev-nope"])
    assert missing.exit_code == 1 and "no event 'ev-nope'" in missing.output


def test_merge_split_delete_and_review_are_revisions(tmp_path: Path, store: Store,
                                                     reports: dict[str, str]):
    before = datetime.now(UTC) - timedelta(seconds=1)
    api.ingest(store, [reports["five"], reports["khost"]])
    spin, khost = sorted(api.events(store), key=lambda e: e.place.name != "Spin Boldak")
    kept = api.merge_events(store, [spin.id, khost.id], note="same shelling campaign")
    history = api.event_history(store, kept)
    assert history[-1].cause == "merge" and history[-1].note == "same shelling campaign"
    assert history[-1].changes["reports"] == (1, 2)
    # the merged-away event's own history is part of the survivor's, ending in its deletion
    gone = [r for r in history if r.event_id == khost.id]
    assert [r.cause for r in gone] == ["created", "deleted"]
    assert gone[-1].note == f"merged into {kept}"
    [deleted] = api.deletions(store, before)
    assert deleted.event_id == khost.id
    assert api.deletions(store, datetime.now(UTC) + timedelta(minutes=1)) == []

    mention = store.events.mention_ids(kept)[1]
    new_id = api.split_event(store, kept, [mention], note="two incidents after all")
    assert api.event_history(store, new_id)[-1].cause == "split"
    assert api.event_history(store, kept)[-1].cause == "split"
    api.record_review(store, kept, note="checked against UNAMA")
    last = api.event_history(store, kept)[-1]
    assert last.cause == "review" and last.note == "checked against UNAMA"

    db = store.path
    result = CliRunner().invoke(cli, ["--db", db, "export", "--deleted-since",
                                      before.strftime("%Y-%m-%dT%H:%M:%S")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "event_id_cnty,event_id,deleted_timestamp,deleted_at,note"
    assert lines[1].startswith(f"AFG{khost.id},{khost.id},")
    later = CliRunner().invoke(cli, ["--db", db, "export", "--deleted-since", "2099-01-01"])
    assert later.output.splitlines()[1:] == []


def test_alert_rules(store: Store, reports: dict[str, str]):
    api.add_alert_rule(store, "fatalities", {"min": 2, "place": "Khost"})
    api.add_alert_rule(store, "new-type", {"theater": "afpak"})
    api.add_alert_rule(store, "violation", {"accord": "doha-2025-10-19", "party": "PK"})
    api.ingest(store, [reports["five"]])
    kinds = sorted(a.key.split(":")[1] for a in api.alerts(store))
    assert kinds == ["new-type", "violation"]  # Spin Boldak is not in Khost
    api.ingest(store, [reports["khost"]])
    alerts = api.alerts(store)
    kinds = sorted(a.key.split(":")[1] for a in alerts)
    # the second shelling is not a new type; it is a violation, and 2 killed in Khost
    assert kinds == ["fatalities", "new-type", "violation", "violation"]
    fatal = next(a for a in alerts if ":fatalities:" in a.key)
    assert fatal.title.startswith("2 killed") and "Khost" in fatal.title
    assert fatal.payload["links"] == {"event": f"/events/{fatal.event_id}",
                                      "api": f"/api/events/{fatal.event_id}",
                                      "history": f"/api/events/{fatal.event_id}/history"}
    assert "Gurbuz" in fatal.payload["evidence"][0]["sentence"]
    violation = next(a for a in alerts if ":violation:" in a.key)
    assert violation.payload["violation"]["commitment"] == "cessation_of_hostilities"
    api.ingest(store, [reports["five"], reports["khost"]], reanalyse=True)
    assert len(api.alerts(store)) == 4


@pytest.mark.parametrize(("kind", "params", "webhook", "field"), [
    ("fatalities", {}, None, "min"),
    ("fatalities", {"min": 0}, None, "min"),
    ("new-type", {"theater": "atlantis"}, None, "theater"),
    ("new-type", {}, None, "theater"),
    ("violation", {"min": 3}, None, "min"),
    ("violation", {}, "ftp://example.org/", "webhook"),
    ("storm", {}, None, "KIND"),
])
def test_bad_rules_are_named(store: Store, kind, params, webhook, field):
    with pytest.raises(CeasewatchError) as err:
        api.add_alert_rule(store, kind, params, webhook=webhook)
    assert err.value.field == field
    assert api.alert_rules(store) == []


def test_alerts_commands(tmp_path: Path, reports: dict[str, str], db_target: str):
    db = str(db_target)
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", db, "alerts", "add", "violation", "--webhook",
                                "http://127.0.0.1:9/hook"])
    assert added.exit_code == 0 and "rule 1: violation" in added.output
    bad = runner.invoke(cli, ["--db", db, "alerts", "add", "fatalities"])
    assert bad.exit_code == 1 and "--min" in bad.output
    assert "No alerts" in runner.invoke(cli, ["--db", db, "alerts"]).output
    runner.invoke(cli, ["--db", db, "ingest", reports["five"]])
    listed = json.loads(runner.invoke(cli, ["--db", db, "alerts", "--json"]).output)
    assert len(listed) == 1 and listed[0]["delivered_at"] is None
    rules = json.loads(runner.invoke(cli, ["--db", db, "alerts", "rules", "--json"]).output)
    assert rules == [{"id": 1, "kind": "violation", "params": {},
                      "webhook": "http://127.0.0.1:9/hook"}]
    assert runner.invoke(cli, ["--db", db, "alerts", "remove", "1"]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["--db", db, "alerts", "--json"]).output) == []
    assert runner.invoke(cli, ["--db", db, "alerts", "remove", "1"]).exit_code == 1


def test_sources_commands(tmp_path: Path, db_target: str):
    db = str(db_target)
    runner = CliRunner()
    out = runner.invoke(cli, ["--db", db, "sources", "add", "https://example.org/feed.xml",
                              "--name", "ex", "--every", "15m", "--language", "en"])
    assert out.exit_code == 0 and "watching ex" in out.output and "every 15m" in out.output
    listed = json.loads(runner.invoke(cli, ["--db", db, "sources", "list", "--json"]).output)
    assert [(s["name"], s["every"], s["language"], s["failures"]) for s in listed] == [
        ("ex", "15m", "en", 0)]
    assert "ex" in runner.invoke(cli, ["--db", db, "sources"]).output
    for args, words in [
        (["ftp://example.org/x"], "not an http(s) URL"),
        (["https://example.org/b", "--every", "soon"], "not an interval"),
        (["https://example.org/b", "--every", "0s"], "outside 1 s to 7 days"),
        (["https://example.org/b", "--language", "English"], "not a language code"),
        (["https://example.org/b", "--name", "ex"], "name 'ex' is already watched"),
        (["https://example.org/feed.xml"], "URL https://example.org/feed.xml is already"),
    ]:
        bad = runner.invoke(cli, ["--db", db, "sources", "add", *args])
        assert bad.exit_code == 1 and words in bad.output, (args, bad.output)
    assert len(json.loads(runner.invoke(cli, ["--db", db, "sources", "--json"]).output)) == 1
    assert "no longer watching ex" in runner.invoke(
        cli, ["--db", db, "sources", "remove", "ex"]).output
    gone = runner.invoke(cli, ["--db", db, "sources", "remove", "ex"])
    assert gone.exit_code == 1 and "no watched source 'ex'" in gone.output


def test_web_history_alerts_atom_and_sources(tmp_path: Path, store: Store,
                                             reports: dict[str, str]):
    pytest.importorskip("fastapi")
    import feedparser
    from fastapi.testclient import TestClient

    from ceasewatch.web.app import create_app

    api.add_alert_rule(store, "violation", {})
    api.add_source(store, "https://example.org/feed.xml", name="ex", every="1h")
    api.ingest(store, [reports["five"], reports["twelve"]])
    [event] = api.events(store)
    client = TestClient(create_app(store, uploads_dir=tmp_path / "u"))
    history = client.get(f"/api/events/{event.id}/history").json()
    assert [r["cause"] for r in history["revisions"]] == ["created", "report"]
    assert history["revisions"][1]["changes"]["fatalities_high"] == {"before": 5, "after": 12}
    assert client.get("/api/events/ev-nope/history").json()["error"]["status"] == 404
    page = client.get(f"/events/{event.id}/history")
    assert page.status_code == 200 and "fatalities_high: 5 -&gt; 12" in page.text
    alerts = client.get("/api/alerts").json()
    assert alerts["total"] == 1 and alerts["items"][0]["event_id"] == event.id
    feed = client.get("/alerts.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(feed.content)
    assert not parsed.bozo and len(parsed.entries) == 1
    assert parsed.entries[0].link == f"http://testserver/events/{event.id}"
    assert "Spin Boldak" in parsed.entries[0].summary
    html = client.get("/alerts")
    assert html.status_code == 200 and f"/events/{event.id}" in html.text
    assert client.get("/api/sources").json()["items"][0]["name"] == "ex"
    assert client.get("/api/alerts/rules").json()["items"][0]["kind"] == "violation"
    assert client.get("/api/deletions").json() == {"total": 0, "items": []}
