"""``ceasewatch evaluate GOLD.jsonl DOCS...``: score extraction against gold annotations.

Runs extraction on the documents and prints event precision/recall/F1, the accuracy of each
field on matched events, per event type and strict F1 (rules of the corpus's ``score.py``,
see ``ceasewatch/evaluate.py``), as a table or, with ``--json``, as one JSON object.
``--per-language`` adds one score per language, each mixed document cut into its languages
and each part extracted alone; ``--gold-for zh=FILE`` scores the Chinese part against FILE:

    ceasewatch evaluate seeds.gold.jsonl seeds/ --gold-for zh=seed000_zh.gold.jsonl
"""

from __future__ import annotations

from typing import Any

import click

from ceasewatch.cli.options import json_option, print_json, user_errors, wants_json


def _summary_rows(name: str, res: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [{"scope": name, "measure": "events", "value":
             f"F1 {res['f1']}  P {res['precision']}  R {res['recall']}  "
             f"(tp {res['tp']}, fp {res['fp']}, fn {res['fn']})"},
            {"scope": name, "measure": "strict F1", "value": str(res["strict_f1"])}]
    for field, acc in sorted(res["attributes"].items()):
        rows.append({"scope": name, "measure": f"{field} accuracy",
                     "value": "n/a" if acc is None else str(acc)})
    for etype, c in sorted(res["per_type"].items(), key=lambda kv: str(kv[0])):
        rows.append({"scope": name, "measure": f"type: {etype}",
                     "value": f"F1 {c['f1']}  P {c['precision']}  R {c['recall']}  "
                              f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']})"})
    return rows


def _fusion(gold: str, docs: tuple[str, ...], as_json: bool) -> None:
    from ceasewatch.cli.options import print_table
    from ceasewatch.evaluate_fusion import evaluate_fusion

    ev = evaluate_fusion(gold, list(docs))
    res = ev.result
    if as_json:
        print_json(ev.as_dict())
    else:
        rows = [{"measure": "fusion pairwise",
                 "value": f"P {res['precision']} R {res['recall']} F1 {res['f1']} "
                          f"({res['gold_pairs']} gold pairs, {res['predicted_pairs']} "
                          f"predicted, {res['wrong_merges']} events mixing incidents)"},
                {"measure": "matched mentions",
                 "value": f"{res['matched_mentions']} of {len(ev.predictions)} stored"}]
        for mixed in res["mixing_events"]:
            rows.append({"measure": f"mixing {mixed['event']}", "value": "; ".join(
                f"{m['doc']} ({m['incident']})" for m in mixed["mentions"])})
        print_table(rows, ("measure", "value"),
                    title=f"fusion of {ev.documents} documents")
    for reason in ev.rejected:
        click.echo(f"error: {reason}", err=True)
    if ev.rejected:
        raise SystemExit(1)


def _theater_rows(scope: str, theaters: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for key, res in theaters.items():
        attrs = res["attributes"]
        rows.append({"scope": f"{scope} {key}", "measure": "events",
                     "value": f"F1 {res['f1']}  R {res['recall']}  strict {res['strict_f1']}  "
                              f"country {attrs.get('country')}  admin1 {attrs.get('admin1')}  "
                              f"({res['documents']} docs, {res['gold_events']} gold)"})
    return rows


@click.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False), required=False)
@click.argument("docs", nargs=-1)
@click.option("--corpus", "corpus", is_flag=True, default=False,
              help="Score the annotated corpus instead of GOLD/DOCS: the shared dev corpora, "
                   "the team's train split and its blind split, each separately, per "
                   "language and per theater.")
@click.option("--fusion", "fusion", is_flag=True, default=False,
              help="Score fusion instead of extraction: ingest DOCS together into a temporary "
                   "store and score the fused events against GOLD's incident ids (pairwise "
                   "precision/recall, events mixing incidents).")
@click.option("--per-language", is_flag=True, default=False,
              help="Also score each language separately: its documents, and its paragraphs "
                   "of each mixed document extracted alone.")
@click.option("--per-theater", is_flag=True, default=False,
              help="Also score each theater separately (the pack holding the countries "
                   "of a report's gold events), with country and admin1 accuracy on "
                   "matched events; reports no pack holds are scored as 'no pack'.")
@click.option("--gold-for", "gold_for", multiple=True, metavar="LANG=GOLD.jsonl",
              help="Gold for one language's view of mixed documents (replaces GOLD's lines "
                   "for the documents it names); repeatable; implies --per-language.")
@json_option
@user_errors
def command(gold: str | None, docs: tuple[str, ...], per_language: bool, per_theater: bool,
            gold_for: tuple[str, ...], corpus: bool, fusion: bool, as_json: bool) -> None:
    """Score extraction on DOCS against GOLD (JSON lines, one gold event per line), the
    annotated corpus split by split (--corpus), or fusion of DOCS against GOLD's incident ids
    (--fusion)."""
    from ceasewatch.cli.options import print_table
    from ceasewatch.evaluate import (
        evaluate_corpus,
        evaluate_splits,
        load_gold,
        parse_language_gold,
        score_theaters,
    )

    if corpus:
        if gold or docs:
            raise click.UsageError("--corpus takes no GOLD or DOCS")
        splits = evaluate_splits()
        if wants_json(as_json):
            print_json(splits)
            return
        rows = []
        for split, res in splits.items():
            rows.append({"scope": split, "measure": "documents",
                         "value": f"{res['documents']} documents, {res['gold_events']} gold "
                                  "events"})
            rows.extend(_summary_rows(split, res)[:2])
            for lang, lres in res["per_language"].items():
                rows.append({"scope": f"{split} {lang}", "measure": "events",
                             "value": f"F1 {lres['f1']}  P {lres['precision']}  R "
                                      f"{lres['recall']}  strict {lres['strict_f1']}  "
                                      f"({lres['documents']} docs, {lres['gold_events']} "
                                      "gold)"})
            if per_theater:
                rows.extend(_theater_rows(split, res["per_theater"]))
        print_table(rows, ("scope", "measure", "value"), title="annotated corpus by split")
        return
    if not gold or not docs:
        raise click.UsageError("GOLD and DOCS are required (or --corpus)")
    if fusion:
        if per_language or gold_for:
            raise click.UsageError("--fusion takes no --per-language or --gold-for")
        _fusion(gold, docs, wants_json(as_json))
        return

    language_gold = parse_language_gold(gold_for)
    per_language = per_language or bool(language_gold)
    ev = evaluate_corpus(gold, list(docs), per_language=per_language,
                         language_gold=language_gold)
    theaters = score_theaters(load_gold(gold), ev.predictions) if per_theater else {}
    if wants_json(as_json):
        out = ev.as_dict()
        if not per_language:
            out.pop("per_language")
        if per_theater:
            out["per_theater"] = theaters
        print_json(out)
    else:
        rows = _summary_rows("all", ev.overall)
        for lang, res in ev.per_language.items():
            views = f" + {len(res['views'])} view(s)" if res["views"] else ""
            rows.append({"scope": lang, "measure": "documents",
                         "value": f"{res['documents'] - len(res['views'])} document(s)"
                                  f"{views}" + (f"; gold {res['gold_for']}"
                                                if res["gold_for"] else "")})
            rows.extend(_summary_rows(lang, res))
        rows.extend(_theater_rows("all", theaters))
        print_table(rows, ("scope", "measure", "value"),
                    title=f"{ev.documents} documents, {len(ev.predictions)} predicted mentions")
    for reason in ev.rejected:
        click.echo(f"error: {reason}", err=True)
    if ev.rejected:
        raise SystemExit(1)
