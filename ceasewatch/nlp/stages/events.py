"""WHAT and WHEN: event triggers, the cues that cancel them, and the date each one takes.

A trigger from the language's lexicon ("exchanged gunfire", "airstrikes", "signed a ceasefire
agreement") becomes a candidate unless it is a headline, sits inside a quotation (a statement,
kept for attribution, never an incident), or a rejecting cue governs it from the few words
before it: negation ("did not clash"), threat ("threatened airstrikes"), condition ("if
clashes resume"), denial, plan ("plans to hold talks") or opinion.

Dates are bound by clause. A sentence is cut into temporal segments at subordinators
("following", "after", "since"), so in "crossings were closed on October 12, following attacks
on trade convoys" the attacks do not take October 12. Within its segment a trigger takes a
date that premodifies it ("the October 19 ceasefire", "last month's clashes"), else the nearest
free date; a date right after a reporting verb ("announced on November 8 that talks had
ended") dates the report, so the event takes it with week precision. A sentence without any
date of its own may continue the narrative of the previous one ("This action triggered
retaliatory fire"), within the paragraph or after an anaphoric opener ("In retaliation, ...").
Whatever is still undated is settled by ``resolve_context_dates``: anchored to another event
("during the negotiations"), merged into the event a definite description points back to ("the
clashes"), or dated by the document's lede for a single, specific kinetic event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ceasewatch.nlp.context import Candidate, DocContext, SentenceFacts, stage
from ceasewatch.nlp.lexicon import Lexicon
from ceasewatch.nlp.spans import DateSpan
from ceasewatch.nlp.taxonomy import get_taxonomy
from ceasewatch.records import DatePrecision

#: clause separators, with the full-width forms of Chinese text (zh helper, issue 7)
_CLAUSE_CUT = re.compile(r"[,;:—(“\"，；：（]")
#: everything up to the last clause separator (the greedy match backtracks from the end)
_TO_LAST_CUT = re.compile(rf"[\s\S]*{_CLAUSE_CUT.pattern}")
_WORD = re.compile(r"[\w’'-]+")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: how a sentence of running text (not a headline) ends, in the scripts the registry reads
_SENTENCE_ENDS = (".", "”", "\"", "’", ")", "!", "。", "！", "？", "）", "」", "۔", "؟",
                  "…")  # a stored copy cut off mid-sentence ends with " …": still running text
#: between a date and the event noun it modifies: "the October 19 ceasefire", "Thursday's
#: border skirmish", "last month's deadly clashes" (lower-case modifiers, no clause words)
_PREMODIFIER_GAP = re.compile(
    r"^(?:['’]s)?\s*(?:(?!(?:that|when|which|who|and|but|as|had|has|have|was|were|is|are|"
    r"the|a|an|to|of|in|on)\s)[a-z-]+\s+){0,2}$")
#: how many words before a trigger a rejecting cue may stand
CUE_WINDOW = {"negation": 5, "denial": 6, "threat": 4, "conditional": 5, "plan": 3,
               "opinion": 3}
_CARRY_SENTENCES = 2  # must not exceed dates.NARRATIVE_REACH
_MIN_PRECISIONS: tuple[DatePrecision, ...] = ("day", "week", "month")
#: the preposition between a reporting verb and its date: "said on", "announced late on"
_DATE_PREPOSITION = re.compile(r"\s*(?:on|late on|early on|in)?\s*$", re.IGNORECASE)


@dataclass(slots=True)
class _Narrative:
    value: DateSpan
    sentence: int
    paragraph: int


def clause_words(text: str) -> list[str]:
    """The words of ``text`` after its last clause separator."""
    cut = _TO_LAST_CUT.match(text)
    return _WORD.findall(text[cut.end():] if cut else text)



def _segments(s: SentenceFacts, lex: Lexicon) -> list[tuple[int, int]]:
    """Temporal clauses of a sentence, local offsets: cut at each subordinator; a
    sentence-initial one ("After the talks, ...") ends at its comma."""
    text = s.text
    cuts = [m.start() for m in lex.cue("subordinator").finditer(text)]
    bounds = sorted({0, len(text), *cuts})
    segs: list[tuple[int, int]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        initial = a in cuts and not text[:a].strip(" “\"‘")
        comma = text.find(", ", a, b)
        if initial and comma > a:
            segs.extend([(a, comma), (comma, b)])
        else:
            segs.append((a, b))
    return segs or [(0, len(text))]


def _segment_of(segs: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in segs:
        if a <= pos < b:
            return a, b
    return segs[-1]


def rejecting_cue(words: list[str], lex: Lexicon) -> str | None:
    """The rejecting cue among the last words of a trigger's clause before it, if any."""
    if not words:
        return None
    for kind, n in CUE_WINDOW.items():
        if lex.cue(kind).search(" ".join(words[-n:])):
            return kind
    return None


