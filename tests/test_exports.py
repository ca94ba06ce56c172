"""Every export format, written from the demo corpus and read back in pandas with the types
that ``datapackage.json`` declares, checked against the published column definitions."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ceasewatch.cli.main import cli
from ceasewatch.exports import FORMATS
from ceasewatch.exports.codes import (
    actor_type,
    country_codes,
    interaction,
    plover_codes,
    ucdp_date_prec,
)
from ceasewatch.exports.tables import date_columns, pandas_dtypes, parse_tables, tables
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import Actor

pd = pytest.importorskip("pandas")
SAMPLE = Path(__file__).resolve().parents[1] / "ceasewatch" / "sample"

# ACLED's columns in the order of its exports (ACLED Codebook 2023, "Data columns").
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"]
ACLED_SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
# UCDP GED's columns (GED codebook 24.1): every column ceasewatch writes is one of them.
UCDP_COLUMNS = {
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
    "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
    "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "high", "low", "gwnoa", "gwnob"}
PLOVER_CATEGORIES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                     "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, module_db_target: str) -> Path:
    """The demo corpus ingested once, then every format written into one folder."""
    folder = tmp_path_factory.mktemp("exports")
    db = module_db_target
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", db, "ingest", str(SAMPLE)])
    assert done.exit_code == 0, done.output
    for name, fmt in FORMATS.items():
        out = folder / f"{name}{fmt.suffix}"
        done = runner.invoke(cli, ["--db", db, "export", "--format", name, "--out", str(out)])
        assert done.exit_code == 0, done.output
    return folder


def package(folder: Path) -> dict[str, Any]:
    return dict(json.loads((folder / "datapackage.json").read_text(encoding="utf-8")))


def schema_of(folder: Path, path: str) -> dict[str, Any]:
    [res] = [r for r in package(folder)["resources"] if r["path"] == path]
    return dict(res["schema"])


def read_with_schema(path: Path, schema: dict[str, Any]) -> Any:
    """What a user does with the datapackage: read each column with its declared type."""
    kinds = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}
    dtype = {f["name"]: kinds[f["type"]] for f in schema["fields"] if f["type"] in kinds}
    dates = [f["name"] for f in schema["fields"] if f["type"] in ("date", "datetime")]
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=dtype, parse_dates=dates, keep_default_na=False,
                           na_values=[""])
    frame = pd.read_json(path, lines=True, dtype=False).astype(dtype)
    for name in dates:
        frame[name] = pd.to_datetime(frame[name])
    return frame


def check_constraints(frame: Any, schema: dict[str, Any]) -> None:
    """Every value within its column's declared range, enum and pattern."""
    assert list(frame.columns) == [f["name"] for f in schema["fields"]]
    for f in schema["fields"]:
        col, rules = frame[f["name"]], f.get("constraints", {})
        present = col.dropna()
        if rules.get("required"):
            assert len(present) == len(col), f"{f['name']} has empty cells"
        if "minimum" in rules:
            assert (present >= rules["minimum"]).all(), f["name"]
        if "maximum" in rules:
            assert (present <= rules["maximum"]).all(), f["name"]
        if "enum" in rules:
            assert set(present) <= set(rules["enum"]), (f["name"], set(present))
        if "pattern" in rules:
            assert all(re.fullmatch(rules["pattern"], v) for v in present), f["name"]


def test_datapackage_describes_every_exported_file(exported: Path) -> None:
    pkg = package(exported)
    paths = {r["path"] for r in pkg["resources"]}
    assert paths == {f"{n}{f.suffix}" for n, f in FORMATS.items()}
    assert len({r["name"] for r in pkg["resources"]}) == len(pkg["resources"])
    assert any("GeoNames" in s["title"] and s["licence"] == "CC-BY-4.0"
               for s in pkg["sources"])
    for r in pkg["resources"]:
        assert {f["type"] for f in r["schema"]["fields"]} <= {
            "string", "integer", "number", "boolean", "date", "datetime"}


