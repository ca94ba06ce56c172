"""``ceasewatch theater``: the theater packs (``data/theaters/<name>/``), one and a new one.

    ceasewatch theater list                                  # every pack and its countries
    ceasewatch theater show israel_lebanon                   # its name, countries and files
    ceasewatch theater new thai_cambodia --countries TH KH   # scaffold a pack to fill in
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import json_option, print_json, print_table, user_errors, wants_json


@click.group("theater")
def theater_group() -> None:
    """Theater packs: parties, places, borders and accords of one conflict, as data."""


@theater_group.command("list")
@json_option
@user_errors
def list_command(as_json: bool) -> None:
    """Every installed theater pack with its countries."""
    from ceasewatch import api

    packs = api.theaters()
    if wants_json(as_json):
        print_json([{"key": p.key, "name": p.name, "countries": list(p.countries)}
                    for p in packs])
        return
    print_table([{"theater": p.key, "name": p.name, "countries": " ".join(p.countries)}
                 for p in packs], ["theater", "name", "countries"])


@theater_group.command("show")
@click.argument("name")
@json_option
@user_errors
def show_command(name: str, as_json: bool) -> None:
    """One pack: its name, countries and data files."""
    from ceasewatch import api

    pack = api.theater(name)
    if wants_json(as_json):
        print_json({"key": pack.key, "name": pack.name, "countries": list(pack.countries),
                    "files": list(pack.files)})
        return
    click.echo(f"{pack.key}: {pack.name} ({' '.join(pack.countries)})")
    for path in pack.files:
        click.echo(f"  {path}")


@theater_group.command("new")
@click.argument("name")
@click.option("--countries", required=True, help="ISO 3166-1 alpha-2 codes, e.g. 'TH KH'.")
@click.option("--title", default=None, help="Display name (default: the country names).")
@click.option("--root", type=click.Path(file_okay=False), default=None,
              help="Folder of packs (default: the installed data/theaters).")
@user_errors
def new_command(name: str, countries: str, title: str | None, root: str | None) -> None:
    """Scaffold a pack: theater.yaml, generic actors of each country, an empty places.tsv."""
    from pathlib import Path

    from ceasewatch import api

    codes = countries.replace(",", " ").split()
    folder = api.new_theater(name, codes, name=title, root=Path(root) if root else None)
    click.echo(f"created {folder}")
commands = [theater_group]
