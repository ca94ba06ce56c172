"""The fusion commands: events, show, disputes, merge, split (shells over the API)."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner
from fusion_factory import (
    AF,
    CHAMAN,
    ISTANBUL,
    PARACHINAR,
    PK,
    SPIN_BOLDAK,
    article,
    ingest,
    make_doc,
    make_mention,
)

from ceasewatch.cli.main import cli
from ceasewatch.records import Casualties
from ceasewatch.store import open_store

NOV6 = date(2025, 11, 6)


def _fill(path):
    with open_store(path) as store:
        a = make_doc(article(300, 1), "rna.txt", outlet="RNA")
        b = make_doc(article(300, 2), "wire.txt", outlet="Reuters")
        c = make_doc(article(300, 3), "kurram.txt")
        ingest(store, a, [
            make_mention(a, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK, actor2=AF,
                         fatalities=Casualties(0, 0, 0), initiator_disputed=True,
                         claimed_by=("Afghan military", "Pakistan information ministry"),
                         mention_id="m-rna-clash"),
            make_mention(a, "talks_held", NOV6, place=ISTANBUL, attributes=[("round", "2")])])
        ingest(store, b, [
            make_mention(b, "armed_clash", NOV6, place=CHAMAN, actor1=AF, actor2=PK,
                         fatalities=Casualties(4, 4, 4), claimed_by=("Afghan officials",),
                         mention_id="m-wire-clash"),
            make_mention(b, "talks_held", NOV6, place=ISTANBUL, attributes=[("round", "3")])])
        ingest(store, c, [make_mention(c, "armed_clash", NOV6, place=PARACHINAR,
                                       mention_id="m-kurram")])


def _run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_events_json_has_the_agreed_fields(tmp_path, db_target: str):
    db = str(db_target)
    _fill(db)
    rows = json.loads(_run("--db", db, "events", "--json"))
    assert len(rows) == 3
    for key in ("id", "event_date", "event_type", "sub_event_type", "location", "country",
                "admin1", "sources", "independent_sources", "fatalities_low", "fatalities",
                "fatalities_high", "disputed_fields"):
        assert key in rows[0]
    clash = next(r for r in rows if r["location"] == "Spin Boldak")
    assert clash["sources"] == ["rna.txt", "wire.txt"] and clash["independent_sources"] == 2
    assert json.loads(_run("--db", db, "events", "--min-sources", "2", "--type",
                           "talks_held", "--json"))[0]["native_type"] == "talks_held"
    assert "fused event" in _run("--db", db, "events", "--from", "2025-11-01")


def test_disputes_show_who_says_what(tmp_path, db_target: str):
    db = str(db_target)
    _fill(db)
    rows = json.loads(_run("--db", db, "disputes", "--json"))
    fields = {r["field"] for r in rows}
    assert {"actor1", "fatalities", "round"} <= fields
    toll = next(r for r in rows if r["field"] == "fatalities")
    says = {p["value"]: p["claimants"] for p in toll["positions"]}
    assert says == {"0": ["Afghan military, Pakistan information ministry"],
                    "4": ["Afghan officials"]}
    text = _run("--db", db, "disputes")
    assert "round" in text and "Afghan officials" in text


def test_show_lists_reports_claims_and_history(tmp_path, db_target: str):
    db = str(db_target)
    _fill(db)
    clash = json.loads(_run("--db", db, "events", "--place", "Spin", "--json"))[0]["id"]
    out = _run("--db", db, "show", clash[:8])
    assert "Reports" in out and "Claims" in out and "Fusion history" in out
    assert "rna.txt" in out and "wire.txt" in out and "create" in out and "attach" in out
    data = json.loads(_run("--db", db, "show", clash, "--json"))
    assert len(data["reports"]) == 2 and "fatalities" in data["claims"]


def test_merge_and_split_commands(tmp_path, db_target: str):
    db = str(db_target)
    _fill(db)
    rows = json.loads(_run("--db", db, "events", "--type", "armed_clash", "--json"))
    spin = next(r["id"] for r in rows if r["location"] == "Spin Boldak")
    kurram = next(r["id"] for r in rows if r["location"] == "Parachinar")
    out = json.loads(_run("--db", db, "merge", spin, kurram, "--note", "test", "--json"))
    assert out["event"] == spin
    split = json.loads(_run("--db", db, "split", spin, "m-kurram", "--json"))
    assert split["new_event"] != spin
    history = json.loads(_run("--db", db, "show", spin, "--json"))["history"]
    assert [h["action"] for h in history if h["manual"]] == ["merge", "split"]


def test_user_mistakes_are_one_line_errors(tmp_path, db_target: str):
    db = str(db_target)
    _fill(db)
    for args in (["show", "ev-nothing"], ["merge", "ev-a", "ev-b"],
                 ["events", "--from", "yesterday"]):
        result = CliRunner().invoke(cli, ["--db", db, *args])
        assert result.exit_code != 0
        assert "Traceback" not in result.output
