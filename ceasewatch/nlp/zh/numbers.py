"""Chinese quantities: numerals, Arabic digits and vague amounts -> NumberSpan.

Chinese reports write counts three ways, often in one article: Arabic digits ("23人死亡"),
Chinese numerals ("二十三名士兵", "一百零五人") and vague amounts ("数十人" = dozens, "数百名",
"十几人", "20多人"). Hedges sit in front ("约200人", "至少5人", "近百人"). Counts follow the
UCDP convention of ``Casualties``, as the English finder does: an exact figure is ``best``;
"dozens" is ``low=24`` with no best or high (ceasewatch's corpus rule); "more than 20" is
``low=21``; "at least 5" is ``low=best=5``.

Example::

    >>> spans = find_numbers("冲突造成约200人死亡、数十人受伤")
    >>> [(s.surface, s.low, s.best, s.high) for s in spans]
    [('约200', 200, 200, 200), ('数十', 24, None, None)]
"""

from __future__ import annotations

import re

from ceasewatch.nlp.spans import NumberSpan

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_BIG)

#: Vague amounts: the lower bound a careful coder would record ("数十" = dozens -> 24, the
#: corpus rule for English "dozens"; "数百" = hundreds -> 200, "数千" -> 2000).
_VAGUE = {"十": 24, "百": 200, "千": 2000, "万": 20_000}

_NUM = rf"(?:\d[\d,，]*(?:\.\d+)?[万亿]?|[{_NUMERAL_CHARS}]+)"
_PATTERN = re.compile(
    r"(?P<hedge>约|大约|近|将近|接近|至少|不少于|超过|逾|多达|上)?"
    rf"(?:(?P<vague>[数几])(?P<vunit>[十百千万])(?P<vtail>余)?"
    rf"|(?P<teens>十几|十多)"
    rf"|(?P<num>{_NUM})(?P<tail>多|余|来)?)"
)


def parse_chinese_numeral(text: str) -> int | None:
    """The integer a Chinese numeral writes: "二十三" -> 23, "一百零五" -> 105, "两万" -> 20000.

    Returns None for strings that are not a well-formed numeral, so that "一" inside words such as
    "一度" is left for the caller to reject rather than guessed at.
    """
    if not text or any(ch not in _NUMERAL_CHARS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text) and len(text) > 1:
        if len(text) < 3:
            return None  # "二三人" is "two or three", not 23
        # digit-by-digit form used for years and codes: "二〇二五" -> 2025
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0  # completed 万/亿 groups
    section = 0  # the group below the current big unit
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and _DIGITS[ch] != 0:
                return None  # two digits without a unit between them: "二三" is not a number
            digit = _DIGITS[ch] or None
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:  # 万 or 亿
            section += digit or 0
            if section == 0:
                return None
            total += section * _BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def _arabic_value(text: str) -> int | None:
    text = text.replace(",", "").replace("，", "")
    multiplier = 1
    if text and text[-1] in _BIG:
        multiplier = _BIG[text[-1]]
        text = text[:-1]
    try:
        return int(round(float(text) * multiplier))
    except ValueError:
        return None


def _value(num: str) -> int | None:
    if num[0].isdigit():
        return _arabic_value(num)
    return parse_chinese_numeral(num)


def _bounds(value: int, hedge: str | None, tail: str | None) -> tuple[int, int | None, int | None]:
    """low/best/high for an exact figure modified by a hedge ("约") or a tail ("多")."""
    if tail in ("多", "余", "来"):
        # "二十多人": twenty-something (21-29); "100多人": 101-199
        digits = str(value)
        zeros = len(digits) - len(digits.rstrip("0"))
        if zeros == 0 or tail == "来":
            return value, None, None
        return value + 1, None, value + 10 ** zeros - 1
    if hedge in ("至少", "不少于"):
        return value, value, None  # as English "at least 5": the figure stands, no ceiling
    if hedge in ("超过", "逾"):
        return value + 1, None, None
    # "约200" (about), "近100" (nearly), "多达30" (as many as): the figure reporters code is the
    # figure itself, as ACLED and UCDP do with "approximately"
    return value, value, value


def find_numbers(text: str) -> list[NumberSpan]:
    """Every quantity in ``text`` with character offsets into it.

    A figure written in Chinese numerals counts only when a classifier or counted noun follows
    it ("三名", "二十三人"): bare numerals are far more often part of words ("一度", "两国",
    "十分"). Figures followed by a calendar or clock unit ("10月", "2021年", "几十年") are dates
    or durations, not counts, and are left to the date resolver.
    """
    spans: list[NumberSpan] = []
    for match in _PATTERN.finditer(text):
        if _followed_by_time_unit(text, match.end()):
            continue
        hedge = match.group("hedge")
        start = match.start()
        if hedge == "上":
            hedge, start = None, match.start() + 1  # "上" hedges only "上百"/"上千"
        if match.group("vague"):
            low = _VAGUE[match.group("vunit")]
            if match.group("vtail") and not _counts_something(text, match.end()):
                continue
            spans.append(NumberSpan(match.start(), match.end(), match.group(0), low, None, None))
            continue
        if match.group("teens"):
            spans.append(NumberSpan(start, match.end(), text[start:match.end()], 11, None, 19))
            continue
        num = match.group("num")
        if num is None:
            continue
        if num in ("百", "千", "万"):
            # a bare unit counts only as "上百" (a hundred or more) or "近百" (nearly a hundred)
            unit = _UNITS.get(num) or _BIG[num]
            if match.group("hedge") == "上":
                spans.append(NumberSpan(match.start(), match.end(), match.group(0), unit, None,
                                        None))
            elif hedge in ("近", "将近", "接近", "约"):
                spans.append(NumberSpan(match.start(), match.end(), match.group(0), unit, unit,
                                        unit))
            continue
        if not num[0].isdigit() and not _counts_something(text, match.end()):
            continue
        value = _value(num)
        if value is None:
            continue
        low, best, high = _bounds(value, hedge, match.group("tail"))
        spans.append(NumberSpan(start, match.end(), text[start:match.end()], low, best, high))
    return spans


#: classifiers and the nouns that take none: what follows a count of people or things
_COUNTED = set("名人个位辆架次枚起座处具条艘件批户家")
#: what follows a figure that is a date, a time or a duration rather than a count
_TIME_UNITS = set("年月日号时点分秒天周岁%％")


def _counts_something(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _COUNTED


def _followed_by_time_unit(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _TIME_UNITS
