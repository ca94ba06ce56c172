"""The watcher's loop: poll what is due, deliver alerts, sleep until the next source is due.

All state is in the store (each source's validators, failures and next due time; each
delivered item; each alert's delivery), so a watcher killed mid-way and started again goes on
where it stopped without ingesting or alerting twice. It stops cleanly when ``stop`` is set
(``ceasewatch watch`` sets it on SIGTERM and SIGINT): the poll in progress finishes and is
stored — every write is a transaction — and the loop returns.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from ceasewatch.errors import StoreError
from ceasewatch.store import Store
from ceasewatch.watch.fetch import DEFAULT_TIMEOUT_S
from ceasewatch.watch.poll import PollOutcome, poll_source
from ceasewatch.watch.schedule import next_poll

LogLine = Callable[[dict[str, Any]], None]
#: the longest sleep between two looks at the store (a source added meanwhile is seen then)
IDLE_S = 1.0


def json_line(record: dict[str, Any]) -> None:
    """One structured log line on standard output, flushed (a cron log or journald reads it)."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


@dataclass
class WatchSummary:
    polls: int = 0
    errors: int = 0
    added: int = 0
    alerts_delivered: int = 0
    alerts_failed: int = 0


def run_watch(store: Store, *, once: bool = False, max_polls: int | None = None,
              stop: threading.Event | None = None, log: LogLine = json_line,
              timeout: float = DEFAULT_TIMEOUT_S, base_url: str | None = None,
              retry_s: float = 30.0, idle_s: float = IDLE_S) -> WatchSummary:
    """Poll due sources until stopped (``once``: each due source once; ``max_polls``: that
    many polls in all), delivering alerts after every poll."""
    stop = stop or threading.Event()
    summary = WatchSummary()
    log({"at": _now_iso(), "event": "start", "sources": len(store.sources.list())})
    while not stop.is_set():
        for source in store.sources.due(datetime.now(UTC)):
            if stop.is_set() or _enough(summary, max_polls):
                break
            outcome = _poll_guarded(store, source, timeout, log, stop)
            if outcome is None:
                continue
            summary.polls += 1
            summary.errors += outcome.status == "error"
            summary.added += outcome.added
            log(outcome.log_record())
            _deliver(store, summary, log, base_url, timeout, retry_s)
        _deliver(store, summary, log, base_url, timeout, retry_s)
        if once or _enough(summary, max_polls):
            break
        stop.wait(_sleep_for(store, idle_s))
    log({"at": _now_iso(), "event": "stop", "polls": summary.polls, "errors": summary.errors,
         "added": summary.added, "alerts_delivered": summary.alerts_delivered})
    return summary


def _enough(summary: WatchSummary, max_polls: int | None) -> bool:
    return max_polls is not None and summary.polls >= max_polls


def _poll_guarded(store: Store, source: Any, timeout: float, log: LogLine,
                  stop: threading.Event) -> PollOutcome | None:
    """A poll that cannot stop the watcher: a store problem waits and is logged; a bug backs
    the source off like a network error, logged with its reason."""
    try:
        return poll_source(store, source, timeout=timeout, stop=stop)
    except StoreError as exc:
        log({"at": _now_iso(), "event": "store-error", "source": source.name,
             "error": str(exc)})
        time.sleep(1.0)
        return None
    except Exception as exc:
        failures = source.failures + 1
        moment = datetime.now(UTC)
        state = replace(source, failures=failures, last_polled=moment, last_status="error",
                        last_error=f"internal error: {type(exc).__name__}: {exc}",
                        next_due=next_poll(moment, source.every_s, failures))
        try:
            with store.atomic():
                store.sources.save_state(state)
        except Exception as again:  # the store itself is failing: say so, go on
            log({"at": _now_iso(), "event": "store-error", "source": source.name,
                 "error": str(again)})
        return PollOutcome(state, status="error", error=state.last_error)


def _deliver(store: Store, summary: WatchSummary, log: LogLine, base_url: str | None,
             timeout: float, retry_s: float) -> None:
    from ceasewatch.alerts.delivery import deliver_pending
    from ceasewatch.watch.fetch import user_agent

    try:
        done = deliver_pending(store, base_url=base_url, timeout=timeout, retry_s=retry_s,
                               user_agent=user_agent())
    except StoreError as exc:
        log({"at": _now_iso(), "event": "store-error", "error": str(exc)})
        return
    for d in done:
        summary.alerts_delivered += d.ok
        summary.alerts_failed += not d.ok
        log({"at": _now_iso(), "event": "alert", "key": d.key, "webhook": d.webhook,
             "status": "delivered" if d.ok else "failed", "http": d.status, "error": d.error})


def _sleep_for(store: Store, idle_s: float) -> float:
    due = store.sources.next_due()
    if due is None:
        return idle_s
    return min(max((due - datetime.now(UTC)).total_seconds(), 0.01), idle_s)


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
