"""The event taxonomy: native types and their ACLED / CAMEO / PLOVER crosswalk, from one file.

``ceasewatch/data/taxonomy.tsv`` is the only place that knows that an ``air_strike`` is ACLED
"Explosions/Remote violence" / "Air/drone strike", CAMEO 195 and PLOVER ASSAULT. Every stage,
export and report asks this module.

    >>> get_taxonomy()["talks_held"].acled_sub_event_type
    'Agreement'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from ceasewatch.errors import CeasewatchError

_COLUMNS = ("native_type", "acled_event_type", "acled_sub_event_type", "cameo", "cameo_label",
            "plover", "kind", "note")
KINDS = ("kinetic", "strategic", "context")


class TaxonomyError(CeasewatchError):
    """The taxonomy file is malformed."""


@dataclass(frozen=True, slots=True)
class EventType:
    """One native event type and where it sits in the standard schemes."""

    native_type: str
    acled_event_type: str | None  # None: a context event outside ACLED's scope
    acled_sub_event_type: str | None
    cameo: str | None
    cameo_label: str | None
    plover: str | None
    kind: str  # kinetic | strategic | context
    note: str = ""

    @property
    def kinetic(self) -> bool:
        return self.kind == "kinetic"


def parse_taxonomy(text: str, origin: str = "taxonomy.tsv") -> dict[str, EventType]:
    out: dict[str, EventType] = {}
    header_seen = False
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            if tuple(cells) != _COLUMNS:
                raise TaxonomyError(f"expected columns {_COLUMNS}", origin=origin, line=n)
            header_seen = True
            continue
        if len(cells) != len(_COLUMNS):
            raise TaxonomyError(f"expected {len(_COLUMNS)} columns, got {len(cells)}",
                                origin=origin, line=n)
        row = dict(zip(_COLUMNS, cells, strict=True))
        if row["kind"] not in KINDS:
            raise TaxonomyError(f"unknown kind {row['kind']!r}", origin=origin, line=n,
                                field="kind")
        if bool(row["acled_event_type"]) != bool(row["acled_sub_event_type"]):
            raise TaxonomyError("ACLED event_type and sub_event_type go together",
                                origin=origin, line=n)
        native = row["native_type"]
        if native in out:
            raise TaxonomyError(f"duplicate native type {native!r}", origin=origin, line=n)
        out[native] = EventType(
            native_type=native,
            acled_event_type=row["acled_event_type"] or None,
            acled_sub_event_type=row["acled_sub_event_type"] or None,
            cameo=row["cameo"] or None, cameo_label=row["cameo_label"] or None,
            plover=row["plover"] or None, kind=row["kind"], note=row["note"])
    if not out:
        raise TaxonomyError("no event types", origin=origin)
    return out


@cache
def get_taxonomy() -> dict[str, EventType]:
    """The crosswalk, parsed once per process."""
    path = resources.files("ceasewatch") / "data" / "taxonomy.tsv"
    return parse_taxonomy(path.read_text(encoding="utf-8"), "data/taxonomy.tsv")


def what_label(native_type: str | None, sub_event_type: str | None = None) -> str:
    """What a reader calls the event: ACLED's sub-type for violence ("Armed clash"), the
    native type otherwise, because ACLED's "Agreement" would call failed talks an agreement
    and "Change to group/activity" says nothing of a border closure.

    >>> what_label("talks_held", "Agreement")
    'Talks held'
    >>> what_label("air_strike", "Air/drone strike")
    'Air/drone strike'
    """
    known = get_taxonomy().get(native_type or "")
    if sub_event_type and (known is None or known.kinetic):
        return sub_event_type
    return (native_type or "event").replace("_", " ").capitalize()


def event_type(native_type: str) -> EventType:
    try:
        return get_taxonomy()[native_type]
    except KeyError:
        raise TaxonomyError(f"unknown native event type {native_type!r}") from None
