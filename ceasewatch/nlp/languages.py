"""Per-language resources for extraction: one registry, so a new language is new data + finders.

The extraction pipeline (``ceasewatch.nlp.pipeline``) splits a document into paragraphs, finds
each paragraph's language, and hands the paragraph to the stages together with that language's
``LanguageResources``. The stages themselves are language-neutral: they call the finders and
read the lexicon they are given, never ``if lang == "en"``.

How to register a language (e.g. Chinese, ``zh``)
-------------------------------------------------
Either

1. **by convention** — create the package ``ceasewatch/nlp/zh/`` whose ``__init__.py`` defines
   ``def resources() -> LanguageResources``. The registry imports it the first time a ``zh``
   paragraph is met (lazily, once per process); nothing else needs editing; or
2. **explicitly** — call ``register_language("zh", factory)`` (e.g. from a plugin or a test),
   where ``factory`` is a zero-argument callable returning ``LanguageResources``.

A ``LanguageResources`` bundles:

- ``split_sentences(text, offset) -> list[(start, end)]``: sentence offsets, *document*
  offsets (``offset`` is where ``text`` starts in the document);
- ``find_dates(text, published) -> list[DateSpan]``: resolved dates ("上周四", "on Thursday");
- ``find_numbers(text) -> list[NumberSpan]``: counts incl. vague ones ("数十", "dozens");
- ``find_places(text, countries_hint) -> list[PlaceSpan]`` and ``find_actors(text)``;
- ``lexicon``: a ``Lexicon`` of compiled trigger patterns (native event type -> regexes) and
  cue patterns (negation, hedge, threat, conditional, denial, plan, opinion, statement), the
  casualty words, agent/target markers and claimant cues, loaded from
  ``ceasewatch/data/lexicon/<lang>/*.yaml`` by ``load_lexicon(lang)``.

Span offsets returned by finders are relative to the ``text`` they were given; the pipeline
shifts them into document offsets.  Finders must be pure and cheap: compile once at factory time,
no I/O per call.

Example::

    >>> res = get_language("en")
    >>> res is get_language("en")      # built once per process
    True
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ceasewatch.nlp.lexicon import Lexicon
from ceasewatch.nlp.spans import ActorSpan, DateSpan, NumberSpan, PlaceSpan

SentenceSplitter = Callable[[str, int], list[tuple[int, int]]]
DateFinder = Callable[[str, "date | None"], list[DateSpan]]
NumberFinder = Callable[[str], list[NumberSpan]]
PlaceFinder = Callable[[str, Sequence[str]], list[PlaceSpan]]
ActorFinder = Callable[[str], list[ActorSpan]]


@dataclass(frozen=True, slots=True)
class LanguageResources:
    """Everything the stages need to read one language."""

    code: str  # ISO 639-1
    split_sentences: SentenceSplitter
    find_dates: DateFinder
    find_numbers: NumberFinder
    find_places: PlaceFinder
    find_actors: ActorFinder
    lexicon: Lexicon


LanguageFactory = Callable[[], LanguageResources]

#: languages shipped inside the package: code -> "module:function" (imported lazily)
_BUILTIN: dict[str, str] = {"en": "ceasewatch.nlp.stages.english:resources"}
_factories: dict[str, LanguageFactory] = {}
_cache: dict[str, LanguageResources | None] = {}
_lock = threading.Lock()


def register_language(code: str, factory: LanguageFactory) -> None:
    """Make ``code`` extractable; replaces an earlier registration (and its cached resources)."""
    with _lock:
        _factories[code] = factory
        _cache.pop(code, None)


def _find_factory(code: str) -> LanguageFactory | None:
    if code in _factories:
        return _factories[code]
    target = _BUILTIN.get(code)
    if target:
        module_name, _, attr = target.partition(":")
        fn: LanguageFactory = getattr(importlib.import_module(module_name), attr)
        return fn
    try:  # convention: ceasewatch/nlp/<code>/__init__.py defines resources()
        module = importlib.import_module(f"ceasewatch.nlp.{code}")
    except ImportError:
        return None
    found = getattr(module, "resources", None)
    return found if callable(found) else None


def get_language(code: str | None) -> LanguageResources | None:
    """The resources for ``code``, built once per process; None when the language is unsupported.

    A paragraph in an unsupported language is skipped by the pipeline (and counted), never
    read with another language's rules.
    """
    if not code:
        return None
    with _lock:
        if code in _cache:
            return _cache[code]
    factory = _find_factory(code)
    resources = factory() if factory else None
    with _lock:
        _cache[code] = resources
    return resources


def supported_languages() -> list[str]:
    """Codes known without importing anything heavy (built-ins and explicit registrations)."""
    return sorted(set(_BUILTIN) | set(_factories))