def _is_heading(s: SentenceFacts, paragraph_sentences: int) -> bool:
    if paragraph_sentences != 1:
        return False
    stripped = s.text.rstrip()
    if not stripped.endswith(_SENTENCE_ENDS):
        return True
    # Chinese has no spaces: its characters count two to a word (zh helper, issue 7)
    return len(_WORD.findall(stripped)) + len(_CJK_CHAR.findall(stripped)) // 2 < 5


@stage("events", needs=("sentences",), sets=("candidates",))
def find_event_candidates(ctx: DocContext) -> None:
    """Triggers -> candidates, with rejected ones kept as dropped traces."""
    taxonomy = get_taxonomy()
    per_paragraph: dict[int, int] = {}
    for s in ctx.sentences:
        per_paragraph[s.paragraph] = per_paragraph.get(s.paragraph, 0) + 1
    for s in ctx.sentences:
        s.heading = _is_heading(s, per_paragraph[s.paragraph])
        lex = s.resources.lexicon
        triggers = lex.find_triggers(s.text)
        if not triggers:
            continue  # most sentences: no clauses or cues to read
        segs = _segments(s, lex)
        hedged = bool(lex.cue("hedge").search(s.text))
        subordinator, habitual = lex.cue("subordinator"), lex.cue("habitual")
        aggregate, definite = lex.cue("aggregate"), lex.cue("definite")
        for m in triggers:
            native = m.lastgroup
            if native is None or native not in taxonomy:
                continue
            seg = _segment_of(segs, m.start())
            cand = Candidate(native, s.index, s.start + m.start(), s.start + m.end(),
                             (s.start + seg[0], s.start + seg[1]))
            ctx.candidates.append(cand)
            cand.main_clause = not subordinator.match(s.text, seg[0])
            words = clause_words(s.text[seg[0]:m.start()])  # the clause before the trigger
            if s.heading:
                cand.dropped = "headline"
            elif s.in_quote(cand.trigger_start):
                cand.dropped = "inside a quotation: a statement, not an incident"
            elif (cue := rejecting_cue(words, lex)) is not None:
                cand.dropped = f"{cue} cue"
            window = " ".join(words[-6:]) + " " + s.text[m.end():m.end() + 80]
            cand.habitual = bool(habitual.search(window))
            cand.aggregate = bool(aggregate.search(" ".join(words[-4:])))
            cand.definite = bool(definite.search(" ".join(words[-2:])))
            if hedged:
                cand.confidence = 0.7


def _premodifies(d: DateSpan, trigger_start: int, text: str, s_start: int) -> bool:
    if d.end > trigger_start:
        return False
    gap = text[d.end - s_start:trigger_start - s_start]
    return bool(_PREMODIFIER_GAP.match(gap)) and "," not in gap


def dateline_end(s: SentenceFacts) -> int:
    """Where a report's dateline ("KABUL, March 3 (Reuters) -") ends in a sentence (local
    offset; 0 without one): its place and date say where and when the report was filed."""
    m = s.resources.lexicon.cue("dateline").match(s.text)
    return m.end() if m else 0


