"""Fuzzing every parser of untrusted input (issue 15): hypothesis properties that a parser
returns or rejects with a reason, never crashes; the crashing examples found so far are kept
in ``fuzz_corpus/`` and replayed here. The long campaign is ``bench/fuzz_campaign.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_targets import TARGETS, corpus_cases, run_target
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

DATEISH = st.sampled_from(["2025-02-29", "0001-01-01", "9999-12-31", "2025-13-01", "1900-01-01",
                           "2099-12-31", "February 30, 2025", "last week", "yesterday",
                           "10月19日", "上月", "۲۷ میزان ۱۴۰۴", "Mon, 01 Jan 0001 00:00:00 GMT",
                           "", "\ud800", "\x00", "\u202e", "<", "&#0;", "]]>"])
WORDS = st.sampled_from(["Pakistani troops", "clashed with", "Afghan forces", "near Chaman",
                         "killing 5", "officials said.", "on", "\n\n", "在", "交火", "طالبان"])
TEXTISH = st.lists(st.one_of(WORDS, DATEISH, st.text(max_size=20)), max_size=30).map(" ".join)


def _no_crash(target: str, data: bytes) -> None:
    found = run_target(target, data)
    assert found is None, f"{target}: {type(found).__name__}: {found}"


@pytest.mark.parametrize(("target", "path"), corpus_cases(),
                         ids=[f"{t}-{p.stem}" for t, p in corpus_cases()])
def test_corpus_of_crashing_examples_is_handled(target: str, path: Path) -> None:
    _no_crash(target, path.read_bytes())


def test_the_corpus_keeps_the_crashes_of_issue_15() -> None:
    assert {t for t, _ in corpus_cases()} >= {"extract", "sidecar", "any_file"}


@FAST
@given(st.one_of(st.binary(max_size=2000), TEXTISH.map(lambda t: t.encode("utf-8",
                                                                            "surrogatepass"))))
def test_fuzz_text_and_extraction(data: bytes) -> None:
    _no_crash("text", data)
    _no_crash("extract", data)


TAGS = st.sampled_from(["div", "p", "article", "script", "style", "span", "h1", "html", "body",
                        "meta", "time", "a", "!--", "![CDATA["])


@st.composite
def html_pages(draw: Any) -> bytes:
    depth = draw(st.integers(0, 400))
    tag = draw(TAGS)
    inner = draw(TEXTISH)
    attrs = draw(st.sampled_from(["", ' charset="x-nonsense"', ' content="0001-01-01"',
                                  ' datetime="9999-12-31"', ' class="\ud800"']))
    page = (f"<html><head><meta{attrs}><title>{draw(DATEISH)}</title></head><body>"
            + f"<{tag}>" * depth + inner + f"</{tag}>" * depth + "</body></html>")
    return page.encode("utf-8", "surrogatepass")


@FAST
@given(st.one_of(html_pages(), st.binary(max_size=500)))
def test_fuzz_html(data: bytes) -> None:
    _no_crash("html", data)


@st.composite
def feeds(draw: Any) -> bytes:
    entries = "".join(
        f"<item><title>{draw(DATEISH)}</title><pubDate>{draw(DATEISH)}</pubDate>"
        f"<guid>{draw(st.text(max_size=80))}</guid><description>{draw(TEXTISH)}"
        "</description></item>" for _ in range(draw(st.integers(0, 4))))
    kind = draw(st.sampled_from(["rss", "atom", "broken"]))
    if kind == "atom":
        return (f"<feed xmlns='http://www.w3.org/2005/Atom'><entry><updated>{draw(DATEISH)}"
                f"</updated><id>{draw(st.text(max_size=30))}</id><summary>{draw(TEXTISH)}"
                "</summary></entry></feed>").encode("utf-8", "surrogatepass")
    body = f"<?xml version='1.0'?><rss version='2.0'><channel>{entries}</channel></rss>"
    if kind == "broken":
        body = body[:draw(st.integers(0, len(body)))]
    return body.encode("utf-8", "surrogatepass")


@FAST
@given(st.one_of(feeds(), st.binary(max_size=500)))
def test_fuzz_feed(data: bytes) -> None:
    _no_crash("feed", data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
    | DATEISH, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
SIDECAR_KEYS = st.sampled_from(["published", "url", "outlet", "language", "title", "authors",
                                "note", "x"])


@FAST
@given(st.one_of(
    st.dictionaries(SIDECAR_KEYS, JSON_VALUES, max_size=7).map(
        lambda d: json.dumps(d, ensure_ascii=True).encode()),
    st.integers(0, 5000).map(lambda n: b"[" * n + b"]" * n),
    st.binary(max_size=300)))
def test_fuzz_sidecar(data: bytes) -> None:
    _no_crash("sidecar", data)


ACCORD_KEYS = st.sampled_from(["id", "title", "parties", "mediators", "signed", "in_force",
                               "place", "commitments", "kind", "source", "accords"])


@FAST
@given(st.one_of(
    st.dictionaries(ACCORD_KEYS, JSON_VALUES, max_size=8).map(
        lambda d: yaml.safe_dump(d, allow_unicode=False).encode()),
    st.binary(max_size=300)))
def test_fuzz_accord_files(data: bytes) -> None:
    _no_crash("accord_yaml", data)
    _no_crash("accord_toml", data)


@FAST
@given(st.one_of(DATEISH, st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,3}){0,2}(T[0-9:.+Z-]{0,20})?\Z"),
                 st.text(max_size=30)))
def test_fuzz_publication_dates(text: str) -> None:
    _no_crash("date_value", text.encode("utf-8", "surrogatepass"))


@FAST
@given(st.one_of(st.binary(max_size=600), feeds(), html_pages()))
def test_fuzz_any_file_is_a_document_or_a_rejection(data: bytes) -> None:
    _no_crash("any_file", data)


def test_every_target_is_fuzzed_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    assert all(f'"{name}"' in source for name in TARGETS)
