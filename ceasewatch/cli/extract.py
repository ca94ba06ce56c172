"""``ceasewatch extract PATH...``: event mentions from files, without a database.

Streams one line per mention as soon as each document is read (JSON lines by default, the
shape of ``export.mention_dict``, scoreable by the corpus's ``score.py``). Inputs that cannot be
read are reported on stderr, one line each, and make the exit status 1 once the rest is done.
"""

from __future__ import annotations

import json
import sys

import click

from ceasewatch.cli.options import publication_date, user_errors

_TABLE_COLUMNS = ("doc", "event_date", "date_precision", "native_type", "location", "country",
                  "actor1", "actor2", "fatalities", "claimed_by")


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for every input (overrides sidecars), to resolve "
                   "'on Thursday' and 'last month'.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "table"]),
              default="jsonl", show_default=True,
              help="One JSON object per mention (streamed), one JSON array, CSV, or a table.")
@user_errors
def command(paths: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Extract event mentions from PATHS (files, folders, '-' for stdin); no database."""
    from ceasewatch.api import extract
    from ceasewatch.export import mention_dict
    from ceasewatch.records import Mention, Rejection

    when = publication_date(published)
    failed = 0
    rows = []
    for item in extract(list(paths), published=when):
        if isinstance(item, Rejection):
            failed += 1
            click.echo(f"error: {item.origin}: {item.reason}", err=True)
        elif isinstance(item, Mention):
            row = mention_dict(item)
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                rows.append(row)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from ceasewatch.cli.options import print_csv

        print_csv(rows)
    elif fmt == "table":
        from ceasewatch.cli.options import print_table

        for row in rows:
            row["fatalities"] = _count(row)
        print_table(rows, _TABLE_COLUMNS, title=f"{len(rows)} event mentions")
    if failed:
        raise SystemExit(1)


def _count(row: dict[str, object]) -> str | None:
    best, low, high = row.get("fatalities"), row.get("fatalities_low"), row.get("fatalities_high")
    if best is not None:
        return str(best)
    if low is not None or high is not None:
        return f"{low if low is not None else '?'}-{high if high is not None else ''}"
    return None
