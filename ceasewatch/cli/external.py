"""``ceasewatch import acled|ucdp FILE.csv`` and ``ceasewatch compare acled|ucdp``.

    ceasewatch import acled acled_afpak_2025.csv
    ceasewatch compare acled --from 2025-10-01 --to 2025-11-30 --country AF
    ceasewatch compare ucdp --place "Spin Boldak" --format json
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import click

from ceasewatch.cli.options import (
    db_option,
    list_output_options,
    open_cli_store,
    print_json,
    print_table,
    user_errors,
    wants_json,
)

DAY = click.DateTime(formats=["%Y-%m-%d"])
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

    with open_cli_store(db_path) as store:
        n = api.import_dataset(store, dataset, file)
    click.echo(f"imported {n} {dataset.upper()} event(s) from {file}")


def _our_row(e: Any, dataset: str) -> dict[str, Any]:
    from ceasewatch.imports.compare import our_fatalities

    return {"id": e.id, "date": e.event_date.isoformat() if e.event_date else None,
            "type": e.sub_event_type or e.event_type,
            "where": e.place.name if e.place else None,
            "fatalities": our_fatalities(e, dataset)}


def _their_row(x: Any) -> dict[str, Any]:
    return {"id": x.external_id, "date": x.event_date.isoformat(),
            "type": x.sub_event_type or x.event_type, "where": x.location or x.admin1,
            "fatalities": x.fatalities}


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
    rows = ([dict(status="matched", **{f"ceasewatch_{k}": v for k, v in
                                       _our_row(m.ours, dataset).items()},
                  **{f"{dataset}_{k}": v for k, v in _their_row(m.theirs).items()},
                  days_apart=m.days_apart,
                  km_apart=round(m.km_apart, 1) if m.km_apart is not None else None)
             for m in result.matches]
            + [dict(status="only ceasewatch", **{f"ceasewatch_{k}": v for k, v in
                                                  _our_row(e, dataset).items()})
               for e in result.unmatched_ours]
            + [dict(status=f"only {dataset}", **{f"{dataset}_{k}": v for k, v in
                                                 _their_row(x).items()})
               for x in result.unmatched_theirs])
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
