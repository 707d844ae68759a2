"""The event filters as one FastAPI dependency, shared by /api/events, /api/stats and /api/export.

One definition keeps the three endpoints (and the web page, which calls them with the same query string)
in agreement about what a filter means. Malformed values (a bad date, bbox, a control character) are
refused with 422; well-formed values are read forgivingly (``rasd.export.query``: ``Syria``/``SYR``/
``سوريا``, any case for types, actor aliases, several values — repeated or comma-separated) and a value
that matches nothing comes back in the response's ``warnings`` instead of silently giving zero rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query

from rasd.api.deps import StoreDep
from rasd.export.query import FilterRequest, Resolved, resolve

#: Free-text parameters: no control characters (a NUL reaches PostgreSQL as an error, not a search).
TEXT = r"^[^\x00-\x1f\x7f]*$"
_MANY = " Several values: repeat the parameter or separate them with commas."


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


def _many(values: list[str] | None, name: str) -> tuple[str, ...]:
    """Validated values of a repeatable parameter (each free of control characters, bounded)."""
    import re

    out = tuple(values or ())
    if len(out) > 50:
        raise HTTPException(422, f"{name}: at most 50 values")
    for v in out:
        if len(v) > 200 or not re.fullmatch(TEXT, v):
            raise HTTPException(422, f"{name}: a value is too long or holds control characters")
    return out


def event_filter(
    store: StoreDep,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100)] = None,
    since: Annotated[dt.date | None, Query(description="First event date (inclusive)")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date (inclusive)")] = None,
    event_type: Annotated[
        list[str] | None, Query(description="ACLED event type, any case (battles)." + _MANY)
    ] = None,
    sub_event_type: Annotated[
        list[str] | None, Query(description="ACLED sub-event type, any case." + _MANY)
    ] = None,
    actor: Annotated[
        list[str] | None, Query(description="Actor id, English or Arabic name or alias (داعش)." + _MANY)
    ] = None,
    country: Annotated[
        list[str] | None, Query(description="ISO 3166 alpha-2 or alpha-3, English or Arabic name." + _MANY)
    ] = None,
    admin1: Annotated[list[str] | None, Query(description="Governorate (admin1) name." + _MANY)] = None,
    text: Annotated[
        str | None, Query(max_length=500, pattern=TEXT, description="Full-text search in the source reports")
    ] = None,
    status: Annotated[
        list[str] | None, Query(description="machine, confirmed, edited or rejected." + _MANY)
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    min_fatalities: Annotated[
        int | None, Query(ge=0, le=10**7, description="At least N deaths (best).")
    ] = None,
    interaction: Annotated[
        list[int] | None,
        Query(description="ACLED interaction code, e.g. 12 (state forces vs rebels)." + _MANY),
    ] = None,
) -> Resolved:
    """The filters of a request (no paging), resolved: 422 when a value is malformed."""
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    request = FilterRequest(
        bbox=_bbox(bbox),
        since=since,
        until=until,
        event_type=_many(event_type, "event_type"),
        sub_event_type=_many(sub_event_type, "sub_event_type"),
        actor=_many(actor, "actor"),
        country=_many(country, "country"),
        admin1=_many(admin1, "admin1"),
        text=text,
        status=_many(status, "status"),
        min_confidence=min_confidence,
        min_fatalities=min_fatalities,
        interaction=tuple(interaction or ()),
    )
    return resolve(request, store)


FilterDep = Annotated[Resolved, Depends(event_filter)]


def stats_of(events: list[Any]) -> dict[str, Any]:
    """``Store.stats``'s answer computed from events (when some filters are checked in Python)."""
    by_type: dict[str, int] = {}
    by_week: dict[str, int] = {}
    by_admin1: dict[str, int] = {}
    for e in events:
        by_type[e.event_type] = by_type.get(e.event_type, 0) + 1
        if e.event_date:
            y, w, _ = e.event_date.isocalendar()
            key = f"{y}-W{w:02d}"
            by_week[key] = by_week.get(key, 0) + 1
        a1 = (e.location.admin1 if e.location else None) or "unknown"
        by_admin1[a1] = by_admin1.get(a1, 0) + 1
    return {
        "total": len(events),
        "by_event_type": by_type,
        "by_week": dict(sorted(by_week.items())),
        "by_admin1": by_admin1,
    }