def is_report_date(d: DateSpan, s: SentenceFacts, lex: Lexicon) -> bool:
    if d.start - s.start < dateline_end(s):
        return True
    before = s.text[max(0, d.start - s.start - 40):d.start - s.start]
    before = _DATE_PREPOSITION.sub("", before)
    return any(m.end() == len(before) for m in lex.cue("report_verb").finditer(before))


def _own_date(c: Candidate, s: SentenceFacts, triggers: list[Candidate]
              ) -> tuple[DateSpan, str] | None:
    lex = s.resources.lexicon
    a, b = c.segment
    others = [t for t in triggers if t is not c]
    free: list[DateSpan] = []
    report: DateSpan | None = None
    for d in s.dates:
        if not (a <= d.start < b):
            continue
        if is_report_date(d, s, lex):
            report = report or d
            continue
        if _premodifies(d, c.trigger_start, s.text, s.start) and not any(
                d.end <= t.trigger_start < c.trigger_start for t in others):
            return d, "premodifier"
        if any(_premodifies(d, t.trigger_start, s.text, s.start) and t.trigger_start > d.end
               and not (d.end <= c.trigger_start < t.trigger_start) for t in others):
            continue  # "the October 19 ceasefire": that date belongs to another event
        free.append(d)
    if free:
        best = min(free, key=lambda d: min(abs(d.start - c.trigger_end),
                                           abs(c.trigger_start - d.end)))
        return best, "own"
    if not get_taxonomy()[c.native_type].kinetic:
        onset = _onset_date(s, b, lex)
        if onset is not None:
            return onset, "own"
    if report is not None and report.end <= c.trigger_start:
        return report, "report"
    return None


def _main_event_dated(c: Candidate, s: SentenceFacts, cands: list[Candidate]) -> bool:
    return any(o is not c and o.main_clause and o.dropped is None and _own_date(o, s, cands)
               for o in cands)


def _onset_date(s: SentenceFacts, clause_end: int, lex: Lexicon) -> DateSpan | None:
    """"The crossing had been closed since February 5": a state (a closure, a suspension)
    that began on the date its next clause opens with."""
    m = lex.cue("onset").match(s.text, clause_end - s.start)
    if m is None:
        return None
    return next((d for d in s.dates if d.start - s.start >= m.end()
                 and not s.text[m.end():d.start - s.start].strip()), None)


def _has_own_frame(s: SentenceFacts, cands: list[Candidate]) -> bool:
    """A sentence that dates something itself (day/week/month) starts its own narrative;
    a date that only premodifies an event noun ("the October 19 ceasefire") does not."""
    lex = s.resources.lexicon
    return any(d.precision in _MIN_PRECISIONS and not is_report_date(d, s, lex)
               and not any(_premodifies(d, c.trigger_start, s.text, s.start) for c in cands)
               for d in s.dates)


def _first_in_paragraph(ctx: DocContext, s: SentenceFacts) -> bool:
    """A report's next paragraph goes on with the story its last sentence told."""
    return s.index == 0 or ctx.sentences[s.index - 1].paragraph != s.paragraph


def _opens_with(s: SentenceFacts, kind: str) -> bool:
    m = s.resources.lexicon.cue(kind).search(s.text[:40])
    return m is not None and not s.text[:m.start()].strip(" “\"‘")


