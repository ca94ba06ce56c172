"""``fuse_mentions``: place new mentions into events and rebuild what changed.

Runs inside the caller's transaction (``api.analyse_document``): a document lands with its
mentions and its fused events, or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from ceasewatch.fusion.claims import summarise
from ceasewatch.fusion.clustering import DocumentContext, load_context, place_mention
from ceasewatch.fusion.corroboration import ensure_fingerprints, independent_groups
from ceasewatch.fusion.knowledge import FusionKnowledge, knowledge
from ceasewatch.records import Event, Mention
from ceasewatch.store import Store


def rebuild_event(store: Store, event_id: str, k: FusionKnowledge | None = None
                  ) -> Event | None:
    """Recompute an event's estimates, claims and corroboration from its mentions.

    An event left without mentions (its document was re-extracted without them, or all were
    split off) is deleted and the deletion logged; returns None then.
    """
    k = k or knowledge()
    mention_ids = store.events.mention_ids(event_id)
    mentions = store.mentions.get_many(mention_ids)
    if not mentions:
        if store.events.get_many([event_id]):
            store.events.delete(event_id)
            store.events.log("delete", event_id, "no report left in this event")
        return None
    doc_ids = list(dict.fromkeys(m.doc_id for m in mentions))
    meta = store.events.source_documents(doc_ids)
    signatures = ensure_fingerprints(store, doc_ids)
    groups = independent_groups(mentions, {d: meta.get(d, (d, None))[1] for d in doc_ids},
                                signatures, k)
    sources = [meta.get(d, (d, None))[0] for d in doc_ids]
    texts = {d: store.events.document_text(d) for d in doc_ids}
    outlets = {d: meta.get(d, (d, None))[1] for d in doc_ids}
    event, claims = summarise(event_id, mentions, sources, len(groups), texts, outlets)
    store.events.save(event)
    store.events.replace_claims(event_id, claims)
    return event


def create_event_row(store: Store, event_id: str, mention: Mention) -> None:
    """The row a new event's mentions link to; ``rebuild_event`` fills it in."""
    store.events.save(Event(id=event_id, native_type=mention.native_type,
                            event_date=mention.event_date,
                            date_precision=mention.date_precision))


def _same(a: Event | None, b: Event | None) -> bool:
    return a is not None and b is not None and a == b


def fuse_mentions(store: Store, mentions: Sequence[Mention], *,
                  documents: Sequence[str] = ()) -> list[str]:
    """Attach each mention to the event it reports, or create one; returns touched event ids.

    Idempotent: fusing the same mention ids again (a re-ingested document) puts them back in
    the same events, keeps manual merge/split decisions, and reports no change. Events that
    held reports of these documents (and of ``documents``, for a re-extraction that found
    nothing) are rebuilt, and deleted when no report is left.
    """
    k = knowledge()
    touched: dict[str, None] = {}
    before: dict[str, Event | None] = {}
    contexts: dict[str, DocumentContext] = {}
    doc_ids = list(dict.fromkeys([*(m.doc_id for m in mentions), *documents]))
    # events that held mentions of these documents before (a re-extraction may drop some)
    stale = store.events.assigned_events_of_documents(doc_ids)
    for event in store.events.get_many(stale):
        before[event.id] = event
    ordered = sorted(mentions, key=lambda m: (doc_ids.index(m.doc_id), m.evidence_start, m.id))
    for mention in ordered:
        ctx = contexts.get(mention.doc_id) or contexts.setdefault(
            mention.doc_id, load_context(store, mention.doc_id))
        linked = store.events.event_of_mention(mention.id)
        if linked is not None:
            event_id = linked
        else:
            decision = place_mention(store, mention, ctx, k)
            event_id = decision.event_id
            if event_id not in before:
                before[event_id] = next(iter(store.events.get_many([event_id])), None)
            if decision.action == "create":
                create_event_row(store, event_id, mention)
            store.events.link(event_id, mention.id, decision.reason)
            if decision.action != "keep":
                store.events.assign(mention.id, event_id, mention.doc_id, manual=False)
                store.events.log(decision.action, event_id, decision.reason,
                                 mention_id=mention.id)
        ctx.by_event.setdefault(event_id, [])
        if all(m.id != mention.id for m in ctx.by_event[event_id]):
            ctx.by_event[event_id].append(mention)
        if event_id not in before:  # read once: the event as it was before this document
            before[event_id] = next(iter(store.events.get_many([event_id])), None)
        rebuild_event(store, event_id, k)
        touched[event_id] = None
    for event_id in stale:
        if event_id not in touched:
            rebuild_event(store, event_id, k)
            touched[event_id] = None
    after = {e.id: e for e in store.events.get_many(touched)}
    return [event_id for event_id in touched if event_id in after
            and not _same(before.get(event_id), after[event_id])]

