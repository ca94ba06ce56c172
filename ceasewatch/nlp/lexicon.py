"""Trigger and cue lexicons: the language knowledge of event extraction, loaded from data files.

Each language has a folder ``ceasewatch/data/lexicon/<lang>/`` of YAML files; all files of the
folder are merged. Three top-level keys are read:

``triggers``   native event type -> list of regular expressions that *report* such an event
               ("exchanged gunfire", "airstrikes", "signed a ceasefire agreement");
``cues``       cue kind -> list of regular expressions: ``negation``, ``threat``,
               ``conditional``, ``denial``, ``plan``, ``opinion`` (these reject a trigger they
               govern), ``hedge`` (kept, lowers confidence), ``habitual``/``sequence`` (block
               borrowing a date from context), ``subordinator`` (a temporal clause boundary:
               "following", "after"), ``report_verb`` (a date right after it dates the report,
               not the event), ``anaphora``, ``ongoing``, ``mediation``, ``agent``, ``target``,
               ``mutual_blame``, ``definite``, ``claim_gate`` (claimant patterns are tried only
               on sentences it matches: a cheap filter for costly patterns),
               ``diplomatic_blame`` (mutual blame about talks, not about who fired first),
               ``dateline`` (where and when a report was filed, "KABUL, March 3 (Reuters) -":
               neither the place nor the date of what it reports), ``onset`` (a state that
               began on the date after it: "closed since February 5"), ``locative`` /
               ``locative_after`` (a preposition before a name, a postposition after it,
               that makes the name where something happened: Persian "در", Urdu "میں" —
               a name that is also an actor, "Kabul", is a place only so marked);
``casualties`` ``killed``/``wounded`` words that follow a count, ``killed_before``/
               ``wounded_before`` words that precede one, ``none`` phrases meaning zero;
``claimants``  regular expressions with a named group ``who`` ("[Aa]ccording to (?P<who>...)"),
               matched case-sensitively since claimants are names.
``initiator_claims`` patterns naming, in group ``side``, the side a claimant blames.
``anchors``    native event type -> phrases that date an event by another one ("during the
               talks").
``attributes`` attribute name -> ``types`` (native types it applies to), ``patterns``
               (regular expressions whose group ``value`` holds the value, e.g. "(?P<value>
               third) round") and ``values`` (word -> value, e.g. ``third: 3``; digits are
               read as numbers), optionally ``refers`` (words by which a later sentence
               refers back to such an event: "talks"): facts a report states about an event
               ("the third round of talks" -> ``round=3``), see ``stages/attributes.py``.

Patterns are compiled once per process, case-insensitively, as alternations with word
boundaries. A lexicon is data: a new language or theater adds files, never code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ceasewatch.errors import CeasewatchError
from ceasewatch.nlp.prefilter import compile_gated, gate

CUE_KINDS = ("negation", "threat", "conditional", "denial", "plan", "opinion", "hedge",
             "habitual", "sequence", "subordinator", "report_verb", "anaphora", "ongoing",
             "mediation", "agent", "target", "mutual_blame", "definite", "aggregate",
             "claim_gate", "diplomatic_blame", "dateline", "onset", "locative",
             "locative_after")
#: cue kinds that make a trigger a non-event when they govern it
REJECTING_CUES = ("negation", "threat", "conditional", "denial", "plan", "opinion")

_NEVER = re.compile(r"(?!x)x")
#: libyaml's loader when installed: start-up cost matters for a CLI
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: regex syntax whose meaning changes when lower-cased (\S, \W, \D, \B, \A, \Z, [A-Z], \N{})
_CASE_SENSITIVE_SYNTAX = re.compile(r"\\[SWDBAZNPU]|\[[^\]]*[A-Z]")
#: how many first characters the gate of the folded trigger alternation tests: trigger words
#: share few five-letter beginnings, so the deeper gate rejects more positions at its one test
#: (a third faster than the default three on English reports)
_TRIGGER_GATE_DEPTH = 5


class LexiconError(CeasewatchError):
    """A lexicon file that is malformed (bad YAML, bad regex, unknown key)."""


@dataclass(frozen=True, slots=True)
class AttributeRule:
    """How one attribute of an event is stated: "the third round of talks" -> round=3."""

    name: str
    types: frozenset[str]  # the native event types it applies to
    patterns: tuple[re.Pattern[str], ...]  # each with a group ``value``
    values: dict[str, str]  # normalised word -> value ("third" -> "3")
    #: words by which a sentence without a trigger refers back to such an event ("talks")
    refers: re.Pattern[str] | None = None

    def read(self, word: str) -> str | None:
        """The value a matched word stands for: "third", "3rd", "3", "三" -> "3"."""
        key = " ".join(word.lower().split())
        if key in self.values:
            return self.values[key]
        digits = re.sub(r"(?:st|nd|rd|th)$", "", key)
        return str(int(digits)) if digits.isdigit() else None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled patterns of one language."""

    lang: str
    #: one alternation with a named group per native type: ``(?P<air_strike>...)|...``
    triggers: re.Pattern[str]
    native_types: tuple[str, ...]
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    killed: re.Pattern[str] = _NEVER
    wounded: re.Pattern[str] = _NEVER
    killed_before: re.Pattern[str] = _NEVER
    wounded_before: re.Pattern[str] = _NEVER
    no_casualties: re.Pattern[str] = _NEVER
    claimants: tuple[re.Pattern[str], ...] = ()
    anchors: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: any casualty word at all: one scan decides whether a sentence's counts are worth reading
    casualty_any: re.Pattern[str] = _NEVER
    #: "Firing was initiated from the Afghan side": patterns naming the side blamed (``side``)
    initiator_claims: tuple[re.Pattern[str], ...] = ()
    #: the trigger pattern lower-cased and compiled case-sensitively, when that is exact: a
    #: large case-insensitive alternation is several times slower on the hot path
    folded_triggers: re.Pattern[str] | None = None
    #: facts stated about an event ("the third round"), by attribute name
    attributes: tuple[AttributeRule, ...] = ()

    def cue(self, kind: str) -> re.Pattern[str]:
        return self.cues.get(kind, _NEVER)

    def find_triggers(self, text: str) -> list[re.Match[str]]:
        """Trigger matches in ``text``; offsets are offsets into ``text``."""
        if self.folded_triggers is not None:
            lowered = text.lower()
            if len(lowered) == len(text):
                return list(self.folded_triggers.finditer(lowered))
        return list(self.triggers.finditer(text))


