"""Where documents come from: files, folders, standard input and feed URLs.

:func:`iter_documents` turns what a user typed after ``ceasewatch ingest`` into a stream of
Documents and Rejections, one input at a time, so a batch of thousands never sits in memory
and one bad file never stops the others. Every input that yields no document yields a
Rejection with a one-line reason; nothing is dropped silently except what a folder holds that
is not a document by its extension (images, code, data files, notes) and hidden files.

Format is chosen by extension, then by sniffing the first bytes, so ``report`` (no extension)
or ``-`` (stdin) holding a feed is read as a feed. The network is touched only when the user
gives an http(s) URL.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from ceasewatch.errors import CeasewatchError, InputError
from ceasewatch.ingest.feed import read_feed
from ceasewatch.ingest.html import read_html
from ceasewatch.ingest.metadata import Meta, is_sidecar, read_sidecar
from ceasewatch.ingest.text import read_text
from ceasewatch.records import Document, Rejection

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
#: documents ceasewatch cannot read yet: rejected with a hint rather than skipped unseen
UNSUPPORTED_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub"})
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
#: a larger "document" is a data dump or a mistake; reading it whole would exhaust memory
MAX_BYTES = 50 * 1024 * 1024
FETCH_TIMEOUT = 30
STDIN = "-"


def is_url(path: str) -> bool:
    return path.startswith(("http://", "https://"))


def sniff_format(data: bytes) -> str:
    """``feed``, ``html`` or ``text`` from the first bytes of content of unknown type."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        end = head.find(b"?>")
        head = head[end + 2:].lstrip() if end >= 0 else head
    while head.startswith(b"<!--"):
        end = head.find(b"-->")
        head = head[end + 3:].lstrip() if end >= 0 else b""
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article")):
        return "html"
    return "text"


def format_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return sniff_format(data)


def expand_paths(paths: Sequence[str]) -> Iterator[str]:
    """Inputs in the order they will be read: folders become their documents, recursively,
    sorted by path.

    In a folder, a file is a document by its extension (a corpus folder's README.md, gold
    annotations or scripts are not reports); hidden files and folders and ``*.meta.json``
    sidecars are left out. A file named explicitly is read whatever its name, its format
    sniffed from its content.
    """
    for raw in paths:
        if raw == STDIN or is_url(raw):
            yield raw
            continue
        # provenance outlives the working directory: origins are absolute paths
        path = Path(os.path.abspath(Path(raw).expanduser()))
        if not path.is_dir():
            yield str(path)
            continue
        found = []
        unreadable: list[OSError] = []  # a folder that cannot be listed is reported, not skipped
        for root, dirs, files in os.walk(path, onerror=unreadable.append):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for file in files:
                child = Path(root) / file
                suffix = child.suffix.lower()
                if file.startswith(".") or is_sidecar(child):
                    continue
                if suffix in DOCUMENT_SUFFIXES or suffix in UNSUPPORTED_SUFFIXES:
                    found.append(child)
        found += [Path(os.fsdecode(e.filename)) for e in unreadable if e.filename]
        yield from (str(p) for p in sorted(found))


def count_inputs(paths: Sequence[str]) -> int:
    """How many inputs a batch holds (feeds count once), for a progress bar."""
    return sum(1 for _ in expand_paths(paths))


def _reason(exc: CeasewatchError, origin: str) -> str:
    """One line: the error's own message, naming its file when that is not the document."""
    text = str(exc) if exc.origin and exc.origin != origin else (
        (f"field {exc.field!r}: " if exc.field else "") + exc.message)
    return display_origin(" ".join(text.split()))


def display_origin(raw: str) -> str:
    """A file name as it can be stored and printed: an undecodable byte of a POSIX name (held
    by Python as a lone surrogate) becomes ``\\xff``; the file is still read by its real name.

        >>> display_origin(os.fsdecode(b"0\\xff.txt"))
        '0\\\\xff.txt'
    """
    try:
        raw.encode("utf-8")
        return raw
    except UnicodeEncodeError:
        return raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_path(path: Path, origin: str) -> bytes:
    try:
        if not path.exists():
            if path.is_symlink():
                raise InputError(_broken_link_reason(path), origin=origin)
            raise InputError("no such file or directory", origin=origin)
        if path.is_dir():
            with os.scandir(path):  # a folder that cannot be listed: "unreadable" below
                pass
            raise InputError("a folder, not a file", origin=origin)
        if not path.is_file():
            raise InputError("not a regular file", origin=origin)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size / 1e6:.0f} MB; the limit is "
                             f"{MAX_BYTES / 1e6:.0f} MB)", origin=origin)
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError("unreadable: permission denied", origin=origin) from exc
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}", origin=origin) from exc


