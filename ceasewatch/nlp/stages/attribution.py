"""WHO SAYS SO, and the facts that follow an event in the next sentences.

Claimants come from the language's claimant cues ("according to the Afghan military",
"Pakistan's information ministry said", "local Afghan officials reported"); a claimant that
the actor dictionary knows as a news outlet takes its canonical name ("AFP"), any other keeps
its own words ("local Afghan officials") since who exactly speaks matters to an analyst.

Reports often give an incident first and its toll or the blame after it:

    "... troops briefly exchanged gunfire near Spin Boldak. ... While there were no casualties
    reported, both nations traded blame for initiating the hostilities."

A sentence with a casualty count or a mutual-blame cue but no event of its own attaches them
to the kinetic event of the one or two sentences before it (the main clause's event first).
Mutual blame, or two claimants naming different initiators, sets ``initiator_disputed``.
"""

from __future__ import annotations

import re

from ceasewatch.nlp.context import Candidate, DocContext, SentenceFacts, stage
from ceasewatch.nlp.prefilter import may_match
from ceasewatch.nlp.spans import NumberSpan
from ceasewatch.nlp.stages.numbers import TOLL_REACH, read_casualties
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import Casualties

_LEADING = re.compile(r"^(?:(?:which|who|that|and|but|as|while|when|the|a|an)\s+)+",
                      re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s)$")
_LOOKBACK = TOLL_REACH
_BEFORE_GATE, _AFTER_GATE = 90, 70
_CLAIM_REACH = 8


def _clean(who: str) -> str:
    who = " ".join(who.split()).strip(" ,.;:“”\"'")
    return _TRAILING.sub("", _LEADING.sub("", who)).strip()


def _claimant_name(who: str) -> str:
    try:
        from ceasewatch.nlp.actors import get_actor_dictionary
    except ImportError:
        return who
    actor = get_actor_dictionary().normalise(who)
    if actor is not None and actor.kind == "media":
        return actor.name
    return who


def _claim_windows(text: str, gate: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Where claimant patterns are worth trying: around the gate's words (all the text when
    the language has no gate)."""
    if gate is None:
        return [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for m in gate.finditer(text):
        a, b = max(0, m.start() - _BEFORE_GATE), min(len(text), m.end() + _AFTER_GATE)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


@stage("claimants", needs=("sentences", "candidates", "casualties"), sets=("claimants",))
def find_claimants(ctx: DocContext) -> None:
    """Claimants (and mutual blame) of the sentences that can feed an event: its own, or a
    toll/blame/claim after it; nothing later reads those of other sentences."""
    with_events = {c.sentence for c in ctx.candidates if c.dropped is None}
    with_events |= {c.sentence + k for c in ctx.candidates if _kinetic(c)
                    for k in range(1, _CLAIM_REACH + 1)}
    for s in ctx.sentences:
        if s.index not in with_events:
            continue
        lex = s.resources.lexicon
        s.mutual_blame = bool(lex.cue("mutual_blame").search(s.text)) and not (
            lex.cue("diplomatic_blame").search(s.text))
        windows = _claim_windows(s.text, lex.cues.get("claim_gate"))
        if not windows:
            continue  # no claim word in the sentence: no claimant pattern can match
        seen: set[str] = set()
        for pattern in lex.claimants:
            for a, b in windows:
                if not may_match(pattern, s.text, a, b):
                    continue  # e.g. no "blamed" or "accused" for a blame pattern: no scan
                for m in pattern.finditer(s.text, a, b):
                    who = _clean(m.group("who"))
                    if len(who) < 2 or who.lower() in seen:
                        continue
                    seen.add(who.lower())
                    start, end = m.span("who")
                    s.claimants.append((s.start + start, s.start + end, _claimant_name(who)))


def _kinetic(c: Candidate) -> bool:
    return c.dropped is None and get_taxonomy()[c.native_type].kinetic


class _Index:
    """Candidates by sentence and by trigger, in document order, built once per document:
    scanning every candidate for every sentence made a long article O(sentences x
    candidates) (a 4 MiB page: 72 s)."""

    def __init__(self, cands: list[Candidate]) -> None:
        self.by_sentence: dict[int, list[Candidate]] = {}
        self.by_trigger: dict[int, list[Candidate]] = {}
        for c in cands:
            self.by_sentence.setdefault(c.sentence, []).append(c)
            self.by_trigger.setdefault(c.trigger_start, []).append(c)

    def kinetic_in(self, sentence: int) -> list[Candidate]:
        return [c for c in self.by_sentence.get(sentence, ()) if _kinetic(c)]

    def twins(self, c: Candidate) -> list[Candidate]:
        """The kinetic candidates of the same trigger (the readings of one event)."""
        return [o for o in self.by_trigger.get(c.trigger_start, ()) if _kinetic(o)]


def _target_in_sentence(index: _Index, s: SentenceFacts) -> Candidate | None:
    here = index.kinetic_in(s.index)
    if not here:
        return None
    if s.numbers:
        first = s.numbers[0].start
        for c in here:
            if c.segment[0] <= first < c.segment[1]:
                return c
        return min(here, key=lambda c: abs(c.trigger_start - first))
    return here[0]


def _target_before(index: _Index, s: SentenceFacts) -> Candidate | None:
    for back in range(1, _LOOKBACK + 1):
        prev = index.kinetic_in(s.index - back)
        main = [c for c in prev if c.main_clause]
        if main:
            return main[0]
    return None


def _segment_counts(s: SentenceFacts, c: Candidate) -> tuple[Casualties, Casualties]:
    """The toll of the event's own clause: in "troops killed 14 militants in a raid, a day
    after insurgents killed six soldiers" the six belong to the ambush, not to the raid."""
    a, b = c.segment
    inside = [n for n in s.numbers if a <= n.start < b]
    if len(inside) == len(s.numbers):
        return s.killed, s.wounded
    local = [NumberSpan(n.start - s.start, n.end - s.start, n.surface, n.low, n.best, n.high)
             for n in inside]
    return read_casualties(s.text, local, s.resources.lexicon)


