"""``ceasewatch history EVENT``: how an event changed as reports arrived, revision by revision.

    ceasewatch history ev-d4fea7474166
    ceasewatch history ev-d4fe --json     # each revision with its changes and full snapshot
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import open_cli_store, output_options, print_json, user_errors


@click.command("history")
@click.argument("event_id", metavar="EVENT")
@output_options
@user_errors
def command(event_id: str, db_path: str | None, as_json: bool) -> None:
    """Every dated revision of EVENT: its cause (a report, merge, split, review, deletion)
    and each changed field, before -> after."""
    from ceasewatch import api
    from ceasewatch.cli.options import printable, wants_json
    from ceasewatch.revisions import describe_changes, revision_dict

    with open_cli_store(db_path) as store:
        revisions = api.event_history(store, event_id)
        names = store.events.source_documents([r.doc_id for r in revisions if r.doc_id])
    if wants_json(as_json):
        print_json([revision_dict(r) for r in revisions])
        return
    for n, r in enumerate(revisions, start=1):
        doc = f" · {names.get(r.doc_id, (r.doc_id,))[0]}" if r.doc_id else ""
        note = f" · {r.note}" if r.note else ""
        click.echo(printable(f"revision {n} · {r.at.isoformat()} · {r.cause}{doc}{note}"
                             + (f" · {r.event_id}" if r.event_id != event_id else "")))
        for line in describe_changes(r):
            click.echo("  " + printable(line))
