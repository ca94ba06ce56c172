"""Which event may breach which commitment of an accord, and whom it would implicate.

The rules themselves are data (``data/accords/violation_rules.yaml``): an event type, a relation
between the event's actors/place and the accord's parties, and who the alleged violator is. This
module only implements the handful of relations, so that "an air strike by Pakistan's military
on Kabul" (``on_other_party``) and "a TTP attack on a Pakistani checkpoint" (``hosted_group``)
are recognised in reports never seen before.

Party keys are conflict-side keys (``AF``, ``PK``), which for states are ISO country codes: an
event whose place is in country ``AF`` is on party ``AF``'s territory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ceasewatch.accords.knowledge import ArmedGroup, Rule, group_of, rules, shared_borders
from ceasewatch.datebounds import shift_days
from ceasewatch.records import Accord, Actor, Commitment, Event

#: actor kinds whose country tells the side they act for (a civilian's country does not)
STATE_KINDS = frozenset({"state_forces", "government", "military", "police"})


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """An event that may breach one commitment, before the ledger weighs the accounts."""

    rule: Rule
    commitment: Commitment
    involved: tuple[str, ...]  # the parties the event sets against each other
    default_violator: str | None  # from the event's own best estimate of its initiator
    group: ArmedGroup | None = None  # for hosted-group rules


def side_of_actor(actor: Actor | None) -> str | None:
    """The conflict side an actor belongs to: its side key, else its state's country."""
    if actor is None:
        return None
    if actor.side:
        return actor.side
    group = group_of(actor.name)
    if group is not None:
        return group.key
    if actor.kind in STATE_KINDS and actor.country:
        return actor.country.upper()
    return None


def earliest_date(event: Event) -> date | None:
    """The earliest day the event can have happened, given how precisely its date is known.

    "In October, fierce fighting erupted" is stored as mid-October with month precision: it
    cannot be placed after a ceasefire of 19 October, so it must not count as a violation.
    """
    day = event.event_date
    if day is None:
        return None
    precision = event.date_precision or "day"
    if precision == "week":
        return shift_days(day, -6)
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def in_force_at(accord: Accord, event: Event) -> bool:
    """True when the event certainly happened on or after the accord's entry into force."""
    start = earliest_date(event)
    if accord.in_force_date is None or start is None:
        return False
    return start >= accord.in_force_date


def _bound(commitment: Commitment, party: str | None) -> bool:
    return party is not None and (not commitment.parties or party in commitment.parties)


def match_rules(event: Event, accord: Accord) -> list[RuleMatch]:
    """Every (rule, commitment) the event may breach, for an accord already in force."""
    if not in_force_at(accord, event):
        return []
    parties = set(accord.parties)
    s1, s2 = side_of_actor(event.actor1), side_of_actor(event.actor2)
    territory = (event.place.country or "").upper() if event.place else ""
    out: list[RuleMatch] = []
    seen: set[tuple[str, str | None]] = set()
    for rule in rules():
        if event.native_type not in rule.native_types:
            continue
        for commitment in accord.commitments:
            if commitment.kind != rule.commitment:
                continue
            match = _relation(rule, commitment, parties, s1, s2, territory, event)
            if match is None:
                continue
            key = (commitment.id, match.default_violator)
            if key in seen:  # two rules reaching the same verdict: one match
                continue
            seen.add(key)
            out.append(match)
    return out


def _relation(rule: Rule, commitment: Commitment, parties: set[str], s1: str | None,
              s2: str | None, territory: str, event: Event) -> RuleMatch | None:
    if rule.relation == "between_parties":
        a, b = s1, s2
        # "troops briefly exchanged gunfire near Spin Boldak": one side named, the other not,
        # on another party's soil -- the unnamed opponent is presumed to be that party's
        if (a is None) != (b is None) and territory in parties and territory not in (a, b):
            unnamed = event.actor1 if a is None else event.actor2
            if unnamed is None:
                a, b = (territory, b) if a is None else (a, territory)
        if a in parties and b in parties and a != b and _bound(commitment, a) \
                and _bound(commitment, b):
            assert a is not None and b is not None
            initiator = s1 if s1 == a and not event.initiator_disputed else None
            return RuleMatch(rule, commitment, (a, b), initiator)
        return None
    if rule.relation == "on_other_party":
        if s1 in parties and territory in parties and territory != s1 \
                and s2 not in parties and _bound(commitment, s1):
            assert s1 is not None
            return RuleMatch(rule, commitment, (s1, territory), s1)
        return None
    if rule.relation == "hosted_group":
        group = group_of(s1) or (group_of(event.actor1.name) if event.actor1 else None)
        if group is None or group.alleged_host not in parties:
            return None
        targets = {t for t in (s2, territory) if t in group.acts_against and t in parties}
        targets.discard(group.alleged_host)
        if not targets or not _bound(commitment, group.alleged_host):
            return None
        target = sorted(targets)[0]
        return RuleMatch(rule, commitment, (group.alleged_host, target), group.alleged_host,
                         group)
    if rule.relation == "at_shared_border":
        # "clashes along the border" with no side named: a breach nobody is named for yet
        if s1 in parties or s2 in parties or event.place is None:
            return None
        name = event.place.name.casefold().replace("–", "-").replace("—", "-")
        countries = shared_borders().get(name, frozenset())
        between = tuple(sorted(countries & parties))
        if len(between) == 2 and all(_bound(commitment, p) for p in between):
            return RuleMatch(rule, commitment, between, None)
        return None
    if rule.relation == "by_party":
        if s1 in parties and _bound(commitment, s1):
            assert s1 is not None
            others = tuple(p for p in sorted(parties) if p != s1)
            return RuleMatch(rule, commitment, (s1, *others), s1)
        return None
    return None
