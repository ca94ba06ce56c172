"""Alert rules and what raises them.

Three kinds, each answering a monitor's question as reports arrive:

- ``violation``: a new alleged violation of an accord (``accord``, ``party`` to narrow it) —
  shelling of a border town, alleged to breach the accord's cessation of hostilities;
- ``fatalities``: an event with ``min`` or more killed (the best estimate), in a ``place``
  (a part of the place, province or country name or code);
- ``new-type``: the first event of a kind (ACLED sub-event type) in a ``theater`` — the first
  air strike of a conflict that had only seen border clashes.

Each alert has a key (rule, and what it is about), so the same violation seen again through a
re-fetched or re-ingested report never raises a second alert. Alerts are raised inside the
transaction that changed the event, so an alert exists exactly when its cause was stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ceasewatch.errors import CeasewatchError
from ceasewatch.export import event_dict
from ceasewatch.records import AlertRule, Event
from ceasewatch.store import Store
from ceasewatch.store.database import now_iso

RULE_KINDS = ("violation", "fatalities", "new-type")
_PARAMS = {"violation": {"accord", "party"}, "fatalities": {"min", "place"},
           "new-type": {"theater"}}
#: evidence sentences an alert carries (each report's, first reports first)
MAX_EVIDENCE = 5


def check_rule(kind: str, params: dict[str, Any], webhook: str | None) -> dict[str, Any]:
    """A rule's parameters checked (unknown kinds and fields, a missing threshold, an unknown
    theater, a webhook that is no http(s) URL are named); the ones that are set."""
    if kind not in RULE_KINDS:
        raise CeasewatchError(f"unknown alert kind {kind!r}; choose one of "
                              f"{', '.join(RULE_KINDS)}", field="KIND")
    given = {k: v for k, v in params.items() if v not in (None, "")}
    extra = set(given) - _PARAMS[kind]
    if extra:
        raise CeasewatchError(f"a {kind} rule takes no {', '.join(sorted(extra))} (it takes "
                              f"{', '.join(sorted(_PARAMS[kind]))})", field=sorted(extra)[0])
    if kind == "fatalities":
        if not isinstance(given.get("min"), int) or given["min"] < 1:
            raise CeasewatchError("a fatalities rule needs --min N (N >= 1)", field="min")
    if kind == "new-type":
        from ceasewatch.theaters import read_pack

        if not given.get("theater"):
            raise CeasewatchError("a new-type rule needs --theater NAME (see `ceasewatch "
                                  "theater list`)", field="theater")
        read_pack(str(given["theater"]))
    if webhook is not None and not webhook.lower().startswith(("http://", "https://")):
        raise CeasewatchError(f"the webhook must be an http(s) URL, not {webhook!r}",
                              field="webhook")
    return given


def raise_alerts(store: Store, event_ids: Iterable[str]) -> list[str]:
    """Raise the alerts these (changed) events call for; returns the keys of new ones."""
    rules = store.alerts.rules()
    ids = list(dict.fromkeys(event_ids))
    if not rules or not ids:
        return []
    new = []
    for event in store.events.get_many(ids):
        for rule in rules:
            for key, title, extra in _matches(store, rule, event):
                payload = _payload(store, rule, event, key, title, extra)
                if store.alerts.raise_alert(key, rule, event.id, title, payload):
                    new.append(key)
    return new


def _matches(store: Store, rule: AlertRule, event: Event
             ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    where = _where(event)
    what = event.sub_event_type or event.event_type or event.native_type
    day = event.event_date.isoformat() if event.event_date else "undated"
    if rule.kind == "violation":
        for v in store.accords.violations(event_id=event.id):
            if rule.params.get("accord") and v.accord_id != rule.params["accord"]:
                continue
            if rule.params.get("party") and v.alleged_violator != rule.params["party"]:
                continue
            key = f"r{rule.id}:violation:{v.accord_id}:{v.commitment_id}:{event.id}"
            kind = _commitment_kind(store, v.accord_id, v.commitment_id)
            title = (f"Alleged violation of {v.accord_id} ({kind}) by "
                     f"{v.alleged_violator or 'an unknown party'}: {what} in {where}, {day}")
            yield key, title, {"violation": {
                "id": v.id, "accord_id": v.accord_id, "commitment_id": v.commitment_id,
                "commitment": kind, "alleged_violator": v.alleged_violator,
                "accuser": v.accuser, "verification": v.verification,
                "evidence": list(v.evidence)}}
    elif rule.kind == "fatalities":
        killed = event.fatalities.best if event.fatalities.best is not None \
            else event.fatalities.low
        wanted = int(str(rule.params.get("min", 1)))
        place = str(rule.params.get("place") or "")
        if killed is not None and killed >= wanted and (not place or _in_place(event, place)):
            yield (f"r{rule.id}:fatalities:{event.id}",
                   f"{killed} killed: {what} in {where}, {day}", {"fatalities": killed})
    elif rule.kind == "new-type" and event.place is not None and event.sub_event_type:
        from ceasewatch.theaters import read_pack

        theater = str(rule.params["theater"])
        countries = read_pack(theater).countries
        if event.place.country in countries and not store.alerts.type_seen_before(
                event.id, event.sub_event_type, countries):
            yield (f"r{rule.id}:new-type:{theater}:{event.sub_event_type}",
                   f"First {event.sub_event_type} in the {theater} theater: {where}, {day}",
                   {"theater": theater, "type": event.sub_event_type})


def _where(event: Event) -> str:
    place = event.place
    if place is None:
        return "an unknown place"
    parts = dict.fromkeys(x for x in (place.name, place.admin1, place.country) if x)
    return ", ".join(parts) or "an unknown place"


def _in_place(event: Event, wanted: str) -> bool:
    place = event.place
    if place is None:
        return False
    needle = wanted.casefold()
    return any(needle in (x or "").casefold() for x in (place.name, place.admin1)) or (
        (place.country or "").casefold() == needle)


def _commitment_kind(store: Store, accord_id: str, commitment_id: str) -> str:
    accord = store.accords.find(accord_id)
    for c in accord.commitments if accord is not None else ():
        if c.id == commitment_id:
            return c.kind
    return commitment_id


def _payload(store: Store, rule: AlertRule, event: Event, key: str, title: str,
             extra: dict[str, Any]) -> dict[str, Any]:
    """What the webhook receives: the alert, its event, links to it and the evidence."""
    row = event_dict(event)
    evidence = []
    names = store.events.source_documents(
        list(dict.fromkeys(m.doc_id for m in store.mentions.get_many(event.mention_ids))))
    for m in store.mentions.get_many(event.mention_ids)[:MAX_EVIDENCE]:
        evidence.append({"doc_id": m.doc_id, "document": names.get(m.doc_id, (m.doc_id,))[0],
                         "sentence": m.evidence, "link": f"/documents/{m.doc_id}"})
    return {
        "key": key, "title": title, "created_at": now_iso(),
        "rule": {"id": rule.id, "kind": rule.kind, "params": rule.params},
        "event": {k: row[k] for k in ("id", "event_date", "date_precision", "event_type",
                                      "sub_event_type", "what", "actor1", "actor2",
                                      "location", "country", "admin1", "latitude",
                                      "longitude", "fatalities_low", "fatalities_best",
                                      "fatalities_high", "sources", "independent_sources")
                  if k in row},
        "links": {"event": f"/events/{event.id}", "api": f"/api/events/{event.id}",
                  "history": f"/api/events/{event.id}/history"},
        "evidence": evidence,
        **extra,
    }
