"""``ceasewatch backfill CORPUS... --engine dask|spark``: a large corpus in parallel.

Extraction runs on a local Dask or Spark cluster of ``--workers`` processes, or on the
cluster at ``--address``; documents, mentions and fusion are written here, in date order.
Exit status 1 when anything was rejected, as with ``ingest``.
"""

from __future__ import annotations

import sys
import time

import click

from ceasewatch.cli.options import (
    EXIT_REJECTED,
    open_cli_store,
    output_options,
    print_json,
    printable,
    user_errors,
    wants_json,
)


@click.command("backfill")
@click.argument("paths", nargs=-1)
@click.option("--engine", type=click.Choice(["dask", "spark", "local"]), default="dask",
              show_default=True, help="Where extraction runs (local: this process only).")
@click.option("--workers", type=click.IntRange(1, 1024), default=2, show_default=True,
              help="Worker processes of the local cluster (ignored with --address).")
@click.option("--address", default=None, metavar="URL",
              help="An existing cluster: tcp://scheduler:8786 (Dask), spark://master:7077.")
@click.option("--batch", type=click.IntRange(1, 100_000), default=200, show_default=True,
              help="Documents written per transaction.")
@click.option("--urls", "url_lists", multiple=True, metavar="FILE",
              type=click.Path(exists=True, dir_okay=False),
              help="A URL list (one a line, or a GDELT export) whose pages are in --pages.")
@click.option("--pages", default=None, metavar="PATH", type=click.Path(exists=True),
              help="The pages downloaded for --urls: a folder of files named by the URL's "
                   "SHA-1/SHA-256/MD5, or a JSONL of {\"url\", \"html\"}. Never fetched.")
@output_options
@user_errors
def command(paths: tuple[str, ...], engine: str, workers: int, address: str | None,
            batch: int, url_lists: tuple[str, ...], pages: str | None, db_path: str | None,
            as_json: bool) -> None:
    """Backfill folders, JSONL/Parquet files of articles and downloaded URL lists, extracting
    in parallel.

    \b
    Examples:
      ceasewatch backfill archive/2024/ --engine dask --workers 8
      ceasewatch backfill articles.parquet --engine spark --address spark://master:7077
      ceasewatch backfill --urls 20251107.export.CSV --pages downloaded/ --engine local
    """
    from ceasewatch import api
    from ceasewatch.export import jsonable

    as_json = wants_json(as_json)
    if not paths and not url_lists:
        raise click.UsageError("give the corpus (folders, JSONL/Parquet files) or --urls")
    started = time.perf_counter()
    with open_cli_store(db_path, create=True) as store:
        report = api.backfill(store, list(paths), engine=engine, workers=workers,
                              address=address, batch=batch, url_lists=url_lists,
                              pages=pages)
    seconds = time.perf_counter() - started
    if as_json:
        print_json({"results": [jsonable(r) for r in report.results], "seconds": seconds})
    else:
        for r in report.results:
            if r.reason:
                click.echo(f"{r.outcome:<13} {printable(r.origin)}: {printable(r.reason)}",
                           err=True)
        click.echo(f"{report.count('added')} added, {report.count('known')} already known, "
                   f"{report.count('unanalysed')} stored only, {report.count('rejected')} "
                   f"rejected in {seconds:.1f} s ({engine})")
    if report.count("rejected"):
        sys.exit(EXIT_REJECTED)
