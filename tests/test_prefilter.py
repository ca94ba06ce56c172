"""Regex gates (``nlp/prefilter.py``): faster scans that never change a match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasewatch.nlp.prefilter import compile_gated, gate, may_match, required_literals

#: shapes the extraction patterns use: literal alternations, classes, word boundaries,
#: optional and repeated parts, lookarounds, named groups, verbose mode
PATTERNS: list[tuple[str, int]] = [
    (r"(?:January|June|Jul\.?)\s+(?P<d>[12]\d|3[01]|0?[1-9])\b(?:,?\s+(?P<y>(?:19|20)\d\d))?",
     0),
    (r"\b(?P<rel>[Ll]ast|[Nn]ext)\s+(?P<wd>Monday|Sunday)\b|\b(?P<year>(?:19|20)\d\d)\b", 0),
    (r"(?<![\w-])(?:(?:no)|(?:not)|(?:n't)|(?:never)|(?:avoid(?:ed|ing)?))(?![\w])",
     re.IGNORECASE),
    (r"(?<![\w-])(?:(?:air ?strikes?)|(?:clash(?:es|ed)?)|(?:[A-Z]+ attacks?))(?![\w])", 0),
    (r"\b(?:(?P<h>about|at\s+least)?\s*(?P<n>\d+|two|a\s+dozen))\b", re.IGNORECASE),
    (r"""(?P<a>\d+)\s*(?:-|to)\s*(?P<b>\d+)   # a range
       | (?P<w>[a-c]{2,3})x?                  # letters""", re.VERBOSE),
    (r"(?:a|b)*c", 0),
    (r"(?P<who>(?:[\w'-]+\s){0,2}(?:officials?|army))\s+(?:said|reported)", 0),
    (r"[^abc]x|y", 0),  # a negated class: no gate
    (r"a?", 0),  # may match the empty string: no gate
]
TEXT = st.text(alphabet="abcxyAJMLNnto12 9-'\n,.Junealrsidyfmkpv", max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_gated_patterns_find_exactly_what_the_pattern_finds(text: str) -> None:
    for source, flags in PATTERNS:
        plain, fast = re.compile(source, flags), compile_gated(source, flags)
        for depth in (1, 2, 3):
            deep = compile_gated(source, flags, depth=depth)
            for p in (fast, deep):
                assert [(m.span(), m.groupdict() or m.groups(), m.lastgroup)
                        for m in p.finditer(text)] == [
                    (m.span(), m.groupdict() or m.groups(), m.lastgroup)
                    for m in plain.finditer(text)], (source, depth, text)
                assert bool(p.match(text)) == bool(plain.match(text))


def test_the_gate_is_the_possible_beginnings() -> None:
    assert gate(r"(?:January|June)\s+\d+|\b[Ll]ast\s+year") == r"(?=J(?:an|un)|\b(?:[Ll]as))"
    # a leading lookbehind is tested first, as the pattern itself does
    assert gate("(?<![\\w-])(?:no|never|[Aa]void)", re.IGNORECASE) == \
        r"(?<![\w-])(?=[Aa]vo|n(?:ev|o))"
    assert gate("(?<![\\w-])(?:no|never)|x", re.IGNORECASE) == "(?=[nx])"  # not every match
    assert gate(r"\b(?:\d+|two)", depth=1) == r"(?=\b[\dt])"


def test_no_gate_where_beginnings_are_unknown_or_empty() -> None:
    for source in (r"[^abc]x", r"a?", r".x", r"(?i:a)b", r"(a)?(?(1)b|c)"):
        assert gate(source) is None
        assert compile_gated(source).pattern == source
    # too many first characters for a case-insensitive pattern with a limit
    assert gate("(?:a|b|c|d)x", re.IGNORECASE, limit=3) is None


def test_an_invalid_pattern_raises_as_re_does() -> None:
    try:
        compile_gated("(unclosed")
    except re.error:
        pass
    else:  # pragma: no cover
        raise AssertionError("expected re.error")


def test_required_literals_and_may_match() -> None:
    blame = re.compile(
        r"(?P<who>(?:\w+\s){0,3}(?:army|officials?))\s+(?:\w+\s+)?(?:blamed|accused)")
    assert required_literals(blame) == ("accused", "blamed")
    assert not may_match(blame, "the army said it was attacked")
    assert may_match(blame, "the army blamed Kabul")
    assert not may_match(blame, "the army blamed Kabul", 0, 12)  # "blamed" lies beyond endpos
    assert required_literals(re.compile("x?y*")) is None
    assert required_literals(re.compile("officials", re.IGNORECASE)) is None
    assert may_match(re.compile(r"\w+"), "anything")  # nothing required: always worth a scan


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abdelmuyrcs d", max_size=40))
def test_may_match_never_skips_a_match(text: str) -> None:
    pattern = re.compile(r"(?:\w+ )?(?:blamed|accused|said)")
    if not may_match(pattern, text):
        assert pattern.search(text) is None
