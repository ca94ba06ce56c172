"""Faster regex scans with the same matches: gates worked out from a pattern's own structure.

Python's ``re`` tries every alternative of a pattern at every position of the text. For the
large alternations extraction runs on every sentence (dates, trigger and cue lexicons, country
names) that is most of their cost, although a match can only start in a few ways: a digit, a
capital month name, the first letters of a trigger word. ``compile_gated(source)`` works
those beginnings out from the parsed pattern and compiles ``(?=beginnings)(?:pattern)``, which
rejects every other position at once:

- a case-sensitive pattern is gated by the first three characters its matches can start
  with, e.g. ``(?=Ja(?:n|...)|...|\\b(?:las|...))`` (``\\b`` where the pattern itself asks
  for a word boundary there);
- a case-insensitive one by its first character, ``(?=[abc]|\\b[xyz])``: ``re`` has no fast
  path for case-insensitive alternatives.

A gate is exact: every match of a pattern that cannot match the empty string starts with one of
the beginnings, so ``search``, ``match``, ``finditer`` and ``sub`` find the same spans and
groups. Where the beginnings cannot be worked out (a negated class, ``.``, a backreference,
scoped inline flags, too many of them) or the pattern can match the empty string, the pattern
is returned unchanged.

    >>> compile_gated(r"(?:January|June)\\s+\\d+|\\b[Ll]ast\\s+year").pattern
    '(?=J(?:an|un)|\\\\b(?:[Ll]as))(?:(?:January|June)\\\\s+\\\\d+|\\\\b[Ll]ast\\\\s+year)'

``may_match`` is the other cheap test: strings one of which every match contains ("blamed" or
"accused"), looked for with ``str.find`` before a costly pattern is run at all.
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
#: a lookbehind at the start of a source, without groups: ``(?<![\w-])``
_LOOKBEHIND = re.compile(r"\(\?<[!=](?:\[(?:[^\]\\]|\\.)+\]|[^()\[\]\\]|\\.)*\)")
#: at most this many beginnings make a gate (beyond, the gate costs more than it saves)
_MAX_BEGINNINGS = 400


class _Unknown(Exception):
    """A part of the pattern whose beginnings cannot be worked out (or too many of them)."""


#: one beginning: (a \b stands before it, its characters as regex atoms, whether the pattern
#: may go on after it: False once it is cut at the length wanted or at an unknown part)
Beginning = tuple[bool, tuple[str, ...], bool]


def _atom(op: Any, av: Any) -> str | None:
    """A character or class as regex source; None for what cannot be written as one."""
    if op is C.LITERAL:
        return re.escape(chr(av))
    items = []
    for item_op, item in av:
        if item_op is C.LITERAL:
            items.append(re.escape(chr(item)))
        elif item_op is C.RANGE:
            items.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
        elif item_op is C.CATEGORY and item in _CATEGORIES:
            items.append(_CATEGORIES[item])
        else:  # a negated class and anything unusual
            return None
    return f"[{''.join(items)}]"


def _concat(heads: set[Beginning], tails: set[Beginning], k: int) -> set[Beginning]:
    out: set[Beginning] = set()
    for bounded, atoms, open_ in heads:
        if not open_:
            out.add((bounded, atoms, open_))
            continue
        for tail_bounded, tail, tail_open in tails:
            joined = atoms + tail
            bounded_now = bounded or (not atoms and tail_bounded)
            out.add((bounded_now, joined[:k], False) if len(joined) >= k
                    else (bounded_now, joined, tail_open))
    if len(out) > _MAX_BEGINNINGS:
        raise _Unknown
    return out


def _sequence(items: Any, k: int) -> set[Beginning]:
    state: set[Beginning] = {(False, (), True)}
    for op, av in items:
        if not any(open_ for _, _, open_ in state):
            break
        if op in _ZERO_WIDTH:
            # a \b before any character is kept; other assertions are ignored, which only
            # lets more positions through
            if op is C.AT and av is C.AT_BOUNDARY:
                state = {(b or (open_ and not atoms), atoms, open_) for b, atoms, open_ in state}
            continue
        state = _concat(state, _part(op, av, k), k)
    return state


def _part(op: Any, av: Any, k: int) -> set[Beginning]:
    if op in (C.LITERAL, C.IN):
        atom = _atom(op, av)
        return {(False, (atom,), True)} if atom else {(False, (), False)}
    if op is C.SUBPATTERN:
        if av[1] or av[2]:  # scoped inline flags change how its letters match
            raise _Unknown
        return _sequence(av[-1], k)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av, k)
    if op is C.BRANCH:
        out: set[Beginning] = set()
        for branch in av[1]:
            out |= _sequence(branch, k)
        return out
    if op in _REPEATS:
        low, high, sub = av
        body = _sequence(sub, k)
        # more than k repetitions add nothing to the first k characters
        last = min(high, k) if high != C.MAXREPEAT else k
        reps: set[Beginning] = {(False, (), True)}
        out = set(reps) if low == 0 else set()
        for n in range(1, last + 1):
            reps = _concat(reps, body, k)
            if n >= min(low, k):
                out |= reps
        return out
    return {(False, (), False)}  # ANY, NOT_LITERAL, GROUPREF, conditionals...


def beginnings(tree: Any, k: int) -> set[Beginning] | None:
    """The first ``k`` characters (or fewer) every match of a parsed pattern starts with."""
    try:
        found = _sequence(tree, k)
    except (_Unknown, TypeError, ValueError, AttributeError):
        return None
    if not found or any(not atoms for _, atoms, _ in found):
        return None  # a match may be empty or start with anything
    return found


def _leading_lookbehind(source: str, tree: Any) -> str:
    """The source of a lookbehind every match starts with (``(?<![\\w-])`` of the lexicon
    alternations), or "": the gate tests it first, as the pattern does."""
    first = tree[0] if len(tree) else None
    if first is None or first[0] not in (C.ASSERT, C.ASSERT_NOT) or first[1][0] != -1:
        return ""
    found = _LOOKBEHIND.match(source)
    return found.group(0) if found else ""


def _alternation(atoms: set[tuple[str, ...]]) -> str:
    """``Ja(?:n|...)|...``: grouped by first atom, so ``re`` tests one character per group."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted(atoms):
        if any(seq[:n] in atoms for n in range(1, len(seq))):
            continue  # a shorter beginning lets it through already
        groups.setdefault(seq[0], []).append(seq[1:])
    parts = []
    for first, rests in groups.items():
        if any(not rest for rest in rests):
            parts.append(first)  # the shortest beginning of the group covers the rest
        elif len(rests) == 1:
            parts.append(first + "".join(rests[0]))
        else:
            parts.append(f"{first}(?:{'|'.join(''.join(rest) for rest in rests)})")
    return "|".join(parts)


