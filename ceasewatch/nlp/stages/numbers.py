"""English quantities, and the casualty counts they make in a sentence.

Counts follow the UCDP convention of ``Casualties`` (low/best/high), the same as the Chinese
finder in ``nlp/zh/numbers.py`` so both languages give comparable records:

- "23", "1,500", "twenty-three", "a hundred" -> exact: low = best = high;
- "approximately 200", "about 40", "some 30" -> the same (an estimate is still the best figure);
- "at least 5" -> low 5, best 5; "more than 20" / "over 20" -> low 21; "up to 30" -> high 30;
  "between 10 and 15" / "10-15" -> low 10, high 15;
- vague amounts: "dozens" -> low 24 (the corpus rule), "scores" -> 40, "hundreds" -> 200,
  "thousands" -> 2000, "several" -> 3, "a dozen" -> 12.

A count is a death toll when a *killed* word of the lexicon follows it within a few words
("four Afghan civilians were killed") or a *killed_before* word precedes it ("killing 12");
coordinated counts share the word ("23 Pakistani and approximately 200 Afghan fatalities" ->
223). "No casualties were reported" is zero killed and zero wounded.

    >>> [(n.surface, n.low, n.best) for n in find_numbers_en("dozens dead and 23 wounded")]
    [('dozens', 24, None), ('23', 23, 23)]
"""

from __future__ import annotations

import re

from ceasewatch.nlp.context import DocContext, SentenceFacts, stage
from ceasewatch.nlp.lexicon import Lexicon
from ceasewatch.nlp.prefilter import compile_gated
from ceasewatch.nlp.spans import DateSpan, NumberSpan
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import Casualties

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "several": 3,
          "tens": 20}
_TENS_RE = "|".join(_TENS)
_UNITS_RE = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORDNUM = (rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNITS_RE}))?|{_UNITS_RE}|a|an)"
            rf"(?:\s+(?:hundred|thousand))?(?:\s+and\s+(?:(?:{_TENS_RE})(?:[- ](?:{_UNITS_RE}))?"
            rf"|{_UNITS_RE}))?")
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORDNUM})"
# gated (``nlp/prefilter.py``) by the first three characters a count can start with
_PATTERN = compile_gated(
    rf"""\b(?:
      (?P<between>between)\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})
    | (?P<r1>\d+)\s*(?:-|–|to)\s*(?P<r2>\d+)
    | (?P<hedge>approximately|about|around|nearly|almost|roughly|some|an\s+estimated|close\s+to
        |at\s+least|more\s+than|over|up\s+to|as\s+many\s+as|fewer\s+than|less\s+than)?\s*
      (?:(?P<dozen>(?:half\s+)?a\s+dozen)|(?P<vague>dozens|scores|hundreds|thousands|several|tens)
        |(?P<num>{_NUM}))
    )\b""",
    re.VERBOSE | re.IGNORECASE, depth=3,
)
_GAP_WORDS = re.compile(r"[\w’'-]+")
#: after "a"/"an", one person: "a Pakistani soldier was killed", "two soldiers and a civilian
#: porter" (at most two modifiers; "a number of", "a convoy" are not people)
_ONE_PERSON = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,2}?(?:soldier|civilian|child|boy|girl|woman|man|policeman|"
    r"police officer|officer|guard|border guard|porter|trader|driver|resident|villager|"
    r"militant|fighter|insurgent|commander|journalist|student|worker|farmer|shepherd|"
    r"elder|passer-by|bystander|person|refugee|member)(?![\w-]|\s+(?:vehicles?|cars?|"
    r"bus(?:es)?|houses?|homes?|areas?|convoys?|posts?|trucks?|camps?|hideouts?|compounds?|"
    r"targets?|aircraft|planes?|facilit(?:y|ies)|buildings?|populations?))", re.IGNORECASE)
