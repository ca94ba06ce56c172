"""Chinese date expressions resolved against the publication date.

dateparser returns nothing for "10月19日", and Chinese news leaves the year (and often the month)
to the reader: Xinhua writes "巴基斯坦军方9日表示" for "on the 9th of this month". This module
resolves the forms reporting uses, with the precision the text supports:

* ``2025年10月19日``, ``10月19日``, ``十月十九日``, ``上月19日``, ``9日`` -> day (ranges
  "10月11日至12日" keep an end date)
* ``2025年10月``, ``10月``, ``10月中旬``, ``本月``, ``上月``, ``今年3月``, ``去年10月`` -> month
* ``上周四``, ``本周四``, ``周四`` -> day; ``上周``, ``本周`` -> week
* ``今天``, ``昨天``, ``前天`` -> day; ``同日``/``当天`` -> the date mentioned last
* ``2021年``, ``今年``, ``今年早些时候``, ``去年`` -> year

A date without a year is put in the latest year that does not place it more than a week after
publication (news reports on the past; a week's slack admits announced schedules).

Example::

    >>> from datetime import date
    >>> [(s.surface, s.value.isoformat(), s.precision)
    ...  for s in find_dates("10月19日,双方签署停火协议。", date(2025, 11, 10))]
    [('10月19日', '2025-10-19', 'day')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from ceasewatch.nlp.spans import DateSpan
from ceasewatch.nlp.zh.numbers import parse_chinese_numeral

#: slack for a date without a year: how far after publication it may fall
_FUTURE_SLACK = timedelta(days=7)
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_RANGE = r"(?:至|到|－|-|—|–|~|～)"
_PERIOD = r"(?:上旬|中旬|下旬|初|底|末|份)?"

_FULL = re.compile(
    rf"(?:(?P<y>{_YEAR})年)?(?P<m>{_N})月(?P<d>{_N})[日号]"
    rf"(?:{_RANGE}(?:(?P<m2>{_N})月)?(?P<d2>{_N})[日号])?")
_SHORT_RANGE = re.compile(
    rf"(?:(?P<y>{_YEAR})年)?(?P<m>{_N})月(?P<d>{_N}){_RANGE}(?P<d2>{_N})[日号]")
_MONTH = re.compile(
    rf"(?:(?P<rel>今年|去年|明年)|(?P<y>{_YEAR})年)?(?P<m>{_N})月{_PERIOD}(?![\d日号])")
_DAY_ONLY = re.compile(
    rf"(?<![\d月一二三四五六七八九十〇零])(?P<d>{_N})[日号](?:{_RANGE}(?P<d2>{_N})[日号])?")
_WEEKDAY = re.compile(r"(?P<rel>上|本|这|下)?(?:个)?(?:周|星期|礼拜)(?P<w>[一二三四五六日天])")
_WEEK = re.compile(r"(?P<rel>上|本|这)(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天])")
_REL_MONTH = re.compile(
    rf"(?P<rel>本月|这个月|上月|上个月|上一个月)(?:(?P<d>{_N})[日号]|{_PERIOD})")
_REL_DAY = re.compile(r"今天|今日|昨天|昨日|前天|前日")
_SAME_DAY = re.compile(r"同日|同一天|当天|当日")
_YEAR_ONLY = re.compile(
    r"(?P<rel>今年|去年)(?:早些时候|年初|年中|年底|以来|早前)?"
    rf"|(?P<y>{_YEAR})年(?![\d一二三四五六七八九十]{{1,2}}月)")

_REL_DAY_OFFSET = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "前日": 2}


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    return parse_chinese_numeral(text)


def _infer_year(month: int, day: int, published: date) -> int:
    """The latest year that does not put month/day more than a week after publication."""
    year = published.year
    try:
        if date(year, month, day) > published + _FUTURE_SLACK:
            year -= 1
    except ValueError:
        pass
    return year


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def find_dates(text: str, published: date | None) -> list[DateSpan]:
    """Every resolvable date in ``text``, in text order, offsets into ``text``.

    Without a publication date only expressions that carry their own year resolve.
    """
    scan = text.translate(_FULLWIDTH)  # same length: offsets stay valid
    taken = [False] * len(scan)
    found: list[DateSpan] = []

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        for i in range(start, end):
            taken[i] = True
        return True

    for finder in (_full_dates, _relative_months, _day_only, _weekdays, _months, _weeks,
                   _relative_days, _years):
        for span in finder(scan, published):
            if claim(span.start, span.end):
                found.append(DateSpan(span.start, span.end, text[span.start:span.end],
                                      span.value, span.precision, span.end_value))
    found.sort(key=lambda s: s.start)
    return _resolve_same_day(scan, text, found, taken)


def _full_dates(text: str, published: date | None) -> Iterator[DateSpan]:
    for pattern in (_FULL, _SHORT_RANGE):
        for m in pattern.finditer(text):
            month, day = _int(m.group("m")), _int(m.group("d"))
            if month is None or day is None:
                continue
            year = _int(m.group("y"))
            if year is None:
                if published is None:
                    continue
                year = _infer_year(month, day, published)
            value = _safe_date(year, month, day)
            if value is None:
                continue
            end_value = None
            if m.group("d2"):
                groups = m.groupdict()
                month2 = _int(groups.get("m2")) or month
                end_value = _safe_date(year, month2, _int(m.group("d2")) or 0)
                if end_value is not None and end_value < value:
                    end_value = None
            yield DateSpan(m.start(), m.end(), m.group(0), value, "day", end_value)


def _day_only(text: str, published: date | None) -> Iterator[DateSpan]:
    """"9日" alone: the 9th of the publication month, or of the month before if still ahead."""
    if published is None:
        return
    for m in _DAY_ONLY.finditer(text):
        day = _int(m.group("d"))
        if day is None or not 1 <= day <= 31:
            continue
        year, month = published.year, published.month
        if day > published.day:
            year, month = _shift_month(year, month, -1)
        value = _safe_date(year, month, day)
        if value is None:
            continue
        end_value = _safe_date(year, month, _int(m.group("d2")) or 0) if m.group("d2") else None
        yield DateSpan(m.start(), m.end(), m.group(0), value, "day", end_value)


def _months(text: str, published: date | None) -> Iterator[DateSpan]:
    for m in _MONTH.finditer(text):
        month = _int(m.group("m"))
        if month is None or not 1 <= month <= 12:
            continue
        year = _int(m.group("y"))
        rel = m.group("rel")
        if year is None:
            if published is None:
                continue
            if rel:
                year = published.year + {"今年": 0, "去年": -1, "明年": 1}[rel]
            else:
                year = _infer_year(month, 1, published)
        yield DateSpan(m.start(), m.end(), m.group(0), date(year, month, 1), "month")


def _relative_months(text: str, published: date | None) -> Iterator[DateSpan]:
    if published is None:
        return
    for m in _REL_MONTH.finditer(text):
        delta = 0 if m.group("rel") in ("本月", "这个月") else -1
        year, month = _shift_month(published.year, published.month, delta)
        day = _int(m.group("d"))
        if day is None:
            yield DateSpan(m.start(), m.end(), m.group(0), date(year, month, 1), "month")
            continue
        value = _safe_date(year, month, day)  # "上月19日": the 19th of last month
        if value is not None:
            yield DateSpan(m.start(), m.end(), m.group(0), value, "day")


def _week_monday(published: date, rel: str | None) -> date:
    monday = published - timedelta(days=published.weekday())
    return monday + timedelta(weeks={"上": -1, "下": 1}.get(rel or "", 0))


def _weekdays(text: str, published: date | None) -> Iterator[DateSpan]:
    if published is None:
        return
    for m in _WEEKDAY.finditer(text):
        weekday = _WEEKDAYS[m.group("w")]
        rel = m.group("rel")
        if rel is None:
            # a bare "周四" in a report is the latest Thursday on or before publication
            value = published - timedelta(days=(published.weekday() - weekday) % 7)
        else:
            value = _week_monday(published, rel) + timedelta(days=weekday)
        yield DateSpan(m.start(), m.end(), m.group(0), value, "day")


def _weeks(text: str, published: date | None) -> Iterator[DateSpan]:
    if published is None:
        return
    for m in _WEEK.finditer(text):
        monday = _week_monday(published, m.group("rel"))
        yield DateSpan(m.start(), m.end(), m.group(0), monday, "week",
                       monday + timedelta(days=6))


def _relative_days(text: str, published: date | None) -> Iterator[DateSpan]:
    if published is None:
        return
    for m in _REL_DAY.finditer(text):
        value = published - timedelta(days=_REL_DAY_OFFSET[m.group(0)])
        yield DateSpan(m.start(), m.end(), m.group(0), value, "day")


def _years(text: str, published: date | None) -> Iterator[DateSpan]:
    for m in _YEAR_ONLY.finditer(text):
        if m.group("rel"):
            if published is None:
                continue
            year = published.year - (1 if m.group("rel") == "去年" else 0)
            if year == published.year:
                # "今年(早些时候)" reaches no further than the report itself
                yield DateSpan(m.start(), m.end(), m.group(0), date(year, 1, 1), "year",
                               published)
                continue
        else:
            year = _int(m.group("y")) or 0
            if not 1900 <= year <= 2100:
                continue
        yield DateSpan(m.start(), m.end(), m.group(0), date(year, 1, 1), "year",
                       date(year, 12, 31))


def _resolve_same_day(scan: str, text: str, found: list[DateSpan],
                      taken: list[bool]) -> list[DateSpan]:
    """"同日"/"当天" take the day-precision date mentioned last before them."""
    extra: list[DateSpan] = []
    for m in _SAME_DAY.finditer(scan):
        if any(taken[m.start():m.end()]):
            continue
        before = [s for s in found if s.end <= m.start() and s.precision == "day"]
        if before:
            last = before[-1]
            extra.append(DateSpan(m.start(), m.end(), text[m.start():m.end()], last.value, "day"))
    return sorted(found + extra, key=lambda s: s.start)

