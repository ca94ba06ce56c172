"""Offline language identification: documents, paragraphs, and the Arabic-script rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceasewatch.ingest import language
from ceasewatch.ingest.language import detect_language, detect_paragraph, paragraph_languages

PASHTO = "د افغانستان او پاکستان ځواکونو ترمنځ د سپین بولدک سیمه کې نښته وشوه او څو کسان ټپیان شول"
DARI = ("نیروهای امنیتی افغانستان و پاکستان در نزدیکی گذرگاه چمن "
        "با یکدیگر درگیر شدند و چند نفر زخمی شدند")
URDU = "پاکستان اور افغانستان کی فورسز کے درمیان چمن کے قریب جھڑپ ہوئی جس میں کئی افراد زخمی ہوئے"
ARABIC = "تبادلت القوات الباكستانية والأفغانية إطلاق النار قرب معبر تورخم الحدودي صباح اليوم"
CHINESE = "阿富汗和巴基斯坦代表团在伊斯坦布尔举行的第二轮会谈未能取得成果。"
ENGLISH = ("Pakistani and Afghan forces exchanged fire near the Chaman crossing on Thursday, "
           "officials said.")


@pytest.mark.parametrize("text, lang", [
    (PASHTO, "ps"), (DARI, "fa"), (URDU, "ur"), (ARABIC, "ar"), (CHINESE, "zh"),
    (ENGLISH, "en"),
    ("Les forces pakistanaises et afghanes ont échangé des tirs près de la frontière.", "fr"),
])
def test_paragraph_language(text: str, lang: str) -> None:
    assert detect_paragraph(text) == lang


def test_too_little_text_has_no_language() -> None:
    assert detect_language("") is None
    assert detect_language("12:30 — 4/5") is None
    assert detect_paragraph("International") is None


def test_bilingual_seed_is_en_plus_zh(sample_dir: Path) -> None:
    text = (sample_dir / "seed000_lanzhou_bilingual.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "en+zh"


def test_monolingual_seeds(sample_dir: Path) -> None:
    for name in ("seed001_talks_collapse", "seed003_istanbul_third_round"):
        assert detect_language((sample_dir / f"{name}.txt").read_text(encoding="utf-8")) == "en"


def test_one_quoted_line_does_not_make_a_document_bilingual() -> None:
    text = "\n".join([ENGLISH] * 6 + [URDU] + [ENGLISH] * 3)
    assert detect_language(text) == "en"


def test_pashto_and_dari_side_by_side() -> None:
    text = "\n".join([PASHTO, DARI] * 3)
    assert detect_language(text) == "ps+fa"


def test_paragraph_offsets_and_short_lines_inherit() -> None:
    text = f"By Ali Khan\n{ENGLISH}\n\n  {CHINESE}  \n{ENGLISH}\n"
    spans = paragraph_languages(text)
    assert [lang for _, _, lang in spans] == ["en", "en", "zh", "en"]
    start, end, _ = spans[2]
    assert text[start:end] == CHINESE


def test_short_misread_line_takes_the_document_language() -> None:
    byline = "By Islomkhon Gafarov, Shakhzodbek Makhmudov and Firdavs Azimkulov"
    text = "\n".join([ENGLISH, byline, ENGLISH, ENGLISH])
    assert {lang for _, _, lang in paragraph_languages(text)} == {"en"}


def test_text_without_letters_has_no_paragraph_languages() -> None:
    assert paragraph_languages("12:30\n4/5") == []


# -- long documents: a sample first, every paragraph only when the sample is mixed -----------
FRENCH = ("Les forces pakistanaises et afghanes ont échangé des tirs près du poste frontière de "
          "Chaman jeudi, selon des responsables locaux qui ont demandé l'anonymat.")
ENGLISH_PARAGRAPHS = [
    f"Paragraph {i}: {ENGLISH} Traders said the crossing would stay closed until further "
    "notice, and residents described long queues of lorries on both sides of the border."
    for i in range(40)
]


@pytest.fixture
def model_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every paragraph given to the statistical model."""
    calls: list[str] = []
    real = language._classify

    def counting(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(language, "_classify", counting)
    return calls


def test_long_monolingual_document_classifies_a_sample(model_calls: list[str]) -> None:
    assert detect_language("\n".join(ENGLISH_PARAGRAPHS)) == "en"
    assert len(model_calls) <= language.SAMPLE_PARAGRAPHS


def test_long_document_with_a_block_in_another_language(model_calls: list[str]) -> None:
    text = "\n".join(ENGLISH_PARAGRAPHS[:30] + [FRENCH] * 10)
    assert detect_language(text) == "en+fr"
    assert len(model_calls) == 40  # the sample was mixed: every paragraph counted


def test_paragraph_by_paragraph_translation_is_not_missed_by_the_sample() -> None:
    for n in range(5, 25):  # the sample must not fall on every other paragraph only
        text = "\n".join(p for pair in zip(ENGLISH_PARAGRAPHS[:n], [FRENCH] * n,
                                           strict=True) for p in pair)
        assert detect_language(text) == "en+fr", n


def test_one_foreign_paragraph_in_a_long_document() -> None:
    text = "\n".join(ENGLISH_PARAGRAPHS[:20] + [FRENCH] + ENGLISH_PARAGRAPHS[20:30])
    assert detect_language(text) == "en"


def test_sample_positions_spread_and_alternate() -> None:
    for n in range(9, 200):
        positions = language._sample_positions(n, 8)
        assert positions == sorted(set(positions)) and 0 <= positions[0] and positions[-1] < n
        assert {p % 2 for p in positions} == {0, 1}
        gaps = [b - a for a, b in zip([-1, *positions], [*positions, n], strict=True)]
        assert max(gaps) <= n // 8 + 3, (n, positions)
