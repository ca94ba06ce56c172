"""What every request passes before the app sees it: the token and the body size of a write,
checked before the body is read, and the security headers on every response.

Starlette parses a multipart form (spooling files to disk) before FastAPI resolves the
dependency that checks the token, so an anonymous client could make the server write 200 MB
before hearing 401. :class:`RequestGuard` is plain ASGI and sits outside the app: a write
without a valid token is answered from its headers alone, a ``Content-Length`` over the limit
is 413 at once, and a body that streams past the limit without announcing its length is cut
off at the limit (413), never buffered whole.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the largest request body accepted on any route: an upload of MAX_UPLOAD_BYTES plus the
#: multipart envelope and the small form fields
FORM_OVERHEAD = 64 * 1024

#: pages load only their own scripts, styles, images and data; nobody may frame them
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)


def tokens_equal(given: str, expected: str) -> bool:
    """Constant-time comparison that accepts any text (``secrets.compare_digest`` raises on
    non-ASCII ``str``: ``?token=%C3%A9`` was a 500)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogatepass"),
                                  expected.encode("utf-8", "surrogatepass"))


def header_token(headers: dict[bytes, bytes]) -> str | None:
    """The token of ``Authorization: Bearer T`` or ``X-Ceasewatch-Token: T``."""
    auth = headers.get(b"authorization", b"").decode("latin-1")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    value = headers.get(b"x-ceasewatch-token", b"").decode("latin-1")
    return value or None


def inline_script_csp(body: bytes) -> str:
    """The CSP of a self-contained page (the sitrep): its own inline scripts by hash, and
    nothing else."""
    hashes = " ".join(
        "'sha256-" + _b64(hashlib.sha256(m.group(1)).digest()) + "'"
        for m in _INLINE_SCRIPT.finditer(body))
    return CSP.replace("script-src 'self'", f"script-src 'self' {hashes}".rstrip())


def _b64(raw: bytes) -> str:
    import base64

    return base64.b64encode(raw).decode("ascii")


class RequestGuard:
    """ASGI middleware: token and size of writes before their body, headers on every answer.

    ``token`` None means writes are disabled (403); ``writes`` are the (method, path) pairs
    that need it (another method on a path is the router's 405); ``max_body`` bounds every
    request body.
    """

    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int,
                 writes: frozenset[tuple[str, str]],
                 accept: Callable[[str], bool] | None = None) -> None:
        self.app = app
        self.token = token
        self.accept = accept  # a user's own token that may write (analysts, editors)
        self.max_body = max_body
        self.writes = writes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        headers = dict(scope.get("headers") or [])
        if (scope["method"], scope["path"].rstrip("/")) in self.writes:
            refusal = self._refuse_write(headers)
            if refusal is not None:
                await _reply(send, *refusal)
                return
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await _reply(send, 400, "Content-Length is not a number")
                return
            if length > self.max_body:
                await _reply(send, 413, self._too_large())
                return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._bounded(receive, send), tracking_send)
        except BodyTooLarge as exc:
            if started:
                raise
            await _reply(send, 413, str(exc))

    def _refuse_write(self, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        given = header_token(headers)
        if given is not None and self.accept is not None and self.accept(given):
            return None
        if self.token is None:
            return 403, ("uploads are disabled: start the server with --token or "
                         "$CEASEWATCH_TOKEN to allow them")
        if given is None:
            return 401, "a token is required: send 'Authorization: Bearer <token>'"
        if not tokens_equal(given, self.token):
            return 403, "the token is not valid"
        return None

    def _too_large(self) -> str:
        return f"the request is larger than {self.max_body // 1024} KiB"

    def _bounded(self, receive: Receive, send: Send) -> Receive:
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self._too_large())
            return message

        return bounded

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in _OURS]
                csp = dict(message.get("headers", [])).get(b"content-security-policy")
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                headers.append((b"content-security-policy", csp or CSP.encode()))
                message = dict(message, headers=headers)
            await send(message)

        return send_with_headers


_OURS = frozenset({k.encode() for k in SECURITY_HEADERS} | {b"content-security-policy"})


class BodyTooLarge(Exception):
    """A body that streamed past the limit; the app answers 413."""


async def _reply(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    headers = [(b"content-type", b"application/json"),
               (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    if status == 413:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
