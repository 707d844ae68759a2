"""/api/events: list with filters, one event with its sources, review (PATCH), audit log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from rasd.api.deps import StoreDep
from rasd.api.schemas import EventDetail, EventPage, ReviewIn
from rasd.store import EventFilter, ReviewAction

router = APIRouter(prefix="/api/events", tags=["events"])


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value.split(","))
    except ValueError as e:
        raise HTTPException(422, "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from e
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise HTTPException(422, "bbox out of range or min > max")
    return x0, y0, x1, y1


@router.get("", response_model=EventPage, summary="Events, filtered, sorted and paged")
def list_events(
    store: StoreDep,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100)] = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    event_type: Annotated[str | None, Query(max_length=64)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor id or name")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Z]{2}$")] = None,
    admin1: Annotated[str | None, Query(max_length=100)] = None,
    text: Annotated[
        str | None, Query(max_length=500, description="Full-text search in the source reports")
    ] = None,
    status: Annotated[str | None, Query(pattern="^(machine|confirmed|edited|rejected)$")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Annotated[
        str, Query(pattern="^-?(event_date|confidence|event_type|country|admin1|created_at)$")
    ] = "-event_date",
) -> EventPage:
    flt = EventFilter(
        bbox=_bbox(bbox),
        since=since,
        until=until,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        country=country,
        admin1=admin1,
        text=text,
        status=status,
        min_confidence=min_confidence,
        limit=limit,
        offset=offset,
        sort=sort,
    )
    events, total = store.query_events(flt)
    return EventPage(total=total, limit=limit, offset=offset, items=[e.to_dict() for e in events])


@router.get(
    "/{event_id}", response_model=EventDetail, summary="One event with its source reports and merge reasons"
)
def get_event(event_id: str, store: StoreDep) -> EventDetail:
    event = store.get_event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    docs = [d.to_dict() for d in (store.get_document(i) for i in event.doc_ids) if d is not None]
    return EventDetail(event=event.to_dict(), documents=docs, merges=store.merge_reasons(event_id))


@router.patch("/{event_id}", summary="Confirm, edit or reject an event (written to the audit log)")
def review_event(event_id: str, body: ReviewIn, store: StoreDep) -> dict:
    if body.action != "edit" and body.changes:
        raise HTTPException(422, "changes are only allowed with action=edit")
    event = store.review(event_id, ReviewAction(body.action, body.reviewer, body.note, body.changes))
    return event.to_dict()


@router.get("/{event_id}/audit", summary="The review history of an event")
def audit(event_id: str, store: StoreDep) -> list[dict]:
    if store.get_event(event_id) is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return store.audit_log(event_id)
