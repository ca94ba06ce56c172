"""The analyst's review on the web: the queue, an event's review page, the history, and
their JSON twins under ``/api/review``.

Reading the queue follows the server's read rule; deciding needs the analyst's own token in a
header (``Authorization: Bearer cw_…``): the page keeps it in the tab's session storage and
sends it with each decision, so a cookie (which another site's form could replay) never
suffices, and every decision is recorded under the name that token belongs to.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from ceasewatch import api as py_api
from ceasewatch.records import User
from ceasewatch.reports import views
from ceasewatch.review.states import STATES
from ceasewatch.review.workflow import decision_dict
from ceasewatch.store import Store
from ceasewatch.web.api import Limit, Offset, page
from ceasewatch.web.app import get_store, require_read, require_reviewer
from ceasewatch.web.pages import render

router = APIRouter(dependencies=[Depends(require_read)])
StoreDep = Annotated[Store, Depends(get_store)]
Reviewer = Annotated[User, Depends(require_reviewer)]


class DecisionBody(BaseModel):
    state: str = Field(description="verified | rejected | needs_review | draft")
    note: str = Field(default="", max_length=4000, description="why (kept with the decision)")
    event_id: str | None = Field(default=None, description="the claim's event (optional)")


# -- JSON -----------------------------------------------------------------------------------

@router.get("/api/review/queue", tags=["review"],
            summary="Events to review, most urgent first, with the reasons")
def queue_json(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    items, total = py_api.review_queue(store, limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/api/review/events/{event_id}", tags=["review"],
            summary="An event with each claim's review id and every item's state and history")
def event_json(event_id: str, store: StoreDep) -> dict[str, Any]:
    return views.event_detail_json(py_api.review_event(store, event_id))


@router.post("/api/review/items/{item_id}", tags=["review"], status_code=201,
             summary="Decide an event (ev-), claim (cl-) or alleged violation (v-); needs an "
                     "analyst's or editor's own token",
             responses={401: {}, 403: {}, 404: {}})
def decide_json(item_id: str, body: DecisionBody, store: StoreDep,
                user: Reviewer) -> JSONResponse:
    decision = py_api.review(store, item_id, body.state, analyst=user.name, note=body.note,
                             event_id=body.event_id)
    return JSONResponse(decision_dict(decision), status_code=201)


@router.get("/api/review/history", tags=["review"], summary="Review decisions, newest first")
def history_json(store: StoreDep,
                 event: Annotated[str | None, Query(description="event id")] = None,
                 item: Annotated[str | None, Query(description="item id")] = None,
                 analyst: Annotated[str | None, Query(description="analyst name")] = None,
                 limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = py_api.review_history(store, event_id=event, item_id=item, analyst=analyst)
    return page([decision_dict(d) for d in rows[offset:offset + limit]], len(rows), limit,
                offset)


@router.get("/api/review/me", tags=["review"], summary="Whose token this is, and their role")
def me(user: Reviewer) -> dict[str, Any]:
    return {"name": user.name, "role": user.role}


# -- pages ------------------------------------------------------------------------------------

@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def queue_page(request: Request, store: StoreDep,
               offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> HTMLResponse:
    items, total = py_api.review_queue(store, limit=100, offset=offset)
    counts = [{"kind": k, "state": s, "n": n}
              for (k, s), n in sorted(store.reviews.count_by_state().items())]
    return render(request, "review_queue.html", json_twin="/api/review/queue", items=items,
                  total=total, offset=offset, counts=counts)


@router.get("/review/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
def event_page(event_id: str, request: Request, store: StoreDep) -> HTMLResponse:
    detail = py_api.review_event(store, event_id)
    items, _ = py_api.review_queue(store, limit=1000)
    ids = [i["event_id"] for i in items]
    following = ids[ids.index(event_id) + 1] if event_id in ids[:-1] else None
    return render(request, "review_event.html", json_twin=f"/api/review/events/{event_id}",
                  d=detail, item=views.event_list_item(store.events.get(event_id)),
                  states=STATES, next_event=following)


@router.get("/review/history", response_class=HTMLResponse, include_in_schema=False)
def history_page(request: Request, store: StoreDep,
                 event: Annotated[str | None, Query()] = None,
                 analyst: Annotated[str | None, Query()] = None) -> HTMLResponse:
    rows = [decision_dict(d) for d in py_api.review_history(
        store, event_id=event or None, analyst=analyst or None, limit=500)]
    return render(request, "review_history.html", json_twin="/api/review/history",
                  rows=rows, event=event or "", analyst=analyst or "")
