"""``ceasewatch alerts``: alert rules and the alerts they raised.

    ceasewatch alerts add violation --accord doha-2025-10-19 --webhook http://127.0.0.1:9000/
    ceasewatch alerts add fatalities --min 10 --place Kandahar
    ceasewatch alerts add new-type --theater india_pakistan
    ceasewatch alerts rules
    ceasewatch alerts                      # the alerts raised, newest first

Alerts are raised as reports are ingested (by ``ingest``, uploads or ``watch``), once per
key; ``watch`` posts them to the rule's webhook, and ``serve`` shows them at ``/alerts`` and
``/alerts.atom``.
"""

from __future__ import annotations

import click

from ceasewatch.cli.options import (
    list_output_options,
    open_cli_store,
    output_options,
    print_json,
    print_list,
    user_errors,
    wants_json,
)
from ceasewatch.export import alert_dict, rule_dict


@click.group("alerts", invoke_without_command=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@list_output_options
@click.pass_context
@user_errors
def alerts_group(ctx: click.Context, limit: int, db_path: str | None, as_json: bool) -> None:
    """The alerts raised, newest first (rules: `alerts add`, `alerts rules`)."""
    if ctx.invoked_subcommand is not None:
        return
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        rows = [alert_dict(a) for a in api.alerts(store, limit=limit)]
    if not wants_json(as_json):
        for row in rows:
            row["delivered"] = row["delivered_at"] or ("pending" if row["webhook"] else "—")
    print_list(rows, ["created_at", "title", "event_id", "delivered"], as_json=as_json,
               title="Alerts", empty="No alerts. Add a rule with `ceasewatch alerts add`.")


@alerts_group.command("add")
@click.argument("kind", type=click.Choice(["violation", "fatalities", "new-type"]))
@click.option("--accord", default=None, help="violation: only this accord's.")
@click.option("--party", default=None, help="violation: only those alleged of this side (PK).")
@click.option("--min", "minimum", type=click.IntRange(min=1), default=None,
              help="fatalities: at least this many killed (best estimate).")
@click.option("--place", default=None, help="fatalities: in this place, province or country.")
@click.option("--theater", default=None, help="new-type: the theater pack (see `theater list`).")
@click.option("--webhook", default=None, help="POST each alert as JSON to this URL.")
@output_options
@user_errors
def add_command(kind: str, accord: str | None, party: str | None, minimum: int | None,
                place: str | None, theater: str | None, webhook: str | None,
                db_path: str | None, as_json: bool) -> None:
    """Alert on KIND: violation (a new alleged violation of an accord), fatalities
    (--min N killed, --place), new-type (the first event of a type in a --theater)."""
    from ceasewatch import api

    params = {"accord": accord, "party": party, "min": minimum, "place": place,
              "theater": theater}
    with open_cli_store(db_path, create=True) as store:
        rule = api.add_alert_rule(store, kind, params, webhook=webhook)
    if wants_json(as_json):
        print_json(rule_dict(rule))
        return
    click.echo(f"rule {rule.id}: {rule.kind} {rule.params or ''}"
               + (f" -> {rule.webhook}" if rule.webhook else ""))


@alerts_group.command("rules")
@list_output_options
@user_errors
def rules_command(db_path: str | None, as_json: bool) -> None:
    """The alert rules."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        rows = [rule_dict(r) for r in api.alert_rules(store)]
    print_list(rows, ["id", "kind", "params", "webhook"], as_json=as_json, title="Alert rules",
               empty="No alert rules.")


@alerts_group.command("remove")
@click.argument("rule_id", metavar="RULE", type=int)
@output_options
@user_errors
def remove_command(rule_id: int, db_path: str | None, as_json: bool) -> None:
    """Delete alert rule RULE and the alerts it raised."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        api.remove_alert_rule(store, rule_id)
    if wants_json(as_json):
        print_json({"removed": rule_id})
        return
    click.echo(f"removed rule {rule_id}")


commands = [alerts_group]
