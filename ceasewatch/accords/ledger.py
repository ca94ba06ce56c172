"""The violation ledger: keeps alleged violations in step with the fused events.

``api.analyse_document`` calls :func:`refresh_violations` with the events fusion touched, in
the document's transaction, so a document, its events and the ledger lines they imply are
committed together or not at all. For each touched event:

1. an agreement event (``ceasefire_agreement``) drafts an accord (:mod:`.detection`); a draft
   for an agreement already known — same parties, signed within two days — attaches to that
   accord (a curated one is never overwritten by what reports say), otherwise it is stored as a
   ``detected`` accord, and the events already in the store are checked against it;
2. every accord in force at the event's (earliest possible) date is checked (:mod:`.rules`),
   and the accounts of who blames whom (:mod:`.verification`) give one ledger line per
   accused party, with accuser, verification level and evidence.

The curated accords bundled in ``data/theaters/<theater>/accords/`` are imported into a store
the first time the ledger runs on it
(:func:`ceasewatch.accords.curation.ensure_builtin_accords`), so a
monitor starts with the Doha accord of 19 October 2025 present.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from ceasewatch.accords.accord_file import commitment_id
from ceasewatch.accords.accusations import (
    accusation_commitments,
    accusations_in,
    judge_accusations,
)
from ceasewatch.accords.detection import (
    DraftAccord,
    Passage,
    detect_accord,
    label_of,
    passage_for,
)
from ceasewatch.accords.knowledge import lexicon, rules
from ceasewatch.accords.rules import match_rules
from ceasewatch.accords.verification import collect_accounts, judge
from ceasewatch.datebounds import shift_days
from ceasewatch.errors import NotFoundError
from ceasewatch.records import Accord, Commitment, Event, Mention, Violation, stable_id
from ceasewatch.store import Store

#: a report's date of signature may differ by a day or two from the curated one
SAME_AGREEMENT_DAYS = 2
#: mirrored accusations this many days apart are accounts of the same hostilities
MIRROR_DAYS = 1


def refresh_violations(store: Store, event_ids: Iterable[str]) -> list[Violation]:
    """Re-derive accords and violations for the given events; returns their ledger lines."""
    from ceasewatch.accords.curation import ensure_builtin_accords

    ids = list(dict.fromkeys(event_ids))
    with store.atomic():
        ensure_builtin_accords(store)
        events = [e for e in (_find_event(store, i) for i in ids) if e is not None]
        changed: list[str] = []
        for event in events:
            changed += _refresh_detection(store, event)
        accords = store.accords.list()
        for event in events:
            store.accords.replace_violations(event.id, check_event(store, event, accords))
        for accord_id in dict.fromkeys(changed):
            accord = store.accords.find(accord_id)
            if accord is not None:
                refresh_accord(store, accord)
        dates = [e.event_date for e in events if e.event_date is not None]
        if dates:
            settle_disputes(store, min(dates), max(dates))
        return [v for e in events for v in store.accords.violations(event_id=e.id)]


def refresh_accord(store: Store, accord: Accord) -> int:
    """Re-check every stored event from the accord's entry into force; returns ledger lines."""
    n = 0
    with store.atomic():
        store.accords.delete_violations(accord.id)
        if accord.in_force_date is None:
            return 0
        last = accord.in_force_date
        # only events a rule of its commitments can match, and none that began before it:
        # ``match_rules`` would find nothing in the others (an index range, not the store)
        for event in store.events.of_types_since(types_ruled(accord), accord.in_force_date):
            found = check_event(store, event, [accord])
            if found:  # the accord's old lines are gone already: nothing to delete per event
                store.accords.replace_violations(event.id, found, accord_id=accord.id)
            n += len(found)
            last = max(last, event.event_date or last)
        # mirrors are sought among one accord's lines: the other accords' lines in these
        # years are as their own reports left them, and are not read again
        settle_disputes(store, accord.in_force_date, last, accord_id=accord.id)
    return n


def types_ruled(accord: Accord) -> set[str]:
    """The event types some violation rule reads for one of the accord's commitments."""
    kinds = {c.kind for c in accord.commitments}
    return {t for rule in rules() if rule.commitment in kinds for t in rule.native_types}


