"""Where ingestion spends its time: seconds per phase, summed over a batch.

``api.ingest(..., clock=PhaseClock())`` adds up the wall time of each phase of every document
(reading, extraction, storing the document with its full-text entry and mentions, fusion, the
accords ledger, the commit), so a benchmark can tell which one grows as the store grows
(``bench/bench_growth.py``). Without a clock nothing is timed.

    >>> clock = PhaseClock()
    >>> with clock.phase("extract"):
    ...     pass
    >>> sorted(clock.seconds)
    ['extract']
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field

#: the phases of one document's ingestion, in the order they run
PHASES = ("read", "extract", "document", "mentions", "fusion", "accords", "commit")


@dataclass
class PhaseClock:
    seconds: dict[str, float] = field(default_factory=dict)
    #: each document's own time (extraction to its stored analysis), for percentiles
    per_document: list[float] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        began = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - began

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def ms_per_document(self, documents: int) -> dict[str, float]:
        """Milliseconds per document of each phase that ran, in pipeline order."""
        n = max(documents, 1)
        return {p: 1000 * self.seconds[p] / n for p in PHASES if p in self.seconds}


def timed(clock: PhaseClock | None, name: str) -> AbstractContextManager[None]:
    """``clock.phase(name)``, or a context that times nothing when there is no clock."""
    return clock.phase(name) if clock is not None else nullcontext()
