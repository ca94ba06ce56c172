"""Compliance at a glance: the state of each commitment, and alleged violations week by week.

The reports and the web UI chart these; the CLI prints them. Counts keep events and
accusations apart: a disputed exchange of fire in which each side blames the other is **one
event** and **two accusations** (one against each party), never two incidents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ceasewatch.records import VERIFICATIONS, Accord, Commitment, Violation
from ceasewatch.store import Store

UNATTRIBUTED = "unattributed"


@dataclass(frozen=True, slots=True)
class CommitmentState:
    """"holding" or "allegedly violated" with counts by verification level and by party."""

    commitment: Commitment
    events: int  # distinct events alleged to breach it
    by_level: dict[str, int] = field(default_factory=dict)  # events per verification level
    by_party: dict[str, int] = field(default_factory=dict)  # accusations per alleged violator
    last_date: date | None = None

    @property
    def state(self) -> str:
        return "holding" if self.events == 0 else "allegedly violated"

    def describe(self) -> str:
        """One line for a terminal: "allegedly violated 2 times (1 disputed, 1 claimed)"."""
        if self.events == 0:
            return "holding"
        levels = ", ".join(f"{n} {lvl}" for lvl, n in self.by_level.items())
        times = "time" if self.events == 1 else "times"
        return f"allegedly violated {self.events} {times} ({levels})"


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Alleged violations of one accord by one party in one ISO week at one level."""

    accord_id: str
    party: str  # alleged violator, or "unattributed"
    week: str  # ISO week, "2025-W45"
    week_start: date  # its Monday
    verification: str
    accusations: int
    events: int


def _level_rank(level: str) -> int:
    return VERIFICATIONS.index(level) if level in VERIFICATIONS else len(VERIFICATIONS)


def _event_level(levels: set[str]) -> str:
    """An event's level across its accusations: the strongest, disputed above corroborated."""
    for level in ("acknowledged", "disputed", "corroborated", "claimed"):
        if level in levels:
            return level
    return sorted(levels, key=_level_rank)[0]


def commitment_states(store: Store, accord: Accord) -> list[CommitmentState]:
    violations = store.accords.violations(accord_id=accord.id)
    by_commitment: dict[str, list[Violation]] = defaultdict(list)
    for v in violations:
        by_commitment[v.commitment_id].append(v)
    out = []
    for c in accord.commitments:
        vs = by_commitment.get(c.id, [])
        per_event: dict[str, set[str]] = defaultdict(set)
        for v in vs:
            per_event[v.event_id].add(v.verification)
        levels = Counter(_event_level(lv) for lv in per_event.values())
        parties = Counter(v.alleged_violator or UNATTRIBUTED for v in vs)
        dates = [v.event_date for v in vs if v.event_date]
        out.append(CommitmentState(
            commitment=c, events=len(per_event),
            by_level={lvl: levels[lvl] for lvl in VERIFICATIONS if levels[lvl]},
            by_party=dict(sorted(parties.items())), last_date=max(dates) if dates else None))
    return out


def iso_week(day: date) -> tuple[str, date]:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}", day - timedelta(days=day.weekday())


def weekly_counts(store: Store, *, accord_id: str | None = None,
                  party: str | None = None) -> list[WeekCount]:
    """Sparse counts by (accord, alleged violator, ISO week, verification level)."""
    accusations: Counter[tuple[str, str, str, str]] = Counter()
    events: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    starts: dict[str, date] = {}
    for v in store.accords.violations(accord_id=accord_id, party=party):
        if v.event_date is None:
            continue
        week, start = iso_week(v.event_date)
        starts[week] = start
        key = (v.accord_id, v.alleged_violator or UNATTRIBUTED, week, v.verification)
        accusations[key] += 1
        events[key].add(v.event_id)
    return [WeekCount(accord_id=a, party=p, week=w, week_start=starts[w], verification=lvl,
                      accusations=n, events=len(events[(a, p, w, lvl)]))
            for (a, p, w, lvl), n in sorted(accusations.items(),
                                            key=lambda kv: (kv[0][0], kv[0][2], kv[0][1],
                                                            _level_rank(kv[0][3])))]


def weekly_series(store: Store, accord: Accord, *, until: date | None = None
                  ) -> dict[str, list[dict[str, object]]]:
    """Per party, every ISO week from entry into force to ``until`` (default: the last
    violation), with a count per verification level — zeros included, ready to chart."""
    counts = weekly_counts(store, accord_id=accord.id)
    if accord.in_force_date is None:
        return {}
    last = max((c.week_start for c in counts), default=accord.in_force_date)
    end = until or last
    _, week = iso_week(accord.in_force_date)
    weeks: list[date] = []
    while week <= end:
        weeks.append(week)
        week += timedelta(days=7)
    parties = list(accord.parties) + sorted({c.party for c in counts} - set(accord.parties))
    series: dict[str, list[dict[str, object]]] = {}
    for p in parties:
        rows = []
        for start in weeks:
            label, _ = iso_week(start)
            row: dict[str, object] = {"week": label, "week_start": start.isoformat()}
            for lvl in VERIFICATIONS:
                row[lvl] = sum(c.accusations for c in counts
                               if c.party == p and c.week == label and c.verification == lvl)
            rows.append(row)
        series[p] = rows
    return series
