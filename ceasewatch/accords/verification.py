"""Who blames whom for an event, and how well an alleged violation is verified.

Reports rarely say "X violated the ceasefire"; they say who fired first *according to whom*.
Each report (mention) and each initiator claim of a fused event becomes an :class:`Account`:
an accuser (a party, or ``None`` for an independent voice: a news outlet in its own voice, AFP,
the UN), the accused party, and the evidence sentence. From the accounts of one event:

- **acknowledged** — the accused party itself says it did it ("our forces struck ...");
- **disputed** — the accused counter-accuses or denies: seed004's 6 November exchange at Spin
  Boldak, where the Afghan military blames Pakistan and Pakistan's information ministry says
  "firing was initiated from the Afghan side";
- **corroborated** — a voice independent of the accuser attributes it to the same party;
- **claimed** — it rests on one party's (or one source's) word.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ceasewatch.accords.knowledge import side_of_claimant
from ceasewatch.accords.rules import RuleMatch, side_of_actor
from ceasewatch.fusion.claims import own_reporting
from ceasewatch.records import Actor, Claim, Event, Mention, Verification

#: claim fields that name who started an incident (fusion's initiator claims)
INITIATOR_FIELDS = frozenset({"actor1", "initiator"})


@dataclass(frozen=True, slots=True)
class Account:
    """One voice's attribution of an event: ``accuser`` says ``accused`` did it."""

    accuser: str | None  # party key; None for an independent voice
    voice: str  # the claimant as reported, or the outlet's document name
    accused: str | None  # party key, or None when the voice names no initiator
    evidence: str  # "doc: sentence"
    doc: str
    mutual: bool = False  # the report says both sides blame each other


@dataclass(frozen=True, slots=True)
class Verdict:
    violator: str | None
    accuser: str | None
    verification: Verification
    evidence: tuple[str, ...]


def collect_accounts(event: Event, mentions: Sequence[Mention], claims: Sequence[Claim],
                     involved: Sequence[str], outlets: Mapping[str, str | None] | None = None
                     ) -> list[Account]:
    """Every attribution the reports and claims of an event make among ``involved`` parties.

    A report naming no voice speaks for its outlet (``outlets``: document name -> outlet):
    "Dawn's own reporting", never the file name."""
    accounts: list[Account] = []
    parties = set(involved)
    for m in mentions:
        # the sentence that says who did it: the initiator claim's own span, if located
        own = [c for c in claims if c.mention_id == m.id and c.field == "actor1" and c.marks]
        said = next((c.evidence for c in own if '"contested"' not in c.value), m.evidence)
        evidence = f"{m.doc_name}: {said}"
        voices = list(m.claimed_by) or [own_reporting((outlets or {}).get(m.doc_name))]
        spoken = {side_of_claimant(v): v for v in m.claimed_by}
        # one report quoting both parties on one incident is the parties trading blame
        trading = len(set(spoken) & parties) >= 2
        if (m.initiator_disputed or trading) and len(parties) == 2:
            a, b = sorted(parties)
            blame = {_claimed_side(c.value): c.evidence for c in own if '"contested"' in c.value}
            for blamer, blamed in ((a, b), (b, a)):
                voice = spoken.get(blamer) or f"{blamer} (as reported in {m.doc_name})"
                quoted = f"{m.doc_name}: {blame.get(blamed, m.evidence)}"
                accounts.append(Account(blamer, voice, blamed, quoted, m.doc_name, True))
            continue
        initiator = side_of_actor(m.actor1)
        accused: str | None = initiator if initiator in parties else None
        for voice in voices:
            side = side_of_claimant(voice) if m.claimed_by else None
            accounts.append(Account(side if side in parties else None, voice, accused,
                                    evidence, m.doc_name))
    docs = {m.id: m.doc_name for m in mentions}
    for c in claims:
        # fusion derives one claim per field of each mention: those say nothing the mention
        # did not; claims of their own (an analyst's, another stage's) are accounts too
        if c.field not in INITIATOR_FIELDS or c.mention_id in docs:
            continue
        named = _claimed_side(c.value)
        side = side_of_claimant(c.claimant)
        doc = docs.get(c.mention_id, c.doc_id)
        accounts.append(Account(side if side in parties else None, c.claimant or doc,
                                named if named in parties else None,
                                f"{doc}: {c.evidence}", doc))
    return _unique(accounts)


