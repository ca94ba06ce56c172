"""``ceasewatch show EVENT``: every report, claim, evidence sentence and fusion decision.

    ceasewatch show ev-3f9c2a41d0b7
    ceasewatch show ev-3f9c --json      # a unique prefix is enough
"""

from __future__ import annotations

from typing import Any

import click

from ceasewatch.cli.options import open_cli_store, output_options, print_json, user_errors

WRAP = 100


@click.command("show")
@click.argument("event_id", metavar="EVENT")
@output_options
@user_errors
def command(event_id: str, db_path: str | None, as_json: bool) -> None:
    """Show one fused event: its reports, claims side by side, sources and history."""
    from ceasewatch import api
    from ceasewatch.cli.options import wants_json

    with open_cli_store(db_path) as store:
        report = api.event_report(store, event_id)
    if wants_json(as_json):
        print_json(report)
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    import textwrap

    from ceasewatch.export import casualty_text
    from ceasewatch.fusion.evidence import bracketed
    from ceasewatch.fusion.inspect import field_label

    e = report["event"]
    where = ", ".join(x for x in (e["location"], e["admin1"], e["country"]) if x)
    click.secho(f"{e['id']}  {e['event_date']} ({e['date_precision']})  "
                f"{e['what']}  {where}", bold=True)
    actors = " vs ".join(x for x in (e["actor1"], e["actor2"]) if x)
    if actors:
        click.echo(f"  actors: {actors}" + ("  [initiator disputed]"
                                             if e["initiator_disputed"] else ""))
    if e["fatalities_low"] is not None or e["fatalities"] is not None:
        click.echo("  fatalities: " + casualty_text(e["fatalities_low"], e["fatalities"],
                                                    e["fatalities_high"]))
        split = report.get("deaths_by_side") or {}
        if any(split.get(k) for k in ("side_a", "side_b", "civilians")):
            sides = (f"{split['side_a']} {e['actor1'] or 'side A'}",
                     f"{split['side_b']} {e['actor2'] or 'side B'}",
                     f"{split['civilians']} civilians", f"{split['unknown']} unknown")
            click.echo("    by side (UCDP): " + ", ".join(sides))
    click.echo(f"  sources: {len(e['sources'])} document(s), {e['independent_sources']} "
               f"independent")
    for group in report["independent_groups"]:
        why = f"  ({'; '.join(group['why_one_source'])})" if group["why_one_source"] else ""
        click.echo(f"    - {' + '.join(group['sources'])}{why}")
    if e["disputed_fields"]:
        click.secho(f"  disputed: {', '.join(e['disputed_fields'])}", fg="yellow")
    click.secho("\nReports", bold=True)
    for m in report["reports"]:
        who = ", ".join(m["claimed_by"]) or "the document"
        click.echo(f"  [{m['doc']}] {m['id']} {m['native_type']} {m['event_date']} "
                   f"({m['date_precision']}) {m['location'] or ''}  — per {who}")
        tellings = m.get("evidences") or [{"language": m["language"], "text": m["evidence"]}]
        for telling in tellings:
            # a bilingual article: one report, its evidence in each language it is told in
            tag = f"[{telling['language']}] " if len(tellings) > 1 else ""
            for line in textwrap.wrap(f"{tag}“{telling['text']}”", WRAP - 6):
                click.echo(f"      {line}")
        if m.get("why_here"):
            click.echo(f"      fused: {m['why_here']}")
    click.secho("\nClaims", bold=True)
    for field, positions in report["claims"].items():
        mark = " (disputed)" if field in e["disputed_fields"] else ""
        click.echo(f"  {field_label(field, positions)}{mark}")
        for p in positions:
            click.echo(f"    {p['value']:<40} {'; '.join(p['claimants'])}  "
                       f"[{', '.join(p['sources'])}]")
            for q in p.get("quotes", []):
                # the sentence that states the value, the value between « »
                for line in textwrap.wrap(f"“{bracketed(q['text'], q['marks'])}” "
                                          f"({q['doc']})", WRAP - 8):
                    click.echo(f"        {line}")
    click.secho("\nFusion history", bold=True)
    for h in report["history"]:
        manual = " (manual)" if h["manual"] else ""
        other = f" <- {h['other_event_id']}" if h.get("other_event_id") else ""
        mention = f" {h['mention_id']}" if h.get("mention_id") else ""
        click.echo(f"  {h['at']} {h['action']}{manual}{other}{mention}: {h['reason']}")