@stage("attribution", needs=("candidates", "claimants", "casualties", "event_dates"),
       sets=("claimed_by", "casualty_counts", "initiator_disputed"))
def attribute(ctx: DocContext) -> None:
    cands = ctx.candidates
    index = _Index(cands)
    for c in cands:
        if c.dropped is None:
            c.claimed_by.extend(name for _, _, name in ctx.sentences[c.sentence].claimants
                                if name not in c.claimed_by)
    for s in ctx.sentences:
        has_counts = s.killed.known or s.wounded.known
        if not (has_counts or s.mutual_blame):
            continue
        target = _target_in_sentence(index, s)
        attached = False
        if target is None:
            target = _target_before(index, s)
            attached = True
        if target is None:
            continue
        twins = index.twins(target)
        if has_counts and not target.fatalities.known and not target.injuries.known:
            target.fatalities, target.injuries = (
                (s.killed, s.wounded) if attached else _segment_counts(s, target))
        if s.mutual_blame:
            for c in twins:
                c.disputed = True
        if attached:
            for c in twins:
                c.claimed_by.extend(name for _, _, name in s.claimants
                                    if name not in c.claimed_by)
    _initiator_claims(ctx)


def _side_of(word: str) -> str | None:
    from ceasewatch.nlp.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    iso = gaz.adjective_country(word)
    if iso:
        return iso
    place = gaz.lookup(word)
    if place is not None and place.precision == "country":
        return place.country
    try:
        from ceasewatch.nlp.actors import get_actor_dictionary
    except ImportError:
        return None
    actor = get_actor_dictionary().normalise(word)  # "Taliban" -> the Afghan authorities
    return actor.country if actor is not None and actor.kind != "media" else None


def _initiator_claims(ctx: DocContext) -> None:
    """Two claimants blaming different sides for one incident: the initiator is disputed.

    A claim belongs to the incident told last in a main clause before it, within a few
    sentences: "... troops exchanged gunfire near Spin Boldak. ... According to the Afghan
    military, Pakistan used heavy weapons ... 'Firing was initiated from the Afghan side,'
    Pakistan's information ministry said."
    """
    live = [c for c in ctx.candidates if _kinetic(c) and c.event_date is not None]
    index = _Index(live)
    # an account told with a borrowed date ("Afghan fighters opened fire first, an official
    # said") is about the incident already on the table, not a new one
    told_here: dict[int, list[Candidate]] = {}
    for c in live:
        if c.main_clause and c.date_source in ("own", "premodifier"):
            told_here.setdefault(c.sentence, []).append(c)
    current: list[Candidate] = []
    claims: dict[int, dict[str, set[str]]] = {}
    for s in ctx.sentences:
        here = told_here.get(s.index)
        if here:
            current = index.twins(here[0])
        if s.heading or not current or s.index - current[0].sentence > _CLAIM_REACH:
            current = [] if s.heading else current
            continue
        if not s.claimants:
            continue
        for pattern in s.resources.lexicon.initiator_claims:
            if not may_match(pattern, s.text):
                continue
            for m in pattern.finditer(s.text):
                side = _side_of(m.group("side"))
                if side:
                    sides = claims.setdefault(id(current[0]), {})
                    sides.setdefault(side, set()).update(n for _, _, n in s.claimants)
    for c in live:
        sides = claims.get(id(c), {})
        if len(sides) < 2:
            continue
        for twin in index.twins(c):
            twin.disputed = True
            for names in sides.values():
                twin.claimed_by.extend(n for n in sorted(names) if n not in twin.claimed_by)
