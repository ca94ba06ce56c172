"""``ceasewatch sources``: the feeds and pages ``ceasewatch watch`` polls.

    ceasewatch sources add https://www.dawn.com/feeds/home --name dawn --every 15m --language en
    ceasewatch sources list
    ceasewatch sources remove dawn
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import (
    list_output_options,
    open_cli_store,
    output_options,
    print_json,
    print_list,
    user_errors,
    wants_json,
)
from ceasewatch.export import source_dict


@click.group("sources", invoke_without_command=True)
@list_output_options
@click.pass_context
@user_errors
def sources_group(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
    """Watched feeds and pages (list them; add and remove below)."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_command, db_path=db_path, as_json=as_json)


@sources_group.command("add")
@click.argument("url")
@click.option("--name", default=None, help="A short name (default: the URL's host and path).")
@click.option("--every", default="15m", show_default=True,
              help="Polling interval: 30s, 15m, 2h, 1d.")
@click.option("--language", default=None,
              help="The language of its reports (en, zh, ps, fa, ur, ru); default: detected.")
@click.option("--kind", type=click.Choice(["auto", "feed", "page"]), default="auto",
              show_default=True, help="An RSS/Atom feed, a plain page, or sniffed.")
@click.option("--summaries-only", is_flag=True, default=False,
              help="Do not fetch the linked article of an entry that carries only a summary.")
@output_options
@user_errors
def add_command(url: str, name: str | None, every: str, language: str | None, kind: str,
                summaries_only: bool, db_path: str | None, as_json: bool) -> None:
    """Watch URL (an RSS/Atom feed or a page); it is polled first at the next `watch`."""
    from ceasewatch import api

    with open_cli_store(db_path, create=True) as store:
        source = api.add_source(store, url, name=name, every=every, language=language,
                                kind=kind, full_articles=not summaries_only)
    if wants_json(as_json):
        print_json(source_dict(source))
        return
    row = source_dict(source)
    click.echo(f"watching {row['name']} ({row['url']}) every {row['every']}")


@sources_group.command("list")
@list_output_options
@user_errors
def list_command(db_path: str | None, as_json: bool) -> None:
    """Every watched source with its state: next poll, failures in a row, last status."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        rows = [source_dict(s) for s in api.sources(store)]
    print_list(rows, ["name", "url", "every", "language", "next_due", "failures",
                      "last_status", "last_error"], as_json=as_json, title="Watched sources",
               empty="No watched sources. Add one with `ceasewatch sources add URL`.")


@sources_group.command("remove")
@click.argument("source", metavar="SOURCE")
@output_options
@user_errors
def remove_command(source: str, db_path: str | None, as_json: bool) -> None:
    """Stop watching SOURCE (a name, id or URL); its reports stay in the store."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        removed = api.remove_source(store, source)
    if wants_json(as_json):
        print_json(source_dict(removed))
        return
    click.echo(f"no longer watching {removed.name} ({removed.url})")


commands = [sources_group]
