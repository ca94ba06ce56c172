"""Dates that cannot crash: guarded construction, saturating arithmetic, plausible ranges.

Python's ``date`` raises on 29 February of a common year and on any step past 0001-01-01 or
9999-12-31. Reports carry impossible dates ("clashed on 2025-02-29") and metadata carries
absurd ones (a feed entry "published" 0001-01-01), and a crash there used to cost the whole
document. Every date computed from untrusted input goes through these helpers:

    >>> make_date(2025, 2, 29) is None
    True
    >>> shift_days(date(9999, 12, 30), 7)
    datetime.date(9999, 12, 31)
    >>> plausible_published(date(1, 1, 1))
    False
"""

from __future__ import annotations

from datetime import date, timedelta

from ceasewatch.errors import CeasewatchError

#: publication dates outside this range are metadata errors, not news: the extractor's own
#: year patterns cover 1900–2099, and a date this far from both ends leaves room for any
#: "last week", "a year ago" or fusion window computed from it
EARLIEST_PUBLISHED = date(1900, 1, 1)
LATEST_PUBLISHED = date(2099, 12, 31)


def make_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (2025-02-29, month 13, year 0)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def shift_days(day: date, days: int) -> date:
    """``day + days``, saturating at ``date.min`` / ``date.max`` instead of overflowing."""
    ordinal = day.toordinal() + days
    if ordinal < date.min.toordinal():
        return date.min
    if ordinal > date.max.toordinal():
        return date.max
    return day + timedelta(days=days)


def plausible_published(day: date) -> bool:
    """True for a publication date ceasewatch can reason from (1900-01-01 to 2099-12-31)."""
    return EARLIEST_PUBLISHED <= day <= LATEST_PUBLISHED


def require_plausible(day: date | None, field: str) -> None:
    """A date parameter (a period's end, a filter) within 1900–2099, else a
    :class:`CeasewatchError` naming the field: year 1 or 9999 asks for nothing ceasewatch can
    hold, and a week computed around it overflows."""
    if day is not None and not plausible_published(day):
        raise CeasewatchError(f"{day.isoformat()} is outside {EARLIEST_PUBLISHED} to "
                              f"{LATEST_PUBLISHED}", field=field)


def published_range_message(day: date) -> str:
    return (f"publication date {day.isoformat()} is out of the plausible range "
            f"{EARLIEST_PUBLISHED.isoformat()} to {LATEST_PUBLISHED.isoformat()}")
