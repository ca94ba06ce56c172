"""A linear model over sparse binary features, as shipped: pure Python, no learner needed.

Training (``ceasewatch.nlp.learned.training``) fits scikit-learn's logistic regression and
writes only what prediction needs: the classes, one bias per class and the weights of every
feature seen in training. Loading a model is reading one JSON file (its weight table cached
on disk for the next process, ``nlp/resource_cache.py``); scoring a sentence is a dictionary
lookup per feature.

    >>> m = LinearModel(("none", "event"), (0.0, -1.0), {"w=killed": (0.0, 3.0)})
    >>> round(m.proba(["w=killed", "w=unknown"])[1], 3)
    0.881
"""

from __future__ import annotations

import gzip
import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

MODELS_PACKAGE = "ceasewatch.data"
#: a model of at most this many weights (the date, place and duplicate models; not the
#: event model's two million) is scored in plain Python
PLAIN_WEIGHTS = 100_000
MODELS_FOLDER = "models"


@dataclass(frozen=True)
class LinearModel:
    """Multinomial (or binary, two classes) logistic regression, already fitted."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict[str, Any] | None = None

    @cached_property
    def _table(self) -> tuple[dict[str, int], Any, Any]:
        """Feature -> row of one weight matrix (numpy): scoring sums a few rows."""
        import numpy as np

        index = {f: i for i, f in enumerate(self.weights)}
        matrix = np.array(list(self.weights.values()) or [(0.0,) * len(self.classes)],
                          dtype=np.float64)
        return index, matrix, np.array(self.bias, dtype=np.float64)

    @cached_property
    def _plain(self) -> tuple[list[list[float]], list[float]] | None:
        """A small model's weights as Python lists (``PLAIN_WEIGHTS``): a score of a dozen
        features costs less as a few additions than as numpy calls."""
        _, matrix, bias = self._table
        return (matrix.tolist(), bias.tolist()) if matrix.size <= PLAIN_WEIGHTS else None

    def scores(self, features: Iterable[str]) -> list[float]:
        index, matrix, bias = self._table
        # sorted: the same sum in the same order whatever the set's iteration order (a float
        # sum in another order can differ in its last bit and flip a threshold); one lookup
        # per feature: in a table of 100k names each costs a cache miss, the most of a score
        get = index.get
        rows = sorted({i for i in map(get, features) if i is not None})
        if not rows:
            return [float(b) for b in bias]
        plain = self._plain
        if plain is None:
            return (bias + matrix.take(rows, axis=0).sum(axis=0)).tolist()
        # numpy's sum over rows, in its order: the first row, each next one added to it
        weights, offsets = plain
        total = weights[rows[0]]
        for r in rows[1:]:
            total = [a + b for a, b in zip(total, weights[r], strict=True)]
        return [b + t for b, t in zip(offsets, total, strict=True)]

    def proba(self, features: Iterable[str]) -> list[float]:
        s = self.scores(features)
        top = max(s)
        e = [math.exp(v - top) for v in s]
        total = sum(e)
        return [v / total for v in e]

    def best(self, features: Iterable[str]) -> tuple[str, float]:
        p = self.proba(features)
        i = max(range(len(p)), key=p.__getitem__)
        return self.classes[i], p[i]

    def strongest(self, features: Iterable[str], label: str) -> str | None:
        """The present word feature that speaks most for ``label`` against the others: the
        word shown as a learned event's trigger."""
        i = self.classes.index(label)
        index, matrix, _ = self._table
        best, top = None, 0.0
        # ties go to the first name, whatever the set's order
        for f in sorted(f for f in features if f.startswith("w=") and _content_word(f[2:])):
            row = index.get(f)
            if row is not None:
                w = matrix[row].tolist()
                margin = w[i] - sum(w) / len(w)
                if margin > top:
                    best, top = f, margin
        return best

    def with_meta(self, **entries: Any) -> LinearModel:
        """The same weights with more provenance (thresholds, cross-validated figures)."""
        return LinearModel(self.classes, self.bias, self.weights, {**(self.meta or {}),
                                                                   **entries})

    def with_thresholds(self, **thresholds: float) -> LinearModel:
        """The same weights with these decision thresholds (the stages read them)."""
        return self.with_meta(thresholds={**(self.meta or {}).get("thresholds", {}),
                                          **thresholds})

    def as_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": list(self.bias),
                "weights": {k: list(v) for k, v in sorted(self.weights.items())},
                "meta": self.meta or {}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(tuple(data["classes"]), tuple(data["bias"]),
                   {k: tuple(v) for k, v in data["weights"].items()}, data.get("meta"))


