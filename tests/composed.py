"""Extraction of sentences composed for the tests, as one in-memory document each.

The extraction tests write news-style sentences of their own (never copied from the corpus)
and read what the pipeline makes of them: every mention, or the one mention of a type.
"""

from __future__ import annotations

from datetime import date

from ceasewatch.nlp.pipeline import extract_mentions
from ceasewatch.records import Document, Mention, content_hash


def composed_doc(text: str, published: date, *, language: str = "en",
                 name: str = "composed.txt") -> Document:
    return Document(id=content_hash(text), text=text, origin="test", name=name, format="text",
                    published=published, published_precision="day", language=language)


def mentions_of(text: str, published: date, *, language: str = "en",
                name: str = "composed.txt") -> list[Mention]:
    return extract_mentions(composed_doc(text, published, language=language, name=name))


def one_of(text: str, native: str, published: date, *, language: str = "en",
           name: str = "composed.txt") -> Mention:
    """The single mention of ``native`` type the text yields (fails listing what it found)."""
    found = mentions_of(text, published, language=language, name=name)
    typed = [m for m in found if m.native_type == native]
    assert len(typed) == 1, [(m.native_type, m.evidence) for m in found]
    return typed[0]
