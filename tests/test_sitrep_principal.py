"""The sitrep for a principal: counts against the previous period, calm days, casualties by
side with their sources, violations by commitment and verification level, what could not be
verified, contested points stated once, and the Word (DOCX) version of the same report."""

from __future__ import annotations

from datetime import date

import pytest
from web_fixtures import populate

from ceasewatch.reports.developments import key_developments
from ceasewatch.reports.principal import calm_days, previous_period
from ceasewatch.reports.render import write_sitrep
from ceasewatch.reports.sitrep import build_sitrep

WEEK = (date(2025, 11, 2), date(2025, 11, 8))


@pytest.fixture()
def model(store):
    populate(store)
    return build_sitrep(store, *WEEK)


def test_the_period_is_compared_with_the_one_before(model):
    assert previous_period(*WEEK) == (date(2025, 10, 26), date(2025, 11, 1))
    comparison = model["comparison"]
    assert comparison["current_total"] == len(model["events"])
    kinds = {r["name"]: r for r in comparison["rows"] if r["by"] == "kind"}
    assert sum(r["current"] for r in kinds.values()) == len(model["events"])
    assert all(r["change"] == r["current"] - r["previous"] for r in comparison["rows"])
    assert str(comparison["current_total"]) in comparison["sentence"]


def test_calm_days_are_stated_and_vague_events_are_not_put_on_a_day(model):
    calm = model["calm_days"]
    violent = {e["event_date"] for e in model["events"] if e["kinetic"]
               and e["date_precision"] == "day"}
    assert calm["of"] == 7
    assert set(calm["days"]) == {f"2025-11-0{d}" for d in range(2, 9)} - violent
    assert "No violent incident was reported on" in calm["sentence"]
    assert calm_days([], *WEEK)["sentence"] == (
        "No violent incident was reported on any of the 7 days.")


def test_violations_by_commitment_and_verification_level(model):
    rows = model["violations_by_commitment"]
    assert rows == [{"accord": "Doha ceasefire (Afghanistan–Pakistan)",
                     "commitment": "cessation_of_hostilities", "total": 2, "claimed": 1,
                     "corroborated": 0, "acknowledged": 0, "disputed": 1}]


def test_what_could_not_be_verified_is_said(model):
    text = " ".join(model["could_not_verify"])
    assert "single independent source" in text
    assert "1 alleged violation(s) rest on one party's or source's claim alone" in text


def test_casualties_by_side_name_their_source(store):
    populate(store)
    model = build_sitrep(store, date(2025, 10, 1), date(2025, 10, 31))
    rows = model["casualties_by_side"]
    assert rows and all(r["doc"].endswith(".txt") for r in rows)
    assert all(r["claimant"] for r in rows)


def test_contested_points_are_stated_once_with_everyone_who_says_them():
    claims = [{"claimant": "BBC", "display": "3", "initiates": False},
              {"claimant": "RNA", "display": "2", "initiates": False},
              {"claimant": None, "display": "2", "initiates": False},
              {"claimant": "RNA", "display": "2", "initiates": False}]
    model = {"events": [], "period": {"start": "2025-11-02", "end": "2025-11-08"},
             "counts": {"sources": 0}, "accords": [],
             "escalation": {"level": "insufficient data"},
             "disputes": [{"event": {"what": "Talks held", "event_date": "2025-11-06",
                                     "date_precision": "day"},
                           "fields": ["round"], "claims": {"round": claims}}]}
    sentence = key_developments(model)[-1]
    assert sentence == ("Sources disagree on the round number of the talks held on 6 November "
                        "2025: BBC says round 3; RNA and one other report say round 2.")


def test_the_sitrep_as_a_word_document(model, tmp_path):
    docx = pytest.importorskip("docx", reason="the docx extra (python-docx) is not installed")
    out = write_sitrep(model, tmp_path / "sitrep.docx")
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for wanted in ("Key developments", "The period against the one before",
                   "Casualties by side, as each source reports them",
                   "Alleged violations by commitment and verification level",
                   "What we could not verify", "Incidents", "Sources"):
        assert wanted in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert model["key_developments"][0] in text and model["calm_days"]["sentence"] in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "cessation of hostilities" in cells
    assert sum(1 for t in document.tables if t.rows[0].cells[0].text == "Date"
               and t.rows[0].cells[1].text == "What") == 1
