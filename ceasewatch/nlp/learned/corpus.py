"""The annotated corpus the models learn from and are measured on.

Three sources, all real reporting annotated by ``../shared/corpus/ANNOTATION.md``:
``../shared/corpus/seeds`` and ``../shared/corpus/dev2`` (the shared development corpora) and
the team's own batches under ``corpus/<batch>/`` (``articles/`` + ``gold.jsonl``). Each of the
team's articles belongs to one split, fixed by a hash of its file name so that it never moves
when the corpus grows: ``blind`` (about 30 %, never tuned or trained on; scored only to
report) or ``train``. The shared corpora are ``dev``: trained on and gated in CI.

    >>> split_of("e1_001_dawn_torkham_clash.txt") in ("train", "blind")
    True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ceasewatch.records import Document

#: share of the team's articles held out as the blind split, in tenths
BLIND_TENTHS = 3


def split_of(doc_name: str) -> str:
    """``blind`` or ``train``, from the file name alone (stable as the corpus grows)."""
    digest = hashlib.sha256(doc_name.encode("utf-8")).digest()
    return "blind" if digest[0] % 10 < BLIND_TENTHS else "train"


@dataclass
class AnnotatedDoc:
    doc: Document
    gold: list[dict[str, Any]] = field(default_factory=list)
    split: str = "train"
    batch: str = ""


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def shared_corpus() -> Path:
    return repo_root().parent / "shared" / "corpus"


def batch_folders(root: Path | None = None) -> list[Path]:
    """The team's annotated batches: every ``corpus/<batch>/`` holding a gold file."""
    base = root or repo_root() / "corpus"
    return sorted(p.parent for p in base.glob("*/gold.jsonl"))


def read_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.setdefault(str(rec["doc"]).split("/")[-1], []).append(rec)
    return out


def _documents(folder: Path) -> Iterator[Document]:
    from ceasewatch.ingest.sources import iter_documents

    for item in iter_documents([str(folder)]):
        if isinstance(item, Document):
            yield item


def load_set(articles: Path, gold_path: Path, *, split: str | None, batch: str
             ) -> list[AnnotatedDoc]:
    """One folder of articles with its gold; ``split=None`` assigns each by its name."""
    gold = read_gold(gold_path)
    return [AnnotatedDoc(d, gold.get(d.name, []), split or split_of(d.name), batch)
            for d in _documents(articles)]


def load_corpus(*, shared: bool = True, team: bool = True) -> list[AnnotatedDoc]:
    """Every annotated document available here, in a stable order."""
    docs: list[AnnotatedDoc] = []
    base = shared_corpus()
    if shared and (base / "seeds.gold.jsonl").exists():
        docs += load_set(base / "seeds", base / "seeds.gold.jsonl", split="dev", batch="seeds")
    if shared and (base / "dev2" / "gold.jsonl").exists():
        docs += load_set(base / "dev2" / "articles", base / "dev2" / "gold.jsonl", split="dev",
                         batch="dev2")
    if team:
        for folder in batch_folders():
            docs += load_set(folder / "articles", folder / "gold.jsonl", split=None,
                             batch=folder.name)
    return docs
