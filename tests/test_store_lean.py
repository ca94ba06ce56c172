"""A lean store (issue 16): a claim's evidence sentence is stored once, in its document."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ceasewatch.records import Claim, Document, Event, content_hash
from ceasewatch.store import Store

TEXT = ("Officials said 喀布尔 was calm.\nPakistani troops clashed with Afghan forces near "
        "Chaman on 7 November 2025, killing 5.\nThe ministry denied it.")


def _setup(store: Store, text: str = TEXT) -> Document:
    doc = Document(id=content_hash(text), text=text, origin="/x/a.txt", name="a.txt",
                   format="text", published=date(2025, 11, 8))
    with store.atomic():
        store.documents.add(doc)
        store.events.save(Event(id="e1", native_type="armed_clash",
                                event_date=date(2025, 11, 7), date_precision="day"))
    return doc


def _claim(doc: Document, evidence: str, start: int, end: int) -> Claim:
    return Claim(event_id="e1", field="fatalities", value="5", claimant=None, doc_id=doc.id,
                 mention_id="m1", evidence=evidence, evidence_start=start, evidence_end=end,
                 marks=((start + 1, start + 2),) if start >= 0 else ())


def test_exact_spans_are_stored_as_offsets_and_read_back_whole(store: Store) -> None:
    doc = _setup(store)
    sentence = TEXT.splitlines()[1]
    start = TEXT.index(sentence)
    claims = [_claim(doc, sentence, start, start + len(sentence)),
              _claim(doc, "a paraphrase, not the span", start, start + len(sentence)),
              _claim(doc, "not located", -1, -1),
              _claim(doc, TEXT.splitlines()[0], 0, len(TEXT.splitlines()[0]))]
    with store.atomic():
        store.events.replace_claims("e1", claims)
    assert store.events.claims("e1") == sorted(claims, key=lambda c: c.field)
    kept = [r[0] for r in store.db.query("SELECT evidence FROM claims ORDER BY id")]
    assert kept == ["", "a paraphrase, not the span", "not located", ""]


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=60), cut=st.tuples(st.integers(0, 60),
                                                             st.integers(0, 60)))
def test_any_span_of_any_text_round_trips(text: str,
                                          cut: tuple[int, int]) -> None:
    from ceasewatch.store import open_store

    text = text.replace("\x00", "")
    if not text.strip():
        return
    start, end = sorted(min(c, len(text)) for c in cut)
    with open_store(":memory:") as store:
        doc = _setup(store, text)
        claim = _claim(doc, text[start:end], start, end)
        with store.atomic():
            store.events.replace_claims("e1", [claim])
        assert store.events.claims("e1") == [claim]
