"""Key developments in a few sentences, and the escalation early-warning indicator.

Sentences are built from the events' fields only (type, date, place, fatalities, who reports
them), so every statement in the summary traces back to an event a reader can open. Nothing is
paraphrased from the articles.

The escalation indicator compares the report's last week with the weeks before it::

    baseline = mean of the previous 4 weeks (kinetic events; reported fatalities)
    rising   when this week >= 2 kinetic events and >= 1.5 x baseline (or reported
             fatalities >= 10 and >= 1.5 x their baseline)
    falling  when the baseline is >= 1 and this week <= 0.5 x baseline (both measures)
    steady   otherwise; "insufficient data" when there is no event at all in the window

"Reported fatalities" are the figures the sitrep's weekly chart draws as its line: each event's
best estimate where a source gives one, else the low end of its range (``views.fatality_band``),
so the indicator never reads a week from figures other than those the reader sees.

It is a prompt to look, not a forecast: counts of a few events swing widely, which is why a
floor of 2 events (or 10 deaths) is needed before a rise is called.
"""

from __future__ import annotations

from datetime import date
from typing import Any

BASELINE_WEEKS = 4
#: which figure of each event the indicator and the weekly chart's line add up
FATALITIES_BASIS = "deaths are each event's best estimate, else the low end of its range"


def escalation(trend: list[dict[str, Any]]) -> dict[str, Any]:
    """The indicator for the last week of ``trend`` (see the module docstring)."""
    if not trend:
        return {"level": "insufficient data", "explanation": "no weeks to compare"}
    current = trend[-1]
    prior = trend[-1 - BASELINE_WEEKS:-1]
    base_k = sum(w["kinetic"] for w in prior) / len(prior) if prior else 0.0
    base_f = sum(w["fatalities"] for w in prior) / len(prior) if prior else 0.0
    k, f = current["kinetic"], current["fatalities"]
    if not any(w["events"] for w in trend):
        level = "insufficient data"
    elif (k >= 2 and k >= 1.5 * base_k) or (f >= 10 and f >= 1.5 * base_f and f > base_f):
        level = "rising"
    elif base_k >= 1 and k <= 0.5 * base_k and f <= 0.5 * base_f:
        level = "falling"
    else:
        level = "steady"
    return {
        "level": level,
        "kinetic": k,
        "kinetic_baseline": round(base_k, 2),
        "fatalities": f,
        "fatalities_baseline": round(base_f, 2),
        "fatalities_basis": FATALITIES_BASIS,
        "weeks_compared": len(prior),
        "explanation": (f"{_plural(k, 'violent event')} and {_plural(f, 'reported death')} in "
                        f"the week to {_day(current['end'])[3:]}, against an average of "
                        f"{base_k:.1f} events and {base_f:.1f} deaths a week in the "
                        f"{_plural(len(prior), 'week')} before ({FATALITIES_BASIS}, as in the "
                        "weekly chart)"),
    }


def _day(iso: str | None) -> str:
    if not iso:
        return "on an unknown date"
    d = date.fromisoformat(iso)
    return f"on {d.day} {d.strftime('%B %Y')}"


def _when(row: dict[str, Any]) -> str:
    precision = row.get("date_precision")
    iso = row.get("event_date")
    if precision == "month" and iso:
        return "in " + date.fromisoformat(iso).strftime("%B %Y")
    if precision == "week" and iso:
        return "in the week of " + _day(iso)[3:]
    return _day(iso)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _country(code: str | None) -> str:
    from ceasewatch.exports.codes import country_names

    return country_names().get(code or "", code or "")


def _place(row: dict[str, Any]) -> str:
    """ "Bint Jbeil, Lebanon": the place, its country in words (never an ISO code)."""
    where = row.get("where") or row.get("location") or ""
    parts = [p.strip() for p in where.split(",") if p.strip()]
    return ", ".join(_country(p) if len(p) == 2 and p.isupper() else p for p in parts)


def _at(row: dict[str, Any]) -> str:
    place = _place(row)
    if not place:
        return ""
    return f" on the {place}" if place.lower().endswith("border") else f" in {place}"