#: the words between two coordinated counts: "23 Pakistani and", "500 civilians, 311 soldiers,"
_COORD = re.compile(r"^\s*(?:[\w’'-]+\s+){0,3}?(?:and|or|,)\s*(?:and\s+)?$"
                    r"|^\s*(?:[\w’'-]+\s+){0,3}?[\w’'-]*,\s*(?:and\s+)?$", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """"1,500" -> 1500, "twenty-three" -> 23, "two hundred and five" -> 205, "a" -> 1."""
    t = text.lower().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    total, current = 0, 0
    for word in re.split(r"[\s-]+", t):
        if word in ("a", "an"):
            current += 1
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        elif word == "and":
            continue
        else:
            return None
    return total + current


def _span(m: re.Match[str]) -> NumberSpan | None:
    g = m.groupdict()
    surface = m.group(0).strip()
    start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    if g["between"] or g["r1"]:
        lo = parse_number(g["b1"] or g["r1"])
        hi = parse_number(g["b2"] or g["r2"])
        if lo is None or hi is None or hi < lo:
            return None
        return NumberSpan(start, start + len(surface), surface, lo, None, hi)
    hedge = " ".join((g["hedge"] or "").lower().split())
    if g["dozen"]:
        value = 6 if g["dozen"].lower().startswith("half") else 12
    elif g["vague"]:
        low = _VAGUE[g["vague"].lower()]
        return NumberSpan(start, start + len(surface), surface, low, None, None)
    else:
        parsed = parse_number(g["num"])
        if parsed is None:
            return None
        value = parsed
        if g["num"].lower() in ("a", "an") and not hedge and not _ONE_PERSON.match(
                m.string, m.end()):
            return None  # the article, not a count ("a soldier was killed" is one)
    if hedge in ("at least", "as many as"):
        return NumberSpan(start, start + len(surface), surface, value, value, None)
    if hedge in ("more than", "over"):
        return NumberSpan(start, start + len(surface), surface, value + 1, None, None)
    if hedge in ("up to", "fewer than", "less than"):
        return NumberSpan(start, start + len(surface), surface, None, None, value)
    return NumberSpan(start, start + len(surface), surface, value, value, value)


def find_numbers_en(text: str) -> list[NumberSpan]:
    """Count spans in ``text`` (offsets relative to it)."""
    out = []
    for m in _PATTERN.finditer(text):
        if not m.group(0).strip():
            continue
        span = _span(m)
        if span is not None:
            out.append(span)
    return out


def _sum(parts: list[NumberSpan]) -> Casualties:
    if not parts:
        return Casualties()

    def total(values: list[int | None]) -> int | None:
        return None if any(v is None for v in values) else sum(v for v in values if v is not None)

    lows = [p.low if p.low is not None else p.best for p in parts]
    return Casualties(low=total(lows), best=total([p.best for p in parts]),
                      high=total([p.high for p in parts]))


#: a count that is part of another: "12 people, including three soldiers, were killed"
_SUBSET = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|among\s+the"
                     r"\s+(?:dead|killed|victims))\s*$", re.IGNORECASE)
#: deaths and injuries counted together: "ten people were killed or wounded", "casualties"
_LUMPED = re.compile(r"^\s*(?:[\w’'-]+\s+){0,4}?(?:were\s+|have\s+been\s+)?(?:killed|dead)\s+"
                     r"(?:and|or)\s+(?:wounded|injured)\b", re.IGNORECASE)


