"""``watch`` against local feed servers (127.0.0.1 only): feeds that change between polls,
errors, slow answers and redirects; the issue's "done when" is
``test_watch_over_several_polls``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from watch_fixtures import SiteServer, WebhookReceiver, article, rss, serving

from ceasewatch import api
from ceasewatch.store import Store, open_store

SPIN_BOLDAK = ("KABUL, Nov 5 (Test News) - Pakistani forces fired mortar shells into Spin "
               "Boldak district of Kandahar province on Tuesday, killing {n} civilians, local "
               "officials said.")
DAMAGE = "Residents said the shelling damaged several houses near the border crossing."
KHOST = ("KHOST, Nov 9 (Test News) - Two children were killed when a mortar shell fired from "
         "Pakistan hit a house in Gurbuz district of Khost province on Sunday, Afghan officials "
         "said.")


def _entry(site: SiteServer, guid: str, summary: str, date: str) -> dict[str, str]:
    return {"guid": guid, "title": f"Report {guid}", "link": f"{site.base}/{guid}.html",
            "description": summary, "date": date}


def _wait_until_due(store: Store, timeout: float = 10.0) -> None:
    due = store.sources.next_due()
    assert due is not None
    pause = (due - datetime.now(UTC)).total_seconds()
    assert pause < timeout
    time.sleep(max(pause, 0) + 0.05)


class Log(list[dict[str, Any]]):
    def __call__(self, record: dict[str, Any]) -> None:
        json.dumps(record)  # every line is JSON
        self.append(record)

    def fetches(self) -> list[dict[str, Any]]:
        return [r for r in self if r["event"] == "fetch"]


def test_watch_over_several_polls(tmp_path: Path, db_target: str) -> None:
    """New entries become events, a changed toll a revision (not a new event), a server error
    backs off and recovers, nothing is ingested twice, and the violation alert reaches the
    webhook exactly once — also across a restart."""
    db = db_target
    with serving(SiteServer()) as site, serving(WebhookReceiver()) as hook:
        site.set("/a1.html", article("Shelling", [SPIN_BOLDAK.format(n="five"), DAMAGE]),
                 content_type="text/html")
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", "Shelling hits Spin Boldak.", "Wed, 05 Nov 2025 08:00:00 +0000")]))
        store = open_store(db)
        api.add_source(store, site.base + "/feed.xml", name="test-news", every="1s",
                       language="en")
        api.add_alert_rule(store, "violation", {}, webhook=hook.url)
        log = Log()

        # poll 1: the entry carries only a summary: its article is fetched and read
        api.watch(store, once=True, log=log)
        [first] = api.events(store)
        assert (first.fatalities.low, first.fatalities.high) == (5, 5)
        assert log.fetches()[-1]["articles"] == 1 and log.fetches()[-1]["added"] == 1
        assert len(site.hits("/a1.html")) == 1
        assert len(hook.received) == 1
        assert hook.received[0]["event"]["id"] == first.id
        assert hook.received[0]["links"]["event"] == f"/events/{first.id}"
        assert "Spin Boldak" in hook.received[0]["evidence"][0]["sentence"]

        # poll 2: unchanged: a conditional GET answered 304, nothing read
        _wait_until_due(store)
        api.watch(store, once=True, log=log)
        assert site.hits("/feed.xml")[-1]["headers"].get("If-None-Match")
        assert log.fetches()[-1]["status"] == "not-modified"

        # poll 3: the server fails: the source backs off (twice the interval)
        site.routes["/feed.xml"].fail = 1
        _wait_until_due(store)
        api.watch(store, once=True, log=log)
        failed = log.fetches()[-1]
        assert failed["status"] == "error" and failed["http"] == 500
        source = store.sources.get("test-news")
        assert source.failures == 1 and source.last_polled is not None
        assert (source.next_due - source.last_polled).total_seconds() == pytest.approx(2.0)
        requests = len(site.hits("/feed.xml"))
        api.watch(store, once=True, log=log)  # not due yet: no request at all
        assert len(site.hits("/feed.xml")) == requests

        # poll 4: recovered; the toll rose in the same entry, and a new entry arrived
        site.set("/a1.html", article("Shelling", [SPIN_BOLDAK.format(n="twelve"), DAMAGE]),
                 content_type="text/html")
        site.set("/a2.html", article("Khost", [KHOST]), content_type="text/html")
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", "Shelling hits Spin Boldak; toll rises.",
                   "Wed, 05 Nov 2025 10:00:00 +0000"),
            _entry(site, "a2", "Shell hits a house in Khost.", "Sun, 09 Nov 2025 12:00:00 +0000"),
        ]))
        _wait_until_due(store)
        api.watch(store, once=True, log=log)
        recovered = log.fetches()[-1]
        assert recovered["status"] == "ok" and recovered["failures"] == 0
        assert recovered["added"] == 2
        assert store.sources.get("test-news").failures == 0
        events = {e.id: e for e in api.events(store)}
        assert len(events) == 2, "the revised toll must not become a new event"
        revised = events[first.id]
        assert revised.fatalities.high == 12
        history = api.event_history(store, first.id)
        assert [r.cause for r in history] == ["created", "report"]
        assert history[1].changes["fatalities_high"] == (5, 12)
        assert history[1].changes["reports"] == (1, 2)

        # poll 5 and a restart: nothing new is fetched, ingested or alerted
        _wait_until_due(store)
        api.watch(store, once=True, log=log)
        assert log.fetches()[-1]["status"] == "not-modified"
        store.close()
        with open_store(db) as again:
            _wait_until_due(again)
            api.watch(again, once=True, log=log)
            assert log.fetches()[-1]["status"] == "not-modified"
            assert again.documents.count() == 3  # a1, a1 revised, a2: each stored once
            assert len(site.hits("/a1.html")) == 2 and len(site.hits("/a2.html")) == 1
            assert len(api.event_history(again, first.id)) == 2
            keys = [a.key for a in api.alerts(again)]
            assert len(keys) == len(set(keys))
            first_alerts = [a for a in api.alerts(again) if a.event_id == first.id]
            assert len(first_alerts) == 1 and first_alerts[0].delivered_at is not None
        posted = [h["key"] for h in hook.received]
        assert posted.count(first_alerts[0].key) == 1
        assert len(posted) == len(set(posted))
        assert all(h["Idempotency-Key"] for h in hook.headers_seen)
        assert all("ceasewatch/" in h["headers"]["User-Agent"] for h in site.requests)


def test_reingest_raises_no_second_alert(tmp_path: Path, db_target: str) -> None:
    with serving(SiteServer()) as site, open_store(db_target) as store:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000")]))
        api.add_source(store, site.base + "/feed.xml", every="1s", language="en")
        api.add_alert_rule(store, "violation", {})
        api.watch(store, once=True, log=Log())  # the linked page is missing: the summary
        assert api.events(store) and len(api.alerts(store)) == 1
        docs = store.documents.list()
        report = api.ingest_documents(store, docs)
        assert report.count("known") == 1 and len(api.alerts(store)) == 1
        report = api.ingest(store, [site.base + "/feed.xml"])
        assert report.count("added") == 0 and len(api.alerts(store)) == 1


def test_summary_kept_when_article_fails(tmp_path: Path, db_target: str) -> None:
    with serving(SiteServer()) as site, open_store(db_target) as store:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000")]))
        api.add_source(store, site.base + "/feed.xml", every="1s", language="en")
        log = Log()
        api.watch(store, once=True, log=log)
        line = log.fetches()[-1]
        assert line["added"] == 1 and line["articles"] == 0
        assert "HTTP 404" in line["article_errors"][0]
        assert "Spin Boldak" in store.documents.list()[0].text


def test_redirect_slow_answer_and_malformed_feed(tmp_path: Path, db_target: str) -> None:
    with serving(SiteServer()) as site, open_store(db_target) as store:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000")]))
        site.set("/moved.xml", b"", redirect_to=site.base + "/feed.xml")
        site.set("/slow.xml", site.routes["/feed.xml"].body, delay_s=1.5)
        site.set("/broken.xml", "<rss><channel><item><title>x</ti", content_type="text/xml")
        api.add_source(store, site.base + "/moved.xml", name="moved", every="1s")
        api.add_source(store, site.base + "/slow.xml", name="slow", every="1s")
        api.add_source(store, site.base + "/broken.xml", name="broken", every="1s")
        log = Log()
        api.watch(store, once=True, log=log, timeout=0.5)
        lines = {r["source"]: r for r in log.fetches()}
        assert lines["moved"]["status"] == "ok" and lines["moved"]["url"].endswith("/feed.xml")
        assert lines["slow"]["status"] == "error" and "timed out" in lines["slow"]["error"]
        assert lines["broken"]["status"] == "error" and "feed" in lines["broken"]["error"]
        assert store.sources.get("slow").failures == 1
        assert store.sources.get("broken").failures == 1
        assert store.sources.get("moved").failures == 0


def test_page_source_read_once(tmp_path: Path, db_target: str) -> None:
    with serving(SiteServer()) as site, open_store(db_target) as store:
        site.set("/page.html", article("Shelling", [SPIN_BOLDAK.format(n="five"), DAMAGE]),
                 content_type="text/html")
        api.add_source(store, site.base + "/page.html", name="page", every="1s", kind="page")
        log = Log()
        api.watch(store, once=True, log=log)
        assert log.fetches()[-1]["added"] == 1
        site.routes["/page.html"].last_modified = "Thu, 06 Nov 2025 08:00:00 GMT"
        # the server forgets its validators: the page comes back whole, and is skipped
        store.db.conn.execute("UPDATE sources SET etag = NULL, next_due = '2000-01-01'")
        api.watch(store, once=True, log=log)
        assert log.fetches()[-1]["skipped"] == 1 and store.documents.count() == 1


def test_webhook_down_is_retried_until_delivered(tmp_path: Path, db_target: str) -> None:
    with serving(SiteServer()) as site, serving(WebhookReceiver()) as hook, \
            open_store(db_target) as store:
        hook.fail = 1
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000")]))
        api.add_source(store, site.base + "/feed.xml", every="1s", language="en")
        api.add_alert_rule(store, "violation", {}, webhook=hook.url)
        api.watch(store, once=True, log=Log(), retry_s=0.2)
        [alert] = api.alerts(store)
        assert alert.delivered_at is None and alert.attempts == 1 and "503" in alert.last_error
        time.sleep(0.3)
        api.watch(store, once=True, log=Log(), retry_s=0.2)
        [alert] = api.alerts(store)
        assert alert.delivered_at is not None and len(hook.received) == 1


def test_watch_command_logs_json_and_stops_on_sigterm(tmp_path: Path, db_target: str) -> None:
    db = str(db_target)
    with serving(SiteServer()) as site:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", "Border calm.", "Wed, 05 Nov 2025 08:00:00 +0000")]))
        env = dict(os.environ, CEASEWATCH_DB=db)
        add = [sys.executable, "-m", "ceasewatch", "sources", "add", site.base + "/feed.xml",
               "--name", "t", "--every", "1s", "--summaries-only"]
        subprocess.run(add, env=env, check=True, capture_output=True)
        proc = subprocess.Popen([sys.executable, "-m", "ceasewatch", "watch"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(json.loads(line))
            if lines[-1]["event"] == "fetch":
                break
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        lines += [json.loads(x) for x in out.splitlines()]
        assert lines[0]["event"] == "start" and lines[-1]["event"] == "stop"
        fetch = next(x for x in lines if x["event"] == "fetch")
        assert fetch["source"] == "t" and fetch["http"] == 200


def test_serve_watch_runs_the_watcher_beside_the_app(tmp_path: Path, db_target: str) -> None:
    from ceasewatch.cli.serve import _start_watcher

    db = str(db_target)
    with serving(SiteServer()) as site:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000")]))
        with open_store(db) as store:
            api.add_source(store, site.base + "/feed.xml", every="1s", language="en")
        stop, thread = _start_watcher(db, "http://127.0.0.1:8000")
        try:
            deadline = time.monotonic() + 60
            with open_store(db) as reader:
                while not api.events(reader) and time.monotonic() < deadline:
                    time.sleep(0.2)
                assert api.events(reader)
        finally:
            stop.set()
            thread.join(timeout=30)
        assert not thread.is_alive()


def test_serve_watch_command_serves_what_the_watcher_ingests(tmp_path: Path,
        db_target: str) -> None:
    pytest.importorskip("uvicorn")
    import socket

    import httpx

    db = str(db_target)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with serving(SiteServer()) as site:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000")]))
        with open_store(db) as store:
            api.add_source(store, site.base + "/feed.xml", every="1s", language="en",
                           full_articles=False)
        proc = subprocess.Popen([sys.executable, "-m", "ceasewatch", "--db", db, "serve",
                                 "--watch", "--port", str(port)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            items: list[Any] = []
            deadline = time.monotonic() + 60
            while not items and time.monotonic() < deadline:
                try:
                    items = httpx.get(f"http://127.0.0.1:{port}/api/events").json()["items"]
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
            assert items and items[0]["location"] == "Spin Boldak"
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert '"event": "stop"' in out


def test_a_stopped_poll_leaves_the_rest_for_the_next(tmp_path: Path, db_target: str) -> None:
    import threading

    from ceasewatch.watch.poll import poll_source

    with serving(SiteServer()) as site, open_store(db_target) as store:
        site.set("/feed.xml", rss("Test News", [
            _entry(site, "a1", SPIN_BOLDAK.format(n="five"), "Wed, 05 Nov 2025 08:00:00 +0000"),
            _entry(site, "a2", KHOST, "Sun, 09 Nov 2025 12:00:00 +0000")]))
        source = api.add_source(store, site.base + "/feed.xml", every="1h", language="en",
                                full_articles=False)
        stop = threading.Event()
        stop.set()  # SIGTERM arrived while the feed was being fetched
        outcome = poll_source(store, source, stop=stop)
        assert outcome.status == "interrupted" and outcome.added == 0
        kept = store.sources.get(source.id)
        assert kept.etag is None and kept.next_due <= datetime.now(UTC)
        api.watch(store, once=True, log=Log())  # the next watcher reads both entries
        assert store.documents.count() == 2
        assert store.sources.get(source.id).etag is not None
