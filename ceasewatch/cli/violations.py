"""``ceasewatch violations``: the ledger of alleged violations.

    ceasewatch violations                          # every alleged violation, oldest first
    ceasewatch violations --accord doha-2025-10-19 --party PK
    ceasewatch violations --json                   # for scripts and the reports

One line per (event, accused party): a disputed exchange of fire in which each side blames the
other is one event and two lines, each with its accuser and the verification level.
"""

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

EVIDENCE_WIDTH = 160


@click.command("violations")
@click.option("--accord", "accord_id", default=None, help="Only this accord (its id).")
@click.option("--party", default=None,
              help="Only violations alleged against this party (side key, e.g. PK).")
@list_output_options
@user_errors
def command(accord_id: str | None, party: str | None, db_path: str | None,
            as_json: bool) -> None:
    """The ledger of alleged violations: who is accused by whom, and how well verified."""
    from ceasewatch.accords.knowledge import commitment_name
    from ceasewatch.reports.ledger_rows import ledger_rows

    with open_cli_store(db_path) as store:
        rows = ledger_rows(store, accord_id=accord_id, party=party.upper() if party else None)
    if wants_json(as_json):
        print_json(rows)
        return
    if not rows:
        click.echo("No alleged violations recorded.")
        return
    table = []
    for r in rows:
        evidence = r["evidence"][0] if r["evidence"] else ""
        if len(evidence) > EVIDENCE_WIDTH:
            evidence = evidence[:EVIDENCE_WIDTH - 1] + "…"
        table.append({
            "date": r["event_date"], "accord": r["accord_id"],
            "commitment": commitment_name(r["commitment"]),
            "alleged violator": r["alleged_violator"] or "unattributed",
            "accuser": r["accuser"], "verification": r["verification"],
            "event": f"{r['event_id']} ({r['native_type']}, {r['location'] or '?'})",
            "evidence": evidence,
        })
    print_table(table, ["date", "accord", "commitment", "alleged violator", "accuser",
                        "verification", "event", "evidence"], title="Alleged violations")
