"""``ceasewatch backup FILE``: a consistent copy of the store, taken while it is in use.

    ceasewatch --db monitor.db backup "backups/monitor-$(date +%F).db"

SQLite's online backup API copies the pages of a snapshot, so a server or an ingest may go
on writing; ``cp`` of a WAL database can miss what sits in the ``-wal`` file.
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import (
    open_cli_store,
    output_options,
    print_json,
    user_errors,
    wants_json,
)


@click.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False))
@output_options
@user_errors
def command(destination: str, db_path: str | None, as_json: bool) -> None:
    """Copy the database to DESTINATION (a new file), safely while it is in use."""
    from ceasewatch import api
    from ceasewatch.store import open_store

    store = open_cli_store(db_path)
    try:
        path = api.backup(store, destination)
    finally:
        store.close()
    with open_store(path) as copy:  # the copy is checked, not trusted
        report = api.check(copy)
    if wants_json(as_json):
        print_json({"backup": path, "documents": report.documents, "events": report.events,
                    "ok": report.ok})
    else:
        click.echo(f"backup written to {path} ({report.documents} documents, "
                   f"{report.events} events{'' if report.ok else '; it has problems: run check'})")
