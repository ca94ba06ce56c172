"""Where theater packs live: ``ceasewatch/data/theaters/<name>/``, one folder per theater.

A pack is data only — ``theater.yaml`` (name, countries, map view), ``actors.yaml`` and
``actor_aliases.<lang>.tsv``, ``places.tsv`` and ``place_aliases.<lang>.tsv``,
``borders.yaml``, ``armed_groups.yaml``, ``claimants.yaml`` and ``accords/`` — so a new
theater is a new folder, never new code. Every loader finds packs through this module.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

THEATERS_DIR = Path(__file__).resolve().parent / "data" / "theaters"


def theaters_root() -> Traversable:
    """``ceasewatch/data/theaters`` as installed."""
    return resources.files("ceasewatch").joinpath("data", "theaters")


def pack_names(having: str | None = None) -> list[str]:
    """Names of the installed packs, sorted; only those holding the file ``having`` if given."""
    root = theaters_root()
    return sorted(e.name for e in root.iterdir()
                  if e.is_dir() and (having is None or e.joinpath(having).is_file()))
