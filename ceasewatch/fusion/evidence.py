"""Claim-level evidence: the sentence that states a claim's value, and where the value is in it.

A mention's evidence is the sentence that tells its event ("In October, renewed armed clashes
erupted…"); its death toll may be stated two sentences on ("Official figures reported 23
Pakistani and approximately 200 Afghan fatalities"). Quoting the event's sentence for the
toll shows a reader words that do not hold the figure. So each claim is given the sentence
of the document, nearest to the mention's evidence, that *contains the value's words*:

- a casualty figure: the number or number word ("four", "dozens", 二十三, سه) that the
  number finders of extraction (English, Chinese, Arabic script) read as one of the claim's
  figures, or the addends that sum to it (23 + 200 = 223); zero: "no casualties", 无人员伤亡;
- a round of talks: the ordinal ("third", "3rd", 第三, "round 3");
- a place: its name (or its province's), in any language of the alias tables; a border:
  a word for it (``fusion.yaml`` ``border_words``); a country: a word naming it;
- an actor: its name or alias, or a word naming its side (``fusion.yaml`` ``side_words``);
- a date: the words extraction dated the event by ("on Saturday", "October 15", the
  dateline), where they stand (``date_words``); a date no words state is the report's own.

The search reaches ``REACH`` sentences either side of the evidence sentence, nearest first
(the sentence itself, then the next, the previous…); a casualty figure or a round of talks is
looked for in the whole document, nearest first, among the sentences that speak of
casualties (of talks), and a place or an actor further off by its own name only. A claim
whose value no sentence states keeps the mention's evidence without marks: it is shown,
never highlighted, and the dev-corpus test counts it. Offsets are into the document text,
so every language of a bilingual report is quoted in its own sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

from ceasewatch.fusion.knowledge import FusionKnowledge
from ceasewatch.records import Claim, Mention

#: sentences searched either side of the mention's evidence sentence
REACH = 3
#: the most numbers of one sentence tried as addends of a summed toll
MAX_ADDENDS = 3

_ZH_END = re.compile(r"[。！？；]")
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")
_ZH_DIGITS = "一二三四五六七八九十"
_NO_CASUALTIES = re.compile(
    r"\bno (?:[\w-]+ ){0,2}(?:casualties|deaths|fatalities|injuries|loss of life)\b"
    r"|\bno one (?:was )?(?:killed|hurt|injured)\b|\bwithout (?:any )?(?:casualties|loss of "
    r"life)\b"
    r"|无人员伤亡|没有人员伤亡|無人員傷亡|无人伤亡",
    re.IGNORECASE)

#: beyond ``REACH``, a sentence is searched for a casualty figure only when it speaks of
#: casualties (the toll of a campaign is often given paragraphs after its first telling)
_CASUALTY_CUE = re.compile(
    r"kill|dead|death|died|fatalit|martyr|wound|injur|casualt|lives|死|亡|伤|傷|遇难|罹难",
    re.IGNORECASE)

#: beyond ``REACH``, the sentences searched for a round of talks
_TALKS_CUE = re.compile(r"talks|round|negotiat|meeting|attempt|会谈|谈判|會談|談判|轮|輪",
                        re.IGNORECASE)
_FAR_CUES = {"fatalities": _CASUALTY_CUE, "injuries": _CASUALTY_CUE, "round": _TALKS_CUE}

Mark = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ClaimSpan:
    """Where a claim is stated: its sentence and its value's words, as document offsets."""

    start: int
    end: int
    marks: tuple[Mark, ...]


@lru_cache(maxsize=256)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The document's sentences as offsets: lines, cut at sentence ends (., !, ?, 。)."""
    from ceasewatch.nlp.stages.sentences import split_sentences_en

    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        begin, stop = pos, pos + len(line)
        pos = stop + 1
        if not line.strip():
            continue
        cuts = [begin] + [begin + m.end() for m in _ZH_END.finditer(line)] + [stop]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if text[a:b].strip():
                out.extend(split_sentences_en(text[a:b], a))
    return tuple(out)


