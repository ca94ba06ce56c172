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
from dataclasses import dataclass, field
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
    #: migrated databases a finished test left, emptied, for the next test that needs one
    pool: list[str] = field(default_factory=list)
    #: the tables a fresh store has empty, its identity sequences, and its schema's digest
    empty_tables: tuple[str, ...] = ()
    sequences: tuple[str, ...] = ()
    shape: str = ""

    def new_database(self, *, migrated: bool = False) -> str:
        """A fresh database, empty or (``migrated``) at the newest schema; its URL.

        A migrated one is a copy of a template migrated once per session: copying 8 MB
        (16 MB with PostGIS) takes 0.2-1 s on a busy 2-core machine, running the migrations
        more; :meth:`fresh_store` reuses emptied ones instead.
        """
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        source = f" TEMPLATE {self._template()}" if migrated else ""
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}{source}")
        return self.url(name)

    def fresh_store(self) -> str:
        """The URL of a database at the newest schema and without data: one that an earlier
        test gave back (:meth:`give_back`), or a copy of the template."""
        if self.pool:
            return self.url(self.pool.pop())
        return self.new_database(migrated=True)

    def give_back(self, url: str) -> None:
        """Empty a test's store for the next test; a store whose schema the test changed is
        dropped instead.

        The rows a small test wrote are deleted with triggers and foreign keys off (every
        table a fresh store has empty is emptied, so none is left pointing at another) and
        the identity sequences restart: ~15 ms, where TRUNCATE's new files for 23 tables and
        their indexes take ~400 ms and a new database 0.2-1 s on a busy 2-core machine.
        """
        import psycopg

        name = url.rsplit("/", 1)[-1]
        try:
            with psycopg.connect(self.url(), autocommit=True) as conn:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
            with psycopg.connect(url, autocommit=True) as conn:
                with conn.transaction():
                    conn.execute("SET LOCAL session_replication_role = replica")
                    conn.execute("; ".join(f"DELETE FROM {t}" for t in self.empty_tables))
                    conn.execute("; ".join(f"SELECT setval('{q}', 1, false)"
                                           for q in self.sequences))
                if _shape(conn) != self.shape:
                    raise ValueError("the test changed the schema")
        except (psycopg.Error, ValueError):
            self.drop_database(url)
            return
        self.pool.append(name)

    def drop_database(self, url: str) -> None:
        """Drop a test's database (its connections too), so hundreds of tests do not fill
        the disk."""
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _template(self) -> str:
        if self.template is None:
            import psycopg

            from ceasewatch.store import open_store

            url = self.new_database()
            open_store(url).close()
            with psycopg.connect(url, autocommit=True) as conn:
                tables = [r[0] for r in conn.execute(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    "current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")]
                self.empty_tables = tuple(
                    t for t in tables
                    if conn.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {t})").fetchone()[0])
                self.sequences = tuple(r[0] for r in conn.execute(
                    "SELECT pg_get_serial_sequence(quote_ident(table_name), column_name) "
                    "FROM information_schema.columns WHERE table_schema = current_schema() "
                    "AND is_identity = 'YES'"))
                self.shape = _shape(conn)
            self.template = url.rsplit("/", 1)[-1]
        return self.template

    def stop(self) -> None:
        _run(self, [str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m",
                    "immediate", "stop"], check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def _shape(conn: object) -> str:
    """A digest of a database's tables, columns, indexes and triggers, and of the rows of its
    tables that a fresh store already fills (migrations, features)."""
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT md5(string_agg(x, ',' ORDER BY x)) FROM ("
        "SELECT table_name || '.' || column_name || ':' || data_type AS x "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "UNION ALL SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
        "UNION ALL SELECT 'm' || count(*) FROM _migrations "
        "UNION ALL SELECT 'f' || string_agg(name || value, ',') FROM store_features) parts"
    ).fetchone()
    return str(row[0])


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
