"""End-to-end: the real pages in headless Chromium (Debian's ``chromium``, driven by Playwright).

The server runs on 127.0.0.1 with a free port; every request the page makes to another host is
blocked and recorded, so these tests also prove that nothing is loaded from a CDN.
Skipped, with the reason, only when no Chromium executable is installed
(``apt-get install chromium``); Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
TOKEN = "e2e-token"
SHOTS = os.environ.get("CEASEWATCH_SCREENSHOTS")  # folder to keep screenshots in, if set


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _serve(app: Any) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Run ``app`` on a free loopback port in a thread; yields its base URL."""
    yield from _serve(app)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    from web_fixtures import populate

    from ceasewatch.store import open_store
    from ceasewatch.web.app import create_app

    folder = tmp_path_factory.mktemp("e2e")
    db = folder / "e2e.db"
    with open_store(db) as store:
        ids = populate(store)
    app = create_app(db, token=TOKEN, uploads_dir=folder / "uploads")
    app.state.fixture_ids = ids
    yield from _serve(app)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium executable found: install Debian's 'chromium' package to run "
                    "the end-to-end browser tests")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextmanager
def _loopback_page(browser: Any, server: str) -> Iterator[Any]:
    """A page that may reach only the test server (and data: URLs), with no JavaScript errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    pg.outside: list[str] = []  # type: ignore[attr-defined]
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    # a script, style or connection the Content-Security-Policy blocks is a console error
    pg.on("console", lambda msg: errors.append(msg.text)
          if msg.type == "error" and "Content Security Policy" in msg.text else None)

    def only_loopback(route: Any) -> None:
        url = route.request.url
        if url.startswith(server) or url.startswith("data:"):
            route.continue_()
        else:
            pg.outside.append(url)  # type: ignore[attr-defined]
            route.abort()

    pg.route("**/*", only_loopback)
    yield pg
    assert pg.outside == [], f"the page tried to reach other hosts: {pg.outside}"  # type: ignore[attr-defined]
    assert errors == [], f"JavaScript errors: {errors}"
    context.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    with _loopback_page(browser, server) as pg:
        yield pg


def wait_until(pg: Any, expression: str, timeout: float = 15.0) -> None:
    """Poll a JavaScript expression from the test side: ``wait_for_function`` evaluates its
    string with ``eval`` inside the page, which the pages' CSP (no 'unsafe-eval') forbids."""
    deadline = time.monotonic() + timeout
    while not pg.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        pg.wait_for_timeout(50)


def shot(pg: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def open_dashboard(pg: Any, server: str) -> None:
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)


def test_dashboard_shows_map_timeline_and_charts(page: Any, server: str) -> None:
    open_dashboard(page, server)
    assert page.locator("#map .leaflet-overlay-pane path").count() > 50  # country shapes
    assert page.get_attribute("#map", "data-markers") == "5"  # the events with coordinates
    assert page.locator("#timeline li.incident").count() == 7
    assert page.locator("#timeline-chart").bounding_box()["height"] > 100
    assert "7 event(s)" in page.inner_text("#status")
    shot(page, "dashboard")


def test_filter_by_period_updates_map_and_timeline(page: Any, server: str) -> None:
    open_dashboard(page, server)
    page.fill("#f-from", "2025-11-02")
    page.fill("#f-to", "2025-11-08")
    page.click("#filters button[type=submit]")
    wait_until(page, "document.getElementById('status').textContent.startsWith('4 ')")
    assert page.locator("#timeline li.incident").count() == 4
    assert page.get_attribute("#map", "data-markers") == "3"
    assert "from=2025-11-02" in page.url  # the view can be shared
    dates = page.eval_on_selector_all("#timeline li.incident",
                                      "els => els.map(e => e.dataset.date)")
    assert all("2025-11-02" <= d <= "2025-11-08" for d in dates)
    shot(page, "dashboard-filtered")


