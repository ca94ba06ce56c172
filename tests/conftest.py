"""Shared fixtures: a fresh store per test and the bundled sample corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceasewatch.store import Store, open_store

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "ceasewatch" / "sample"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty, migrated SQLite store in the test's temporary folder."""
    with open_store(tmp_path / "test.db") as s:
        yield s


@pytest.fixture
def sample_dir() -> Path:
    """The five seed articles bundled with the package (``.txt`` + ``.meta.json``)."""
    return SAMPLE_DIR


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES_DIR


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the tests marked slow (always run when $CI is set)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (a fresh virtual environment, downloads) run in CI and on
    request, not in every local run of the suite."""
    import os

    if config.getoption("--slow") or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow (CI runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
