"""Deciding, looking up and annotating review items over a store.

    >>> decide(store, "cl-0c3e…", "rejected", analyst="amina",  # doctest: +SKIP
    ...        note="the 'dozens' is the armed group's own claim, no second source")

Each decision is checked whole before it is written: the item must exist (an event, one of
its claims, one of its alleged violations), the analyst must be a user allowed to decide it
(``states.may_decide``), the note must fit; then one row is added to ``review_decisions``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ceasewatch.errors import CeasewatchError, NotAllowedError, NotFoundError
from ceasewatch.records import Claim, ReviewDecision, ReviewKind, Role, User
from ceasewatch.review import tokens
from ceasewatch.review.queue import order_queue
from ceasewatch.review.states import check_note, claim_key, item_kind, parse_state, refusal

if TYPE_CHECKING:
    from ceasewatch.store import Store


@dataclass(frozen=True, slots=True)
class Item:
    kind: ReviewKind
    item_id: str
    event_id: str


def find_item(store: Store, item_id: str, *, event_id: str | None = None) -> Item:
    """The event an item belongs to; a 404-style error naming the id when there is none."""
    kind = item_kind(item_id)
    if kind == "event":
        return Item(kind, item_id, store.events.get(item_id).id)
    if kind == "violation":
        found = store.accords.violation(item_id)
        if found is None:
            raise NotFoundError(f"no alleged violation {item_id!r}")
        return Item(kind, item_id, found.event_id)
    events = [event_id] if event_id else store.events.ids_with_claims()
    for eid in events:
        if any(claim_key(c) == item_id for c in store.events.claims(eid)):
            return Item(kind, item_id, eid)
    raise NotFoundError(f"no claim {item_id!r}" + (f" in event {event_id!r}" if event_id
                                                   else ""))


def decide(store: Store, item_id: str, state: str, *, analyst: str, note: str = "",
           event_id: str | None = None, role: Role | None = None) -> ReviewDecision:
    """Record ``analyst``'s decision; ``role`` defaults to the analyst's own (a user must
    exist: a review by nobody in particular is no review)."""
    wanted = parse_state(state)
    cleaned = check_note(note)
    user = store.reviews.user(analyst)
    if user.disabled_at:
        raise CeasewatchError(f"user {analyst!r} was disabled on {user.disabled_at}",
                              field="analyst")
    item = find_item(store, item_id, event_id=event_id)
    previous = store.reviews.state_of(item.kind, item.item_id)
    why_not = refusal(role or user.role, analyst=user.name,
                      previous=previous.state if previous else None,
                      previous_by=previous.analyst if previous else None)
    if why_not:
        raise NotAllowedError(why_not)
    return store.reviews.decide(ReviewDecision(
        item_kind=item.kind, item_id=item.item_id, event_id=item.event_id, state=wanted,
        analyst=user.name, note=cleaned, at=""))


def decision_dict(d: ReviewDecision) -> dict[str, Any]:
    return {"id": d.id, "item_kind": d.item_kind, "item_id": d.item_id, "event_id": d.event_id,
            "state": d.state, "analyst": d.analyst, "note": d.note, "at": d.at}


def state_dict(d: ReviewDecision | None) -> dict[str, Any]:
    """An item's current state as pages and the API show it (``draft`` when undecided)."""
    if d is None:
        return {"state": "draft", "analyst": None, "note": "", "at": None}
    return {"state": d.state, "analyst": d.analyst, "note": d.note, "at": d.at}


def annotate_event(store: Store, detail: dict[str, Any]) -> dict[str, Any]:
    """An ``event_detail`` with each claim's review id and every item's state."""
    event_id = detail["event"]["id"]
    states = store.reviews.states_of_event(event_id)
    keys = [claim_key(c) for c in store.events.claims(event_id)]
    out = dict(detail)
    out["review"] = state_dict(states.get(event_id))
    claims = []
    # claims come in the same order as store.events.claims (event_detail builds them so)
    for claim, key in zip(detail["claims"], keys, strict=True):
        claims.append(dict(claim, review_id=key, review=state_dict(states.get(key))))
    out["claims"] = claims
    grouped: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        grouped.setdefault(c["field"], []).append(c)
    out["claims_by_field"] = grouped
    out["violations"] = [dict(v, review=state_dict(states.get(v["id"])))
                         for v in detail["violations"]]
    out["review_history"] = [decision_dict(d) for d in store.reviews.history(event_id=event_id)]
    return out


def queue(store: Store, *, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """The queue's page, most urgent first, with the total."""
    ranked = order_queue(store.reviews.queue_candidates())
    page = ranked[offset:offset + limit]
    events = {e.id: e for e in store.events.get_many([c.event_id for c, _ in page])}
    items = []
    for cand, prio in page:
        event = events.get(cand.event_id)
        if event is None:
            continue
        items.append({"event_id": cand.event_id, "state": cand.state, "score": prio.score,
                      "reasons": list(prio.reasons), "open_violations": cand.open_violations,
                      "date": cand.event_date, "what": event.event_type or event.native_type,
                      "where": event.place.name if event.place else None,
                      "fatalities": cand.fatalities})
    return items, len(ranked)


def published_claims(store: Store, claims: list[Claim]) -> list[Claim]:
    """The claims someone verified (what a verified-only report may quote)."""
    states = store.reviews.states("claim", [claim_key(c) for c in claims])
    return [c for c in claims if (d := states.get(claim_key(c))) and d.state == "verified"]


# -- users ------------------------------------------------------------------------------------

def add_user(store: Store, name: str, role: Role) -> tuple[User, str]:
    """A new user and their token, which is shown this once and never stored in clear."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 100 or any(ch.isspace() and ch != " " for ch in cleaned):
        raise CeasewatchError("a user name is 1 to 100 characters on one line", field="name")
    new = tokens.new_token()
    user = store.reviews.add_user(cleaned, role, token_id=new.token_id, salt=new.salt,
                                  hashed=new.hashed)
    return user, new.secret


def new_user_token(store: Store, name: str) -> str:
    """Replace a user's token (the old one stops working at once)."""
    new = tokens.new_token()
    store.reviews.set_token(name, token_id=new.token_id, salt=new.salt, hashed=new.hashed)
    return new.secret


class TokenCache:
    """Tokens already checked in this process, by SHA-256, with the user's name: the slow
    hash is paid once per token, and a disabled user or replaced token is re-read."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[str, str]] = {}

    def authenticate(self, store: Store, secret: str) -> User | None:
        token_id = tokens.token_id_of(secret)
        if token_id is None:
            return None
        stored = store.reviews.token(token_id)
        if stored is None or stored.user.disabled_at:
            return None
        digest = hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
        if self._seen.get(digest) == (stored.user.name, stored.hashed):
            return stored.user
        if not tokens.verify_secret(secret, stored.salt, stored.hashed):
            return None
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[digest] = (stored.user.name, stored.hashed)
        return stored.user
