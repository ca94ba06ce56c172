"""``ceasewatch review``: the analyst's review from the command line.

    ceasewatch review users add amina --role analyst      # prints amina's token, once
    ceasewatch review queue                               # what to check first, and why
    ceasewatch review show ev-3f9c2a41d0b7                # the event's claims with their ids
    ceasewatch review verify cl-0c3e5a7b9d1f2e44 --analyst amina --note "two outlets agree"
    ceasewatch review reject cl-77aa01b2c3d4e5f6 --analyst amina --note "the group's own claim"
    ceasewatch review history --event ev-3f9c2a41d0b7

An item is an event (``ev-…``), one of its claims (``cl-…``) or an alleged violation (``v-…``).
Every decision is kept, dated, with the analyst's name and note.
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
    printable,
    user_errors,
    wants_json,
)


@click.group("review")
def review() -> None:
    """Review events, claims and alleged violations: verify, reject, flag; users and tokens."""


@review.command("queue")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@list_output_options
@user_errors
def queue(limit: int, db_path: str | None, as_json: bool) -> None:
    """Events still to review, most urgent first: new alleged violations, needs review, high
    fatalities, disputed, low confidence, one source."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        items, total = api.review_queue(store, limit=limit)
    if wants_json(as_json):
        print_json(items)
        return
    if not items:
        click.echo("Nothing to review.")
        return
    rows = [dict(i, reasons="; ".join(i["reasons"]), score=f"{i['score']:.0f}") for i in items]
    print_table(rows, ["event_id", "state", "date", "what", "where", "score", "reasons"],
                title=f"Review queue: {total} event(s)")


@review.command("show")
@click.argument("event_id", metavar="EVENT")
@output_options
@user_errors
def show(event_id: str, db_path: str | None, as_json: bool) -> None:
    """An event's review: its state, each claim and alleged violation with id and state."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        detail = api.review_event(store, event_id)
    if wants_json(as_json):
        print_json({k: detail[k] for k in ("event", "review", "claims", "violations",
                                           "review_history")})
        return
    event = detail["event"]
    click.echo(f"{event['id']}  {event.get('event_date') or 'undated'}  "
               f"{event.get('event_type') or event['native_type']}  "
               f"{event.get('location') or ''}  [{detail['review']['state']}]")
    for c in detail["claims"]:
        who = c["claimant"] or "unattributed"
        click.echo(printable(f"  {c['review_id']}  {c['review']['state']:<12} {c['field']}: "
                             f"{c['display']}  ({who}, {c['doc']})"))
    for v in detail["violations"]:
        click.echo(printable(f"  {v['id']}  {v['review']['state']:<12} alleged violation by "
                             f"{v['alleged_violator'] or '?'} ({v['verification']})"))


def _decide(state: str, help_text: str) -> click.Command:
    @click.command(state.replace("_", "-"), help=help_text)
    @click.argument("item_ids", metavar="ITEM...", nargs=-1, required=True)
    @click.option("--analyst", required=True, envvar="CEASEWATCH_ANALYST",
                  help="Who decides (a user of 'review users'; default $CEASEWATCH_ANALYST).")
    @click.option("--note", default="", help="Why: kept with the decision.")
    @click.option("--event", "event_id", default=None,
                  help="The event of the claims (a faster look-up; optional).")
    @output_options
    @user_errors
    def decide(item_ids: tuple[str, ...], analyst: str, note: str, event_id: str | None,
               db_path: str | None, as_json: bool) -> None:
        from ceasewatch import api
        from ceasewatch.review.workflow import decision_dict

        done: list[dict[str, Any]] = []
        with open_cli_store(db_path) as store:
            for item_id in item_ids:
                d = api.review(store, item_id, state, analyst=analyst, note=note,
                               event_id=event_id)
                done.append(decision_dict(d))
        if wants_json(as_json):
            print_json(done)
            return
        for d in done:
            click.echo(f"{d['item_id']}: {d['state'].replace('_', ' ')} by {d['analyst']} "
                       f"at {d['at']}")

    return decide


for _state, _help in (("verified", "Mark ITEMs verified (publishable)."),
                      ("rejected", "Mark ITEMs rejected (never published)."),
                      ("needs_review", "Flag ITEMs for another look."),
                      ("draft", "Put ITEMs back to draft (undecided).")):
    review.add_command(_decide(_state, _help),
                       {"verified": "verify", "rejected": "reject"}.get(_state,
                                                                         _state.replace("_", "-")))


@review.command("history")
@click.option("--event", "event_id", default=None, help="Only this event and its items.")
@click.option("--item", "item_id", default=None, help="Only this item.")
@click.option("--analyst", default=None, help="Only this analyst's decisions.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=200, show_default=True)
@list_output_options
@user_errors
def history(event_id: str | None, item_id: str | None, analyst: str | None, limit: int,
            db_path: str | None, as_json: bool) -> None:
    """Who decided what, when and why, newest first."""
    from ceasewatch import api
    from ceasewatch.review.workflow import decision_dict

    with open_cli_store(db_path) as store:
        rows = [decision_dict(d) for d in api.review_history(
            store, event_id=event_id, item_id=item_id, analyst=analyst, limit=limit)]
    if wants_json(as_json):
        print_json(rows)
        return
    if not rows:
        click.echo("No review decisions recorded.")
        return
    print_table(rows, ["at", "analyst", "state", "item_kind", "item_id", "event_id", "note"],
                title="Review history")


@review.group("users")
def users() -> None:
    """The people who read (reader), review (analyst) or also overrule reviews (editor)."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reader", "analyst", "editor"]), required=True)
@output_options
@user_errors
def users_add(name: str, role: str, db_path: str | None, as_json: bool) -> None:
    """Add a user; their token is printed this once (only its hash is kept)."""
    from ceasewatch import api

    with open_cli_store(db_path) as store:
        user, token = api.add_user(store, name, role)
    if wants_json(as_json):
        print_json({"name": user.name, "role": user.role, "token": token})
        return
    click.echo(f"Added {user.name} ({user.role}). Token (shown once, keep it safe):")
    click.echo(token)


@users.command("list")
@list_output_options
@user_errors
def users_list(db_path: str | None, as_json: bool) -> None:
    """Users with their role (never their tokens)."""
    with open_cli_store(db_path) as store:
        rows = [{"name": u.name, "role": u.role, "created_at": u.created_at,
                 "disabled_at": u.disabled_at} for u in store.reviews.users()]
    if wants_json(as_json):
        print_json(rows)
        return
    if not rows:
        click.echo("No users. Add one with 'ceasewatch review users add NAME --role analyst'.")
        return
    print_table(rows, ["name", "role", "created_at", "disabled_at"], title="Users")


@users.command("token")
@click.argument("name")
@output_options
@user_errors
def users_token(name: str, db_path: str | None, as_json: bool) -> None:
    """Give NAME a new token (printed once); the old one stops working."""
    from ceasewatch.review.workflow import new_user_token

    with open_cli_store(db_path) as store:
        token = new_user_token(store, name)
    if wants_json(as_json):
        print_json({"name": name, "token": token})
    else:
        click.echo(token)


@users.command("disable")
@click.argument("name")
@output_options
@user_errors
def users_disable(name: str, db_path: str | None, as_json: bool) -> None:
    """Disable NAME: their token stops working; their decisions stay in the history."""
    with open_cli_store(db_path) as store:
        user = store.reviews.disable_user(name)
    if wants_json(as_json):
        print_json({"name": user.name, "disabled_at": user.disabled_at})
    else:
        click.echo(f"Disabled {user.name}.")


command = review
