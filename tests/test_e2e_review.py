"""End-to-end in Chromium: an analyst reviews a new report, and the verified-only sitrep and the
history show it; screenshots of the pages a monitor uses.

The report is uploaded through the API (the real pipeline: extraction, fusion, the ledger);
everything else is done as an analyst would, in the browser, with the keyboard. Skipped, like
``test_e2e_browser.py``, when no Chromium is installed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from test_e2e_browser import _loopback_page, _serve, browser, wait_until  # noqa: F401

pytestmark = pytest.mark.browser

SAMPLE = "seed004_rna_spin_boldak.txt"
#: where the screenshot tests leave their PNGs: $CEASEWATCH_SCREENSHOTS, else a temporary
#: folder (its path is printed); scripts/screenshots.sh writes them to docs/screenshots/
SHOTS = Path(os.environ.get("CEASEWATCH_SCREENSHOTS")
             or Path(tempfile.gettempdir()) / "ceasewatch-screenshots")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    pytest.importorskip("uvicorn")
    from fastapi.testclient import TestClient

    from ceasewatch import api
    from ceasewatch.web.app import create_app

    folder = tmp_path_factory.mktemp("e2e-review")
    from ceasewatch.store import open_store

    store = open_store(folder / "review.db")
    _, token = api.add_user(store, "amina", "analyst")
    app = create_app(store, uploads_dir=folder / "uploads")
    text = resources.files("ceasewatch.sample").joinpath(SAMPLE).read_text(encoding="utf-8")
    uploaded = TestClient(app).post(
        "/api/documents", data={"text": text, "name": SAMPLE, "published": "2025-11-07"},
        headers={"Authorization": f"Bearer {token}"})
    assert uploaded.status_code == 201, uploaded.text
    for url in _serve(app):
        yield {"url": url, "token": token, "store": store}
    store.close()


def _shot(pg: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)
    return path


def _decide(pg: Any, row: Any, note: str, key: str) -> None:
    row.click()
    pg.fill("#note", note)
    pg.press("#note", "Escape")  # leave the note; the keys act on the selected item again
    pg.keyboard.press(key)
    item = row.get_attribute("data-item")
    wait_until(pg, "document.getElementById('review-status').textContent"
                   f".indexOf('Recorded: {item}') === 0")


def test_an_analyst_reviews_a_new_report(browser: Any, reviewed: dict[str, Any]) -> None:  # noqa: F811
    server = reviewed["url"]
    with _loopback_page(browser, server) as pg:
        pg.goto(server + "/review")
        top = pg.locator("tr.queue-item").first
        assert "draft" in top.inner_text() and "alleged violation" in top.inner_text()
        pg.keyboard.press("Enter")  # the first item is selected; Enter opens it
        pg.wait_for_url("**/review/events/*")
        event_id = pg.url.rsplit("/", 1)[1]
        states = pg.eval_on_selector_all(".review-item .review-state",
                                         "els => els.map(e => e.textContent.trim())")
        assert states and set(states) == {"draft"}  # nothing decided yet: the machine's draft
        assert pg.locator(".doc-text mark").count() >= 1  # evidence highlighted in the source
        pg.fill("#token", reviewed["token"])
        pg.click("#signin button[type=submit]")
        wait_until(pg, "document.getElementById('whoami').textContent"
                       ".indexOf('Signed in as amina') === 0")
        event_row = pg.locator(f'.review-item[data-item="{event_id}"]')
        _decide(pg, event_row, "RNA and both governments confirm the clash", "v")
        claims = pg.locator('.review-item[data-field="actor1"]')
        assert claims.count() == 2  # each side blames the other
        kept, dropped = claims.nth(0), claims.nth(1)
        kept_id, dropped_id = kept.get_attribute("data-item"), dropped.get_attribute("data-item")
        _decide(pg, kept, "the Afghan military's account, quoted by RNA", "v")
        _decide(pg, dropped, "denial without detail; not corroborated", "x")
        assert "verified" in kept.locator(".review-state").inner_text()
        assert "rejected" in dropped.locator(".review-state").inner_text()
        _shot(pg, "review")

        pg.goto(server + "/sitrep?date=2025-11-08&verified_only=true")
        assert pg.locator("#verified-only").count() == 1
        assert pg.locator(f'tr.verified-claim[data-claim="{kept_id}"]').count() == 1
        assert pg.locator(f'tr.verified-claim[data-claim="{dropped_id}"]').count() == 0
        row = pg.locator(f'tr.verified-claim[data-claim="{kept_id}"]').inner_text()
        assert "amina" in row and "quoted by RNA" in row
        assert pg.locator("table.incidents tr[id^='ev-']").count() == 1  # only the verified

        pg.goto(server + f"/review/history?event={event_id}")
        history = pg.inner_text("#review-history")
        for words in ("amina", "verified", "rejected", "not corroborated",
                      "confirm the clash", kept_id, dropped_id):
            assert words in history
        assert pg.locator("#review-history tr").count() == 4  # header + three decisions


PAGES = {"dashboard": "/", "violations": "/violations", "sitrep": "/sitrep?date=2025-11-08",
         "review-queue": "/review"}


@pytest.mark.parametrize("name", [*PAGES, "event"])
def test_screenshots_of_the_monitors_pages(browser: Any, reviewed: dict[str, Any],  # noqa: F811
                                           name: str) -> None:
    server = reviewed["url"]
    with _loopback_page(browser, server) as pg:
        if name == "event":
            event_id = reviewed["store"].reviews.queue_candidates()[0].event_id
            pg.goto(server + f"/events/{event_id}")
            assert pg.locator(".doc-text mark").count() >= 1
        else:
            pg.goto(server + PAGES[name])
        if name == "dashboard":
            pg.wait_for_selector("body[data-ready='1']", timeout=15000)
            legend = pg.inner_text(".map-legend")
            assert "Battles" in legend and "Strategic developments" in legend
            labels = pg.eval_on_selector_all(".place-label", "els => els.map(e => e.textContent)")
            assert "Spin Boldak" in labels  # each place named once on the map
            # a symbol per event, or a cluster counting the events that overlap
            shown = pg.evaluate("""() => [...document.querySelectorAll('#map .cluster-count')]
                .reduce((n, e) => n + +e.dataset.count,
                        document.querySelectorAll('#map path.event-marker').length)""")
            assert shown >= 4
        if name == "violations":
            # two lines for the Spin Boldak clash, and Pakistan's accusation at the Istanbul
            # talks that Kabul harbours the TTP
            assert pg.locator("#ledger tr[id^='v-']").count() == 3
            ledger = pg.inner_text("#ledger")
            assert "cessation of hostilities" in ledger and "no support for armed groups" in ledger
        if name == "sitrep":
            pg.wait_for_selector("#map .leaflet-overlay-pane path", state="attached",
                                 timeout=15000)
            assert pg.locator(".map-legend").count() == 1
            assert "No violent incident was reported" in pg.inner_text("#calm-days")
        path = _shot(pg, name)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    width = int.from_bytes(data[16:20], "big")
    assert width == 1280
    print(f"screenshot: {path}")


def test_the_dashboard_filters_by_place_and_actor_from_a_shared_link(
        browser: Any, reviewed: dict[str, Any]) -> None:  # noqa: F811
    server = reviewed["url"]
    with _loopback_page(browser, server) as pg:
        pg.goto(server + "/?place=Spin&country=AF")
        pg.wait_for_selector("body[data-ready='1']", timeout=15000)
        wait_until(pg, "document.getElementById('status').textContent.startsWith('1 ')")
        assert pg.input_value("#f-place") == "Spin" and pg.input_value("#f-country") == "AF"
        assert "Military Forces of Pakistan" in pg.inner_text("#timeline li.incident .actors")
        pg.fill("#f-place", "")
        pg.fill("#f-country", "")
        pg.fill("#f-actor", "Government of Pakistan")
        pg.click("#filters button[type=submit]")
        wait_until(pg, "location.search.indexOf('actor=Government') >= 0")
        wait_until(pg, "Array.from(document.querySelectorAll('#timeline li.incident'))"
                       ".every(li => li.textContent.indexOf('Government of Pakistan') >= 0)")
        assert pg.locator("#timeline li.incident").count() >= 1


def test_the_time_slider_shows_the_week_to_a_day(browser: Any, reviewed: dict[str, Any]  # noqa: F811
                                                  ) -> None:
    server = reviewed["url"]
    with _loopback_page(browser, server) as pg:
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready='1']", timeout=15000)
        everything = int(pg.get_attribute("#map", "data-markers"))
        days = int(pg.get_attribute("#map-slider", "max"))
        assert days >= 2 and everything >= 3
        pg.eval_on_selector("#map-slider", "(el) => { el.value = '0'; "
                                           "el.dispatchEvent(new Event('input')); }")
        first = int(pg.get_attribute("#map", "data-markers"))
        assert 1 <= first < everything
        assert "–" in pg.inner_text("#map-day")
        pg.eval_on_selector("#map-slider", "(el) => { el.value = el.max; "
                                           "el.dispatchEvent(new Event('input')); }")
        assert int(pg.get_attribute("#map", "data-markers")) == everything
        assert pg.inner_text("#map-day") == "all dates"
