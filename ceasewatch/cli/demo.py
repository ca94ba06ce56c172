"""``ceasewatch demo``: ingest the bundled corpus and show what ceasewatch makes of it.

The five bundled articles (6–11 November 2025, Afghanistan–Pakistan) are a copy of the
development corpus, so the demo works on a machine without it. The demo uses its own database
(``demo.db`` beside the default one) unless ``--db`` is given, so it never mixes with real work.
"""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import click

from ceasewatch.cli.options import (
    open_cli_store,
    print_json,
    print_table,
    resolve_db,
    user_errors,
    wants_json,
)


def sample_dir() -> Path:
    return Path(str(resources.files("ceasewatch") / "sample"))


def demo_db_path() -> Path:
    from ceasewatch.store import default_db_path

    return default_db_path().with_name("demo.db")


@click.command(name="demo")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Database for the demo (default: demo.db in the user data directory).")
@click.option("--json", "as_json", is_flag=True, default=False, help="Print JSON.")
@user_errors
def command(db_path: str | None, as_json: bool) -> None:
    """Ingest the bundled demo corpus and print the documents and the timeline."""
    from ceasewatch import api
    from ceasewatch.export import document_dict, event_dict, mention_dict
    path = resolve_db(db_path) or str(demo_db_path())
    with open_cli_store(path, create=True) as store:
        # re-read every time: a demo database made by an older ceasewatch shows today's reading
        report = api.ingest(store, [str(sample_dir())], reanalyse=True)
        docs = api.documents(store)
        events = api.events(store)
        mentions = api.mentions(store) if not events else []
        accords = _accords(store)
        if wants_json(as_json):
            print_json({
                "database": path,
                "ingest": [dataclasses.asdict(r) for r in report.results],
                "documents": [document_dict(d) for d in docs],
                "events": [event_dict(e) for e in events],
                "mentions": [mention_dict(m) for m in mentions],
                "accords": accords,
            })
            return
        click.echo(f"Database: {path}")
        click.echo(f"Ingested {report.count('added')} new, {report.count('known')} already "
                   f"known, {report.count('rejected')} rejected.")
        print_table([{"published": d.published, "name": d.name, "language": d.language,
                      "title": d.title or "", "words": len(d.text.split())} for d in docs],
                    ["published", "name", "language", "words", "title"], title="Documents")
        if events:
            print_table([_timeline_row(event_dict(e)) for e in events],
                        ["date", "precision", "what", "where", "fatalities", "sources",
                         "disputed"], title="Timeline of fused events")
        elif mentions:
            print_table([_timeline_row(mention_dict(m)) for m in mentions],
                        ["date", "precision", "what", "where", "fatalities", "sources"],
                        title="Timeline of event mentions")
        for line in accords:
            click.echo(line)
        click.echo(f"\nNext: `ceasewatch --db {path} events`, `ceasewatch --db {path} disputes`, "
                   f"`ceasewatch --db {path} violations`, `ceasewatch --db {path} serve`")


def _timeline_row(d: dict[str, object]) -> dict[str, object]:
    from ceasewatch.export import casualty_text

    low, best, high = d.get("fatalities_low"), d.get("fatalities"), d.get("fatalities_high")
    fatalities = str(best) if best is not None else casualty_text(
        low if isinstance(low, int) else None, None, high if isinstance(high, int) else None)
    sources = d.get("sources") or ([d["doc"]] if d.get("doc") else [])
    indep = d.get("independent_sources")
    return {
        "date": d.get("event_date"),
        "precision": d.get("date_precision"),
        "what": d["what"],
        "where": ", ".join(str(x) for x in (d.get("location"), d.get("country")) if x),
        "fatalities": fatalities,
        "sources": f"{indep} indep. / {len(sources)}" if indep is not None else  # type: ignore[arg-type]
        ", ".join(sources),  # type: ignore[arg-type]
        "disputed": ", ".join(d.get("disputed_fields") or []),  # type: ignore[arg-type]
    }


def _accords(store: object) -> list[str]:
    """One line per accord and its alleged violations, when the accords module is present."""
    repo = getattr(store, "accords", None)
    if repo is None:
        return []
    lines = []
    for accord in repo.list():
        violations = repo.violations(accord_id=accord.id)
        lines.append(f"Accord {accord.name} ({accord.signed_date}): "
                     f"{len(violations)} alleged violation(s)")
    return lines
