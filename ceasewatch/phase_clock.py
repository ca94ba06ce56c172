"""Where ingestion spends its time: seconds per phase, summed over a batch.

``api.ingest(..., clock=PhaseClock())`` adds up the wall time of each phase of every document
(reading, extraction, storing the document with its full-text entry and mentions, fusion, the
accords ledger, the commit), so a benchmark can tell which one grows as the store grows
(``bench/bench_growth.py``). Each phase is timed twice: wall time, and this process's CPU time,
which other programs on a busy machine do not inflate. Without a clock nothing is timed.

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
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    #: each document's own time (extraction to its stored analysis), for percentiles
    per_document: list[float] = field(default_factory=list)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        began, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - began, time.process_time() - cpu)

    def add(self, name: str, seconds: float, cpu_seconds: float = 0.0) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + cpu_seconds

    def ms_per_document(self, documents: int, *, cpu: bool = False) -> dict[str, float]:
        """Milliseconds per document of each phase that ran, in pipeline order."""
        n = max(documents, 1)
        spent = self.cpu_seconds if cpu else self.seconds
        return {p: 1000 * spent[p] / n for p in PHASES if p in spent}


def timed(clock: PhaseClock | None, name: str) -> AbstractContextManager[None]:
    """``clock.phase(name)``, or a context that times nothing when there is no clock."""
    return clock.phase(name) if clock is not None else nullcontext()
