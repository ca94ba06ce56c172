"""Typed, frozen records passed between the stages of ceasewatch.

Every stage takes and returns these records; nothing patches keys onto shared dicts.
The route of the data is::

    Document -(nlp)-> Mention -(fusion)-> Event + Claim -(accords)-> Violation

A *Mention* is one report of an incident in one document ("Pakistani airstrikes on Kabul on
9 October", as seed000 tells it); an *Event* is the real-world incident that many mentions
report; a *Claim* is one value of one contested field (initiator, fatalities, round number)
as asserted by one claimant in one source, kept side by side with the others.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

DatePrecision = Literal["day", "week", "month", "year"]
#: how exactly a place is known, from most to least precise (ACLED's geo_precision 1-3 maps
#: point/locality -> 1, district -> 2, admin1/border/country -> 3).
GeoPrecision = Literal["point", "locality", "district", "admin1", "border", "country"]
Verification = Literal["claimed", "corroborated", "acknowledged", "disputed"]

DATE_PRECISIONS: tuple[DatePrecision, ...] = ("day", "week", "month", "year")
GEO_PRECISIONS: tuple[GeoPrecision, ...] = (
    "point", "locality", "district", "admin1", "border", "country")
VERIFICATIONS: tuple[Verification, ...] = ("claimed", "corroborated", "acknowledged", "disputed")


#: characters of text normalised at a time by :func:`content_hash`
HASH_PIECE_CHARS = 16384


def content_hash(text: str) -> str:
    """Identity of a document's content: the same text under two names is one document.

    The SHA-256 of the words joined by single spaces (``" ".join(text.split())``), computed
    piece by piece, cut at whitespace: the same digest, without a second copy of a 4 MiB
    upload, and without holding the interpreter lock for the half second one ``split`` of it
    takes (a server thread hashing an upload froze every read that long).
    """
    digest = hashlib.sha256()
    start, first = 0, True
    while start < len(text):
        end = min(start + HASH_PIECE_CHARS, len(text))
        while end < len(text) and not text[end].isspace():
            end += 1  # never inside a word
        words = text[start:end].split()
        if words:
            digest.update((("" if first else " ") + " ".join(words)).encode("utf-8"))
            first = False
        start = end
    return digest.hexdigest()


def stable_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """A short deterministic id from its parts, so re-running a stage gives the same ids."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return prefix + digest[:length]


@dataclass(frozen=True, slots=True)
class Document:
    """One report as received, with its provenance."""

    id: str  # == content_hash(text)
    text: str
    origin: str  # path, URL or "stdin", with "#entry" for a feed entry
    name: str  # file name or feed entry id: what a user calls the document
    format: str  # "text" | "html" | "feed" | "stdin"
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    published: date | None = None
    published_precision: DatePrecision | None = None
    published_source: str | None = None  # "sidecar" | "html" | "feed" | "text" | "option"
    language: str | None = None  # ISO 639-1, "en+zh" for a mixed document
    ingested_at: datetime | None = None
    note: str | None = None

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document (or part of one) that was not stored, and why: every rejection leaves a trace."""

    origin: str
    reason: str
    stage: str = "ingest"
    line: int | None = None
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A normalised actor: "Pakistani troops", "Pak army" and "ISPR" all become one actor."""

    name: str  # canonical, ACLED-style: "Military Forces of Pakistan"
    kind: str  # state_forces | government | militant | civilians | mediator | media | other
    country: str | None = None  # ISO alpha-2 of the side it belongs to
    side: str | None = None  # conflict side key, e.g. "PK", "AF", "TTP"


