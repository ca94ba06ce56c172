"""Accord files: an analyst writes or corrects an accord in YAML or TOML.

A file holds one accord (a mapping) or several (``accords: [...]``)::

    id: doha-2025-10-19
    name: Doha ceasefire accord (Afghanistan–Pakistan)
    parties: [AF, PK]                 # side keys, as extraction assigns them to actors
    mediators: [Qatar, Turkey]
    signed: 2025-10-19
    in_force: 2025-10-19              # default: the date of signature
    place: {name: Doha, country: QA}  # or just: Doha
    commitments:
      - kind: cessation_of_hostilities
        text: An immediate ceasefire.
        parties: [AF, PK]             # optional; default: all parties
    provenance:                       # optional: who curated it, from which sources
      sources: ["Qatar MFA statement, 19 October 2025"]

Every field is checked before anything is stored: a file with one bad field raises
:class:`AccordFileError` naming the file and the field (``commitments[2].kind``), and nothing
of it is imported.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ceasewatch.accords.knowledge import commitment_kinds
from ceasewatch.errors import AccordFileError
from ceasewatch.records import GEO_PRECISIONS, Accord, Commitment, Place, stable_id

ACCORD_FIELDS = {"id", "name", "parties", "party_names", "mediators", "signed", "in_force",
                 "place", "commitments", "provenance", "note"}
REQUIRED = ("id", "name", "parties", "commitments")
COMMITMENT_FIELDS = {"id", "kind", "text", "parties"}
PLACE_FIELDS = {"name", "country", "admin1", "latitude", "longitude", "precision"}


def commitment_id(accord_id: str, kind: str, occurrence: int = 0) -> str:
    """Stable commitment ids: re-importing a corrected file keeps the ledger's references."""
    return stable_id(accord_id, kind, occurrence, prefix="c-", length=12)


def load_accord_file(path: str | Path) -> list[Accord]:
    """Read and validate every accord of a YAML or TOML file; raise on the first bad field."""
    origin = str(path)
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise AccordFileError(f"cannot read the file: {exc.strerror}", origin=origin) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AccordFileError("not UTF-8 text", origin=origin) from exc
    return load_accord_text(text, origin, toml=p.suffix.lower() == ".toml")


def load_accord_text(text: str, origin: str, *, toml: bool = False) -> list[Accord]:
    """Read and validate the accords of a YAML (or TOML) text; ``origin`` names it in errors."""
    return parse_accords(_parse(text, origin, toml=toml), origin)


def parse_accords(data: Any, origin: str) -> list[Accord]:
    """Validate parsed accord data (one mapping, or ``{"accords": [...]}``)."""
    if isinstance(data, Mapping) and set(data) == {"accords"}:
        items = data["accords"]
        if not isinstance(items, list) or not items:
            raise AccordFileError("must be a non-empty list of accords", origin=origin,
                                  field="accords")
        accords = [_accord(item, origin, f"accords[{i}].") for i, item in enumerate(items)]
    else:
        accords = [_accord(data, origin, "")]
    seen: set[str] = set()
    for a in accords:
        if a.id in seen:
            raise AccordFileError(f"accord id {a.id!r} appears twice", origin=origin, field="id")
        seen.add(a.id)
    return accords


def _parse(text: str, origin: str, *, toml: bool) -> Any:
    if toml:
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise AccordFileError(f"invalid TOML: {exc}", origin=origin) from exc
        except RecursionError as exc:
            raise AccordFileError("invalid TOML: nested too deeply", origin=origin) from exc
    try:
        return yaml.load(text, Loader=_DatesAsText)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as exc:  # "[[[[..." thousands deep: not an accord
        raise AccordFileError("invalid YAML: nested too deeply", origin=origin) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise AccordFileError(f"invalid YAML: {problem}", origin=origin, line=line) from exc


