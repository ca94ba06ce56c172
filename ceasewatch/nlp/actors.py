"""The actor dictionary: every spelling of an actor -> one canonical, ACLED-style actor.

"Pakistani troops", "Pak army", "ISPR" and "Pakistan's military" are all the Military
Forces of Pakistan; "Tehreek-e-Taliban", "Pakistani Taliban" and "Fitna al-Khawarij" are all
the TTP. The knowledge lives in ``data/theaters/<theater>/actors.yaml`` (plus
``actor_aliases.<lang>.tsv`` files with other-language names: "巴塔" -> TTP); this module
only loads it, once per process, into the shared alias matcher.

The longest spelling wins, which is how context words change the actor without rules:
"Pakistani Taliban" (TTP) against "Taliban" (the Afghan authorities), "Afghan Taliban
fighters" (Afghan forces) against "Afghan Taliban" (the Afghan government).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from ceasewatch.nlp.gazetteer import DATA_DIR, other_packs
from ceasewatch.nlp.matcher import AliasHit, AliasMatcher, DataFileError, case_rule_for, read_tsv
from ceasewatch.records import Actor

#: libyaml's loader when installed (the same data, several times faster to read)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ACTOR_KINDS = ("state_forces", "government", "militant", "civilians", "mediator", "media",
               "other")


class ActorDictionary:
    """Canonical actors, their spellings, and the compiled matcher over them."""

    def __init__(self, actors: Sequence[tuple[Actor, Sequence[str]]],
                 unresolved: Sequence[str] = ()) -> None:
        self.actors: dict[str, Actor] = {}
        self.matcher: AliasMatcher[Actor] = AliasMatcher()
        for actor, aliases in actors:
            self.actors[actor.name] = actor
            for alias in (actor.name, *aliases):
                self.add_alias(alias, actor)
        #: alias-file lines naming an actor the dictionary lacks ("file:line: name").
        self.unresolved: tuple[str, ...] = tuple(unresolved)

    def add_alias(self, alias: str, actor: Actor) -> None:
        self.matcher.add(alias, actor, case=case_rule_for(alias))

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name."""
        return self.actors.get(name)

    def normalise(self, surface: str) -> Actor | None:
        """The actor a phrase names, or None.

        An exact spelling first ("Pak army"); otherwise the longest known spelling inside the
        phrase, so a claimant phrase such as "according to local Afghan officials" still
        reads as the Afghan government.
        """
        exact = self.matcher.values_for(surface)
        if exact:
            return exact[0]
        hits = self.matcher.find(surface)
        if not hits:
            return None
        best = max(hits, key=lambda h: (h.end - h.start, -h.start))
        return best.values[0]

    def find(self, text: str) -> list[AliasHit[Actor]]:
        return self.matcher.find(text)


def _actor_from(item: Any, path: Path, position: int) -> tuple[Actor, list[str]]:
    where = f"actors[{position}]"
    if not isinstance(item, dict):
        raise DataFileError("each actor must be a mapping", origin=str(path), field=where)
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError("missing name", origin=str(path), field=f"{where}.name")
    kind = item.get("kind")
    if kind not in ACTOR_KINDS:
        raise DataFileError(f"kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}",
                            origin=str(path), field=f"{where}.kind")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise DataFileError("aliases must be a list", origin=str(path), field=f"{where}.aliases")
    names = [str(a) for a in aliases]
    for number, block in enumerate(item.get("compose") or []):
        prefixes, heads = (block or {}).get("prefixes"), (block or {}).get("heads")
        if not isinstance(prefixes, list) or not isinstance(heads, list):
            raise DataFileError("compose needs lists 'prefixes' and 'heads'", origin=str(path),
                                field=f"{where}.compose[{number}]")
        names += [f"{p} {h}" for p in prefixes for h in heads]
    country, side = item.get("country"), item.get("side")
    actor = Actor(name=name.strip(), kind=kind, country=str(country) if country else None,
                  side=str(side) if side else None)
    return actor, names