def _nearby(sentences: Sequence[tuple[int, int]], start: int, end: int
            ) -> list[tuple[tuple[int, int], bool]]:
    """The evidence's sentence, then the others nearest first, each with whether it lies
    within ``REACH`` sentences of the evidence."""
    index = next((i for i, (s, e) in enumerate(sentences) if s <= start < e or start < e
                  and end > s), None)
    if index is None:
        return []
    order = [index]
    for step in range(1, len(sentences)):
        order += [i for i in (index + step, index - step) if 0 <= i < len(sentences)]
    return [(sentences[i], abs(i - index) <= REACH) for i in order]


@lru_cache(maxsize=4096)
def _numbers(sentence: str) -> tuple[Any, ...]:
    from ceasewatch.nlp.arabic_script.dates import find_numbers as find_numbers_arabic
    from ceasewatch.nlp.stages.numbers import find_numbers_en
    from ceasewatch.nlp.zh.numbers import find_numbers as find_numbers_zh

    found = {(n.start, n.end): n for finder in (find_numbers_en, find_numbers_zh,
                                                find_numbers_arabic)
             for n in finder(sentence)}
    return tuple(found[k] for k in sorted(found))


def _figure_marks(sentence: str, value: dict[str, Any]) -> list[Mark] | None:
    figures = {v for v in (value.get("low"), value.get("best"), value.get("high"))
               if isinstance(v, int)}
    if not figures:
        return None
    if figures == {0}:
        m = _NO_CASUALTIES.search(sentence)
        return [(m.start(), m.end())] if m else None
    numbers = _numbers(sentence)
    for n in numbers:
        if figures & {n.low, n.best, n.high}:
            return [(n.start, n.end)]
    exact = [n for n in numbers if (n.best if n.best is not None else n.low) is not None]
    for size in range(2, MAX_ADDENDS + 1):
        for parts in combinations(exact, size):
            total = sum(p.best if p.best is not None else p.low for p in parts)
            if total in figures:
                return [(p.start, p.end) for p in parts]
    return None


@lru_cache(maxsize=64)
def _ordinal_pattern(n: int) -> re.Pattern[str]:
    words = [rf"\b{n}(?:st|nd|rd|th)\b", rf"\bround\s+{n}\b", rf"第\s*{n}\s*[轮輪]"]
    if 1 <= n <= len(_ORDINALS):
        words.append(rf"\b{_ORDINALS[n - 1]}\b")
    if 1 <= n <= 10:
        words.append(rf"第{_ZH_DIGITS[n - 1]}")
    return re.compile("|".join(words), re.IGNORECASE)


@lru_cache(maxsize=16384)
def _whole_word(word: str) -> re.Pattern[str]:
    """An ASCII word standing alone, in any case: compiled once (an event is rebuilt each
    time a report joins it, and its names, aliases and side words are looked for again)."""
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)


def _word_marks(sentence: str, words: Iterable[str | None]) -> list[Mark] | None:
    # longest first; words of one length in the order given (names before side words), not
    # in a set's order, which changed with the interpreter's hash seed from run to run
    unique = dict.fromkeys(w for w in words if w and len(w) > 1)
    # in ASCII text an ASCII word matches in any case only where its lower case stands: a
    # substring test rules out most words before any regex runs
    folded = sentence.lower() if sentence.isascii() else None
    for word in sorted(unique, key=len, reverse=True):
        if word.isascii():
            if folded is not None and word.lower() not in folded:
                continue
            m = _whole_word(word).search(sentence)
            if m:
                return [(m.start(), m.end())]
        else:  # other scripts: the words as written, wherever they stand
            at = sentence.find(word)
            if at >= 0:
                return [(at, at + len(word))]
    return None


