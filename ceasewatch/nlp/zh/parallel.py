"""Monolingual views of a mixed document, to check that two languages tell the same events.

seed000 follows each English paragraph with its Chinese translation. The Chinese side of
ceasewatch is right when the Chinese paragraphs alone yield the events the English paragraphs
alone yield; this module cuts a document into one ``Document`` per paragraph language (same
name, publication date and provenance, so gold for the whole article applies) and scores each
view against gold with ``ceasewatch.evaluate``.

    $ python -m ceasewatch.nlp.zh.parallel ceasewatch/sample/seed000_lanzhou_bilingual.txt \\
          zh=ceasewatch/data/gold/seed000_zh.gold.jsonl en=../shared/corpus/seeds.gold.jsonl
    zh  F1 1.0 (P 1.0, R 1.0); strict F1 1.0; 5 predicted
    en  ...
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ceasewatch.records import Document, content_hash


def language_view(doc: Document, lang: str) -> Document | None:
    """The paragraphs of ``doc`` in ``lang``, one per line, as a document of that language.

    None when no paragraph is in that language. The view keeps the document's name so that
    gold annotated for the whole article scores it.
    """
    from ceasewatch.ingest.language import paragraph_languages

    paragraphs = [doc.text[s:e] for s, e, found in paragraph_languages(doc.text) if found == lang]
    if not paragraphs:
        return None
    text = "\n".join(paragraphs) + "\n"
    return dataclasses.replace(doc, id=content_hash(text), text=text, language=lang,
                               origin=f"{doc.origin}#{lang}")


def score_view(doc: Document, lang: str, gold_path: str | Path) -> dict[str, Any]:
    """Extract from the ``lang`` paragraphs of ``doc`` and score them against gold.

    Gold lines of other documents are ignored, so the corpus-wide gold file can be passed.
    """
    from ceasewatch.evaluate import full_score, group_records, load_gold
    from ceasewatch.export import mention_dict
    from ceasewatch.nlp.pipeline import extract_mentions

    gold = {k: v for k, v in load_gold(gold_path).items() if k == doc.name}
    view = language_view(doc, lang)
    preds = [mention_dict(m) for m in extract_mentions(view)] if view is not None else []
    result = full_score(gold, group_records(preds))
    result["predictions"] = preds
    return result


def _load(path: str) -> Document:
    from ceasewatch.ingest.sources import iter_documents

    for item in iter_documents([path]):
        if isinstance(item, Document):
            return item
        raise SystemExit(f"{item.origin}: {item.reason}")
    raise SystemExit(f"{path}: no document")


def main(argv: Sequence[str]) -> int:
    """``python -m ceasewatch.nlp.zh.parallel DOC LANG=GOLD ... [--json]``."""
    args = [a for a in argv if not a.startswith("--")]
    if len(args) < 2 or any("=" not in a for a in args[1:]):
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    doc = _load(args[0])
    report: dict[str, Any] = {}
    for spec in args[1:]:
        lang, _, gold = spec.partition("=")
        res = score_view(doc, lang, gold)
        report[lang] = res
        if "--json" not in argv:
            print(f"{lang}  F1 {res['f1']} (P {res['precision']}, R {res['recall']}); "
                  f"strict F1 {res['strict_f1']}; {len(res['predictions'])} predicted")
    if "--json" in argv:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":  # pragma: no cover - command-line entry point
    sys.exit(main(sys.argv[1:]))