def _alternation(patterns: list[str], origin: str, *, bounded: bool = True) -> re.Pattern[str]:
    if not patterns:
        return _NEVER
    body = "|".join(f"(?:{p})" for p in patterns)
    src = rf"(?<![\w-])(?:{body})(?![\w])" if bounded else f"(?:{body})"
    try:
        # a cue of a few first letters is searched in every sentence: skip the other positions
        return compile_gated(src, re.IGNORECASE, limit=16)
    except re.error as exc:
        raise LexiconError(f"bad regular expression: {exc}", origin=origin) from exc


def _gated_triggers(src: str) -> re.Pattern[str]:
    """The folded trigger alternation, gated ``_TRIGGER_GATE_DEPTH`` characters deep, or at
    the default depth when it has too many beginnings that deep (``prefilter.gate``)."""
    if gate(src, depth=_TRIGGER_GATE_DEPTH) is not None:
        return compile_gated(src, depth=_TRIGGER_GATE_DEPTH)
    return compile_gated(src)


def _as_list(value: Any, origin: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError("expected a list of strings", origin=origin, field=key)
    return list(value)


def build_lexicon(lang: str, data: dict[str, Any], origin: str = "<lexicon>",
                  *, bounded: bool = True) -> Lexicon:
    """Compile a merged lexicon mapping (see the module docstring); ``bounded=False`` for
    scripts without spaces between words (Chinese), where ``\\b`` means nothing."""
    triggers = data.get("triggers") or {}
    if not isinstance(triggers, dict) or not triggers:
        raise LexiconError("no triggers", origin=origin, field="triggers")
    parts = []
    for native, pats in triggers.items():
        body = "|".join(f"(?:{p})" for p in _as_list(pats, origin, f"triggers.{native}"))
        parts.append(f"(?P<{native}>{body})")
    src = "|".join(parts)
    if bounded:
        src = rf"(?<![\w-])(?:{src})(?![\w])"
    try:
        trigger_re = re.compile(src, re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"bad trigger pattern: {exc}", origin=origin) from exc
    folded = None
    if not _CASE_SENSITIVE_SYNTAX.search(src):
        folded = _gated_triggers(src.lower().replace("(?p<", "(?P<"))
    cues_data = data.get("cues") or {}
    unknown = set(cues_data) - set(CUE_KINDS)
    if unknown:
        raise LexiconError(f"unknown cue kinds {sorted(unknown)}", origin=origin, field="cues")
    cues = {k: _alternation(_as_list(v, origin, f"cues.{k}"), origin, bounded=bounded)
            for k, v in cues_data.items()}
    cas = data.get("casualties") or {}

    def cas_re(key: str) -> re.Pattern[str]:
        return _alternation(_as_list(cas.get(key), origin, f"casualties.{key}"), origin,
                            bounded=bounded)

    claimants = []
    for p in _as_list(data.get("claimants"), origin, "claimants"):
        try:
            claimants.append(re.compile(p))  # case-sensitive: names are capitalised
        except re.error as exc:
            raise LexiconError(f"bad claimant pattern: {exc}", origin=origin) from exc
    initiator_claims = []
    for p in _as_list(data.get("initiator_claims"), origin, "initiator_claims"):
        try:
            initiator_claims.append(re.compile(p))
        except re.error as exc:
            raise LexiconError(f"bad initiator claim pattern: {exc}", origin=origin) from exc
    anchors = {k: _alternation(_as_list(v, origin, f"anchors.{k}"), origin, bounded=bounded)
               for k, v in (data.get("anchors") or {}).items()}
    attributes = _attribute_rules(data.get("attributes") or {}, origin, bounded=bounded)
    return Lexicon(lang=lang, triggers=trigger_re, native_types=tuple(triggers), cues=cues,
                   killed=cas_re("killed"), wounded=cas_re("wounded"),
                   killed_before=cas_re("killed_before"),
                   wounded_before=cas_re("wounded_before"), no_casualties=cas_re("none"),
                   claimants=tuple(claimants), anchors=anchors, folded_triggers=folded,
                   casualty_any=_alternation(
                       [p for key in ("killed", "wounded", "killed_before", "wounded_before",
                                      "none")
                        for p in _as_list(cas.get(key), origin, f"casualties.{key}")],
                       origin, bounded=bounded),
                   initiator_claims=tuple(initiator_claims), attributes=attributes)


def _attribute_rules(data: Any, origin: str, *, bounded: bool) -> tuple[AttributeRule, ...]:
    if not isinstance(data, dict):
        raise LexiconError("expected a mapping of attribute names", origin=origin,
                           field="attributes")
    rules = []
    for name, spec in data.items():
        key = f"attributes.{name}"
        if not isinstance(spec, dict):
            raise LexiconError("expected types, patterns and values", origin=origin, field=key)
        values = spec.get("values") or {}
        if not isinstance(values, dict):
            raise LexiconError("expected a mapping", origin=origin, field=f"{key}.values")
        patterns = []
        for p in _as_list(spec.get("patterns"), origin, f"{key}.patterns"):
            compiled = _alternation([p], origin, bounded=bounded)
            if "value" not in compiled.groupindex:
                raise LexiconError("pattern without a group 'value'", origin=origin,
                                   field=f"{key}.patterns")
            patterns.append(compiled)
        rules.append(AttributeRule(
            name=str(name), types=frozenset(_as_list(spec.get("types"), origin, f"{key}.types")),
            patterns=tuple(patterns),
            values={" ".join(str(k).lower().split()): str(v) for k, v in values.items()},
            refers=_alternation(_as_list(spec.get("refers"), origin, f"{key}.refers"), origin,
                                bounded=bounded) if spec.get("refers") else None))
    return tuple(rules)


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list):
            into[key] = into[key] + value
        else:
            into[key] = value


@cache
def load_lexicon(lang: str, *, bounded: bool = True) -> Lexicon:
    """Merge and compile ``ceasewatch/data/lexicon/<lang>/*.yaml`` (once per process)."""
    folder = resources.files("ceasewatch") / "data" / "lexicon" / lang
    if not folder.is_dir():
        raise LexiconError(f"no lexicon for language {lang!r}", origin=str(folder))
    merged: dict[str, Any] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        origin = f"data/lexicon/{lang}/{entry.name}"
        try:
            data = yaml.load(entry.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        except yaml.YAMLError as exc:
            raise LexiconError(f"invalid YAML: {exc}", origin=origin) from exc
        if not isinstance(data, dict):
            raise LexiconError("expected a mapping at top level", origin=origin)
        data.pop("source", None)
        data.pop("licence", None)
        _merge(merged, data)
    return build_lexicon(lang, merged, f"data/lexicon/{lang}", bounded=bounded)
