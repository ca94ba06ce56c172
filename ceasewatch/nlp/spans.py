"""Spans found in text by the NLP stages: the contract between the stages.

Offsets are character offsets into the text passed to the finder (for a document: into
``Document.text``), end exclusive, so ``text[start:end] == surface``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ceasewatch.records import Actor, DatePrecision, Place


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place name in the text, geocoded: "near Spin Boldak" -> Spin Boldak, Kandahar, AF."""

    start: int
    end: int
    surface: str
    place: Place


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """An actor mention normalised: "Pakistani troops" -> Military Forces of Pakistan."""

    start: int
    end: int
    surface: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date expression resolved against the publication date: "on Thursday" -> 2025-11-06."""

    start: int
    end: int
    surface: str
    value: date
    precision: DatePrecision
    end_value: date | None = None


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A quantity: "dozens" -> low 24, best None; "approximately 200" -> 200."""

    start: int
    end: int
    surface: str
    low: int | None
    best: int | None
    high: int | None
