"""Faster regex scans with the same matches: a first-character gate in front of a pattern.

Python's ``re`` tries every alternative of a pattern at every position of the text. For the
large alternations extraction runs on every sentence (dates, counts, cue and trigger lexicons,
country names) that is most of their cost, although a match can only start at a handful of
characters: a digit, a capital month name, the first letter of a cue word. ``gated(pattern)``
works that set out from the parsed pattern and compiles ``(?=[first chars])(?:pattern)``,
which rejects every other position with one character test (two where the pattern says the
character starts a word, ``\\b``: ``(?=[first chars]|\\b[first chars of words])``).

The gate is exact: a match of a pattern that cannot match the empty string starts with one of
its first characters (behind the word boundary its path requires), so ``search``, ``match``,
``finditer`` and ``sub`` find the same spans and groups. Where the set cannot be worked out
(a negated class, ``.``, a backreference, scoped inline flags) or the pattern can match the
empty string, the pattern is returned unchanged.

    >>> gated(re.compile(r"(?:January|February)\\s+\\d+|\\b[Ll]ast\\s+year")).pattern
    '(?=[JF]|\\\\b[Ll])(?:(?:January|February)\\\\s+\\\\d+|\\\\b[Ll]ast\\\\s+year)'
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s", C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_MANY = 1 << 16

#: one character class item a match may start with: (behind a word boundary ``\b``, the item
#: as regex source, the character it stands for or None for a range or category)
Atom = tuple[bool, str, str | None]


def _class_items(items: list[tuple[Any, Any]], boundary: bool) -> list[Atom] | None:
    out: list[Atom] = []
    for op, av in items:
        if op is C.LITERAL:
            out.append((boundary, re.escape(chr(av)), chr(av)))
        elif op is C.RANGE:
            out.append((boundary, f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}", None))
        elif op is C.CATEGORY and av in _CATEGORIES:
            out.append((boundary, _CATEGORIES[av], None))
        else:  # NEGATE and anything unusual: give up
            return None
    return out


def _first(items: Any, boundary: bool = False) -> tuple[list[Atom] | None, bool]:
    """What a match of this sequence can start with (None: unknown), and whether the sequence
    can match the empty string. ``boundary``: a ``\b`` stands before the sequence."""
    out: list[Atom] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            # a \b before any character is kept; other assertions are ignored, which only
            # makes the set larger
            boundary = boundary or (op is C.AT and av is C.AT_BOUNDARY)
            continue
        if op is C.LITERAL:
            return out + [(boundary, re.escape(chr(av)), chr(av))], False
        if op is C.IN:
            found = _class_items(av, boundary)
            return (None, False) if found is None else (out + found, False)
        if op is C.SUBPATTERN:
            if av[1] or av[2]:  # scoped inline flags change how its letters match
                return None, False
            first, nullable = _first(av[-1], boundary)
        elif op is C.BRANCH:
            first, nullable = [], False
            for branch in av[1]:
                sub, empty = _first(branch, boundary)
                if sub is None:
                    return None, False
                first += sub
                nullable = nullable or empty
        elif op in _REPEATS:
            first, empty = _first(av[2], boundary)
            nullable = empty or av[0] == 0
        elif op is getattr(C, "ATOMIC_GROUP", None):
            first, nullable = _first(av, boundary)
        else:  # ANY, NOT_LITERAL, GROUPREF, conditionals...
            return None, False
        if first is None:
            return None, False
        out += first
        if not nullable:
            return out, False
    return out, True


def _first_atoms(pattern: re.Pattern[str]) -> list[Atom] | None:
    try:
        first, nullable = _first(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    return None if first is None or nullable or not first else first


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """The lookahead a match of ``pattern`` must pass at its start, or None if unknown:
    ``(?=[anywhere]|\b[after a word boundary])``."""
    atoms = _first_atoms(pattern)
    if atoms is None:
        return None
    anywhere = dict.fromkeys(src for bounded, src, _ in atoms if not bounded)
    at_word = dict.fromkeys(src for bounded, src, _ in atoms if bounded and src not in anywhere)
    parts = [f"[{''.join(anywhere)}]"] if anywhere else []
    if at_word:
        parts.append(rf"\b[{''.join(at_word)}]")
    return f"(?={'|'.join(parts)})"


def _size(atoms: list[Atom], ignorecase: bool) -> int:
    """How many characters can start a match (ranges and categories: many)."""
    if any(char is None for _, _, char in atoms):
        return _MANY
    return len({char.lower() if ignorecase else char for _, _, char in atoms if char})


def gated(pattern: re.Pattern[str], limit: int | None = None) -> re.Pattern[str]:
    """``pattern`` with a first-character lookahead in front: same matches, faster scans.

    ``limit``: leave the pattern as it is when more characters than that can start a match
    (for a pattern that already rejects most positions cheaply, such as a lexicon alternation
    behind a word-start assertion, a wide gate costs more than it saves).
    """
    atoms = _first_atoms(pattern)
    if atoms is None:
        return pattern
    if limit is not None and _size(atoms, bool(pattern.flags & re.IGNORECASE)) > limit:
        return pattern
    gate = first_chars(pattern)
    newline = "\n" if pattern.flags & re.VERBOSE else ""  # a trailing comment ends here
    try:
        return re.compile(f"{gate}(?:{pattern.pattern}{newline})", pattern.flags)
    except re.error:  # e.g. global inline flags, which must stay at the start
        return pattern
