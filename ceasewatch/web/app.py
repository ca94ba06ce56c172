"""The web application: JSON API and server-rendered pages over one store.

    >>> from ceasewatch.web.app import create_app
    >>> app = create_app("monitor.db", token="s3cret")          # doctest: +SKIP

Design choices, datasette-style:

* every page has a JSON twin under ``/api`` and every error, page or API, has one shape:
  ``{"error": {"status": 404, "message": "no event 'e12'"}}`` (pages show it as HTML);
* writes (uploading a report) always need the token, in a header (``Authorization: Bearer T``
  or ``X-Ceasewatch-Token: T``): a missing one is 401, a wrong one 403, and with no token
  configured uploads are refused (403) rather than open to anyone — all decided from the
  headers, before the body is read (``web/guards.py``), which also bounds every body and adds
  the security headers (CSP ``'self'``, ``nosniff``, ``frame-ancestors 'none'``);
* uploads are analysed by one worker thread with its own connection and a bounded queue
  (``web/uploads.py``), never on the event loop;
* reads are public unless ``public_read=False``, then they need the same token, sent as
  ``Authorization: Bearer T``, ``X-Ceasewatch-Token: T``, ``?token=T`` or the
  ``ceasewatch_token`` cookie (which ``?token=`` sets, so a browser can navigate);
* FastAPI's ``/docs`` would load Swagger UI from a CDN, so it is off: ``/openapi.json`` is
  served, and ``/api-docs`` is a local page generated from it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ceasewatch.errors import CeasewatchError, NotAllowedError, NotFoundError, StoreError
from ceasewatch.records import User
from ceasewatch.review.workflow import TokenCache
from ceasewatch.store import Store, open_store
from ceasewatch.web.caching import AnswerCache
from ceasewatch.web.guards import FORM_OVERHEAD, BodyTooLarge, RequestGuard, tokens_equal
from ceasewatch.web.uploads import UploadWorker

TOKEN_COOKIE = "ceasewatch_token"
TOKEN_HEADER = "X-Ceasewatch-Token"


class ApiError(Exception):
    """An error with an HTTP status, rendered in the one error envelope."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}


