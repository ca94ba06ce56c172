"""Built extraction resources (gazetteer, actor dictionary) cached on disk between processes.

Building the gazetteer parses five thousand GeoNames rows and folds every name; a short CLI
command (``ceasewatch extract one.txt``) would spend most of its time on that. The first
process that builds a resource pickles it under ceasewatch's cache directory
(``$CEASEWATCH_CACHE_DIR``, else the platform's user cache dir, else the temp dir); later
processes load the pickle, several times faster.

A cache file starts with a key made from the size and modification time of every file the
resource is built from, code included; anything that changes one of them makes a new key, and
the resource is built again and the file replaced. ``CEASEWATCH_NO_CACHE=1`` turns the cache
off. A missing, stale, unreadable or unwritable cache is never an error: the resource is built
as if there were none.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """Where ceasewatch keeps caches: never the current directory."""
    env = os.environ.get("CEASEWATCH_CACHE_DIR")
    if env:
        return Path(env)
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("ceasewatch"))
    except Exception:  # platformdirs missing or no home: the temp dir still works
        return Path(tempfile.gettempdir()) / "ceasewatch"


def _key(sources: Iterable[Path]) -> bytes:
    digest = hashlib.sha256(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    for path in sorted(set(sources)):
        st = path.stat()
        digest.update(f"|{path}|{st.st_size}|{st.st_mtime_ns}".encode())
    return digest.hexdigest().encode()


def _load(handle: BinaryIO) -> Any:
    # tens of thousands of small objects: the cyclic garbage collector would walk them all
    # several times while they are created, for nothing
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()


def cached(name: str, build: Callable[[], T], sources: Iterable[Path]) -> T:
    """``build()``, or the value an earlier process built from the same ``sources``."""
    if os.environ.get("CEASEWATCH_NO_CACHE"):
        return build()
    try:
        key = _key(sources)
        # one file per installation, so that two checkouts do not keep replacing each other's
        here = hashlib.sha256(str(Path(__file__).resolve().parent).encode()).hexdigest()[:10]
        path = cache_dir() / f"{name}-{here}.pickle"
    except OSError:
        return build()
    try:
        with path.open("rb") as handle:
            if handle.readline().rstrip(b"\n") == key:
                return _load(handle)
    except Exception:  # missing, stale, truncated or from another version: build it
        pass
    value = build()
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key + b"\n")
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except Exception:  # a read-only or full disk costs speed, never the result
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return value


def module_files(*modules: str) -> list[Path]:
    """The source files of modules (e.g. ``__name__``): the code a resource is built by."""
    return [Path(sys.modules[m].__file__ or m) for m in modules]


def data_files(*folders: Path) -> list[Path]:
    """Every file under some data folders."""
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]
