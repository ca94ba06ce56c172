"""Which side a claimant speaks for: "Pakistan's information ministry" -> PK, "AFP" -> None.

A ceasefire monitor weighs a claim by who makes it: an accusation by one party against the
other is not corroboration, a report by an independent outlet is. The words that tie a
claimant to a side are data, per theater (``data/theaters/<theater>/claimants.yaml``); the
longest cue found in the claimant wins, so "Pakistani Taliban spokesman" is the TTP, not
Pakistan. Fusion uses this to split mutual blame into one claim per party, and the accords
ledger to tell accuser from independent witness.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from ceasewatch.errors import CeasewatchError
from ceasewatch.theaters import pack_names, theaters_root


class ClaimantFileError(CeasewatchError):
    """A bundled claimants.yaml that cannot be read (a packaging bug, not a user error)."""


@lru_cache(maxsize=1)
def _claimant_cues() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    cues: list[tuple[re.Pattern[str], str, int]] = []
    root = theaters_root()
    for theater in pack_names():
        path = root.joinpath(theater, "claimants.yaml")
        if not path.is_file():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ClaimantFileError(f"cannot read bundled data: {exc}",
                                    origin=f"{theater}/claimants.yaml") from exc
        for side, words in (data.get("sides") or {}).items():
            for word in words or []:
                pattern = re.compile(r"(?<!\w)" + re.escape(str(word)) + r"(?!\w)",
                                     re.IGNORECASE)
                cues.append((pattern, str(side), len(str(word))))
    return tuple(sorted(cues, key=lambda c: -c[2]))


def side_of_claimant(claimant: str | None) -> str | None:
    """The side a claimant speaks for, or None for an independent source.

    >>> side_of_claimant("Pakistan's information ministry")
    'PK'
    >>> side_of_claimant("Pakistani Taliban spokesman")
    'TTP'
    >>> side_of_claimant("AFP") is None
    True
    """
    if not claimant:
        return None
    for pattern, side, _ in _claimant_cues():  # longest cue first
        if pattern.search(claimant):
            return side
    return None


def mutual_blame(claimants: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Claimant -> the side it blames, when a report has exactly two parties blaming each other.

    "Both nations traded blame", quoting the Afghan military and Pakistan's information
    ministry: each party's voice puts the first shot on the other side.

    >>> mutual_blame(["Afghan military", "Pakistan's information ministry"])
    {'Afghan military': 'PK', "Pakistan's information ministry": 'AF'}
    >>> mutual_blame(["AFP"])
    {}
    """
    sides = {c: side_of_claimant(c) for c in claimants}
    parties = sorted({s for s in sides.values() if s})
    if len(parties) != 2:
        return {}
    a, b = parties
    return {c: (b if s == a else a) for c, s in sides.items() if s}
