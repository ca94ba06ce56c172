"""The disk cache of built resources (``nlp/resource_cache.py``): faster, never different."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from ceasewatch.nlp import resource_cache
from ceasewatch.nlp.gazetteer import Gazetteer, load_gazetteer
from ceasewatch.nlp.resource_cache import cached


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CEASEWATCH_CACHE_DIR", str(folder))
    monkeypatch.delenv("CEASEWATCH_NO_CACHE", raising=False)
    return folder


def _counting_builder(value: object) -> tuple[list[int], Callable[[], object]]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_built_once_then_loaded(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.tsv"
    source.write_text("Kabul\tAF\n", encoding="utf-8")
    calls, build = _counting_builder({"Kabul": ("AF", 1.5)})
    first = cached("thing", build, [source])
    second = cached("thing", build, [source])
    assert first == second == {"Kabul": ("AF", 1.5)}
    assert len(calls) == 1 and len(list(cache.glob("thing-*.pickle"))) == 1


def test_a_changed_source_rebuilds(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.tsv"
    source.write_text("Kabul\tAF\n", encoding="utf-8")
    calls, build = _counting_builder("v")
    cached("thing", build, [source])
    source.write_text("Kabul\tAF\nQuetta\tPK\n", encoding="utf-8")
    cached("thing", build, [source])
    assert len(calls) == 2


def test_off_switch_and_broken_files_cost_speed_not_results(
        cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "data.tsv"
    source.write_text("x", encoding="utf-8")
    calls, build = _counting_builder([1, 2])
    assert cached("thing", build, [source]) == [1, 2]
    for path in cache.glob("thing-*.pickle"):  # same key, garbage after it
        key = path.read_bytes().split(b"\n", 1)[0]
        path.write_bytes(key + b"\nnot a pickle")
    assert cached("thing", build, [source]) == [1, 2]
    monkeypatch.setenv("CEASEWATCH_NO_CACHE", "1")
    assert cached("thing", build, [source]) == [1, 2]
    assert len(calls) == 3


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can write to a read-only folder")
def test_an_unwritable_cache_folder_is_no_error(cache: Path, tmp_path: Path) -> None:
    cache.mkdir()
    cache.chmod(0o500)
    try:
        source = tmp_path / "data.tsv"
        source.write_text("x", encoding="utf-8")
        assert cached("thing", lambda: 42, [source]) == 42
    finally:
        cache.chmod(0o700)


def test_a_cached_gazetteer_reads_like_a_built_one(cache: Path) -> None:
    sources = resource_cache.data_files(Path(resource_cache.__file__).parents[1] / "data" / "geo")
    built = load_gazetteer()
    cached("gazetteer-test", load_gazetteer, sources)

    def unexpected() -> Gazetteer:
        raise AssertionError("not loaded from the cache")

    loaded = cached("gazetteer-test", unexpected, sources)
    for name in ("Spin Boldak", "Kabul", "Hyderabad", "喀布尔", "Kurram"):
        assert loaded.lookup(name) == built.lookup(name)
    text = "Pakistani jets struck Khost and Paktika Province near the Durand Line."
    assert [(h.start, h.end, h.values) for h in loaded.matcher.find(text)] == [
        (h.start, h.end, h.values) for h in built.matcher.find(text)]