def _article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _killed(row: dict[str, Any]) -> str:
    band = row.get("fatality_band")
    if not band:
        return ""
    low, reported, high = band
    if high == 0:
        return "no deaths were reported"
    if low == high:
        return f"{_plural(reported, 'death')} {'was' if reported == 1 else 'were'} reported"
    return f"reports put the dead at between {low} and {high}"


def _incident_sentence(row: dict[str, Any]) -> str:
    """One event in a sentence a principal can read aloud: when, what, where, who, the toll,
    and how many independent sources report it."""
    when = _when(row)
    what = (row.get("what") or "incident").lower()
    initiator, target = row.get("actor1"), row.get("actor2")
    native = row.get("native_type") or ""
    if native == "talks_held" and initiator and target:
        text = f"{initiator} and {target} held talks{_at(row)}"
    elif native == "ceasefire_agreement" and initiator and target:
        text = f"{initiator} and {target} agreed a ceasefire{_at(row)}"
    else:
        text = _article(what)
        if initiator and target:
            text += f" between {initiator} and {target}"
        elif initiator and not row.get("initiator_disputed"):
            text += f" by {initiator}"
        elif initiator or target:  # a target alone, or an initiator the sources dispute
            text += f" involving {initiator or target}"
        text += f" was reported{_at(row)}"
    text = f"{when[:1].upper()}{when[1:]}, {text}"
    killed = _killed(row)
    if killed:
        text += f"; {killed}"
    if row.get("initiator_disputed"):
        text += "; who started it is disputed"
    n = int(row.get("independent_sources") or 0)
    text += f" ({_plural(n, 'independent source')})"
    return text + "."


# -- contested points ----------------------------------------------------------------------
#: what a contested field is, in words, for "Sources disagree on ..."
_TOPICS = {"fatalities": "the death toll of", "injuries": "the number of injured in",
           "event_date": "the date of", "location": "the place of",
           "event_type": "what happened in", "actor2": "who was targeted in",
           "round": "the round number of"}


def _topic(field: str, initiator: bool) -> str:
    if field == "actor1":
        return "who started" if initiator else "who took part in"
    return _TOPICS.get(field, "the " + field.replace("_", " ") + " of")


def _voice(claimant: str | None) -> str | None:
    """The claimant as a name a sentence can carry; None for a report that names no one."""
    if not claimant or claimant.startswith("own reporting"):
        return None
    return claimant.removesuffix("'s own reporting")


def _said(field: str, claim: dict[str, Any]) -> str:
    """What one claim says, as the end of "X says ..."."""
    value = claim.get("value")
    display = str(claim.get("display") or "")
    if field in ("fatalities", "injuries") and isinstance(value, dict):
        sides = [f"{s['count']} from {_country(s.get('side'))}" if s.get("side") else
                 str(s["count"]) for s in value.get("by_side") or [] if s.get("count")]
        head = display.split(" (")[0] if sides else display
        noun = "dead" if field == "fatalities" else "injured"
        return f"{head} {noun}" + (f" ({', '.join(sides)})" if sides else "")
    if field == "event_date" and isinstance(value, dict) and value.get("date"):
        d = date.fromisoformat(str(value["date"]))
        day = f"{d.day} {d.strftime('%B %Y')}"
        return f"the week of {day}" if value.get("precision") == "week" else (
            d.strftime("%B %Y") if value.get("precision") == "month" else day)
    if field == "actor1" and isinstance(value, dict) and value.get("contested"):
        side = value.get("side")
        return f"{_country(side)} did" if side else "each side blames the other"
    if field == "round":
        return f"round {display}"
    return display


def _who_says_what(field: str, claims: list[dict[str, Any]]) -> str:
    """Each contested value once, with everyone who states it: "the army says 3 dead; the
    ministry and two other reports say 12 dead"."""
    by_value: dict[str, tuple[list[str], set[str]]] = {}
    for c in claims:
        names, anonymous = by_value.setdefault(_said(field, c), ([], set()))
        voices = [v for v in (_voice(w) for w in str(c.get("claimant") or "").split(", ")) if v]
        if not voices:
            anonymous.add(str(c.get("doc") or c.get("doc_id") or len(anonymous)))
        names.extend(v for v in voices if v not in names)
    parts = []
    for value, (names, anonymous) in list(by_value.items())[:4]:
        n = len(anonymous)
        if names and n:
            who = _and(names + ["one other report" if n == 1 else f"{n} other reports"])
        elif names:
            who = _and(names)
        else:
            who = "one report" if n == 1 else f"{_plural(n, 'report')}"
        plural = len(names) + n > 1 or (bool(names) and _plural_noun(names[0]))
        parts.append(f"{who} {'say' if plural else 'says'} {value}")
    return "; ".join(parts)


