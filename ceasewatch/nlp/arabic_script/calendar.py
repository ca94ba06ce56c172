"""Solar Hijri (Jalali) calendar: Afghanistan's and Iran's official calendar, to Gregorian.

Afghan outlets in Dari and Pashto date reports "۲۷ میزان ۱۴۰۴" (27 Mizan 1404 = 19 October 2025,
the Doha accord); Iranian Persian writes the same day "۲۷ مهر ۱۴۰۴". The year starts at the March
equinox; months 1-6 have 31 days, 7-11 have 30, and month 12 has 29 or 30.

The new-year day is computed with the 33-year-cycle break table of the jalaali-js library
(Borkowski's algorithm, valid for Jalali years -61..3177, MIT licence), which agrees with the
astronomical calendar Iran and Afghanistan publish for every year of modern reporting.

Example::

    >>> jalali_to_gregorian(1404, 7, 27)
    datetime.date(2025, 10, 19)
"""

from __future__ import annotations

from datetime import date, timedelta

_BREAKS = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192,
           2262, 2324, 2394, 2456, 3178)


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as the reference algorithm is written."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def nowruz(jalali_year: int) -> date:
    """The Gregorian date of 1 Farvardin (1 Hamal) of ``jalali_year``."""
    if not _BREAKS[0] <= jalali_year < _BREAKS[-1]:
        raise ValueError(f"Jalali year out of range: {jalali_year}")
    gregorian_year = jalali_year + 621
    leap_j = -14
    previous = _BREAKS[0]
    jump = 0
    for brk in _BREAKS[1:]:
        jump = brk - previous
        if jalali_year < brk:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        previous = brk
    n = jalali_year - previous
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gregorian_year, 4) - _div((_div(gregorian_year, 100) + 1) * 3, 4) - 150
    march_day = 20 + leap_j - leap_g
    return date(gregorian_year, 3, 1) + timedelta(days=march_day - 1)


def month_length(jalali_year: int, month: int) -> int:
    """Days in a Jalali month (Esfand/Hut has 30 only in leap years)."""
    if not 1 <= month <= 12:
        raise ValueError(f"Jalali month out of range: {month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return (nowruz(jalali_year + 1) - nowruz(jalali_year)).days - 336


def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian date of a Solar Hijri date; ValueError when the date does not exist."""
    if not 1 <= day <= month_length(year, month):
        raise ValueError(f"Jalali day out of range: {year}-{month}-{day}")
    offset = (month - 1) * 31 if month <= 7 else 186 + (month - 7) * 30
    return nowruz(year) + timedelta(days=offset + day - 1)


def gregorian_to_jalali(value: date) -> tuple[int, int, int]:
    """(year, month, day) in the Solar Hijri calendar."""
    year = value.year - 621
    if value < nowruz(year):
        year -= 1
    days = (value - nowruz(year)).days
    if days < 186:
        return year, days // 31 + 1, days % 31 + 1
    days -= 186
    return year, days // 30 + 7, days % 30 + 1
