"""Document metadata from every place it can come from: sidecar, HTML, feed, a date line.

Sources are merged field by field in order of trust: the ``--published`` option, then the
sidecar ``NAME.meta.json`` the user wrote, then what the page or feed declares, then what the
text itself shows (a date line under the headline). Each publication date keeps the precision
it was known with ("November 2025" is a month) and where it came from.

The sidecar convention is that of the development corpus::

    seed004_rna_spin_boldak.txt
    seed004_rna_spin_boldak.meta.json   {"published": "2025-11-07", "outlet": "RNA", ...}
"""

from __future__ import annotations

import errno
import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ceasewatch.datebounds import make_date, plausible_published, published_range_message
from ceasewatch.errors import MetadataError
from ceasewatch.records import DatePrecision

SIDECAR_SUFFIX = ".meta.json"

_LANGUAGE = re.compile(r"^[a-z]{2,3}(\+[a-z]{2,3})*$")


@dataclass(frozen=True, slots=True)
class Meta:
    """Metadata known about one document; None means "not known from this source"."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    published: date | None = None
    published_precision: DatePrecision | None = None
    published_source: str | None = None
    language: str | None = None
    note: str | None = None

    def over(self, other: Meta) -> Meta:
        """This metadata, with gaps filled from ``other`` (which is trusted less)."""
        merged = replace(
            self,
            title=self.title or other.title,
            outlet=self.outlet or other.outlet,
            authors=self.authors or other.authors,
            url=self.url or other.url,
            language=self.language or other.language,
            note=self.note or other.note,
        )
        if self.published is None and other.published is not None:
            merged = replace(merged, published=other.published,
                             published_precision=other.published_precision,
                             published_source=other.published_source)
        return merged


# -- dates ----------------------------------------------------------------------------------
def parse_date_value(value: str) -> tuple[date, DatePrecision]:
    """An ISO date as metadata gives it: ``2025-11-07``, ``2025-11``, ``2025`` or a timestamp.

    Raises ValueError with a readable message.
    """
    parsed = _parse_date_text(value.strip())
    if parsed is None:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    if not plausible_published(parsed[0]):
        raise ValueError(published_range_message(parsed[0]))
    return parsed


def _parse_date_text(text: str) -> tuple[date, DatePrecision] | None:
    if re.fullmatch(r"\d{4}", text):
        year = make_date(int(text), 1, 1)
        return (year, "year") if year else None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m:
        month = make_date(int(m[1]), int(m[2]), 1)
        return (month, "month") if month else None
    try:
        return date.fromisoformat(text[:10]), "day"
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date(), "day"
    except (ValueError, OverflowError):
        return None


_MONTHS = {name: i + 1 for i, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec"))
    for name in names.split()}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # November 7, 2025
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 7 Nov 2025
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2025-11-07
    re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"),
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I),  # November 2025 (month precision)
]
#: labels that say which date a line gives; lower rank wins. "Today : Nov 11, 2025" on a news
#: site is the date the page was viewed, a weaker hint than an unlabelled date under a headline.
_LABELS = [
    (0, re.compile(r"\b(published|posted|dated?|first published|publication date)\b|发布|发表",
                   re.I)),
    (2, re.compile(r"\b(updated|modified|last updated|today|accessed|retrieved)\b|更新",
                   re.I)),
]
#: a date line is short and mostly date: "Published: 7 Nov 2025, 10:32 PKT" is one;
#: "In October 2025, fierce fighting erupted ..." is a sentence, not a date line.
MAX_DATE_LINE = 80
MAX_DATE_LINE_REST = 40
DATE_LINE_SCAN = 12  # non-blank lines from the top


def _match_date(m: re.Match[str]) -> tuple[date, DatePrecision] | None:
    month_text = m.group("month")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower().rstrip("."))
    if month is None:
        return None
    day_text = m.groupdict().get("day")
    try:
        if day_text is None:
            return date(int(m.group("year")), month, 1), "month"
        return date(int(m.group("year")), month, int(day_text)), "day"
    except ValueError:
        return None


def find_date_line(text: str) -> tuple[date, DatePrecision] | None:
    """The publication date shown in a date line near the top of an article, if any.

    >>> find_date_line("Clashes at Chaman\\nNovember 8, 2025\\nBy Ali Khan\\nForces exchanged ...")
    (datetime.date(2025, 11, 8), 'day')
    """
    best: tuple[int, int, date, DatePrecision] | None = None
    lines = [line.strip() for line in text[:4000].splitlines() if line.strip()]
    for index, line in enumerate(lines[:DATE_LINE_SCAN]):
        if len(line) > MAX_DATE_LINE:
            continue
        for form in _DATE_FORMS:
            m = form.search(line)
            if not m:
                continue
            found = _match_date(m)
            rest = (line[:m.start()] + line[m.end():]).strip(" :|-–—,")
            if found is None or len(rest) > MAX_DATE_LINE_REST:
                continue
            rank = next((r for r, label in _LABELS if label.search(rest)), 1)
            if best is None or (rank, index) < (best[0], best[1]):
                best = (rank, index, found[0], found[1])
            break
    return (best[2], best[3]) if best else None


# -- sidecars -------------------------------------------------------------------------------
def sidecar_path(path: Path) -> Path:
    """``a/seed000.txt`` -> ``a/seed000.meta.json``."""
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def _optional_str(data: dict[str, Any], key: str, origin: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MetadataError(f"must be a string or null, not {type(value).__name__}",
                            origin=origin, field=key)
    return unicode_safe(value.strip()) or None


def unicode_safe(text: str) -> str:
    """``text`` with lone surrogates (JSON's ``"\\ud800"``) replaced by U+FFFD: SQLite and
    every output stream need valid UTF-8, and one bad escape must not cost the document."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _authors(data: dict[str, Any], origin: str) -> tuple[str, ...]:
    value = data.get("authors")
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise MetadataError("must be a list of names", origin=origin, field="authors")
    return tuple(unicode_safe(a.strip()) for a in value if a.strip())


def read_sidecar(path: Path) -> Meta | None:
    """The sidecar of ``path`` as :class:`Meta`, None when there is none.

    Unknown keys are ignored (a newer sidecar still loads); a key of the wrong type, an
    impossible date or malformed JSON raise :class:`MetadataError` naming the file, the line or
    the field, and the document is rejected rather than stored with half its provenance.
    """
    side = sidecar_path(path)
    origin = str(side)
    try:
        if not side.is_file():
            return None
    except OSError as exc:  # NAME.meta.json past the file system's 255-byte limit
        if exc.errno == errno.ENAMETOOLONG:
            return None  # no such sidecar can exist
        raise MetadataError(f"cannot read sidecar: {exc.strerror or exc}", origin=origin) from exc
    try:
        raw = side.read_bytes()
    except OSError as exc:
        raise MetadataError(f"cannot read sidecar: {exc.strerror or exc}", origin=origin) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise MetadataError(f"sidecar is not UTF-8 ({exc.reason} at byte {exc.start})",
                            origin=origin) from exc
    except json.JSONDecodeError as exc:
        raise MetadataError(f"malformed JSON in sidecar: {exc.msg} (column {exc.colno})",
                            origin=origin, line=exc.lineno) from exc
    except RecursionError as exc:
        raise MetadataError("sidecar JSON is nested too deeply (a sidecar is one flat "
                            "object)", origin=origin) from exc
    if not isinstance(data, dict):
        raise MetadataError(f"sidecar must hold a JSON object, not {type(data).__name__}",
                            origin=origin, line=1)
    return meta_from_record(data, origin)


def meta_from_record(data: dict[str, Any], origin: str, *, source: str = "sidecar") -> Meta:
    """The metadata keys of a sidecar, or of one article of a JSONL/Parquet file, as Meta;
    a key of the wrong type or an impossible date is a :class:`MetadataError` naming it."""
    published = precision = None
    text = _optional_str(data, "published", origin)
    if text:
        try:
            published, precision = parse_date_value(text)
        except ValueError as exc:
            raise MetadataError(str(exc), origin=origin, field="published") from exc
    language = _optional_str(data, "language", origin)
    if language and not _LANGUAGE.match(language.lower()):
        raise MetadataError(f"not a language code: {language!r} (expected e.g. 'en' or "
                            "'en+zh')", origin=origin, field="language")
    return Meta(
        title=_optional_str(data, "title", origin),
        outlet=_optional_str(data, "outlet", origin),
        authors=_authors(data, origin),
        url=_optional_str(data, "url", origin),
        published=published,
        published_precision=precision,
        published_source=source if published else None,
        language=language.lower() if language else None,
        note=_optional_str(data, "note", origin),
    )
