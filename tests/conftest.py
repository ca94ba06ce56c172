"""Shared fixtures: a fresh store per test and the bundled sample corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceasewatch.store import Store, open_store

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "ceasewatch" / "sample"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db_target(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> str:
    """Where a test's store lives, as ``--db`` and :func:`open_store` take it: ``test.db`` in
    the test's temporary folder, or (the test's second run) a fresh, migrated PostgreSQL
    database."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_store_url"))
    return str(tmp_path / "test.db")


@pytest.fixture(scope="module")
def module_db_target(backend: str, tmp_path_factory: pytest.TempPathFactory,
                     request: pytest.FixtureRequest) -> Iterator[str]:
    """Like :func:`db_target`, for a store that a module's tests build once and share."""
    if backend != "postgresql":
        yield str(tmp_path_factory.mktemp("module") / "shared.db")
        return
    cluster = request.getfixturevalue("pg_cluster")
    url: str = cluster.fresh_store()
    yield url
    cluster.give_back(url)


@pytest.fixture
def store(db_target: str) -> Iterator[Store]:
    """An empty, migrated store on the test's backend (see :func:`db_target`)."""
    with open_store(db_target) as s:
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


#: modules whose tests run on SQLite only, each with the reason; every other test that uses a
#: store (the ``store`` or ``db_target`` fixture) runs on both backends. A single test opts out
#: with ``@pytest.mark.sqlite_only("reason")``.
SQLITE_ONLY = {
    "test_crash_safety": "kill -9 of a writer and the SQLite file's journal recovery",
    # these open their stores themselves; listed so that the inventory is whole
    "test_e2e_browser": "Chromium over pages whose JSON twins run on both (test_web_*)",
    "test_e2e_claim_evidence": "Chromium over pages whose JSON twins run on both",
    "test_e2e_review": "Chromium over the review pages; test_review_web runs on both",
    "test_ingest_property": "a store per Hypothesis example; the property is ingest's, not SQL's",
    "test_sitrep_pdf_text": "the PDF's text of a sitrep whose queries run on both (test_sitrep)",
    "test_packaging": "a wheel installed without extras, which ships with SQLite only",
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
def pg_url(pg_cluster: object) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database (dropped after the test)."""
    url: str = pg_cluster.new_database()  # type: ignore[attr-defined]
    yield url
    pg_cluster.drop_database(url)  # type: ignore[attr-defined]


@pytest.fixture
def pg_store_url(pg_cluster: object) -> Iterator[str]:
    """The URL of a PostgreSQL database at the newest schema and without data (emptied after
    the test and given to the next one)."""
    url: str = pg_cluster.fresh_store()  # type: ignore[attr-defined]
    yield url
    pg_cluster.give_back(url)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if "backend" not in metafunc.fixturenames or module in SQLITE_ONLY:
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def with_postgis(pg_store_url: str) -> Iterator[Store]:
    """A PostgreSQL store on a server with PostGIS, or a skip saying it has none."""
    with open_store(pg_store_url) as store:
        if not store.spatial.startswith("postgis"):
            pytest.skip("PostGIS is not installed on this server (apt-get install "
                        "postgresql-15-postgis-3)")
        yield store


@pytest.fixture
def without_postgis(pg_cluster: object) -> Iterator[Store]:
    """A PostgreSQL store migrated with PostGIS turned off (as on a server without it)."""
    import psycopg

    url: str = pg_cluster.new_database()  # type: ignore[attr-defined]
    name = url.rsplit("/", 1)[-1]
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:  # type: ignore[attr-defined]
        conn.execute(f"ALTER DATABASE {name} SET ceasewatch.postgis = 'off'")
    with open_store(url) as store:
        yield store
    pg_cluster.drop_database(url)  # type: ignore[attr-defined]
