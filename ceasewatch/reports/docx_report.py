"""The sitrep as a Word document, for mediators' staff who edit reports in Word.

    ceasewatch sitrep --date 2025-11-08 --out sitrep.docx

Built from the same model as the HTML and PDF (``build_sitrep``), section by section, with real
headings and tables (not a picture of the page), so the text can be edited, restyled and
pasted; the map and charts stay in the HTML and PDF. Needs the ``docx`` extra (python-docx).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ceasewatch.accords.knowledge import commitment_name
from ceasewatch.errors import CeasewatchError


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def _bullets(doc: Any, items: Sequence[str]) -> None:
    for item in items:
        doc.add_paragraph(item, style="List Bullet")


def render_docx(model: dict[str, Any]) -> bytes:
    try:
        from docx import Document
    except ImportError as exc:
        raise CeasewatchError("DOCX output needs the docx extra "
                              "(pip install 'ceasewatch[docx]')") from exc
    m = model
    doc = Document()
    doc.core_properties.title = m["title"]
    doc.core_properties.author = "ceasewatch"
    doc.add_heading(m["title"], level=0)
    period = m["period"]
    doc.add_paragraph(f"{period['start']} – {period['end']} ({period['days']} days) · generated "
                      f"{m['generated_at']} by ceasewatch · {m['counts']['events']} event(s) "
                      f"from {m['counts']['sources']} source document(s)")
    if m.get("verified_only"):
        doc.add_paragraph("Verified only: this report shows only events, claims and alleged "
                          "violations an analyst has verified.")
    doc.add_heading("Key developments", level=1)
    _bullets(doc, m["key_developments"])

    doc.add_heading("The period against the one before", level=1)
    doc.add_paragraph(m["comparison"]["sentence"])
    if m["comparison"]["rows"]:
        _table(doc, ["By", "", "This period", "Previous period", "Change"],
               [(r["by"], r["name"], r["current"], r["previous"], f"{r['change']:+d}")
                for r in m["comparison"]["rows"]])
    doc.add_paragraph(f"Calm days. {m['calm_days']['sentence']}")

    doc.add_heading("Casualties by side, as each source reports them", level=2)
    if m["casualties_by_side"]:
        _table(doc, ["Date", "Side", "Killed", "Says who", "Source"],
               [(r["date"], r["side"] or "not said", r["figure"], r["claimant"], r["doc"])
                for r in m["casualties_by_side"]])
    else:
        doc.add_paragraph("No fatality figure was reported for the period's violent events.")

    doc.add_heading("Alleged violations by commitment and verification level", level=2)
    if m["violations_by_commitment"]:
        _table(doc, ["Accord", "Commitment", "All", "Claimed", "Corroborated", "Acknowledged",
                     "Disputed"],
               [(r["accord"], commitment_name(r["commitment"]), r["total"], r["claimed"],
                 r["corroborated"], r["acknowledged"], r["disputed"])
                for r in m["violations_by_commitment"]])
    else:
        doc.add_paragraph("No alleged violation in the period.")

    doc.add_heading("What we could not verify", level=2)
    _bullets(doc, m["could_not_verify"])

    if m.get("verified_only"):
        doc.add_heading("Verified by analysts", level=1)
        _table(doc, ["Event", "Field", "Value", "Claimant", "Source", "Verified by", "Note"],
               [(c["event_id"], c["field"], c["display"], c["claimant"] or "unattributed",
                 c["doc"], f"{c['review']['analyst']}, {c['review']['at']}", c["review"]["note"])
                for c in m["verified_claims"]])

    doc.add_heading("Incidents", level=1)
    _table(doc, ["Date", "What", "Where", "Actors", "Killed", "Sources"],
           [(e["event_date"], e["what"] + (" (disputed)" if e["disputed_fields"]
                                           or e["initiator_disputed"] else ""),
             e["where"], " vs ".join(a for a in (e["actor1"], e["actor2"]) if a),
             e["fatalities_display"],
             f"{e['independent_sources']} indep. / {len(e['sources'])}") for e in m["events"]])

    doc.add_heading("Accords and alleged violations", level=1)
    for a in m["accords"]:
        doc.add_heading(a["accord"]["name"], level=2)
        doc.add_paragraph(f"Parties {', '.join(a['accord']['parties'])}; signed "
                          f"{a['accord'].get('signed_date') or 'unknown'}. "
                          f"{a['violation_count']} alleged violation(s) in the period.")
        if a["violations"]:
            _table(doc, ["Date", "Accuser", "Alleged violator", "Verification", "Evidence"],
                   [(v["event_date"], v["accuser"] or "unattributed",
                     v["alleged_violator"] or "unnamed", v["verification"],
                     " … ".join(v["evidence"])) for v in a["violations"]])

    doc.add_heading("Open disputes — who says what", level=1)
    if not m["disputes"]:
        doc.add_paragraph("No open dispute in the period.")
    for d in m["disputes"]:
        e = d["event"]
        doc.add_heading(f"{e.get('event_date') or ''} — {e.get('what') or ''}", level=2)
        _table(doc, ["Field", "Who says", "What", "Source", "Where it says so"],
               [(field, c["claimant"] or "unattributed", c["display"], c["doc"],
                 c["evidence"]) for field, claims in d["claims"].items() for c in claims])

    doc.add_heading("Sources", level=1)
    for s in m["sources"]:
        doc.add_paragraph(f"{s.get('title') or s['name']} — {s.get('outlet') or 'outlet unknown'}"
                          f", {s.get('published') or 'date unknown'} ({s['name']})",
                          style="List Number")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
