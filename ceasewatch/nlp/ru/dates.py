"""Dates and counts in Russian reports.

Russian reporting defeats an English date reader in three ways: month names decline ("15
октября", "в октябре 2025 года"), the year carries a word or an abbreviation after it ("2025
года", "2025 г."), and agencies date an event by the report's own day ("накануне", the eve:
the day before the report; "в субботу"; "в ночь на 22 февраля", the night that ended on the
22nd). Counts come as digits, often with a space between thousands ("1 200"), or as number
words in any case ("не менее пяти человек", "десятки боевиков").

The words are data (``data/lexicon/ru/calendar.tsv`` and ``number_words.tsv``); this module
compiles them once and reads:

* "DAY MONTH [YEAR]" and day ranges "18-19 октября", "с 25 по 30 октября" (start and end);
* "MONTH YEAR" with month precision;
* weekdays, relative days and weeks against the publication date.

Example::

    >>> [(s.surface, s.value.isoformat()) for s in find_dates("15 октября 2025 года", None)]
    [('15 октября 2025 года', '2025-10-15')]
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.spans import DateSpan, NumberSpan
from ceasewatch.records import DatePrecision

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon" / "ru"
CALENDAR_FILE = DATA_DIR / "calendar.tsv"
NUMBER_WORDS_FILE = DATA_DIR / "number_words.tsv"
_KINDS = ("month", "weekday", "relative", "week")
_FUTURE_SLACK = timedelta(days=7)
#: a Russian year is followed by "года"/"году"/"год" or the abbreviation "г." ("2025 г.")
_YEAR = r"(?:\s+(?P<y>\d{4})(?!\d)(?:\s*(?:года|году|год|гг?\.?)(?!\w))?)"


class RussianDataError(CeasewatchError):
    """A Russian date or number-word table is malformed."""


def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < width or not parts[0]:
            raise RussianDataError(f"expected {width} tab-separated columns", origin=str(path),
                                   line=number)
        rows.append((number, parts))
    return rows


@lru_cache(maxsize=1)
def calendar_words() -> dict[str, tuple[str, int]]:
    """Word -> (kind, value) from ``calendar.tsv``, lower-cased (see the file's header)."""
    words: dict[str, tuple[str, int]] = {}
    for number, parts in _rows(CALENDAR_FILE, 3):
        kind, value = parts[1], parts[2]
        if kind not in _KINDS:
            raise RussianDataError(f"kind must be one of {', '.join(_KINDS)}",
                                   origin=str(CALENDAR_FILE), line=number, field="kind")
        if not value.isdigit() or kind == "month" and not 1 <= int(value) <= 12 \
                or kind == "weekday" and int(value) > 6:
            raise RussianDataError(f"bad value for a {kind}: {value!r}",
                                   origin=str(CALENDAR_FILE), line=number, field="value")
        words[parts[0].lower()] = (kind, int(value))
    return words


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, bool]]:
    """Word -> (value, vague) from ``number_words.tsv``, lower-cased."""
    words: dict[str, tuple[int, bool]] = {}
    for number, parts in _rows(NUMBER_WORDS_FILE, 3):
        if not parts[1].isdigit() or parts[2] not in ("exact", "vague"):
            raise RussianDataError("expected: word<TAB>value<TAB>exact|vague",
                                   origin=str(NUMBER_WORDS_FILE), line=number)
        words[parts[0].lower()] = (int(parts[1]), parts[2] == "vague")
    return words


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                         reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    words = calendar_words()
    by_kind = {k: [w for w, (kind, _) in words.items() if kind == k] for k in _KINDS}
    month = rf"(?P<month>{_alternation(by_kind['month'])})(?!\w)"
    flags = re.IGNORECASE
    return {
        # "18-19 октября", "с 25 по 30 октября 2025 года"
        "range": re.compile(rf"(?<![\w.])(?:с\s+)?(?P<d1>\d{{1,2}})\s*(?:[-–—]|\s+по\s+)"
                            rf"(?P<d>\d{{1,2}})\s+{month}{_YEAR}?", flags),
        # "15 октября", "в ночь на 22 февраля", "6 ноября 2025 г."
        "day": re.compile(rf"(?<![\w.])(?P<night>в\s+ночь\s+на\s+)?(?P<d>\d{{1,2}})\s+{month}"
                          rf"{_YEAR}?", flags),
        # "в октябре 2025 года", "октябрь 2025"
        "month": re.compile(rf"(?<!\w){month}{_YEAR}", flags),
        "weekday": re.compile(rf"(?<!\w)(?:(?:в|во|с|со|до|к|ко)\s+)?"
                              rf"(?P<w>{_alternation(by_kind['weekday'])})(?!\w)", flags),
        "relative": re.compile(rf"(?<!\w)(?P<w>{_alternation(by_kind['relative'])})(?!\w)",
                               flags),
        "week": re.compile(rf"(?<!\w)(?P<w>{_alternation(by_kind['week'])})(?!\w)", flags),
    }


