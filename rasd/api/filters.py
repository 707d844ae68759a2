"""The event filters as one FastAPI dependency, shared by /api/events, /api/stats and /api/export.

One definition keeps the three endpoints (and the web page, which calls them with the same query string)
in agreement about what a filter means and how a bad value is refused.
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from rasd.models import Status
from rasd.store import EventFilter

STATUS_PATTERN = "^(" + "|".join(typing.get_args(Status)) + ")$"
#: Free-text parameters: no control characters (a NUL reaches PostgreSQL as an error, not a search).
TEXT = r"^[^\x00-\x1f\x7f]*$"


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


def event_filter(
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100)] = None,
    since: Annotated[dt.date | None, Query(description="First event date (inclusive)")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date (inclusive)")] = None,
    event_type: Annotated[str | None, Query(max_length=64, pattern=TEXT)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=64, pattern=TEXT)] = None,
    actor: Annotated[str | None, Query(max_length=200, pattern=TEXT, description="Actor id or name")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Z]{2}$", description="ISO 3166 alpha-2")] = None,
    admin1: Annotated[str | None, Query(max_length=100, pattern=TEXT)] = None,
    text: Annotated[
        str | None, Query(max_length=500, pattern=TEXT, description="Full-text search in the source reports")
    ] = None,
    status: Annotated[str | None, Query(pattern=STATUS_PATTERN)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    """The filters of a request (no paging): refused with 422 when a value is malformed."""
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    return EventFilter(
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
    )


FilterDep = Annotated[EventFilter, Depends(event_filter)]
