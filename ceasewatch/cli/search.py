"""``ceasewatch search QUERY``: full-text search over the documents, with highlighted snippets."""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

import click

from ceasewatch.cli.options import (
    list_output_options,
    open_cli_store,
    print_json,
    user_errors,
    wants_json,
)

if TYPE_CHECKING:
    from ceasewatch.store import SearchHit

#: the store marks matched words as [word] in snippets
_MARK = re.compile(r"\[([^\[\]]*)\]")


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most this many documents.")
@list_output_options
@user_errors
def command(query: tuple[str, ...], limit: int, db_path: str | None, as_json: bool) -> None:
    """Find documents containing all the words of QUERY (a trailing * matches a prefix).

    Words are taken literally: AND, OR, NEAR and quotes are not operators. Chinese and
    Japanese words are found inside longer runs of text.

    \b
    Examples:
      ceasewatch search ceasefire Doha
      ceasewatch search "Spin Boldak" --json
      ceasewatch search clash*
      ceasewatch search 停火
    """
    from ceasewatch import api
    from ceasewatch.export import jsonable

    text = " ".join(query)
    store = open_cli_store(db_path)
    try:
        hits = api.search(store, text, limit=limit)
    finally:
        store.close()
    if wants_json(as_json):
        print_json([jsonable(h) for h in hits])
        return
    if not hits:
        click.echo(f"No document matches {text!r}.")
        return
    _print_hits(hits)


def _print_hits(hits: list[SearchHit]) -> None:
    """Bold matches on a terminal; the [word] markers as they are when piped."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    for hit in hits:
        head = Text(hit.name, style="bold cyan")
        if hit.published:
            head.append(f"  {hit.published}", style="dim")
        if hit.title:
            head.append(f"  {hit.title}")
        console.print(head)
        flat = " ".join(hit.snippet.split())  # a snippet may span the article's lines
        if console.is_terminal:
            snippet = Text("  ")
            pos = 0
            for m in _MARK.finditer(flat):
                snippet.append(flat[pos:m.start()])
                snippet.append(m.group(1), style="bold yellow")
                pos = m.end()
            snippet.append(flat[pos:])
        else:
            snippet = Text("  " + flat)
        console.print(snippet)