def _claimed_side(value: str) -> str | None:
    """The side a claim value names: a JSON actor, a JSON string, or plain text."""
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        data = value
    if isinstance(data, dict):
        actor = Actor(name=str(data.get("name") or ""), kind=str(data.get("kind") or "other"),
                      country=data.get("country"), side=data.get("side"))
        return side_of_actor(actor) or side_of_claimant(actor.name)
    if isinstance(data, str):
        return side_of_claimant(data)
    return None


def _unique(accounts: list[Account]) -> list[Account]:
    seen: set[tuple[str | None, str, str | None, str]] = set()
    out = []
    for a in accounts:
        key = (a.accuser, a.voice, a.accused, a.evidence)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def judge(match: RuleMatch, event: Event, accounts: Sequence[Account]) -> list[Verdict]:
    """One verdict per party the accounts accuse (or one unattributed verdict)."""
    if match.rule.violator == "host" and match.group is not None:
        return [_host_verdict(match, accounts)]
    involved = set(match.involved)
    accused = sorted({a.accused for a in accounts if a.accused and a.accused in involved})
    if not accused and match.default_violator and not event.initiator_disputed:
        accused = [match.default_violator]
    if not accused:
        return [_unattributed(event, accounts)]
    return [_verdict(party, event, accounts) for party in accused]


def _verdict(party: str, event: Event, accounts: Sequence[Account]) -> Verdict:
    against = [a for a in accounts if a.accused == party]
    # an account naming no initiator still attributes it to `party` when it is the event's own
    # best estimate (the outlet's voice on "Pakistani forces shelled ...")
    if not against:
        against = [a for a in accounts if a.accused is None and a.accuser is None]
    acknowledged = any(a.accuser == party for a in against)
    counter = any(a.accuser == party and a.accused not in (None, party) for a in accounts)
    mutual = any(a.mutual for a in against)
    accusers = sorted({a.accuser for a in against if a.accuser and a.accuser != party})
    independent = [a for a in against if a.accuser is None]
    if acknowledged:
        level: Verification = "acknowledged"
    elif counter or mutual or event.initiator_disputed:
        level = "disputed"
    elif independent and (accusers or len({a.doc for a in independent}) >= 2
                          or event.independent_sources >= 2):
        level = "corroborated"
    else:
        level = "claimed"
    accuser = ", ".join(accusers) if accusers else (
        party if acknowledged else _voices(independent))
    # what the accusers said of the event without naming anyone supports their accusation
    # ("five people killed in fighting around Spin Boldak, according to local Afghan officials")
    supporting = [a for a in accounts if a.accused is None and a.accuser in accusers]
    return Verdict(party, accuser, level, _evidence([*against, *supporting] or accounts))


def _unattributed(event: Event, accounts: Sequence[Account]) -> Verdict:
    """A breach nobody is named for ("clashes along the border"), still worth a ledger line."""
    accusers = sorted({a.accuser for a in accounts if a.accuser})
    independent = [a for a in accounts if a.accuser is None]
    sources = len({a.doc for a in accounts}) or event.independent_sources
    level: Verification = "corroborated" if sources >= 2 or event.independent_sources >= 2 \
        else "claimed"
    accuser = ", ".join(accusers) if accusers else _voices(independent)
    return Verdict(None, accuser, level, _evidence(accounts))


def _host_verdict(match: RuleMatch, accounts: Sequence[Account]) -> Verdict:
    group = match.group
    assert group is not None
    host = group.alleged_host
    acknowledged = any(a.accuser == host and a.accused == host for a in accounts)
    level: Verification = ("acknowledged" if acknowledged
                           else "disputed" if group.host_denies else "claimed")
    return Verdict(host, group.alleged_by, level, _evidence(accounts))


def _voices(accounts: Sequence[Account]) -> str | None:
    names: list[str] = []
    for a in accounts:
        if a.voice not in names:
            names.append(a.voice)
    return ", ".join(names[:3]) if names else None


def _evidence(accounts: Sequence[Account], limit: int = 6) -> tuple[str, ...]:
    out: list[str] = []
    for a in accounts:
        if a.evidence not in out:
            out.append(a.evidence)
    return tuple(out[:limit])
