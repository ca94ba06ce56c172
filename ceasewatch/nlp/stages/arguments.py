"""WHERE and WHO: the place and the actors of each event candidate, from its clause.

Places come from the gazetteer spans of the trigger's clause:

- a name the actor dictionary also knows ("Kabul", "Pakistan") is a place only after a
  locative word ("strikes on Kabul", "clashes in Kurram"; in other languages the lexicon's
  ``locative`` words before a name and ``locative_after`` words after it); otherwise it
  names a government ("Kabul blamed Islamabad") and counts as an actor;
- names after mediation cues ("mediated by Qatar") are never the location;
- talks and agreements take where they were held ("held in Istanbul", "the Doha accord");
- the most specific place wins (Spin Boldak over Kandahar province over Afghanistan), and a
  kinetic event in several places on one day becomes one candidate per place ("airstrikes on
  Kabul and Paktika");
- with no named place, "Pakistani border posts" places it in that country, and a clash
  "along the border" or "between the two countries" is placed on the border of the two
  countries the document is about (country None, precision "border").

Actors: a state or group named before the trigger is the initiator ("Pakistani airstrikes",
"Taliban fighters attacked"), one after an agent word is too ("fire from Afghan forces",
"blamed on Pakistan"); one after the trigger is the target. For talks and agreements both
sides are the governments of the parties, never the mediators.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from ceasewatch.nlp.context import Candidate, DocContext, SentenceFacts, stage
from ceasewatch.nlp.spans import ActorSpan, PlaceSpan
from ceasewatch.nlp.stages.events import dateline_end
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import Actor, Place

_LOCATIVE = re.compile(
    r"\b(?:in|at|near|around|on|into|across|along|over|inside|outside|towards?|of|within|"
    r"through|targeting|targeted|hit|struck|bombed|shelled|attacked)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
_HELD_IN = re.compile(r"\b(?:in|at|through|via|near)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$",
                      re.IGNORECASE)
_BORDER_WORDS = re.compile(
    r"\b(?:border|frontier|cross-border|Durand Line|two (?:neighbou?rs|countries|nations|sides)"
    r"|both (?:sides|countries|nations))\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_LOCATIVE_WORD = re.compile(r"\b(?:in|at|near)\b", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"[,;:(—]")
_APPOSITION = re.compile(r",\s+(?:the|a|an|its|their)\s+(?:[\w’'-]+\s+){0,3}$")
#: blame reaches back across a comma: "explosions in Kabul, which Kabul blamed on Pakistan"
_BLAME = re.compile(r"\bblam(?:ed|ing|es)\b", re.IGNORECASE)
_TARGET_NP = re.compile(
    r"\b(?P<adj>[A-Z][a-z]+)\s+(?:border\s+|security\s+|military\s+)?"
    r"(?:posts|outposts|positions|checkpoints?|territory|soil|villages|bases|capital)\b")
_NON_PARTY_KINDS = ("mediator", "media", "civilians", "other")
#: how far from its trigger a place may stand, in words (after / before it)
_MAX_AFTER = 12
_MAX_BEFORE = 8


@cache
def _governments() -> dict[str, Actor]:
    try:
        from ceasewatch.nlp.actors import get_actor_dictionary
    except ImportError:
        return {}
    out: dict[str, Actor] = {}
    for actor in get_actor_dictionary().actors.values():
        if actor.country and actor.name.startswith("Government of"):
            out.setdefault(actor.country, actor)
    return out


@cache
def _forces() -> dict[str, Actor]:
    try:
        from ceasewatch.nlp.actors import get_actor_dictionary
    except ImportError:
        return {}
    out: dict[str, Actor] = {}
    for actor in get_actor_dictionary().actors.values():
        if actor.country and actor.kind == "state_forces":
            out.setdefault(actor.country, actor)
    return out


_ADJECTIVE_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:[a-z-]+\s+)?$")


def _nationality_before(ctx: DocContext, c: Candidate) -> Actor | None:
    """"Pakistani airstrikes", "Afghan retaliatory fire": the state's forces attack."""
    m = _ADJECTIVE_BEFORE.search(ctx.text, max(c.segment[0], c.trigger_start - 40),
                                 c.trigger_start)
    if not m:
        return None
    from ceasewatch.nlp.gazetteer import get_gazetteer

    iso = get_gazetteer().adjective_country(m.group(1))
    return _forces().get(iso) if iso else None


