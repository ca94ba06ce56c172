"""``ceasewatch evaluate --fusion``: fused events scored against gold incident ids.

The figures must be exactly those of ``../shared/corpus/score_fusion.py``: checked on
hand-made gold/prediction sets (every rule: cross-document pairs only, one-to-one matching,
events mixing incidents) and, where the shared corpus is present, on a real ingest.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ceasewatch.cli.main import cli
from ceasewatch.evaluate import group_records
from ceasewatch.evaluate_fusion import evaluate_fusion, score_fusion

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_shared = pytest.mark.skipif(not (SHARED / "score_fusion.py").exists(),
                                  reason="../shared/corpus not present")


def _line(doc: str, day: str, incident: str | None = None, event: str | None = None,
          etype: str = "Battles", precision: str = "day") -> dict[str, Any]:
    out: dict[str, Any] = {"doc": doc, "event_date": day, "event_type": etype,
                           "date_precision": precision}
    if incident is not None:
        out["incident"] = incident
    if event is not None:
        out["event"] = event
    return out


GOLD = [_line("a.txt", "2025-11-06", "spin"), _line("b.txt", "2025-11-06", "spin"),
        _line("c.txt", "2025-11-07", "spin"), _line("a.txt", "2025-11-12", "torkham"),
        _line("d.txt", "2025-11-12", "torkham"),
        _line("e.txt", "2025-10-01", "month", precision="month")]


def test_pairs_counted_across_documents_only() -> None:
    pred = [_line("a.txt", "2025-11-06", event="E1"), _line("b.txt", "2025-11-06", event="E1"),
            _line("c.txt", "2025-11-07", event="E2"),
            # a.txt's Torkham report wrongly fused into the Spin Boldak event
            _line("a.txt", "2025-11-12", event="E1"), _line("d.txt", "2025-11-12", event="E3"),
            _line("e.txt", "2025-10-20", event="E4")]
    res = score_fusion(group_records(GOLD), group_records(pred))
    # gold pairs: a-b, a-c, b-c (spin), a-d (torkham) = 4; predicted: a-b, b-a(torkham) = 2
    # (a.txt's two mentions in E1 are one document: not a pair)
    assert (res["gold_pairs"], res["predicted_pairs"]) == (4, 2)
    assert res["precision"] == 0.5 and res["recall"] == 0.25
    assert res["wrong_merges"] == 1
    assert res["mixing_events"][0]["event"] == "E1"
    assert len(res["missed_pairs"]) == 3
    assert res["matched_mentions"] == 6


def test_unmatched_mentions_are_not_scored_and_empty_sets_score_one() -> None:
    wrong_type = [_line("a.txt", "2025-11-06", event="E1", etype="Riots"),
                  _line("b.txt", "2025-11-06", event="E1", etype="Riots")]
    res = score_fusion(group_records(GOLD), group_records(wrong_type))
    assert res["matched_mentions"] == 0
    assert (res["precision"], res["recall"], res["wrong_merges"]) == (1.0, 1.0, 0)


def _score_fusion_py(gold: list[dict[str, Any]], pred: list[dict[str, Any]],
                     tmp_path: Path) -> dict[str, Any]:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in pred), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SHARED / "score_fusion.py"), str(gold_path),
                          str(pred_path), "--json"], capture_output=True, text=True,
                         check=True)
    return dict(json.loads(out.stdout))


def _their_keys(res: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in res.items() if k not in ("mixing_events", "missed_pairs")}


@needs_shared
def test_figures_equal_score_fusion_py_on_perturbed_events(tmp_path: Path) -> None:
    preds = []
    for n, g in enumerate(GOLD * 3):
        p = dict(g, doc=f"{n % 7}-{g['doc']}", event=f"E{n % 4}")
        p.pop("incident")
        preds.append(p)
    gold = [dict(g, doc=f"{n % 7}-{g['doc']}", incident=f"{g['incident']}{n % 2}")
            for n, g in enumerate(GOLD * 3)]
    ours = score_fusion(group_records(gold), group_records(preds))
    assert _their_keys(ours) == _score_fusion_py(gold, preds, tmp_path)


@needs_shared
def test_cli_on_the_seeds_equals_score_fusion_py(tmp_path: Path) -> None:
    gold_path = SHARED / "seeds.gold.jsonl"
    result = CliRunner().invoke(cli, ["--json", "evaluate", "--fusion", str(gold_path),
                                      str(SHARED / "seeds")])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["documents"] == 5 and not shown["rejected"]
    ev = evaluate_fusion(gold_path, [str(SHARED / "seeds")])
    gold = [json.loads(x) for x in gold_path.read_text(encoding="utf-8").splitlines()
            if x.strip()]
    theirs = _score_fusion_py(gold, ev.predictions, tmp_path)
    assert _their_keys(ev.result) == theirs == _their_keys(
        {k: shown[k] for k in theirs})
    assert all(p["event"] for p in ev.predictions)


def test_cli_table_and_usage_errors(sample_dir: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_line("seed003_istanbul_third_round.txt", "2025-11-06",
                                     "talks", etype="Strategic developments")) + "\n",
                    encoding="utf-8")
    runner = CliRunner()
    shown = runner.invoke(cli, ["evaluate", "--fusion", str(gold), str(sample_dir)])
    assert shown.exit_code == 0, shown.output
    assert "fusion pairwise" in shown.output and "5 documents" in shown.output
    bad = runner.invoke(cli, ["evaluate", "--fusion", "--per-language", str(gold),
                              str(sample_dir)])
    assert bad.exit_code == 2 and "--fusion" in bad.output
    gold.write_text('{"doc": "x.txt", "event_type": "Battles"}\n', encoding="utf-8")
    broken = runner.invoke(cli, ["evaluate", "--fusion", str(gold), str(sample_dir)])
    assert broken.exit_code != 0 and f"{gold}:1" in broken.output


@needs_shared
def test_fusion_gate_on_seeds_and_dev2_in_one_store(tmp_path: Path) -> None:
    """A regression gate at the measured figures (issue 11: 0.571 / 0.667 with 7 events mixing
    incidents before; 0.812 / 0.650 with 3 after, on the extraction of that time; 0.787 /
    0.561 with 4 on the learned extraction of issue 10, which reads more events from the
    same reports; 0.820 / 0.586 with 3 on the models trained on 540 articles, and again on
    777; 0.827 / 0.597 with 3 on 1,237, with each place of a list its own event; 0.896 /
    0.597 once campaign summaries of different areas stay apart; 0.851 / 0.556 with 4 on the
    models trained on 1,454 articles, which read more events from the same reports): fusion
    must not slide back."""
    gold = tmp_path / "shared.gold.jsonl"
    gold.write_text((SHARED / "seeds.gold.jsonl").read_text(encoding="utf-8")
                    + (SHARED / "dev2" / "gold.jsonl").read_text(encoding="utf-8"),
                    encoding="utf-8")
    ev = evaluate_fusion(gold, [str(SHARED / "seeds"), str(SHARED / "dev2" / "articles")])
    res = ev.result
    assert not ev.rejected and ev.documents == 32
    assert res["precision"] >= 0.84 and res["recall"] >= 0.54, res
    assert res["wrong_merges"] <= 4, res["mixing_events"]
