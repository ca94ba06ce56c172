"""The situation report: its model, the self-contained HTML, the PDF and the CLI."""

from __future__ import annotations

import re
from datetime import date

import pytest
from click.testing import CliRunner
from web_fixtures import DOHA_ACCORD, populate, sample_dir

from ceasewatch.errors import CeasewatchError
from ceasewatch.reports.developments import escalation
from ceasewatch.reports.render import render_html, write_sitrep
from ceasewatch.reports.sitrep import build_sitrep, events_view, load_theater, resolve_period

WEEK = (date(2025, 11, 2), date(2025, 11, 8))


@pytest.fixture()
def ids(store):
    return populate(store)


def test_period_rules():
    assert resolve_period(date(2025, 11, 8)) == WEEK
    assert resolve_period(date(2025, 11, 8), days=1) == (date(2025, 11, 8),) * 2
    assert resolve_period(None, date(2025, 10, 1), date(2025, 10, 31)) == (
        date(2025, 10, 1), date(2025, 10, 31))
    with pytest.raises(CeasewatchError, match="either"):
        resolve_period(date(2025, 11, 8), date(2025, 11, 1))
    with pytest.raises(CeasewatchError, match="after"):
        resolve_period(None, date(2025, 11, 9), date(2025, 11, 1))


def test_model_for_the_week(store, ids):
    m = build_sitrep(store, *WEEK, theater="afpak")
    assert m["counts"]["events"] == 4 and m["counts"]["kinetic"] == 3
    assert {e["id"] for e in m["events"]} == {ids["spin6"], ids["spin7"], ids["civ"],
                                              ids["talks"]}
    # the border clash has no coordinates: listed, not mapped
    assert {e["id"] for e in m["unmapped"]} == {ids["civ"]}
    assert len(m["map_points"]) == 3
    # only the dispute of the period, with who says what
    assert [d["event"]["id"] for d in m["disputes"]] == [ids["spin6"]]
    assert [a["violation_count"] for a in m["accords"]] == [2]
    assert m["accords"][0]["accord"]["id"] == DOHA_ACCORD.id
    # casualties per event, not per report: 5 + 4 + 0 in the last week
    last = m["trend"][-1]
    assert (last["fatalities_low"], last["fatalities"], last["fatalities_high"]) == (9, 9, 9)
    # the October clashes are known to the month only: kept out of the weekly trend
    assert sum(w["fatalities_high"] for w in m["trend"]) == 9
    assert {s["name"] for s in m["sources"]} == {"seed001_talks_collapse.txt",
                                                 "seed003_istanbul_third_round.txt",
                                                 "seed004_rna_spin_boldak.txt"}
    text = " ".join(m["key_developments"])
    assert "4 events were recorded" in text and "Spin Boldak" in text
    assert "Afghan military says Military Forces of Pakistan" in text
    assert "2 violations of the Doha" in text and "were alleged" in text


def test_theater_filter_and_unknown_theater(store, ids):
    with pytest.raises(CeasewatchError, match="unknown theater"):
        build_sitrep(store, *WEEK, theater="atlantis")
    # talks in Istanbul stay in the Af-Pak theater through their actors
    m = build_sitrep(store, *WEEK, theater="afpak")
    assert ids["talks"] in {e["id"] for e in m["events"]}


def test_escalation_indicator():
    def week(kinetic: int, deaths: int) -> dict[str, int | str]:
        return {"start": "x", "end": "2025-11-08", "kinetic": kinetic, "events": kinetic,
                "fatalities_low": deaths, "fatalities": deaths, "fatalities_high": deaths}

    assert escalation([week(1, 0)] * 4 + [week(4, 3)])["level"] == "rising"
    assert escalation([week(1, 2)] * 4 + [week(1, 2)])["level"] == "steady"
    assert escalation([week(4, 20)] * 4 + [week(1, 2)])["level"] == "falling"
    assert escalation([week(0, 0)] * 5)["level"] == "insufficient data"
    assert escalation([week(0, 0)] * 4 + [week(1, 0)])["level"] == "steady"  # one is no trend


def test_html_is_self_contained(store, ids, tmp_path):
    out = write_sitrep(build_sitrep(store, *WEEK, theater="afpak"), tmp_path / "s.html")
    page = out.read_text(encoding="utf-8")
    for section in ("key-developments", "map-section", "timeline", "casualties", "accords",
                    "disputes", "sources"):
        assert f'id="{section}"' in page
    # no external resource at all: every script and style is inline, no markup loads from
    # another host (strings inside the inlined libraries are not markup), no @import
    assert not re.search(r"<script[^>]*\ssrc=|<link[^>]*stylesheet", page)
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', markup)
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?https?:", page)
    assert "sourceMappingURL" not in page
    assert "L.map(" in page and "new Chart(" in page and '"type":"Topology"' in page
    assert '<script id="sitrep-data" type="application/json">' in page


