"""``ceasewatch init``: create a store (or bring an existing one to the current schema).

Read commands refuse a ``--db`` that does not exist, so that a typo is an error and not a new
empty store; ``init`` is the explicit way to make one, for a SQLite file or a PostgreSQL
database (``--db postgresql://monitor@127.0.0.1:5432/mission``).
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import (
    db_target,
    open_cli_store,
    output_options,
    print_json,
    printable,
    user_errors,
    wants_json,
)


@click.command("init")
@output_options
@user_errors
def command(db_path: str | None, as_json: bool) -> None:
    """Create the database (SQLite file or postgresql:// URL) and apply the migrations.

    \b
    Examples:
      ceasewatch init --db monitor.db
      ceasewatch init --db postgresql://monitor@127.0.0.1:5432/mission
    """
    from ceasewatch.store import store_exists

    target = db_target(db_path)
    existed = store_exists(target)
    with open_cli_store(target, create=True) as store:
        version = store.db.schema_version
        backend = store.db.backend
        path = store.path
    if wants_json(as_json):
        print_json({"database": path, "backend": backend, "schema_version": version,
                    "created": not existed})
    else:
        state = "created" if not existed else "ready"
        click.echo(f"{state}: {printable(path)} ({backend}, schema {version})")
