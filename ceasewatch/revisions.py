"""Event revisions: every change of a fused event, dated, with what caused it.

Fusion rebuilds an event in place whenever a report joins it (its id never changes), so the
event table alone cannot say that UNAMA's Spin Boldak toll stood at 17 before the final report
gave 35. After each change-set (one document's analysis, a merge, a split, a review decision)
:func:`record_revisions` compares each touched event with its last recorded snapshot and, when
anything differs, stores a revision holding the new snapshot and each changed field's
``[before, after]``::

    revision 2 · 2026-12-03T09:14:02+00:00 · report (doc 3f2a…)
      fatalities_high: 17 -> 35
      sources: ['unama-interim.txt'] -> ['unama-interim.txt', 'unama-final.txt']

Deletions are recorded by the store itself (a trigger), whatever deleted the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ceasewatch.errors import NotFoundError
from ceasewatch.export import event_dict
from ceasewatch.records import Event, Revision
from ceasewatch.store import Store
from ceasewatch.store.revision_chain import snapshot_changes

#: causes a caller may give; "created" and "deleted" are decided here and by the store
CAUSES = ("report", "reanalysis", "merge", "split", "review")
#: event_dict keys that are not the event's state (derived labels, the mention id list)
_NOT_STATE = ("id", "what", "mentions")


def snapshot(store: Store, event: Event) -> dict[str, Any]:
    """The event as it stands, in the JSON shape of ``events --json``, plus its ledger lines
    and how many reports it holds."""
    out = {k: v for k, v in event_dict(event).items() if k not in _NOT_STATE}
    out["reports"] = len(event.mention_ids)
    out["violations"] = sorted(
        f"{v.accord_id}/{v.commitment_id}: {v.alleged_violator or '?'} ({v.verification})"
        for v in store.accords.violations(event_id=event.id))
    return out


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Each field whose value differs, as ``(before, after)``; every set field when there is
    no earlier snapshot (the store rebuilds dropped changes with the same function)."""
    return snapshot_changes(before, after)


def record_revisions(store: Store, event_ids: Iterable[str], cause: str, *,
                     doc_id: str | None = None, note: str = "") -> list[int]:
    """Record a revision for each of these events that changed since its last one (inside
    the caller's transaction); returns the new revisions' ids.

    An event with no revision yet, or deleted before, is "created" (a split's new event keeps
    "split"). An event seen again unchanged (a re-ingested report) gets no revision; a
    review decision is recorded even when it changes no field.
    """
    if cause not in CAUSES:
        raise ValueError(f"unknown revision cause {cause!r}")
    ids = list(dict.fromkeys(event_ids))
    latest = store.revisions.latest_many(ids)
    added = []
    for event in store.events.get_many(ids):
        prior = latest.get(event.id)
        now = snapshot(store, event)
        if prior is not None and prior.snapshot == now and cause != "review":
            continue
        fresh = prior is None or prior.cause == "deleted"
        kind = "created" if fresh and cause == "report" else cause
        changes = diff(None if fresh or prior is None else prior.snapshot, now)
        if not changes and prior is not None and prior.cause != "baseline" \
                and cause != "review":
            continue
        added.append(store.revisions.add(event.id, kind, now, changes, doc_id=doc_id,
                                         note=note))
    return added


def event_history(store: Store, event_id: str) -> list[Revision]:
    """Every revision of an event, and of the events merged into it, oldest first."""
    try:
        resolved = store.events.resolve(event_id)
    except NotFoundError:  # a deleted event keeps its history
        if store.revisions.history([event_id]):
            return store.revisions.history([event_id])
        raise
    return store.revisions.history([resolved, *store.revisions.aliases_of(resolved)])


def revision_dict(r: Revision) -> dict[str, Any]:
    return {"revision": r.id, "event_id": r.event_id, "at": r.at.isoformat(),
            "cause": r.cause, "doc_id": r.doc_id, "note": r.note,
            "changes": {k: {"before": b, "after": a} for k, (b, a) in r.changes.items()},
            "snapshot": r.snapshot}


def describe_changes(r: Revision, *, width: int = 90) -> Sequence[str]:
    """One line per changed field, ``field: before -> after``, long values shortened."""
    def short(value: Any) -> str:
        text = "—" if value is None else str(value)
        return text if len(text) <= width else text[:width - 1] + "…"

    return [f"{k}: {short(b)} -> {short(a)}" for k, (b, a) in r.changes.items()]
