"""Dates and counts in Pashto, Dari/Persian and Urdu reports.

Three habits differ from English reporting and defeat dateparser:

* digits come in three alphabets: ASCII, Arabic-Indic (٠-٩, Arabic and much Urdu typesetting)
  and Extended Arabic-Indic (۰-۹, Persian, Pashto, Urdu);
* Gregorian months have local spellings ("اکتوبر", "اکتبر", "اکتوبر", "اکټوبر");
* Afghan and Iranian outlets date by the Solar Hijri calendar, with zodiac month names in
  Afghanistan ("۲۷ میزان ۱۴۰۴") and Persian ones in Iran ("۲۷ مهر ۱۴۰۴"); Taliban statements
  also date by the Lunar Hijri calendar ("۲۷ ربیع الثانی ۱۴۴۷ هـ ق" = 19 October 2025);
* Pashto writes ordinals with "مه" ("د اکتوبر ۱۹ مه", the 19th of October), which Dari/Persian
  spells May: a month name can belong to some languages only (the table's fourth column).

Month names are data (``data/lexicon/calendar_months.tsv``); this module reads "DAY MONTH [YEAR]"
and "MONTH YEAR", converts Solar Hijri dates, and infers a missing year from the publication
date as the Chinese and English resolvers do.

Example::

    >>> [(s.surface, s.value.isoformat()) for s in find_dates("۲۷ میزان ۱۴۰۴", None)]
    [('۲۷ میزان ۱۴۰۴', '2025-10-19')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from hijridate import Gregorian, Hijri

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.arabic_script.calendar import gregorian_to_jalali, jalali_to_gregorian
from ceasewatch.nlp.spans import DateSpan, NumberSpan, evening_of

MONTHS_FILE = Path(__file__).resolve().parents[2] / "data" / "lexicon" / "calendar_months.tsv"
#: both Arabic-Indic digit alphabets -> ASCII, one character each, so offsets into the
#: converted text are offsets into the original
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: digits plus the one-to-one letter folds of the shared alias matcher (Arabic yeh and kaf to
#: their Persian forms), so "جنوري" (Pashto) and "جنوری" (Dari) are one spelling
_SCAN = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹يىك", "01234567890123456789ییک")
_FUTURE_SLACK = timedelta(days=7)
#: what may follow a year: Urdu "ء" (AD), Persian/Pashto "ش"/"هـ ش" (Solar Hijri), "ق"/"هـ ق"
#: (Lunar Hijri), "م" (AD)
_YEAR_MARK = r"(?:\s*(?:ء|م|ش|ق|هـ\.?\s*[شق]|ه\.?\s*[شق]|هـ|ل|کال|سال))?"
_CALENDARS = ("gregorian", "jalali", "hijri")
#: Arabic letters and the zero-width non-joiner: a month name must not be the start or end of
#: a longer word ("مهربان", "می‌رسد")
_LETTER = r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u200c]"
#: a letter (any script, not a digit) or the non-joiner: what may not touch a name's ends.
#: The Arabic comma, semicolon and question mark ("،", "؛", "؟") and the Urdu full stop are
#: in the Arabic block but end a word: "چاشت امروز، ..." (at noon today, ...)
_WORD_CHAR = r"(?:[^\W\d_]|\u200c)"


class CalendarDataError(CeasewatchError):
    """The month-name table is malformed."""


def _data_rows(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, tab-separated fields) of a data file, without comments and blank lines."""
    return [(number, line.split("\t"))
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=8)
def month_names(lang: str | None = None) -> dict[str, tuple[str, int]]:
    """Spelling -> (calendar, month number) from the data file, for one language (None: the
    spellings of every language); calendar is gregorian|jalali|hijri."""
    names: dict[str, tuple[str, int]] = {}
    for number, parts in _data_rows(MONTHS_FILE):
        if len(parts) < 3 or parts[1] not in _CALENDARS or not parts[2].isdigit():
            raise CalendarDataError(
                "expected: name<TAB>gregorian|jalali|hijri<TAB>month number[<TAB>languages]",
                origin=str(MONTHS_FILE), line=number)
        month = int(parts[2])
        if not 1 <= month <= 12:
            raise CalendarDataError("month number must be 1-12", origin=str(MONTHS_FILE),
                                    line=number, field="month")
        languages = {c.strip() for c in parts[3].split(",")} if len(parts) > 3 else set()
        if lang is not None and languages and lang not in languages:
            continue
        names[parts[0].strip().translate(_SCAN)] = (parts[1], month)
    return names


def _name_alternation(names: Iterable[str]) -> str:
    """Longest first; a two-word name matches with a space, the zero-width non-joiner, or
    joined ("ربیع الثانی", "ربیع‌الثانی", "ربیعالثانی")."""
    return "|".join("[ \u200c]?".join(re.escape(w) for w in re.split("[ \u200c]", n))
                    for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=8)
