"""Accord files: full validation, clear errors naming the field, nothing imported on error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from accords_world import AF_ARMY, PK_ARMY, SPIN_BOLDAK, add_event
from click.testing import CliRunner

from ceasewatch.accords.accord_file import load_accord_file
from ceasewatch.accords.curation import builtin_accords, import_accord_file
from ceasewatch.accords.ledger import refresh_violations
from ceasewatch.cli.main import cli
from ceasewatch.errors import AccordFileError
from ceasewatch.store import Store

GOOD = """\
id: test-truce
name: Test truce
parties: [AF, PK]
mediators: [Qatar]
signed: 2025-11-01
place: {name: Doha, country: qa}
commitments:
  - kind: cessation_of_hostilities
    text: Stop firing.
  - no_support_armed_groups
provenance:
  sources: [a statement]
"""


def _write(tmp_path: Path, text: str, name: str = "accord.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_yaml_file_round_trips_through_the_store(store: Store, tmp_path: Path) -> None:
    [result] = import_accord_file(store, _write(tmp_path, GOOD))
    accord = store.accords.get("test-truce")
    assert result.outcome == "added" and accord == result.accord
    assert accord.in_force_date == date(2025, 11, 1)  # defaults to the date of signature
    assert accord.place is not None and accord.place.country == "QA"
    assert [c.kind for c in accord.commitments] == ["cessation_of_hostilities",
                                                    "no_support_armed_groups"]
    assert "a statement" in (accord.provenance or "")


def test_toml_files_are_accepted(tmp_path: Path) -> None:
    text = """id = "t"\nname = "T"\nparties = ["AF", "PK"]\nsigned = 2025-11-01\n
[[commitments]]\nkind = "monitoring_mechanism"\n"""
    [accord] = load_accord_file(_write(tmp_path, text, "t.toml"))
    assert accord.commitments[0].kind == "monitoring_mechanism"


@pytest.mark.parametrize("old, new, field, words", [
    ("parties: [AF, PK]", "parties: [AF]", "parties", "at least two parties"),
    ("  - kind: cessation_of_hostilities", "  - kind: ceasefire_maybe",
     "commitments[0].kind", "unknown commitment kind"),
    ("signed: 2025-11-01", "signed: 1st of November", "signed", "not a date"),
    ("mediators: [Qatar]", "mediatorz: [Qatar]", "mediatorz", "unknown field"),
    ("place: {name: Doha, country: qa}", "place: {name: Doha, country: Qatar}",
     "place.country", "alpha-2"),
    ("name: Test truce\n", "", "name", "required"),
])
def test_a_bad_field_is_named(tmp_path: Path, old: str, new: str, field: str,
                              words: str) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(AccordFileError) as info:
        load_accord_file(path)
    assert info.value.field == field and str(path) in str(info.value)
    assert words in str(info.value)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(AccordFileError) as info:
        load_accord_file(_write(tmp_path, "id: x\nparties: [AF, PK\nname: y\n"))
    assert info.value.line is not None and "invalid YAML" in str(info.value)


def test_cli_import_of_a_bad_file_imports_nothing(tmp_path: Path, db_target: str) -> None:
    db = db_target
    assert CliRunner().invoke(cli, ["init", "--db", str(db)]).exit_code == 0
    good = _write(tmp_path, GOOD, "good.yaml")
    bad = _write(tmp_path, GOOD.replace("id: test-truce", "id: other").replace(
        "signed: 2025-11-01", "signed: 2025-13-01"), "bad.yaml")
    result = CliRunner().invoke(cli, ["--db", str(db), "accords", "import", str(good),
                                      str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "'signed'" in result.output
    assert "Traceback" not in result.output
    listing = CliRunner().invoke(cli, ["--db", str(db), "--json", "accords", "show",
                                       "test-truce"])
    assert listing.exit_code == 1 and "no accord 'test-truce'" in listing.output


def test_reimport_keeps_the_ledger_and_absorbs_nothing_curated(store: Store,
                                                               tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    import_accord_file(store, path)
    clash = add_event(store, "Pakistani troops fired on Afghan posts near Spin Boldak.",
                      native_type="armed_clash", day=date(2025, 11, 3), actor1=PK_ARMY,
                      actor2=AF_ARMY, place=SPIN_BOLDAK)
    refresh_violations(store, [clash.id])
    before = store.accords.violations(accord_id="test-truce")
    [result] = import_accord_file(store, _write(tmp_path, GOOD.replace("Stop firing.",
                                                                       "Stop all firing.")))
    assert result.outcome == "updated" and result.violations == 1
    assert store.accords.violations(accord_id="test-truce") == before
    assert store.accords.get("test-truce").commitments[0].text == "Stop all firing."


def test_the_bundled_doha_accord_is_valid_and_sourced() -> None:
    [doha] = [a for a in builtin_accords() if a.id == "doha-2025-10-19"]
    assert doha.source == "curated" and doha.parties == ("AF", "PK")
    assert doha.provenance and doha.provenance.startswith("builtin afpak/accords/")
    assert "Qatar" in doha.provenance
