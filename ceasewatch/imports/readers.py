"""ACLED and UCDP GED CSV files to :class:`ExternalEvent` records, checked whole first.

A bad cell is reported with its file, line and column, and nothing of the file is imported:
a half-imported download would make every later comparison wrong without saying so. Both
readers take the datasets' own column names (ACLED's export, UCDP GED's CSV), the dates
either ISO or ACLED's older "09 October 2025", and a UTF-8 file with or without a BOM.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from ceasewatch.errors import InputError
from ceasewatch.exports.codes import country_codes, country_names
from ceasewatch.records import ExternalEvent

ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "country", "fatalities")
UCDP_REQUIRED = ("id", "date_start", "best")
UCDP_VIOLENCE = {"1": "state-based", "2": "non-state", "3": "one-sided"}


class RowError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_day(text: str, field: str) -> date:
    """``2025-10-09``, ``2025-10-09 00:00:00.000`` or ``09 October 2025``."""
    value = text.strip()
    for parse in (lambda v: date.fromisoformat(v[:10]),
                  lambda v: datetime.strptime(v, "%d %B %Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise RowError(field, f"not a date: {text!r}")


def _int(row: dict[str, str], field: str, *, required: bool = False) -> int | None:
    text = (row.get(field) or "").strip()
    if not text:
        if required:
            raise RowError(field, "is empty")
        return None
    try:
        value = int(float(text))
    except (ValueError, OverflowError):  # "12a", "nan", "inf"
        raise RowError(field, f"not a number: {text!r}") from None
    if value < 0:
        raise RowError(field, f"is negative: {value}")
    return value


def _coordinate(row: dict[str, str], field: str, limit: float) -> float | None:
    text = (row.get(field) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise RowError(field, f"not a number: {text!r}") from None
    if not -limit <= value <= limit:
        raise RowError(field, f"out of range: {value}")
    return value


def _text(row: dict[str, str], field: str) -> str | None:
    return (row.get(field) or "").strip() or None


def _iso2(name: str | None, *, iso_numeric: int | None = None, gw: int | None = None
          ) -> str | None:
    for code in country_codes().values():
        if (iso_numeric is not None and code.iso_numeric == iso_numeric) or (
                gw is not None and code.gw == gw):
            return code.iso2
    if name:
        folded = name.strip().casefold()
        return next((iso for iso, n in country_names().items() if n.casefold() == folded), None)
    return None


def acled_event(row: dict[str, str], origin: str, line: int) -> ExternalEvent:
    iso_numeric = _int(row, "iso")
    return ExternalEvent(
        dataset="acled", external_id=_text(row, "event_id_cnty") or "",
        event_date=parse_day(row.get("event_date") or "", "event_date"),
        event_type=_text(row, "event_type"), sub_event_type=_text(row, "sub_event_type"),
        actor1=_text(row, "actor1"), actor2=_text(row, "actor2"),
        country=_iso2(_text(row, "country"), iso_numeric=iso_numeric),
        admin1=_text(row, "admin1"), location=_text(row, "location"),
        latitude=_coordinate(row, "latitude", 90), longitude=_coordinate(row, "longitude", 180),
        fatalities=_int(row, "fatalities", required=True),
        notes=_text(row, "notes"), source=_text(row, "source"), origin=origin, line=line)


def ucdp_event(row: dict[str, str], origin: str, line: int) -> ExternalEvent:
    start = parse_day(row.get("date_start") or "", "date_start")
    end = parse_day(row["date_end"], "date_end") if _text(row, "date_end") else None
    if end and end < start:
        raise RowError("date_end", f"{end} is before date_start {start}")
    best = _int(row, "best", required=True)
    low, high = _int(row, "low"), _int(row, "high")
    if best is not None and ((low is not None and low > best) or
                             (high is not None and high < best)):
        raise RowError("best", f"{best} is not within low {low} and high {high}")
    return ExternalEvent(
        dataset="ucdp", external_id=_text(row, "id") or "", event_date=start, date_end=end,
        event_type=UCDP_VIOLENCE.get((row.get("type_of_violence") or "").strip()),
        actor1=_text(row, "side_a"), actor2=_text(row, "side_b"),
        country=_iso2(_text(row, "country"), gw=_int(row, "country_id")),
        admin1=_text(row, "adm_1"), location=_text(row, "where_coordinates"),
        latitude=_coordinate(row, "latitude", 90), longitude=_coordinate(row, "longitude", 180),
        fatalities=best, fatalities_low=low, fatalities_high=high,
        notes=_text(row, "where_description"), source=_text(row, "source_article"),
        origin=origin, line=line)


Reader = Callable[[dict[str, str], str, int], ExternalEvent]
READERS: dict[str, tuple[Reader, tuple[str, ...]]] = {
    "acled": (acled_event, ACLED_REQUIRED), "ucdp": (ucdp_event, UCDP_REQUIRED)}


def read_dataset(dataset: str, path: Path) -> list[ExternalEvent]:
    """Every row of the file, or an :class:`InputError` naming the first bad ones."""
    origin = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read it as UTF-8 CSV ({exc})", origin=origin) from exc
    try:
        return _read_rows(dataset, text, origin)
    except csv.Error as exc:  # a NUL byte, an oversized field: not a CSV export
        raise InputError(f"not a CSV file ({exc})", origin=origin) from exc


def _read_rows(dataset: str, text: str, origin: str) -> list[ExternalEvent]:
    reader, required = READERS[dataset]
    rows = csv.DictReader(io.StringIO(text, newline=""))  # quoted notes may hold newlines
    missing = [c for c in required if c not in (rows.fieldnames or [])]
    if missing:
        raise InputError(f"not a {dataset.upper()} file: no column {', '.join(missing)} "
                         f"(found: {', '.join(rows.fieldnames or []) or 'nothing'})",
                         origin=origin, line=1)
    events: list[ExternalEvent] = []
    errors: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for row in rows:
        line = rows.line_num  # the file's line where the row ends
        try:
            event = reader(row, origin, line)
            if not event.external_id:
                raise RowError(required[0], "is empty")
            if event.external_id in seen:
                raise RowError(required[0], f"{event.external_id!r} repeats line "
                                            f"{seen[event.external_id]}")
        except RowError as exc:
            errors.append((line, exc.field, str(exc)))
            continue
        seen[event.external_id] = line
        events.append(event)
    if errors:
        first_line, field, message = errors[0]
        more = f" (and {len(errors) - 1} more bad rows)" if len(errors) > 1 else ""
        raise InputError(f"{message}{more}; nothing was imported",
                         origin=origin, line=first_line, field=field)
    return events
