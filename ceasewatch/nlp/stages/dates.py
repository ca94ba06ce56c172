"""English date expressions, found and resolved against the publication date.

dateparser resolves a date it is handed but does not find the spans in running text; this
module does both, for the forms news reports use:

- explicit: "Thursday (November 6, 2025)", "Friday, November 7, 2025", "October 19",
  "6 November 2025", "2025-11-06" -> day precision;
- relative to publication: "on Thursday" (the most recent Thursday on or before publication,
  "next Thursday" after it), "today", "yesterday", "last night", "overnight" (unless the
  sentence gives a date before it), "three days ago" -> day; "last week",
  "this week" -> week; "last month", "In October", "mid-October", "October 2025" -> month
  (the 15th, or the 5th/25th for early/late); "earlier this year", "last year", "in 2021" ->
  year.

A month-day without a year takes the publication year, or the year before when that would put
it more than two months after publication. Without a publication date, only expressions that
carry their own year are resolved.

    >>> [(s.surface, s.value.isoformat(), s.precision)
    ...  for s in find_dates_en("clashes on Thursday and in October", date(2025, 11, 7))]
    [('Thursday', '2025-11-06', 'day'), ('October', '2025-10-15', 'month')]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ceasewatch.datebounds import make_date
from ceasewatch.nlp.context import DocContext, looked_up_nothing, stage
from ceasewatch.nlp.prefilter import compile_gated
from ceasewatch.nlp.spans import DateSpan, evening_of
from ceasewatch.records import DatePrecision

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|"
        r"Dec\.?)")
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# Case-sensitive on purpose (news capitalises months and weekdays; sentence-initial words
# are spelled [Ll]ast): a case-insensitive pattern of this size is four times slower. Gated
# (``nlp/prefilter.py``): positions where no date can start are skipped at one test each.
_PATTERN = compile_gated(
    rf"""
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
  | (?:(?P<wdx>{_WD})(?:['’]s)?,?\s*\(?\s*)?
    (?:(?P<m1>{_MON})\s+(?P<d1>{_DAY})\b(?:,?\s+(?P<y1>{_YEAR}))?
      |(?:(?P<d0>{_DAY})\s*(?:-|–|/|and|&)\s*)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MON})
       (?:,?\s+(?P<y2>{_YEAR}))?)\b\)?
  | \b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Pp]ast)\s+(?P<wdr>{_WD})\b
  | \b(?P<unit_rel>[Ll]ast|[Tt]his|[Pp]ast|[Pp]revious|[Ee]arlier\s+this|[Ll]ater\s+this
       |[Ee]arlier\s+in\s+the)\s+(?P<unit>week(?:end)?|month|year)\b(?:['’]s)?
  | \b(?P<ago_n>\d+|[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight
       |[Nn]ine|[Tt]en)\s+(?P<ago_unit>days?|weeks?|months?|years?)\s+ago\b
  | \b(?P<today>[Tt]oday|[Tt]onight|[Tt]his\s+(?:morning|afternoon|evening)|[Yy]esterday
       |[Ll]ast\s+night|[Oo]vernight)\b
       (?:['’]s)?
  | \b(?:[Ii]n|[Dd]uring|[Ll]ast|[Tt]his|[Oo]ver\s+the)\s+(?:the\s+)?
       (?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)(?:\s+of\s+(?P<ys>{_YEAR}))?\b
  | \b(?:(?P<part>[Ee]arly|[Mm]id|[Ll]ate)[-\s])?(?P<m3>{_MON})(?:,?\s+(?P<y3>{_YEAR}))?\b
       (?:['’]s)?
  | \b(?P<wd>{_WD})(?:['’]s)?\b
  | (?<![\d,.$])\b(?P<year>{_YEAR})\b(?!\d|,\d|\s*(?:km|per|%))
    """,
    re.VERBOSE,
)
_CAPITALISED = re.compile(r"[A-Z]")
_SEASON_MONTH = {"spring": 4, "summer": 7, "autumn": 10, "winter": 1}
_MONTH_CONTEXT = re.compile(r"\b(?:in|since|during|until|by|of|last|this|next|early|late)\s+$",
                            re.IGNORECASE)
_AMBIGUOUS_MONTHS = {"may", "mar", "march", "jan", "jun", "dec", "sept", "sep"}
#: deictic words for the day before publication: a report filed on Tuesday that says "clashed
#: overnight" or "last night" tells of Monday night
_DAY_BEFORE = {"yesterday", "last night", "overnight"}


def _mid_month(y: int, m: int, part: str | None = None) -> date:
    return date(y, m, {"early": 5, "late": 25}.get((part or "").lower(), 15))


def _month_year(m: int, published: date | None, year: int | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    return published.year if m <= published.month else published.year - 1


def _day_year(m: int, d: int, published: date | None, year: int | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    try:
        candidate = date(published.year, m, d)
    except ValueError:
        return None
    return published.year - 1 if (candidate - published).days > 60 else published.year


def _weekday(published: date, wd: int, rel: str | None) -> date:
    back = (published.weekday() - wd) % 7
    rel = (rel or "").lower()
    if rel == "next":
        return published + timedelta(days=(wd - published.weekday()) % 7 or 7)
    if rel in ("last", "past") and back == 0:
        back = 7
    return published - timedelta(days=back)


def _resolve(m: re.Match[str], published: date | None
             ) -> tuple[date, DatePrecision] | None:
    g = m.groupdict()
    if g["iso"]:
        iso_day = make_date(int(g["iy"]), int(g["im"]), int(g["id"]))  # 2025-02-29: no date
        return (iso_day, "day") if iso_day else None
    if g["m1"] or g["m2"]:
        mon = _MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        day = evening_of(int(re.sub(r"\D", "", g["d0"])) if g["d0"] else None,
                         int(re.sub(r"\D", "", g["d1"] or g["d2"])))
        y = _day_year(mon, day, published, int(g["y1"] or g["y2"]) if (g["y1"] or g["y2"])
                      else None)
        if y is None:
            return None
        try:
            return date(y, mon, day), "day"
        except ValueError:
            return None
    if g["wdr"] and published:
        return _weekday(published, _WEEKDAYS[g["wdr"].lower()], g["rel"]), "day"
    if g["unit"] and published:
        return _relative_unit(" ".join(g["unit_rel"].lower().split()), g["unit"].lower(),
                              published)
    if g["ago_unit"] and published:
        n = _NUMBER_WORDS.get(g["ago_n"].lower()) or int(g["ago_n"])
        unit = g["ago_unit"].lower().rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
        prec: DatePrecision = {"day": "day", "week": "week", "month": "month",
                               "year": "year"}[unit]  # type: ignore[assignment]
        return published - timedelta(days=days), prec
    if g["today"] and published:
        back = 1 if g["today"].lower() in _DAY_BEFORE else 0
        return published - timedelta(days=back), "day"
    if g["m3"]:
        word = g["m3"].lower().rstrip(".")
        if word in _AMBIGUOUS_MONTHS and not (g["y3"] or g["part"]) and not _MONTH_CONTEXT.search(
                m.string, max(0, m.start() - 12), m.start()):
            return None  # "may" the modal, "march" the verb
        if not _CAPITALISED.match(g["m3"]):
            return None
        mon = _MONTHS[word]
        y = _month_year(mon, published, int(g["y3"]) if g["y3"] else None)
        return (_mid_month(y, mon, g["part"]), "month") if y else None
    if g["season"]:
        # a season is vaguer than a month: kept at year precision, so it never dates an event
        # by itself but still tells the narrative that the time has moved on
        y = int(g["ys"]) if g["ys"] else (published.year if published else None)
        return (date(y, _SEASON_MONTH[g["season"].lower()], 15), "year") if y else None
    if g["wd"] and published:
        return _weekday(published, _WEEKDAYS[g["wd"].lower()], None), "day"
    if g["year"]:
        y = int(g["year"])
        if published and y > published.year + 1:
            return None
        return date(y, 7, 1), "year"
    return None


def _relative_unit(rel: str, unit: str, published: date) -> tuple[date, DatePrecision] | None:
    if unit.startswith("week"):
        back = 7 if rel in ("last", "past", "previous") else 0
        return published - timedelta(days=back), "week"
    if unit == "month":
        if rel in ("last", "past", "previous"):
            first = published.replace(day=1) - timedelta(days=1)
            return first.replace(day=15), "month"
        if rel.startswith("later"):
            return None
        return min(published, published.replace(day=15)), "month"
    if unit == "year":
        if rel in ("last", "past", "previous"):
            return date(published.year - 1, 7, 1), "year"
        if rel.startswith("later"):
            return None
        jan1 = date(published.year, 1, 1)
        return jan1 + (published - jan1) / 2, "year"
    return None


def find_dates_en(text: str, published: date | None) -> list[DateSpan]:
    """Date spans in ``text`` (offsets relative to it), resolved against ``published``."""
    out: list[DateSpan] = []
    matches = list(_PATTERN.finditer(text))
    for m in matches:
        if m.group("today") == "overnight" and matches[0] is not m:
            continue  # "on Thursday ... overnight": the night of the date given before it
        resolved = _resolve(m, published)
        if resolved is None:
            continue
        value, precision = resolved
        surface = m.group(0)
        end = m.end()
        if surface.endswith(")") and "(" not in surface:
            surface, end = surface[:-1], end - 1
        out.append(DateSpan(m.start(), end, surface, value, precision))
    return out


#: a date can reach an event in its own sentence or, as narrative, up to this many after it
NARRATIVE_REACH = 2


def dates_stage(ctx: DocContext) -> None:
    """Dates per sentence, as document offsets; only where an event can use them (its own
    sentence and the few before it), which leaves most sentences of a report unscanned."""
    published = ctx.doc.published
    wanted: set[int] = set()
    for c in ctx.candidates:
        if c.dropped is None:
            wanted.update(range(c.sentence - NARRATIVE_REACH, c.sentence + 1))
    for s in ctx.sentences:
        if s.index not in wanted:
            continue
        s.dates = [DateSpan(d.start + s.start, d.end + s.start, d.surface, d.value, d.precision,
                            d.end_value)
                   for d in s.resources.find_dates(s.text, published)]
        looked_up_nothing(ctx, "dates", s)


stage("dates", needs=("sentences", "candidates"), sets=("dates",))(dates_stage)