def test_click_marker_opens_the_event_with_evidence_marked(page: Any, server: str) -> None:
    open_dashboard(page, server)
    page.select_option("#f-type", "Battles")
    wait_until(page, "document.getElementById('status').textContent.startsWith('4 ')")
    marker = page.locator("path.event-marker").first
    link = page.locator(".leaflet-popup a.popup-link").first
    # overlapping markers are clustered: a click on a cluster zooms in until its symbols
    # show, or lists its events in a popup when they share one spot
    for _ in range(4):
        if page.locator("path.event-marker").count() or link.count():
            break
        page.locator("#map .event-cluster").first.click(force=True)
        page.wait_for_timeout(800)
    # on a loaded machine the first click can land while Leaflet is still laying out the
    # markers; a person would click again, and so does the test (the popup must open)
    for _ in range(3):
        if link.count():
            break
        marker.click(force=True)
        try:
            link.wait_for(timeout=5000)
            break
        except Exception:  # playwright's TimeoutError
            continue
    link.click()
    page.wait_for_url("**/events/*")
    marks = page.locator(".doc-text mark")
    assert marks.count() >= 1
    assert marks.first.is_visible()
    evidence = marks.first.inner_text()
    assert "Spin Boldak" in evidence or "killed" in evidence or "gunfire" in evidence
    shot(page, "event")


SHOWN = """() => {
  const singles = document.querySelectorAll('#map .event-symbol').length;
  const counts = [...document.querySelectorAll('#map .cluster-count')].map(e => +e.dataset.count);
  return {singles, clusters: counts.length, clustered: counts.reduce((a, b) => a + b, 0)};
}"""


def test_overlapping_markers_are_clustered_and_split_on_zoom(page: Any, server: str) -> None:
    open_dashboard(page, server)
    before = page.evaluate(SHOWN)
    # every mapped event is on the map once: alone, or counted in a cluster
    assert before["singles"] + before["clustered"] == 5
    assert before["clusters"] >= 1, "Spin Boldak's events overlap at the theater's zoom"
    cluster = page.locator("#map .event-cluster").first
    n = int(cluster.locator(".cluster-count").get_attribute("data-count"))
    cluster.click(force=True)
    # the cluster splits when zoomed in, or lists its events when they share one spot
    wait_until(page, "document.querySelectorAll('#map .event-symbol').length > "
                     f"{before['singles']} || document.querySelectorAll("
                     "'.leaflet-popup a.popup-link').length >= 2")
    after = page.evaluate(SHOWN)
    links = page.locator(".leaflet-popup a.popup-link").count()
    assert after["singles"] > before["singles"] or links == n
    shot(page, "dashboard-clusters")


def test_click_timeline_item_opens_the_event(page: Any, server: str) -> None:
    open_dashboard(page, server)
    item = page.locator("#timeline li.incident a", has_text="Agreement at Istanbul").first
    item.click()
    page.wait_for_url("**/events/*")
    marks = page.locator(".doc-text mark").all_inner_texts()
    assert "the third round of negotiations" in marks
    assert page.locator("article.source").count() == 2


def test_self_contained_sitrep_draws_offline(page: Any, server: str) -> None:
    page.goto(server + "/sitrep?date=2025-11-08&theater=afpak")
    page.wait_for_selector("#map .leaflet-marker-icon", state="attached")
    shown = page.evaluate(SHOWN)
    assert shown["singles"] + shown["clustered"] == 3  # each event once, clustered or not
    assert page.locator("#casualty-chart").bounding_box()["height"] > 100
    assert "Key developments" in page.inner_text("body")
    shot(page, "sitrep")