@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place from the offline gazetteer."""

    name: str
    country: str | None = None  # ISO alpha-2
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: GeoPrecision | None = None
    source: str | None = None  # "geonames" | "curated" | ...


@dataclass(frozen=True, slots=True)
class Casualties:
    """Counts as low/best/high, UCDP-style: "dozens" is low=24, best=None, high=None."""

    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def known(self) -> bool:
        return self.low is not None or self.best is not None or self.high is not None


@dataclass(frozen=True, slots=True)
class EvidenceSpan:
    """One telling of an event in its document: the sentence, its language and offsets."""

    text: str
    start: int
    end: int
    language: str | None = None


#: attribute keys of a mention's other tellings: ``evidence_zh`` (the sentence) and
#: ``evidence_zh_span`` ("start:end" document offsets)
_OTHER_EVIDENCE = re.compile(r"evidence_([a-z]{2,3})")


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of one event in one document, with its evidence span."""

    id: str
    doc_id: str
    doc_name: str
    native_type: str
    event_date: date | None
    date_precision: DatePrecision | None
    evidence: str
    evidence_start: int
    evidence_end: int
    event_type: str | None = None  # ACLED event_type; None for context events
    sub_event_type: str | None = None
    cameo: str | None = None
    plover: str | None = None
    event_end: date | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    fatalities: Casualties = field(default_factory=Casualties)
    injuries: Casualties = field(default_factory=Casualties)
    claimed_by: tuple[str, ...] = ()
    initiator_disputed: bool = False
    language: str | None = None
    confidence: float = 1.0
    #: further facts a report states about the event, e.g. (("round", "3"),)
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, key: str) -> str | None:
        return next((v for k, v in self.attributes if k == key), None)

    def evidence_spans(self) -> tuple[EvidenceSpan, ...]:
        """The evidence sentence, then the same event told in the document's other languages.

        A bilingual article (seed000: each English paragraph followed by its Chinese version)
        is one mention per event; its Chinese telling rides along as the attributes
        ``evidence_zh`` and ``evidence_zh_span``, so no column or migration is needed.
        """
        spans = [EvidenceSpan(self.evidence, self.evidence_start, self.evidence_end,
                              self.language)]
        attrs = dict(self.attributes)
        for key, text in self.attributes:
            m = _OTHER_EVIDENCE.fullmatch(key)
            if m is None or m.group(1) == self.language:
                continue
            start, _, end = attrs.get(f"{key}_span", "").partition(":")
            if start.isdigit() and end.isdigit():
                spans.append(EvidenceSpan(text, int(start), int(end), m.group(1)))
            else:  # stored before offsets were kept: the text alone
                spans.append(EvidenceSpan(text, -1, -1, m.group(1)))
        return tuple(spans)


@dataclass(frozen=True, slots=True)
class Claim:
    """One value of one field of an event, asserted by one claimant in one source."""

    event_id: str
    field: str  # "actor1" | "fatalities" | "round" | "location" | "event_date" | ...
    value: str  # JSON-encoded value
    claimant: str | None
    doc_id: str
    mention_id: str
    evidence: str
    #: document offsets of ``evidence`` (-1: unknown) and of the value's words inside it
    evidence_start: int = -1
    evidence_end: int = -1
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """A fused real-world incident with its best estimates and corroboration."""

    id: str
    native_type: str
    event_date: date | None
    date_precision: DatePrecision | None
    event_type: str | None = None
    sub_event_type: str | None = None
    cameo: str | None = None
    plover: str | None = None
    event_end: date | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    fatalities: Casualties = field(default_factory=Casualties)
    injuries: Casualties = field(default_factory=Casualties)
    mention_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # document names
    independent_sources: int = 0
    disputed_fields: tuple[str, ...] = ()
    initiator_disputed: bool = False


@dataclass(frozen=True, slots=True)
class Commitment:
    """One obligation of an accord, e.g. the cessation of hostilities."""

    id: str
    accord_id: str
    kind: str  # cessation_of_hostilities | no_support_armed_groups | monitoring_mechanism | ...
    text: str
    parties: tuple[str, ...] = ()  # sides bound; empty = all parties