def _content_word(word: str) -> bool:
    """A word that can stand as a trigger: not "on" or "the" (two CJK characters suffice)."""
    return len(word) >= 4 or (len(word) >= 2 and not word.isascii())


def model_path(name: str) -> Path:
    return Path(str(resources.files(MODELS_PACKAGE) / MODELS_FOLDER / f"{name}.json.gz"))


def save_model(model: LinearModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(model.as_json(), ensure_ascii=False, sort_keys=True,
                     separators=(",", ":")).encode("utf-8")
    # mtime=0: the same data and weights give the same bytes (reproducible artifacts)
    with open(path, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(raw)


#: models in use instead of the shipped ones (training, cross-validation, ablations);
#: a name mapped to None switches that model off
_OVERRIDES: dict[str, LinearModel | None] = {}


@contextmanager
def using_models(models: Mapping[str, LinearModel | None]) -> Iterator[None]:
    """Extract with these models in place of the shipped ones, within the block."""
    saved = dict(_OVERRIDES)
    _OVERRIDES.update(models)
    try:
        yield
    finally:
        _OVERRIDES.clear()
        _OVERRIDES.update(saved)


#: which shipped models extraction uses: ``$CEASEWATCH_MODELS`` (comma-separated names, or
#: "none" for the rules alone); unset, these (the duplicate model joins two tellings of one
#: incident the merge rules kept apart: cross-validated F1 0.635 -> 0.642, strict 0.475 ->
#: 0.476 on the corpus of 1,237 articles)
DEFAULT_MODELS = ("events", "dates", "places", "duplicates")
#: trained and shipped, but opt-in (``CEASEWATCH_MODELS=events,dates,places,duplicates,
#: actors``): it raises the initiator's side on real reports (cross-validated actor1 side
#: 0.41 -> 0.47) but still takes a government's spokesman for the side that fired, which
#: moves alleged violations in the ledger; it stays off until it keeps the ledger's tests
#: The fusion model (``ceasewatch/fusion/pairing.py``) is opt-in too: on the blind split it
#: raises fusion's pairwise precision from 0.45 to 0.64 (events mixing incidents 15 -> 5),
#: but costs recall (0.27 -> 0.22) and breaks conventions the rules keep (twin border towns,
#: a vague report joining the one precise incident it fits); it stays off until it keeps them
OPT_IN_MODELS = ("actors", "fusion")


def enabled_models() -> tuple[str, ...]:
    raw = os.environ.get("CEASEWATCH_MODELS")
    if raw is None:
        return DEFAULT_MODELS
    return tuple(n.strip() for n in raw.split(",") if n.strip() and n.strip() != "none")


def load_model(name: str) -> LinearModel | None:
    """The model ``name`` in use: an override, else the shipped one if enabled, else None
    (the rules alone)."""
    if name in _OVERRIDES:
        return _OVERRIDES[name]
    if name not in enabled_models():
        return None  # switched off: the rules alone for this part
    return _load_shipped(name)


@cache
def _load_shipped(name: str) -> LinearModel | None:
    path = model_path(name)
    if not path.exists():
        return None
    from ceasewatch.nlp.resource_cache import cached, module_files

    # the parsed weight table is cached on disk between processes: parsing the event
    # model's JSON (80k features) is most of a short command's start-up
    table = cached(f"model-{name}", lambda: _as_table(_read_json(path)),
                   [path, *module_files(__name__)])
    return _from_table(*table)


def _read_json(path: Path) -> LinearModel:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return LinearModel.from_json(json.load(fh))


def _as_table(model: LinearModel) -> tuple[Any, ...]:
    import numpy as np

    index, matrix, bias = model._table
    return (model.classes, model.bias, list(index), np.asarray(matrix), model.meta)


def _from_table(classes: tuple[str, ...], bias: tuple[float, ...], names: list[str],
                matrix: Any, meta: dict[str, Any] | None) -> LinearModel:
    """A model from its weight table, the per-feature weights read from it on demand."""
    import numpy as np

    index = {f: i for i, f in enumerate(names)}
    model = LinearModel(classes, bias, _TableWeights(index, matrix), meta)  # type: ignore[arg-type]
    model.__dict__["_table"] = (index, matrix, np.array(bias, dtype=np.float64))
    return model


class _TableWeights(Mapping[str, tuple[float, ...]]):
    """Feature -> its weights, read from a model's weight matrix when asked for."""

    def __init__(self, index: dict[str, int], matrix: Any) -> None:
        self._index, self._matrix = index, matrix

    def __getitem__(self, feature: str) -> tuple[float, ...]:
        return tuple(self._matrix[self._index[feature]].tolist())

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)
