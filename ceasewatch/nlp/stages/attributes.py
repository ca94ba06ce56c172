"""FACTS ABOUT AN EVENT: attributes a report states, such as which round of talks it was.

Reports of the same talks disagree on their number ("the second round of talks ... held in
Istanbul" in one outlet, "the delegations met on Thursday for the third round of negotiations"
in another), and a monitor wants that disagreement shown, not settled. The language's lexicon
(``attributes`` in ``data/lexicon/<lang>/``) says how each attribute is worded; this stage
finds the wording and stores the value on the event it describes:

- in a sentence that tells the event itself, the value goes to the nearest event of a type
  the attribute applies to ("the third round of negotiations" -> ``round=3``);
- a sentence that only refers back to the event ("The Istanbul talks represent the second
  attempt in weeks ...") names it by a reference word of the lexicon ("talks") and, where it
  names a place, by that place; the value goes to the one event of the document that fits,
  and to none when several do;
- a negated or planned value is no fact: "is not the first attempt at dialogue", "a fourth
  round is planned", "the next, fifth round will ..." (the lexicon's negation, plan and
  conditional cues in the few words before it, its plan cues in the few words after it).

Values are kept on the merged event (the head of its group), so both halves of a bilingual
article ("second round" / "第二轮") give one value; the first value found wins within one
document, which never contradicts itself. Fusion turns each value into a claim
(``fusion/claims.py``) and two sources giving different values into a dispute.
"""

from __future__ import annotations

import re

from ceasewatch.nlp.context import Candidate, DocContext, SentenceFacts, stage
from ceasewatch.nlp.lexicon import AttributeRule
from ceasewatch.nlp.stages.merge import is_event

_WORD = re.compile(r"[\w’'-]+")
_CLAUSE_CUT = re.compile(r"[,;:—(“\"，；：（]")
#: cues that make a stated value no fact, and how many words before it they may stand
_CUE_WINDOW = {"negation": 3, "plan": 3, "conditional": 3}
#: how many words after it a plan cue may stand ("a fifth round is planned for March")
_PLAN_AFTER = 3


def _cancelled(s: SentenceFacts, m: re.Match[str]) -> bool:
    """"not the first attempt", "a third round is planned": within its clause, a few words
    before it (negation, plan, condition) or after it (plan)."""
    lex = s.resources.lexicon
    before = s.text[:m.start()]
    cut = list(_CLAUSE_CUT.finditer(before))
    words = _WORD.findall(before[cut[-1].end():] if cut else before)
    if words and any(lex.cue(kind).search(" ".join(words[-n:]))
                     for kind, n in _CUE_WINDOW.items()):
        return True
    after = _CLAUSE_CUT.split(s.text[m.end():], maxsplit=1)[0]
    return bool(lex.cue("plan").search(" ".join(_WORD.findall(after)[:_PLAN_AFTER])))


def _groups(ctx: DocContext) -> tuple[dict[int, Candidate], dict[int, list[tuple[int, int]]]]:
    """The events of the document (group heads) and, per sentence, (trigger start, head)."""
    heads = {i: c for i, c in enumerate(ctx.candidates) if is_event(c)}
    told: dict[int, list[tuple[int, int]]] = {}
    for i, c in enumerate(ctx.candidates):
        head = i if c.merged_into is None else c.merged_into
        if c.dropped is None and head in heads:
            told.setdefault(c.sentence, []).append((c.trigger_start, head))
    return heads, told


def _referent(ctx: DocContext, s: SentenceFacts, rule: AttributeRule,
              heads: dict[int, Candidate]) -> int | None:
    """The one event of the rule's types a sentence without its own trigger refers to."""
    if rule.refers is None or not rule.refers.search(s.text):
        return None
    fitting = [i for i, c in heads.items() if c.native_type in rule.types]
    named = {p.place.name for p in s.resources.find_places(s.text, ctx.countries)
             if p.place.precision not in ("country", "border")}
    if named:
        fitting = [i for i in fitting if (place := heads[i].place) and place.name in named]
    return fitting[0] if len(fitting) == 1 else None


@stage("attributes", needs=("merged",), sets=("event_attributes",))
def find_event_attributes(ctx: DocContext) -> None:
    heads, told = _groups(ctx)
    wanted = {c.native_type for c in heads.values()}
    dropped = {(c.sentence, c.native_type) for c in ctx.candidates if c.dropped is not None}
    for s in ctx.sentences:
        rules = [r for r in s.resources.lexicon.attributes if r.types & wanted]
        if s.heading or not rules:
            continue
        for rule in rules:
            if any((s.index, t) in dropped for t in rule.types) and not any(
                    heads[h].native_type in rule.types for _, h in told.get(s.index, [])):
                continue  # the wording belongs to an event that is not one ("next round")
            for pattern in rule.patterns:
                for m in pattern.finditer(s.text):
                    value = rule.read(m.group("value"))
                    if value is None or _cancelled(s, m):
                        continue
                    here = [(abs(start - (s.start + m.start())), h)
                            for start, h in told.get(s.index, [])
                            if heads[h].native_type in rule.types]
                    target = min(here)[1] if here else _referent(ctx, s, rule, heads)
                    if target is not None:
                        heads[target].attributes.setdefault(rule.name, value)