#: libyaml's parser where PyYAML was built with it: hostile nesting ("[[[[…" thousands deep)
#: is refused in milliseconds instead of seconds of pure-Python recursion
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DatesAsText(_SAFE_LOADER):  # type: ignore[misc,valid-type]
    """YAML without implicit timestamps: "2025-13-01" reaches validation (and an error naming
    its field) instead of failing inside the parser."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _fail(origin: str, field: str, message: str) -> AccordFileError:
    return AccordFileError(message, origin=origin, field=field)


def _accord(data: Any, origin: str, at: str) -> Accord:
    if not isinstance(data, Mapping):
        raise _fail(origin, at.rstrip(".") or "accord", "an accord must be a mapping of fields")
    unknown = sorted(set(map(str, data)) - ACCORD_FIELDS)
    if unknown:
        raise _fail(origin, at + unknown[0],
                    f"unknown field (known: {', '.join(sorted(ACCORD_FIELDS))})")
    for name in REQUIRED:
        if data.get(name) in (None, "", []):
            raise _fail(origin, at + name, "required")
    accord_id = _text(data["id"], origin, at + "id")
    if not all(c.isalnum() or c in "-_." for c in accord_id):
        raise _fail(origin, at + "id", "use letters, digits, '-', '_' or '.' only")
    parties = _keys(data["parties"], origin, at + "parties")
    if len(parties) < 2:
        raise _fail(origin, at + "parties", "an accord needs at least two parties")
    signed = _date(data.get("signed"), origin, at + "signed")
    in_force = _date(data.get("in_force"), origin, at + "in_force") or signed
    if in_force is None:
        raise _fail(origin, at + "in_force", "give the date of signature or entry into force")
    if signed and in_force < signed:
        raise _fail(origin, at + "in_force", "entry into force before signature")
    mediators = _strings(data.get("mediators", []), origin, at + "mediators")
    if data.get("party_names") is not None:
        names = data["party_names"]
        if not isinstance(names, Mapping) or not set(map(str, names)) <= set(parties):
            raise _fail(origin, at + "party_names", "a mapping from the parties' keys to names")
    commitments = _commitments(data["commitments"], accord_id, parties, origin,
                               at + "commitments")
    return Accord(
        id=accord_id, name=_text(data["name"], origin, at + "name"), parties=parties,
        signed_date=signed, in_force_date=in_force, mediators=mediators,
        place=_place(data.get("place"), origin, at + "place"), commitments=commitments,
        source="curated", provenance=_provenance(data.get("provenance"), origin,
                                                 at + "provenance"))


def _commitments(items: Any, accord_id: str, parties: tuple[str, ...], origin: str,
                 at: str) -> tuple[Commitment, ...]:
    if not isinstance(items, list):
        raise _fail(origin, at, "must be a list of commitments")
    known = commitment_kinds()
    out: list[Commitment] = []
    counts: dict[str, int] = {}
    for i, item in enumerate(items):
        here = f"{at}[{i}]"
        if isinstance(item, str):
            item = {"kind": item}
        if not isinstance(item, Mapping):
            raise _fail(origin, here, "a commitment must be a mapping (kind, text, parties)")
        unknown = sorted(set(map(str, item)) - COMMITMENT_FIELDS)
        if unknown:
            raise _fail(origin, f"{here}.{unknown[0]}",
                        f"unknown field (known: {', '.join(sorted(COMMITMENT_FIELDS))})")
        kind = _text(item.get("kind"), origin, f"{here}.kind")
        if kind not in known:
            raise _fail(origin, f"{here}.kind",
                        f"unknown commitment kind {kind!r} (known: {', '.join(known)})")
        bound = _keys(item.get("parties", []), origin, f"{here}.parties")
        stray = [p for p in bound if p not in parties]
        if stray:
            raise _fail(origin, f"{here}.parties", f"{stray[0]!r} is not a party of the accord")
        n = counts.get(kind, 0)
        counts[kind] = n + 1
        cid = (_text(item["id"], origin, f"{here}.id") if item.get("id") is not None
               else commitment_id(accord_id, kind, n))
        text = item.get("text")
        out.append(Commitment(
            id=cid, accord_id=accord_id, kind=kind,
            text=_text(text, origin, f"{here}.text") if text is not None else kind,
            parties=bound))
    if not out:
        raise _fail(origin, at, "required")
    if len({c.id for c in out}) != len(out):
        raise _fail(origin, at, "two commitments have the same id")
    return tuple(out)


def _text(value: Any, origin: str, field: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail(origin, field, "required")
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise _fail(origin, field, f"must be text, not {type(value).__name__}")
    return " ".join(str(value).split())


def _strings(value: Any, origin: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _fail(origin, field, "must be a list of names")
    return tuple(_text(v, origin, f"{field}[{i}]") for i, v in enumerate(value))


def _keys(value: Any, origin: str, field: str) -> tuple[str, ...]:
    keys = _strings(value, origin, field)
    for i, k in enumerate(keys):
        if " " in k:
            raise _fail(origin, f"{field}[{i}]",
                        f"{k!r} is not a side key (use keys such as 'AF', 'PK', 'TTP')")
    if len(set(keys)) != len(keys):
        raise _fail(origin, field, "a party appears twice")
    return keys


def _date(value: Any, origin: str, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(origin, field, f"{value!r} is not a date (use YYYY-MM-DD)")


def _place(value: Any, origin: str, field: str) -> Place | None:
    if value is None:
        return None
    if isinstance(value, str):
        return Place(name=_text(value, origin, field), source="curated")
    if not isinstance(value, Mapping):
        raise _fail(origin, field, "a place name or a mapping (name, country, admin1, ...)")
    unknown = sorted(set(map(str, value)) - PLACE_FIELDS)
    if unknown:
        raise _fail(origin, f"{field}.{unknown[0]}",
                    f"unknown field (known: {', '.join(sorted(PLACE_FIELDS))})")
    coords: dict[str, float | None] = {}
    for axis, limit in (("latitude", 90.0), ("longitude", 180.0)):
        raw = value.get(axis)
        if raw is None:
            coords[axis] = None
            continue
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or abs(raw) > limit:
            raise _fail(origin, f"{field}.{axis}", f"must be a number within ±{limit:g}")
        coords[axis] = float(raw)
    country = value.get("country")
    if country is not None and (not isinstance(country, str) or len(country) != 2):
        raise _fail(origin, f"{field}.country", "an ISO 3166 alpha-2 code such as 'QA'")
    precision = value.get("precision", "locality")
    if precision not in GEO_PRECISIONS:
        raise _fail(origin, f"{field}.precision", f"one of {', '.join(GEO_PRECISIONS)}")
    admin1 = value.get("admin1")
    return Place(name=_text(value.get("name"), origin, f"{field}.name"),
                 country=country.upper() if country else None,
                 admin1=_text(admin1, origin, f"{field}.admin1") if admin1 else None,
                 latitude=coords["latitude"], longitude=coords["longitude"],
                 precision=precision, source="curated")


def _provenance(value: Any, origin: str, field: str) -> str:
    """One line for the store: the file, who curated it, and its sources."""
    parts = [f"file {Path(origin).name}"]
    if value is None:
        return parts[0]
    if isinstance(value, str):
        return f"{parts[0]}; {_text(value, origin, field)}"
    if not isinstance(value, Mapping):
        raise _fail(origin, field, "text, or a mapping (curated_by, sources, ...)")
    for key, item in value.items():
        if key == "sources":
            sources = _strings(item, origin, f"{field}.sources")
            parts.append("sources: " + " | ".join(sources))
        elif isinstance(item, date):
            parts.append(f"{key}: {item.isoformat()}")
        else:
            parts.append(f"{key}: {_text(item, origin, f'{field}.{key}')}")
    return "; ".join(parts)
