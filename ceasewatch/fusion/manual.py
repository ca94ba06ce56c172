"""Analyst decisions: merge events the rules kept apart, split reports the rules joined.

A manual decision is final. Each is written to the fusion log with ``manual = 1`` and pins the
mentions involved in ``fusion_assignments`` (``manual = 1``), which fusion consults before any
rule: re-ingesting the same documents (same mention ids) puts every mention back where the
analyst put it. A merged-away event id stays resolvable (``event_aliases``), so links and
notes that cite it keep working.
"""

from __future__ import annotations

from collections.abc import Sequence

from ceasewatch.errors import CeasewatchError
from ceasewatch.fusion.fuse import create_event_row, rebuild_event
from ceasewatch.records import stable_id
from ceasewatch.store import Store


class FusionDecisionError(CeasewatchError):
    """A merge or split that cannot be done as asked (unknown ids, nothing to split)."""


def merge_events(store: Store, event_ids: Sequence[str], *, note: str = "") -> str:
    """Merge events into the first one given; returns the surviving id."""
    resolved = list(dict.fromkeys(store.events.resolve(e) for e in event_ids))
    if len(resolved) < 2:
        raise FusionDecisionError("merge needs at least two different events",
                                  field="EVENT")
    target, others = resolved[0], resolved[1:]
    why = "manual merge" + (f": {note}" if note else "")
    with store.atomic():
        for mention_id in store.events.mention_ids(target):
            _pin(store, mention_id, target)
        for other in others:
            for mention_id in store.events.mention_ids(other):
                _pin(store, mention_id, target)
            store.events.reassign_event(other, target)
            store.events.log("merge", target, why, other_event_id=other, manual=True)
            store.events.delete(other)
        rebuild_event(store, target)
    return target


def split_event(store: Store, event_id: str, mention_ids: Sequence[str], *,
                note: str = "") -> str:
    """Move these mentions of an event into a new event; returns the new event's id."""
    source = store.events.resolve(event_id)
    current = store.events.mention_ids(source)
    wanted = list(dict.fromkeys(_match_mention(m, current) for m in mention_ids))
    if len(wanted) == len(current):
        raise FusionDecisionError(
            f"splitting every report off {source} would leave it empty; name fewer mentions",
            field="MENTION")
    new_id = stable_id("split", source, *sorted(wanted), prefix="ev-", length=12)
    why = "manual split" + (f": {note}" if note else "")
    with store.atomic():
        for mention_id in current:
            _pin(store, mention_id, new_id if mention_id in wanted else source)
        first = store.mentions.get_many(wanted[:1])[0]
        create_event_row(store, new_id, first)
        for mention_id in wanted:
            store.events.link(new_id, mention_id, why)
            store.events.log("split", source, why, other_event_id=new_id,
                             mention_id=mention_id, manual=True)
        rebuild_event(store, new_id)
        rebuild_event(store, source)
    return new_id


def _pin(store: Store, mention_id: str, event_id: str) -> None:
    doc = store.mentions.get_many([mention_id])
    doc_id = doc[0].doc_id if doc else ""
    store.events.assign(mention_id, event_id, doc_id, manual=True)


def _match_mention(given: str, current: Sequence[str]) -> str:
    if given in current:
        return given
    hits = [m for m in current if m.startswith(given)] if len(given) >= 4 else []
    if len(hits) == 1:
        return hits[0]
    raise FusionDecisionError(f"mention {given!r} is not a report of this event "
                              f"(its mentions: {', '.join(current)})", field="MENTION")
