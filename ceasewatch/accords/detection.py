"""Drafting an accord from the reports of an agreement event.

An agreement event ("Under the mediation of Qatar and Turkey, Afghanistan and Pakistan signed a
ceasefire agreement on October 19") becomes a draft accord: the parties are the sides of the
event's actors, the mediators come from phrases such as "mediated by" / "brokered by" /
"under the mediation of", the place and date of signature from the event, and the commitments
from the cue lexicon (``data/lexicon/<lang>/commitments.yaml``) matched in the sentences that
report the agreement. Each report adds what it names; two reports that name different mediators
("brokered by Qatar", "mediated by Turkey and Qatar") give their union.

This module is pure (no store): :mod:`ceasewatch.accords.ledger` gives it the event, its
mentions and the passages of their documents, and decides whether the draft attaches to an
accord already known.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ceasewatch.accords.accord_file import commitment_id
from ceasewatch.accords.knowledge import Lexicon, lexicon, side_of_claimant
from ceasewatch.accords.rules import side_of_actor
from ceasewatch.records import Accord, Commitment, Event, Mention, Place

_SENTENCE_END = re.compile(r"(?<=[.!?。])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n")
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
_VERB_AFTER = re.compile(r"\s+(?:have\s+|had\s+)?[a-z]+(?:ed|d)\b")
#: how many sentences after the one reporting the agreement may list its terms
FOLLOWING_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Passage:
    """The sentences of one document that report the agreement, with where they come from."""

    doc_name: str
    text: str


@dataclass(frozen=True, slots=True)
class DraftAccord:
    """What the reports of one agreement event say about it."""

    parties: tuple[str, ...]
    signed_date: date
    mediators: tuple[str, ...] = ()
    place: Place | None = None
    #: commitment kind -> the sentence that names it ("" when implied by the event type)
    commitments: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"detected-{'-'.join(p.lower() for p in self.parties)}-{self.signed_date}"

    def to_accord(self, event_id: str, label: str) -> Accord:
        """The draft as an accord record (``source="detected"``), in force from signature."""
        accord_id = self.id
        commitments = tuple(
            Commitment(id=commitment_id(accord_id, kind), accord_id=accord_id, kind=kind,
                       text=sentence or label_of(kind))
            for kind, sentence in self.commitments.items())
        where = f", {self.place.name}" if self.place and self.place.name else ""
        return Accord(
            id=accord_id, name=f"{label} ({self.signed_date}{where}, detected)",
            parties=self.parties, signed_date=self.signed_date,
            in_force_date=self.signed_date, mediators=self.mediators, place=self.place,
            commitments=commitments, source="detected",
            provenance=f"detected from event {event_id} in {', '.join(self.sources)}")


def label_of(kind: str, language: str = "en") -> str:
    return lexicon(language).label(kind)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text, cheaply: the accords stage needs context, not syntax."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def passage_for(doc_name: str, text: str, start: int, end: int,
                following: int = FOLLOWING_SENTENCES) -> Passage:
    """The sentence holding ``text[start:end]`` and the next few in the same paragraph."""
    spans = sentences(text)
    first = next((i for i, (s, e) in enumerate(spans) if s <= start < e or s >= start), None)
    if first is None:
        return Passage(doc_name, text[start:end])
    chosen = [spans[first]]
    for s, e in spans[first + 1:first + 1 + following]:
        if "\n" in text[chosen[-1][1]:s]:  # a new paragraph speaks of something else
            break
        chosen.append((s, e))
    return Passage(doc_name, " ".join(" ".join(text[s:e].split()) for s, e in chosen))


def detect_accord(event: Event, mentions: Sequence[Mention], passages: Sequence[Passage],
                  *, language: str = "en") -> DraftAccord | None:
    """A draft accord from an agreement event, or None when it names fewer than two parties."""
    lex = lexicon(language)
    implied = lex.agreement_types.get(event.native_type)
    if implied is None or event.event_date is None:
        return None
    parties = _parties(event, mentions)
    if len(parties) < 2:
        return None
    texts = [p.text for p in passages] or [m.evidence for m in mentions]
    commitments: dict[str, str] = {kind: "" for kind in implied}
    for text in texts:
        for kind, sentence in _commitments(text, lex):
            if not commitments.get(kind):
                commitments[kind] = sentence
    mediators: list[str] = []
    for text in texts:
        for name in mediators_in(text, lex, parties):
            if name not in mediators:
                mediators.append(name)
    return DraftAccord(
        parties=parties, signed_date=event.event_date, mediators=tuple(mediators),
        place=event.place or _signature_place(texts, lex), commitments=commitments,
        sources=tuple(sorted({p.doc_name for p in passages} | {m.doc_name for m in mentions})))


def _parties(event: Event, mentions: Sequence[Mention]) -> tuple[str, ...]:
    sides = {side_of_actor(a) for a in (event.actor1, event.actor2)}
    for m in mentions:
        sides |= {side_of_actor(m.actor1), side_of_actor(m.actor2)}
    return tuple(sorted(s for s in sides if s))


def _commitments(text: str, lex: Lexicon) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    spans = sentences(text)
    for cues in lex.commitments:
        for pattern in cues.cues:
            m = pattern.search(text)
            if m:
                s, e = next(((s, e) for s, e in spans if s <= m.start() < e), (0, len(text)))
                found.append((cues.kind, " ".join(text[s:e].split())))
                break
    return found


def mediators_in(text: str, lex: Lexicon, parties: Sequence[str] = ()) -> list[str]:
    """Mediator names a text gives: "under the mediation of Qatar and Turkey" -> both.

    A name that designates one of the parties ("Afghanistan", "Pakistani") is not a mediator.
    """
    out: list[str] = []
    for pattern in lex.mediator_patterns:
        for m in pattern.finditer(text):
            names = m.group("names")
            # "Under the mediation of Qatar and Turkey, Iran and Pakistan signed ...": the
            # names after the last comma are the subject of the verb that follows, not mediators
            if "," in names and _VERB_AFTER.match(text, m.end("names")):
                names = names.rsplit(",", 1)[0]
            for raw in _NAME_SPLIT.split(names):
                name = raw.strip(" .;:").removeprefix("the ").strip()
                if not name or name in lex.mediator_stopwords or not name[0].isupper():
                    continue
                name = lex.mediator_aliases.get(name.lower(), name)
                if side_of_claimant(name) in parties:
                    continue
                if name not in out:
                    out.append(name)
    return out


def _signature_place(texts: Sequence[str], lex: Lexicon) -> Place | None:
    for text in texts:
        for pattern in lex.signature_place_patterns:
            m = pattern.search(text)
            if m and m.group("place") not in lex.mediator_stopwords:
                return Place(name=m.group("place"), source="text")
    return None