def gate(source: str, flags: int = 0, limit: int | None = None, depth: int | None = None
         ) -> str | None:
    """The lookahead ``compile_gated`` puts in front of a pattern, or None (see the module).

    ``depth``: how many first characters the gate looks at: by default 3, or 1 for a
    case-insensitive pattern that does not start with a lookbehind (``re`` has no fast path
    for case-insensitive alternatives, so their test costs most where the lookbehind does not
    rule a position out first). ``limit`` (with depth 1): no gate when more characters than
    that can start a match: a wide gate costs more than it saves.
    """
    try:
        tree = _parser.parse(source, flags)
    except re.error:
        return None
    lead = _leading_lookbehind(source, tree)
    depth = depth or (1 if flags & re.IGNORECASE and not lead else 3)
    found = beginnings(tree, depth)
    if found is None:
        return None
    free = {atoms for bounded, atoms, _ in found if not bounded}
    at_word = {atoms for bounded, atoms, _ in found if bounded} - free
    if depth == 1:
        if limit is not None and _size(found) > limit:
            return None
        parts = [f"[{_class(free)}]"] if free else []
        if at_word:
            parts.append(rf"\b[{_class(at_word)}]")
    else:
        parts = [_alternation(free)] if free else []
        if at_word:
            parts.append(rf"\b(?:{_alternation(at_word)})")
    return f"{lead}(?={'|'.join(parts)})"


