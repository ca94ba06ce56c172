"""``ceasewatch disputes``: contested facts side by side, with who says what.

    ceasewatch disputes
    ceasewatch disputes --from 2025-11-01 --json

One entry per (event, contested field): the initiator of the 6 November exchange, its death
toll, the round number of the Istanbul talks — each value with its claimants and documents.
"""

from __future__ import annotations

from datetime import datetime

import click

from ceasewatch.cli.events import event_filter, filter_options
from ceasewatch.cli.options import list_output_options, open_cli_store, print_json, user_errors


@click.command("disputes")
@filter_options
@list_output_options
@user_errors
def command(date_from: datetime | None, date_to: datetime | None, event_type: str | None,
            place: str | None, country: str | None, bbox: str | None, min_sources: int | None,
            db_path: str | None, as_json: bool) -> None:
    """List contested facts of fused events: each value with its claimants and sources."""
    from ceasewatch import api
    from ceasewatch.cli.options import wants_json
    from ceasewatch.fusion.evidence import bracketed
    from ceasewatch.fusion.inspect import field_label

    flt = event_filter(date_from, date_to, event_type, place, country, min_sources, bbox)
    with open_cli_store(db_path) as store:
        rows = api.disputes(store, flt)
    if wants_json(as_json):
        print_json(rows)
        return
    if not rows:
        click.echo("No contested facts.")
        return
    current = None
    for row in rows:
        if row["event_id"] != current:
            current = row["event_id"]
            click.secho(f"\n{row['event_id']}  {row['event_date']}  "
                        f"{row['what']}  "
                        f"{row['location'] or ''}  ({row['independent_sources']} independent "
                        f"of {len(row['sources'])} sources)", bold=True)
        click.secho(f"  {field_label(row['field'], row['positions'])}", fg="yellow")
        for p in row["positions"]:
            click.echo(f"    {p['value']:<40} says {'; '.join(p['claimants'])}  "
                       f"[{', '.join(p['sources'])}]")
            for q in p.get("quotes", []):
                click.echo(f"        “{bracketed(q['text'], q['marks'])}” ({q['doc']})")
