"""Live monitoring on the web: alerts (page, JSON, Atom), event revisions, watched sources.

``/alerts.atom`` lets a feed reader — or another monitor's ``ceasewatch watch`` — follow the
alerts; each entry links to its event page and quotes the evidence.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ceasewatch import api as core
from ceasewatch.export import alert_dict, rule_dict, source_dict
from ceasewatch.revisions import describe_changes, revision_dict
from ceasewatch.store import Store
from ceasewatch.store.database import now_iso
from ceasewatch.web.api import Limit, Offset, as_json, page
from ceasewatch.web.app import get_store, require_read
from ceasewatch.web.pages import render

router = APIRouter(dependencies=[Depends(require_read)])
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/api/events/{event_id}/history", tags=["api"],
            summary="An event's dated revisions, each with its changes (before/after)")
def event_history(event_id: str, store: StoreDep) -> Response:
    revisions = [revision_dict(r) for r in core.event_history(store, event_id)]
    return as_json({"event_id": event_id, "revisions": revisions})


@router.get("/api/deletions", tags=["api"],
            summary="Events deleted (merged away, emptied) since a time, ACLED-style")
def deletions(store: StoreDep, since: Annotated[datetime | None, Query(
        description="ISO 8601; every deletion when omitted")] = None) -> Response:
    items = [{"event_id": r.event_id, "deleted_at": r.at.isoformat(), "note": r.note}
             for r in core.deletions(store, since)]
    return as_json({"total": len(items), "items": items})


@router.get("/api/alerts", tags=["api"], summary="Alerts raised, newest first")
def list_alerts(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Response:
    items = [alert_dict(a) for a in core.alerts(store, limit=limit, offset=offset)]
    return as_json(page(items, store.alerts.count(), limit, offset))


@router.get("/api/alerts/rules", tags=["api"], summary="Alert rules")
def list_rules(store: StoreDep) -> Response:
    items = [rule_dict(r) for r in core.alert_rules(store)]
    return as_json({"total": len(items), "items": items})


@router.get("/api/sources", tags=["api"], summary="Watched sources and their polling state")
def list_sources(store: StoreDep) -> Response:
    items = [source_dict(s) for s in core.sources(store)]
    return as_json({"total": len(items), "items": items})


@router.get("/alerts.atom", summary="Alerts as an Atom feed")
def alerts_feed(request: Request, store: StoreDep) -> Response:
    from ceasewatch.alerts.atom import alerts_atom

    body = alerts_atom(core.alerts(store, limit=100), base_url=str(request.base_url),
                       updated=now_iso())
    return Response(body, media_type="application/atom+xml")


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request, store: StoreDep) -> HTMLResponse:
    rows = [alert_dict(a) for a in core.alerts(store, limit=200)]
    return render(request, "alerts.html", json_twin="/api/alerts", alerts=rows,
                  rules=[rule_dict(r) for r in core.alert_rules(store)])


@router.get("/events/{event_id}/history", response_class=HTMLResponse,
            include_in_schema=False)
def history_page(event_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    revisions: list[dict[str, Any]] = []
    for r in core.event_history(store, event_id):
        revisions.append(dict(revision_dict(r), lines=describe_changes(r)))
    return render(request, "history.html", json_twin=f"/api/events/{event_id}/history",
                  event_id=event_id, revisions=revisions)