def _plural_noun(name: str) -> bool:
    """ "Local officials" say, "Associated Press" says."""
    last = name.split()[-1] if name.split() else ""
    return last.endswith("s") and not last.endswith(("ss", "'s", "’s")) and last[:1].islower()


def _dispute_sentence(event: dict[str, Any], field: str, claims: list[dict[str, Any]]) -> str:
    initiator = any(c.get("initiates") for c in claims)
    what = (event.get("what") or "event").lower()
    says = _who_says_what(field, claims)
    text = f"Sources disagree on {_topic(field, initiator)} the {what}{_at(event)} {_when(event)}"
    return text + (f": {says[:1].upper()}{says[1:]}." if says else ".")


def key_developments(model: dict[str, Any]) -> list[str]:
    """A handful of sentences: overview, the gravest incidents, talks, disputes, accords, trend.

    Every sentence starts with a capital and ends with a full stop, names the place and the
    date of what it reports, and speaks of fields and commitments in words, never by their
    keys; a contested point is stated once, with who says what."""
    from ceasewatch.accords.knowledge import commitment_name

    rows: list[dict[str, Any]] = model["events"]
    period = model["period"]
    out: list[str] = []
    start, end = _day(period["start"])[3:], _day(period["end"])[3:]
    kinetic = [r for r in rows if r["kinetic"]]
    if not rows:
        out.append(f"No event was recorded between {start} and {end}.")
    else:
        lows = sum(int(r["fatality_band"][0]) for r in kinetic if r.get("fatality_band"))
        overview = (f"Between {start} and {end}, {_plural(len(rows), 'event')} "
                    f"{'was' if len(rows) == 1 else 'were'} recorded, {len(kinetic)} of them "
                    f"violent, from {_plural(model['counts']['sources'], 'source document')}")
        if lows:
            overview += f"; at least {_plural(lows, 'death')} {'was' if lows == 1 else 'were'}" \
                        " reported in total"
        elif any(r.get("fatality_band") for r in kinetic):
            overview += "; no death was reported"
        out.append(overview + ".")

    def gravity(r: dict[str, Any]) -> tuple[int, int, str]:
        band = r.get("fatality_band") or [0, 0, 0]
        return (int(band[2]), int(r.get("independent_sources") or 0), r.get("event_date") or "")

    for r in sorted(kinetic, key=gravity, reverse=True)[:3]:
        out.append(_incident_sentence(r))
    talks = [r for r in rows if r.get("event_type") == "Strategic developments"]
    for r in talks[:2]:
        out.append(_incident_sentence(r))
    for d in model["disputes"][:2]:
        for field, claims in d["claims"].items():
            if len({str(c["display"]) for c in claims}) < 2:
                continue  # every source says the same: nothing contested to state
            out.append(_dispute_sentence(d["event"], field, claims))
    for a in model["accords"]:
        n = a["violation_count"]
        if n:
            kinds = _and([f"{v} {k}" for k, v in sorted(a["by_verification"].items())])
            kinds_of = {c["id"]: c["kind"] for c in a.get("commitments", [])}
            commitments = sorted({commitment_name(kinds_of[v["commitment_id"]])
                                  for v in a.get("violations", [])
                                  if v.get("commitment_id") in kinds_of})
            noun = "commitment" if len(commitments) == 1 else "commitments"
            what = f", against its {noun} to {_and(commitments)}" if commitments else ""
            out.append(f"Between {start} and {end}, {_plural(n, 'violation')} of the "
                       f"{a['accord']['name']} {'was' if n == 1 else 'were'} alleged{what}: "
                       f"{kinds}.")
    esc = model["escalation"]
    if esc["level"] not in ("insufficient data",):
        out.append(f"The escalation indicator reads {esc['level']}: {esc['explanation']}.")
    return out