def _patterns(lang: str | None = None) -> tuple[re.Pattern[str], ...]:
    alternation = _name_alternation(month_names(lang))
    month = rf"(?<!{_WORD_CHAR})(?P<month>{alternation})(?!{_WORD_CHAR})"
    year = rf"(?:\s*(?:سنه|سال|کال)?\s*(?P<y>\d{{4}})(?!\d){_YEAR_MARK})"
    # "۲۷ میزان ۱۴۰۴", "19 اکتوبر 2025ء": a space always separates the day from the month,
    # which keeps the Pashto ordinal "۲۷مه" (27th) from reading as "27 May"
    # "11 اور 12 اکتوبر کی درمیانی شب" (the night between 11 and 12 October): two days
    day_month = re.compile(rf"(?<!\d)(?:(?P<d0>\d{{1,2}})\s*(?:اور|و|او|-|–)\s*)?"
                           rf"(?P<d>\d{{1,2}})(?:ام|م)?\s+(?:د\s+)?{month}{year}?")
    # Pashto "د میزان په ۲۷مه" (on the 27th of Mizan), "د اکتوبر ۱۹ مه" (the 19th of October)
    month_day = re.compile(rf"{month}\s+(?:په\s+)?(?P<d>\d{{1,2}})(?!\d)"
                           rf"(?:\s?مه(?!{_LETTER})|مه|م|ه)?{year}?")
    month_year = re.compile(rf"{month}{year}")
    return day_month, month_day, month_year


def normalise_digits(text: str) -> str:
    """ASCII digits for every digit alphabet; same length, so offsets are kept."""
    return text.translate(DIGITS)


def _to_date(calendar: str, year: int, month: int, day: int) -> date | None:
    try:
        if calendar == "jalali":
            return jalali_to_gregorian(year, month, day)
        if calendar == "hijri":
            g = Hijri(year, month, day).to_gregorian()
            return date(g.year, g.month, g.day)  # a plain date, not hijridate's subclass
        return date(year, month, day)
    except (ValueError, OverflowError):  # no such day, or a year outside the Umm al-Qura tables
        return None


def _year_of(calendar: str, published: date) -> int:
    if calendar == "jalali":
        return gregorian_to_jalali(published)[0]
    if calendar == "hijri":
        return int(Gregorian.fromdate(published).to_hijri().year)
    return published.year


def _infer_year(calendar: str, month: int, day: int, published: date) -> int:
    """The latest year (in the month's calendar) not putting the date a week past publication."""
    year = _year_of(calendar, published)
    value = _to_date(calendar, year, month, day)
    if value is not None and value > published + _FUTURE_SLACK:
        year -= 1
    return year


def find_dates(text: str, published: date | None, lang: str | None = None) -> list[DateSpan]:
    """Every "DAY MONTH [YEAR]" and "MONTH YEAR" date in ``text``, offsets into ``text``;
    ``lang`` (ps, fa, ur) keeps to that language's month names."""
    scan = text.translate(_SCAN)
    names = month_names(lang)
    day_month, month_day, month_year = _patterns(lang)
    found: list[DateSpan] = []

    def free(start: int, end: int) -> bool:
        return not any(s.start < end and start < s.end for s in found)

    for pattern in (day_month, month_day):
        for m in pattern.finditer(scan):
            if not free(m.start(), m.end()):
                continue
            calendar, month = names[m.group("month")]
            first = m.groupdict().get("d0")
            day = evening_of(int(first) if first else None, int(m.group("d")))
            if m.group("y"):
                year = int(m.group("y"))
            elif published is not None:
                year = _infer_year(calendar, month, day, published)
            else:
                continue
            value = _to_date(calendar, year, month, day)
            if value is not None:
                found.append(DateSpan(m.start(), m.end(), text[m.start():m.end()], value, "day"))
    for m in month_year.finditer(scan):
        if not free(m.start(), m.end()):
            continue
        calendar, month = names[m.group("month")]
        first = _to_date(calendar, int(m.group("y")), month, 1)
        if first is None:
            continue
        # a Solar Hijri month straddles two Gregorian months: keep its first day and say so
        # with month precision, as for any month-level date
        found.append(DateSpan(m.start(), m.end(), text[m.start():m.end()], first, "month"))
    if published is not None:
        found.extend(d for d in _relative_dates(text, scan, published, lang)
                     if free(d.start, d.end))
    found.sort(key=lambda s: s.start)
    return found


RELATIVE_DAYS_FILE = MONTHS_FILE.with_name("relative_days.tsv")