def _broken_link_reason(path: Path) -> str:
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a loop this way
        return "a symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
    return f"a broken symbolic link (to {display_origin(os.readlink(path))})"


def _read_stdin() -> bytes:
    """Standard input up to :data:`MAX_BYTES`, read in chunks: a larger stream is refused
    after reading one byte past the limit, never held whole in memory."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data = bytes(stream.read(MAX_BYTES + 1))
    else:
        data = sys.stdin.read(MAX_BYTES + 1).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (over {MAX_BYTES / 1e6:.0f} MB on standard input)",
                         origin=STDIN)
    return data


def _fetch(url: str) -> tuple[bytes, str]:
    """The body of a URL and its content type; only ever called for a URL the user gave."""
    import urllib.error
    import urllib.request

    from ceasewatch import __version__
    request = urllib.request.Request(url, headers={"User-Agent": f"ceasewatch/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise InputError(f"cannot fetch: HTTP {exc.code} {exc.reason}", origin=url) from exc
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"cannot fetch: {reason}", origin=url) from exc
    if len(body) > MAX_BYTES:
        raise InputError("too large to ingest", origin=url)
    return body, kind


def _documents_from_bytes(data: bytes, fmt: str, *, origin: str, name: str, meta: Meta,
                          url: str | None = None) -> Iterator[Document | Rejection]:
    if fmt == "feed":
        yield from read_feed(data, origin=origin, name=name, meta=meta)
    elif fmt == "html":
        yield read_html(data, origin=origin, name=name, meta=meta, url=url)
    else:
        yield read_text(data, origin=origin, name=name, meta=meta,
                        fmt="stdin" if origin == "stdin" else "text")


def _read_input(raw: str, origin: str, option: Meta) -> Iterator[Document | Rejection]:
    if raw == STDIN:
        data = _read_stdin()
        yield from _documents_from_bytes(data, sniff_format(data), origin="stdin", name="stdin",
                                         meta=option)
        return
    if is_url(raw):
        data, kind = _fetch(raw)
        fmt = sniff_format(data)
        if fmt == "text" and ("xml" in kind or "rss" in kind or "atom" in kind):
            fmt = "feed"
        name = raw.rstrip("/").rsplit("/", 1)[-1] or raw
        yield from _documents_from_bytes(data, fmt, origin=raw, name=name, meta=option, url=raw)
        return
    path = Path(raw).expanduser()
    if path.suffix.lower() in UNSUPPORTED_SUFFIXES:
        raise InputError(f"unsupported document format {path.suffix.lower()} (convert it to "
                         "text or HTML first)", origin=origin)
    data = _read_path(path, origin)
    fmt = format_of(path, data)
    meta = option
    if fmt != "feed":
        sidecar = read_sidecar(path)
        if sidecar is not None:
            meta = option.over(sidecar)
    yield from _documents_from_bytes(data, fmt, origin=origin, name=display_origin(path.name),
                                     meta=meta)


def iter_documents(paths: Sequence[str], *, published: date | None = None
                   ) -> Iterator[Document | Rejection]:
    """Documents and Rejections from files, folders, ``-`` (stdin) and feed URLs, in order.

    ``published`` overrides the publication date of every document (``published_source``
    becomes ``"option"``): for a batch of clippings whose date the user knows.
    """
    option = Meta(published=published, published_precision="day" if published else None,
                  published_source="option" if published else None)
    for raw in expand_paths(paths):
        origin = display_origin(raw)
        try:
            yield from _read_input(raw, origin, option)
        except CeasewatchError as exc:
            yield Rejection(origin, _reason(exc, origin), line=exc.line, field=exc.field)
        except RecursionError:  # lxml and html parsers on markup thousands of levels deep
            yield Rejection(origin, "nested too deeply to parse (markup or JSON thousands of "
                                    "levels deep)")
        except Exception as exc:  # a parser bug must cost one input, never the batch
            yield Rejection(origin, f"internal error while reading ({type(exc).__name__}: "
                                 f"{' '.join(str(exc).split())}); please report it")

