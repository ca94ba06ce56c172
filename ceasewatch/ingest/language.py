"""Offline language identification, per document and per paragraph.

Monitors receive mixed documents: seed000 follows each English paragraph with its Chinese
version, and Afghan outlets publish Pashto and Dari side by side. So a document's language is
the set of languages that hold substantial paragraphs ("en+zh"), and the NLP stages can ask
for the language of each paragraph.

Three layers, cheapest first (trafilatura's habit):

1. the script decides where it is unambiguous: Han characters are Chinese unless kana
   (Japanese) or Hangul (Korean) appear;
2. for Arabic-script text, letters that only one orthography uses decide (see
   ``ARABIC_SCRIPT_LETTERS``): statistical detectors trained on little Pashto routinely call it
   Persian, and Dari (Afghan Persian) is reported as Persian, ISO 639-1 ``fa``;
3. everything else goes to py3langid (offline, bundled model).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

#: Letters that tell the orthographies of Arabic-script languages of the region apart, most
#: specific first. Source: Unicode Arabic block chart (U+0600-U+06FF) and the alphabets of
#: Pashto (Penzl 1955; the letters absent from Persian), Urdu and Persian. A language is chosen
#: when at least ``_MIN_MARKERS`` of its letters occur; Persian letters also occur in Pashto
#: and Urdu, so Persian is tested last.
ARABIC_SCRIPT_LETTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("ps", frozenset("ټډړږښګڼېۍځڅ")),
    ("ur", frozenset("ٹڈڑںےھ")),
    ("fa", frozenset("پچژگ")),
)
_MIN_MARKERS = 2

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
#: what is not a letter; letters are counted as what is left, faster than matching each one
_NOT_LETTER = re.compile(r"[\W\d_]+", re.UNICODE)
_PARAGRAPH = re.compile(r"[^\n]+")

#: fewer letters than this and a statistical guess is noise ("International", "By Ali Khan")
MIN_LETTERS = 40
#: a second language counts when it holds at least this share of the substantial paragraphs
#: and at least two of them: one quoted sentence in Urdu doesn't make an article bilingual.
MIN_SHARE = 0.2
MIN_PARAGRAPHS = 2
#: from this many letters on, py3langid's guess for a paragraph is trusted even when the
#: language is foreign to the rest of the document
RELIABLE_LETTERS = 200
#: characters of a paragraph given to py3langid
CLASSIFY_CHARS = 400
#: py3langid walks its n-gram automaton byte by byte in Python (about 1 ms for a paragraph), so
#: the language of a long document is first estimated from this many of the paragraphs the
#: script does not decide, spread over the document; only when they disagree is every
#: paragraph classified. Script-decided paragraphs (Chinese, Pashto, ...) are always counted.
SAMPLE_PARAGRAPHS = 8


@lru_cache(maxsize=1)
def _classifier() -> Callable[[str], str]:
    """py3langid loads its model (~0.5 s) on first use, once per process; import it lazily."""
    import py3langid

    def classify(text: str) -> str:
        return str(py3langid.classify(text)[0])

    return classify


def _script_language(text: str, letters: int) -> str | None:
    """The language the script alone decides, or None when a statistical model must."""
    han = len(_HAN.findall(text))
    if han:
        if len(_KANA.findall(text)) >= max(2, han // 10):
            return "ja"
        if han / letters >= 0.3:
            return "zh"
    if len(_HANGUL.findall(text)) / letters >= 0.3:
        return "ko"
    arabic = len(_ARABIC.findall(text))
    if arabic / letters >= 0.5:
        for lang, marks in ARABIC_SCRIPT_LETTERS:
            if sum(1 for ch in text if ch in marks) >= _MIN_MARKERS:
                return lang
    return None


def _count_letters(text: str) -> int:
    return len(text) - len("".join(_NOT_LETTER.findall(text)))


def _by_script(text: str, letters: int) -> str | None:
    if letters == 0 or text.isascii():
        return None
    return _script_language(text, letters)


def _classify(text: str) -> str:
    # the n-gram model is sure long before the end of a long paragraph; its cost is linear
    return _classifier()(text[:CLASSIFY_CHARS])


def _identify(text: str, min_letters: int) -> tuple[str | None, bool]:
    """``(language, decided_by_script)``; language None when the text is too short."""
    letters = _count_letters(text)
    if letters == 0:
        return None, False
    by_script = _by_script(text, letters)
    if by_script is not None:
        return by_script, True
    if letters < min_letters:
        return None, False
    return _classify(text), False


def detect_paragraph(text: str, *, min_letters: int = MIN_LETTERS) -> str | None:
    """The ISO 639-1 code of one stretch of single-language text; None when too short.

    >>> detect_paragraph("د افغانستان او پاکستان ځواکونو ترمنځ نښته وشوه")
    'ps'
    """
    return _identify(text, min_letters)[0]


@dataclass(frozen=True, slots=True)
class _Paragraph:
    start: int
    end: int
    lang: str | None
    by_script: bool
    letters: int
    substantial: bool
    #: how many paragraphs this one stands for in the document's count (more than one when
    #: only a sample of the paragraphs was given to the statistical model)
    votes: float = 1.0


def _paragraphs(text: str, *, sample: int | None = None) -> list[_Paragraph]:
    """Each non-blank line with its language.

    With ``sample``, when more paragraphs than that need the statistical model, a sample of
    them is classified first; when it finds a single language, the sampled paragraphs carry
    the votes of the others (which keep ``lang=None``); when it finds several, every
    paragraph is classified.
    """
    spans = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            chunk = text[start:end]
            letters = _count_letters(chunk)
            # a Han character carries about as much as three Latin letters, so a byline
            # such as "朱永彪、胡 宁" is not substantial while a Chinese paragraph is
            han = len(_HAN.findall(chunk)) if letters and not chunk.isascii() else 0
            spans.append((start, end, letters, letters + 2 * han >= MIN_LETTERS,
                          _by_script(chunk, letters)))
    needs_model = [i for i, (_, _, letters, _, script) in enumerate(spans)
                   if script is None and letters >= MIN_LETTERS]
    found: dict[int, str] = {}
    votes = 1.0
    if sample is not None and len(needs_model) > sample:
        picked = [needs_model[i] for i in _sample_positions(len(needs_model), sample)]
        found = {i: _classify(text[spans[i][0]:spans[i][1]]) for i in picked}
        if len(set(found.values())) == 1:  # one language throughout: the sample speaks for all
            votes = len(needs_model) / len(picked)
        else:  # a mixed document: every paragraph counts
            found.update((i, _classify(text[spans[i][0]:spans[i][1]]))
                         for i in needs_model if i not in found)
    else:
        found = {i: _classify(text[spans[i][0]:spans[i][1]]) for i in needs_model}
    out = []
    for i, (start, end, letters, substantial, script) in enumerate(spans):
        if script is not None:
            out.append(_Paragraph(start, end, script, True, letters, substantial))
        elif i in found:
            out.append(_Paragraph(start, end, found[i], False, letters, substantial, votes))
        else:
            out.append(_Paragraph(start, end, None, False, letters, substantial))
    return out


def _sample_positions(n: int, k: int) -> list[int]:
    """``k`` of ``range(n)`` spread evenly, alternately even and odd, so that neither a block
    longer than ``n / k`` nor a translation given paragraph by paragraph slips between them."""
    positions = set()
    for j in range(k):
        pos = (2 * j + 1) * n // (2 * k)
        if pos % 2 != j % 2:
            pos = pos + 1 if pos + 1 < n else pos - 1
        positions.add(pos)
    return sorted(positions)


def _document_languages(paragraphs: list[_Paragraph]) -> list[str]:
    counts: dict[str, float] = {}
    seen: dict[str, int] = {}
    for p in paragraphs:
        if p.lang and p.substantial:
            counts[p.lang] = counts.get(p.lang, 0.0) + p.votes
            seen[p.lang] = seen.get(p.lang, 0) + 1
    order = sorted(counts, key=lambda lang: -counts[lang])  # stable: first appearance on ties
    total = sum(counts.values())
    return order[:1] + [lang for lang in order[1:]
                        if seen[lang] >= MIN_PARAGRAPHS and counts[lang] / total >= MIN_SHARE]


def paragraph_languages(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` for each non-blank line, offsets into ``text``, end exclusive.

    Every paragraph gets a language, for the NLP stages to pick their lexicons by:

    - a paragraph too short to identify ("By Zhu Yongbiao and Hu Ning") takes the language of
      the paragraph before it (the document's first language at the top);
    - a statistical guess outside the document's languages on a paragraph of fewer than
      ``RELIABLE_LETTERS`` letters is a misreading (a byline of Uzbek names read as Uzbek in
      an English article) and is replaced the same way; a change of script is never doubted.

    Empty only when the whole text has too few letters to identify.
    """
    paragraphs = _paragraphs(text)
    languages = _document_languages(paragraphs)
    current = languages[0] if languages else detect_paragraph(text, min_letters=10)
    if current is None:
        return []
    out: list[tuple[int, int, str]] = []
    for p in paragraphs:
        lang = p.lang
        if lang and not p.by_script and lang not in languages and p.letters < RELIABLE_LETTERS:
            lang = None
        current = lang or current
        out.append((p.start, p.end, current))
    return out


def detect_language(text: str) -> str | None:
    """The document's language, ISO 639-1, or ``"en+zh"`` when two hold substantial paragraphs.

    Languages are ordered by the number of their paragraphs, ties by first appearance, so a
    bilingual article that leads with English is ``"en+zh"``. None when the text has too few
    letters to tell. In a long document the paragraphs that only the statistical model can
    place are sampled first (``SAMPLE_PARAGRAPHS``), and all classified only when the sample
    finds more than one language; ``paragraph_languages`` classifies every paragraph.
    """
    languages = _document_languages(_paragraphs(text, sample=SAMPLE_PARAGRAPHS))
    if not languages:
        return detect_paragraph(text, min_letters=10)
    return "+".join(languages)