def read_casualties(text: str, numbers: list[NumberSpan], lex: Lexicon
                    ) -> tuple[Casualties, Casualties]:
    """(killed, wounded) stated in one sentence; offsets of ``numbers`` relative to ``text``.

    A count introduced by "including"/"among them" is part of the toll before it, never the
    toll ("at least 12 people, including three soldiers, were killed" is 12, not 3); a count
    of the "killed or wounded" is neither a death toll nor an injury count.

    >>> from ceasewatch.nlp.lexicon import load_lexicon
    >>> t = "At least 12 people, including three soldiers, were killed."
    >>> read_casualties(t, find_numbers_en(t), load_lexicon("en"))[0].low
    12
    """
    if lex.no_casualties.search(text):
        zero = Casualties(0, 0, 0)
        return zero, zero
    kinds: list[str | None] = []
    for i, n in enumerate(numbers):
        nxt = numbers[i + 1].start if i + 1 < len(numbers) else len(text)
        after = text[n.end:min(nxt, n.end + 70)]
        before = text[max(0, n.start - 40):n.start].rstrip()
        if _LUMPED.match(after):
            kinds.append("lumped")
            continue
        kind = _preceding_kind(before, lex) or _following_kind(after, lex)
        kinds.append(kind)
    for i in range(1, len(numbers)):
        if _SUBSET.search(text[max(0, numbers[i].start - 30):numbers[i].start].rstrip()):
            # the part's kind is the whole's: the whole is the toll, the part is not counted
            if kinds[i - 1] is None:
                kinds[i - 1] = kinds[i]
            kinds[i] = "subset"
    # coordinated counts share the word of their neighbour: "23 Pakistani and 200 Afghan dead"
    for i in range(len(numbers) - 2, -1, -1):
        if kinds[i] is None and kinds[i + 1] and _COORD.match(
                text[numbers[i].end:numbers[i + 1].start]):
            kinds[i] = kinds[i + 1]
    for i in range(1, len(numbers)):
        if kinds[i] is None and kinds[i - 1] and _COORD.match(
                text[numbers[i - 1].end:numbers[i].start]):
            kinds[i] = kinds[i - 1]
    killed = [n for n, k in zip(numbers, kinds, strict=True) if k == "killed"]
    wounded = [n for n, k in zip(numbers, kinds, strict=True) if k == "wounded"]
    return _sum(killed), _sum(wounded)


def _preceding_kind(before: str, lex: Lexicon) -> str | None:
    """"killing 12", "deaths of 500": the cue must end right where the count begins."""
    for kind, pattern in (("killed", lex.killed_before), ("wounded", lex.wounded_before)):
        for m in pattern.finditer(before):
            if m.end() == len(before):
                return kind
    return None


def _following_kind(after: str, lex: Lexicon) -> str | None:
    stop = re.search(r"[;.:(]|\s—|—", after)
    window = after[:stop.start()] if stop else after
    best: tuple[int, str] | None = None
    for kind, pattern in (("killed", lex.killed), ("wounded", lex.wounded)):
        m = pattern.search(window)
        if m and len(_GAP_WORDS.findall(window[:m.start()])) <= 4:
            if best is None or m.start() < best[0]:
                best = (m.start(), kind)
    return best[1] if best else None


def _outside(spans: list[DateSpan], start: int, end: int) -> bool:
    return all(end <= d.start or start >= d.end for d in spans)


#: a toll reaches the kinetic event of its own sentence or of up to this many before it
#: (``stages/attribution.py``)
TOLL_REACH = 2


@stage("numbers", needs=("sentences", "candidates", "dates"), sets=("numbers", "casualties"))
def numbers_stage(ctx: DocContext) -> None:
    """Counts of the sentences whose toll can reach a kinetic event; the others are skipped."""
    taxonomy = get_taxonomy()
    wanted: set[int] = set()
    for c in ctx.candidates:
        if c.dropped is None and taxonomy[c.native_type].kinetic:
            wanted.update(range(c.sentence, c.sentence + TOLL_REACH + 1))
    for s in ctx.sentences:
        if s.index in wanted:
            _numbers_for(s)


def _mentions_casualties(text: str, lex: Lexicon) -> bool:
    return lex.casualty_any.search(text) is not None


def _numbers_for(s: SentenceFacts) -> None:
    # counts only matter here as casualties: a sentence without a casualty word is skipped
    if not _mentions_casualties(s.text, s.resources.lexicon):
        return
    found = s.resources.find_numbers(s.text)
    spans = [NumberSpan(n.start + s.start, n.end + s.start, n.surface, n.low, n.best, n.high)
             for n in found]
    s.numbers = [n for n in spans if _outside(s.dates, n.start, n.end)]
    local = [NumberSpan(n.start - s.start, n.end - s.start, n.surface, n.low, n.best, n.high)
             for n in s.numbers]
    s.killed, s.wounded = read_casualties(s.text, local, s.resources.lexicon)
