"""``ceasewatch docs``: the documents in the store, with their provenance."""

from __future__ import annotations

import click

from ceasewatch.cli.options import (
    list_output_options,
    open_cli_store,
    print_json,
    print_table,
    user_errors,
    wants_json,
)

COLUMNS = ("name", "published", "language", "outlet", "title", "size")


@click.command("docs")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Show at most this many documents.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@list_output_options
@user_errors
def command(limit: int | None, offset: int, db_path: str | None, as_json: bool) -> None:
    """List ingested documents, oldest publication first.

    \b
    Examples:
      ceasewatch docs
      ceasewatch docs --json --limit 10
    """
    from rich.markup import escape

    from ceasewatch import api
    from ceasewatch.export import document_dict

    store = open_cli_store(db_path)
    try:
        docs = api.documents(store, limit=limit, offset=offset)
        total = store.documents.count()
    finally:
        store.close()
    if wants_json(as_json):
        print_json([document_dict(d) for d in docs])
        return
    if not docs:
        click.echo("No documents yet: add some with `ceasewatch ingest PATH`.")
        return
    rows = []
    for d in docs:
        # print_table renders through rich: a "[" in a title would be taken for markup
        rows.append({"name": escape(d.name), "published": _published(d),
                     "language": d.language, "outlet": escape(d.outlet or ""),
                     "title": escape(d.title or ""), "size": d.size})
    print_table(rows, COLUMNS, title=f"{len(docs)} of {total} documents")


def _published(doc: object) -> str | None:
    """The date as precisely as it is known: 2025-11 for a month."""
    published = getattr(doc, "published", None)
    if published is None:
        return None
    precision = getattr(doc, "published_precision", None)
    if precision == "year":
        return f"{published.year}"
    if precision == "month":
        return published.strftime("%Y-%m")
    return str(published.isoformat())