def value_marks(sentence: str, field: str, value: Any, k: FusionKnowledge, *,
                names_only: bool = False) -> list[Mark] | None:
    """Where in ``sentence`` (offsets into it) the claim's value is stated, or None.

    ``names_only``: a place or actor only by its own name or alias, not by a word for its
    side, its country or the border (for sentences far from the evidence)."""
    if field in ("fatalities", "injuries") and isinstance(value, dict):
        return _figure_marks(sentence, value)
    if field == "round":
        try:
            n = int(str(value))
        except ValueError:
            return None
        m = _ordinal_pattern(n).search(sentence)
        return [(m.start(), m.end())] if m else None
    if field == "location" and isinstance(value, dict):
        names = [value.get("name"), value.get("admin1")]
        words = [*names, *(a for n in names for a in aliases(n))]
        if names_only:
            return _word_marks(sentence, words)
        if value.get("precision") == "border":
            # a border place on one side ("inside Pakistani territory") is stated by a word
            # for the border or for that side
            words += [*k.border_words, *k.side_words.get(str(value.get("country")), ())]
        elif value.get("precision") == "country":
            words += k.side_words.get(str(value.get("country")), ())
        return _word_marks(sentence, words)
    if field in ("actor1", "actor2") and isinstance(value, dict):
        side = value.get("side")
        own = [value.get("name"), *aliases(value.get("name"))]
        return _word_marks(sentence, own if names_only else
                           [*own, *k.side_words.get(str(side), ())])
    return None


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, tuple[str, ...]]:
    """Canonical place/actor name -> its other names: in other languages (``data/theaters/
    <name>/{place,actor}_aliases.*.tsv``) and the gazetteer's own variants (``places.tsv``:
    "KP" for Khyber Pakhtunkhwa) — the tables extraction reads them with."""
    from importlib import resources

    out: dict[str, list[str]] = {}
    root = resources.files("ceasewatch").joinpath("data", "theaters")
    for theater in sorted(root.iterdir(), key=lambda t: t.name):
        if not theater.is_dir():
            continue
        for entry in sorted(theater.iterdir(), key=lambda e: e.name):
            gazetteer = entry.name == "places.tsv"
            if not (gazetteer or (entry.name.endswith(".tsv") and "_aliases." in entry.name)):
                continue
            for line in entry.read_text(encoding="utf-8").splitlines():
                cols = line.split("\t")
                if line.startswith("#") or len(cols) < 2:
                    continue
                if gazetteer:  # name, variants (|-separated), ...
                    out.setdefault(cols[0].strip().casefold(), []).extend(
                        v.strip() for v in cols[1].split("|") if v.strip())
                else:  # alias, canonical name
                    out.setdefault(cols[1].strip().casefold(), []).append(cols[0].strip())
    return {k: tuple(v) for k, v in out.items()}


def aliases(name: object) -> tuple[str, ...]:
    """Other names of a canonical place or actor: 喀布尔 for Kabul."""
    return _alias_table().get(str(name).casefold(), ()) if name else ()


#: fields whose value has words a sentence can be checked for
LOCATED_FIELDS = frozenset({"fatalities", "injuries", "round", "location", "actor1",
                            "actor2", "event_date"})


def locate(text: str | None, mention: Mention, field: str, value: Any) -> ClaimSpan | None:
    """The sentence nearest the mention's evidence that states the value, with its marks.

    Cached: an event is rebuilt each time a report joins it, and its claims are located
    again from the same texts."""
    if not text or field not in LOCATED_FIELDS or mention.evidence_start < 0:
        return None
    if isinstance(value, dict) and value.get("contested"):
        return None  # "each side blamed the other": the evidence sentence says it
    if field == "event_date":
        return date_words(text, mention)
    return _locate(text, mention.evidence_start, mention.evidence_end, field,
                   json.dumps(value, sort_keys=True))


