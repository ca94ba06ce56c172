"""Every parser of untrusted input as a fuzz target: ``target(data: bytes) -> None`` must
return, or raise a :class:`CeasewatchError` (a rejection with a reason); anything else is a
bug. Shared by the hypothesis properties (``test_fuzz.py``), the corpus of crashing examples
kept in ``fuzz_corpus/<target>/`` (replayed by every test run) and the long campaign
(``bench/fuzz_campaign.py``).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from ceasewatch.accords.accord_file import load_accord_text
from ceasewatch.errors import CeasewatchError
from ceasewatch.ingest.feed import read_feed
from ceasewatch.ingest.html import read_html
from ceasewatch.ingest.metadata import Meta, parse_date_value, read_sidecar
from ceasewatch.ingest.sources import iter_documents, sniff_format
from ceasewatch.ingest.text import read_text
from ceasewatch.records import Rejection

CORPUS_DIR = Path(__file__).resolve().parent / "fuzz_corpus"
Target = Callable[[bytes], None]


def fuzz_text(data: bytes) -> None:
    read_text(data, origin="fuzz.txt", name="fuzz.txt", meta=Meta())


def fuzz_html(data: bytes) -> None:
    read_html(data, origin="fuzz.html", name="fuzz.html", meta=Meta())


def fuzz_feed(data: bytes) -> None:
    list(read_feed(data, origin="fuzz.xml", name="fuzz.xml", meta=Meta()))


def fuzz_sidecar(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        doc = Path(folder) / "r.txt"
        doc.write_bytes(b"Clashes near Chaman.")
        (Path(folder) / "r.meta.json").write_bytes(data)
        read_sidecar(doc)


def fuzz_accord_yaml(data: bytes) -> None:
    load_accord_text(data.decode("utf-8", "replace"), "fuzz.yaml")


def fuzz_accord_toml(data: bytes) -> None:
    load_accord_text(data.decode("utf-8", "replace"), "fuzz.toml", toml=True)


def fuzz_date_value(data: bytes) -> None:
    try:
        parse_date_value(data.decode("utf-8", "replace"))
    except ValueError:
        pass  # the documented answer for "not a date"


def fuzz_extract(data: bytes) -> None:
    """Read as text, then the whole extraction pipeline."""
    from ceasewatch.nlp.pipeline import extract_mentions

    try:
        doc = read_text(data, origin="fuzz.txt", name="fuzz.txt", meta=Meta())
    except CeasewatchError:
        return
    extract_mentions(doc)


def fuzz_any_file(data: bytes) -> None:
    """A file of any content under a sniffed name, read as ``ingest`` reads it and extracted:
    every input must come back as a document or a rejection, never be lost or crash."""
    from ceasewatch.nlp.pipeline import extract_mentions

    suffix = {"feed": ".xml", "html": ".html", "text": ".txt"}[sniff_format(data)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("fuzz" + suffix)
        path.write_bytes(data)
        items = list(iter_documents([str(path)]))
    if not items:
        raise AssertionError("an input gave neither a document nor a rejection")
    for item in items:
        if isinstance(item, Rejection) and "internal error" in item.reason:
            raise AssertionError(item.reason)
        json.dumps(item.origin)  # storable, printable
        if not isinstance(item, Rejection):
            extract_mentions(item)


TARGETS: dict[str, Target] = {
    "text": fuzz_text,
    "html": fuzz_html,
    "feed": fuzz_feed,
    "sidecar": fuzz_sidecar,
    "accord_yaml": fuzz_accord_yaml,
    "accord_toml": fuzz_accord_toml,
    "date_value": fuzz_date_value,
    "extract": fuzz_extract,
    "any_file": fuzz_any_file,
}


def run_target(name: str, data: bytes) -> BaseException | None:
    """The unexpected exception ``data`` raises in target ``name``, or None."""
    try:
        TARGETS[name](data)
    except CeasewatchError:
        return None
    except Exception as exc:  # the point of fuzzing: anything else is a finding
        return exc
    return None


def keep_crash(name: str, data: bytes) -> Path:
    """Save a crashing input in the corpus, named by its content, for every later test run."""
    import hashlib

    folder = CORPUS_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (hashlib.sha256(data).hexdigest()[:16] + ".bin")
    path.write_bytes(data)
    return path


def corpus_cases() -> list[tuple[str, Path]]:
    if not CORPUS_DIR.is_dir():
        return []
    return sorted((d.name, f) for d in CORPUS_DIR.iterdir() if d.is_dir() and d.name in TARGETS
                  for f in d.iterdir() if f.is_file() and not f.name.startswith("."))