def _joined(phrase: str) -> str:
    """The lookup key of a phrase written with spaces, non-joiners or neither ("سه‌شنبه")."""
    return re.sub("[\\s\u200c]+", "", phrase)


@lru_cache(maxsize=8)
def relative_days(lang: str | None = None) -> dict[str, tuple[str, int]]:
    """Phrase -> (relative|weekday, value) for ``lang`` (None: every language's phrases)."""
    phrases: dict[str, tuple[str, int]] = {}
    for number, parts in _data_rows(RELATIVE_DAYS_FILE):
        if len(parts) < 4 or parts[1] not in ("relative", "weekday") or not parts[2].isdigit():
            raise CalendarDataError(
                "expected: phrase<TAB>relative|weekday<TAB>days<TAB>languages",
                origin=str(RELATIVE_DAYS_FILE), line=number)
        if parts[1] == "weekday" and int(parts[2]) > 6:
            raise CalendarDataError("a weekday is 0 (Monday) to 6 (Sunday)",
                                    origin=str(RELATIVE_DAYS_FILE), line=number, field="value")
        if lang is None or lang in {c.strip() for c in parts[3].split(",")}:
            phrases[" ".join(parts[0].split()).translate(_SCAN)] = (parts[1], int(parts[2]))
    return phrases


@lru_cache(maxsize=8)
def _relative_pattern(lang: str | None = None) -> re.Pattern[str]:
    alternation = _name_alternation(relative_days(lang))
    return re.compile(rf"(?<!{_WORD_CHAR})(?P<w>{alternation})(?!{_WORD_CHAR})")


@lru_cache(maxsize=8)
def _relative_keys(lang: str | None = None) -> dict[str, tuple[str, int]]:
    return {_joined(k): v for k, v in relative_days(lang).items()}


def _relative_dates(text: str, scan: str, published: date, lang: str | None) -> list[DateSpan]:
    """"شب گذشته" (last night), "تېره ورځ" (yesterday), "روز دوشنبه", "پیر کو" (on Monday)."""
    phrases = _relative_keys(lang)
    out = []
    for m in _relative_pattern(lang).finditer(scan):
        kind, value = phrases[_joined(m.group("w"))]
        back = value if kind == "relative" else (published.weekday() - value) % 7
        out.append(DateSpan(m.start(), m.end(), text[m.start():m.end()],
                            published - timedelta(days=back), "day"))
    return out


NUMBER_WORDS_FILE = MONTHS_FILE.with_name("number_words.tsv")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:[,٬]\d{3})+(?!\d)|(?<![\d.])\d+(?![\d/.-])")


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[int, bool]]:
    """Word -> (value, vague) from the data file, folded like the text it is matched in."""
    words: dict[str, tuple[int, bool]] = {}
    for number, parts in _data_rows(NUMBER_WORDS_FILE):
        if len(parts) < 3 or not parts[1].isdigit() or parts[2] not in ("exact", "vague"):
            raise CalendarDataError("expected: word<TAB>value<TAB>exact|vague",
                                    origin=str(NUMBER_WORDS_FILE), line=number)
        words[parts[0].strip().translate(_SCAN)] = (int(parts[1]), parts[2] == "vague")
    return words


@lru_cache(maxsize=1)
def _number_word_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(number_words(), key=len, reverse=True))
    # a count word stands alone and a noun follows it: "پنج غیرنظامی", "پانچ افراد"
    return re.compile(rf"(?<!{_LETTER})(?P<w>{alternation})(?!{_LETTER})(?=\s+{_LETTER})")


def find_numbers(text: str, lang: str | None = None) -> list[NumberSpan]:
    """Counts in any digit alphabet or as words ("۲۳ سرتېري", "٢٠٠ افراد", "پنج غیرنظامی");
    the digits of dates and years are not counts."""
    scan = text.translate(_SCAN).replace("٬", ",")
    date_spans = [m.span() for pattern in _patterns(lang) for m in pattern.finditer(scan)]
    spans: list[NumberSpan] = []
    for m in _NUMBER.finditer(scan):
        if any(s <= m.start() < e for s, e in date_spans):
            continue
        value = int(m.group().replace(",", ""))
        if 1900 <= value <= 2100 or 1300 <= value <= 1500 and len(m.group()) == 4:
            continue  # a year (Gregorian or Solar Hijri), not a count
        spans.append(NumberSpan(m.start(), m.end(), text[m.start():m.end()], value, value, value))
    words = number_words()
    for m in _number_word_pattern().finditer(scan):
        value, vague = words[m.group("w")]
        best = None if vague else value
        spans.append(NumberSpan(m.start(), m.end(), text[m.start():m.end()], value, best, best))
    spans.sort(key=lambda s: s.start)
    return spans
