"""Scoring rules (those of the corpus's score.py), gold validation, and the CLI commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ceasewatch.cli.main import cli
from ceasewatch.errors import GoldFileError
from ceasewatch.evaluate import (
    actor_side,
    evaluate_corpus,
    fatalities_agree,
    group_records,
    load_gold,
    score,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_shared = pytest.mark.skipif(not (SHARED / "score.py").exists(),
                                  reason="../shared/corpus not present")


def _ev(doc: str, day: str, etype: str = "Battles", **kw: Any) -> dict[str, Any]:
    return {"doc": doc, "event_date": day, "event_type": etype, **kw}


def test_matching_window_widens_with_precision_and_is_one_to_one() -> None:
    gold = group_records([
        _ev("a.txt", "2025-10-15", date_precision="month", country="AF"),
        _ev("a.txt", "2025-11-06", country="AF", admin1="Kandahar")])
    pred = group_records([
        _ev("a.txt", "2025-10-02", country="AF"),          # inside the month window
        _ev("a.txt", "2025-11-08", country="AF"),          # two days off a day event: no match
        _ev("a.txt", "2025-11-06", "Strategic developments"),  # wrong type
        {"doc": "a.txt", "event_date": "2025-11-06", "event_type": None}])  # context: unscored
    res = score(gold, pred)
    assert (res["tp"], res["fp"], res["fn"]) == (1, 2, 1)
    assert res["attributes"]["country"] == 1.0


def test_strict_requires_gold_country_and_admin1() -> None:
    gold = group_records([_ev("a.txt", "2025-11-06", country="AF", admin1="Kandahar")])
    pred = group_records([_ev("a.txt", "2025-11-06", country="AF", admin1="Kabul")])
    assert score(gold, pred)["f1"] == 1.0
    assert score(gold, pred, strict=True)["f1"] == 0.0


def test_fatalities_and_sides() -> None:
    assert fatalities_agree({"fatalities_low": 24, "fatalities_high": None},
                            {"fatalities_low": 24, "fatalities": None}) is True
    assert fatalities_agree({"fatalities_low": 200, "fatalities_high": 230},
                            {"fatalities": 223}) is True
    assert fatalities_agree({"fatalities_low": 4, "fatalities_high": 4}, {}) is False
    # score.py: no gold figure agrees with no count or zero, and is not scored otherwise
    assert fatalities_agree({}, {"fatalities": 0}) is True
    assert fatalities_agree({}, {"fatalities": 5}) is None
    assert actor_side("Military Forces of Afghanistan (Taliban)") == "AF"
    assert actor_side("Pakistani Taliban") == "TTP"
    assert actor_side("Government of Pakistan") == "PK"


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "line 2|:2"),
    ("[1, 2]", ":2"),
    ('{"event_type": "Battles", "event_date": "2025-10-01"}', "doc"),
    ('{"doc": "a.txt", "event_type": "Battles", "event_date": "Oct 1"}', "event_date"),
    ('{"doc": "a.txt", "event_type": "Battles", "event_date": "2025-10-01", '
     '"fatalities_low": "many"}', "fatalities_low"),
])
def test_malformed_gold_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "a.txt", "event_type": null}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=message) as err:
        load_gold(path)
    assert str(path) in str(err.value) and ":2" in str(err.value)


@needs_shared
def test_figures_equal_score_py_on_the_dev_corpus(tmp_path: Path) -> None:
    gold_path = SHARED / "seeds.gold.jsonl"
    ev = evaluate_corpus(gold_path, str(SHARED / "seeds"))
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in ev.predictions),
                         encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "score.py"), str(gold_path),
                          str(pred_path), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = score(load_gold(gold_path), group_records(ev.predictions))
    ours["strict_f1"] = ev.overall["strict_f1"]
    assert ours == theirs


@needs_shared
def test_figures_equal_score_py_on_perturbed_predictions(tmp_path: Path) -> None:
    """Shifted dates, swapped fields and dropped lines exercise every rule of score.py."""
    gold_path = SHARED / "seeds.gold.jsonl"
    gold_lines = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines()
                  if x.strip()]
    preds = []
    for n, g in enumerate(gold_lines):
        p = dict(g)
        if n % 4 == 1:
            p["event_date"] = p["event_date"][:8] + "28"
        if n % 3 == 2:
            p["country"], p["admin1"] = "PK", None
        if n % 5 == 3:
            p["actor1"] = "Pakistani Taliban"
            p["fatalities"] = 7
        if n % 7 != 6:
            preds.append(p)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "score.py"), str(gold_path),
                          str(pred_path), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    gold, pred = load_gold(gold_path), group_records(preds)
    ours = score(gold, pred)
    ours["strict_f1"] = score(gold, pred, strict=True)["f1"]
    assert ours == theirs


def test_extract_cli_streams_jsonl_and_reports_bad_inputs(sample_dir: Path,
                                                          tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(sample_dir / "seed004_rna_spin_boldak.txt"),
                                      str(empty)])
    assert result.exit_code == 1
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert lines and all(x["doc"] == "seed004_rna_spin_boldak.txt" for x in lines)
    assert {"event_date", "event_type", "sub_event_type", "actor1", "country", "latitude",
            "fatalities_low", "claimed_by", "evidence_start"} <= set(lines[0])
    errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(errors) == 1 and "empty.txt" in errors[0]


def test_extract_cli_table_and_published_option(sample_dir: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["extract", "--format", "table", "--published", "2025-11-07",
                             str(sample_dir / "seed004_rna_spin_boldak.txt")])
    assert ok.exit_code == 0 and "armed_clash" in ok.stdout
    bad = runner.invoke(cli, ["extract", "--published", "7 Nov", str(sample_dir)])
    assert bad.exit_code == 2 and "--published" in bad.stderr  # a usage error


def test_evaluate_cli_json_and_bad_gold(sample_dir: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_ev("seed004_rna_spin_boldak.txt", "2025-11-06",
                                   date_precision="day")) + "\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["evaluate", str(gold), str(sample_dir), "--json",
                                   "--per-language"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["tp"] == 1 and out["documents"] == 5 and "en" in out["per_language"]
    gold.write_text("{oops\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["evaluate", str(gold), str(sample_dir)])
    assert res.exit_code == 1 and "gold.jsonl:1" in res.stderr


ZH_GOLD = Path(__file__).resolve().parents[1] / "ceasewatch" / "data" / "gold" / \
    "seed000_zh.gold.jsonl"


def test_per_language_scores_each_view_of_a_mixed_document(sample_dir: Path,
                                                           tmp_path: Path) -> None:
    """--gold-for zh=FILE scores the Chinese paragraphs of seed000 against FILE, alone."""
    shifted = []  # main gold whose seed000 lines cannot match: only the zh gold can score zh
    for line in ZH_GOLD.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec["event_date"] = "2024-01-01"
        shifted.append(rec)
    shifted.append(_ev("seed004_rna_spin_boldak.txt", "2025-11-06", date_precision="day"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in shifted), encoding="utf-8")
    res = CliRunner().invoke(cli, ["evaluate", str(gold), str(sample_dir), "--json",
                                   "--gold-for", f"zh={ZH_GOLD}"])
    assert res.exit_code == 0, res.output
    langs = json.loads(res.stdout)["per_language"]
    assert set(langs) == {"en", "zh", "en+zh"}
    zh, en, whole = langs["zh"], langs["en"], langs["en+zh"]
    assert zh["views"] == ["seed000_lanzhou_bilingual.txt"] and zh["gold_for"] == str(ZH_GOLD)
    assert zh["f1"] >= 0.8 and zh["fn"] == 0
    # English: the four English articles plus the English paragraphs of seed000 (main gold)
    assert en["views"] == ["seed000_lanzhou_bilingual.txt"] and en["documents"] == 5
    assert en["tp"] == 1 and en["fn"] == 5 and en["gold_for"] is None
    assert whole["tp"] == 0 and whole["documents"] == 1
    table = CliRunner().invoke(cli, ["evaluate", str(gold), str(sample_dir), "--per-language",
                                     "--gold-for", f"zh={ZH_GOLD}"])
    assert table.exit_code == 0 and "1 view(s)" in table.stdout


@pytest.mark.parametrize("spec", ["zh", "=gold.jsonl", "chinese=gold.jsonl", "zh="])
def test_bad_gold_for_is_named(sample_dir: Path, tmp_path: Path, spec: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    res = CliRunner().invoke(cli, ["evaluate", str(gold), str(sample_dir), "--gold-for", spec])
    assert res.exit_code == 1 and "--gold-for" in res.stderr


def test_missing_language_gold_names_the_file(sample_dir: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    missing = tmp_path / "nope.jsonl"
    res = CliRunner().invoke(cli, ["evaluate", str(gold), str(sample_dir),
                                   "--gold-for", f"zh={missing}"])
    assert res.exit_code == 1 and "nope.jsonl" in res.stderr


def test_a_report_is_scored_in_the_theater_of_its_gold_events() -> None:
    from ceasewatch.evaluate import NO_PACK, report_theater, score_theaters, theater_groups

    assert report_theater([{"country": "LB"}, {"country": "LB"}, {"country": "IL"}]) == \
        "israel_lebanon"
    assert report_theater([{"country": "IN"}, {"country": "PK"}, {"country": "IN"}]) == \
        "india_pakistan"
    # talks abroad and reports with no event go by what was extracted from them
    assert report_theater([{"country": "QA"}], [{"country": "AF"}]) == "afpak"
    assert report_theater([], [{"country": "PK"}, {"country": "AF"}]) == "afpak"
    assert report_theater([{"country": "SD"}], [{"country": "SD"}]) == NO_PACK
    assert report_theater([], []) == NO_PACK
    groups = theater_groups({"a.txt": [{"country": "LB"}], "b.txt": [{"country": "SD"}]},
                            {"c.txt": [{"country": "PK"}, {"country": "IN"}]})
    assert list(groups) == ["india_pakistan", "israel_lebanon", NO_PACK]
    gold = {"a.txt": [{"doc": "a.txt", "event_type": "Battles", "event_date": "2025-05-07",
                       "date_precision": "day", "country": "IN", "admin1": "Punjab"}]}
    pred = [{"doc": "a.txt", "event_type": "Battles", "event_date": "2025-05-07",
             "country": "IN", "admin1": "Jammu and Kashmir"},
            {"doc": "b.txt", "event_type": "Battles", "event_date": "2025-05-07",
             "country": "LB"}]
    scores = score_theaters(gold, pred)
    assert scores["india_pakistan"]["tp"] == 1 and scores["india_pakistan"]["fp"] == 0
    assert scores["india_pakistan"]["attributes"]["country"] == 1.0
    assert scores["india_pakistan"]["attributes"]["admin1"] == 0.0
    assert scores["israel_lebanon"]["fp"] == 1 and scores["israel_lebanon"]["gold_events"] == 0


@needs_shared
def test_json_is_the_same_whatever_the_hash_seed() -> None:
    """Two runs print the same bytes (dict orders come from sorted documents, not sets)."""
    import os

    args = [sys.executable, "-m", "ceasewatch", "--json", "evaluate",
            str(SHARED / "seeds.gold.jsonl"), str(SHARED / "seeds")]
    outs = [subprocess.run(args, capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2", "3")]
    assert outs[0] and outs[0] == outs[1] == outs[2]
