"""Conditional, compressed JSON answers for the read API: ETags, 304s, gzip, a small cache.

A monitor's dashboard polls ``/api/events`` every few seconds while the store changes a few
times an hour. Each answer is kept (body, gzip body, ETag) under its URL together with the
store's data version (:meth:`ceasewatch.store.database.Database.data_version`, which moves
on every commit by any process); while the version is unchanged the same URL is answered
from memory without a query, and a client that sends the ETag back (``If-None-Match``) gets
``304 Not Modified`` and no body. The ETag is the body's hash, so it is right whichever way
the body was made; an answer built inside a transaction (no version) is never kept.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from ceasewatch.store import Store

#: answers kept (a page of 50 events is about 40 KiB, 10 KiB gzipped)
CACHE_ENTRIES = 256
#: bodies smaller than this are sent as they are: gzip would save less than its headers
GZIP_MIN_BYTES = 1024


@dataclass(frozen=True, slots=True)
class Answer:
    version: tuple[int, int] | None
    etag: str
    body: bytes
    gzipped: bytes | None


class AnswerCache:
    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries = entries
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, version: tuple[int, int] | None) -> Answer | None:
        if version is None:
            return None
        with self._lock:
            answer = self._answers.get(key)
            if answer is None or answer.version != version:
                return None
            self._answers.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer) -> None:
        if answer.version is None:
            return
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.entries:
                self._answers.popitem(last=False)


def make_answer(body: dict[str, Any], version: tuple[int, int] | None) -> Answer:
    data = json.dumps(body, ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"'
    packed = gzip.compress(data, compresslevel=5) if len(data) >= GZIP_MIN_BYTES else None
    return Answer(version, etag, data, packed)


def conditional_json(request: Request, store: Store, build: Callable[[], dict[str, Any]],
                     cache: AnswerCache, *, variant: str = "") -> Response:
    """The JSON ``build()`` makes for this URL, from the cache while the store is unchanged;
    304 when the client holds it already, gzip when the client takes it. ``variant`` tells
    apart answers of one URL that differ by who asks (the public's verified-only view)."""
    key = variant + ":" + request.url.path + "?" + request.url.query
    version = store.db.data_version()
    answer = cache.get(key, version)
    if answer is None:
        answer = make_answer(build(), version)
        # a commit while building: file it under the version read before, which is now
        # stale, so the next request builds again rather than serve an old body as new
        cache.put(key, answer)
    headers = {"ETag": answer.etag, "Vary": "Accept-Encoding", "Cache-Control": "no-cache"}
    if _matches(request.headers.get("if-none-match"), answer.etag):
        return Response(status_code=304, headers=headers)
    if answer.gzipped is not None and "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(answer.gzipped, media_type="application/json", headers=headers)
    return Response(answer.body, media_type="application/json", headers=headers)


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag in tags or "*" in tags
