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


def evening_of(first: int | None, day: int) -> int:
    """The day a night written with two dates is dated to ("the night of 11-12 October",
    "11 اور 12 اکتوبر کی درمیانی شب"): the evening it began (ANNOTATION.md); two dates
    further apart keep the last, as one date would.

    >>> evening_of(11, 12), evening_of(25, 30), evening_of(None, 12)
    (11, 30, 12)
    """
    return first if first is not None and first == day - 1 else day


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A quantity: "dozens" -> low 24, best None; "approximately 200" -> 200."""

    start: int
    end: int
    surface: str
    low: int | None
    best: int | None
    high: int | None
