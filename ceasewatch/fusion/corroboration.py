"""How many independent sources report an event: documents, minus copies and relays.

Counting documents counts syndication. Three reductions, applied per event:

1. **Near-duplicate text.** A syndicated or lightly edited copy ("AFP story run by three
   papers") shares most of its word shingles with the original: documents whose MinHash
   Jaccard estimate is at least ``NEAR_DUPLICATE`` count once. Signatures are computed once
   per document and kept in ``document_fingerprints``; they are only compared among the few
   sources of one event, so no global index is needed.
2. **One outlet.** Two documents of the same outlet are one source.
3. **Relays.** A document that reports the event only on another outlet's word ("according
   to the BBC, the violence in October …") is that outlet's report, relayed: it joins the
   source of that outlet when that outlet is already a source, and all relays of one outlet
   count once.

A document is never its own corroboration: several mentions in one document (and the two
languages of a bilingual article) are one source.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ceasewatch.fusion.knowledge import FusionKnowledge, norm_name
from ceasewatch.records import Mention
from ceasewatch.store import Store

NUM_PERM = 128
SHINGLE = 3
NEAR_DUPLICATE = 0.8
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u9fff]")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Word n-grams (CJK characters count as words), lower-cased: the unit of copying."""
    words: list[str] = []
    for token in _WORD.findall(text.casefold()):
        if _CJK.search(token):
            words.extend(token)
        else:
            words.append(token)
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@cache
def _permutations() -> tuple[Any, Any]:
    """The affine maps h -> a*h + b (mod 2^32, ``a`` odd) of the MinHash, from seed 1."""
    import numpy as np

    gen = np.random.RandomState(1)  # the legacy generator: its stream never changes
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(hv: Any) -> Any:
    """MurmurHash3's finalizer: spreads SHA-1's 32 bits before the affine maps."""
    import numpy as np

    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def fingerprint(text: str) -> bytes:
    """The document's MinHash signature, ``NUM_PERM`` minima as little-endian 64-bit words.

    The scheme of datasketch 2's ``MinHash(num_perm=128, seed=1)`` (32-bit SHA-1 of each
    shingle, MurmurHash3 finalizer, affine maps mod 2^32), computed here: importing
    datasketch imports scipy, a second of every ingest's start-up. The same bytes:
    ``tests/test_fusion_corroboration.py`` checks them against datasketch where it is
    installed.
    """
    import numpy as np

    signature = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    sha1 = hashlib.sha1
    # each shingle's 32-bit hash: the first four bytes of its SHA-1, little-endian
    hashes = b"".join([sha1(s).digest()[:4] for s in shingles(text)])
    if hashes:
        a, b = _permutations()
        hv = _fmix32(np.frombuffer(hashes, dtype="<u4").astype(np.uint32).reshape(-1, 1))
        signature = np.minimum(signature, (hv * a + b).min(axis=0))
    return bytes(signature.astype("<u8").tobytes())


def similarity(a: bytes, b: bytes) -> float:
    """MinHash estimate of the Jaccard similarity of two documents' shingles."""
    import numpy as np

    va, vb = np.frombuffer(a, dtype="<u8"), np.frombuffer(b, dtype="<u8")
    if va.shape != vb.shape:
        return 0.0
    return float(np.count_nonzero(va == vb)) / float(len(va))


def ensure_fingerprints(store: Store, doc_ids: Iterable[str]) -> dict[str, bytes]:
    """Signatures of these documents, computing (once) those not yet stored."""
    ids = list(dict.fromkeys(doc_ids))
    known = {d: sig for d, (n, sig) in store.events.fingerprints(ids).items() if n == NUM_PERM}
    for doc_id in ids:
        text = None if doc_id in known else store.events.document_text(doc_id)
        if text is not None:
            sig = fingerprint(text)
            store.events.save_fingerprint(doc_id, NUM_PERM, sig)
            known[doc_id] = sig
    return known


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Documents that count as one independent source, and why they were grouped."""

    docs: tuple[str, ...]
    reasons: tuple[str, ...]


def relayed_outlet(mentions: Sequence[Mention], k: FusionKnowledge) -> str | None:
    """The outlet a document relays for this event, when every mention cites that outlet."""
    outlets = set()
    for m in mentions:
        cited = {k.outlet_of(c) for c in m.claimed_by} - {None}
        if not cited:
            return None
        outlets |= cited
    return outlets.pop() if len(outlets) == 1 else None


def independent_groups(mentions: Sequence[Mention], outlets: Mapping[str, str | None],
                       signatures: Mapping[str, bytes], k: FusionKnowledge) -> list[SourceGroup]:
    """Group an event's source documents into independent sources (union-find)."""
    docs = list(dict.fromkeys(m.doc_id for m in mentions))
    parent = {d: d for d in docs}
    why: dict[str, list[str]] = {d: [] for d in docs}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    def join(a: str, b: str, reason: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
            why[ra] += why.pop(rb, []) + [reason]

    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            if a in signatures and b in signatures:
                sim = similarity(signatures[a], signatures[b])
                if sim >= NEAR_DUPLICATE:
                    join(a, b, f"near-duplicate text (Jaccard ≈ {sim:.2f})")
    by_outlet: dict[str, str] = {}
    for d in docs:
        name = k.outlet_of(outlets.get(d)) or norm_name(outlets.get(d)) or None
        if name:
            if name in by_outlet:
                join(by_outlet[name], d, f"same outlet {name}")
            else:
                by_outlet[name] = d
    for d in docs:
        relayed = relayed_outlet([m for m in mentions if m.doc_id == d], k)
        if relayed is None:
            continue
        if relayed in by_outlet:
            join(by_outlet[relayed], d, f"relays {relayed}")
        else:
            by_outlet[relayed] = d
    groups: dict[str, list[str]] = {}
    for d in docs:
        groups.setdefault(find(d), []).append(d)
    return [SourceGroup(tuple(members), tuple(why.get(root, [])))
            for root, members in groups.items()]
