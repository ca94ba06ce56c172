"""Chinese word segmentation (jieba) that keeps the theater's names whole, and sentence splitting.

Chinese has no spaces, so a name found by substring search may be a piece of a longer word:
"巴塔" (the TTP) inside "巴塔哥尼亚" (Patagonia), "阿军" inside "阿军队". jieba's own dictionary
splits unknown names apart ("斯平布尔达克" -> "斯平/布尔/达克"), so the segmenter is given a user
dictionary built from every Chinese alias file (``data/*/place_aliases.zh.tsv``,
``actor_aliases.zh.tsv`` and their Traditional twins ``*.zh-Hant.tsv``); a name match is then
accepted only where it starts and ends on word boundaries.

jieba builds a prefix dictionary on first use (about a second, cached on disk afterwards) and
logs to stderr while doing it; the tokenizer here is created lazily, once per process, writes
its cache under ceasewatch's cache directory (``CEASEWATCH_CACHE_DIR`` or the platform's user
cache dir, falling back to the temp dir) and is silenced.

Example::

    >>> [w for w, _, _ in segment("巴军方对帕克提卡省发动空袭")]
    ['巴军方', '对', '帕克提卡省', '发动', '空袭']
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ceasewatch.nlp.resource_cache import cache_dir  # where jieba's cache lives

_DATA = Path(__file__).resolve().parents[2] / "data"
#: frequency given to alias words: high enough that jieba never splits them
_ALIAS_FREQ = 100_000
_lock = threading.Lock()
_tokenizer: Any = None
#: seconds the last initialisation took (dictionary load + user words), for ``bench/``
init_seconds: float | None = None

_SENTENCE_END = re.compile(r"[^。！？!?；\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")


def alias_words() -> list[str]:
    """Every Chinese alias in the data files (all theaters), the user dictionary's words."""
    words: set[str] = set()
    paths = [*_DATA.glob("theaters/*/*_aliases.zh.tsv"),
             *_DATA.glob("theaters/*/*_aliases.zh-Hant.tsv")]
    for path in sorted(paths):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            alias = line.split("\t", 1)[0].strip()
            if alias:
                words.add(alias)
    return sorted(words)


def _build_tokenizer(extra_words: Iterable[str] = ()) -> Any:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        directory = Path(tempfile.gettempdir())
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(directory)
    tokenizer.initialize()
    for word in [*alias_words(), *extra_words]:
        tokenizer.add_word(word, freq=_ALIAS_FREQ)
    return tokenizer


def tokenizer() -> Any:
    """The process-wide jieba tokenizer with the alias user dictionary (built on first call)."""
    global _tokenizer, init_seconds
    with _lock:
        if _tokenizer is None:
            started = time.perf_counter()
            _tokenizer = _build_tokenizer()
            init_seconds = time.perf_counter() - started
        return _tokenizer


def segment(text: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` for each word of ``text``, offsets into it, end exclusive."""
    return [(word, start, end) for word, start, end in tokenizer().tokenize(text)]


@lru_cache(maxsize=256)
def word_boundaries(text: str) -> frozenset[int]:
    """Offsets where a word starts or ends; cached because every finder asks for one text."""
    bounds: set[int] = {0, len(text)}
    for _, start, end in segment(text):
        bounds.add(start)
        bounds.add(end)
    return frozenset(bounds)


def on_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is made of whole words, not a piece of a longer one."""
    bounds = word_boundaries(text)
    return start in bounds and end in bounds


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans of Chinese text, shifted by ``offset`` into document offsets.

    A sentence ends at 。！？ (keeping closing quotes and brackets with it) or a line break.
    Commas and "；" do not end one: Chinese news packs date, actor and event into one sentence
    joined by commas ("10月19日,双方在多哈签署停火协议,冲突暂时平息。").
    """
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE_END.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start + offset, end + offset))
    return spans
