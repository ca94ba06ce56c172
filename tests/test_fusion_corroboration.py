"""Independent sources: the same article twice, syndicated copies and relayed outlets."""

from __future__ import annotations

import hashlib
from datetime import date

from fusion_factory import (
    AF,
    PK,
    SPIN_BOLDAK,
    article,
    ingest,
    make_doc,
    make_mention,
    reingest,
)

from ceasewatch.fusion.corroboration import fingerprint, shingles, similarity
from ceasewatch.records import Casualties, Document

NOV6 = date(2025, 11, 6)


def _clash(doc, **kw):
    return make_mention(doc, "armed_clash", NOV6, place=SPIN_BOLDAK, actor1=PK, actor2=AF, **kw)


def test_the_same_article_under_two_names_is_one_document_and_one_source(store):
    text = article(400, 1)
    first = make_doc(text, "rna-2025-11-07.txt", outlet="RNA")
    second = make_doc(text + "\n\n", "copy-of-rna.html", outlet="RNA")
    assert first.id == second.id  # content identity, whitespace aside
    ingest(store, first, [_clash(first, mention_id="m1")])
    assert ingest(store, second, [_clash(second, mention_id="m1")]) == []
    # a re-analysis of the known document fuses the same mention ids again
    reingest(store, second, [_clash(second, mention_id="m1")])
    [event] = store.events.list()
    assert event.sources == ("rna-2025-11-07.txt",)
    assert event.independent_sources == 1 and event.mention_ids == ("m1",)
    assert set(store.documents.origins(first.id)) == {"/corpus/rna-2025-11-07.txt",
                                                      "/corpus/copy-of-rna.html"}


def test_a_syndicated_copy_is_a_second_source_but_not_an_independent_one(store):
    text = article(500, 2)
    original = make_doc(text, "afp.txt", outlet="AFP")
    edited = text.replace("border", "frontier", 3) + " Copyright Daily Mirror 2025."
    copy = make_doc(edited, "mirror.txt", outlet="Daily Mirror")
    other = make_doc(article(500, 3), "dawn.txt", outlet="Dawn")
    ingest(store, original, [_clash(original)])
    ingest(store, copy, [_clash(copy)])
    [event] = store.events.list()
    assert event.sources == ("afp.txt", "mirror.txt")
    assert event.independent_sources == 1
    ingest(store, other, [_clash(other, fatalities=Casualties(0, 0, 0))])
    assert store.events.list()[0].independent_sources == 2


def test_a_report_relaying_an_outlet_already_counted_is_not_independent(store):
    bbc = make_doc(article(300, 4), "bbc.txt", outlet="BBC News")
    relay = make_doc(article(300, 5), "blog.txt")
    ingest(store, bbc, [_clash(bbc)])
    ingest(store, relay, [_clash(relay, claimed_by=("according to the BBC",))])
    [event] = store.events.list()
    assert len(event.sources) == 2 and event.independent_sources == 1


def test_two_relays_of_one_outlet_count_once_and_own_reporting_counts(store):
    docs = [make_doc(article(300, 10 + i), f"r{i}.txt") for i in range(3)]
    ingest(store, docs[0], [_clash(docs[0], claimed_by=("Reuters",))])
    ingest(store, docs[1], [_clash(docs[1], claimed_by=("news agency Reuters reported",))])
    ingest(store, docs[2], [_clash(docs[2], claimed_by=("Afghan military",))])
    [event] = store.events.list()
    assert len(event.sources) == 3 and event.independent_sources == 2


def test_two_articles_of_one_outlet_are_one_source(store):
    a = make_doc(article(300, 20), "rna-1.txt", outlet="RNA")
    b = make_doc(article(300, 21), "rna-2.txt", outlet="RNA")
    ingest(store, a, [_clash(a)])
    ingest(store, b, [_clash(b)])
    assert store.events.list()[0].independent_sources == 1


def test_minhash_tells_copies_from_different_articles():
    text = article(600, 30)
    assert similarity(fingerprint(text), fingerprint(text + " Reuters")) >= 0.8
    assert similarity(fingerprint(text), fingerprint(article(600, 31))) < 0.3
    assert "巴 基 斯" in {s.decode() for s in shingles("巴基斯坦")}


def test_fingerprints_keep_the_bytes_of_datasketch_minhash():
    """Signatures stored by earlier versions (datasketch's MinHash) still compare."""
    text = "Pakistani troops clashed with Afghan forces near Torkham on Sunday."
    assert hashlib.sha256(fingerprint(text)).hexdigest() == (
        "710aaa52e9e2e10cc41fbdb65480ad709fb347160990b62081752d7759185b40")
    assert fingerprint("") == b"\xff\xff\xff\xff\0\0\0\0" * 128
    try:
        from datasketch import MinHash
    except ImportError:
        return
    if getattr(MinHash(), "scheme", None) != "affine32":
        return  # datasketch 1's legacy scheme: not the one signatures are stored in
    for t in (text, article(600, 30), "巴基斯坦 军队", "one two"):
        mh = MinHash(num_perm=128, seed=1)
        mh.update_batch(list(shingles(t)))
        assert fingerprint(t) == bytes(mh.hashvalues.astype("<u8").tobytes())


def test_fingerprints_are_computed_once_per_document(store):
    doc: Document = make_doc(article(300, 40), "fp.txt")
    ingest(store, doc, [_clash(doc)])
    stored = store.events.fingerprints([doc.id])
    assert list(stored) == [doc.id]
    assert stored[doc.id][1] == fingerprint(doc.text)
