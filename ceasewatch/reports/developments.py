"""Key developments in a few sentences, and the escalation early-warning indicator.

Sentences are built from the events' fields only (type, date, place, fatalities, who reports
them), so every statement in the summary traces back to an event a reader can open. Nothing is
paraphrased from the articles.

The escalation indicator compares the report's last week with the weeks before it::

    baseline = mean of the previous 4 weeks (kinetic events; fatalities, low end)
    rising   when this week >= 2 kinetic events and >= 1.5 x baseline (or fatalities, low end,
             >= 10 and >= 1.5 x their baseline)
    falling  when the baseline is >= 1 and this week <= 0.5 x baseline (both measures)
    steady   otherwise; "insufficient data" when there is no event at all in the window

It is a prompt to look, not a forecast: counts of a few events swing widely, which is why a
floor of 2 events (or 10 deaths) is needed before a rise is called.
"""

from __future__ import annotations

from datetime import date
from typing import Any

BASELINE_WEEKS = 4


def escalation(trend: list[dict[str, Any]]) -> dict[str, Any]:
    """The indicator for the last week of ``trend`` (see the module docstring)."""
    if not trend:
        return {"level": "insufficient data", "explanation": "no weeks to compare"}
    current = trend[-1]
    prior = trend[-1 - BASELINE_WEEKS:-1]
    base_k = sum(w["kinetic"] for w in prior) / len(prior) if prior else 0.0
    base_f = sum(w["fatalities_low"] for w in prior) / len(prior) if prior else 0.0
    k, f = current["kinetic"], current["fatalities_low"]
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
        "fatalities_low": f,
        "fatalities_baseline": round(base_f, 2),
        "weeks_compared": len(prior),
        "explanation": (f"{k} kinetic event(s) and at least {f} reported death(s) in the week "
                        f"to {current['end']}, against an average of {base_k:.1f} event(s) and "
                        f"{base_f:.1f} death(s) in the {len(prior)} week(s) before"),
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


def _where(row: dict[str, Any]) -> str:
    return f" at {row['where']}" if row.get("where") else ""


def _sources(row: dict[str, Any]) -> str:
    n = row.get("independent_sources") or 0
    return f"{n} independent source{'s' if n != 1 else ''}"


def _incident_sentence(row: dict[str, Any]) -> str:
    what = (row.get("what") or "incident").lower()
    when = _when(row)
    text = f"{when[:1].upper()}{when[1:]}, {what}{_where(row)}"
    initiator, target = row.get("actor1"), row.get("actor2")
    if initiator and target:
        text += f" involving {initiator} and {target}"
    elif initiator and not row.get("initiator_disputed"):
        text += f" by {initiator}"
    elif initiator or target:  # a target alone, or an initiator the sources dispute
        text += f" involving {initiator or target}"
    if row.get("fatalities_display") == "0":
        text += "; no deaths reported"
    elif row.get("fatalities_display"):
        text += f"; {row['fatalities_display']} reported killed"
    text += f" ({_sources(row)})"
    if row.get("initiator_disputed"):
        text += "; who started it is disputed"
    return text + "."


def _who_says_what(claims: list[dict[str, Any]]) -> str:
    """Each contested value once, with everyone who states it: "the army says 3 killed; the
    ministry and a local official say 12"."""
    by_value: dict[str, list[str]] = {}
    for c in claims:
        who = c["claimant"] or "an unattributed report"
        names = by_value.setdefault(c["display"], [])
        if who not in names:
            names.append(who)
    parts = []
    for value, names in list(by_value.items())[:4]:
        verb = "says" if len(names) == 1 else "say"
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{who} {verb} {value}")
    return "; ".join(parts)


def key_developments(model: dict[str, Any]) -> list[str]:
    """A handful of sentences: overview, the gravest incidents, talks, disputes, accords, trend."""
    rows: list[dict[str, Any]] = model["events"]
    period = model["period"]
    out: list[str] = []
    start, end = period["start"], period["end"]
    kinetic = [r for r in rows if r["kinetic"]]
    if not rows:
        out.append(f"No event was recorded between {_day(start)[3:]} and {_day(end)[3:]}.")
    else:
        lows = sum(int(r["fatalities_low"] if r["fatalities_low"] is not None
                       else r["fatalities"] or 0) for r in kinetic)
        overview = (f"Between {_day(start)[3:]} and {_day(end)[3:]}, {len(rows)} event(s) were "
                    f"recorded, {len(kinetic)} of them violent, from "
                    f"{model['counts']['sources']} source document(s)")
        if any(r["fatalities_display"] for r in kinetic):
            overview += f"; at least {lows} death(s) reported in total"
        out.append(overview + ".")

    def gravity(r: dict[str, Any]) -> tuple[int, int, str]:
        high = r["fatalities_high"] if r["fatalities_high"] is not None else (
            r["fatalities"] or r["fatalities_low"] or 0)
        return (int(high), int(r.get("independent_sources") or 0), r.get("event_date") or "")

    for r in sorted(kinetic, key=gravity, reverse=True)[:3]:
        out.append(_incident_sentence(r))
    talks = [r for r in rows if r.get("event_type") == "Strategic developments"]
    for r in talks[:2]:
        out.append(_incident_sentence(r))
    for d in model["disputes"][:2]:
        e = d["event"]
        for field, claims in d["claims"].items():
            if len({c["display"] for c in claims}) < 2:
                continue  # every source says the same: nothing contested to state
            says = _who_says_what(claims)
            initiator = any(c.get("initiates") for c in claims)
            label = ("initiator" if initiator else "parties") if field == "actor1" \
                else field.replace("_", " ")
            what = (e.get("what") or "event").lower()
            out.append(f"The {label} of the {what} {_when(e)} is disputed"
                       + (f": {says}." if says else "."))
    for a in model["accords"]:
        n = a["violation_count"]
        if n:
            kinds = ", ".join(f"{v} {k}" for k, v in sorted(a["by_verification"].items()))
            out.append(f"{n} alleged violation(s) of the {a['accord']['name']} in the period "
                       f"({kinds}).")
    esc = model["escalation"]
    if esc["level"] not in ("insufficient data",):
        out.append(f"Escalation indicator: {esc['level']} — {esc['explanation']}.")
    return out
