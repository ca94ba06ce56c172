"""The typed side store the extraction stages share, and the stage registry.

spaCy keeps a pipeline's annotations in declared places on one ``Doc``; ceasewatch does the
same with ``DocContext``: a document, its sentences (``SentenceFacts``, one typed slot per
annotation layer) and the event candidates under construction. Each stage is registered by
name with the layers it *needs* and the layers it *sets*, so ``pipeline.build_pipeline``
can check the order once, when it is built, rather than failing on the first document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ceasewatch.nlp.languages import LanguageResources
from ceasewatch.nlp.spans import ActorSpan, DateSpan, NumberSpan, PlaceSpan
from ceasewatch.records import Actor, Casualties, DatePrecision, Document, Mention, Place


@dataclass(slots=True)
class SentenceFacts:
    """One sentence and what the stages found in it; offsets are document offsets."""

    index: int
    start: int
    end: int
    text: str  # == doc.text[start:end]
    paragraph: int
    lang: str
    resources: LanguageResources
    heading: bool = False
    quotes: list[tuple[int, int]] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    numbers: list[NumberSpan] = field(default_factory=list)
    places: list[PlaceSpan] = field(default_factory=list)
    actors: list[ActorSpan] = field(default_factory=list)
    claimants: list[tuple[int, int, str]] = field(default_factory=list)  # span + claimant name
    killed: Casualties = field(default_factory=Casualties)
    wounded: Casualties = field(default_factory=Casualties)
    mutual_blame: bool = False

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotes)


@dataclass(slots=True)
class Candidate:
    """An event mention under construction (mutable until it becomes a ``Mention``)."""

    native_type: str
    sentence: int  # index into DocContext.sentences
    trigger_start: int
    trigger_end: int
    segment: tuple[int, int]  # the temporal clause of the trigger (document offsets)
    event_date: DateSpan | None = None
    date_value_precision: DatePrecision | None = None
    #: own | premodifier | report | carried | anchor | frame | adjacent
    date_source: str | None = None
    main_clause: bool = True  # False inside a "following ..." / "after ..." clause
    definite: bool = False  # "the clashes": refers back to an event told before
    habitual: bool = False
    aggregate: bool = False
    confidence: float = 1.0
    place: Place | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    fatalities: Casualties = field(default_factory=Casualties)
    injuries: Casualties = field(default_factory=Casualties)
    claimed_by: list[str] = field(default_factory=list)
    disputed: bool = False
    attributes: dict[str, str] = field(default_factory=dict)
    dropped: str | None = None  # why the candidate is not an event (a trace, never silent)
    merged_into: int | None = None


@dataclass(slots=True)
class DocContext:
    """Everything extraction knows about one document while the stages run."""

    doc: Document
    countries: list[str] = field(default_factory=list)  # the countries the text is about
    sentences: list[SentenceFacts] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    skipped_paragraphs: dict[str, int] = field(default_factory=dict)  # lang -> count
    #: dates, places and actors the learned stages looked up in sentences the rule stages
    #: skipped, kept apart so that no rule stage sees more than it found itself
    lookups: dict[tuple[str, int], list[Any]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc.text

    def live(self) -> list[Candidate]:
        return [c for c in self.candidates if c.dropped is None and c.merged_into is None]


def looked_up_nothing(ctx: DocContext, layer: str, s: SentenceFacts) -> None:
    """A rule stage searched ``s`` for ``layer`` (dates, places, actors) and found none:
    noted in ``ctx.lookups``, so that a learned stage does not search the sentence again."""
    if not getattr(s, layer):
        ctx.lookups[(layer, s.index)] = []


StageFn = Callable[[DocContext], None]


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    run: StageFn


STAGES: dict[str, Stage] = {}


def stage(name: str, *, needs: tuple[str, ...] = (), sets: tuple[str, ...] = ()
          ) -> Callable[[StageFn], StageFn]:
    """Register a stage function under ``name`` (spaCy's ``Language.factory`` habit)."""

    def register(fn: StageFn) -> StageFn:
        STAGES[name] = Stage(name, needs, sets, fn)
        return fn

    return register
