"""``ceasewatch merge`` and ``ceasewatch split``: analyst decisions that re-ingestion keeps.

    ceasewatch merge ev-3f9c2a41d0b7 ev-81aa07c2e911 --note "same night, Chaman side"
    ceasewatch split ev-3f9c2a41d0b7 m-5d1e0c --note "a different clash, 7 Nov"

Both are recorded in the fusion log (``ceasewatch show EVENT``) as manual decisions.
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


@click.command("merge")
@click.argument("event_ids", metavar="EVENT EVENT...", nargs=-1, required=True)
@click.option("--note", default="", help="Why: kept in the fusion log.")
@output_options
@user_errors
def merge(event_ids: tuple[str, ...], note: str, db_path: str | None, as_json: bool) -> None:
    """Merge events into the first EVENT (a manual decision, kept on re-ingest)."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        kept = api.merge_events(store, list(event_ids), note=note)
    if wants_json(as_json):
        print_json({"event": kept, "merged": [e for e in event_ids if e != kept]})
    else:
        click.echo(f"Merged into {kept}.")


@click.command("split")
@click.argument("event_id", metavar="EVENT")
@click.argument("mention_ids", metavar="MENTION...", nargs=-1, required=True)
@click.option("--note", default="", help="Why: kept in the fusion log.")
@output_options
@user_errors
def split(event_id: str, mention_ids: tuple[str, ...], note: str, db_path: str | None,
          as_json: bool) -> None:
    """Move the MENTION reports of EVENT into a new event (kept on re-ingest)."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        new_id = api.split_event(store, event_id, list(mention_ids), note=note)
    if wants_json(as_json):
        print_json({"event": event_id, "new_event": new_id})
    else:
        click.echo(f"Split {len(mention_ids)} report(s) off {event_id} into {new_id}.")


commands = [merge, split]