def test_pdf_has_pages_with_the_sections(store, ids, tmp_path):
    pytest.importorskip("matplotlib")
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint or its system libraries (pango) are missing: {exc}")
    from pypdf import PdfReader

    out = write_sitrep(build_sitrep(store, *WEEK, theater="afpak"), tmp_path / "s.pdf")
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 2
    text = " ".join(p.extract_text() for p in reader.pages)
    for words in ("Key developments", "Map of incidents", "Casualties over time",
                  "Open disputes", "Sources", "Spin Boldak", "Doha ceasefire"):
        assert words in text, words
    images = sum(len(p.images) for p in reader.pages)
    assert images >= 3  # map, timeline, casualty band


def test_bad_output_suffix(store, ids, tmp_path):
    with pytest.raises(CeasewatchError, match=r"\.html, \.pdf or \.docx"):
        write_sitrep(build_sitrep(store, *WEEK), tmp_path / "s.odt")


def test_cli_writes_html_and_reports_errors(store, ids, tmp_path):
    from ceasewatch.cli.main import cli

    out = tmp_path / "r.html"
    runner = CliRunner()
    result = runner.invoke(cli, ["sitrep", "--db", store.path, "--date", "2025-11-08",
                                 "--theater", "afpak", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 event(s)" in result.output and out.stat().st_size > 100_000
    bad = runner.invoke(cli, ["sitrep", "--db", store.path, "--date", "8/11/2025",
                              "--out", str(out)])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output
    both = runner.invoke(cli, ["sitrep", "--db", store.path, "--date", "2025-11-08",
                               "--from", "2025-11-01", "--out", str(out)])
    assert both.exit_code == 1 and "either" in both.output and "Traceback" not in both.output


def test_demo_corpus_sitrep_for_8_november_renders(store, tmp_path):
    """The real pipeline on the bundled corpus, then the sitrep dated 2025-11-08."""
    pytest.importorskip("ceasewatch.nlp.pipeline", reason="extraction is not in this build")
    from ceasewatch import api

    report = api.ingest(store, [str(sample_dir())])
    assert report.count("added") == 5, [r.reason for r in report.results if r.reason]
    model = build_sitrep(store, date(2025, 11, 2), date(2025, 11, 8), theater="afpak")
    assert model["counts"]["events"] >= 1 and model["key_developments"]
    page = render_html(model)
    assert "Key developments" in page and "Spin Boldak" in page
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return  # the HTML rendered; the PDF path is covered by its own test
    from pypdf import PdfReader

    pdf = write_sitrep(model, tmp_path / "demo.pdf")
    assert len(PdfReader(str(pdf)).pages) >= 2


def test_empty_period_still_renders(store):
    m = build_sitrep(store, *WEEK)
    assert m["counts"]["events"] == 0 and m["escalation"]["level"] == "insufficient data"
    assert m["key_developments"] == ["No event was recorded between 2 November 2025 and "
                                     "8 November 2025."]
    page = render_html(m)
    assert "No event in the period." in page
    assert "GeoNames (CC-BY-4.0, https://www.geonames.org/)" in page  # the places' licence


def test_the_map_is_framed_on_the_events_not_a_fixed_theater_view():
    # two strikes in south Lebanon: a box around them, at least 3 degrees wide and tall
    view = events_view([(35.5, 33.2), (35.6, 33.3)])
    assert view is not None
    min_lon, min_lat, max_lon, max_lat = view
    assert min_lon < 35.5 and max_lon > 35.6 and max_lon - min_lon >= 3.0
    assert min_lat < 33.2 and max_lat > 33.3 and max_lat - min_lat >= 3.0
    wide = events_view([(60.0, 25.0), (75.0, 37.0)])
    assert wide is not None and wide[0] < 60.0 and wide[2] > 75.0  # a margin around both
    assert events_view([], (1.0, 2.0, 3.0, 4.0)) == (1.0, 2.0, 3.0, 4.0)


def test_a_theater_without_events_in_the_period_keeps_its_own_view(store):
    m = build_sitrep(store, *WEEK, theater="israel_lebanon")
    assert m["counts"]["events"] == 0
    assert m["view"] == list(load_theater("israel_lebanon").view)


def test_a_theater_with_events_is_framed_on_them(store, ids):
    framed = build_sitrep(store, *WEEK, theater="afpak")
    # talks in Istanbul belong to the theater (its parties meet there) but do not zoom the map
    # out to the Mediterranean: the frame holds the incidents along the border
    lons = [p["longitude"] for p in framed["map_points"] if p["longitude"] > 60]
    assert framed["view"][0] < min(lons) and framed["view"][2] > max(lons)
    assert any(p["location"] == "Istanbul" for p in framed["map_points"])
    assert framed["view"][0] > 28.95