def settle_disputes(store: Store, day_from: date, day_to: date, *,
                    accord_id: str | None = None) -> None:
    """Mirrored accusations in separate events of the same days make both lines disputed.

    Fusion may keep "Pakistan fired on civilian areas near Spin Boldak" (the Afghan military)
    and "firing was initiated from the Afghan side at Chaman" (Pakistan's information ministry)
    as two events; each alone reads as a one-sided claim, together the parties' accounts of
    the same hostilities conflict. A line goes back to its own reports' verdict when the
    mirror disappears.
    """
    lines = store.accords.violations(accord_id=accord_id,
                                     date_from=shift_days(day_from, -2 * MIRROR_DAYS),
                                     date_to=shift_days(day_to, 2 * MIRROR_DAYS))
    low, high = shift_days(day_from, -MIRROR_DAYS), shift_days(day_to, MIRROR_DAYS)
    # a mirror accuses the line's accuser: index lines by what they allege, in ledger order,
    # so a busy week is not a comparison of every line with every other
    by_violator: dict[tuple[str, str, str], list[Violation]] = {}
    for other in lines:
        if other.alleged_violator:
            key = (other.accord_id, other.commitment_id, other.alleged_violator)
            by_violator.setdefault(key, []).append(other)
    order = {id(v): n for n, v in enumerate(lines)}
    settled = [v for v in lines if v.event_date is not None and low <= v.event_date <= high]
    bases = store.accords.bases(v.id for v in settled)  # one query, not one per line
    for line in settled:
        basis, counter_before = bases[line.id]
        counter = None
        if basis in ("claimed", "corroborated"):
            mirrors = [o for accuser in _accusers(line)
                       for o in by_violator.get((line.accord_id, line.commitment_id, accuser), ())
                       if _mirrors(line, o)]
            first = min(mirrors, key=lambda o: order[id(o)], default=None)
            counter = first.event_id if first is not None else None
        verification = "disputed" if counter else basis
        if verification != line.verification or counter != counter_before:
            store.accords.set_verification(line.id, verification, counter)


def _accusers(v: Violation) -> set[str]:
    return set((v.accuser or "").split(", ")) - {""}


def _mirrors(line: Violation, other: Violation) -> bool:
    if other.event_id == line.event_id or other.accord_id != line.accord_id \
            or other.commitment_id != line.commitment_id or other.event_date is None \
            or line.event_date is None or not line.alleged_violator \
            or not other.alleged_violator:
        return False
    return (abs((other.event_date - line.event_date).days) <= MIRROR_DAYS
            and other.alleged_violator in _accusers(line)
            and line.alleged_violator in _accusers(other))


def check_event(store: Store, event: Event, accords: Sequence[Accord]) -> list[Violation]:
    """The alleged violations one event implies under the given accords."""
    matches = [(a, m) for a in accords for m in match_rules(event, a)]
    accused = [(a, c) for a in accords for _, c in accusation_commitments(event, a)]
    if not matches and not accused:
        return []
    mentions = store.mentions.get_many(event.mention_ids)
    claims = store.events.claims(event.id)
    meta = store.events.source_documents(list(dict.fromkeys(m.doc_id for m in mentions)))
    outlets = {name: outlet for name, outlet in meta.values()}
    out: dict[str, Violation] = {}
    texts = _document_texts(store, mentions) if accused else {}
    for accord, commitment in accused:
        found = [a for name, text in texts.items()
                 for a in accusations_in(name, text, accord.parties)]
        for v in judge_accusations(commitment, found):
            vid = stable_id(accord.id, commitment.id, event.id, v.violator, prefix="v-")
            out[vid] = Violation(
                id=vid, accord_id=accord.id, commitment_id=commitment.id, event_id=event.id,
                alleged_violator=v.violator, accuser=v.accuser, verification=v.verification,
                evidence=v.evidence, event_date=event.event_date)
    for accord, match in matches:
        accounts = collect_accounts(event, mentions, claims, match.involved, outlets)
        for verdict in judge(match, event, accounts):
            vid = stable_id(accord.id, match.commitment.id, event.id, verdict.violator or "-",
                            prefix="v-")
            out[vid] = Violation(
                id=vid, accord_id=accord.id, commitment_id=match.commitment.id,
                event_id=event.id, alleged_violator=verdict.violator, accuser=verdict.accuser,
                verification=verdict.verification, evidence=verdict.evidence,
                event_date=event.event_date)
    return list(out.values())


