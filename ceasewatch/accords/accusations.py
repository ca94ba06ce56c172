"""Accusations that one party hosts or supports an armed group, read from an event's reports.

The no-support commitment of an accord ("neither side will allow its soil to be used against
the other") is rarely breached by an event a report can place on a day: it is breached, the
parties say, by what the other side lets happen. What the reports do record is each side's
accusation, voiced at talks or in statements: "the capital has long accused its neighbour of
harbouring militants from <group>", "the talks remain gridlocked over one side's insistence that
the other dismantle <group>'s safe havens, a claim it strongly denies". The violation rules
whose relation is ``accused_in_reports`` (``data/accords/violation_rules.yaml``) turn such
sentences, in the reports of a diplomatic event of the accord's period, into ledger lines:

* a sentence accuses when it has an accusation cue and a support cue
  (``data/lexicon/<lang>/accusations.yaml``) and names an armed group one party is alleged to
  host (``data/theaters/<theater>/armed_groups.yaml``), or says "militants" in a report that
  names one;
* the accuser is the party the words before the cue speak for (a country or its capital, by
  the theater's claimant words); the accused is the group's alleged host. A sentence in which
  no party speaks, or the host itself ("<capital> rejected the allegations"), accuses no one;
* a denial in the sentence or in the next one of its paragraph makes the line *disputed*;
  otherwise it is *claimed*: an accusation is one party's word, never a finding.

Pure: the ledger gives it the documents' texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ceasewatch.accords.detection import sentences
from ceasewatch.accords.knowledge import (
    ArmedGroup,
    Rule,
    accusation_cues,
    armed_groups,
    rules,
    side_of_claimant,
)
from ceasewatch.accords.rules import in_force_at
from ceasewatch.records import Accord, Commitment, Event, Verification

RELATION = "accused_in_reports"


@dataclass(frozen=True, slots=True)
class Accusation:
    """One sentence in which ``accuser`` says ``accused`` hosts or supports ``group``."""

    accuser: str
    accused: str
    group: ArmedGroup
    evidence: str  # "doc: sentence"
    denied: bool


@dataclass(frozen=True, slots=True)
class AccusationVerdict:
    """The ledger line the accusations against one party give."""

    violator: str
    accuser: str
    verification: Verification
    evidence: tuple[str, ...]


def accusation_commitments(event: Event, accord: Accord) -> list[tuple[Rule, Commitment]]:
    """The commitments of an accord in force that the event's reports may accuse a party of
    breaching (the ``accused_in_reports`` rules for the event's type)."""
    if not in_force_at(accord, event):
        return []
    return [(rule, c) for rule in rules() if rule.relation == RELATION
            and event.native_type in rule.native_types
            for c in accord.commitments if c.kind == rule.commitment]


@lru_cache(maxsize=64)
def _names(group: ArmedGroup) -> re.Pattern[str]:
    names = sorted(group.names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
                      re.IGNORECASE)


def _first(patterns: Sequence[re.Pattern[str]], text: str) -> re.Match[str] | None:
    found = [m for m in (p.search(text) for p in patterns) if m]
    return min(found, key=lambda m: m.start(), default=None)


def accusations_in(doc_name: str, text: str, parties: Iterable[str],
                   language: str = "en") -> list[Accusation]:
    """Every accusation of hosting or supporting an armed group among ``parties`` in a text."""
    cues = accusation_cues(language)
    sides = set(parties)
    groups = [g for g in armed_groups() if g.alleged_host in sides and g.alleged_by in sides]
    named = [g for g in groups if _names(g).search(text)]
    if not named or not cues.accusation:
        return []
    spans = sentences(text)
    out: list[Accusation] = []
    for i, (s, e) in enumerate(spans):
        sentence = " ".join(text[s:e].split())
        cue = _first(cues.accusation, sentence)
        if cue is None or _first(cues.support, sentence) is None:
            continue
        speaker = side_of_claimant(sentence[:cue.start()])
        in_sentence = [g for g in named if _names(g).search(sentence)]
        if not in_sentence and cues.generic_group is not None \
                and cues.generic_group.search(sentence):
            in_sentence = [g for g in named if speaker is None or speaker in g.acts_against]
        for group in in_sentence[:1]:
            if speaker not in sides or speaker == group.alleged_host:
                continue  # no party speaking, or the host itself (a denial)
            assert speaker is not None
            accuser = speaker
            following = ""
            if i + 1 < len(spans) and "\n" not in text[e:spans[i + 1][0]]:
                following = text[spans[i + 1][0]:spans[i + 1][1]]
            denied = _first(cues.denial, sentence[cue.end():] + " " + following) is not None
            out.append(Accusation(accuser, group.alleged_host, group,
                                  f"{doc_name}: {sentence}", denied))
    return out


def judge_accusations(commitment: Commitment,
                      accusations: Sequence[Accusation]) -> list[AccusationVerdict]:
    """One verdict per accused party the commitment binds: its accusers, the sentences, and
    *disputed* when the accused denies it on the record, else *claimed*."""
    by_accused: dict[str, list[Accusation]] = {}
    for a in accusations:
        if not commitment.parties or a.accused in commitment.parties:
            by_accused.setdefault(a.accused, []).append(a)
    out = []
    for accused, lines in sorted(by_accused.items()):
        accusers = ", ".join(sorted({a.accuser for a in lines}))
        evidence = tuple(dict.fromkeys(a.evidence for a in lines))
        verification: Verification = "disputed" if any(a.denied for a in lines) else "claimed"
        out.append(AccusationVerdict(accused, accusers, verification, evidence))
    return out