def _class(atoms: set[tuple[str, ...]]) -> str:
    """The first atoms as the inside of one class: ``[a\\d]`` from ``a`` and ``[\\d]``."""
    return "".join(a[0][1:-1] if a[0].startswith("[") else a[0] for a in sorted(atoms))


def _size(found: set[Beginning]) -> int:
    """How many characters (case folded) can start a match: ranges and categories are many."""
    chars = {atoms[0] for _, atoms, _ in found}
    if any(len(c) > 1 and not (c[0] == "\\" and len(c) == 2 and not c[1].isalpha())
           for c in chars):
        return _MANY
    return len({c[-1].lower() for c in chars})


def compile_gated(source: str, flags: int = 0, *, limit: int | None = None,
                  depth: int | None = None) -> re.Pattern[str]:
    """``re.compile(source, flags)`` with a lookahead of the pattern's possible beginnings in
    front: the same matches, faster scans (``limit``, ``depth``: see ``gate``). Invalid
    patterns raise ``re.error`` as ``re.compile`` does."""
    lookahead = gate(source, flags, limit, depth)
    if lookahead is not None:
        newline = "\n" if flags & re.VERBOSE else ""  # a trailing comment ends here
        try:
            return re.compile(f"{lookahead}(?:{source}{newline})", flags)
        except re.error:  # e.g. global inline flags, which must stay at the start
            pass
    return re.compile(source, flags)


def _required(items: Any) -> set[str] | None:
    """Strings one of which every match of this sequence contains, or None if unknown: the
    most selective set among its mandatory parts (literal runs, groups, alternations)."""
    best: set[str] | None = None
    i = 0
    while i < len(items):
        op, av = items[i]
        found: set[str] | None = None
        if op is C.LITERAL:
            run = []
            while i < len(items) and items[i][0] is C.LITERAL:
                run.append(chr(items[i][1]))
                i += 1
            found = {"".join(run)}
        else:
            i += 1
            if op is C.SUBPATTERN and not (av[1] or av[2]):
                found = _required(av[-1])
            elif op is C.BRANCH:
                found = set()
                for branch in av[1]:
                    sub = _required(branch)
                    if not sub:
                        found = None
                        break
                    found |= sub
            elif op in _REPEATS and av[0] >= 1:
                found = _required(av[2])
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found
    return best


#: id(pattern) -> (pattern, its required literals): hashing a compiled pattern hashes its
#: whole code, so the cache is keyed by identity (the entry keeps the pattern alive)
_REQUIRED: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of a case-sensitive ``pattern`` contains, e.g.
    ``("blamed", "accused")`` for ``(?P<who>\\w+) (?:blamed|accused)``; None if there are none.

    >>> required_literals(re.compile(r"(?P<who>\\w+) (?:blamed|accused)"))
    ('accused', 'blamed')
    """
    entry = _REQUIRED.get(id(pattern))
    if entry is not None and entry[0] is pattern:
        return entry[1]
    found: set[str] | None = None
    if not pattern.flags & re.IGNORECASE:
        try:
            found = _required(_parser.parse(pattern.pattern, pattern.flags))
        except (re.error, TypeError, ValueError, AttributeError):
            found = None
    needed = tuple(sorted(found)) if found and all(found) else None
    _REQUIRED[id(pattern)] = (pattern, needed)
    return needed


def may_match(pattern: re.Pattern[str], text: str, pos: int = 0,
              endpos: int | None = None) -> bool:
    """False when ``pattern`` cannot match inside ``text[pos:endpos]`` because a string every
    match contains is absent (a few ``str.find`` calls instead of a regex scan); else True."""
    needed = required_literals(pattern)
    if needed is None:
        return True
    end = len(text) if endpos is None else endpos
    for literal in needed:
        if text.find(literal, pos, end) != -1:
            return True
    return False