@dataclass(frozen=True, slots=True)
class Accord:
    """An agreement between parties, detected from reports or curated by an analyst."""

    id: str
    name: str
    parties: tuple[str, ...]  # side keys, e.g. ("AF", "PK")
    signed_date: date | None = None
    in_force_date: date | None = None
    mediators: tuple[str, ...] = ()
    place: Place | None = None
    commitments: tuple[Commitment, ...] = ()
    source: str = "curated"  # "curated" | "detected"
    provenance: str | None = None  # file or document the accord comes from


@dataclass(frozen=True, slots=True)
class Violation:
    """An alleged violation of a commitment, with who accuses whom and how well it is verified."""

    id: str
    accord_id: str
    commitment_id: str
    event_id: str
    alleged_violator: str | None
    accuser: str | None
    verification: Verification
    evidence: tuple[str, ...] = ()
    event_date: date | None = None


@dataclass(frozen=True, slots=True)
class ExternalEvent:
    """One event of an external dataset (an ACLED or UCDP GED download), kept apart from the
    events ceasewatch extracted, to compare the two ("ceasewatch vs ACLED")."""

    dataset: str  # "acled" | "ucdp"
    external_id: str  # ACLED event_id_cnty, UCDP id
    event_date: date
    date_end: date | None = None
    event_type: str | None = None  # ACLED event type; UCDP: the type of violence's label
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None  # ISO alpha-2
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    fatalities: int | None = None  # ACLED fatalities; UCDP best
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    notes: str | None = None
    source: str | None = None
    origin: str = ""  # the file it was imported from
    line: int | None = None


@dataclass(frozen=True, slots=True)
class WatchedSource:
    """A feed or page that ``ceasewatch watch`` polls, with its politeness state: the
    validators of its last answer (conditional GET) and how many polls in a row failed
    (exponential back-off). ``next_due`` and the times are UTC."""

    id: str
    name: str
    url: str
    every_s: int
    next_due: datetime
    kind: Literal["auto", "feed", "page"] = "auto"
    language: str | None = None
    full_articles: bool = True
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    last_polled: datetime | None = None
    last_status: str | None = None
    last_error: str | None = None
    last_ok: datetime | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    """One dated change of an event: what caused it (a new report, a merge, a review...),
    the event as it then stood (None for a deletion) and each changed field's before/after."""

    id: int
    event_id: str
    at: datetime
    cause: str
    snapshot: dict[str, object] | None
    changes: dict[str, tuple[object, object]]
    doc_id: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AlertRule:
    """What to be told about: ``violation`` (a new alleged violation; ``accord``, ``party``),
    ``fatalities`` (``min`` or more killed; ``place``) or ``new-type`` (the first event of a
    type in a ``theater``), optionally posted to a webhook."""

    id: int
    kind: Literal["violation", "fatalities", "new-type"]
    params: dict[str, object]
    webhook: str | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert raised by a rule, unique by ``key``; ``payload`` is what the webhook gets."""

    key: str
    rule_id: int
    event_id: str
    created_at: datetime
    title: str
    payload: dict[str, object]
    webhook: str | None = None
    delivered_at: datetime | None = None
    attempts: int = 0
    last_error: str | None = None

#: an analyst's verdict on an item; "draft" is the machine's reading before anyone decides
ReviewState = Literal["draft", "verified", "rejected", "needs_review"]
ReviewKind = Literal["event", "claim", "violation"]
Role = Literal["reader", "analyst", "editor"]


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    """One dated decision of a named analyst on an event, a claim or an alleged violation."""

    item_kind: ReviewKind
    item_id: str
    event_id: str
    state: ReviewState
    analyst: str
    note: str
    at: str  # UTC ISO 8601
    id: int | None = None


@dataclass(frozen=True, slots=True)
class User:
    """Someone who reads (reader), reviews (analyst) or also overrules reviews (editor)."""

    name: str
    role: Role
    created_at: str
    disabled_at: str | None = None
