"""Theater packs (data/theaters/<name>/): loading, assignment by countries, scaffolding, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ceasewatch.accords.curation import builtin_accords
from ceasewatch.accords.knowledge import armed_groups, shared_borders
from ceasewatch.cli.main import cli
from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.actors import get_actor_dictionary, read_actors
from ceasewatch.nlp.gazetteer import get_gazetteer
from ceasewatch.nlp.stages.places import find_places
from ceasewatch.reports.sitrep import load_theater
from ceasewatch.theaters import THEATERS_DIR, pack_names, read_pack, scaffold_pack, theater_of


def test_every_shipped_pack_reads_and_names_its_countries() -> None:
    assert {"afpak", "india_pakistan", "israel_lebanon"} <= set(pack_names("theater.yaml"))
    assert read_pack("india_pakistan").countries == ("IN", "PK")
    assert load_theater("israel_lebanon").countries == ("IL", "LB")


def test_a_report_is_assigned_to_a_theater_by_its_countries() -> None:
    assert theater_of(["LB", "IL"]) == "israel_lebanon"
    assert theater_of(["IN", "PK", "US"]) == "india_pakistan"
    assert theater_of(["AF", "PK"]) == "afpak"
    assert theater_of(["TH", "KH"]) is None


def test_other_packs_places_and_actors_are_found_in_any_report() -> None:
    spans = find_places("Israeli drones struck Khiam and Kfar Kila near the Blue Line.",
                        countries_hint=["LB", "IL"])
    assert [(s.surface, s.place.country, s.place.admin1) for s in spans] == [
        ("Khiam", "LB", "Nabatieh"), ("Kfar Kila", "LB", "Nabatieh"), ("Blue Line", None, None)]
    actors = get_actor_dictionary()
    assert actors.normalise("Israeli jets").name == "Military Forces of Israel"  # type: ignore[union-attr]
    assert actors.normalise("the Indian Army").name == "Military Forces of India"  # type: ignore[union-attr]
    # the afpak pack's own definitions come first and are unchanged
    assert actors.normalise("Pakistani troops").name == "Military Forces of Pakistan"  # type: ignore[union-attr]
    assert get_gazetteer().unresolved == () and actors.unresolved == ()


def test_pack_accords_borders_and_armed_groups_feed_the_ledger() -> None:
    ids = {a.id for a in builtin_accords()}
    assert {"doha-2025-10-19", "inpk-ceasefire-2025-05-10", "illb-cessation-2024-11-27"} <= ids
    cessation = next(a for a in builtin_accords() if a.id == "illb-cessation-2024-11-27")
    assert {c.kind for c in cessation.commitments} >= {"cessation_of_hostilities",
                                                       "monitoring_mechanism"}
    assert shared_borders()["blue line"] == frozenset({"IL", "LB"})
    hezbollah = next(g for g in armed_groups() if g.name == "Hezbollah")
    assert hezbollah.alleged_host == "LB"


def test_scaffolded_pack_has_generic_actors_and_refuses_bad_input(tmp_path: Path) -> None:
    folder = scaffold_pack("thai_cambodia", ["th", "KH"], root=tmp_path)
    pack = read_pack("thai_cambodia", tmp_path)
    assert pack.name == "Thailand–Cambodia" and pack.countries == ("TH", "KH")
    names = [a.name for a, _ in read_actors(folder / "actors.yaml")]
    assert names == ["Military Forces of Thailand", "Government of Thailand",
                     "Civilians (Thailand)", "Military Forces of Cambodia",
                     "Government of Cambodia", "Civilians (Cambodia)"]
    with pytest.raises(CeasewatchError, match="already exists"):
        scaffold_pack("thai_cambodia", ["TH"], root=tmp_path)
    with pytest.raises(CeasewatchError, match="QQ"):
        scaffold_pack("other", ["QQ"], root=tmp_path)
    with pytest.raises(CeasewatchError, match="lower-case"):
        scaffold_pack("Bad Name", ["TH"], root=tmp_path)
    assert not (tmp_path / "other").exists()


def test_theater_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["--json", "theater", "list"])
    assert listed.exit_code == 0
    assert {"key": "israel_lebanon", "name": "Israel–Lebanon", "countries": ["IL", "LB"]} in \
        json.loads(listed.output)
    shown = runner.invoke(cli, ["theater", "show", "india_pakistan"])
    assert shown.exit_code == 0 and "accords/ceasefire-2025-05-10.yaml" in shown.output
    made = runner.invoke(cli, ["theater", "new", "sudan", "--countries", "SD",
                               "--root", str(tmp_path)])
    assert made.exit_code == 0 and (tmp_path / "sudan" / "actors.yaml").is_file()
    bad = runner.invoke(cli, ["theater", "show", "atlantis"])
    assert bad.exit_code == 1 and "unknown theater 'atlantis'" in bad.output
    assert THEATERS_DIR.joinpath("afpak", "theater.yaml").is_file()


def test_any_country_has_generic_actors_and_packs_keep_their_own() -> None:
    actors = get_actor_dictionary()
    thai = actors.normalise("Thailand's army")
    assert thai is not None and (thai.name, thai.side) == ("Military Forces of Thailand", "TH")
    syria = actors.normalise("Syrian government")  # curated adjective, generic actor
    assert syria is not None and syria.name == "Government of Syria"
    civilians = actors.normalise("civilians in Sudan")
    assert civilians is not None and civilians.kind == "civilians"
    # a pack's definition is never replaced by the generic one
    israel = actors.normalise("IDF")
    assert israel is not None and israel.name == "Military Forces of Israel"
    pakistan = actors.normalise("Pakistani troops")
    assert pakistan is not None and pakistan.name == "Military Forces of Pakistan"


def test_a_curated_place_in_the_documents_countries_beats_a_generic_homonym() -> None:
    gaz = get_gazetteer()
    # a report of Pakistani shelling on Indian Kashmir names Pakistan first
    indian = gaz.lookup("Poonch district", countries=["PK", "IN"])
    assert indian is not None and (indian.country, indian.source) == ("IN", "curated")
    # without India among the document's countries, the Pakistani district stays
    pakistani = gaz.lookup("Poonch", countries=["PK"])
    assert pakistani is not None and pakistani.country == "PK"
