"""A throw-away PostgreSQL cluster for the tests: ``initdb`` into a temporary folder, started
on 127.0.0.1 with a free port, stopped and removed at the end.

As root (CI), the cluster belongs to the ``postgres`` user (``initdb`` refuses root) and is run
with ``runuser``. Where no PostgreSQL binaries exist, or psycopg is missing, :func:`start`
says why, and the tests that need it skip with that message.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Cluster:
    folder: Path
    port: int
    user: str
    bin_dir: Path
    run_as: str | None

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{dbname}"

    template: str | None = None

    def new_database(self, *, migrated: bool = False) -> str:
        """A fresh database, empty or (``migrated``) at the newest schema; its URL.

        A migrated one is a copy of a template migrated once per session: ``CREATE DATABASE
        … TEMPLATE`` copies a few megabytes of files in ~40 ms, where running the migrations
        takes ~250 ms, which over several hundred tests is minutes of CI.
        """
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        source = f" TEMPLATE {self._template()}" if migrated else ""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}{source}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test's database (its connections too), so hundreds of tests do not fill
        the disk."""
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _template(self) -> str:
        if self.template is None:
            from ceasewatch.store import open_store

            url = self.new_database()
            open_store(url).close()
            self.template = url.rsplit("/", 1)[-1]
        return self.template

    def stop(self) -> None:
        _run(self, [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                    "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def find_bin_dir() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(candidate).parent
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(cluster: Cluster, argv: list[str], *, check: bool = True) -> None:
    if cluster.run_as:
        argv = ["runuser", "-u", cluster.run_as, "--", *argv]
    subprocess.run(argv, check=check, capture_output=True, timeout=120, cwd="/")


def start() -> Cluster | str:
    """A running cluster, or the reason there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'ceasewatch[pg]')"
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return "no PostgreSQL server binaries (initdb) on this machine (apt-get install postgresql)"
    run_as = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root without runuser: cannot start PostgreSQL as another user"
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to own the cluster"
        run_as = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="cw-pg-"))
    cluster = Cluster(folder, _free_port(), "cw", bin_dir, run_as)
    if run_as:
        shutil.chown(folder, run_as)
    data = folder / "data"
    try:
        _run(cluster, [str(bin_dir / "initdb"), "-D", str(data), "-U", "cw", "-A", "trust",
                       "-E", "UTF8", "--locale", "C.UTF-8" if _has_c_utf8() else "C"])
        options = (f"-c listen_addresses=127.0.0.1 -c port={cluster.port} -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off "
                   f"-c unix_socket_directories={folder} -c max_connections=60")
        _run(cluster, [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                       str(folder / "log"), "-w", "-t", "60", "start"])
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(folder, ignore_errors=True)
        return f"PostgreSQL could not be started: {exc} {detail.decode(errors='replace')[-300:]}"
    return cluster


def _has_c_utf8() -> bool:
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True, timeout=10).stdout
    except OSError:
        return False
    return any(line.lower() in ("c.utf8", "c.utf-8") for line in out.splitlines())
