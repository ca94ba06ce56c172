"""``ceasewatch sitrep``: a situation report for a period, as one HTML file or a PDF.

    ceasewatch sitrep --date 2025-11-08 --out sitrep.html        # the week to 8 November
    ceasewatch sitrep --from 2025-10-01 --to 2025-11-08 --theater afpak --out oct-nov.pdf
"""

from __future__ import annotations

import time
from datetime import date

import click

from ceasewatch.cli.options import db_option, open_cli_store, user_errors


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from exc


@click.command()
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="Report dated this day: covers the --days days ending on it.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day of the period.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day of the period.")
@click.option("--days", type=click.IntRange(1, 366), default=7, show_default=True,
              help="Length of the period for --date (or before --to).")
@click.option("--theater", metavar="NAME",
              help="Keep the events of one theater (a pack in data/theaters, e.g. afpak).")
@click.option("--verified-only", is_flag=True, default=False,
              help="Only what analysts verified: events, claims, alleged violations "
                   "('ceasewatch review').")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="Output file: .html (self-contained), .pdf or .docx (Word).")
@db_option
@user_errors
def command(day: str | None, date_from: str | None, date_to: str | None, days: int,
            theater: str | None, verified_only: bool, out: str, db_path: str | None) -> None:
    """Write a situation report: key developments, map, timeline, casualties, accords,
    disputes and sources."""
    from ceasewatch.reports.render import write_sitrep
    from ceasewatch.reports.sitrep import build_sitrep, resolve_period

    start, end = resolve_period(_day(day, "--date"), _day(date_from, "--from"),
                                _day(date_to, "--to"), days=days)
    began = time.perf_counter()
    with open_cli_store(db_path) as store:
        model = build_sitrep(store, start, end, theater=theater, verified_only=verified_only)
        path = write_sitrep(model, out)
    took = time.perf_counter() - began
    click.echo(f"Wrote {path} ({start} to {end}: {model['counts']['events']} event(s), "
               f"{path.stat().st_size // 1024} KiB, {took:.2f} s)")
