"""``ceasewatch migrate --from sqlite:PATH --to postgresql://…``: move a store, losslessly.

Every table is copied in one transaction of the target, then compared (row count and a hash
of every table); a difference is an error and the target keeps nothing. The target must be a
new, empty store; the source is only read.
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import (
    json_option,
    print_json,
    print_table,
    printable,
    user_errors,
    wants_json,
)
from ceasewatch.errors import CeasewatchError


@click.command("migrate")
@click.option("--from", "source", required=True, metavar="DB",
              help="The store to copy: sqlite:PATH, a file, or postgresql://…")
@click.option("--to", "target", required=True, metavar="DB",
              help="A new, empty store: postgresql://user@host:port/db, sqlite:PATH or a file.")
@json_option
@user_errors
def command(source: str, target: str, as_json: bool) -> None:
    """Copy a whole store to another backend and verify every table.

    \b
    Examples:
      ceasewatch migrate --from sqlite:monitor.db --to postgresql://monitor@db:5432/mission
      ceasewatch migrate --from postgresql://monitor@db:5432/mission --to sqlite:field.db
    """
    from ceasewatch import api
    from ceasewatch.store import open_store, store_exists

    if not store_exists(source):
        raise CeasewatchError("no database to migrate from here", origin=source)
    with open_store(source) as src, open_store(target) as dst:
        report = api.migrate_store(src, dst)
    if wants_json(as_json):
        from ceasewatch.store.transfer import report_dict

        print_json(report_dict(report))
        return
    print_table([{"table": t.table, "rows": t.rows, "sha256": t.digest[:16]}
                 for t in report.tables], ["table", "rows", "sha256"],
                title=f"{printable(report.source)} -> {printable(report.target)}")
    click.echo(f"migrated {report.rows} rows in {len(report.tables)} tables; every table's "
               "count and hash match")
