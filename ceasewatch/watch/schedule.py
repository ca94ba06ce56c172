"""How often to poll a source, and how long to back off when it fails.

``--every 15m`` is the polite interval; after ``n`` failed polls in a row the next poll waits
``every * 2**n`` (at most a day, and never less than a ``Retry-After`` the server asked for),
so an outlet whose server is down is not hammered, and one good answer restores the interval.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ceasewatch.errors import CeasewatchError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)
MIN_INTERVAL_S = 1
MAX_INTERVAL_S = 7 * 86400
MAX_BACKOFF_S = 86400


def parse_interval(text: str) -> int:
    """Seconds in ``30s``, ``15m``, ``2h``, ``1d`` (a bare number is seconds).

        >>> parse_interval("15m"), parse_interval("1h"), parse_interval("90")
        (900, 3600, 90)
    """
    m = _INTERVAL.match(text or "")
    if not m:
        raise CeasewatchError(f"{text!r} is not an interval (write 30s, 15m, 2h or 1d)",
                              field="every")
    seconds = float(m[1]) * _UNITS[(m[2] or "s").lower()]
    if not MIN_INTERVAL_S <= seconds <= MAX_INTERVAL_S:
        raise CeasewatchError(f"{text!r} is outside 1 s to 7 days", field="every")
    return round(seconds)


def format_interval(seconds: int) -> str:
    """``900`` -> ``15m``: the shortest exact spelling."""
    for unit in ("d", "h", "m"):
        if seconds % _UNITS[unit] == 0:
            return f"{seconds // _UNITS[unit]}{unit}"
    return f"{seconds}s"


def backoff_delay(every_s: int, failures: int, retry_after_s: float | None = None) -> float:
    """Seconds until the next poll after ``failures`` failed polls in a row (0: success).

        >>> backoff_delay(60, 0), backoff_delay(60, 1), backoff_delay(60, 3)
        (60.0, 120.0, 480.0)
    """
    delay = float(every_s) if failures <= 0 else min(
        float(every_s) * 2 ** min(failures, 20), max(float(every_s), MAX_BACKOFF_S))
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, MAX_BACKOFF_S))
    return delay


def next_poll(now: datetime, every_s: int, failures: int,
              retry_after_s: float | None = None) -> datetime:
    return now + timedelta(seconds=backoff_delay(every_s, failures, retry_after_s))
