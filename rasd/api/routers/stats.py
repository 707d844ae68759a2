"""/api/stats, /api/meta and /api/export: counts, what the filters can take, and downloads."""

from __future__ import annotations

import dataclasses
import io
import typing
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from rasd.api.auth import reader
from rasd.api.deps import StoreDep
from rasd.api.filters import FilterDep
from rasd.models import Modality, Status

router = APIRouter(prefix="/api", tags=["stats and export"], dependencies=[Depends(reader)])

_MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
}


@router.get("/stats", summary="Counts by event type, ISO week and admin1 (same filters as /api/events)")
def stats(store: StoreDep, flt: FilterDep) -> dict:
    return store.stats(flt)


@router.get("/meta", summary="The taxonomy and the values present in the store, for filter controls")
def meta(store: StoreDep) -> dict:
    from rasd.geo.countries import country_names
    from rasd.kb.lexicon import TAXONOMY

    facets = store.facets()
    names = country_names()
    return {
        "taxonomy": {t: sorted(subs) for t, subs in TAXONOMY.items()},
        "statuses": list(typing.get_args(Status)),
        "modalities": list(typing.get_args(Modality)),
        "country_names": {c: names.get(c, {"en": c, "ar": c}) for c in facets["countries"]},
        **facets,
    }


@router.get("/export", summary="Stored events in ACLED CSV, GeoJSON or JSONL (same filters as /api/events)")
def export(
    store: StoreDep,
    flt: FilterDep,
    format: Annotated[str, Query(pattern="^(acled-csv|geojson|jsonl)$")] = "geojson",
) -> Response:
    from rasd.export import export_events

    events, _ = store.query_events(dataclasses.replace(flt, limit=10**9, sort="event_date"))
    buf = io.StringIO()
    export_events(events, format, buf)
    media, ext = _MEDIA[format]
    return Response(
        buf.getvalue(),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="rasd-events.{ext}"'},
    )
