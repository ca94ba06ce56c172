"""Claim-level evidence: each claim quotes the sentence that states its value, value marked.

Unit cases for the locator (a summed toll, zero, an ordinal, a Chinese numeral, an alias), a
property test over generated documents, and the dev-corpus check the issue asks for: over
every claim of ``../shared/corpus`` (seeds + dev2 in one store), the marked words, read again
with extraction's own number finders and the alias tables, are the claim's value.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ceasewatch import api
from ceasewatch.fusion.evidence import (
    LOCATED_FIELDS,
    aliases,
    bracketed,
    locate,
    relative_marks,
    states_initiation,
)
from ceasewatch.fusion.inspect import field_label
from ceasewatch.fusion.knowledge import knowledge
from ceasewatch.nlp.stages.numbers import find_numbers_en
from ceasewatch.nlp.zh.numbers import find_numbers as find_numbers_zh
from ceasewatch.records import Claim, Mention

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_pipeline = pytest.mark.skipif(
    importlib.util.find_spec("ceasewatch.nlp.pipeline") is None,
    reason="extraction pipeline missing")


def _mention(text: str, evidence: str) -> Mention:
    start = text.index(evidence)
    return Mention(id="m", doc_id="d", doc_name="d.txt", native_type="armed_clash",
                   event_date=None, date_precision=None, evidence=evidence,
                   evidence_start=start, evidence_end=start + len(evidence))


def _marked(text: str, field: str, value: Any, evidence: str) -> list[str]:
    span = locate(text, _mention(text, evidence), field, value)
    assert span is not None
    assert span.start <= span.marks[0][0] < span.marks[-1][1] <= span.end
    return [text[a:b] for a, b in span.marks]


FIRST = "In October, renewed armed clashes erupted between Afghanistan and Pakistan."
TOLL = "Official figures reported 23 Pakistani and approximately 200 Afghan fatalities."


def test_a_summed_toll_is_quoted_from_its_own_sentence_with_its_addends() -> None:
    text = f"{FIRST} Trade stopped. The border closed.\n{TOLL}"
    value = {"low": 223, "best": 223, "high": 223}
    assert _marked(text, "fatalities", value, FIRST) == ["23", "approximately 200"]


def test_zero_ordinal_chinese_numeral_and_alias() -> None:
    text = "Troops exchanged fire near Spin Boldak. No casualties were reported."
    zero = {"low": 0, "best": 0, "high": 0}
    assert _marked(text, "fatalities", zero, "Troops exchanged fire near Spin Boldak.") == \
        ["No casualties"]
    talks = "Delegations met in Istanbul. It was the third round of talks."
    assert _marked(talks, "round", "3", "Delegations met in Istanbul.") == ["third"]
    zh = "双方在边境交火。冲突造成二十三人死亡。"
    assert _marked(zh, "fatalities", {"low": 23, "best": 23, "high": 23}, "双方在边境交火。") \
        == ["二十三"]
    assert "喀布尔" in aliases("Kabul")
    kabul = "巴基斯坦对喀布尔发动空袭。"
    assert _marked(kabul, "location", {"name": "Kabul", "admin1": "Kabul", "country": "AF",
                                       "precision": "locality"}, kabul) == ["喀布尔"]


def test_a_value_no_sentence_states_is_not_located() -> None:
    text = "Troops exchanged fire near Spin Boldak. Talks went on in Istanbul."
    m = _mention(text, "Troops exchanged fire near Spin Boldak.")
    assert locate(text, m, "fatalities", {"low": 7, "best": 7, "high": 7}) is None
    assert locate(text, m, "round", "2") is None
    assert locate(None, m, "round", "2") is None


def test_bracketed_and_relative_marks() -> None:
    claim = Claim(event_id="e", field="fatalities", value="{}", claimant=None, doc_id="d",
                  mention_id="m", evidence="left dozens dead", evidence_start=100,
                  evidence_end=116, marks=((105, 111),))
    assert relative_marks(claim) == [(5, 11)]
    assert bracketed(claim.evidence, relative_marks(claim)) == "left «dozens» dead"
    stale = Claim(event_id="e", field="fatalities", value="{}", claimant=None, doc_id="d",
                  mention_id="m", evidence="short", evidence_start=100, evidence_end=105,
                  marks=((105, 111),))
    assert relative_marks(stale) == []  # marks outside the sentence are never shown


def _actor_claim(sentence: str, actor: str, side: str) -> Claim:
    a = sentence.index(actor)
    return Claim(event_id="e", field="actor1", value=json.dumps({"name": actor, "side": side}),
                 claimant=None, doc_id="d", mention_id="m", evidence=sentence,
                 evidence_start=0, evidence_end=len(sentence),
                 marks=((a, a + len(actor)),))


def test_an_initiator_only_when_a_text_says_who_started_it() -> None:
    k = knowledge()
    said = _actor_claim("Firing was initiated from the Afghan side at Chaman.", "Afghan", "AF")
    answered = _actor_claim("The Taliban retaliated, and Pakistan launched strikes.",
                            "Taliban", "AF")
    silent = _actor_claim("Pakistani and Afghan troops exchanged fire.", "Pakistani", "PK")
    assert states_initiation(said, k)
    assert not states_initiation(answered, k)  # launched is Pakistan's; the Taliban answered
    assert not states_initiation(silent, k)
    assert field_label("actor1", [{"initiates": False}]) == "parties"
    assert field_label("actor1", [{"initiates": True}]) == "initiator"
    assert field_label("round", []) == "round"


FILLER = st.sampled_from(["Trade was halted.", "Officials met on Monday.",
                          "The crossing stayed closed.", "Talks are planned."])


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 999), st.lists(FILLER, min_size=1, max_size=6), st.integers(0, 6))
def test_a_toll_anywhere_in_the_document_is_found(n: int, filler: list[str], at: int) -> None:
    sentences = list(filler)
    sentences.insert(min(at, len(sentences)), f"At least {n} people were killed.")
    text = "The clash began at dawn near the border. " + " ".join(sentences)
    marks = _marked(text, "fatalities", {"low": n, "best": n, "high": None},
                    "The clash began at dawn near the border.")
    assert len(marks) == 1 and marks[0].endswith(str(n))  # "At least 5": hedge and figure


# -- the dev corpora: every claim's quoted span holds its value ------------------------------

def _states(field: str, value: Any, words: list[str], tails: list[str] | None = None) -> bool:
    """Whether the marked words are the value, read again independently of the locator
    (``tails``: each marked word with the text that follows it)."""
    joined = " ".join(words)
    if field in ("fatalities", "injuries"):
        figures = {v for v in (value.get("low"), value.get("best"), value.get("high"))
                   if isinstance(v, int)}
        if figures == {0}:
            return "no" in joined.casefold() or "无" in joined or "没有" in joined
        from ceasewatch.nlp.arabic_script.dates import find_numbers as find_numbers_arabic
        # a number word is read with the word after it where its reader needs one ("دو عسکر"
        # is two soldiers; a bare "دو" is not read at all)
        read = [next(iter(find_numbers_en(w) or find_numbers_zh(w) or find_numbers_arabic(w)
                          or [n for n in find_numbers_arabic(t) if n.start == 0]), None)
                for w, t in zip(words, tails or words, strict=False)]
        if None in read:
            return False
        points = [n.best if n.best is not None else n.low for n in read]
        return bool(figures & {x for n in read for x in (n.low, n.best, n.high)}) or (
            len(points) > 1 and None not in points and sum(points) in figures)  # type: ignore[arg-type]
    if field == "round":
        return joined.casefold() in {"first", "second", "third", "fourth", "fifth"} or \
            str(value) in joined or "第" in joined
    k = knowledge()
    if field == "location":
        names = [value.get("name"), value.get("admin1")]
        allowed = {*names, *(a for n in names for a in aliases(n)), *k.border_words,
                   *k.side_words.get(str(value.get("country")), ())}
    else:
        allowed = {value.get("name"), *aliases(value.get("name")),
                   *k.side_words.get(str(value.get("side")), ())}
    return joined.casefold() in {str(a).casefold() for a in allowed if a}


def _dated(text: str, a: int, b: int, published: Any) -> bool:
    """Whether the marked words text[a:b] are a date expression, read again by the date
    finders of extraction (English, Chinese, Russian, Arabic script) in the words around
    them ("in May": the finders want the preposition)."""
    from ceasewatch.nlp.arabic_script.dates import find_dates as arabic
    from ceasewatch.nlp.ru.dates import find_dates as russian
    from ceasewatch.nlp.stages.dates import find_dates_en
    from ceasewatch.nlp.zh.dates import find_dates as chinese

    w0 = max(0, a - 15)
    window = text[w0:b + 15]
    return any(d.start < b - w0 and d.end > a - w0
               for find in (find_dates_en, chinese, russian, arabic)
               for d in find(window, published))


@needs_pipeline
@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/corpus not present")
def test_every_claim_of_the_dev_corpora_quotes_a_span_stating_its_value(store) -> None:
    report = api.ingest(store, [str(SHARED / "seeds"), str(SHARED / "dev2" / "articles")])
    assert report.ok
    checked, unlocated, wrong = 0, [], []
    dates, report_dated = 0, 0
    for event in store.events.list():
        for claim in store.events.claims(event.id):
            value = json.loads(claim.value)
            if claim.field not in LOCATED_FIELDS or (isinstance(value, dict)
                                                     and value.get("contested")):
                continue
            text = store.events.document_text(claim.doc_id) or ""
            if claim.field == "event_date":
                dates += 1
                if not claim.marks:  # no words name the day: the report's own date
                    report_dated += 1
                    continue
                assert text[claim.evidence_start:claim.evidence_end] == claim.evidence
                published = store.documents.get(claim.doc_id).published
                if not all(_dated(text, a, b, published) for a, b in claim.marks):
                    words = [text[a:b] for a, b in claim.marks]
                    wrong.append((claim.field, value, words, claim.evidence))
                continue
            checked += 1
            if not claim.marks:
                unlocated.append((claim.field, value, claim.evidence))
                continue
            assert text[claim.evidence_start:claim.evidence_end] == claim.evidence
            words = [text[a:b] for a, b in claim.marks]
            tails = [text[a:b + 15] for a, b in claim.marks]
            if not _states(claim.field, value, words, tails):
                wrong.append((claim.field, value, words, claim.evidence))
    assert checked > 150
    assert wrong == []
    # a claim no sentence states is an extraction error, shown unmarked; they stay rare
    # (2026-12-03: 1 of 251, an actor extraction got wrong)
    assert len(unlocated) <= max(2, checked // 100), unlocated
    # most dates are stated in words; the rest are the report's own date (2026-12-03: 8 of
    # 95 date claims dated by their report)
    assert dates > 80 and report_dated <= dates // 4, (dates, report_dated)


@needs_pipeline
def test_show_disputes_and_pages_quote_the_claims_own_span(store, sample_dir, tmp_path,
        db_target: str) -> None:
    pytest.importorskip("fastapi")
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from ceasewatch.cli.main import cli
    from ceasewatch.web.app import create_app

    db = db_target
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "ingest", str(sample_dir)]).exit_code == 0
    shown = runner.invoke(cli, ["--db", str(db), "disputes"])
    assert shown.exit_code == 0
    assert "Official figures reported «23» Pakistani and «approximately 200» Afghan" in \
        shown.output
    assert "left «dozens» dead" in shown.output
    # casualties by side, UCDP-style; an open toll is "at least", with the words that said it
    assert "223 (23 PK, 200 AF)" in shown.output
    assert "at least 24 (reported as 'dozens')" in shown.output and "24–?" not in shown.output
    # each voice's blame is quoted from the sentence where it is said, the blamed side marked
    assert "initiated from the «Afghan» side" in shown.output
    assert "According to the Afghan military, «Pakistan» used" in shown.output
    # an unattributed report is its outlet's own reporting, never a file name
    assert "RNA's own reporting" in shown.output
    rows = json.loads(runner.invoke(cli, ["--db", str(db), "--json", "disputes"]).output)
    # a claim stated in another sentence than the report's is credited to whom that sentence
    # names: "According to BBC, …" does not make the BBC the source of a later "dozens"
    dozens = [p for r in rows for p in r["positions"] if "dozens" in p["value"]]
    assert dozens and all("BBC" not in "; ".join(p["claimants"]) for p in dozens)
    quotes = [q for r in rows for p in r["positions"] for q in p["quotes"]]
    assert any(q["marks"] for q in quotes)
    for q in quotes:
        assert all(0 <= a < b <= len(q["text"]) for a, b in q["marks"])
    # the violation ledger quotes each accuser's own sentence
    ledger = json.loads(runner.invoke(cli, ["--db", str(db), "--json", "violations"]).output)
    said = {v["alleged_violator"]: " ".join(v["evidence"]) for v in ledger}
    assert "firing was initiated from the Afghan side" in said["AF"]
    assert "According to the Afghan military, Pakistan used" in said["PK"]
    client = TestClient(create_app(str(db), uploads_dir=tmp_path / "u"))
    page = client.get("/disputes").text
    assert '<mark class="value">approximately 200</mark>' in page
    toll = next(r for r in rows if r["field"] == "fatalities")
    event_page = client.get(f"/events/{toll['event_id']}").text
    assert '<mark class="value">dozens</mark>' in event_page


@needs_pipeline
def test_a_date_claim_quotes_the_words_that_date_the_event() -> None:
    """The date is quoted where its words stand, even a sentence before the event's ("On
    Saturday…" then "The attackers…"); a date no words state (the report's own) is not
    located, and so is shown unmarked."""
    from datetime import date

    from ceasewatch.fusion.claims import mention_claims
    from ceasewatch.nlp.pipeline import extract_mentions
    from ceasewatch.records import Document

    text = ("Militants stormed a police post in Bannu on Saturday night.\n"
            "Two policemen were killed in the attack, officials said.\n")
    doc = Document(id="d1", name="bannu.txt", origin="bannu.txt", format="text", text=text,
                   published=date(2025, 11, 10),
                   language="en")
    mentions = extract_mentions(doc)
    assert mentions
    m = mentions[0]
    claim = next(c for c in mention_claims("e", m, text) if c.field == "event_date")
    marked = [text[a:b] for a, b in claim.marks]
    assert marked in (["on Saturday night"], ["Saturday night"], ["on Saturday"],
                      ["Saturday"]), marked
    assert claim.evidence in text and claim.evidence.startswith("Militants")
    undated = Document(id="d2", name="x.txt", origin="x.txt", format="text",
                       text="Militants stormed a police post in "
                       "Bannu, killing two policemen.\n", published=date(2025, 11, 10),
                       language="en")
    for m in extract_mentions(undated):
        claim = next(c for c in mention_claims("e", m, undated.text)
                     if c.field == "event_date")
        assert claim.marks == () or list(claim.marks) == []