def test_acled_csv_has_acled_columns_and_codes(exported: Path) -> None:
    schema = schema_of(exported, "acled-csv.csv")
    frame = read_with_schema(exported / "acled-csv.csv", schema)
    assert list(frame.columns) == ACLED_COLUMNS
    check_constraints(frame, schema)
    assert len(frame) >= 5
    assert str(frame["iso"].dtype) == "Int64" and str(frame["fatalities"].dtype) == "Int64"
    assert str(frame["event_date"].dtype).startswith("datetime64")
    for event_type, sub in zip(frame["event_type"], frame["sub_event_type"], strict=True):
        assert sub in ACLED_SUB_EVENT_TYPES[event_type], (event_type, sub)
    kabul = frame[frame["location"] == "Kabul"].iloc[0]
    assert kabul["iso"] == 4 and kabul["country"] == "Afghanistan"
    assert kabul["event_id_cnty"].startswith("AFG") and kabul["geo_precision"] == 1
    assert kabul["region"] == "South Asia" and kabul["inter1"] == 8  # Pakistani forces abroad
    # the October border fighting: "dozens" (24) against an official 223, ACLED keeps the lower
    border = frame[(frame["location"] == "Afghanistan-Pakistan border")
                   & (frame["event_type"] == "Battles") & (frame["time_precision"] == 3)].iloc[0]
    assert border["fatalities"] == 24 and "Disputed fatalities" in border["notes"]
    assert border["geo_precision"] == 3
    assert (frame["tags"].dropna() == "ceasefire violation").any()


def test_ucdp_csv_has_ged_columns_and_codes(exported: Path) -> None:
    schema = schema_of(exported, "ucdp-csv.csv")
    frame = read_with_schema(exported / "ucdp-csv.csv", schema)
    assert set(frame.columns) <= UCDP_COLUMNS
    assert {"date_prec", "where_prec", "best", "low", "high", "deaths_a", "deaths_b",
            "deaths_civilians", "deaths_unknown", "side_a", "side_b", "number_of_sources",
            "source_article"} <= set(frame.columns)
    check_constraints(frame, schema)
    assert ((frame["low"] <= frame["best"]) & (frame["best"] <= frame["high"])).all()
    assert (frame["deaths_a"] + frame["deaths_b"] + frame["deaths_civilians"]
            + frame["deaths_unknown"] == frame["best"]).all()
    border = frame[frame["where_description"] == "Afghanistan-Pakistan border"]
    assert set(border["where_prec"]) == {5}
    assert (frame["number_of_sources"] >= 1).all()


def test_plover_jsonl_uses_plovers_own_cameo_table(exported: Path) -> None:
    schema = schema_of(exported, "plover-jsonl.jsonl")
    frame = read_with_schema(exported / "plover-jsonl.jsonl", schema)
    check_constraints(frame, schema)
    assert set(frame["event"]) <= PLOVER_CATEGORIES
    by_cameo = {c: (frame.loc[frame["cameo"] == c, "event"].iloc[0]) for c in set(frame["cameo"])}
    assert by_cameo.get("0871") in (None, "RETREAT")  # declare truce: PLOVER RETREAT/ceasefire
    violations = frame[frame["cameo"] == "196"]
    assert len(violations) >= 1 and set(violations["event"]) == {"ASSAULT"}
    assert all("legal" in c for c in violations["context"])
    assert violations["violates_ceasefire"].all()


def test_cameo_codes_stay_strings_in_every_table(exported: Path) -> None:
    frame = read_with_schema(exported / "csv.csv", schema_of(exported, "csv.csv"))
    assert "046" in set(frame["cameo"]) and "0871" in set(frame["cameo"])
    parquet = pd.read_parquet(exported / "parquet.parquet")
    assert "046" in set(parquet["cameo"])
    assert list(parquet.columns) == tables()["events"].names
    assert str(parquet["fatalities"].dtype) in ("Int64", "int64", "float64")
    assert parquet["event_date"].notna().all()
    jsonl = read_with_schema(exported / "jsonl.jsonl", schema_of(exported, "jsonl.jsonl"))
    assert list(jsonl["cameo"]) == list(frame["cameo"])
    assert jsonl["updated_at"].notna().all()


def test_events_csv_round_trips_with_declared_types(exported: Path) -> None:
    schema = schema_of(exported, "csv.csv")
    frame = read_with_schema(exported / "csv.csv", schema)
    check_constraints(frame, schema)
    assert str(frame["initiator_disputed"].dtype) == "boolean"
    assert str(frame["independent_sources"].dtype) == "Int64"
    assert frame["violates_ceasefire"].sum() >= 1
    parquet = pd.read_parquet(exported / "parquet.parquet")
    assert list(parquet["id"]) == list(frame["id"])
    assert list(parquet["fatalities"].astype("Int64")) == list(frame["fatalities"])


