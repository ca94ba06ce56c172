"""Fusion: one incident, many reports -> one event with corroboration and contested claims.

``fuse_mentions(store, mentions)`` is the stage's entry point (called by ``api`` inside the
document's transaction); it returns the ids of events created or changed. The modules, in the
order a mention meets them: ``candidates`` (blocking through the store's index),
``compatibility`` (can this report be that incident?), ``clustering`` (attach or create),
``corroboration`` (independent sources), ``claims`` (every value with its claimant, best
estimates, disputed fields), ``manual`` (analyst merge/split, kept on re-ingestion).
"""

from ceasewatch.fusion.fuse import fuse_mentions, rebuild_event
from ceasewatch.fusion.manual import merge_events, split_event

__all__ = ["fuse_mentions", "rebuild_event", "merge_events", "split_event"]
