"""The annotated corpus scored split by split (``ceasewatch evaluate --corpus``): the learned
extractor must beat the rules alone on the team's train split and on the blind split.

The blind split is scored only to report and to catch a regression below the rules-alone
baseline (2026-12-04, 457 blind articles: rules alone F1 0.407, recall 0.287; with the
learned models F1 0.589, recall 0.566); nothing is tuned on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch.evaluate import evaluate_splits

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
#: rules alone, measured 2026-12-04 on the corpus of 1,454 articles (``CEASEWATCH_MODELS=none
#: ceasewatch evaluate --corpus``; 1,237 articles: blind 0.402 / 0.282, train 0.449 / 0.328)
RULES_ONLY = {"blind": {"f1": 0.407, "recall": 0.287}, "train": {"f1": 0.447, "recall": 0.326}}


@pytest.fixture(scope="module")
def splits() -> dict[str, dict[str, object]]:
    if not (SHARED / "dev2").exists():
        pytest.skip("../shared/corpus not present")
    return evaluate_splits(splits=("train", "blind"))


@pytest.mark.parametrize("split", ["train", "blind"])
def test_learned_extraction_beats_the_rules_alone(splits: dict[str, dict[str, object]],
                                                  split: str) -> None:
    res = splits[split]
    assert res["documents"] >= 40
    for measure, base in RULES_ONLY[split].items():
        value = res[measure]
        assert isinstance(value, float) and value >= base + 0.08, (split, measure, value)


def test_every_language_is_reported(splits: dict[str, dict[str, object]]) -> None:
    per_language = splits["blind"]["per_language"]
    assert isinstance(per_language, dict)
    assert {"en", "ur", "zh", "ru", "fa", "ps"} <= set(per_language)


def test_cli_reports_each_split(splits: dict[str, dict[str, object]]) -> None:
    from click.testing import CliRunner

    from ceasewatch.cli.main import cli

    out = CliRunner().invoke(cli, ["evaluate", "--corpus"])
    assert out.exit_code == 0, out.output
    for split in ("seeds", "dev2", "train", "blind"):
        assert split in out.output
    bad = CliRunner().invoke(cli, ["evaluate", "--corpus", "gold.jsonl"])
    assert bad.exit_code == 2 and "takes no GOLD" in bad.output


#: event F1 per language on the team's train split with the default models, measured
#: 2026-12-04 (997 articles): en 0.742, fa 0.779, ps 0.672, ru 0.738, ur 0.780, zh 0.712
#: (847 articles: en 0.747, fa 0.787, ps 0.673, ru 0.741, ur 0.783, zh 0.721; 542
#: articles: en 0.729, fa 0.798, ps 0.719, ru 0.766, ur 0.776, zh 0.712; the Pashto reports
#: added since are harder ones)
TRAIN_LANGUAGE_F1_FLOORS = {"en": 0.70, "fa": 0.75, "ps": 0.64, "ru": 0.70, "ur": 0.75,
                            "zh": 0.69}


@pytest.mark.parametrize("lang", sorted(TRAIN_LANGUAGE_F1_FLOORS))
def test_train_language_f1_above_floor(splits: dict[str, dict[str, object]], lang: str
                                       ) -> None:
    per_language = splits["train"]["per_language"]
    assert isinstance(per_language, dict)
    value = per_language[lang]["f1"]
    assert isinstance(value, float) and value >= TRAIN_LANGUAGE_F1_FLOORS[lang], (lang, value)


#: strict F1 and country/admin1 accuracy on matched events per theater, train split, default
#: models, measured 2026-12-04 (``ceasewatch evaluate --corpus --per-theater``, 997 train
#: articles): afpak 0.600 / 0.801 / 0.663, india_pakistan 0.599 / 0.836 / 0.746,
#: israel_lebanon 0.481 / 0.723 / 0.510, no pack 0.434 / 0.720 / 0.486 (847: afpak 0.603 /
#: 0.801 / 0.668, india_pakistan 0.576 / 0.835 / 0.761, israel_lebanon 0.462 / 0.720 / 0.453).
#: The Afghanistan–Pakistan floor is the gate that
#: adding theaters never costs the first one. Reports no pack holds ("no pack": the world
#: gazetteer, world country names and generic actors alone), 2026-12-04 after the names and
#: adjectives of 84 more countries: 0.422 / 0.703 / 0.461 (before: 0.401 / 0.683 / 0.402).
TRAIN_THEATER_FLOORS = {"afpak": {"strict_f1": 0.58, "country": 0.77, "admin1": 0.64},
                        "india_pakistan": {"strict_f1": 0.54, "country": 0.80, "admin1": 0.72},
                        "israel_lebanon": {"strict_f1": 0.44, "country": 0.69, "admin1": 0.44},
                        "no pack": {"strict_f1": 0.40, "country": 0.68, "admin1": 0.44}}


@pytest.mark.parametrize("theater", sorted(TRAIN_THEATER_FLOORS))
def test_train_theater_above_floor(splits: dict[str, dict[str, object]], theater: str
                                   ) -> None:
    per_theater = splits["train"]["per_theater"]
    assert isinstance(per_theater, dict)
    res = per_theater[theater]
    got = {"strict_f1": res["strict_f1"], "country": res["attributes"]["country"],
           "admin1": res["attributes"]["admin1"]}
    for measure, floor in TRAIN_THEATER_FLOORS[theater].items():
        assert got[measure] >= floor, (theater, measure, got[measure])


def test_cli_reports_each_theater(splits: dict[str, dict[str, object]]) -> None:
    from click.testing import CliRunner

    from ceasewatch.cli.main import cli

    out = CliRunner().invoke(cli, ["evaluate", "--corpus", "--per-theater"])
    assert out.exit_code == 0, out.output
    for key in ("blind afpak", "blind india_pakistan", "blind israel_lebanon", "no pack"):
        assert key in out.output
