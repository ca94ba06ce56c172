"""One polite HTTP GET: a user agent, a timeout, conditional headers, a size limit.

Only the standard library's ``urllib`` touches the network (redirects are followed, and the
final URL reported); a source's ``ETag`` and ``Last-Modified`` go back as ``If-None-Match`` and
``If-Modified-Since``, and a ``304 Not Modified`` costs the outlet no body and ceasewatch no
parsing. Every failure is a :class:`FetchError` with a one-line reason and, where the server
answered, its status and ``Retry-After``.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from ceasewatch.errors import CeasewatchError

MAX_BYTES = 50 * 1024 * 1024
DEFAULT_TIMEOUT_S = 20.0


def user_agent() -> str:
    from ceasewatch import __version__

    return f"ceasewatch/{__version__} (ceasefire monitor; +https://github.com/ceasewatch)"


class FetchError(CeasewatchError):
    """A fetch that gave no usable body: network error, timeout, HTTP error, too large."""

    def __init__(self, message: str, *, url: str, status: int | None = None,
                 retry_after_s: float | None = None) -> None:
        super().__init__(message, origin=url)
        self.status = status
        self.retry_after_s = retry_after_s


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 with an empty body
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None,
          timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    headers = {"User-Agent": user_agent(), "Accept-Encoding": "identity",
               "Accept": "application/atom+xml, application/rss+xml, application/xml, "
                         "text/xml, text/html;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(max_bytes + 1)
            final = response.geturl()
            info = response.headers
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, 304, b"", "", exc.headers.get("ETag") or etag,
                           exc.headers.get("Last-Modified") or last_modified)
        raise FetchError(f"HTTP {exc.code} {exc.reason}", url=url, status=exc.code,
                         retry_after_s=retry_after(exc.headers.get("Retry-After"))) from exc
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s", url=url) from exc
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(f"timed out after {timeout:g} s", url=url) from exc
        raise FetchError(f"cannot fetch: {reason}", url=url) from exc
    except (OSError, ValueError) as exc:
        raise FetchError(f"cannot fetch: {exc}", url=url) from exc
    if len(body) > max_bytes:
        raise FetchError(f"too large (over {max_bytes / 1e6:.0f} MB)", url=url)
    return Fetched(final, status, body, info.get_content_type(), info.get("ETag"),
                   info.get("Last-Modified"))


def retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds (a number, or an HTTP date relative to now)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from datetime import UTC, datetime

        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