def _document_texts(store: Store, mentions: Sequence[Mention]) -> dict[str, str]:
    """Each reporting document's name -> its text (a document gone leaves its evidence)."""
    out: dict[str, str] = {}
    for m in mentions:
        if m.doc_name in out:
            continue
        try:
            out[m.doc_name] = store.documents.get(m.doc_id).text
        except NotFoundError:
            out[m.doc_name] = m.evidence
    return out


def _find_event(store: Store, event_id: str) -> Event | None:
    try:
        return store.events.get(event_id)
    except NotFoundError:  # merged away by fusion: its ledger lines went with it
        return None


# -- detection -----------------------------------------------------------------------------
def _refresh_detection(store: Store, event: Event) -> list[str]:
    """Attach the event to its accord (or draft one); returns the accords whose terms changed."""
    previous = store.accords.accords_of_event(event.id)
    store.accords.unlink_event(event.id)
    changed: list[str] = []
    if event.native_type in lexicon().agreement_types:
        mentions = store.mentions.get_many(event.mention_ids)
        draft = detect_accord(event, mentions, _passages(store, mentions))
        if draft is not None:
            accord_id, is_new = _attach(store, event, draft)
            if is_new or _rebuild_detected(store, accord_id):
                changed.append(accord_id)
    for accord_id in previous:
        if _rebuild_detected(store, accord_id):
            changed.append(accord_id)
    return changed


def _passages(store: Store, mentions: Sequence[Mention]) -> list[Passage]:
    out: list[Passage] = []
    for m in mentions:
        try:
            doc = store.documents.get(m.doc_id)
        except NotFoundError:
            out.append(Passage(m.doc_name, m.evidence))
            continue
        out.append(passage_for(m.doc_name, doc.text, m.evidence_start, m.evidence_end))
    return out


def _attach(store: Store, event: Event, draft: DraftAccord) -> tuple[str, bool]:
    """Link the event to the accord it reports; create a detected accord if none is known."""
    known = store.accords.near(draft.parties, draft.signed_date, SAME_AGREEMENT_DAYS)
    is_new = not known
    accord_id = known[0].id if known else draft.id  # curated accords sort first
    if is_new:
        store.accords.save(draft.to_accord(event.id, _label(event)))
    elif known[0].source == "detected" and known[0].place is None and draft.place is not None:
        # a later report says where it was signed ("signed ... in Doha")
        store.accords.save(replace(known[0], place=draft.place))
    store.accords.link_event(accord_id, event.id, mediators=draft.mediators,
                             commitment_kinds=list(draft.commitments))
    return accord_id, is_new


def _label(event: Event) -> str:
    names = [a.name for a in (event.actor1, event.actor2) if a is not None]
    return "Agreement between " + " and ".join(names) if len(names) == 2 else "Agreement"


def _rebuild_detected(store: Store, accord_id: str) -> bool:
    """A detected accord is the union of what its reports say; True when its commitments
    changed (the only terms besides parties and dates that the rules read: a report naming
    one more mediator updates the accord without re-checking every event after it).

    A detected accord no report supports any more (its event was split or re-dated) goes.
    """
    accord = store.accords.find(accord_id)
    if accord is None or accord.source != "detected":
        return False
    links = store.accords.linked_events(accord_id)
    if not links:
        store.accords.delete(accord_id)
        return False
    mediators: list[str] = []
    kinds: list[str] = []
    for link in links:
        for name in _strings(link["mediators"]):
            if name not in mediators:
                mediators.append(name)
        for kind in _strings(link["commitments"]):
            if kind not in kinds:
                kinds.append(kind)
    by_kind = {c.kind: c for c in accord.commitments}
    commitments = tuple(by_kind[k] if k in by_kind else _new_commitment(accord, k)
                        for k in kinds)
    same_terms = [c.kind for c in commitments] == [c.kind for c in accord.commitments]
    if tuple(mediators) == accord.mediators and same_terms:
        return False
    store.accords.save(replace(accord, mediators=tuple(mediators), commitments=commitments))
    return not same_terms


def _strings(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _new_commitment(accord: Accord, kind: str) -> Commitment:
    return Commitment(id=commitment_id(accord.id, kind), accord_id=accord.id, kind=kind,
                      text=label_of(kind))
