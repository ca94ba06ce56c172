"""Local HTTP servers for the watcher's tests: a feed server whose feeds change between polls
(and fail, answer slowly or redirect on demand) and a webhook receiver. 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes
    content_type: str = "application/rss+xml"
    fail: int = 0  # answer this many requests with ``fail_status`` first
    fail_status: int = 500
    delay_s: float = 0.0
    redirect_to: str | None = None
    conditional: bool = True  # honour If-None-Match (False: a server that always sends all)
    last_modified: str = field(default_factory=lambda: formatdate(usegmt=True))

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _SiteHandler)
        self.routes: dict[str, Route] = {}
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def set(self, path: str, body: str | bytes, **options: Any) -> Route:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            old = self.routes.get(path)
            route = Route(data, **options)
            if old is not None and old.body == data and "last_modified" not in options:
                route.last_modified = old.last_modified
            self.routes[path] = route
        return route

    def hits(self, path: str) -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.requests if r["path"] == path]


class _SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer

    def log_message(self, *_: Any) -> None:
        pass

    def do_GET(self) -> None:
        srv = self.server
        with srv.lock:
            route = srv.routes.get(self.path)
            record = {"path": self.path, "headers": dict(self.headers), "status": 404}
            srv.requests.append(record)
            failing = route is not None and route.fail > 0
            if failing and route is not None:
                route.fail -= 1
        if route is None:
            return self._answer(404, b"not found", "text/plain")
        if route.delay_s:
            time.sleep(route.delay_s)
        if failing:
            record["status"] = route.fail_status
            return self._answer(route.fail_status, b"server error", "text/plain")
        if route.redirect_to:
            record["status"] = 302
            self.send_response(302)
            self.send_header("Location", route.redirect_to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if route.conditional and self.headers.get("If-None-Match") == route.etag:
            record["status"] = 304
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.end_headers()
            return None
        record["status"] = 200
        return self._answer(200, route.body, route.content_type, route)

    def _answer(self, status: int, body: bytes, kind: str, route: Route | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if route is not None:
            self.send_header("ETag", route.etag)
            self.send_header("Last-Modified", route.last_modified)
        self.end_headers()
        self.wfile.write(body)


class WebhookReceiver(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HookHandler)
        self.received: list[dict[str, Any]] = []
        self.headers_seen: list[dict[str, str]] = []
        self.fail = 0
        self.lock = threading.Lock()
        self.arrived = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _HookHandler(BaseHTTPRequestHandler):
    server: WebhookReceiver

    def log_message(self, *_: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with self.server.lock:
            failing = self.server.fail > 0
            if failing:
                self.server.fail -= 1
            else:
                self.server.received.append(json.loads(body))
                self.server.headers_seen.append(dict(self.headers))
        self.send_response(503 if failing else 204)
        self.send_header("Content-Length", "0")
        self.end_headers()
        if not failing:
            self.server.arrived.set()


@contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[Any]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def rss(title: str, entries: list[dict[str, str]]) -> str:
    """An RSS 2.0 feed; each entry's ``guid``, ``title``, ``link``, ``description``, ``date``."""
    items = "".join(
        f"<item><guid>{e['guid']}</guid><title>{e['title']}</title><link>{e['link']}</link>"
        f"<description>{e['description']}</description><pubDate>{e['date']}</pubDate></item>"
        for e in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://127.0.0.1/</link>"
            f"<description>test feed</description>{items}</channel></rss>")


def article(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>(c) Test News</footer>"
            f"</body></html>")
