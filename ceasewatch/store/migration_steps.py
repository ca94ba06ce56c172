"""The Python step of each migration that has one, by backend: what SQL cannot do, run after
the migration's SQL in the same transaction (``database.python_step``).

- 0011 (SQLite alone; PostgreSQL keeps its rows whole, compressed): revision chains and
  narrow MinHash signatures (``lean_steps.py``);
- 0012 (both): every stored event's ``place_key`` (``place_keys.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ceasewatch.store.lean_steps import lean_0011
from ceasewatch.store.place_keys import fill_place_keys

PYTHON_STEPS: dict[tuple[int, str], Callable[[Any], None]] = {
    (11, "sqlite"): lean_0011,
    (12, "sqlite"): fill_place_keys,
    (12, "postgresql"): fill_place_keys,
}
