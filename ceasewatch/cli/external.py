"""``ceasewatch import acled|ucdp FILE.csv`` and ``ceasewatch compare acled|ucdp``.

    ceasewatch import acled acled_afpak_2025.csv
    ceasewatch compare acled --from 2025-10-01 --to 2025-11-30 --country AF
    ceasewatch compare ucdp --place "Spin Boldak" --format json
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ceasewatch.cli.options import (
    DAY,
    db_option,
    list_output_options,
    open_cli_store,
    print_json,
    print_table,
    user_errors,
    wants_json,
)

DATASETS = click.Choice(["acled", "ucdp"])


@click.command("import")
@click.argument("dataset", type=DATASETS)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@user_errors
def import_command(dataset: str, file: Path, db_path: str | None) -> None:
    """Import your ACLED or UCDP GED CSV download, kept apart from extracted events.

    The whole file is checked first: a bad row is named (line and column) and nothing is
    imported. Importing a newer download replaces rows with the same event id.
    """
    from ceasewatch import api

    with open_cli_store(db_path, create=True) as store:
        n = api.import_dataset(store, dataset, file)
    click.echo(f"imported {n} {dataset.upper()} event(s) from {file}")


@click.command("compare")
@click.argument("dataset", type=DATASETS)
@click.option("--from", "date_from", type=DAY, default=None, help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=DAY, default=None, help="Last day (YYYY-MM-DD).")
@click.option("--country", default=None, help="ISO country code, e.g. AF.")
@click.option("--place", default=None, help="Location or admin1 containing this text.")
@list_output_options
@user_errors
def compare_command(dataset: str, date_from: datetime | None, date_to: datetime | None,
                    country: str | None, place: str | None, db_path: str | None,
                    as_json: bool) -> None:
    """ceasewatch vs an imported dataset: counts, fatalities, matched and unmatched events."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        result = api.compare_dataset(
            store, dataset, date_from=date_from.date() if date_from else None,
            date_to=date_to.date() if date_to else None, country=country, place=place)
    rows = result.rows()
    if wants_json(as_json):
        print_json(rows if not _whole_json(as_json) else {"summary": result.summary(),
                                                   "events": rows})
        return
    summary = result.summary()
    print_table([{"": k, "value": v} for k, v in summary.items() if k != "dataset"],
                ["", "value"], title=f"ceasewatch vs {dataset.upper()}")
    columns = ["status", "ceasewatch_id", "ceasewatch_date", "ceasewatch_where",
               "ceasewatch_fatalities", f"{dataset}_id", f"{dataset}_date", f"{dataset}_where",
               f"{dataset}_fatalities", "days_apart", "km_apart"]
    print_table(rows, columns, title="events side by side")


def _whole_json(as_json: bool) -> bool:
    """``--format json``/``--json``: one document with the summary; jsonl and csv: the rows."""
    from ceasewatch.cli.options import output_format

    return output_format(as_json) == "json"


commands = [import_command, compare_command]
