"""One alias matcher for every dictionary stage: places, actors, and whatever comes next.

Gazetteer names and actor spellings are both "find any of N thousand phrases in running text,
longest match first". A regex alternation of thousands of literals backtracks on every
character, so the matcher works on words instead: the text is split into word tokens once, each
token is folded (case, accents, Arabic letter variants), and a dict keyed by the first folded
token proposes the phrases that may start there. That is one dict lookup per word, whatever the
size of the dictionary.

Scripts written without spaces between words (Chinese, Japanese) have no word boundaries to
anchor on, so their aliases go to a second, small regex that is run only when the text contains
such characters: "巴基斯坦塔利班" must match inside "据巴基斯坦塔利班称".

Case policy, per alias (``AliasMatcher.add(..., case=...)``):

- ``"exact"``: acronyms such as "TTP" or "KP" match only in capitals, so "kp" in a URL or a
  word never does;
- ``"capitalised"``: the first letter of the surface must be a capital ("Police" the town in
  GeoNames never matches "police" the word), a short all-capitals surface is an acronym and
  no name ("SWAT" is not Swat), and inner capitals ("KAi") mark an identifier;
- ``"any"``: any case ("civilians in Afghanistan").

Words of an alias may be separated in the text by spaces, one line break, hyphens or
apostrophes ("Dand-e-Patan" = "Dand e Patan"), a dot inside an abbreviation ("U.S"), or
". " after an initial ("D.I. Khan"); never by a comma or a sentence end.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

from ceasewatch.errors import CeasewatchError

T = TypeVar("T")
CaseRule = Literal["any", "capitalised", "exact"]

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: a word: a run of Chinese/Japanese characters, or of other letters and digits plus the
#: combining marks and joiners that Arabic-script languages write inside words (harakat, the
#: Persian zero-width non-joiner); so "在Kabul附近" still yields the word "Kabul". (Runs of
#: letters and runs of marks, rather than one character at a time: the same words, faster.)
_WORD = re.compile(
    rf"[{_CJK}]+|(?:[^\W_{_CJK}]+|[\u0610-\u061a\u064b-\u065f\u0670\u200c\u200d]+)+")
#: what may separate two words of one alias: spaces, hyphens, apostrophes ("Dand-e-Patan",
#: "Pakistan's") or a bare dot inside an abbreviation ("U.S"); never ". " or a comma, so no
#: alias spans two sentences or clauses.
_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011\u2013'\u2019\u02bc\u2018]{0,3}|[ \t]*\n[ \t]*|\.")
#: after a single letter, a full stop and a space are an initial ("D.I. Khan"), not a sentence
#: end.
_INITIAL_GAP = re.compile(r"\. ?")
#: scripts written without spaces between words.
_UNSPACED = re.compile(f"[{_CJK}]")
_ARABIC_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "ـ": None,
                              "\u200c": None, "\u200d": None})


def fold(word: str) -> str:
    """The matching key of a word: case-folded, accents and Arabic variants removed.

    GeoNames writes "Kandahār" and "Spīn Bōldak"; reports write "Kandahar" and "Spin Boldak".
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_ARABIC_FOLD)


@functools.lru_cache(maxsize=1 << 16)
def phrase_key(phrase: str) -> tuple[str, ...]:
    """The folded words of a phrase: "Tehrik-e-Taliban Pakistan" -> (tehrik, e, taliban, ...)."""
    return tuple(fold(m.group()) for m in _WORD.finditer(phrase))


