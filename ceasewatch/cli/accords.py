"""``ceasewatch accords``: the accords, the state of each commitment, import and show.

    ceasewatch accords                         # every accord, each commitment holding or not
    ceasewatch accords import my-accord.yaml   # an analyst's accord (YAML or TOML)
    ceasewatch accords import --builtin        # (re-)import the curated accords shipped
    ceasewatch accords show doha-2025-10-19    # parties, mediators, reports, commitments

The curated accords shipped with ceasewatch (the Doha accord of 19 October 2025 first) are
imported automatically on a store's first ingest, and by ``ceasewatch accords`` when the store
holds no accord yet.
"""

from __future__ import annotations

from typing import Any

import click

from ceasewatch.cli.options import (
    list_output_options,
    open_cli_store,
    output_options,
    print_json,
    print_table,
    user_errors,
    wants_json,
)


def _accord_json(store: Any, accord: Any, *, details: bool = False) -> dict[str, Any]:
    from ceasewatch.accords.summary import commitment_states
    from ceasewatch.export import accord_dict, commitment_dict

    out = accord_dict(accord)
    out["commitments"] = []
    for state in commitment_states(store, accord):
        c = commitment_dict(state.commitment)
        c.update(state=state.state, alleged_violations=state.events,
                 by_verification=state.by_level, by_party=state.by_party,
                 last_alleged=state.last_date.isoformat() if state.last_date else None)
        out["commitments"].append(c)
    out["reports"] = store.accords.linked_events(accord.id)
    if details:
        from ceasewatch.accords.summary import weekly_series

        out["weekly"] = weekly_series(store, accord)
    return out


@click.group("accords", invoke_without_command=True)
@list_output_options
@click.pass_context
@user_errors
def accords_group(ctx: click.Context, db_path: str | None, as_json: bool) -> None:
    """Accords and the state of each commitment (holding / allegedly violated)."""
    if ctx.invoked_subcommand is not None:
        return
    from ceasewatch.accords.curation import ensure_builtin_accords
    from ceasewatch.accords.knowledge import commitment_name
    from ceasewatch.accords.summary import commitment_states

    with open_cli_store(db_path) as store:
        if store.accords.count() == 0:
            ensure_builtin_accords(store)
        accords = store.accords.list()
        if wants_json(as_json):
            print_json([_accord_json(store, a) for a in accords])
            return
        rows = []
        for a in accords:
            for state in commitment_states(store, a):
                rows.append({
                    "accord": a.id, "parties": "–".join(a.parties),
                    "in force": a.in_force_date, "source": a.source,
                    "commitment": commitment_name(state.commitment.kind),
                    "state": state.describe(),
                    "by party": ", ".join(f"{p}: {n}" for p, n in state.by_party.items()),
                })
        if not rows:
            click.echo("No accords. Import one with `ceasewatch accords import FILE`.")
            return
        print_table(rows, ["accord", "parties", "in force", "source", "commitment", "state",
                           "by party"], title="Accords")


@accords_group.command("import")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--builtin", is_flag=True, default=False,
              help="(Re-)import the curated accords shipped with ceasewatch.")
@output_options
@user_errors
def import_command(files: tuple[str, ...], builtin: bool, db_path: str | None,
                   as_json: bool) -> None:
    """Import accords from YAML/TOML FILES (each file is checked whole before import)."""
    from ceasewatch.accords.accord_file import load_accord_file
    from ceasewatch.accords.curation import builtin_accords, import_accords

    if not files and not builtin:
        raise click.UsageError("give accord FILES to import, or --builtin")
    accords = list(builtin_accords()) if builtin else []
    for path in files:  # validate every file before touching the store
        accords += load_accord_file(path)
    with open_cli_store(db_path, create=True) as store:
        results = import_accords(store, accords)
    if wants_json(as_json):
        print_json([{"id": r.accord.id, "outcome": r.outcome, "absorbed": list(r.absorbed),
                     "commitments": len(r.accord.commitments),
                     "alleged_violations": r.violations} for r in results])
        return
    for r in results:
        absorbed = f"; absorbed detected {', '.join(r.absorbed)}" if r.absorbed else ""
        click.echo(f"{r.outcome} {r.accord.id}: {len(r.accord.commitments)} commitments, "
                   f"{r.violations} alleged violation(s) in the ledger{absorbed}")


@accords_group.command("show")
@click.argument("accord_id")
@output_options
@user_errors
def show_command(accord_id: str, db_path: str | None, as_json: bool) -> None:
    """Show one accord: parties, mediators, reports that mention it, commitments' state."""
    from ceasewatch.accords.summary import commitment_states

    with open_cli_store(db_path) as store:
        accord = store.accords.get(accord_id)
        if wants_json(as_json):
            print_json(_accord_json(store, accord, details=True))
            return
        place = accord.place.name if accord.place else "—"
        click.echo(f"{accord.name}  [{accord.id}, {accord.source}]")
        click.echo(f"  parties:    {', '.join(accord.parties)}")
        click.echo(f"  mediators:  {', '.join(accord.mediators) or '—'}")
        click.echo(f"  signed:     {accord.signed_date or '—'} in {place}")
        click.echo(f"  in force:   {accord.in_force_date or '—'}")
        click.echo(f"  provenance: {accord.provenance or '—'}")
        links = store.accords.linked_events(accord.id)
        click.echo(f"  reported by {len(links)} event(s):")
        for link in links:
            mediators = ", ".join(map(str, link["mediators"])) or "no mediator named"
            kinds = ", ".join(map(str, link["commitments"])) or "no commitment named"
            click.echo(f"    {link['event_id']}: mediators {mediators}; names {kinds}")
        click.echo("  commitments:")
        for state in commitment_states(store, accord):
            c = state.commitment
            bound = f" [{', '.join(c.parties)}]" if c.parties else ""
            click.echo(f"    - {c.kind}{bound}: {state.describe()}")
            click.echo(f"      {c.text}")
            if state.by_party:
                click.echo("      alleged violator: " + ", ".join(
                    f"{p} {n}" for p, n in state.by_party.items()))


commands = [accords_group]
