"""``ceasewatch accords`` and ``ceasewatch violations``, JSON and tables."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from accords_world import AF_ARMY, PK_ARMY, SPIN_BOLDAK, add_event
from click.testing import CliRunner

from ceasewatch.accords.ledger import refresh_violations
from ceasewatch.cli.main import cli
from ceasewatch.store import open_store


def _ledger_db(tmp_path: Path) -> Path:
    db = tmp_path / "cw.db"
    with open_store(db) as store:
        clash = add_event(
            store, "Troops from both sides exchanged fire near Spin Boldak, each blaming the "
            "other.", native_type="armed_clash", day=date(2025, 11, 6), actor1=PK_ARMY,
            actor2=AF_ARMY, place=SPIN_BOLDAK, initiator_disputed=True,
            doc_name="rna.txt")
        refresh_violations(store, [clash.id])
    return db


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_accords_lists_the_builtin_accord_on_an_empty_store(tmp_path: Path, db_target: str) -> None:
    assert _run("--db", str(db_target), "init")[0] == 0
    code, out = _run("--db", str(db_target), "--json", "accords")
    assert code == 0
    listed = json.loads(out)
    # every theater pack's curated accords, the Doha accord among them
    assert {"doha-2025-10-19", "inpk-ceasefire-2025-05-10", "illb-cessation-2024-11-27"} == \
        {a["id"] for a in listed}
    [doha] = [a for a in listed if a["id"] == "doha-2025-10-19"]
    assert {c["kind"]: c["state"] for c in doha["commitments"]}["cessation_of_hostilities"] \
        == "holding"


def test_accords_state_and_show(tmp_path: Path) -> None:
    db = str(_ledger_db(tmp_path))
    code, out = _run("--db", db, "accords")
    assert code == 0 and "allegedly violated 1 time (1 disputed)" in out
    code, out = _run("--db", db, "accords", "show", "doha-2025-10-19")
    assert code == 0 and "mediators:  Qatar, Turkey" in out and "AF 1, PK 1" in out
    code, out = _run("--db", db, "--json", "accords", "show", "doha-2025-10-19")
    shown = json.loads(out)
    assert shown["weekly"]["PK"][-1]["disputed"] == 1


def test_violations_ledger_filters_and_json(tmp_path: Path) -> None:
    db = str(_ledger_db(tmp_path))
    code, out = _run("--db", db, "violations", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    assert {(r["alleged_violator"], r["accuser"], r["verification"], r["commitment"])
            for r in rows} == {("PK", "AF", "disputed", "cessation_of_hostilities"),
                               ("AF", "PK", "disputed", "cessation_of_hostilities")}
    assert rows[0]["location"] == "Spin Boldak" and rows[0]["sources"] == ["rna.txt"]
    code, out = _run("--db", db, "violations", "--party", "pk", "--json")
    assert [r["alleged_violator"] for r in json.loads(out)] == ["PK"]
    code, out = _run("--db", db, "violations", "--accord", "doha-2025-10-19")
    assert code == 0 and "disputed" in out and "Spin Boldak" in out
    code, out = _run("--db", db, "violations", "--accord", "nope")
    assert code == 1 and "no accord 'nope'" in out


def test_import_builtin(tmp_path: Path, db_target: str) -> None:
    assert _run("--db", str(db_target), "init")[0] == 0
    code, out = _run("--db", str(db_target), "accords", "import", "--builtin")
    assert code == 0 and out.startswith("added doha-2025-10-19: 4 commitments")
    code, out = _run("--db", str(db_target), "accords", "import")
    assert code == 2 and "--builtin" in out