@cache
def _country_names() -> dict[str, str]:
    from ceasewatch.nlp.gazetteer import get_gazetteer

    return {e.place.country: e.place.name for e in get_gazetteer().entries
            if e.kind == "country" and e.place.country}


def border_place(countries: list[str]) -> Place | None:
    """The border of the two countries a document is about: "Afghanistan-Pakistan border".

    The two most mentioned that share a land border (``world_places.land_borders``): a
    report of talks in a third country ("mediated by Qatar") still means the border of the
    two neighbours; two most mentioned that share none keep the old reading.
    """
    from ceasewatch.nlp.world_places import land_borders

    names = _country_names()
    known = [c for c in countries if c in names]
    borders = land_borders()
    neighbours = [(a, b) for j, b in enumerate(known) for a in known[:j]
                  if frozenset((a, b)) in borders]
    pair = [names[c] for c in (neighbours[0] if neighbours else known[:2])]
    if len(pair) < 2:
        return None
    from ceasewatch.nlp.gazetteer import get_gazetteer

    name = "-".join(sorted(pair)) + " border"
    found = get_gazetteer().lookup(name)
    return found or Place(name=name, precision="border", source="derived")


def _before(ctx: DocContext, pos: int, n: int = 60) -> str:
    return ctx.text[max(0, pos - n):pos]


def _mediated(ctx: DocContext, s: SentenceFacts, pos: int) -> bool:
    """"mediated by Qatar and Turkey": within five words, not across a comma, nor across a
    locative word ("hosted by Qatar in Doha": Doha is where, not who)."""
    last_words = " ".join(_CLAUSE_CUT.split(_before(ctx, pos, 50))[-1].split()[-5:])
    found = list(s.resources.lexicon.cue("mediation").finditer(last_words))
    return bool(found) and not _LOCATIVE_WORD.search(last_words[found[-1].end():])


def _marked_as_place(ctx: DocContext, s: SentenceFacts, p: PlaceSpan, before: str) -> bool:
    """A name its language marks as a place: the lexicon's ``locative`` word right before it
    (or a word before: Persian "در ولایت خوست"), its ``locative_after`` word right after it
    (Urdu "اسلام آباد میں", Pashto "… کې")."""
    lex = s.resources.lexicon
    tail = before.rstrip()[-40:]
    ends = {len(tail)}
    if " " in tail:
        ends.add(len(tail[:tail.rstrip().rfind(" ")].rstrip()))
    if any(m.end() in ends for m in lex.cue("locative").finditer(tail)):
        return True
    after = ctx.text[p.end:p.end + 40].lstrip()
    return lex.cue("locative_after").match(after) is not None


_BETWEEN_SITES = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:villages?|towns?|areas?|localities|cities)\s+of\s+)?$",
    re.IGNORECASE)
_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE)


