"""Property: whatever bytes arrive, ingestion yields Documents or Rejections with a reason,
never a traceback and never the catch-all "internal error" that would mean a parser bug."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceasewatch import api
from ceasewatch.ingest.sources import iter_documents
from ceasewatch.records import Document, Rejection, content_hash
from ceasewatch.store import open_store

SUFFIXES = (".txt", ".html", ".xml", ".rss", ".atom", "")

text_bits = st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
markup = st.sampled_from(["<p>", "</p>", "<html>", "<body>", "<item>", "</item>", "<title>",
                          "<description>", "<![CDATA[", "]]>", "&amp;", "&#0;", "<entry>",
                          "<content type='html'>", "<?xml version='1.0' encoding='utf-8'?>",
                          "<meta charset='utf-16'>", "\x00", "\ufeff"])
#: arbitrary bytes, and byte strings that look like the formats so the parsers go deep
payloads = st.one_of(
    st.binary(max_size=600),
    st.lists(st.one_of(text_bits, markup), max_size=25).map(lambda xs: "".join(xs).encode()),
    st.builds(lambda body: (b"<?xml version='1.0'?><rss version='2.0'><channel><title>t"
                            b"</title><item><title>x</title><description>" + body +
                            b"</description></item></channel></rss>"), st.binary(max_size=300)),
    st.builds(lambda body: b"<html><head><title>t</title></head><body><article><p>" + body +
              b"</p></article></body></html>", st.binary(max_size=300)),
)


def check(item: Document | Rejection) -> None:
    if isinstance(item, Rejection):
        assert item.reason and "\n" not in item.reason
        assert "internal error" not in item.reason, item.reason
    else:
        assert isinstance(item, Document)
        assert item.text.strip() and item.id == content_hash(item.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash_reading(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(iter_documents([str(path)]))
    assert items
    for item in items:
        check(item)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payloads, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_crash_storing(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        with open_store(Path(tmp) / "t.db") as store:
            report = api.ingest(store, [str(path), str(path)], extract=False)
            outcomes = [r.outcome for r in report.results]
            half = len(outcomes) // 2
            # the second reading of the same bytes adds nothing
            assert "added" not in outcomes[half:]
            assert store.documents.count() == outcomes.count("added")
