"""Importing ACLED and UCDP GED downloads, kept apart, and "ceasewatch vs ACLED"."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.errors import CeasewatchError, InputError
from ceasewatch.imports.compare import Comparison
from ceasewatch.imports.readers import read_dataset
from ceasewatch.store import open_store

SAMPLE = Path(__file__).resolve().parents[1] / "ceasewatch" / "sample"
IMPORTS = Path(__file__).resolve().parent / "fixtures" / "imports"
ACLED = IMPORTS / "acled_sample.csv"
UCDP = IMPORTS / "ucdp_sample.csv"


@pytest.fixture(scope="module")
def demo_db(module_db_target: str) -> str:
    path = module_db_target
    with open_store(path) as store:
        api.ingest(store, [str(SAMPLE)])
        assert api.import_dataset(store, "acled", ACLED) == 5
        assert api.import_dataset(store, "ucdp", UCDP) == 4
    return path


def test_readers_take_the_datasets_own_columns() -> None:
    acled = read_dataset("acled", ACLED)
    assert [e.external_id for e in acled][:2] == ["AFGTEST001", "AFGTEST002"]
    assert acled[0].country == "AF" and acled[2].country == "PK"  # from the ISO numeric code
    assert acled[4].event_date == date(2025, 11, 7)  # ACLED's older "07 November 2025"
    ucdp = read_dataset("ucdp", UCDP)
    assert ucdp[1].event_date == date(2025, 10, 11) and ucdp[1].date_end == date(2025, 10, 12)
    assert (ucdp[1].fatalities_low, ucdp[1].fatalities, ucdp[1].fatalities_high) == (23, 40, 200)
    assert ucdp[2].country == "PK" and ucdp[0].event_type == "state-based"


def test_imported_events_are_kept_apart_from_fused_ones(demo_db: str) -> None:
    with open_store(demo_db) as store:
        ids = {e.id for e in store.events.list()}
        assert not ids & {"AFGTEST001", "900001"}
        assert store.external.count("acled") == 5 and store.external.count("ucdp") == 4
        again = api.import_dataset(store, "acled", ACLED)  # a newer download replaces by id
        assert again == 5 and store.external.count("acled") == 5


def _acled_october_november(demo_db: str) -> Comparison:
    with open_store(demo_db) as store:
        return api.compare_dataset(store, "acled", date_from=date(2025, 10, 1),
                                   date_to=date(2025, 11, 30))


def test_ceasewatch_vs_acled(demo_db: str) -> None:
    result = _acled_october_november(demo_db)
    summary = result.summary()
    assert summary["acled_events"] == 5 and summary["acled_fatalities"] == 10
    assert "PAKTEST003" in {x.external_id for x in result.unmatched_theirs}
    pairs = {m.theirs.external_id: m.ours for m in result.matches}
    assert pairs["AFGTEST001"].place and pairs["AFGTEST001"].place.name == "Kabul"
    assert pairs["AFGTEST004"].place and pairs["AFGTEST004"].place.name == "Spin Boldak"
    assert summary["only_ceasewatch"] == summary["ceasewatch_events"] - summary["matched"]


def test_the_seventh_of_november_fighting_matches_acled(demo_db: str) -> None:
    result = _acled_october_november(demo_db)
    assert result.summary()["matched"] == 4
    assert [x.external_id for x in result.unmatched_theirs] == ["PAKTEST003"]


def test_ceasewatch_vs_ucdp_matches_a_date_range_and_violence_only(demo_db: str) -> None:
    with open_store(demo_db) as store:
        result = api.compare_dataset(store, "ucdp")
    assert all(e.event_type != "Strategic developments" for e in result.ours)
    matched = {m.theirs.external_id: m for m in result.matches}
    assert matched["900002"].days_apart == 2  # 11-12 Oct against the week of 9 Oct
    assert [x.external_id for x in result.unmatched_theirs] == ["900003"]


def test_compare_in_the_cli(demo_db: str) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", str(demo_db), "compare", "acled", "--country", "AF"])
    assert done.exit_code == 0, done.output
    assert "ceasewatch vs ACLED" in done.output and "AFGTEST004" in done.output
    assert "PAKTEST003" not in done.output  # in Pakistan
    body = json.loads(runner.invoke(cli, ["--db", str(demo_db), "compare", "acled",
                                          "--format", "json"]).stdout)
    with open_store(demo_db) as store:  # the CLI prints what the API compares
        expected = api.compare_dataset(store, "acled").summary()
    assert body["summary"]["matched"] == expected["matched"] >= 3
    statuses = {r["status"] for r in body["events"]}
    assert statuses == {"matched", "only ceasewatch", "only acled"}
    lines = runner.invoke(cli, ["--db", str(demo_db), "compare", "ucdp", "--format",
                                "jsonl"]).stdout.splitlines()
    assert len(lines) == len(json.loads(runner.invoke(
        cli, ["--db", str(demo_db), "compare", "ucdp", "--format", "json"]).stdout)["events"])


def test_a_bad_row_is_named_and_nothing_is_imported(tmp_path: Path, db_target: str) -> None:
    bad = tmp_path / "acled_bad.csv"
    lines = ACLED.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2025-10-25", "25/10/2025")
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = db_target
    done = CliRunner().invoke(cli, ["--db", str(db), "import", "acled", str(bad)])
    assert done.exit_code == 1
    assert "acled_bad.csv:4" in done.output
    assert "event_date" in done.output and "nothing was imported" in done.output
    with open_store(db) as store:
        assert store.external.count("acled") == 0
    with pytest.raises(InputError, match="no column event_id_cnty"):
        read_dataset("acled", UCDP)
    negative = tmp_path / "ucdp_bad.csv"
    text = UCDP.read_text(encoding="utf-8").replace(",5,5,5,5\n", ",5,-5,5,5\n")
    negative.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="field 'best': is negative"):
        read_dataset("ucdp", negative)


def test_compare_before_import_says_what_to_do(tmp_path: Path, db_target: str) -> None:
    with open_store(db_target) as store, pytest.raises(
            CeasewatchError, match="ceasewatch import ucdp"):
        api.compare_dataset(store, "ucdp")


def test_events_frame_is_typed(demo_db: str) -> None:
    pytest.importorskip("pandas")
    from ceasewatch.store import EventFilter

    with open_store(demo_db) as store:
        frame = api.events_frame(store)
        assert len(frame) == store.events.count()
        assert str(frame["cameo"].dtype) == "string" and "046" in set(frame["cameo"])
        assert str(frame["fatalities"].dtype) == "Int64"
        assert str(frame["event_date"].dtype).startswith("datetime64")
        assert str(frame["updated_at"].dtype).startswith("datetime64")
        assert str(frame["violates_ceasefire"].dtype) == "boolean"
        afghan = api.events_frame(store, EventFilter(country="AF"))
        assert set(afghan["country"]) == {"AF"}
        later = frame["updated_at"].max().to_pydatetime()
        from datetime import timedelta

        assert len(api.events_frame(store, EventFilter(
            updated_since=later + timedelta(seconds=1)))) == 0


def test_ceasewatchs_own_acled_export_imports_and_matches_itself(demo_db: str,
                                                                  tmp_path: Path,
                                                                  db_target: str) -> None:
    """Export as ACLED, import that file as ACLED, compare: every event is its own match,
    except month-level campaign summaries, which are never matched to an incident."""
    from ceasewatch.exports import export_to_file

    out = tmp_path / "acled.csv"
    with open_store(demo_db) as store:
        export_to_file(store, "acled-csv", out)
    with open_store(db_target) as round_store:
        api.ingest(round_store, [str(SAMPLE)])
        n = api.import_dataset(round_store, "acled", out)
        result = api.compare_dataset(round_store, "acled")
    campaigns = [e for e in result.ours if e.date_precision in ("month", "year")]
    assert n == len(result.ours) == result.summary()["matched"] + len(campaigns)
    assert all(m.days_apart == 0 for m in result.matches)
    assert all(m.theirs.external_id.endswith(m.ours.id) for m in result.matches)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                    max_size=300),
       dataset=st.sampled_from(["acled", "ucdp"]))
def test_any_file_is_read_or_refused_with_a_named_error(tmp_path: Path, body: str,
                                                        dataset: str) -> None:
    header = ACLED if dataset == "acled" else UCDP
    path = tmp_path / "fuzz.csv"
    path.write_text(header.read_text(encoding="utf-8").splitlines()[0] + "\n" + body,
                    encoding="utf-8")
    try:
        events = read_dataset(dataset, path)
    except InputError as exc:
        assert "fuzz.csv" in str(exc)
        return
    assert all(e.external_id and e.dataset == dataset for e in events)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(
    st.dates(min_value=date(1997, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=10**6),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
            max_size=40)), min_size=1, max_size=8))
def test_acled_rows_round_trip(tmp_path: Path, rows: list[tuple[date, int, str]]) -> None:
    import csv

    path = tmp_path / "acled.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle)
        w.writerow(["event_id_cnty", "event_date", "event_type", "country", "fatalities",
                    "notes"])
        for i, (day, deaths, notes) in enumerate(rows):
            w.writerow([f"AFG{i}", day.isoformat(), "Battles", "Afghanistan", deaths, notes])
    events = read_dataset("acled", path)
    assert [(e.event_date, e.fatalities, e.notes or "") for e in events] == [
        (d, n, t.strip()) for d, n, t in rows]
