"""Place names compared loosely, the one way fusion and the store both compare them.

Fusion decides that two sites with the same name are one place however far apart their
coordinates lie (two gazetteers placing one village a few kilometres apart); the store keeps
that key of every event's place in a column (``events.place_key``, migration 0012), so a
spatial candidate lookup can keep the same-named sites without reading every row:

    >>> norm_name("Al-Qaim District"), norm_name("the Nineveh Province")
    ('al qaim district', 'nineveh')
"""

from __future__ import annotations

import re
from functools import lru_cache

_DASHES = re.compile(r"[\u2010-\u2015\-_]+")
_NOISE_WORDS = re.compile(r"\b(province|provinces|the)\b")


@lru_cache(maxsize=65536)
def norm_name(name: str | None) -> str:
    """Names compared loosely: case, hyphens/dashes, and a trailing "province" ignored.

    Cached: fusion compares the same few hundred place names many thousands of times.
    """
    if not name:
        return ""
    text = _NOISE_WORDS.sub(" ", _DASHES.sub(" ", name.casefold()))
    return " ".join(text.split())
