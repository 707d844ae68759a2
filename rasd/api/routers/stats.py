"""/api/stats, /api/meta and /api/export: counts, what the filters can take, and downloads."""

from __future__ import annotations

import io
import typing
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from rasd.api.auth import reader
from rasd.api.deps import StoreDep
from rasd.api.filters import FilterDep, stats_of
from rasd.models import Modality, Status

router = APIRouter(prefix="/api", tags=["stats and export"], dependencies=[Depends(reader)])


@router.get("/stats", summary="Counts by event type, ISO week and admin1 (same filters as /api/events)")
def stats(store: StoreDep, flt: FilterDep) -> dict:
    answer = stats_of(flt.select(store)) if flt.empty or flt.python_side else store.stats(flt.base)
    return {**answer, "warnings": list(flt.warnings)}


@router.get("/meta", summary="The taxonomy and the values present in the store, for filter controls")
def meta(store: StoreDep, request: Request) -> dict:
    from rasd.geo.countries import country_names
    from rasd.kb.lexicon import TAXONOMY
    from rasd.web.places import page_names

    facets = store.facets()
    names = country_names()
    return {
        "taxonomy": {t: sorted(subs) for t, subs in TAXONOMY.items()},
        "statuses": list(typing.get_args(Status)),
        "modalities": list(typing.get_args(Modality)),
        "country_names": {c: names.get(c, {"en": c, "ar": c}) for c in facets["countries"]},
        # Arabic names of governorates, districts, outlets and cited sources, for the Arabic page
        **page_names(request.app.state),
        **facets,
    }


@router.get(
    "/export",
    summary="Stored events as ACLED CSV, GeoJSON, JSONL, Parquet or GeoParquet (same filters as /api/events)",
)
def export(
    store: StoreDep,
    flt: FilterDep,
    format: Annotated[str, Query(pattern="^(acled-csv|geojson|jsonl|parquet|geoparquet)$")] = "geojson",
    keep_unlocated: Annotated[
        bool, Query(description="GeoJSON: keep events without a place, with geometry null")
    ] = False,
) -> Response:
    from rasd.export import MEDIA_TYPES, export_events, load_sources

    events = flt.select(store)
    binary = format in ("parquet", "geoparquet")
    buf: io.BytesIO | io.StringIO = io.BytesIO() if binary else io.StringIO()
    result = export_events(
        events, format, buf, sources=load_sources(store, events), keep_unlocated=keep_unlocated
    )
    media, ext = MEDIA_TYPES[format]
    headers = {
        "Content-Disposition": f'attachment; filename="rasd-events.{ext}"',
        "X-Rasd-Skipped": str(result.skipped),
    }
    if flt.warnings:  # a header cannot hold Arabic: percent-encoded JSON
        import json
        from urllib.parse import quote

        headers["X-Rasd-Warnings"] = quote(json.dumps(list(flt.warnings), ensure_ascii=False))
    return Response(buf.getvalue(), media_type=media, headers=headers)
