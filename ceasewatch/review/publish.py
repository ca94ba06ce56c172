"""What a verified-only publication shows: events an analyst verified, and within them only
the claims and alleged violations someone verified (a rejected claim is never quoted).

    >>> model = build_sitrep(store, start, end, verified_only=True)       # doctest: +SKIP

The same rule serves the sitrep (``--verified-only``), exports and the public API
(``serve --verified-only``), so a reader never sees one thing in the PDF and another online.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ceasewatch.errors import NotFoundError
from ceasewatch.review.states import claim_key
from ceasewatch.review.workflow import state_dict

if TYPE_CHECKING:
    from ceasewatch.records import Claim, Event, Violation
    from ceasewatch.store import Store

#: the claim fields whose verified values replace an event's fused estimates
FIGURES = ("fatalities", "injuries")


def verified_claim_keys(store: Store, claims: list[Claim]) -> set[str]:
    states = store.reviews.states("claim", [claim_key(c) for c in claims])
    return {k for k, d in states.items() if d.state == "verified"}


def verified_violations(store: Store, violations: list[Violation]) -> list[Violation]:
    states = store.reviews.states("violation", [v.id for v in violations])
    return [v for v in violations if (d := states.get(v.id)) and d.state == "verified"]


def require_verified_event(store: Store, event_id: str) -> None:
    """A 404 for an event nobody verified: unpublished is not there, to the public."""
    decision = store.reviews.state_of("event", store.events.get(event_id).id)
    if decision is None or decision.state != "verified":
        raise NotFoundError(f"no published event {event_id!r}")


def publish_event_detail(store: Store, detail: dict[str, Any]) -> dict[str, Any]:
    """An ``event_detail`` cut to its verified claims and alleged violations."""
    event_id = detail["event"]["id"]
    require_verified_event(store, event_id)
    claims = store.events.claims(event_id)
    keep = verified_claim_keys(store, claims)
    kept = [d for c, d in zip(claims, detail["claims"], strict=True) if claim_key(c) in keep]
    from ceasewatch.export import event_dict

    # the event's own figures from its verified claims, as in the verified-only sitrep
    event = event_dict(published_event(store, store.events.get(event_id)))
    grouped: dict[str, list[dict[str, Any]]] = {}
    for c in kept:
        grouped.setdefault(c["field"], []).append(c)
    ok_violations = {v["id"] for v in detail["violations"]
                     if (d := store.reviews.state_of("violation", v["id"]))
                     and d.state == "verified"}
    return dict(detail, event=event, claims=kept, claims_by_field=grouped,
                violations=[v for v in detail["violations"] if v["id"] in ok_violations])


def verified_claims_of(store: Store, event_ids: list[str],
                       names: dict[str, str]) -> list[dict[str, Any]]:
    """Per event, the claims verified and by whom, with the analyst's note: the sitrep's
    "verified by analysts" table."""
    from ceasewatch.reports.views import claim_dict

    rows = []
    for event_id in event_ids:
        claims = store.events.claims(event_id)
        states = store.reviews.states("claim", [claim_key(c) for c in claims])
        for c in claims:
            d = states.get(claim_key(c))
            if d is not None and d.state == "verified":
                rows.append(dict(claim_dict(c, names), event_id=event_id,
                                 review_id=claim_key(c), review=state_dict(d)))
    return rows


def publish_disputes(store: Store, disputes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Disputes cut to verified claims; a field left with one value is no longer contested."""
    from ceasewatch.reports.views import decode_claim_value

    out = []
    for d in disputes:
        claims = store.events.claims(d["event"]["id"])
        keep = verified_claim_keys(store, claims)
        verified = [c for c in claims if claim_key(c) in keep]
        fields = {}
        for f, rows in d["claims"].items():
            kept = [r for r in rows if any(
                (c.field, c.mention_id, c.claimant) == (r["field"], r["mention_id"],
                                                        r["claimant"])
                and decode_claim_value(c.value) == r["value"] for c in verified)]
            if len({r["display"] for r in kept}) > 1:
                fields[f] = kept
        if fields:
            out.append(dict(d, fields=list(fields), claims=fields))
    return out


def publish_accord_summary(store: Store, summary: dict[str, Any]) -> dict[str, Any]:
    """An ``accord_summary`` cut to the alleged violations someone verified."""
    states = store.reviews.states("violation", [v["id"] for v in summary["violations"]])
    kept = [v for v in summary["violations"]
            if (d := states.get(v["id"])) is not None and d.state == "verified"]
    by_verification: dict[str, int] = {}
    for v in kept:
        by_verification[v["verification"]] = by_verification.get(v["verification"], 0) + 1
    return dict(summary, violations=kept, violation_count=len(kept),
                by_verification=by_verification)


def published_event(store: Store, event: Event) -> Event:
    """The event with its death and injury figures taken from verified claims only: a figure
    an analyst rejected (or nobody checked) is not published, so a verified-only report never
    adds it to its totals. With several verified figures: the lowest low, the highest high,
    and a best estimate only when they agree."""
    import dataclasses
    import json

    from ceasewatch.records import Casualties

    claims = store.events.claims(event.id)
    keep = verified_claim_keys(store, claims)
    figures: dict[str, Casualties] = {}
    for field in FIGURES:
        values = []
        for c in claims:
            if c.field == field and claim_key(c) in keep:
                try:
                    value = json.loads(c.value)
                except ValueError:
                    continue
                if isinstance(value, dict):
                    values.append(value)
        lows = [v["low"] for v in values if v.get("low") is not None]
        highs = [v["high"] for v in values if v.get("high") is not None]
        bests = {v.get("best") for v in values}
        figures[field] = Casualties(low=min(lows) if lows else None,
                                    best=bests.pop() if len(bests) == 1 else None,
                                    high=max(highs) if highs else None)
    return dataclasses.replace(event, fatalities=figures["fatalities"],
                               injuries=figures["injuries"])