def date_words(text: str, mention: Mention) -> ClaimSpan | None:
    """The sentence holding the words extraction dated the event by ("on Saturday", "15
    October", a dateline), those words marked; None for a date that no words state (the
    report's own date, taken when a text names no day)."""
    raw = dict(mention.attributes).get("date_span", "")
    a, _, b = raw.partition(":")
    if not (a.isdigit() and b.isdigit()) or not 0 <= int(a) < int(b) <= len(text):
        return None
    start, end = int(a), int(b)
    for s0, s1 in sentence_spans(text):
        if s0 <= start < s1:
            return ClaimSpan(s0, max(s1, end), ((start, end),))
    return ClaimSpan(start, end, ((start, end),))


@lru_cache(maxsize=2048)
def _locate(text: str, ev_start: int, ev_end: int, field: str, value_json: str
            ) -> ClaimSpan | None:
    from ceasewatch.fusion.knowledge import knowledge

    k = knowledge()
    value = json.loads(value_json)
    cue = _FAR_CUES.get(field)
    for (start, end), near in _nearby(sentence_spans(text), ev_start, ev_end):
        if not near and cue and not cue.search(text[start:end]):
            continue
        marks = value_marks(text[start:end], field, value, k, names_only=not near)
        if marks:
            return ClaimSpan(start, end, tuple((start + a, start + b) for a, b in marks))
    return None


def relative_marks(claim: Claim) -> list[Mark]:
    """A stored claim's value marks as offsets into its evidence sentence."""
    base = claim.evidence_start
    return [(a - base, b - base) for a, b in claim.marks
            if base >= 0 and 0 <= a - base < b - base <= len(claim.evidence)]


def bracketed(text: str, marks: Iterable[Sequence[int]]) -> str:
    """The evidence with its value's words between « and », for plain-text output."""
    out, pos = [], 0
    for a, b in sorted((int(m[0]), int(m[1])) for m in marks):
        if a < pos:
            continue
        out += [text[pos:a], "«", text[a:b], "»"]
        pos = b
    return "".join(out) + text[pos:]


#: words after a figure that make its dead civilians ("four Afghan civilians were killed")
_CIVILIANS = re.compile(r"civilian|non-combatant|平民|بې ګناه|ملکی|غیرنظامی", re.IGNORECASE)
_AFTER = re.compile(r"\s*([^\s,;.]+)(?:\s+([^\s,;.]+))?(?:\s+([^\s,;.]+))?")
#: where the words that say whose dead a figure counts end: a clause break, or the word of
#: dying itself — a side named after it is who killed them ("17 killed in Pakistani
#: strikes"), not whose dead they are ("23 Pakistani soldiers were killed")
_SIDE_WINDOW_END = re.compile(
    r"[,;:.!?،؛。，、；：！？\n]|\b(?:killed|dead|died|deaths?|injured|wounded|martyred|"
    r"perished|lost|fatalities|casualties)\b|死|亡|丧生|喪生|遇难|遇難|伤|傷|"
    r"جاں بحق|ہلاک|شہید|زخمی|کشته|زخمي|وژل|ټپي|погиб|убит|ранен", re.IGNORECASE)
#: how many characters after a figure an unspaced script (Chinese) may name its side
_UNSPACED_REACH = 8


