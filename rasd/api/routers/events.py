"""/api/events: list with filters, one event with its sources, review (PATCH), audit log."""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from rasd.api.deps import StoreDep
from rasd.api.filters import FilterDep
from rasd.api.schemas import EventDetail, EventPage, ReviewIn
from rasd.store import ReviewAction

router = APIRouter(prefix="/api/events", tags=["events"])

#: The largest page: the web page loads a map's worth of events in pages of this size.
MAX_PAGE = 1000


@router.get("", response_model=EventPage, summary="Events, filtered, sorted and paged")
def list_events(
    store: StoreDep,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    sort: Annotated[
        str, Query(pattern="^-?(event_date|confidence|event_type|country|admin1|created_at)$")
    ] = "-event_date",
) -> EventPage:
    items, total = store.query_event_dicts(dataclasses.replace(flt, limit=limit, offset=offset, sort=sort))
    return EventPage(total=total, limit=limit, offset=offset, items=items)


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
