"""Event revisions stored as a chain: each row keeps its snapshot or its changes, not both
when one can be rebuilt exactly from the other and the revision before it.

A revision is the event as it stood (a snapshot of some 30 fields) and each changed field's
``[before, after]``. Stored whole, the two say everything twice: a new event's changes are its
snapshot again, and a later report's snapshot is the one before with two or three fields
changed. So a row keeps

- the changes, when applying them to the previous snapshot gives this snapshot, key order
  included (a report that moved the toll from 17 to 35: the snapshot is dropped), or else
- the snapshot, when the changes are what :func:`snapshot_changes` finds between the previous
  snapshot and this one (a created event, whose unset fields no change names: the changes
  are dropped),

and both when neither can be rebuilt (a row written by older code, a key removed). Every
``KEYFRAME_EVERY``-th row of an event keeps its snapshot, so reading the latest state reads a
bounded tail of the chain. Whatever is dropped is checked, at write time, to come back
equal to what was given, after the same JSON round trip a stored value takes: nothing is lost.

``NULL`` in ``snapshot`` keeps its old meaning for a deletion and a baseline (the event was
not recorded); for any other cause it means "rebuilt from the chain". ``NULL`` in ``changes``
always means "rebuilt".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from ceasewatch.store.codec import dumps

#: causes whose NULL snapshot is real: the event is gone, or it existed before history
NO_SNAPSHOT_CAUSES = ("deleted", "baseline")
#: a stored snapshot at least this often along an event's chain
KEYFRAME_EVERY = 16

Snapshot = dict[str, Any]
Changes = dict[str, tuple[Any, Any]]


def snapshot_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> Changes:
    """Each field whose value differs, as ``(before, after)``; every set field when there is
    no earlier snapshot."""
    old = before or {}
    return {k: (old.get(k), v) for k, v in after.items()
            if old.get(k) != v and not (k not in old and v in (None, [], False, 0))}


def apply_changes(before: Mapping[str, Any] | None, changes: Mapping[str, Sequence[Any]]
                  ) -> Snapshot:
    """The snapshot the changes lead to from ``before`` (new fields last)."""
    out = dict(before or {})
    for key, (_, after) in changes.items():
        out[key] = after
    return out


def _listed(changes: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
    return {k: [v[0], v[1]] for k, v in changes.items()}


def lean_columns(previous: Snapshot | None, snapshot: Mapping[str, Any] | None,
                 changes: Mapping[str, Sequence[Any]], *, keyframe: bool = False
                 ) -> tuple[str | None, str | None]:
    """The ``(snapshot, changes)`` column texts to store for one revision.

    ``previous`` is the rebuilt snapshot of the event's revision before (None when there is
    none, or it is a deletion or a baseline). ``keyframe`` keeps the snapshot whatever.
    """
    snap_text = None if snapshot is None else dumps(snapshot)
    change_text = dumps(_listed(changes))
    if snap_text is None:
        return None, change_text
    snap = json.loads(snap_text)
    stored_changes = json.loads(change_text)
    rebuilt = apply_changes(previous, stored_changes)
    if not keyframe and list(rebuilt.items()) == list(snap.items()):
        return None, change_text  # the smaller half: a few fields instead of thirty
    derived = _listed(snapshot_changes(previous, snap))
    if list(derived.items()) == list(stored_changes.items()):
        return snap_text, None
    return snap_text, change_text


def resolve_chain(rows: Iterable[Mapping[str, Any]], previous: Snapshot | None = None
                  ) -> Iterator[tuple[Snapshot | None, Changes]]:
    """Each row's whole ``(snapshot, changes)``, for the rows of one event in id order.

    ``previous`` is the snapshot before the first row (None when the first row is the
    event's first, or a row that keeps its snapshot).
    """
    for row in rows:
        stored_snap, stored_changes = row["snapshot"], row["changes"]
        if row["cause"] in NO_SNAPSHOT_CAUSES and stored_snap is None:
            changes = json.loads(stored_changes or "{}")
            snap = None
        elif stored_snap is None:  # rebuilt from the one before
            changes = json.loads(stored_changes)
            snap = apply_changes(previous, changes)
        else:
            snap = json.loads(stored_snap)
            changes = (json.loads(stored_changes) if stored_changes is not None
                       else _listed(snapshot_changes(previous, snap)))
        previous = snap
        yield snap, {k: (v[0], v[1]) for k, v in changes.items()}


def compact(conn: Any) -> int:
    """Drop what each stored revision says twice (migration 0011); returns rows rewritten.

    Runs inside the migration's transaction: an interrupted run leaves every row whole.
    """
    rewritten = 0
    current, previous, since_keyframe = None, None, 0
    rows = conn.execute("SELECT id, event_id, cause, snapshot, changes FROM event_revisions "
                        "ORDER BY event_id, id").fetchall()
    for row in rows:
        if row["event_id"] != current:
            current, previous, since_keyframe = row["event_id"], None, 0
        snap, changes = next(resolve_chain([row], previous))
        if row["cause"] in NO_SNAPSHOT_CAUSES and row["snapshot"] is None:
            previous, since_keyframe = None, 0
            continue
        keyframe = since_keyframe + 1 >= KEYFRAME_EVERY
        snap_text, change_text = lean_columns(previous, snap, changes, keyframe=keyframe)
        since_keyframe = 0 if snap_text is not None else since_keyframe + 1
        if (snap_text, change_text) != (row["snapshot"], row["changes"]):
            conn.execute("UPDATE event_revisions SET snapshot = ?, changes = ? WHERE id = ?",
                         (snap_text, change_text, row["id"]))
            rewritten += 1
        previous = snap
    return rewritten
