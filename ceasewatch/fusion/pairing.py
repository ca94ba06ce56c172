"""The learned same-incident check: how likely a report and an event are one incident.

The rules of ``compatibility.py`` say which pairs *can* be one incident (a compatible type,
overlapping dates, places that do not exclude each other, parties that are not two other
parties) and give a fit. On real reports that is not enough: of the pairs of reports the
rules find compatible in the team's annotated corpus, fewer than half tell the same
incident (a war holds several air strikes a day, on the same border, by the same parties).
The fusion model, a logistic regression trained by ``python -m ceasewatch.nlp.train`` on
pairs of reports of the corpus's training split labelled by their gold ``incident`` ids,
scores each pair the rules allow from what they compared (how far apart the dates and
places are, how precise each is, whether the parties and tolls agree), and a report joins
an event only when that probability reaches the model's threshold (chosen by
cross-validation over documents). The rules stay the hard limits: the model never joins
what they keep apart.

    >>> from datetime import date
    >>> from types import SimpleNamespace
    >>> from ceasewatch.records import Casualties, Place
    >>> a = SimpleNamespace(native_type="air_strike", sub_event_type="Air/drone strike",
    ...     event_date=date(2025, 10, 9), date_precision="day", event_end=None,
    ...     place=Place("Metula", "IL", "Northern District", 33.28, 35.58, "locality"),
    ...     actor1=None, actor2=None, fatalities=Casualties())
    >>> sorted(f for f in pair_features(a, a, knowledge()) or [] if f.startswith("gap"))
    ['gap=0']
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from ceasewatch.fusion import compatibility as rules
from ceasewatch.fusion.knowledge import FusionKnowledge, knowledge
from ceasewatch.records import Actor, Casualties, Place

#: the shipped model's name (``ceasewatch/data/models/fusion.json.gz``)
MODEL_NAME = "fusion"
#: the threshold used when a model carries none
DEFAULT_THRESHOLD = 0.5


class Report(Protocol):
    """What a mention and an event share, as the same-incident check reads it."""

    @property
    def native_type(self) -> str: ...
    @property
    def sub_event_type(self) -> str | None: ...
    @property
    def event_date(self) -> date | None: ...
    @property
    def date_precision(self) -> str | None: ...
    @property
    def event_end(self) -> date | None: ...
    @property
    def place(self) -> Place | None: ...
    @property
    def actor1(self) -> Actor | None: ...
    @property
    def actor2(self) -> Actor | None: ...
    @property
    def fatalities(self) -> Casualties: ...


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"{edge:g}"
    return "more"


#: place ranks (``compatibility.place_rank``) grouped: a site, a province, an area, nothing
_RANK_GROUP = ("site", "site", "site", "admin1", "area", "area", "none")


def pair_features(a: Report, b: Report, k: FusionKnowledge | None = None) -> list[str] | None:
    """The features of a pair of reports, or None when type or date rule the pair out."""
    k = k or knowledge()
    if a.event_date is None or b.event_date is None:
        return None
    if a.native_type != b.native_type and not k.types_compatible(a.native_type, b.native_type):
        return None
    when = rules.date_fit(a.event_date, a.date_precision, a.event_end,
                          b.event_date, b.date_precision, b.event_end,
                          week_days=k.week_days(a.native_type, b.native_type))
    if when is None:
        return None
    kind = a.native_type
    feats = ["bias", f"type={kind}",
             "same_type" if a.native_type == b.native_type else "compatible_type",
             "same_sub_type" if a.sub_event_type == b.sub_event_type else "other_sub_type"]
    gap = abs((a.event_date - b.event_date).days)
    precisions = "/".join(sorted([a.date_precision or "day", b.date_precision or "day"]))
    feats += [f"gap={_bucket(gap, (0, 1, 3, 7, 15))}", f"precisions={precisions}",
              f"date_fit={_bucket(when.score, (0.3, 0.6, 0.99, 1.0))}"]
    where = rules.place_fit(a.place, b.place, k)
    ranks = "/".join(sorted([_RANK_GROUP[rules.place_rank(a.place)],
                             _RANK_GROUP[rules.place_rank(b.place)]]))
    place_fit = "none" if where is None else _bucket(where.score, (0.1, 0.3, 0.5, 0.7, 0.9, 1.0))
    feats += [f"ranks={ranks}", f"place_fit={place_fit}", f"{precisions}|{ranks}",
              f"{kind}|place_fit=" + ("none" if where is None
                                      else _bucket(where.score, (0.3, 0.6, 1.0)))]
    if a.place is not None and b.place is not None:
        if a.place.country and b.place.country:
            feats.append("same_country" if a.place.country == b.place.country
                         else "other_country")
        km = rules.distance_km(a.place, b.place)
        if km is not None:
            feats.append(f"km={_bucket(km, (1, 30, 80, 200, 500))}")
    parties = rules.sides(a.actor1, a.actor2), rules.sides(b.actor1, b.actor2)
    who = rules.actor_fit(*parties)
    feats.append("parties=" + ("none" if who is None else _bucket(who.score, (0.2, 0.4, 0.6))))
    toll = rules.tolls_conflict(a.fatalities, b.fatalities)
    if toll is not None:
        feats += ["tolls_conflict",
                  f"toll_block={rules.toll_block(toll, when, where, parties) is not None}"]
    elif a.fatalities.known and b.fatalities.known:
        feats.append("tolls_agree")
    campaign = sorted([rules.is_campaign_level(a, k), rules.is_campaign_level(b, k)])  # type: ignore[arg-type]
    feats.append(f"campaign={int(campaign[0])}{int(campaign[1])}")
    return feats


def same_incident(a: Report, b: Report, k: FusionKnowledge | None = None) -> float | None:
    """The fusion model's probability that two reports tell one incident, or None when no
    model is in use (``CEASEWATCH_MODELS`` without ``fusion``) or the pair is ruled out."""
    from ceasewatch.nlp.learned.linear import load_model

    model = load_model(MODEL_NAME)
    if model is None:
        return None
    feats = pair_features(a, b, k)
    if feats is None:
        return None
    return model.proba(feats)[model.classes.index("yes")]


def threshold() -> float:
    from ceasewatch.nlp.learned.linear import load_model

    model = load_model(MODEL_NAME)
    if model is None or not model.meta:
        return DEFAULT_THRESHOLD
    return float((model.meta.get("thresholds") or {}).get("join", DEFAULT_THRESHOLD))
