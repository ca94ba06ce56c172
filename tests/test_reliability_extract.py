"""Issue 15, row 3: extraction time grew superlinearly with article size because attribution
compared every sentence with every candidate. Counted, not timed: how many candidates
attribution reads must grow in proportion to the article."""

from __future__ import annotations

from collections.abc import Iterator

from ceasewatch.ingest.metadata import Meta
from ceasewatch.ingest.text import make_document
from ceasewatch.nlp.context import Candidate
from ceasewatch.nlp.pipeline import analyse_document
from ceasewatch.nlp.stages import attribution

SENTENCE = "Troops clashed near Chaman, killing 5, officials said. "


class CountingList(list[Candidate]):
    """A list that counts the items handed out by iteration."""

    reads = 0

    def __iter__(self) -> Iterator[Candidate]:
        for item in super().__iter__():
            CountingList.reads += 1
            yield item


def _candidates_read(repeats: int) -> int:
    doc = make_document(SENTENCE * repeats, origin="h.txt", name="h.txt", fmt="text",
                        meta=Meta(language="en"))
    ctx = analyse_document(doc)
    assert len(ctx.candidates) >= repeats  # one clash per sentence
    ctx.candidates = CountingList(ctx.candidates)
    CountingList.reads = 0
    attribution.attribute(ctx)  # the stage again, on what the pipeline left
    return CountingList.reads


def test_row3_attribution_work_grows_linearly_with_the_article() -> None:
    small, large = _candidates_read(100), _candidates_read(400)
    assert small > 0
    assert large <= 4 * small * 1.25, (small, large)  # scanning all per sentence: 16x