def _word(m: re.Match[str]) -> tuple[str, int]:
    return calendar_words()[re.sub(r"\s+", " ", m.group("w").lower())]


def _year(m: re.Match[str], month: int, day: int, published: date | None) -> int | None:
    if m.group("y"):
        return int(m.group("y"))
    if published is None:
        return None
    year = published.year
    try:
        if date(year, month, day) > published + _FUTURE_SLACK:
            year -= 1
    except ValueError:
        return None
    return year


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, published: date | None) -> list[DateSpan]:
    """Every date expression of ``text`` resolved against ``published``; offsets into ``text``.

    "в ночь на 22 февраля" is the night of the 21st to the 22nd: dated the 21st, ending the 22nd.
    """
    pats = _patterns()
    found: list[DateSpan] = []

    def add(m: re.Match[str], value: date, precision: DatePrecision,
            end: date | None = None) -> None:
        if not any(s.start < m.end() and m.start() < s.end for s in found):
            found.append(DateSpan(m.start(), m.end(), m.group(), value, precision, end))

    for m in pats["range"].finditer(text):
        month = calendar_words()[m.group("month").lower()][1]
        first, last = int(m.group("d1")), int(m.group("d"))
        year = _year(m, month, last, published)
        if year is None or first > last:
            continue
        start, end = _day(year, month, first), _day(year, month, last)
        if start is not None and end is not None:
            add(m, start, "day", end)
    for m in pats["day"].finditer(text):
        month = calendar_words()[m.group("month").lower()][1]
        day = int(m.group("d"))
        year = _year(m, month, day, published)
        value = _day(year, month, day) if year is not None else None
        if value is None:
            continue
        if m.group("night"):
            add(m, value - timedelta(days=1), "day", value)
        else:
            add(m, value, "day")
    for m in pats["month"].finditer(text):
        month_start = _day(int(m.group("y")), calendar_words()[m.group("month").lower()][1], 1)
        if month_start is not None:
            add(m, month_start, "month")
    if published is not None:
        for m in pats["weekday"].finditer(text):
            back = (published.weekday() - _word(m)[1]) % 7
            add(m, published - timedelta(days=back), "day")
        for m in pats["relative"].finditer(text):
            add(m, published - timedelta(days=_word(m)[1]), "day")
        for m in pats["week"].finditer(text):
            add(m, published - timedelta(days=7 * _word(m)[1]), "week")
    found.sort(key=lambda s: s.start)
    return found


#: "1 200" (a space between thousands), "1,200", "20"; not "4-й" (an ordinal), not "02:40"
_NUMBER = re.compile(r"(?<![\d.,:])(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?![\d:]|-[а-яё]|\.\d|,\d)")


@lru_cache(maxsize=1)
def _number_word_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?P<w>{_alternation(list(number_words()))})(?!\w)",
                      re.IGNORECASE)


def find_numbers(text: str) -> list[NumberSpan]:
    """Counts as digits or number words ("12 убитых", "пяти человек", "десятки боевиков");
    the digits of dates, years and times are not counts."""
    pats = _patterns()
    date_spans = [m.span() for key in ("range", "day", "month") for m in pats[key].finditer(text)]
    spans: list[NumberSpan] = []
    for m in _NUMBER.finditer(text):
        if any(s <= m.start() < e for s, e in date_spans):
            continue
        digits = re.sub(r"\D", "", m.group())
        value = int(digits)
        if len(digits) == 4 and 1900 <= value <= 2100:
            continue  # a year, not a count
        spans.append(NumberSpan(m.start(), m.end(), m.group(), value, value, value))
    words = number_words()
    for m in _number_word_pattern().finditer(text):
        value, vague = words[re.sub(r"\s+", " ", m.group("w").lower())]
        best = None if vague else value
        spans.append(NumberSpan(m.start(), m.end(), m.group(), value, best, best))
    spans.sort(key=lambda s: s.start)
    return spans
