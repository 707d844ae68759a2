"""/api/events: list with filters, one event with its sources, review (PATCH), audit log.

Reading follows ``read_requires_login``; a review needs a reviewer account and the version edited
(``If-Match`` with the ETag of ``GET /api/events/{id}``, or ``version``): an edit based on a stale version
gets 412 (409 with ``version``) and changes nothing, so no committed edit is ever silently reverted.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Response

from rasd.api.auth import ReviewerDep, reader
from rasd.api.deps import StoreDep
from rasd.api.filters import FilterDep
from rasd.api.schemas import EventDetail, EventPage, ReviewIn
from rasd.errors import ConflictError
from rasd.store import ReviewAction

router = APIRouter(prefix="/api/events", tags=["events"], dependencies=[Depends(reader)])

#: The largest page: the web page loads a map's worth of events in pages of this size.
MAX_PAGE = 1000


@router.get("", response_model=EventPage, summary="Events, filtered, sorted and paged")
def list_events(
    store: StoreDep,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
    sort: Annotated[
        str, Query(pattern="^-?(event_date|confidence|event_type|country|admin1|created_at)$")
    ] = "-event_date",
) -> EventPage:
    if flt.empty or flt.python_side:  # several values, aliases, tolls: checked in Python (rasd.export.query)
        events, total = flt.page(store, limit, offset, sort)
        items = [e.to_dict() for e in events]
    else:
        items, total = store.query_event_dicts(
            dataclasses.replace(flt.base, limit=limit, offset=offset, sort=sort)
        )
    return EventPage(total=total, limit=limit, offset=offset, items=items, warnings=list(flt.warnings))


@router.get(
    "/{event_id}", response_model=EventDetail, summary="One event with its source reports and merge reasons"
)
def get_event(
    event_id: Annotated[str, Path(max_length=64)], store: StoreDep, response: Response
) -> EventDetail:
    found = store.get_event_versioned(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    event, version = found
    docs = [d.to_dict() for d in (store.get_document(i) for i in event.doc_ids) if d is not None]
    response.headers["ETag"] = etag(version)
    return EventDetail(
        event=event.to_dict(), version=version, documents=docs, merges=store.merge_reasons(event_id)
    )


def etag(version: int) -> str:
    return f'"{version}"'


def _if_match(value: str | None) -> int | None:
    """The version an ``If-Match`` names (``"3"``), None for ``*``; 412 when it names none."""
    if value is None or value.strip() == "*":
        return None
    tag = value.strip()
    if tag.startswith("W/"):
        raise HTTPException(412, "If-Match needs a strong ETag (as GET /api/events/{id} sends)")
    tag = tag.strip('"')
    if not tag.isdigit() or len(tag) > 10:
        raise HTTPException(412, f"If-Match {value[:40]!r} is not a version of this event")
    return int(tag)


@router.patch(
    "/{event_id}",
    summary="Confirm, edit or reject an event (a reviewer; audited under the account's name)",
    responses={
        401: {"description": "Not signed in"},
        403: {"description": "Not a reviewer, or a page write without its CSRF token"},
        409: {"description": "The body's version is stale: reload the event"},
        412: {"description": "If-Match names a stale version: reload the event"},
        428: {"description": "Neither If-Match nor version given"},
    },
)
def review_event(
    event_id: Annotated[str, Path(max_length=64)],
    body: ReviewIn,
    store: StoreDep,
    user: ReviewerDep,
    response: Response,
    if_match: Annotated[str | None, Header(max_length=100)] = None,
) -> dict:
    changes = body.changes.model_dump(mode="json", exclude_unset=True)
    if body.action != "edit" and changes:
        raise HTTPException(422, "changes are only allowed with action=edit")
    header_version = _if_match(if_match)
    if if_match is None and body.version is None:
        raise HTTPException(428, "send the version edited: If-Match (the event's ETag) or 'version'")
    expected = header_version if if_match is not None else body.version
    try:
        event, version = store.review_versioned(
            event_id,
            ReviewAction(body.action, user.name, body.note, changes, expected_version=expected),
        )
    except ConflictError as e:
        raise HTTPException(412 if if_match is not None else 409, e.message) from e
    response.headers["ETag"] = etag(version)
    return {**event.to_dict(), "version": version}


@router.get("/{event_id}/audit", summary="The review history of an event")
def audit(event_id: Annotated[str, Path(max_length=64)], store: StoreDep) -> list[dict]:
    if store.get_event(event_id) is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return store.audit_log(event_id)
