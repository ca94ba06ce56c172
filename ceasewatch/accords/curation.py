"""Importing curated accords: an analyst's file, or the ones bundled with ceasewatch.

Curated accords win over detected drafts: importing an accord absorbs any draft detected for
the same agreement (same parties, signed within two days) — its supporting reports are linked
to the curated accord and the draft goes — and the ledger is re-derived for it.

Bundled accords (``data/theaters/<theater>/accords/*.yaml``, the Doha accord of 19 October
2025 first) are imported into a store the first time the ledger runs on it (its first ingest), by
``ceasewatch accords`` on a store that holds no accord yet, and on demand by
``ceasewatch accords import --builtin``. An accord already in the store under the same id is
left alone by the automatic import (the analyst may have corrected it); ``--builtin`` re-imports.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ceasewatch.accords.accord_file import load_accord_file, load_accord_text
from ceasewatch.accords.ledger import SAME_AGREEMENT_DAYS, refresh_accord
from ceasewatch.records import Accord
from ceasewatch.store import Store
from ceasewatch.theaters import theaters_root

ACCORD_SUFFIXES = (".yaml", ".yml", ".toml")


@dataclass(frozen=True, slots=True)
class ImportResult:
    accord: Accord
    outcome: str  # "added" | "updated"
    absorbed: tuple[str, ...]  # ids of detected drafts merged into it
    violations: int


def import_accord_file(store: Store, path: str | Path) -> list[ImportResult]:
    """Validate a whole file first (nothing is stored if a field is bad), then import it."""
    return import_accords(store, load_accord_file(path))


def import_accords(store: Store, accords: list[Accord]) -> list[ImportResult]:
    results = []
    with store.atomic():
        for accord in accords:
            outcome = "updated" if store.accords.find(accord.id) else "added"
            absorbed = _absorb_drafts(store, accord)
            store.accords.save(accord)
            n = refresh_accord(store, accord)
            results.append(ImportResult(accord, outcome, absorbed, n))
    return results


def _absorb_drafts(store: Store, accord: Accord) -> tuple[str, ...]:
    day = accord.signed_date or accord.in_force_date
    if day is None:
        return ()
    drafts = [d for d in store.accords.near(accord.parties, day, SAME_AGREEMENT_DAYS)
              if d.source == "detected" and d.id != accord.id]
    if not drafts:
        return ()
    store.accords.save(accord)  # the curated row must exist before the links move to it
    for draft in drafts:
        for link in store.accords.linked_events(draft.id):
            store.accords.link_event(accord.id, str(link["event_id"]),
                                     mediators=_strings(link["mediators"]),
                                     commitment_kinds=_strings(link["commitments"]))
        store.accords.delete(draft.id)
    return tuple(d.id for d in drafts)


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


@lru_cache(maxsize=1)
def builtin_accords() -> tuple[Accord, ...]:
    """The curated accords bundled with ceasewatch, validated like any analyst's file."""
    out: list[Accord] = []
    root = theaters_root()
    for theater in sorted(root.iterdir(), key=lambda e: e.name):
        folder = theater.joinpath("accords")
        if not theater.is_dir() or not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(ACCORD_SUFFIXES):
                continue
            name = f"{theater.name}/accords/{entry.name}"
            for accord in load_accord_text(entry.read_text(encoding="utf-8"), name,
                                           toml=entry.name.endswith(".toml")):
                out.append(replace(accord, provenance=(
                    f"builtin {name}; "
                    + (accord.provenance or "").removeprefix(f"file {entry.name}; "))))
    return tuple(out)


def import_builtin(store: Store) -> list[ImportResult]:
    """``ceasewatch accords import --builtin``: (re-)import every bundled accord."""
    return import_accords(store, list(builtin_accords()))


def ensure_builtin_accords(store: Store) -> list[ImportResult]:
    """Import the bundled accords a store does not hold yet (cheap when it holds them)."""
    missing = [a for a in builtin_accords() if store.accords.find(a.id) is None]
    return import_accords(store, missing) if missing else []