def test_upload_without_then_with_token(page: Any, server: str) -> None:
    """Last in the module: a successful upload adds a document to the shared server's store."""
    page.goto(server + "/documents")
    page.fill("#u-text", "Officials said two shells landed near Torkham on Saturday, "
                         "wounding three people, according to local police.")
    page.fill("#u-name", "torkham.txt")
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-result.bad")
    assert "401" in page.inner_text("#upload-result")
    page.fill("#u-token", "not-the-token")
    page.click("#upload button[type=submit]")
    wait_until(page, "document.getElementById('upload-result').textContent.includes('403')")
    shot(page, "upload-refused")
    pytest.importorskip("ceasewatch.nlp.pipeline", reason="extraction is not in this build")
    page.fill("#u-token", TOKEN)
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#upload-result.ok", timeout=20000)
    assert "Added torkham.txt" in page.inner_text("#upload-result")
    page.click("#upload-result a")
    page.wait_for_url("**/documents/*")
    assert "Torkham" in page.inner_text(".doc-text")
    shot(page, "upload-done")


#: composed for this test in the style of Urdu and Chinese (Traditional) reporting
URDU_REPORT = ("پاک افغان سرحد پر جھڑپ\n"
               "کرم میں 14 اکتوبر کو افغان طالبان اور پاک فوج کے درمیان جھڑپ ہوئی، "
               "جس میں 3 افراد جاں بحق ہوگئے۔\n")
CHINESE_REPORT = ("巴軍空襲喀布爾\n"
                  "10月9日，巴基斯坦軍方對阿富汗首都喀布爾發動空襲，造成5人死亡。\n")


@pytest.fixture(scope="module")
def languages_server(tmp_path_factory: pytest.TempPathFactory
                     ) -> Iterator[tuple[str, dict[str, str]]]:
    """A store holding one Urdu and one Chinese report, extracted and fused as ingested: the
    server's address and the event id of each sub-event type."""
    pytest.importorskip("uvicorn")
    import json

    from ceasewatch import api
    from ceasewatch.store import open_store
    from ceasewatch.web.app import create_app

    folder = tmp_path_factory.mktemp("e2e-languages")
    docs = folder / "docs"
    docs.mkdir()
    for name, text, lang in (("ur_kurram.txt", URDU_REPORT, "ur"),
                             ("zh_kabul.txt", CHINESE_REPORT, "zh")):
        (docs / name).write_text(text, encoding="utf-8")
        (docs / name).with_suffix(".meta.json").write_text(json.dumps(
            {"published": "2025-10-15", "language": lang, "outlet": "composed"}),
            encoding="utf-8")
    db = folder / "languages.db"
    with open_store(db) as store:
        api.ingest(store, [str(docs)])
        ids = {e.sub_event_type or "": e.id for e in api.events(store)}
    for url in _serve(create_app(db, token=TOKEN, uploads_dir=folder / "uploads")):
        yield url, ids


@pytest.mark.parametrize(("sub_event", "direction", "marked", "name"), [
    ("Armed clash", "rtl", "جھڑپ", "event_ur"),
    ("Air/drone strike", "ltr", "發動空襲", "event_zh"),
])
def test_urdu_and_chinese_event_pages_render_in_their_direction(
        browser: Any, languages_server: tuple[str, dict[str, str]], sub_event: str,
        direction: str, marked: str, name: str) -> None:
    server, ids = languages_server
    assert sub_event in ids, ids  # extraction read the report
    with _loopback_page(browser, server) as pg:
        pg.goto(f"{server}/events/{ids[sub_event]}")
        text = pg.locator(".doc-text").first
        # dir="auto": the block takes the direction of its text, Urdu right to left
        assert text.evaluate("el => getComputedStyle(el).direction") == direction
        assert marked in text.inner_text()
        assert marked in " ".join(pg.locator(".doc-text mark").all_inner_texts())
        box, mark = text.bounding_box(), pg.locator(".doc-text mark").first.bounding_box()
        assert box and mark and mark["width"] > 0 and mark["height"] > 0  # glyphs drawn
        if direction == "rtl":  # the line starts at the right edge of the text block
            line_end = pg.evaluate("""() => { const el = document.querySelector('.doc-text');
                const r = document.createRange(); r.setStart(el.firstChild, 0);
                r.setEnd(el.firstChild, 1); return r.getBoundingClientRect().right; }""")
            assert line_end > box["x"] + box["width"] * 0.8
        shot(pg, name)
