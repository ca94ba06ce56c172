"""End-to-end in headless Chromium: claims quote their own span, the value highlighted.

The five bundled articles are ingested for real (extraction, fusion, claims), served on
127.0.0.1, and the event page and ``/disputes`` are read in the browser: the toll of 223 is
quoted from "Official figures reported 23 Pakistani and approximately 200 Afghan fatalities",
its two addends inside ``<mark class="value">``, and no request leaves the machine.
Skipped, with the reason, where Chromium or Playwright is missing (as the other e2e tests).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_e2e_browser import CHROMIUM_ARGS, chromium_path, serve

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    importlib.util.find_spec("ceasewatch.nlp.pipeline") is None,
    reason="extraction pipeline missing")]


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("uvicorn")
    from ceasewatch import api
    from ceasewatch.store import open_store
    from ceasewatch.web.app import create_app

    folder = tmp_path_factory.mktemp("e2e-claims")
    db = folder / "seeds.db"
    sample = Path(__file__).resolve().parents[1] / "ceasewatch" / "sample"
    with open_store(db) as store:
        assert api.ingest(store, [str(sample)]).ok
    app = create_app(db, uploads_dir=folder / "uploads")
    with serve(app) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium executable found: install Debian's 'chromium' package")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _offline_page(chromium: Any, server: str) -> tuple[Any, list[str]]:
    context = chromium.new_context(viewport={"width": 1280, "height": 1000})
    pg = context.new_page()
    outside: list[str] = []

    def only_loopback(route: Any) -> None:
        if route.request.url.startswith(server) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", only_loopback)
    return pg, outside


def test_disputes_and_event_page_highlight_the_claims_value(chromium: Any,
                                                            seeds_server: str) -> None:
    pg, outside = _offline_page(chromium, seeds_server)
    pg.goto(seeds_server + "/disputes")
    marked = pg.eval_on_selector_all("td.quote mark.value", "els => els.map(e => e.textContent)")
    assert "23" in marked and "approximately 200" in marked and "dozens" in marked
    quote = pg.locator("td.quote", has_text="Official figures reported").first
    assert quote.locator("mark.value").count() == 2
    link = pg.locator("section.dispute h2 a", has_text="Armed clash").first
    link.click()
    pg.wait_for_selector("div.claims")
    toll = pg.locator("div.claims td.quote mark.value", has_text="approximately 200")
    assert toll.count() >= 1 and toll.first.is_visible()
    assert "24–?" not in pg.inner_text("body")
    assert outside == []
