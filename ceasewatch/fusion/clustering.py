"""Incremental clustering: each new report joins the event it describes, or starts one.

For each mention, in document order:

1. **Kept decisions first.** A mention fusion has placed before (the same mention id, e.g.
   a re-ingested document) goes back to its event, following merges; a manual decision
   (``ceasewatch merge`` / ``split``) is never revisited.
2. **Candidates** come from the blocking index (``candidates.py``) and are scored by the
   rules in ``compatibility.py``; those that cannot be the same incident drop out.
3. **One document, one voice.** An event already holding a mention of the same document in
   the same language is only a candidate if the two mentions do not contradict each other
   (two dates, sites, tolls or round numbers in one article are two events). The other
   language of a bilingual article is a translation, so it fuses.
4. **Precise or vague.** A day-precise report joins the best-scoring candidate. A vaguer
   report ("clashes along the border last week", "strikes on Kabul in October") joins only
   when exactly one incident fits (or, with no incident, exactly one vaguer event): guessing
   between two incidents would invent corroboration. A month-level, area-wide report of
   violence ("fighting along the border in October left dozens dead") is a campaign
   summary: it is never folded into one incident (a day and a place at least as precise as
   a province), only into the best-fitting campaign-level event.
5. Otherwise the mention **creates** an event whose id derives from that first mention, so
   it is stable across runs.

Every create and attach is written to the fusion log with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ceasewatch.errors import NotFoundError
from ceasewatch.fusion.candidates import candidate_events
from ceasewatch.fusion.compatibility import (
    Fit,
    assess,
    contradicts,
    is_area_wide,
    is_campaign_level,
    is_incident,
    is_precise,
)
from ceasewatch.fusion.knowledge import FusionKnowledge
from ceasewatch.fusion.pairing import same_incident, threshold
from ceasewatch.records import Event, Mention, stable_id
from ceasewatch.store import Store


@dataclass
class Decision:
    """Where one mention went and why."""

    mention: Mention
    event_id: str
    action: str  # "create" | "attach" | "keep"
    reason: str
    manual: bool = False


@dataclass
class DocumentContext:
    """Mentions of the document being fused, by the event they went to."""

    doc_id: str
    by_event: dict[str, list[Mention]] = field(default_factory=dict)


def new_event_id(store: Store, mention: Mention) -> str:
    """``ev-`` + a hash of the first mention: re-running fusion gives the same id."""
    base = stable_id("event", mention.id, prefix="ev-", length=12)
    candidate, n = base, 1
    while store.events.get_many([candidate]):
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def load_context(store: Store, doc_id: str) -> DocumentContext:
    """What this document already contributed to stored events (earlier runs, other mentions)."""
    ctx = DocumentContext(doc_id)
    event_ids = store.events.events_citing_document(doc_id)
    if event_ids:
        own = {m.id: m for m in store.mentions.for_document(doc_id)}
        for event in store.events.get_many(event_ids):
            ctx.by_event[event.id] = [own[i] for i in event.mention_ids if i in own]
    return ctx


def same_document_block(mention: Mention, event_id: str, ctx: DocumentContext,
                        k: FusionKnowledge) -> str | None:
    """Why this event cannot take the mention, given the document's other mentions in it."""
    for other in ctx.by_event.get(event_id, []):
        if other.id == mention.id:
            continue
        if other.language and mention.language and other.language != mention.language:
            continue  # the other language of a bilingual article: a translation
        why = contradicts(other, mention, k)
        if why:
            return why
    return None


def kept_decision(store: Store, mention: Mention) -> Decision | None:
    """The event this mention was placed in before, if it still exists."""
    found = store.events.assignment(mention.id)
    if found is None:
        return None
    event_id, manual = found
    try:
        event_id = store.events.resolve(event_id)
    except NotFoundError:  # the event was deleted since (emptied by re-extraction)
        return None
    if not store.events.get_many([event_id]):
        return None
    how = "manual decision" if manual else "earlier fusion"
    return Decision(mention, event_id, "keep", f"re-ingested: kept in {event_id} ({how})",
                    manual=manual)


def choose(mention: Mention, scored: Sequence[tuple[Event, Fit]],
           k: FusionKnowledge) -> tuple[Event, Fit] | str:
    """The event to join, or the reason to start a new one."""
    if not scored:
        return "no compatible event in the window"
    ranked = sorted(scored, key=lambda ef: (-ef[1].score, ef[0].id))
    if is_precise(mention) and not (mention.native_type in k.episodic_types
                                    and is_area_wide(mention.place)):
        return ranked[0]
    if is_campaign_level(mention, k):
        return ranked[0]  # only campaign-level events are candidates: the best one
    # a vague report: the one incident that fits, or the one vaguer event that fits
    incidents = [ef for ef in ranked if is_incident(ef[0])]
    if len(incidents) == 1:
        return incidents[0]
    if not incidents and len(ranked) == 1:
        return ranked[0]
    names = ", ".join(e.id for e, _ in ranked[:4])
    return f"ambiguous: vague report fits {len(ranked)} events ({names}); kept apart"


def learned_check(mention: Mention, scored: Sequence[tuple[Event, Fit]], apart: list[str],
                  k: FusionKnowledge) -> list[tuple[Event, Fit]]:
    """The candidates the fusion model (``pairing.py``) finds likely enough to be this
    incident, still ranked by the rules' fit; all of them when no model is in use. Those
    it doubts are named, with its probability, in the fusion log."""
    out: list[tuple[Event, Fit]] = []
    join = threshold()
    for event, fit in scored:
        p = same_incident(mention, event, k)
        if p is None:
            out.append((event, fit))
        elif p >= join:
            out.append((event, Fit(fit.score, f"{fit.reason}; same incident p {p:.2f}")))
        else:
            apart.append(f"{event.id}: same incident p {p:.2f} < {join:.2f} ({fit.reason})")
    return out


def place_mention(store: Store, mention: Mention, ctx: DocumentContext,
                  k: FusionKnowledge) -> Decision:
    kept = kept_decision(store, mention)
    if kept is not None:
        return kept
    scored: list[tuple[Event, Fit]] = []
    apart: list[str] = []
    campaign = is_campaign_level(mention, k)
    for event in candidate_events(store, mention, k, campaign=campaign, rejected=apart):
        if campaign != is_campaign_level(event, k):
            # a campaign summary neither absorbs nor joins one incident
            apart.append(f"{event.id}: campaign summary and incident")
            continue
        fit = assess(mention, event, k)
        if isinstance(fit, str):
            apart.append(f"{event.id}: {fit}")
            continue
        blocked = same_document_block(mention, event.id, ctx, k)
        if blocked:
            apart.append(f"{event.id}: {blocked}")
            continue
        scored.append((event, fit))
    scored = learned_check(mention, scored, apart, k)
    chosen = choose(mention, scored, k)
    if isinstance(chosen, str):
        why_apart = f"; kept apart from {'; '.join(apart[:4])}" if apart else ""
        return Decision(mention, new_event_id(store, mention), "create", chosen + why_apart)
    event, fit = chosen
    others = sorted((f.score for e, f in scored if e.id != event.id), reverse=True)
    runner = f"; next best {others[0]:.2f}" if others else ""
    return Decision(mention, event.id, "attach", f"score {fit.score:.2f}: {fit.reason}{runner}")
