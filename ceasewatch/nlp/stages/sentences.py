"""Paragraphs and sentences, by rule: no model, offsets into the document.

Paragraphs are the document's lines (news text from feeds, HTML extraction and the seeds keeps
one paragraph per line). Each paragraph gets a language from
``ceasewatch.ingest.language.paragraph_languages`` when that module exists, otherwise from a
cheap script test (CJK-dominant -> ``zh``, else the document's language or ``en``).

English sentences end at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) followed by a
space and a capital, digit or quote, except after abbreviations ("Lt. Gen. Asim Malik",
"U.S. Special Representative").

    >>> split_sentences_en("Lt. Gen. Asim Malik led it. Talks ended.", 0)
    [(0, 27), (28, 40)]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ceasewatch.nlp.context import DocContext, SentenceFacts, stage
from ceasewatch.nlp.languages import get_language

_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm brig cmdr gov sen rep st jr sr no vs
etc inc ltd co corp dept est approx fig jan feb mar apr jun jul aug sep sept oct nov dec
u.s u.k u.n e.g i.e a.m p.m mt ft
""".split())

_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    lang: str | None


def _last_word(text: str, end: int) -> str:
    i = end
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "."):
        i -= 1
    return text[i:end].lower().rstrip(".")


def split_sentences_en(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as document offsets (``offset`` = where ``text`` starts)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        dot = m.start()
        word = _last_word(text, dot)
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return trimmed_spans(text, spans, offset)


def trimmed_spans(text: str, spans: Iterable[tuple[int, int]], offset: int = 0
                  ) -> list[tuple[int, int]]:
    """Spans of ``text`` without their surrounding whitespace, empty ones left out, shifted
    by ``offset`` into document offsets: the last step of every sentence splitter.

    >>> trimmed_spans("  One.  Two. ", [(0, 7), (7, 13)], 100)
    [(102, 106), (108, 112)]
    """
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s + offset, e + offset))
    return out


def _script_language(text: str, default: str) -> str:
    if _CJK.search(text) is None:
        return default  # the common case, without counting every letter
    letters = len(_LETTER.findall(text))
    if letters and len(_CJK.findall(text)) * 2 >= letters:
        return "zh"
    return default


def _paragraph_languages_fallback(text: str, default: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end, _script_language(line, default)))
        pos = end + 1
    return out


def _ingest_paragraph_languages() -> Callable[[str], list[tuple[int, int, str]]] | None:
    try:
        from ceasewatch.ingest.language import paragraph_languages
    except ImportError:
        return None
    return paragraph_languages


def split_paragraphs(text: str, doc_language: str | None = None) -> list[Paragraph]:
    """Paragraph spans with their language; line breaks always end a paragraph."""
    default = (doc_language or "en").split("+")[0] or "en"
    # a document declared in one language needs no statistical detector per paragraph: the
    # script test still catches a Chinese paragraph in it
    detect = _ingest_paragraph_languages() if (doc_language is None or "+" in doc_language) \
        else None
    spans: list[tuple[int, int, str]] | None = None
    if detect is not None:
        try:
            spans = detect(text)
        except Exception:  # a detector failure must not cost the document: fall back
            spans = None
    if spans is None:
        spans = _paragraph_languages_fallback(text, default)
    out: list[Paragraph] = []
    for start, end, lang in spans:
        # a detector may merge lines; the stages want one paragraph per line
        pos = start
        for line in text[start:end].split("\n"):
            s, e = pos, pos + len(line)
            pos = e + 1
            if line.strip():
                out.append(Paragraph(s, e, lang or _script_language(line, default)))
    return out


_QUOTE = re.compile(r"“[^”]*”?|\"[^\"\n]*\"")


def _quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _QUOTE.finditer(text, 0, end - start)
            if m.end() - m.start() > 2]


def sentences_stage(ctx: DocContext) -> None:
    """Paragraphs -> sentences, each read with its own language's resources.

    Every supported language of a mixed document is read: seed000 follows each English
    paragraph with its Chinese version, and both tellings of one incident become one event in
    the merge stage (same type, overlapping dates, agreeing places), its evidence in both
    languages. Paragraphs in unsupported languages are counted, never read with another
    language's rules.
    """
    text = ctx.doc.text
    paragraphs = split_paragraphs(text, ctx.doc.language)
    for p_index, para in enumerate(paragraphs):
        resources = get_language(para.lang)
        if resources is None:
            key = para.lang or "unknown"
            ctx.skipped_paragraphs[key] = ctx.skipped_paragraphs.get(key, 0) + 1
            continue
        chunk = text[para.start:para.end]
        quotes = _quotes(chunk, para.start, para.end)
        for start, end in resources.split_sentences(chunk, para.start):
            ctx.sentences.append(SentenceFacts(
                index=len(ctx.sentences), start=start, end=end, text=text[start:end],
                paragraph=p_index, lang=resources.code, resources=resources,
                quotes=[q for q in quotes if q[0] < end and start < q[1]]))


stage("sentences", sets=("sentences",))(sentences_stage)