@stage("dating", needs=("candidates", "dates"), sets=("event_dates",))
def bind_dates(ctx: DocContext) -> None:
    """Own, report, ongoing and narrative dates, in document order."""
    published = ctx.doc.published
    narrative: _Narrative | None = None
    by_sentence: dict[int, list[Candidate]] = {}
    for c in ctx.candidates:
        by_sentence.setdefault(c.sentence, []).append(c)
    for s in ctx.sentences:
        if s.heading:
            narrative = None
            continue
        cands = by_sentence.get(s.index, [])
        lex = s.resources.lexicon
        updated: DateSpan | None = None
        for c in cands:
            found = _own_date(c, s, cands)
            if found:
                d, source = found
                c.event_date, c.date_source = d, source
                c.date_value_precision = d.precision
                if source == "report" and d.precision == "day":
                    c.date_value_precision = "week"
                if c.dropped is None and source != "report" and updated is None:
                    updated = d  # the sentence's first event sets the story's time
                continue
            if c.dropped is not None:
                continue
            if published and lex.cue("ongoing").search(s.text) and not get_taxonomy()[
                    c.native_type].kinetic:
                c.event_date = DateSpan(c.trigger_start, c.trigger_end, "(ongoing)",
                                        published, "day")
                c.date_source, c.date_value_precision = "ongoing", "day"
                continue
            # an event in a "following ..." clause of an event dated in its own right happened
            # before that one, not at the story's time ("closed since February 5 following
            # clashes"); "after an exchange of fire, seven were killed" still goes on the story
            if narrative and not _has_own_frame(s, cands) and not c.habitual and not (
                    c.aggregate) and (c.main_clause or not _main_event_dated(c, s, cands)
                                      ) and not _opens_with(
                    s, "sequence") and s.index - narrative.sentence <= _CARRY_SENTENCES and (
                    narrative.paragraph == s.paragraph or _opens_with(s, "anaphora")
                    or (narrative.paragraph == s.paragraph - 1 and _first_in_paragraph(ctx, s))):
                c.event_date, c.date_source = narrative.value, "carried"
                c.date_value_precision = ("week" if narrative.value.precision == "day"
                                          else narrative.value.precision)
                c.confidence = min(c.confidence, 0.8)
                updated = updated or narrative.value
        if updated is None:
            frame = [d for d in s.dates
                     if d.precision in _MIN_PRECISIONS and not is_report_date(d, s, lex)]
            if frame:
                updated = frame[0]
        if updated is not None and updated.precision in _MIN_PRECISIONS:
            narrative = _Narrative(updated, s.index, s.paragraph)
        elif updated is not None:
            narrative = None


@stage("context_dates", needs=("event_dates",), sets=("event_dates",))
def resolve_context_dates(ctx: DocContext) -> None:
    """Anchored dates ("during the negotiations") and the lede's frame for single events."""
    taxonomy = get_taxonomy()
    live = [c for c in ctx.candidates if c.dropped is None]
    frame: DateSpan | None = None
    for c in live:
        if c.event_date and taxonomy[c.native_type].kinetic and c.date_source in (
                "own", "premodifier") and c.event_date.precision in _MIN_PRECISIONS:
            frame = c.event_date
            break
    for c in live:
        if c.event_date is not None:
            continue
        s = ctx.sentences[c.sentence]
        for native, pattern in s.resources.lexicon.anchors.items():
            if pattern.search(s.text):
                anchor = _anchor_date(ctx, c, native)
                if anchor is not None:
                    c.event_date, c.date_source = anchor, "anchor"
                    c.date_value_precision = "week" if anchor.precision == "day" else (
                        anchor.precision)
                    break
        if c.event_date is not None or c.definite:
            continue
        surface = ctx.text[c.trigger_start:c.trigger_end]
        singular = not surface.lower().endswith("s")
        if (frame is not None and taxonomy[c.native_type].kinetic and singular
                and not c.habitual and not c.aggregate and c.trigger_start > frame.end):
            month = frame.value.replace(day=15)
            published = ctx.doc.published
            if published is not None and frame.value <= published < month:
                month = published  # a month not over yet when the report was filed
            c.event_date = DateSpan(frame.start, frame.end, frame.surface, month, "month")
            c.date_source, c.date_value_precision = "frame", "month"
            c.confidence = min(c.confidence, 0.6)
    for c in live:
        if c.event_date is not None and c.event_date.precision not in _MIN_PRECISIONS:
            c.dropped = "dated only to the year: background, not an event"


def _anchor_date(ctx: DocContext, c: Candidate, native: str) -> DateSpan | None:
    earlier = [o for o in ctx.candidates if o.native_type == native and o.event_date
               and o.dropped is None and o.date_source != "anchor"]
    before = [o for o in earlier if o.trigger_start < c.trigger_start]
    chosen = before[-1] if before else (earlier[0] if earlier else None)
    return chosen.event_date if chosen else None
