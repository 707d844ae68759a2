"""Exports: ACLED-style CSV, GeoJSON (RFC 7946), JSONL, Parquet and GeoParquet — from stored events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.export.formats import (
    COLUMNS,
    FORMATS,
    MEDIA_TYPES,
    ExportResult,
    acled_rows,
    arrow_table,
    export_events,
    geojson,
)
from rasd.export.ids import readable_id, readable_ids

if TYPE_CHECKING:
    from rasd.models import Document, Event


def load_sources(store, events: list[Event]) -> dict[str, Document]:
    """The documents of ``events`` by ``doc_id``, for the source columns (one read per distinct document)."""
    out: dict[str, Document] = {}
    for e in events:
        for d in e.doc_ids:
            if d not in out:
                doc = store.get_document(d)
                if doc is not None:
                    out[d] = doc
    return out


__all__ = [
    "COLUMNS",
    "FORMATS",
    "MEDIA_TYPES",
    "ExportResult",
    "acled_rows",
    "arrow_table",
    "export_events",
    "geojson",
    "load_sources",
    "readable_id",
    "readable_ids",
]