def between_sites(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """"a vehicle between the villages of Toulin and Burj Qalaouiyeh": two names of one
    site (a stretch of road, a patch of ground), not two places of two events."""
    (s0, e0), (s1, _) = sorted((a, b))
    return bool(_AND.fullmatch(text, e0, s1)) and bool(
        _BETWEEN_SITES.search(text[max(0, s0 - 50):s0]))


def hyphenated(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """"the Quetta-Chaman highway", "the Chaman–Spin Boldak crossing": two names joined by a
    hyphen or dash name one site (a road, a crossing), not two places of two events."""
    (_, e0), (s1, _) = sorted((a, b))
    return s1 == e0 + 1 and text[e0:s1] in ("-", "–")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _words_between(ctx: DocContext, a: int, b: int) -> int:
    return len(ctx.text[min(a, b):max(a, b)].split())


def _candidate_places(ctx: DocContext, s: SentenceFacts, c: Candidate, kinetic: bool,
                      others: list[Candidate]) -> list[PlaceSpan]:
    a, b = _clause(s, c)
    agent = s.resources.lexicon.cue("agent")
    chosen: list[PlaceSpan] = []
    for p in s.places:
        if not (a <= p.start < b) or _mediated(ctx, s, p.start):
            continue
        if any(hyphenated(ctx.text, (q.start, q.end), (p.start, p.end))
               for q in s.places if q.end < p.start):
            continue  # "the Bannu-Miranshah road", "the Chaman-Spin Boldak crossing": one site
        if any(_overlaps((p.start, p.end), (x0, x1)) for x0, x1, _ in s.claimants):
            continue  # "the spokesman for Kunar province said": who speaks, not where
        before = _before(ctx, p.start)
        last = " ".join(before.split()[-3:])
        marked = list(agent.finditer(last))
        if marked and not _LOCATIVE_WORD.search(last[marked[-1].end():]):
            continue  # "blamed on Pakistan", "fire from Afghanistan": a side, not the place
        actor_spans = [(x.start, x.end) for x in s.actors
                       if _overlaps((p.start, p.end), (x.start, x.end))]
        if any(x0 < p.start or x1 > p.end for x0, x1 in actor_spans):
            continue  # part of a longer actor name: "Tehrik-e Taliban Pakistan"
        after_trigger = p.start >= c.trigger_end
        gap = _words_between(ctx, c.trigger_end if after_trigger else p.end,
                             p.start if after_trigger else c.trigger_start)
        if gap > (_MAX_AFTER if after_trigger else _MAX_BEFORE):
            continue
        lo, hi = sorted((p.start, c.trigger_start))
        if any(lo < o.trigger_start < hi for o in others):
            continue  # nearer to another event of the sentence
        inside_trigger = _overlaps((p.start, p.end), (c.trigger_start, c.trigger_end))
        premodifier = 0 <= c.trigger_start - p.end <= 2 and not actor_spans
        # "Torkham, the busiest trade route between the two neighbours, was shut": the
        # place the trigger's noun phrase stands in apposition to
        premodifier = premodifier or (not actor_spans and bool(
            _APPOSITION.match(ctx.text, p.end, c.trigger_start)))
        if kinetic:
            if _BETWEEN.search(before) or (actor_spans and not (
                    _LOCATIVE.search(before) or _marked_as_place(ctx, s, p, before))):
                continue
        elif not (_HELD_IN.search(before) or inside_trigger or premodifier
                  or _marked_as_place(ctx, s, p, before)):
            continue
        chosen.append(p)
    if not kinetic:
        chosen.sort(key=lambda p: (_words_between(ctx, p.start, c.trigger_start),
                                   p.start < c.trigger_start))
    else:
        chosen = _without_attacking_country(chosen, c)
    return _most_specific(chosen)


def _without_attacking_country(spans: list[PlaceSpan], c: Candidate) -> list[PlaceSpan]:
    """"Pakistan struck Kabul overnight", "Пакистан нанес авиаудары по … Кабулу": a country
    named before the trigger, when a place of another country follows it, is who struck,
    not where: violence happens where it lands."""
    after = {p.place.country for p in spans if p.start >= c.trigger_end and p.place.country}
    return [p for p in spans if not (
        p.place.precision == "country" and p.end <= c.trigger_start
        and after - {p.place.country})]


def _most_specific(spans: list[PlaceSpan]) -> list[PlaceSpan]:
    order = {"point": 0, "locality": 1, "district": 2, "admin1": 3, "border": 4, "country": 5}
    out: list[PlaceSpan] = []
    for p in spans:
        rank = order.get(p.place.precision or "country", 5)
        finer = [q for q in spans if q is not p
                 and order.get(q.place.precision or "country", 5) < rank
                 and q.place.country == p.place.country
                 and (rank == 5 or q.place.admin1 == p.place.admin1
                      or p.place.precision == "border")]
        if not finer and all(q.place.name != p.place.name for q in out):
            out.append(p)
    return out


#: measures a state takes at home when no place is named: "Islamabad suspended all trade
#: with Afghanistan" happened in Pakistan, "the Taliban banned imports" in Afghanistan
_IMPOSED_AT_HOME = ("trade_suspension", "deportation")


def country_place(iso: str) -> Place | None:
    name = _country_names().get(iso)
    if name is None:
        return None
    from ceasewatch.nlp.gazetteer import get_gazetteer

    return get_gazetteer().lookup(name) or Place(name=name, country=iso, precision="country")


def _narrative_place(ctx: DocContext, c: Candidate) -> Place | None:
    """Where the sentence that set the scene says it happened, for an event that takes its
    date from it: "... infiltrate through the border in the Ghulam Khan area of North
    Waziristan. Troops engaged the infiltrators and, after an intense exchange of fire, ..."
    Only a scene without an event of its own: an event there is merged on its own terms."""
    if c.date_source != "carried" or c.event_date is None:
        return None
    scene = next((s for s in ctx.sentences if s.start <= c.event_date.start < s.end), None)
    if scene is None or scene.index == c.sentence or any(
            o.sentence == scene.index and o.dropped is None for o in ctx.candidates):
        return None
    start = dateline_end(scene)
    found = [p for p in scene.resources.find_places(scene.text, ctx.countries)
             if p.start >= start and _LOCATIVE.search(scene.text[max(0, p.start - 60):p.start])]
    spans = _most_specific([PlaceSpan(p.start + scene.start, p.end + scene.start, p.surface,
                                      p.place) for p in found])
    # "through the border in the Ghulam Khan area": the named site, not the border
    sites = [p for p in spans if p.place.precision not in ("border", "country")] or spans
    return sites[0].place if len(sites) == 1 else None


#: closures and reopenings of one crossing are told together: "reopened the Chaman crossing
#: on Friday, ending a closure imposed on December 20", "... The crossing had been closed"
_CROSSING_TYPES = ("border_closure", "border_reopening")
_CROSSING_REACH = 2  # sentences


def _crossings_told_before(ctx: DocContext) -> None:
    """A closure or reopening that names no crossing (or only "the border") is of the crossing
    the closure or reopening told just before it names."""
    told: list[Candidate] = []
    for c in sorted(ctx.candidates, key=lambda c: c.trigger_start):
        if c.dropped is not None or c.native_type not in _CROSSING_TYPES:
            continue
        if c.place is None or c.place.precision in ("border", "country"):
            near = [o for o in told if c.sentence - o.sentence <= _CROSSING_REACH]
            if near:
                c.place = near[-1].place
        elif c.place.precision != "admin1":
            told.append(c)


def _agreements_where_talks_were(ctx: DocContext) -> None:
    """"agreed on Sunday to extend their ceasefire ..., after two days of talks in Istanbul":
    an agreement that names no place was reached where the talks of its sentence were held."""
    for c in ctx.candidates:
        if c.dropped is None and c.place is None and c.native_type == "ceasefire_agreement":
            held = [o.place for o in ctx.candidates if o.sentence == c.sentence and o.place
                    and o.dropped is None and o.native_type == "talks_held"]
            if held:
                c.place = held[0]


def _target_phrase(ctx: DocContext, s: SentenceFacts, c: Candidate
                   ) -> tuple[str, str] | None:
    """The target named after the trigger by its side's adjective ("Pakistani posts",
    "Indian positions"): (the phrase, its country), unless too far from the event or marked
    as where the attack came from."""
    m = _TARGET_NP.search(ctx.text, c.trigger_start, c.segment[1])
    agent = s.resources.lexicon.cue("agent")
    if m is None or _words_between(ctx, c.trigger_end, m.start()) > _MAX_AFTER \
            or agent.search(" ".join(_before(ctx, m.start(), 30).split()[-2:])):
        return None
    from ceasewatch.nlp.gazetteer import get_gazetteer

    iso = get_gazetteer().adjective_country(m.group("adj"))
    return (m.group(0), iso) if iso else None


def _fallback_place(ctx: DocContext, s: SentenceFacts, c: Candidate) -> Place | None:
    segment_text = ctx.text[c.segment[0]:c.segment[1]]
    target = _target_phrase(ctx, s, c)
    if target:
        return Place(name=target[0], country=target[1], precision="country", source="text")
    if _BORDER_WORDS.search(segment_text) or _BORDER_WORDS.search(s.text):
        return border_place(ctx.countries)
    sides = {x.country for x in (c.actor1, c.actor2) if x is not None and x.country}
    if len(sides) == 2 and sides == set(ctx.countries[:2]):
        return border_place(ctx.countries)  # "clashes between Afghanistan and Pakistan"
    return None


def _target_side(ctx: DocContext, c: Candidate) -> Place | None:
    """Fire across a border happens on the side it lands (ANNOTATION.md: the Afghan attack
    on Pakistani posts is on the PK side, Pakistan's response on the AF side): a violent
    event placed only on a border takes the country of its target (its actor2, else the
    side's adjective after the trigger: "fired at Indian positions along the LoC"), when the
    target belongs to one of the document's countries and not to the side that fired."""
    place = c.place
    if place is None or place.precision != "border" or place.country is not None:
        return place
    target = c.actor2.country if c.actor2 else None
    if target is None:
        phrase = _target_phrase(ctx, ctx.sentences[c.sentence], c)
        target = phrase[1] if phrase else None
    if target is None or target not in ctx.countries[:2] or (
            c.actor1 is not None and c.actor1.country == target):
        return place
    return dataclasses.replace(place, country=target)


def _clause(s: SentenceFacts, c: Candidate) -> tuple[int, int]:
    """The trigger's clause without the report's dateline: "ASADABAD — A roadside bomb ..."
    was filed from Asadabad; the bomb went off elsewhere."""
    return max(c.segment[0], s.start + dateline_end(s)), c.segment[1]


def _role_actors(ctx: DocContext, s: SentenceFacts, c: Candidate, places: list[PlaceSpan]
                 ) -> list[ActorSpan]:
    a, b = _clause(s, c)
    agent = s.resources.lexicon.cue("agent")
    claim_spans = [(x[0], x[1]) for x in s.claimants]
    out = []
    for x in s.actors:
        span = (x.start, x.end)
        if not (a <= x.start < b) or any(_overlaps(span, cs) for cs in claim_spans):
            continue
        if any(_overlaps(span, (p.start, p.end)) for p in places):
            continue
        if x.actor.kind in ("mediator", "media") or _mediated(ctx, s, x.start):
            continue
        agent_marked = agent.search(" ".join(_before(ctx, x.start, 30).split()[-3:]))
        if x.actor.kind == "government" and not agent_marked and any(
                _overlaps(span, (p.start, p.end)) and _LOCATIVE.search(_before(ctx, p.start))
                for p in s.places):
            continue  # "strikes on Kabul": the city, not its government
        out.append(x)
    return out


def _assign_kinetic_roles(ctx: DocContext, s: SentenceFacts, c: Candidate,
                          actors: list[ActorSpan]) -> None:
    agent = s.resources.lexicon.cue("agent")
    before = [x for x in actors if x.end <= c.trigger_start and x.actor.kind != "civilians"]
    # Chinese marks the target before the verb, the marker written against the name
    # ("巴军方对阿富汗发动空袭"); spaced languages never match here (zh helper, issue 7)
    targets = [x for x in before if _target_marked(ctx, s, x.start)]
    before = [x for x in before if x not in targets]
    after = [x for x in actors if x.start >= c.trigger_end]
    # an agent after the trigger, within its phrase: "fire from Afghan forces", never across a
    # comma ("halted imports ..., urging importers to buy from Iran")
    marked = [x for x in after if agent.search(" ".join(_before(ctx, x.start, 30).split()[-3:]))
              and ("," not in ctx.text[c.trigger_end:x.start]
                   or _BLAME.search(_before(ctx, x.start, 30)))]

    adjective = _nationality_before(ctx, c)
    if marked:
        c.actor1 = marked[0].actor
    elif adjective is not None:
        c.actor1 = adjective
    elif before:
        c.actor1 = before[-1].actor
    rest = [x for x in after if x not in marked]
    if rest:
        if c.actor1 is None and _BETWEEN.search(_before(ctx, rest[0].start)) and len(rest) > 1:
            c.actor1, c.actor2 = rest[0].actor, rest[1].actor
        elif rest[0].actor != c.actor1:
            c.actor2 = rest[0].actor
    elif targets and targets[0].actor != c.actor1:
        c.actor2 = targets[0].actor


def _target_marked(ctx: DocContext, s: SentenceFacts, pos: int) -> bool:
    """Whether a target cue ends exactly where a name starts, with no space ("对阿富汗")."""
    before = _before(ctx, pos, 8)
    return any(m.end() == len(before) for m in s.resources.lexicon.cue("target").finditer(before))


def _assign_parties(ctx: DocContext, s: SentenceFacts, c: Candidate,
                    actors: list[ActorSpan], held: Place | None) -> None:
    govs = _governments()
    mediators = {x.actor.country for x in s.actors
                 if x.actor.kind == "mediator" or _mediated(ctx, s, x.start)}
    parties: list[str] = []
    for x in actors:
        country = x.actor.country
        if x.actor.kind in _NON_PARTY_KINDS or not country or country in mediators:
            continue
        if country not in parties:
            parties.append(country)
    for country in ctx.countries:
        if len(parties) >= 2:
            break
        if country not in parties and country not in mediators and country in govs and (
                held is None or country != held.country):
            parties.append(country)
    # the parties of a symmetric event in a canonical order, so that two reports of one
    # agreement agree on actor1/actor2 whatever order each names them in
    sides = [govs.get(p) for p in sorted(parties[:2])]
    c.actor1, c.actor2 = (sides + [None, None])[:2]


@stage("arguments", needs=("candidates", "places", "actors", "claimants"),
       sets=("event_places", "event_actors"))
def assign_arguments(ctx: DocContext) -> None:
    taxonomy = get_taxonomy()
    extra: list[Candidate] = []
    live_by_sentence: dict[int, list[Candidate]] = {}
    for c in ctx.candidates:
        if c.dropped is None:
            live_by_sentence.setdefault(c.sentence, []).append(c)
    for c in ctx.candidates:
        if c.dropped is not None:
            continue
        s = ctx.sentences[c.sentence]
        etype = taxonomy[c.native_type]
        others = [o for o in live_by_sentence[c.sentence] if o is not c]
        spans = _candidate_places(ctx, s, c, etype.kinetic, others)
        actors = _role_actors(ctx, s, c, spans)
        if etype.native_type in ("talks_held", "ceasefire_agreement"):
            _assign_parties(ctx, s, c, actors, spans[0].place if spans else None)
        else:
            _assign_kinetic_roles(ctx, s, c, actors)
        if spans:
            c.place = spans[0].place
        elif etype.kinetic and (told := _narrative_place(ctx, c)) is not None:
            c.place = told
        elif etype.kinetic or c.native_type in ("border_closure", "border_reopening"):
            c.place = _fallback_place(ctx, s, c)
        elif c.native_type in _IMPOSED_AT_HOME and c.actor1 and c.actor1.country:
            c.place = country_place(c.actor1.country)
        if etype.kinetic:
            c.place = _target_side(ctx, c)
            for p in spans[1:]:  # one place, one day, one event
                if between_sites(ctx.text, (spans[0].start, spans[0].end), (p.start, p.end)):
                    continue
                twin = dataclasses.replace(c, place=p.place, claimed_by=list(c.claimed_by),
                                           attributes=dict(c.attributes))
                extra.append(twin)
    _agreements_where_talks_were(ctx)
    _crossings_told_before(ctx)
    ctx.candidates.extend(extra)
    ctx.candidates.sort(key=lambda c: (c.trigger_start, c.place.name if c.place else ""))
