"""Shared fixtures: a fresh store per test and the bundled sample corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceasewatch.store import Store, open_store

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "ceasewatch" / "sample"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty, migrated store: SQLite in the test's temporary folder, or (in the modules of
    ``BOTH_BACKENDS``, a second time) a fresh PostgreSQL database."""
    target: str | Path = tmp_path / "test.db"
    if backend == "postgresql":
        target = request.getfixturevalue("pg_url")
    with open_store(target) as s:
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


#: test modules whose ``store`` fixture runs on both backends (SQLite and PostgreSQL)
BOTH_BACKENDS = {
    "test_ingest_store", "test_fusion_clustering", "test_fusion_claims", "test_fusion_manual",
    "test_fusion_corroboration", "test_accords_ledger", "test_accords_detection",
    "test_store", "test_store_event_list", "test_revisions_alerts", "test_postgres",
    "test_web_api",
}


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[object]:
    """A throw-away PostgreSQL cluster for the session, or a skip saying why there is none."""
    import pg_cluster as pg

    found = pg.start()
    if isinstance(found, str):
        pytest.skip(f"PostgreSQL tests skipped: {found}")
    try:
        yield found
    finally:
        found.stop()


@pytest.fixture
def pg_url(pg_cluster: object) -> str:
    """The URL of a fresh, empty PostgreSQL database."""
    return pg_cluster.new_database()  # type: ignore[attr-defined, no-any-return]


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH_BACKENDS and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
