"""``ceasewatch events``: the fused events, with how many independent sources report each.

    ceasewatch events
    ceasewatch events --from 2025-11-01 --type armed_clash --min-sources 2
    ceasewatch events --place "Spin Boldak" --json
    ceasewatch events --bbox 66,30,67.5,32
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from ceasewatch.cli.options import (
    DAY,
    list_output_options,
    open_cli_store,
    print_json,
    print_table,
    user_errors,
    wants_json,
)


def event_filter(date_from: datetime | None, date_to: datetime | None, event_type: str | None,
                 place: str | None, country: str | None, min_sources: int | None,
                 bbox: str | None = None) -> Any:
    """CLI options to the store's filter; a lower-case type is a native one (armed_clash)."""
    from ceasewatch.store import EventFilter
    from ceasewatch.store.events import parse_bbox

    native = event_type if event_type and event_type == event_type.lower() else None
    acled = event_type if event_type and native is None else None
    return EventFilter(date_from=date_from.date() if date_from else None,
                       date_to=date_to.date() if date_to else None, event_type=acled,
                       native_type=native, place=place, country=country,
                       bbox=parse_bbox(bbox), min_sources=min_sources)


def filter_options(fn: Any) -> Any:
    for option in reversed([
        click.option("--from", "date_from", type=DAY, default=None,
                     help="Events on or after this day (YYYY-MM-DD)."),
        click.option("--to", "date_to", type=DAY, default=None,
                     help="Events on or before this day (YYYY-MM-DD)."),
        click.option("--type", "event_type", default=None,
                     help="Native type (armed_clash) or ACLED event type (Battles)."),
        click.option("--place", default=None, help="Location or admin1 containing this text."),
        click.option("--country", default=None, help="ISO country code, e.g. AF."),
        click.option("--bbox", default=None, metavar="MINLON,MINLAT,MAXLON,MAXLAT",
                     help="Events placed in this box (degrees), e.g. 66,30,67.5,32."),
        click.option("--min-sources", type=click.IntRange(min=1), default=None,
                     help="Only events reported by at least this many independent sources."),
    ]):
        fn = option(fn)
    return fn


def timeline_row(d: dict[str, Any]) -> dict[str, Any]:
    from ceasewatch.export import casualty_text

    fatalities = casualty_text(d.get("fatalities_low"), d.get("fatalities"),
                               d.get("fatalities_high"))
    return {
        "id": d["id"], "date": d.get("event_date"), "precision": d.get("date_precision"),
        "what": d["what"],
        "where": ", ".join(str(x) for x in (d.get("location"), d.get("country")) if x),
        "fatalities": fatalities,
        "sources": f"{d['independent_sources']} indep. / {len(d['sources'])}",
        "disputed": ", ".join(d.get("disputed_fields") or []),
    }


@click.command("events")
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N events.")
@list_output_options
@user_errors
def command(date_from: datetime | None, date_to: datetime | None, event_type: str | None,
            place: str | None, country: str | None, bbox: str | None, min_sources: int | None,
            limit: int | None, db_path: str | None, as_json: bool) -> None:
    """List fused events with their independent sources and contested fields."""
    from ceasewatch import api
    from ceasewatch.export import event_dict

    flt = event_filter(date_from, date_to, event_type, place, country, min_sources, bbox)
    with open_cli_store(db_path) as store:
        rows = [event_dict(e) for e in api.events(store, flt, limit=limit)]
    if wants_json(as_json):
        print_json(rows)
        return
    if not rows:
        click.echo("No fused events match.")
        return
    print_table([timeline_row(r) for r in rows],
                ["id", "date", "precision", "what", "where", "fatalities", "sources",
                 "disputed"], title=f"{len(rows)} fused event(s)")
