"""Review states, item ids and who may decide what.

    >>> item_kind("cl-3f9c2a41d0b7e811")
    'claim'
    >>> may_decide("analyst", previous_by="amina", analyst="bilal", previous="verified")
    False

An analyst verifies, rejects or flags drafts and may change their own decisions; an item
another analyst already verified or rejected can be changed only by an editor (a second pair
of eyes before a published fact is withdrawn). Readers read.
"""

from __future__ import annotations

from typing import cast

from ceasewatch.errors import CeasewatchError
from ceasewatch.records import Claim, ReviewKind, ReviewState, Role, stable_id

STATES: tuple[ReviewState, ...] = ("draft", "verified", "rejected", "needs_review")
ROLES: tuple[Role, ...] = ("reader", "analyst", "editor")
KINDS: tuple[ReviewKind, ...] = ("event", "claim", "violation")
#: how ids tell their kind: fusion's events, the ledger's violations, claims' content keys
PREFIXES: dict[str, ReviewKind] = {"ev-": "event", "cl-": "claim", "v-": "violation"}
FINAL: frozenset[str] = frozenset({"verified", "rejected"})
MAX_NOTE = 4000


def claim_key(claim: Claim) -> str:
    """A claim's review id: its content, so the same claim read again by a later fusion (which
    rewrites the claims table) keeps its decisions."""
    return stable_id(claim.event_id, claim.field, claim.value, claim.claimant or "",
                     claim.doc_id, claim.mention_id, prefix="cl-", length=16)


def item_kind(item_id: str) -> ReviewKind:
    """The kind of an item from its id's prefix: claims ``cl-``, the ledger's violations
    ``v-``, anything else an event (fusion's ``ev-…``; ids from older stores may differ)."""
    for prefix, kind in PREFIXES.items():
        if item_id.startswith(prefix):
            return kind
    return "event"


def parse_state(text: str) -> ReviewState:
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    if wanted not in STATES:
        raise CeasewatchError(f"unknown review state {text!r}; expected one of "
                              f"{', '.join(STATES)}", field="state")
    return cast(ReviewState, wanted)


def parse_role(text: str) -> Role:
    wanted = text.strip().lower()
    if wanted not in ROLES:
        raise CeasewatchError(f"unknown role {text!r}; expected one of {', '.join(ROLES)}",
                              field="role")
    return cast(Role, wanted)


def check_note(note: str) -> str:
    cleaned = note.strip()
    if len(cleaned) > MAX_NOTE:
        raise CeasewatchError(f"the note is longer than {MAX_NOTE} characters", field="note")
    return cleaned


def may_decide(role: Role, *, analyst: str, previous: ReviewState | None,
               previous_by: str | None) -> bool:
    """Readers never decide; analysts decide drafts, flagged items and their own decisions;
    editors decide anything."""
    if role == "editor":
        return True
    if role != "analyst":
        return False
    return previous not in FINAL or previous_by == analyst


def refusal(role: Role, *, analyst: str, previous: ReviewState | None,
            previous_by: str | None) -> str | None:
    """Why ``analyst`` may not decide, or None."""
    if may_decide(role, analyst=analyst, previous=previous, previous_by=previous_by):
        return None
    if role == "reader":
        return f"{analyst} is a reader; reviewing needs the analyst or editor role"
    return (f"already {previous} by {previous_by}: only they or an editor may change it "
            f"({analyst} is an analyst)")
