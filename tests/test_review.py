"""The analyst's review: tokens, who may decide what, decisions kept as dated history, the
queue's order, verified-only publishing (sitrep, export, API), the CLI and the web routes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from web_fixtures import populate

from ceasewatch import api
from ceasewatch.cli.main import cli
from ceasewatch.errors import CeasewatchError, NotAllowedError, NotFoundError
from ceasewatch.review import tokens
from ceasewatch.review.states import claim_key, may_decide
from ceasewatch.store import EventFilter, open_store


@pytest.fixture()
def ids(store):
    return populate(store)


def fatality_claims(store, event_id):
    return [c for c in store.events.claims(event_id) if c.field == "fatalities"]


def test_a_token_is_random_checked_against_its_hash_and_never_stored(store):
    user, secret = api.add_user(store, "amina", "analyst")
    assert user.role == "analyst" and secret.startswith("cw_")
    rows = store.db.query("SELECT * FROM users")
    assert all(secret not in str(v) for row in rows for v in tuple(row))
    cache_user = api.add_user(store, "bilal", "reader")[0]
    from ceasewatch.review.workflow import TokenCache

    cache = TokenCache()
    assert cache.authenticate(store, secret).name == "amina"
    assert cache.authenticate(store, secret).name == "amina"  # from the cache
    assert cache.authenticate(store, secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert cache.authenticate(store, "not-a-token") is None
    assert tokens.token_id_of("cw_short_x") is None
    assert cache_user.role == "reader"
    store.reviews.disable_user("amina")
    assert cache.authenticate(store, secret) is None  # disabled: the cache does not keep it


def test_two_users_get_different_tokens_and_a_name_is_taken_once(store):
    _, one = api.add_user(store, "amina", "analyst")
    _, two = api.add_user(store, "bilal", "analyst")
    assert one != two
    with pytest.raises(CeasewatchError, match="already exists"):
        api.add_user(store, "amina", "editor")
    with pytest.raises(CeasewatchError, match="role"):
        api.add_user(store, "carla", "admin")


@pytest.mark.parametrize(("role", "previous", "by", "allowed"), [
    ("reader", None, None, False),
    ("analyst", None, None, True),
    ("analyst", "needs_review", "bilal", True),
    ("analyst", "verified", "bilal", False),
    ("analyst", "verified", "amina", True),
    ("editor", "rejected", "bilal", True),
])
def test_who_may_decide(role, previous, by, allowed):
    assert may_decide(role, analyst="amina", previous=previous, previous_by=by) is allowed


def test_decisions_are_kept_as_dated_history_with_names_and_notes(store, ids):
    api.add_user(store, "amina", "analyst")
    api.add_user(store, "bilal", "analyst")
    api.add_user(store, "chief", "editor")
    api.add_user(store, "rita", "reader")
    first, second = fatality_claims(store, ids["october"])[:2]
    d1 = api.review(store, claim_key(first), "verified", analyst="amina", note="two outlets")
    assert (d1.item_kind, d1.event_id, d1.state) == ("claim", ids["october"], "verified")
    api.review(store, claim_key(second), "rejected", analyst="amina", note="a rumour")
    with pytest.raises(NotAllowedError, match="already verified by amina"):
        api.review(store, claim_key(first), "rejected", analyst="bilal")
    with pytest.raises(NotAllowedError, match="reader"):
        api.review(store, ids["october"], "verified", analyst="rita")
    api.review(store, claim_key(first), "needs-review", analyst="chief", note="check the toll")
    with pytest.raises(CeasewatchError, match="no user named 'nobody'"):
        api.review(store, ids["october"], "verified", analyst="nobody")
    with pytest.raises(NotFoundError):
        api.review(store, "cl-0000000000000000", "verified", analyst="amina")
    with pytest.raises(NotFoundError):
        api.review(store, "v-nothing", "verified", analyst="amina")
    with pytest.raises(NotFoundError, match="x-1"):
        api.review(store, "x-1", "verified", analyst="amina")
    history = api.review_history(store, event_id=ids["october"])
    assert [(h.analyst, h.state, h.note) for h in history] == [
        ("chief", "needs_review", "check the toll"), ("amina", "rejected", "a rumour"),
        ("amina", "verified", "two outlets")]
    assert all(h.at.startswith("20") for h in history)
    assert store.reviews.state_of("claim", claim_key(first)).state == "needs_review"


def test_a_claim_keeps_its_decisions_when_fusion_rewrites_the_claims(store, ids):
    api.add_user(store, "amina", "analyst")
    claims = store.events.claims(ids["october"])
    api.review(store, claim_key(claims[0]), "verified", analyst="amina")
    with store.atomic():
        store.events.replace_claims(ids["october"], list(reversed(claims)))
    detail = api.review_event(store, ids["october"])
    states = {c["review_id"]: c["review"]["state"] for c in detail["claims"]}
    assert states[claim_key(claims[0])] == "verified"
    assert list(states.values()).count("verified") == 1


def test_the_queue_puts_open_violations_first_and_leaves_out_what_is_decided(store, ids):
    api.add_user(store, "amina", "analyst")
    items, total = api.review_queue(store)
    assert total == len(ids)
    with_violations = {ids["spin6"], ids["spin7"]}
    assert {i["event_id"] for i in items[:2]} == with_violations
    assert all("alleged violation" in i["reasons"][0] for i in items[:2])
    october = next(i for i in items if i["event_id"] == ids["october"])
    assert any(r.startswith("disputed") for r in october["reasons"])
    # verifying the event alone leaves it in the queue while its violation is open
    api.review(store, ids["spin7"], "verified", analyst="amina")
    assert ids["spin7"] in {i["event_id"] for i in api.review_queue(store)[0]}
    api.review(store, "v-spin7", "rejected", analyst="amina", note="no second source")
    assert ids["spin7"] not in {i["event_id"] for i in api.review_queue(store)[0]}
    api.review(store, ids["october"], "needs_review", analyst="amina")
    third = api.review_queue(store)[0][1]
    assert third["event_id"] == ids["october"] and "flagged: needs review" in third["reasons"]


def test_verified_only_publishes_verified_events_claims_and_violations(store, ids):
    from ceasewatch.reports.sitrep import build_sitrep

    api.add_user(store, "amina", "analyst")
    first, second = fatality_claims(store, ids["october"])[:2]
    api.review(store, ids["october"], "verified", analyst="amina")
    api.review(store, claim_key(first), "verified", analyst="amina", note="official figure")
    api.review(store, claim_key(second), "rejected", analyst="amina", note="a rumour")
    api.review(store, ids["spin6"], "verified", analyst="amina")
    api.review(store, "v-spin6", "verified", analyst="amina")
    listed = store.events.list(EventFilter(review_state="verified"))
    assert {e.id for e in listed} == {ids["october"], ids["spin6"]}
    model = build_sitrep(store, date(2025, 10, 1), date(2025, 11, 11), verified_only=True)
    assert {e["id"] for e in model["events"]} == {ids["october"], ids["spin6"]}
    verified = model["verified_claims"]
    assert [(c["review_id"], c["review"]["analyst"], c["review"]["note"]) for c in verified] == [
        (claim_key(first), "amina", "official figure")]
    ledger = [v["id"] for a in model["accords"] for v in a["violations"]]
    assert ledger == ["v-spin6"]
    # a field left with one verified value is no longer an open dispute
    assert all(d["event"]["id"] != ids["october"] for d in model["disputes"])
    # the totals add only the verified figure, never the rejected one
    october = next(e for e in model["events"] if e["id"] == ids["october"])
    verified_value = json.loads(first.value)
    assert october["fatalities_low"] == verified_value["low"]
    assert october["fatalities_high"] == verified_value["high"]
    everything = build_sitrep(store, date(2025, 10, 1), date(2025, 11, 11))
    assert len(everything["events"]) > 2 and not everything["verified_claims"]


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def test_the_cli_adds_users_decides_and_shows_the_history(tmp_path, db_target: str):
    db = db_target
    with open_store(db) as store:
        ids = populate(store)
        key = claim_key(fatality_claims(store, ids["october"])[0])
    added = run(db, "review", "users", "add", "amina", "--role", "analyst")
    assert added.exit_code == 0 and "cw_" in added.output
    listed = run(db, "review", "users", "list", "--json")
    assert json.loads(listed.output)[0]["name"] == "amina" and "cw_" not in listed.output
    queue = run(db, "review", "queue", "--json")
    assert json.loads(queue.output)[0]["event_id"] in {ids["spin6"], ids["spin7"]}
    shown = run(db, "review", "show", ids["october"])
    assert key in shown.output and "draft" in shown.output
    done = run(db, "review", "verify", key, "--analyst", "amina", "--note", "two outlets")
    assert done.exit_code == 0, done.output
    assert f"{key}: verified by amina" in done.output
    refused = run(db, "review", "reject", ids["october"], "--analyst", "ghost")
    assert refused.exit_code == 1 and "no user named 'ghost'" in refused.output
    history = run(db, "review", "history", "--event", ids["october"], "--json")
    rows = json.loads(history.output)
    assert [(r["analyst"], r["state"], r["note"]) for r in rows] == [
        ("amina", "verified", "two outlets")]
    export = run(db, "export", "--format", "jsonl", "--verified-only")
    assert export.exit_code == 0 and export.output == ""
    run(db, "review", "verify", ids["october"], "--analyst", "amina")
    export = run(db, "export", "--format", "jsonl", "--verified-only")
    assert [json.loads(line)["id"] for line in export.output.splitlines()] == [ids["october"]]
    out = tmp_path / "sitrep.html"
    made = run(db, "sitrep", "--from", "2025-10-01", "--to", "2025-11-11", "--verified-only",
               "--out", str(out))
    assert made.exit_code == 0, made.output
    html = out.read_text(encoding="utf-8")
    assert "Verified by analysts" in html and f'data-claim="{key}"' in html


def test_a_review_decision_is_a_revision_of_its_event(store, ids):
    """Issue 18's revision history shows who decided what (issue 17's decisions)."""
    api.add_user(store, "amina", "analyst")
    event_id = store.events.list()[0].id
    before = len(api.event_history(store, event_id))
    api.review(store, event_id, "verified", analyst="amina", note="two independent sources")
    history = api.event_history(store, event_id)
    assert len(history) == before + 1
    last = history[-1]
    assert last.cause == "review" and "amina" in last.note and "verified" in last.note
    assert "two independent sources" in last.note
