"""/api/stats and /api/export."""

from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from rasd.api.deps import StoreDep
from rasd.store import EventFilter

router = APIRouter(prefix="/api", tags=["stats and export"])

_MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}


@router.get("/stats", summary="Counts by event type, ISO week and admin1")
def stats(store: StoreDep) -> dict:
    return store.stats()


@router.get("/export", summary="Every stored event in ACLED CSV, GeoJSON or JSONL")
def export(
    store: StoreDep, format: Annotated[str, Query(pattern="^(acled-csv|geojson|jsonl)$")] = "geojson"
) -> Response:
    from rasd.export import export_events

    events, _ = store.query_events(EventFilter(limit=10**9, sort="event_date"))
    buf = io.StringIO()
    export_events(events, format, buf)
    media, ext = _MEDIA[format]
    return Response(
        buf.getvalue(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="rasd-events.{ext}"'},
    )
