"""``ceasewatch ingest PATH...``: files, folders, feeds (path or URL) and ``-`` into the store.

One line per input (added / already known / rejected with its reason), a summary, a progress
bar on long batches when a person is watching, and exit status 1 when anything was rejected,
so that a cron job notices a feed that went bad (3: a store problem, 4: a bug; see README).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click

from ceasewatch.cli.options import (
    EXIT_BUG,
    EXIT_REJECTED,
    open_cli_store,
    output_options,
    print_json,
    printable,
    publication_date,
    user_errors,
    wants_json,
)

#: batches longer than this get a progress bar (on a terminal)
PROGRESS_THRESHOLD = 20
_LABELS = {"added": "added", "known": "already known", "unanalysed": "stored only",
           "rejected": "rejected"}


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return publication_date(value)


def _result_line(result: Any) -> str:
    label = _LABELS[result.outcome]
    if result.reason:
        return f"{label:<13} {printable(result.origin)}: {printable(result.reason)}"
    extra = f" ({result.mentions} mentions)" if result.mentions else ""
    return f"{label:<13} {printable(result.origin)}{extra}"


def _show_progress(planned: int, as_json: bool) -> bool:
    """A bar only for a person watching a long batch: not in scripts, pipes or JSON mode."""
    return not as_json and planned > PROGRESS_THRESHOLD and sys.stderr.isatty()


def _echo_result(result: Any) -> None:
    click.echo(_result_line(result), err=result.reason is not None)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Publication date for every document, overriding what they declare.")
@click.option("--no-extract", "no_extract", is_flag=True, default=False,
              help="Only store the documents; skip event extraction.")
@click.option("--reanalyse", is_flag=True, default=False,
              help="Extract, fuse and check again the documents already stored (after an "
                   "upgrade of ceasewatch); manual merge/split decisions are kept.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract on this many processes (one writer stores in input order; the "
                   "result is the same as with 1).")
@output_options
@user_errors
def command(paths: tuple[str, ...], published: date | None, no_extract: bool,
            reanalyse: bool, jobs: int, db_path: str | None, as_json: bool) -> None:
    """Ingest text, HTML and RSS/Atom files, folders (recursively), feed URLs or - (stdin).

    \b
    Examples:
      ceasewatch ingest reports/
      ceasewatch ingest https://example.org/feed.xml
      pbpaste | ceasewatch ingest - --published 2025-11-07
    """
    from ceasewatch import api
    from ceasewatch.export import jsonable
    from ceasewatch.ingest.sources import count_inputs

    as_json = wants_json(as_json)
    store = open_cli_store(db_path, create=True)
    try:
        planned = count_inputs(paths)
        if _show_progress(planned, as_json):
            report = _ingest_with_progress(api, store, paths, published, not no_extract,
                                           reanalyse, planned, jobs)
        else:
            hook = None if as_json else _echo_result
            report = api.ingest(store, paths, published=published, extract=not no_extract,
                                reanalyse=reanalyse, progress=hook, jobs=jobs)
    finally:
        store.close()
    summary = {"added": report.count("added"), "known": report.count("known"),
               "unanalysed": report.count("unanalysed"), "rejected": report.count("rejected"),
               "mentions": sum(r.mentions for r in report.results)}
    if not report.results:
        from ceasewatch.ingest.sources import DOCUMENT_SUFFIXES

        kinds = ", ".join(sorted(DOCUMENT_SUFFIXES))
        click.echo(f"No documents found in the given paths (folders are searched for "
                   f"{kinds} files).", err=True)
    if as_json:
        print_json({"results": [jsonable(r) for r in report.results], "summary": summary})
    else:
        parts = [f"{summary['added']} added", f"{summary['known']} already known",
                 f"{summary['rejected']} rejected"]
        if summary["unanalysed"]:
            parts.insert(2, f"{summary['unanalysed']} stored without events")
        if not no_extract:
            parts.append(f"{summary['mentions']} mentions extracted")
        click.echo(", ".join(parts))
    if report.internal_errors:
        sys.exit(EXIT_BUG)
    if not report.ok:
        sys.exit(EXIT_REJECTED)


def _ingest_with_progress(api: Any, store: Any, paths: tuple[str, ...], published: date | None,
                          extract: bool, reanalyse: bool, planned: int, jobs: int) -> Any:
    """A rich progress bar on stderr; rejections still get their own line above it."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=planned)
        done = 0

        def hook(result: Any) -> None:
            nonlocal done
            done += 1
            if result.reason is not None:
                progress.console.print(_result_line(result), markup=False, highlight=False,
                                       soft_wrap=True)
            # a feed yields several documents for one planned input: grow the total
            progress.update(task, completed=done, total=max(planned, done))

        return api.ingest(store, paths, published=published, extract=extract,
                          reanalyse=reanalyse, progress=hook, jobs=jobs)
