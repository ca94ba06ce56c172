"""Render a sitrep model to one self-contained HTML file, or to PDF from the same template.

HTML: the vendored Leaflet, Chart.js and topojson-client, the stylesheet and the Natural Earth
country shapes are inlined, so the file opens offline and can be mailed as it is. PDF: the same
template with ``pdf=True`` shows matplotlib images instead of the scripts (WeasyPrint runs no
JavaScript), and the tables that both versions carry.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ceasewatch.accords.knowledge import commitment_name
from ceasewatch.credits import data_credits
from ceasewatch.errors import CeasewatchError
from ceasewatch.reports.admin1 import admin1_geojson
from ceasewatch.reports.assets import static_text, vendor_text


def script_json(value: Any) -> Markup:
    """JSON safe to put inside ``<script>``: no ``</script>`` or ``<!--`` can close it."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def long_date(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso[:10])
    return f"{d.day} {d.strftime('%B %Y')}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("ceasewatch.reports", "templates"),
                      autoescape=select_autoescape(["html"]), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["script_json"] = script_json
    env.filters["long_date"] = long_date
    env.filters["commitment_name"] = commitment_name
    env.globals["data_credits"] = data_credits()
    return env


def _inline_assets() -> dict[str, Markup]:
    # Vendored code is trusted and inlined verbatim; only "</script" could break out of the
    # element, and the check below refuses such a file rather than altering it silently.
    assets = {
        "leaflet_css": vendor_text("leaflet/leaflet.css"),
        "leaflet_js": vendor_text("leaflet/leaflet.js"),
        "chart_js": vendor_text("chartjs/chart.umd.min.js"),
        "topojson_js": vendor_text("topojson-client/topojson-client.min.js"),
        "countries": vendor_text("world-atlas/countries-50m.json"),
        "admin1": json.dumps(admin1_geojson(), ensure_ascii=False, separators=(",", ":")),
        "style_css": static_text("sitrep.css") + static_text("map.css"),
        "cw_js": static_text("cwcharts.js"),
        "sitrep_js": static_text("sitrep.js"),
    }
    for name, text in assets.items():
        if "</script" in text.lower() or "</style" in text.lower():
            raise CeasewatchError(f"vendored asset {name} cannot be inlined safely")
    return {k: Markup(v) for k, v in assets.items()}


def render_html(model: dict[str, Any]) -> str:
    """The self-contained interactive sitrep."""
    template = environment().get_template("sitrep.html")
    return template.render(m=model, pdf=False, assets=_inline_assets(), images={})


def render_pdf_html(model: dict[str, Any]) -> str:
    """The print version: static images from matplotlib instead of scripts."""
    from ceasewatch.reports import charts

    view = model.get("view") or (model.get("theater") or {}).get("view")
    images = {
        "map": charts.map_image(model["map_points"], view),
        "timeline": charts.timeline_image(model["timeline"]),
        "casualties": charts.casualties_image(model["trend"]),
    }
    template = environment().get_template("sitrep.html")
    return template.render(m=model, pdf=True, images=images,
                           assets={"style_css": Markup(static_text("sitrep.css"))})


def write_sitrep(model: dict[str, Any], out: str | Path) -> Path:
    """Write ``.html``, ``.pdf`` or ``.docx`` by the file's suffix; PDF needs the ``pdf``
    extra, DOCX the ``docx`` extra."""
    path = Path(out)
    suffix = path.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf", ".docx"):
        raise CeasewatchError("the output file must end in .html, .pdf or .docx",
                              origin=str(path), field="out")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".pdf":
            path.write_bytes(render_pdf(model))
        elif suffix == ".docx":
            from ceasewatch.reports.docx_report import render_docx

            path.write_bytes(render_docx(model))
        else:
            path.write_text(render_html(model), encoding="utf-8")
    except OSError as exc:
        raise CeasewatchError(f"cannot write the report: {exc.strerror}", origin=str(path)) from exc
    return path


def render_pdf(model: dict[str, Any]) -> bytes:
    try:
        import matplotlib  # noqa: F401
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango missing on the system
        raise CeasewatchError(
            "PDF output needs the pdf extra (pip install 'ceasewatch[pdf]') and the system "
            f"libraries pango and pangoft2 ({exc})") from exc
    pdf: bytes = HTML(string=render_pdf_html(model)).write_pdf()
    return pdf