def read_actors(path: Path) -> list[tuple[Actor, list[str]]]:
    """The actors of an ``actors.yaml`` file with all their spellings."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LOADER)
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc.strerror}", origin=str(path)) from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise DataFileError(f"invalid YAML: {exc}", origin=str(path),
                            line=line + 1 if line is not None else None) from exc
    items = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DataFileError("expected a top-level 'actors' list", origin=str(path),
                            field="actors")
    return [_actor_from(item, path, i) for i, item in enumerate(items)]


def actor_alias_files(theater: str, data_dir: Path = DATA_DIR) -> list[Path]:
    """``actor_aliases.<lang>.tsv`` files of a theater, in name order."""
    return sorted((data_dir / "theaters" / theater).glob("actor_aliases.*.tsv"))


def _generic_rows(known: set[str], data_dir: Path) -> list[tuple[Actor, list[str]]]:
    """Forces, government and civilians of every country no pack defines them for
    (``theaters.generic_actors``), so a report of an unpacked theater still has its sides;
    a pack's own spellings are never taken over (they are matched first, longest wins)."""
    from ceasewatch.nlp.gazetteer import read_countries
    from ceasewatch.theaters import generic_actors

    geo = data_dir / "geo"
    tables = [geo / "countries.tsv", geo / "world_countries.tsv"]
    adjectives: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for table in (t for t in tables if t.is_file()):
        parsed = read_countries(table)
        for word, iso in parsed.adjectives.items():
            adjectives.setdefault(iso, []).append(word)
        for entry, _ in parsed.rows:
            names.setdefault(entry.place.country or "", entry.place.name)
    path = Path("generic actors")
    rows = []
    for iso, country in sorted(names.items()):
        for position, item in enumerate(generic_actors(iso, country, adjectives.get(iso, []))):
            if item["name"] not in known:
                rows.append(_actor_from(item, path, position))
    return rows


def load_actor_dictionary(theater: str = "afpak", *, data_dir: Path = DATA_DIR,
                          extra_alias_files: Sequence[Path] = ()) -> ActorDictionary:
    """Build the dictionary from data files; ``get_actor_dictionary`` caches the default."""
    rows = read_actors(data_dir / "theaters" / theater / "actors.yaml")
    others = other_packs(theater, data_dir, "actors.yaml")
    for pack in others:  # every other theater's actors after this one's, first name wins
        known = {actor.name for actor, _ in rows}
        rows += [row for row in read_actors(data_dir / "theaters" / pack / "actors.yaml")
                 if row[0].name not in known]
    rows += _generic_rows({actor.name for actor, _ in rows}, data_dir)
    dictionary = ActorDictionary(rows)
    unresolved = []
    alias_paths = [*actor_alias_files(theater, data_dir),
                   *(p for pack in others for p in actor_alias_files(pack, data_dir))]
    for path in [*alias_paths, *extra_alias_files]:
        for line, (alias, canonical) in read_tsv(path, columns=2):
            actor = dictionary.get(canonical)
            if actor is None:
                unresolved.append(f"{path}:{line}: {canonical}")
                continue
            dictionary.add_alias(alias, actor)
    dictionary.unresolved = tuple(unresolved)
    return dictionary


@functools.cache
def get_actor_dictionary(theater: str = "afpak") -> ActorDictionary:
    """The process-wide actor dictionary of a theater, loaded on first use (from the disk
    cache of ``nlp/resource_cache.py`` when an earlier process built it from the same files)."""
    from ceasewatch.nlp.resource_cache import cached, data_files, module_files

    sources = module_files(__name__, "ceasewatch.nlp.matcher", "ceasewatch.records") + \
        data_files(DATA_DIR / "theaters")
    return cached(f"actors-{theater}", lambda: load_actor_dictionary(theater), sources)


def normalise(surface: str) -> Actor | None:
    """``get_actor_dictionary().normalise``: "Pak army" -> Military Forces of Pakistan."""
    return get_actor_dictionary().normalise(surface)