@functools.lru_cache(maxsize=1024)
def _tokens(text: str) -> tuple[tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """The words of a text with their offsets, and their folded keys: computed once for all
    the matchers run over one sentence (places, actors)."""
    tokens = tuple([(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)])
    if text.isascii():  # the same words, lower-cased: their folded keys
        return tokens, tuple(_WORD.findall(text.lower()))
    return tokens, tuple([fold(w) for _, _, w in tokens])


def has_unspaced_script(text: str) -> bool:
    """Whether the text contains Chinese or Japanese characters (matched without boundaries)."""
    return _UNSPACED.search(text) is not None


@dataclass(frozen=True, slots=True)
class AliasHit(Generic[T]):
    """One phrase found in a text, with every value registered under it that fits its case."""

    start: int
    end: int
    surface: str
    values: tuple[T, ...]


@functools.lru_cache(maxsize=1 << 14)
def _case_ok(rule: CaseRule, alias: str, surface: str) -> bool:
    if rule == "any":
        return True
    if rule == "exact":  # same letters and same separators: "U.N" is "U.N.", "U-N" is not
        return " ".join(surface.split()) == " ".join(alias.split()).rstrip(".")[:len(surface)]
    first = surface[:1]
    if first.isalpha() and first.islower():
        return False
    # "SWAT team" is not Swat district: a short all-capitals word is an acronym unless the
    # alias itself is one; longer capitals are datelines and headlines ("KABUL, Oct 9").
    if len(surface) <= 4 and surface.isupper() and not alias.isupper():
        return False
    # identifiers such as "KAi" or "LaL" are not names: inner capitals only in all-caps words
    return all(w.isupper() or w[1:] == w[1:].lower() or w[1:] in alias
               for w in phrase_key_exact(surface))


def phrase_key_exact(phrase: str) -> tuple[str, ...]:
    """The words of a phrase with their case kept (for acronyms)."""
    return tuple(m.group() for m in _WORD.finditer(phrase))


class AliasMatcher(Generic[T]):
    """Leftmost-longest matching of many aliases in text; build once, match many times."""

    def __init__(self) -> None:
        # first folded word -> {full key -> [(value, rule, alias)]}
        self._spaced: dict[str, dict[tuple[str, ...], list[tuple[T, CaseRule, str]]]] = {}
        #: every key of two words or more and its beginnings: how far a run of words can go
        self._prefixes: set[tuple[str, ...]] = set()
        self._unspaced: dict[str, list[tuple[T, CaseRule, str]]] = {}
        self._unspaced_re: re.Pattern[str] | None = None

    def add(self, alias: str, value: T, *, case: CaseRule = "any") -> None:
        """Register one spelling of one value; the same alias may name several values."""
        alias = alias.strip()
        if not alias:
            return
        if has_unspaced_script(alias):
            key = "".join(alias.split())
            self._unspaced.setdefault(key, []).append((value, "any", alias))
            self._unspaced_re = None
            return
        words = phrase_key(alias)
        if not words:
            return
        self._prefixes.update(words[:n] for n in range(2, len(words) + 1))
        entries = self._spaced.setdefault(words[0], {}).setdefault(words, [])
        if not any(v == value and r == case for v, r, _ in entries):
            entries.append((value, case, alias))

    def extend(self, pairs: Iterable[tuple[str, T]], *, case: CaseRule = "any") -> None:
        for alias, value in pairs:
            self.add(alias, value, case=case)

    def __len__(self) -> int:
        return sum(len(d) for d in self._spaced.values()) + len(self._unspaced)

    def values_for(self, phrase: str) -> tuple[T, ...]:
        """Every value registered under a phrase, ignoring case rules: dictionary lookup."""
        if has_unspaced_script(phrase):
            return tuple(v for v, _, _ in self._unspaced.get("".join(phrase.split()), ()))
        words = phrase_key(phrase)
        if not words:
            return ()
        return tuple(v for v, _, _ in self._spaced.get(words[0], {}).get(words, ()))

    def find(self, text: str) -> list[AliasHit[T]]:
        """All non-overlapping alias hits in ``text``, leftmost first, the longest at each start."""
        hits = self._find_spaced(text)
        if self._unspaced and has_unspaced_script(text):
            hits = _merge(hits, self._find_unspaced(text))
        return hits

    def _find_spaced(self, text: str) -> list[AliasHit[T]]:
        spaced, prefixes = self._spaced, self._prefixes
        tokens, keys = _tokens(text)
        hits: list[AliasHit[T]] = []
        n = len(tokens)
        gap_ok = _GAP.fullmatch
        initial_ok = _INITIAL_GAP.fullmatch
        resume = 0  # the first word after the last hit: hits never overlap
        # most words begin no alias: one comprehension picks those that do, cheaper than a
        # step of the matching loop per word
        for i in [i for i, key in enumerate(keys) if key in spaced]:
            if i < resume:
                continue
            table = spaced[keys[i]]
            # the longest run of words joined only by alias gaps that begins some alias
            last = i
            while last + 1 < n and keys[i:last + 2] in prefixes and (
                    gap_ok(text, tokens[last][1], tokens[last + 1][0])
                    or (len(tokens[last][2]) == 1 and initial_ok(
                        text, tokens[last][1], tokens[last + 1][0]))):
                last += 1
            found = None
            for j in range(last, i - 1, -1):
                entries = table.get(keys[i:j + 1])
                if not entries:
                    continue
                start, end = tokens[i][0], tokens[j][1]
                surface = text[start:end]
                values = tuple(v for v, rule, alias in entries if _case_ok(rule, alias, surface))
                if values:
                    found = AliasHit(start, end, surface, values), j
                    break
            if found is not None:
                hits.append(found[0])
                resume = found[1] + 1
        return hits

    def _find_unspaced(self, text: str) -> list[AliasHit[T]]:
        if self._unspaced_re is None:
            aliases = sorted(self._unspaced, key=len, reverse=True)
            self._unspaced_re = re.compile("|".join(re.escape(a) for a in aliases))
        hits: list[AliasHit[T]] = []
        for m in self._unspaced_re.finditer(text):
            entries = self._unspaced.get(m.group())
            if entries:
                values = tuple(v for v, _, _ in entries)
                hits.append(AliasHit(m.start(), m.end(), m.group(), values))
        return hits


def _merge(first: list[AliasHit[T]], second: list[AliasHit[T]]) -> list[AliasHit[T]]:
    """Both lists in text order; where two hits overlap the longer one stays."""
    merged = sorted(first + second, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[AliasHit[T]] = []
    for hit in merged:
        if out and hit.start < out[-1].end:
            if hit.end - hit.start > out[-1].end - out[-1].start:
                out[-1] = hit
            continue
        out.append(hit)
    return out


class DataFileError(CeasewatchError):
    """A dictionary file (gazetteer, actors, aliases) with a malformed line or field."""


def case_rule_for(alias: str, default: CaseRule | None = None) -> CaseRule:
    """Acronyms ("TTP", "KP", "U.S.") match only as written; other aliases by ``default``.

    Without a default, an alias written with a capital needs one in the text ("Taliban"),
    and one written in lower case matches in any case ("civilians in Afghanistan").
    """
    letters = [c for c in alias if c.isalpha()]
    if letters and len(letters) <= 5 and all(c.isupper() for c in letters) and alias.isascii():
        return "exact"
    if default is not None:
        return default
    return "capitalised" if alias[:1].isupper() else "any"


def read_tsv(path: Path, *, columns: int,
             required: Iterable[int] | None = None) -> Iterator[tuple[int, list[str]]]:
    """The data lines of a tab-separated file with its line numbers; ``#`` starts a comment.

    Short lines are padded with empty fields; an empty ``required`` column (0-based; all of
    them by default) raises a ``DataFileError`` naming the file and line.
    """
    need = list(range(columns) if required is None else required)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc.strerror}", origin=str(path)) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) > columns:
                raise DataFileError(
                    f"expected {columns} tab-separated columns, found {len(fields)}",
                    origin=str(path), line=number)
            fields += [""] * (columns - len(fields))
            missing = [i for i in need if not fields[i]]
            if missing:
                raise DataFileError(f"empty required column {missing[0] + 1}",
                                    origin=str(path), line=number)
            yield number, fields