def request_token(request: Request, *, headers_only: bool = False) -> str | None:
    """The token a request carries. Writes accept headers only: a cookie or a URL parameter
    could be replayed by another site's form or leak through logs."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    if request.headers.get(TOKEN_HEADER):
        return request.headers[TOKEN_HEADER]
    if headers_only:
        return None
    return request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE) or None


def request_user(request: Request, *, headers_only: bool = False) -> User | None:
    """The user whose token the request carries (``ceasewatch review users add``), if any."""
    given = request_token(request, headers_only=headers_only)
    if given is None:
        return None
    found: User | None = request.app.state.users.authenticate(get_store(request), given)
    return found


def require_reviewer(request: Request) -> User:
    """A named analyst or editor, by their own token in a header (never a cookie: another
    site's form could replay it)."""
    if request_token(request, headers_only=True) is None:
        raise ApiError(401, "reviewing needs your own token: send 'Authorization: Bearer "
                            "<token>' (ceasewatch review users add NAME --role analyst)")
    user = request_user(request, headers_only=True)
    if user is None:
        raise ApiError(403, "the token is not a reviewer's token (a user's token is needed; "
                            "the server's shared token names nobody)")
    if user.role not in ("analyst", "editor"):
        raise ApiError(403, f"{user.name} is a {user.role}; reviewing needs the analyst or "
                            "editor role")
    return user


def check_token(request: Request, *, write: bool) -> None:
    """401 when no token is sent, 403 when it is wrong (or when writes are not configured).
    A user's own token counts too: any role reads, analysts and editors upload."""
    expected: str | None = request.app.state.token
    user = request_user(request, headers_only=write)
    if user is not None and (not write or user.role in ("analyst", "editor")):
        return
    if expected is None:
        if write:
            raise ApiError(403, "uploads are disabled: start the server with --token or "
                                "$CEASEWATCH_TOKEN to allow them")
        return
    given = request_token(request, headers_only=write)
    if given is None:
        raise ApiError(401, "a token is required: send 'Authorization: Bearer <token>'")
    if not tokens_equal(given, expected):
        raise ApiError(403, "the token is not valid")


def require_read(request: Request) -> None:
    if not request.app.state.public_read:
        check_token(request, write=False)


def require_write(request: Request) -> None:
    check_token(request, write=True)


def published_only(request: Request, asked: bool = False) -> bool:
    """Whether this request sees only verified items: asked for (``verified_only=true``), or
    the server publishes only those (``serve --verified-only``) and the request is not an
    analyst's or editor's."""
    if asked:
        return True
    if not request.app.state.verified_only:
        return False
    user = request_user(request)
    return user is None or user.role == "reader"


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        where = err.get("loc", ("",))[0]
        name = ".".join(loc) or str(where)
        parts.append(f"{where} parameter {name!r}: {err.get('msg', 'invalid')}"
                     if where in ("query", "path") else f"{name}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _wants_html(request: Request) -> bool:
    return _is_page(request.url.path)


def _is_page(path: str) -> bool:
    return not path.startswith("/api") and path != "/openapi.json"


def _error_response(request: Request, status: int, message: str) -> Response:
    if _wants_html(request):
        from ceasewatch.web.pages import render_error

        return render_error(request, status, message)
    return JSONResponse(error_body(status, message), status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        response = _error_response(request, exc.status, exc.message)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        return _error_response(request, 404, str(exc))

    @app.exception_handler(StoreError)
    async def store_busy(request: Request, exc: StoreError) -> Response:
        response = _error_response(request, 503, f"the store is not available: {exc}")
        response.headers["Retry-After"] = "30"
        return response

    @app.exception_handler(NotAllowedError)
    async def not_allowed(request: Request, exc: NotAllowedError) -> Response:
        return _error_response(request, 403, str(exc))

    @app.exception_handler(CeasewatchError)
    async def user_error(request: Request, exc: CeasewatchError) -> Response:
        return _error_response(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error_response(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        too_large = _body_limit_cause(exc)
        if too_large is not None:  # cut off while the form was parsed
            return _error_response(request, 413, str(too_large))
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        if exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return _error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:  # never a bare traceback
        return _error_response(request, 500, f"internal error ({type(exc).__name__}); "
                                             "please report it")


def _body_limit_cause(exc: BaseException) -> BodyTooLarge | None:
    """The :class:`BodyTooLarge` behind a body-parsing error, however the parser wrapped it."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None or isinstance(seen, BodyTooLarge):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def create_app(store_path: str | Path | Store, *, token: str | None = None,
               public_read: bool = True, uploads_dir: str | Path | None = None,
               verified_only: bool = False, upload_process: bool = False) -> FastAPI:
    """The app over the database at ``store_path`` (or an open :class:`Store`); uploads are
    analysed in a worker process with ``upload_process`` (``web/uploads.py``), else in a
    worker thread."""
    from ceasewatch import __version__
    from ceasewatch.web import api, monitoring, pages, review

    store = store_path if isinstance(store_path, Store) else open_store(store_path)

    uploads = UploadWorker(store, processes=upload_process)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        uploads.close()
        if not isinstance(store_path, Store):  # a store we opened is ours to close
            store.close()

    app = FastAPI(title="ceasewatch", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  description="Ceasefire and conflict monitoring from open sources: documents, "
                              "fused events with their evidence, disputes, accords and alleged "
                              "violations. Errors: {\"error\": {\"status\", \"message\"}}.")
    app.state.store = store
    app.state.uploads = uploads
    app.state.answers = AnswerCache()
    app.state.token = token or None
    app.state.public_read = public_read
    #: publish only what analysts verified to anyone who is not an analyst or editor
    app.state.verified_only = verified_only
    app.state.users = TokenCache()
    app.state.uploads_dir = Path(uploads_dir) if uploads_dir else _default_uploads(store)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(packages=[("ceasewatch.web", "static")]), name="static")
    app.include_router(monitoring.router)
    app.include_router(api.router)
    app.include_router(review.router)
    app.include_router(pages.router)

    # a page's ?token= (the server's, or an analyst's own) sets the cookie
    app.add_middleware(TokenCookie, token=token or "",
                       users=lambda given: app.state.users.authenticate(store, given))

    # outermost: a write's token and size are checked before its body is read
    def uploader(given: str) -> bool:
        user = app.state.users.authenticate(store, given)
        return user is not None and user.role in ("analyst", "editor")

    app.add_middleware(RequestGuard, token=app.state.token, accept=uploader,
                       max_body=api.MAX_UPLOAD_BYTES + FORM_OVERHEAD,
                       writes=frozenset({("POST", "/api/documents")}))
    return app


class TokenCookie:
    """``?token=`` on a page sets the cookie, so the following navigation keeps it.

    Plain ASGI: Starlette's ``@app.middleware("http")`` wraps every response in a stream
    and a task, which cost the cached event list a third of its requests per second.
    """

    def __init__(self, app: ASGIApp, token: str,
                 users: Callable[[str], object | None] | None = None) -> None:
        self.app = app
        self.token = token
        self.users = users  # an analyst's own token names a user

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or b"token=" not in scope.get("query_string", b""):
            await self.app(scope, receive, send)
            return
        given = parse_qs(scope["query_string"].decode("latin-1")).get("token", [""])[0]
        known = (self.token and tokens_equal(given, self.token)) or (
            self.users is not None and self.users(given) is not None)
        if not (given and _is_page(scope.get("path", "")) and known):
            await self.app(scope, receive, send)
            return

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                cookie = Response()
                cookie.set_cookie(TOKEN_COOKIE, given, httponly=True, samesite="strict")
                message = dict(message)
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in cookie.raw_headers
                                        if k == b"set-cookie"]]
            await send(message)

        await self.app(scope, receive, with_cookie)


def _default_uploads(store: Store) -> Path:
    """Uploaded reports are kept beside the database, so their origin stays a real file."""
    if store.path == ":memory:":
        import tempfile

        return Path(tempfile.mkdtemp(prefix="ceasewatch-uploads-"))
    if store.backend == "postgresql":  # a URL has no folder: the user data directory's
        from ceasewatch.store import default_db_path

        return default_db_path().parent / "uploads"
    return Path(store.path).expanduser().resolve().parent / "uploads"


def html(content: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(content, status_code=status)

