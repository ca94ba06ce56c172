"""One place, one day, one event per document: merge repeated mentions, then emit ``Mention``s.

Articles tell an incident several times: "troops exchanged gunfire near Spin Boldak on
Thursday ... Thursday's border skirmish briefly violated the ceasefire". Within one document
candidates of the same ACLED event type are merged when their dates overlap (a day, a week of
±3 days, a calendar month) and their places agree (equal, one unknown, or a border and a place
of a country on it), unless both give different death tolls ("four killed" along the border,
"five killed" at Spin Boldak are two incidents). The merged mention keeps the most
informative value of each field: the most precise date and place, every claimant, any known
count.

A definite description without a date of its own ("the clashes left dozens dead") joins the
latest event of its type told before it; an undated mention next to a dated one of the same
type in its paragraph joins that one. Anything still undated is not an event: it is kept as a
dropped candidate with its reason, never guessed.

Languages do not matter here: a bilingual article (seed000 follows each English paragraph with
its Chinese version) tells every incident twice, and the two tellings merge by the same rules
into one mention whose evidence holds both sentences (``Mention.evidence_spans``), so an
article never counts, or corroborates, its own events twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from ceasewatch.nlp.context import Candidate, DocContext, stage
from ceasewatch.nlp.stages.arguments import country_place
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import Casualties, Mention, Place, stable_id

_PLACE_RANK = {"point": 0, "locality": 1, "district": 2, "admin1": 3, "border": 4,
               "country": 5}
_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _family(c: Candidate) -> str:
    et = get_taxonomy()[c.native_type]
    return et.acled_event_type or c.native_type


def _kind(c: Candidate) -> str:
    """Coreference compares event kinds, not ACLED families: "the talks" is not the ceasefire."""
    return "armed_clash" if c.native_type == "territory_seized" else c.native_type


def _range(c: Candidate) -> tuple[date, date]:
    assert c.event_date is not None
    v = c.event_date.value
    prec = c.date_value_precision or c.event_date.precision
    if prec == "week":
        return v - timedelta(days=3), v + timedelta(days=3)
    if prec == "month":
        first = v.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1)
    return v, v


def _dates_ok(a: Candidate, b: Candidate) -> bool:
    ra, rb = _range(a), _range(b)
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _places_ok(p: Place | None, q: Place | None, countries: list[str]) -> bool:
    if p is None or q is None or p.name == q.name:
        return True
    for border, other in ((p, q), (q, p)):
        if border.precision == "border" and other.precision != "border":
            return other.country in countries[:2]
    return False


def mergeable(a: Candidate, b: Candidate) -> bool:
    """Same ACLED event type and overlapping dates: two tellings that may be one event (the
    pairs the duplicate model reads when the place and toll rules kept them apart)."""
    return (a.event_date is not None and b.event_date is not None
            and _family(a) == _family(b) and _dates_ok(a, b))


def _tolls_conflict(a: Candidate, b: Candidate) -> bool:
    fa, fb = a.fatalities, b.fatalities
    return fa.known and fb.known and (fa.best, fa.low) != (fb.best, fb.low)


def _better_place(p: Place | None, q: Place | None) -> Place | None:
    """The more specific place; a place on one side of a border beats "along the border"."""
    if p is None or q is None:
        return p or q
    if p.precision == "border" and q.country:
        return q
    if q.precision == "border" and p.country:
        return p
    return q if _rank(q) < _rank(p) else p


def _better_count(a: Casualties, b: Casualties) -> Casualties:
    if not a.known:
        return b
    if not b.known:
        return a
    if a.best is None and b.best is not None:
        return b
    return a


def is_event(c: Candidate) -> bool:
    """A candidate that becomes a mention: live, dated, not merged into another."""
    return c.dropped is None and c.merged_into is None and c.event_date is not None


def absorb(ctx: DocContext, index: int, other: Candidate) -> None:
    """Merge ``other`` into the candidate at ``index``: the most informative value of each
    field; a telling in another language adds its claimants only when the first named none."""
    into = ctx.candidates[index]
    translation = ctx.sentences[into.sentence].lang != ctx.sentences[other.sentence].lang
    other.merged_into = index
    if into.native_type == "territory_seized" and other.native_type == "armed_clash":
        into.native_type = "armed_clash"
    mine = _DATE_RANK[into.date_value_precision or "year"]
    if other.event_date is not None and (
            into.event_date is None or _DATE_RANK[other.date_value_precision or "year"] < mine):
        into.event_date, into.date_value_precision = other.event_date, other.date_value_precision
        into.date_source = other.date_source
    into.place = _better_place(into.place, other.place)
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    into.fatalities = _better_count(into.fatalities, other.fatalities)
    into.injuries = _better_count(into.injuries, other.injuries)
    # a translation restates the same sources in its own words ("媒体" for "media reports"):
    # its claimants count only when the first telling named none
    if not (translation and into.claimed_by):
        into.claimed_by.extend(n for n in other.claimed_by if n not in into.claimed_by)
    into.disputed = into.disputed or other.disputed
    into.confidence = max(into.confidence, other.confidence)


@stage("merge", needs=("event_dates", "event_places", "event_actors", "claimed_by"),
       sets=("merged",))
def merge_candidates(ctx: DocContext) -> None:
    groups: list[int] = []  # indices into ctx.candidates of group heads
    cands = ctx.candidates
    for i, c in enumerate(cands):
        if c.dropped is not None or c.event_date is None:
            continue
        for g in reversed(groups):
            head = cands[g]
            if (_family(head) == _family(c) and _dates_ok(head, c)
                    and _places_ok(head.place, c.place, ctx.countries)
                    and not _tolls_conflict(head, c)):
                absorb(ctx, g, c)
                break
        else:
            groups.append(i)
    # each head and what it absorbed, kept up to date as undated tellings attach (built once:
    # rebuilding it per telling made a long report quadratic)
    members: dict[int, list[Candidate]] = {g: [cands[g]] for g in groups}
    for o in cands:
        if o.merged_into in members:
            members[o.merged_into].append(o)
    for i, c in enumerate(cands):
        if c.dropped is not None or c.event_date is not None:
            continue
        target = (_coreferent(ctx, c, groups) if c.definite
                  else _adjacent(ctx, c, groups, members))
        if target is None:
            c.dropped = "no date in the text for this event"
        elif not c.definite and _elsewhere(cands[target].place, c.place, ctx.countries):
            # "Jets struck the town on Wednesday. Strikes also hit two villages to its
            # north": told on, at another place: one place, one day, one event
            head = cands[target]
            c.event_date, c.date_value_precision = head.event_date, head.date_value_precision
            c.date_source = "adjacent"
            same = next((g for g in reversed(groups) if _family(cands[g]) == _family(c)
                         and _dates_ok(cands[g], c)
                         and not _elsewhere(cands[g].place, c.place, ctx.countries)
                         and cands[g].place is not None), None)
            if same is not None:
                _join(ctx, same, i, groups, members)
            else:
                groups.append(i)
                members[i] = [c]
        else:
            _join(ctx, target, i, groups, members)


def _rank(p: Place | None) -> int:
    return 6 if p is None else _PLACE_RANK.get(p.precision or "country", 5)


def _join(ctx: DocContext, g: int, index: int, groups: list[int],
          members: dict[int, list[Candidate]]) -> None:
    """An undated telling joins the event of group ``g``. Told before it in the same language
    and naming its place at least as finely ("... airstrikes on two provinces. In between
    the above two airstrikes, ..."), it becomes the event's first telling: the mention quotes
    the sentence that says where it happened."""
    cands = ctx.candidates
    head, c = cands[g], cands[index]
    same_lang = ctx.sentences[c.sentence].lang == ctx.sentences[head.sentence].lang
    if not (same_lang and c.trigger_start < head.trigger_start
            and _rank(c.place) < _PLACE_RANK["border"] and _rank(c.place) <= _rank(head.place)):
        absorb(ctx, g, c)
        members[g].append(c)
        return
    c.event_date, c.date_value_precision = head.event_date, head.date_value_precision
    c.date_source = head.date_source
    absorb(ctx, index, head)
    group = members.pop(g)  # the head and what it had absorbed
    for o in group:
        o.merged_into = index
    groups[groups.index(g)] = index
    members[index] = [c, *group]


def _elsewhere(p: Place | None, q: Place | None, countries: list[str]) -> bool:
    """Two places no telling of one event could both give: named, different, neither a
    border and neither inside the other (a district and its province, a town and its
    country, a border and a place on it are one event told at two levels)."""
    if p is None or q is None or _places_ok(p, q, countries) or "border" in (
            p.precision, q.precision):
        return False  # "the frontier", "along the border": a border-wide telling is vague
    for outer, inner in ((p, q), (q, p)):
        if outer.precision == "country" and outer.country == inner.country:
            return False
        if outer.precision == "admin1" and outer.admin1 is not None and (
                outer.admin1 == inner.admin1):
            return False
    return True


def _coreferent(ctx: DocContext, c: Candidate, groups: list[int]) -> int | None:
    for g in reversed(groups):
        head = ctx.candidates[g]
        if head.trigger_start < c.trigger_start and _kind(head) == _kind(c) and (
                _places_ok(head.place, c.place, ctx.countries)):
            return g
    return None


def _adjacent(ctx: DocContext, c: Candidate, groups: list[int],
              members: dict[int, list[Candidate]]) -> int | None:
    para = ctx.sentences[c.sentence].paragraph
    for delta in (-1, 1):
        for g in groups:
            if any(m.sentence == c.sentence + delta and _kind(m) == _kind(c)
                   and ctx.sentences[m.sentence].paragraph == para for m in members[g]):
                return g
    return None



def _date_span(ctx: DocContext, c: Candidate) -> dict[str, str]:
    """Where the words dating the event stand in the document ("date_span": "start:end"),
    for the date claim to quote them; none when the date is the report's own (no words)."""
    d = c.event_date
    if d is None or d.end <= d.start or ctx.text[d.start:d.end] != d.surface:
        return {}
    return {"date_span": f"{d.start}:{d.end}"}

@stage("mentions", needs=("merged",), sets=("mentions",))
def build_mentions(ctx: DocContext) -> None:
    taxonomy = get_taxonomy()
    doc = ctx.doc
    absorbed: dict[int, list[Candidate]] = {}
    for o in ctx.candidates:
        if o.merged_into is not None:
            absorbed.setdefault(o.merged_into, []).append(o)
    for i, c in enumerate(ctx.candidates):
        if not is_event(c) or c.event_date is None:  # (the date test narrows its type)
            continue
        s = ctx.sentences[c.sentence]
        et = taxonomy[c.native_type]
        # a bilingual article tells one event in each language: keep the other tellings as
        # evidence ("evidence_zh") so the merged mention shows both (zh helper, issue 7)
        # (``Mention.evidence_spans`` reads them back, offsets from "evidence_zh_span")
        told: dict[str, str] = {}
        for o in absorbed.get(i, ()):
            other = ctx.sentences[o.sentence]
            if other.lang != s.lang and f"evidence_{other.lang}" not in told:
                told[f"evidence_{other.lang}"] = other.text
                told[f"evidence_{other.lang}_span"] = f"{other.start}:{other.end}"
        if c.place is None and et.kinetic and len(ctx.countries) == 1:
            # a report about one country only: violence it tells without a place happened
            # there (after merging, so the vague telling still joins a placed one)
            c.place = country_place(ctx.countries[0])
        place_name = c.place.name if c.place else ""
        ctx.mentions.append(Mention(
            id=stable_id(doc.id, c.native_type, s.start, place_name,
                         c.event_date.value.isoformat(), prefix="m"),
            doc_id=doc.id, doc_name=doc.name, native_type=c.native_type,
            event_date=c.event_date.value,
            date_precision=c.date_value_precision or c.event_date.precision,
            evidence=s.text, evidence_start=s.start, evidence_end=s.end,
            event_type=et.acled_event_type, sub_event_type=et.acled_sub_event_type,
            cameo=et.cameo, plover=et.plover, actor1=c.actor1, actor2=c.actor2,
            place=c.place, fatalities=c.fatalities, injuries=c.injuries,
            claimed_by=tuple(c.claimed_by), initiator_disputed=c.disputed, language=s.lang,
            confidence=round(c.confidence, 2),
            attributes=tuple(sorted({**c.attributes, **told, **_date_span(ctx, c),
                                     "date_source": c.date_source or "",
                                     "trigger": ctx.text[c.trigger_start:c.trigger_end]
                                     }.items()))))