def figure_sides(text: str, marks: Sequence[Mark], k: FusionKnowledge
                 ) -> list[dict[str, Any]]:
    """UCDP-style parts of a toll: each marked figure with whose dead it counts, read from
    the words right after it — a side ("23 Pakistani" -> PK), "civilians", or unknown (None).

    >>> from ceasewatch.fusion.knowledge import knowledge
    >>> t = "23 Pakistani and approximately 200 Afghan fatalities"
    >>> [(p["side"], p["count"]) for p in figure_sides(t, [(0, 2), (17, 34)], knowledge())]
    [('PK', 23), ('AF', 200)]
    >>> [p["side"] for p in figure_sides("17 killed in Pakistani strikes", [(0, 2)], knowledge())]
    [None]
    >>> [p["side"] for p in figure_sides("造成至少10人丧生，巴基斯坦称", [(2, 6)], knowledge())]
    [None]
    >>> [p["side"] for p in figure_sides("23名巴基斯坦士兵死亡", [(0, 2)], knowledge())]
    ['PK']
    """
    out = []
    for a, b in marks:
        numbers = _numbers(text[a:b])
        if not numbers:
            continue
        n = numbers[0]
        count = n.best if n.best is not None else n.low
        window = text[b:b + 80]
        stop = _SIDE_WINDOW_END.search(window)
        window = window[:stop.start()] if stop else window
        if window[:1] and not window[:1].isspace() and not window[:1].isascii():
            after = window[:_UNSPACED_REACH]  # "23名巴基斯坦士兵": no spaces to count words by
        else:
            m = _AFTER.match(window)
            after = " ".join(w for w in (m.groups() if m else ()) if w)
        side: str | None = None
        if _CIVILIANS.search(after):
            side = "civilians"
        else:
            for key, words in k.side_words.items():
                if _word_marks(after, words):
                    side = key
                    break
        out.append({"side": side, "count": count, "words": text[a:b]})
    return out


def states_initiation(claim: Claim, k: FusionKnowledge) -> bool:
    """Whether an initiator (actor1) claim's sentence says this actor *started* it.

    The first actor of a report is not always who started it ("the Taliban retaliated"): the
    sentence must hold a word of starting (``fusion.yaml`` ``initiation_words``: initiated,
    opened fire, launched…) and no word of answering right after the actor (``response_words``:
    retaliated, responded…). Mutual blame ("each side accused the other of starting it") is
    about who started it, so it counts.
    """
    if claim.field != "actor1":
        return False
    try:
        value = json.loads(claim.value)
    except ValueError:
        return False
    if isinstance(value, dict) and value.get("contested"):
        return True
    text = claim.evidence
    if not _any_word(text, k.initiation_words):
        return False
    for _, b in relative_marks(claim):
        if _any_word(text[b:b + 40], k.response_words):
            return False
    return True


def _any_word(text: str, words: Iterable[str]) -> bool:
    return bool(_word_marks(text, words))


def locate_blame(text: str | None, mention: Mention, voice: str, blamed: str,
                 k: FusionKnowledge) -> ClaimSpan | None:
    """The sentence where ``voice`` puts the first shot on ``blamed`` ("firing was initiated
    from the Afghan side", says Pakistan's ministry): nearest the evidence, holding a word of
    starting and a word for the blamed side that is not a speaker ("the Afghan military
    said" names a voice, not the side that fired); the side's word is marked."""
    if not text or mention.evidence_start < 0:
        return None
    for (start, end), _near in _nearby(sentence_spans(text), mention.evidence_start,
                                       mention.evidence_end):
        sentence = text[start:end]
        if not _any_word(sentence, k.initiation_words):
            continue
        for a, b in _all_word_marks(sentence, k.side_words.get(blamed, ())):
            if not _SPEAKER.match(sentence, b):
                return ClaimSpan(start, end, ((start + a, start + b),))
    return None


#: a side word followed by one of these names a speaker, not the side that acted
_SPEAKER = re.compile(r"[\s’']*(?:s\s+)?(?:military|army|officials?|ministry|government|"
                      r"spokes(?:man|person|woman)|sources|authorities|media|side said)\b",
                      re.IGNORECASE)


def _all_word_marks(sentence: str, words: Iterable[str]) -> list[Mark]:
    out: list[Mark] = []
    for word in {w for w in words if w and len(w) > 1}:
        pattern = _whole_word(word) if word.isascii() else _literal(word)
        out += [(m.start(), m.end()) for m in pattern.finditer(sentence)]
    return sorted(out)


@lru_cache(maxsize=4096)
def _literal(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word))
