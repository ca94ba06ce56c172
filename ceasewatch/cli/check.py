"""``ceasewatch check``: is the store whole? (after a crash, a full disk, a copy)

SQLite's integrity check, foreign keys, rows that point at nothing and the full-text index
against the documents. Exit status 0 when whole, 3 (a store problem) when anything is wrong.
"""

from __future__ import annotations

import sys

import click

from ceasewatch.cli.options import (
    EXIT_STORE,
    open_cli_store,
    output_options,
    print_json,
    user_errors,
    wants_json,
)


@click.command("check")
@output_options
@user_errors
def command(db_path: str | None, as_json: bool) -> None:
    """Check the database: integrity, foreign keys, orphan rows, full-text index."""
    from ceasewatch import api
    from ceasewatch.export import jsonable

    store = open_cli_store(db_path)
    try:
        report = api.check(store)
    finally:
        store.close()
    if wants_json(as_json):
        print_json(dict(jsonable(report), ok=report.ok))
    else:
        click.echo(f"{report.path}: schema {report.schema_version}, {report.documents} "
                   f"documents, {report.events} events")
        for problem in report.problems:
            click.echo(f"problem: {problem}", err=True)
        click.echo("ok: the store is whole" if report.ok else
                   f"{len(report.problems)} problem(s) found")
    if not report.ok:
        sys.exit(EXIT_STORE)
