"""The accords stage's knowledge, loaded from data files once per process.

Everything a rule needs to know about the world lives in ``ceasewatch/data/``: the commitment
cue lexicon (``lexicon/<lang>/commitments.yaml``), the violation rules
(``accords/violation_rules.yaml``), and per theater the armed groups one party accuses another
of hosting (``<theater>/armed_groups.yaml``) and the words that tell which side a claimant
speaks for (``<theater>/claimants.yaml``). A new theater is a new folder, not new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from ceasewatch.errors import CeasewatchError

# the accords stage reads claimants through here; the knowledge itself lives with the nlp
from ceasewatch.nlp.claimants import side_of_claimant as side_of_claimant
from ceasewatch.theaters import pack_names


class KnowledgeFileError(CeasewatchError):
    """A bundled data file of the accords stage that is malformed (a packaging bug)."""


@dataclass(frozen=True, slots=True)
class CommitmentCues:
    kind: str
    label: str
    cues: tuple[re.Pattern[str], ...]
    name: str = ""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The commitment lexicon of one language."""

    agreement_types: dict[str, tuple[str, ...]]  # native type -> commitment kinds implied
    commitments: tuple[CommitmentCues, ...]
    mediator_patterns: tuple[re.Pattern[str], ...]
    mediator_stopwords: frozenset[str]
    mediator_aliases: dict[str, str]  # lower-cased alias -> canonical name
    signature_place_patterns: tuple[re.Pattern[str], ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(c.kind for c in self.commitments)

    def label(self, kind: str) -> str:
        return next((c.label for c in self.commitments if c.kind == kind), kind)

    def name(self, kind: str) -> str:
        """The commitment in words ("no support for armed groups"), never its key."""
        return next((c.name or c.label.lower() for c in self.commitments if c.kind == kind),
                    kind.replace("_", " "))


@dataclass(frozen=True, slots=True)
class Rule:
    """One way an event can breach a commitment kind (see violation_rules.yaml)."""

    id: str
    commitment: str
    native_types: frozenset[str]
    relation: str
    violator: str


@dataclass(frozen=True, slots=True)
class ArmedGroup:
    """An armed group one party accuses another of hosting; an allegation, not a finding."""

    key: str
    name: str
    aliases: tuple[str, ...]
    acts_against: tuple[str, ...]
    alleged_host: str
    alleged_by: str
    host_denies: bool

    def names(self) -> tuple[str, ...]:
        return (self.key, self.name, *self.aliases)


RELATIONS = ("between_parties", "on_other_party", "hosted_group", "by_party",
             "at_shared_border", "accused_in_reports")
VIOLATORS = ("initiator", "host")


def data_root() -> Traversable:
    """``ceasewatch/data`` as installed (a plain folder, not a package)."""
    return resources.files("ceasewatch").joinpath("data")


def _read_yaml(relative: str) -> Any:
    path = data_root().joinpath(relative)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeFileError(f"cannot read bundled data: {exc}", origin=relative) from exc


def _theaters() -> list[str]:
    return pack_names("armed_groups.yaml")


def _compile(pattern: str, origin: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise KnowledgeFileError(f"bad pattern {pattern!r}: {exc}", origin=origin) from exc


@lru_cache(maxsize=4)
def lexicon(language: str = "en") -> Lexicon:
    origin = f"lexicon/{language}/commitments.yaml"
    data = _read_yaml(origin) or {}
    commitments = tuple(
        CommitmentCues(kind=kind, label=str(spec.get("label", kind)),
                       cues=tuple(_compile(c, origin) for c in spec.get("cues", [])),
                       name=str(spec.get("name") or ""))
        for kind, spec in (data.get("commitments") or {}).items())
    aliases: dict[str, str] = {}
    for canonical, names in (data.get("mediator_aliases") or {}).items():
        aliases[str(canonical).lower()] = str(canonical)
        for name in names or []:
            aliases[str(name).lower()] = str(canonical)
    # Mediator names are capitalised words: these patterns must stay case-sensitive.
    mediators = tuple(re.compile(p) for p in data.get("mediator_patterns", []))
    places = tuple(re.compile(p) for p in data.get("signature_place_patterns", []))
    return Lexicon(
        agreement_types={str(t): tuple(kinds or ()) for t, kinds
                         in (data.get("agreement_types") or {}).items()},
        commitments=commitments,
        mediator_patterns=mediators,
        mediator_stopwords=frozenset(data.get("mediator_stopwords", [])),
        mediator_aliases=aliases,
        signature_place_patterns=places,
    )


def commitment_name(kind: str, language: str = "en") -> str:
    """A commitment kind in words: ``no_support_armed_groups`` -> "no support for armed
    groups" (``lexicon/<lang>/commitments.yaml``)."""
    return lexicon(language).name(kind)


def commitment_kinds() -> tuple[str, ...]:
    """The commitment kinds ceasewatch knows (an accord file may use only these)."""
    return lexicon("en").kinds


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    origin = "accords/violation_rules.yaml"
    data = _read_yaml(origin) or {}
    out = []
    for spec in data.get("rules", []):
        rule = Rule(id=spec["id"], commitment=spec["commitment"],
                    native_types=frozenset(spec["native_types"]),
                    relation=spec["relation"], violator=spec.get("violator", "initiator"))
        if rule.relation not in RELATIONS or rule.violator not in VIOLATORS:
            raise KnowledgeFileError(f"rule {rule.id!r}: unknown relation or violator",
                                     origin=origin)
        out.append(rule)
    return tuple(out)


@lru_cache(maxsize=1)
def armed_groups() -> tuple[ArmedGroup, ...]:
    out = []
    for theater in _theaters():
        data = _read_yaml(f"theaters/{theater}/armed_groups.yaml") or {}
        for key, spec in (data.get("groups") or {}).items():
            out.append(ArmedGroup(
                key=str(key), name=str(spec.get("name", key)),
                aliases=tuple(str(a) for a in spec.get("aliases", [])),
                acts_against=tuple(str(s) for s in spec.get("acts_against", [])),
                alleged_host=str(spec["alleged_host"]), alleged_by=str(spec["alleged_by"]),
                host_denies=bool(spec.get("host_denies", False))))
    return tuple(out)


@lru_cache(maxsize=1)
def shared_borders() -> dict[str, frozenset[str]]:
    """Each border's names (folded, with aliases) -> the countries it separates."""
    out: dict[str, frozenset[str]] = {}
    for theater in pack_names("borders.yaml"):
        data = _read_yaml(f"theaters/{theater}/borders.yaml") or {}
        for name, spec in (data.get("borders") or {}).items():
            countries = frozenset(str(c).upper() for c in (spec or {}).get("countries", []))
            for alias in [name, *((spec or {}).get("aliases") or [])]:
                out[str(alias).casefold()] = countries
    return out


@dataclass(frozen=True, slots=True)
class AccusationCues:
    """How a report says a party accuses another of hosting or supporting an armed group."""

    accusation: tuple[re.Pattern[str], ...]
    support: tuple[re.Pattern[str], ...]
    denial: tuple[re.Pattern[str], ...]
    generic_group: re.Pattern[str] | None


@lru_cache(maxsize=4)
def accusation_cues(language: str = "en") -> AccusationCues:
    """``lexicon/<lang>/accusations.yaml``; empty cues for a language that has none."""
    origin = f"lexicon/{language}/accusations.yaml"
    if not data_root().joinpath(origin).is_file():
        return AccusationCues((), (), (), None)
    data = _read_yaml(origin) or {}

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(_compile(str(p), origin) for p in data.get(key) or [])

    generic = data.get("generic_group")
    return AccusationCues(patterns("accusation"), patterns("support"), patterns("denial"),
                          _compile(str(generic), origin) if generic else None)


def group_of(name: str | None) -> ArmedGroup | None:
    """The armed group a side key or actor name designates, if it is one we know."""
    if not name:
        return None
    folded = name.casefold()
    for group in armed_groups():
        if any(folded == n.casefold() for n in group.names()):
            return group
    return None