def test_geojson_has_no_made_up_points(exported: Path) -> None:
    data = json.loads((exported / "geojson.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "GeoNames" in data["attribution"]
    frame = pd.json_normalize(data["features"])
    assert len(frame) >= 5
    area_wide = [f for f in data["features"]
                 if f["properties"]["geo_precision"] in ("border", "country")]
    assert area_wide and all(f["geometry"] is None for f in area_wide)
    assert all(f["properties"]["latitude"] is None for f in area_wide)
    placed = frame[frame["geometry.type"].notna()]
    assert set(placed["properties.geo_precision"]) <= {"point", "locality", "district", "admin1"}
    points = [f for f in data["features"] if f["geometry"] is not None]
    assert points and all(f["geometry"]["type"] == "Point" for f in points)
    for f in points:
        lon, lat = f["geometry"]["coordinates"]
        assert (f["properties"]["longitude"], f["properties"]["latitude"]) == (lon, lat)
    try:
        import geopandas  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return
    gdf = geopandas.read_file(exported / "geojson.geojson")
    assert len(gdf) == len(frame)


def test_export_to_stdout_and_bad_requests(tmp_path: Path, db_target: str) -> None:
    runner = CliRunner()
    db = str(db_target)
    assert runner.invoke(cli, ["--db", db, "init"]).exit_code == 0
    done = runner.invoke(cli, ["--db", db, "export", "--format", "acled-csv"])
    assert done.exit_code == 0 and done.output.splitlines() == [",".join(ACLED_COLUMNS)]
    done = runner.invoke(cli, ["--db", db, "export", "--format", "parquet"])
    assert done.exit_code == 1 and "--out" in done.output
    done = runner.invoke(cli, ["--db", db, "export", "--format", "csv", "--out",
                               str(tmp_path / "missing" / "x.csv")])
    assert done.exit_code == 1 and "does not exist" in done.output
    (tmp_path / "datapackage.json").write_text("[1, 2]", encoding="utf-8")
    done = runner.invoke(cli, ["--db", db, "export", "--format", "csv", "--out",
                               str(tmp_path / "x.csv")])
    assert done.exit_code == 1 and "datapackage.json" in done.output


def test_export_updated_since(exported: Path, module_db_target: str) -> None:
    runner = CliRunner()
    db = module_db_target
    everything = runner.invoke(cli, ["--db", db, "export", "--format", "jsonl"]).stdout
    assert len(everything.splitlines()) >= 5
    later = runner.invoke(cli, ["--db", db, "export", "--format", "jsonl", "--updated-since",
                                "2999-01-01"])
    assert later.exit_code == 0 and later.stdout == ""
    bad = runner.invoke(cli, ["--db", db, "export", "--format", "jsonl", "--updated-since",
                              "soon"])
    assert bad.exit_code == 2 and "--updated-since" in bad.output


def test_codes() -> None:
    assert interaction(1, 0) == 10 and interaction(8, 1) == 18 and interaction(0, 0) == 0
    assert actor_type(Actor("Tehrik-i-Taliban Pakistan", "militant", "PK", "TTP"), "PK") == 2
    assert actor_type(Actor("Military Forces of Pakistan", "state_forces", "PK"), "PK") == 1
    assert actor_type(None, "PK") == 0
    assert [ucdp_date_prec(p, None, None) for p in ("day", "week", "month", "year")] == [
        1, 3, 4, 5]
    assert all(1 <= c.iso_numeric <= 999 and len(c.iso3) == 3 for c in country_codes().values())
    from ceasewatch.exports.codes import country_names

    assert set(country_names()) == set(country_codes())  # every country the gazetteer knows


def test_taxonomy_plover_column_agrees_with_plovers_table() -> None:
    codes = plover_codes()
    for native, t in get_taxonomy().items():
        assert t.cameo in codes, (native, t.cameo)
        assert t.plover == codes[t.cameo].plover, (native, t.cameo, t.plover)


def test_tables_yaml_errors_name_the_column() -> None:
    bad = "events:\n  title: t\n  description: d\n  columns:\n    - {name: x, type: text}\n"
    with pytest.raises(Exception, match=r"events.columns\[1\].*type 'text'"):
        parse_tables(bad)
    assert pandas_dtypes(tables()["acled"])["iso"] == "Int64"
    assert "event_date" in date_columns(tables()["acled"])
