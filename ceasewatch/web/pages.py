"""Server-rendered pages (Jinja2), each the twin of an ``/api`` route.

Pages are plain HTML with small vanilla scripts: the dashboard fetches ``/api/events`` when a
filter changes and redraws the map and charts; everything else renders on the server, so a page
reads fine with scripts off (and in the end-to-end tests, what is asserted is real markup).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from ceasewatch.accords.knowledge import commitment_name
from ceasewatch.credits import data_credits
from ceasewatch.export import document_dict, mention_dict
from ceasewatch.reports import views
from ceasewatch.reports.render import long_date, script_json
from ceasewatch.store import Store
from ceasewatch.web.api import MAX_OFFSET
from ceasewatch.web.app import get_store, published_only, require_read
from ceasewatch.web.guards import inline_script_csp

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)
templates = Jinja2Templates(directory=str(__import__("pathlib").Path(__file__).with_name(
    "templates")))
templates.env.filters["script_json"] = script_json
templates.env.filters["long_date"] = long_date
templates.env.filters["commitment_name"] = commitment_name
templates.env.globals["data_credits"] = data_credits()
StoreDep = Annotated[Store, Depends(get_store)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("uploads_enabled", request.app.state.token is not None)
    if "sitrep_date" not in context:  # the navigation's date picker starts on the last event
        latest = get_store(request).events.latest_date()
        context["sitrep_date"] = latest.isoformat() if latest else ""
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message,
                  sitrep_date="", json_twin=None)


def published_accord(request: Request, store: Store, summary: dict[str, Any]) -> dict[str, Any]:
    """The accord as this request may see it: only verified violations for the public of a
    ``serve --verified-only`` server."""
    if not published_only(request):
        return summary
    from ceasewatch.review.publish import publish_accord_summary

    return publish_accord_summary(store, summary)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep) -> HTMLResponse:
    from ceasewatch.reports.sitrep import events_view

    placed = [(e.place.longitude, e.place.latitude, e.event_type in views.KINETIC_TYPES)
              for e in store.events.list() if e.place is not None
              and e.place.latitude is not None and e.place.longitude is not None]
    # framed where the fighting is (talks abroad stay outside the frame when far away)
    framing = [p for p in placed if p[2]] or placed
    view = events_view([(lon, lat) for lon, lat, _ in framing])
    return render(request, "dashboard.html", json_twin="/api/events",
                  event_types=views.EVENT_TYPES, view=view,
                  counts={"events": store.events.count(), "documents": store.documents.count(),
                          "mentions": store.mentions.count()})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(event_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    detail = views.event_detail(store, event_id)
    event = store.events.get(event_id)
    if published_only(request):
        from ceasewatch.review.publish import publish_event_detail, published_event

        detail = publish_event_detail(store, detail)
        event = published_event(store, event)
    return render(request, "event.html", json_twin=f"/api/events/{event_id}", d=detail,
                  item=views.event_list_item(event))


@router.get("/disputes", response_class=HTMLResponse)
def disputes_page(request: Request, store: StoreDep) -> HTMLResponse:
    if published_only(request):
        from ceasewatch.review.publish import publish_disputes
        from ceasewatch.store import EventFilter

        items = publish_disputes(store, views.disputes(store, EventFilter(
            review_state="verified"))[0])
        return render(request, "disputes.html", json_twin="/api/disputes", disputes=items,
                      total=len(items))
    items, total = views.disputes(store)
    return render(request, "disputes.html", json_twin="/api/disputes", disputes=items,
                  total=total)


@router.get("/accords", response_class=HTMLResponse)
def accords_page(request: Request, store: StoreDep) -> HTMLResponse:
    summaries = [published_accord(request, store, views.accord_summary(store, a))
                 for a in views.list_accords(store)]
    return render(request, "accords.html", json_twin="/api/accords", accords=summaries,
                  available=views.accords_repo(store) is not None)


@router.get("/accords/{accord_id}", response_class=HTMLResponse)
def accord_page(accord_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    summary = published_accord(request, store,
                               views.accord_summary(store, views.get_accord(store, accord_id)))
    return render(request, "accords.html", json_twin=f"/api/accords/{accord_id}",
                  accords=[summary], available=True, single=True)


@router.get("/violations", response_class=HTMLResponse)
def violations_page(request: Request, store: StoreDep,
                    accord: Annotated[str | None, Query(max_length=200)] = None,
                    party: Annotated[str | None, Query(max_length=20)] = None,
                    verification: Annotated[str | None, Query(
                        pattern="^(|claimed|corroborated|acknowledged|disputed)$")] = None,
                    review: Annotated[str | None, Query(
                        pattern="^(|draft|verified|rejected|needs_review)$")] = None,
                    ) -> HTMLResponse:
    """The ledger: commitment, accuser, accused, verification, evidence, review state; the
    filters are the URL's query, so a filtered view can be shared as a link."""
    from ceasewatch.reports.ledger_rows import ledger_rows
    from ceasewatch.review.workflow import state_dict

    rows = ledger_rows(store, accord_id=accord or None,
                       party=party.upper() if party else None)
    states = store.reviews.states("violation", [r["id"] for r in rows])
    for r in rows:
        r["review"] = state_dict(states.get(r["id"]))
    if published_only(request):
        rows = [r for r in rows if r["review"]["state"] == "verified"]
    if verification:
        rows = [r for r in rows if r["verification"] == verification]
    if review:
        rows = [r for r in rows if r["review"]["state"] == review]
    query = "&".join(f"{k}={v}" for k, v in (("accord", accord), ("party", party),
                                             ("verification", verification)) if v)
    return render(request, "violations.html", json_twin="/api/violations" + (
        f"?{query}" if query else ""), rows=rows, accords=views.list_accords(store),
                  f={"accord": accord or "", "party": party or "",
                     "verification": verification or "", "review": review or ""})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep,
                   offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    limit = 100
    docs = [document_dict(d) for d in store.documents.list(limit=limit, offset=offset)]
    return render(request, "documents.html", json_twin="/api/documents", documents=docs,
                  total=store.documents.count(), offset=offset, limit=limit)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(doc_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    doc = store.documents.get(doc_id)
    mentions = store.mentions.for_document(doc.id)
    spans = [(*loc, m.id) for m in mentions for loc in views.locate_tellings(doc.text, m)]
    rows = [dict(mention_dict(m), event_id=store.events.event_of_mention(m.id))
            for m in mentions]
    return render(request, "document.html", json_twin=f"/api/documents/{doc.id}",
                  doc=document_dict(doc), origins=store.documents.origins(doc.id),
                  segments=views.highlight_segments(doc.text, spans), mentions=rows)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep,
                q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    hits = store.documents.search(q, limit=50) if q.strip() else []
    return render(request, "search.html", json_twin=f"/api/search?q={q}" if q else None,
                  q=q, hits=hits)


@router.get("/sitrep", response_class=HTMLResponse)
def sitrep_page(request: Request, store: StoreDep,
                day: Annotated[date | None, Query(alias="date")] = None,
                date_from: Annotated[date | None, Query(alias="from")] = None,
                date_to: Annotated[date | None, Query(alias="to")] = None,
                days: Annotated[int, Query(ge=1, le=366)] = 7,
                theater: Annotated[str | None, Query()] = None,
                verified_only: Annotated[bool, Query()] = False) -> HTMLResponse:
    """The same self-contained report as ``ceasewatch sitrep --out x.html``."""
    from ceasewatch.reports.render import render_html
    from ceasewatch.reports.sitrep import build_sitrep, resolve_period

    if day is None and date_from is None and date_to is None:
        day = store.events.latest_date()  # the week to the last event, not to today
    start, end = resolve_period(day, date_from, date_to, days=days)
    page = HTMLResponse(render_html(build_sitrep(
        store, start, end, theater=theater,
        verified_only=published_only(request, verified_only))))
    # a self-contained file: its inlined scripts are allowed by hash, nothing else inline
    page.headers["Content-Security-Policy"] = inline_script_csp(bytes(page.body))
    return page


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, generated from the OpenAPI description (no CDN Swagger UI)."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "description": p.get("description") or p.get("schema", {}).get(
                           "description", ""),
                       "type": _schema_type(p.get("schema", {}))}
                      for p in op.get("parameters", [])]
            endpoints.append({"method": method.upper(), "path": path,
                              "summary": op.get("summary", ""), "params": params,
                              "body": "requestBody" in op})
    return render(request, "apidocs.html", json_twin="/openapi.json", endpoints=endpoints,
                  info=spec.get("info", {}))


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    return str(schema.get("format") or schema.get("type") or "")
