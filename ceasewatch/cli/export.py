"""``ceasewatch export``: fused events as ACLED/UCDP/PLOVER/GeoJSON/CSV/JSON lines/Parquet.

    ceasewatch export --format acled-csv --out acled.csv --from 2025-10-01 --country AF
    ceasewatch export --format geojson > events.geojson
    ceasewatch export --format ucdp-csv --type Battles | head
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click

from ceasewatch.cli.events import event_filter, filter_options
from ceasewatch.cli.options import db_option, open_cli_store, user_errors
from ceasewatch.exports import FORMATS


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help="Table to write: ACLED's or UCDP GED's columns, PLOVER records, GeoJSON, or "
                   "ceasewatch's own (csv, jsonl, parquet).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (and datapackage.json beside it); default standard output.")
@filter_options
@click.option("--updated-since", type=click.DateTime(), default=None,
              help="Only events fusion changed at or after this time (UTC unless an offset is "
                   "given): an incremental pull.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N events.")
@click.option("--deleted-since", type=click.DateTime(), default=None,
              help="Instead of events: the events deleted at or after this time, ACLED-style "
                   "(event_id_cnty, deleted_timestamp) as CSV.")
@click.option("--verified-only", is_flag=True, default=False,
              help="Only events an analyst verified ('ceasewatch review').")
@db_option
@user_errors
def command(fmt: str | None, out: Path | None, date_from: datetime | None,
            date_to: datetime | None, event_type: str | None, place: str | None,
            country: str | None, bbox: str | None, min_sources: int | None,
            updated_since: datetime | None, limit: int | None,
            deleted_since: datetime | None, verified_only: bool, db_path: str | None) -> None:
    """Export fused events in the formats analysts' tools read."""
    from ceasewatch.errors import CeasewatchError
    from ceasewatch.exports import export_chunks, export_to_file

    if deleted_since is not None:
        _export_deletions(deleted_since, out, db_path)
        return
    if fmt is None:
        raise click.UsageError("give --format (or --deleted-since DATE)")

    flt = replace(event_filter(date_from, date_to, event_type, place, country, min_sources, bbox),
                  updated_since=updated_since,
                  review_state="verified" if verified_only else None)
    with open_cli_store(db_path) as store:
        if out is not None:
            export_to_file(store, fmt, out, flt, limit=limit)
            click.echo(f"wrote {out} and {out.parent / 'datapackage.json'}", err=True)
            return
        if FORMATS[fmt].file_format == "parquet":
            raise CeasewatchError("Parquet is binary: give a file with --out", field="--out")
        for chunk in export_chunks(store, fmt, flt, limit=limit):
            sys.stdout.write(chunk if isinstance(chunk, str) else chunk.decode("utf-8"))


def _export_deletions(since: datetime, out: Path | None, db_path: str | None) -> None:
    from datetime import UTC

    from ceasewatch.exports.deletions import deletions_csv

    moment = since if since.tzinfo else since.replace(tzinfo=UTC)
    with open_cli_store(db_path) as store:
        text = deletions_csv(store, moment)
    if out is None:
        sys.stdout.write(text)
        return
    out.write_text(text, encoding="utf-8")
    click.echo(f"wrote {out}", err=True)
