"""Event → ACLED CSV row, GeoJSON feature, JSONL line, Parquet / GeoParquet table.

ACLED's column names and order are kept so existing ACLED tooling reads rasd's CSV unchanged; what rasd knows
beyond ACLED (the source reports, confidence, modality, review status, the place as the report wrote it) comes
after ACLED's columns, so positional readers of ACLED files keep working too.
"""

from __future__ import annotations

import csv
import io
import json
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Any

from rasd.export.ids import country_info, readable_ids
from rasd.models import Document, Event

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
#: rasd's columns, after ACLED's: the way back to the reports, and what an analyst filters or audits on.
EXTRA_COLUMNS = [
    "source_url",
    "document_ids",
    "source_count",
    "confidence",
    "modality",
    "status",
    "place_as_written",
    "event_id",
    "fatalities_min",
    "fatalities_max",
    "source_title",
    "source_outlet",
    "source_published_at",
]
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
#: Columns that are integers (blank/null when unknown, never ``3.0``).
INTEGER_COLUMNS = (
    "year",
    "time_precision",
    "inter1",
    "inter2",
    "interaction",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
    "source_count",
    "fatalities_min",
    "fatalities_max",
)
#: Columns that are lists in Parquet and GeoJSON ("; "-joined in CSV, which has no lists).
LIST_COLUMNS = ("document_ids", "source_url")
FORMATS = ("acled-csv", "geojson", "jsonl", "parquet", "geoparquet")
MEDIA_TYPES = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "geoparquet": ("application/vnd.apache.parquet", "geoparquet"),
}
#: A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: ``written`` events, and ``skipped`` ones (GeoJSON: no location)."""

    written: int
    skipped: int = 0


def _disorder(e: Event) -> str:
    if e.event_type == "Strategic developments":
        return "Strategic developments"
    if e.event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Political violence"


def _iso_time(d: Document | None) -> str | None:
    return d.published_at.isoformat() if d and d.published_at else None


def event_record(e: Event, readable: str, sources: Mapping[str, Document]) -> dict[str, Any]:
    """One event as typed values under ``COLUMNS`` (None when unknown; lists for ``LIST_COLUMNS``)."""
    loc = e.location
    country, iso, region = country_info(loc.country if loc else None)
    docs = [sources.get(d) for d in e.doc_ids]
    first = next((d for d in docs if d is not None), None)
    return {
        "event_id_cnty": readable,
        "event_date": e.event_date,
        "year": e.event_date.year if e.event_date else None,
        "time_precision": e.time_precision,
        "disorder_type": _disorder(e),
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1.name_en if e.actor1 else None,
        "assoc_actor_1": "; ".join(a.name_en for a in e.assoc_actor1) or None,
        "inter1": e.actor1.inter if e.actor1 and e.actor1.inter else None,
        "actor2": e.actor2.name_en if e.actor2 else None,
        "assoc_actor_2": "; ".join(a.name_en for a in e.assoc_actor2) or None,
        "inter2": e.actor2.inter if e.actor2 and e.actor2.inter else None,
        "interaction": e.interaction or None,
        "civilian_targeting": "Civilian targeting" if e.civilian_targeting else None,
        "iso": iso,
        "region": region,
        "country": country,
        "admin1": (loc.admin1 or None) if loc else None,
        "admin2": (loc.admin2 or None) if loc else None,
        "admin3": None,
        "location": (loc.name_en or loc.name_ar or None) if loc else None,
        "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None,
        "geo_precision": e.geo_precision or None,
        "source": "; ".join(s.name for s in e.attribution) or None,
        "source_scale": "Subnational",
        "notes": e.notes or None,
        "fatalities": e.fatalities.best,
        "tags": "; ".join(
            x
            for x in (
                f"modality: {e.modality}",
                "vague toll" if e.fatalities.vague else "",
                f"status: {e.status}",
            )
            if x
        ),
        "timestamp": int(e.updated_at.timestamp()) if e.updated_at else None,
        "source_url": [d.source_uri for d in docs if d is not None and d.source_uri],
        "document_ids": list(e.doc_ids),
        "source_count": len(e.doc_ids),
        "confidence": e.confidence,
        "modality": e.modality,
        "status": e.status,
        "place_as_written": (loc.name_as_written or None) if loc else None,
        "event_id": e.event_id,
        "fatalities_min": e.fatalities.min,
        "fatalities_max": e.fatalities.max,
        "source_title": first.title if first else None,
        "source_outlet": first.outlet if first else None,
        "source_published_at": _iso_time(first),
    }


def records(
    events: Iterable[Event], sources: Mapping[str, Document] | None = None
) -> Iterable[dict[str, Any]]:
    """Typed records for ``events`` (see ``event_record``), readable ids assigned over the whole batch."""
    events = list(events)
    ids = readable_ids(events)
    for e in events:
        yield event_record(e, ids[e.event_id], sources or {})


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value  # shown as text, never run; a reader strips the quote to get the value back
    return value


def acled_rows(
    events: Iterable[Event], sources: Mapping[str, Document] | None = None
) -> Iterable[dict[str, Any]]:
    """Rows of the ACLED CSV: every ``COLUMNS`` value as CSV text ("" when unknown, formulas escaped).

    Integers stay ``int`` (so ``3``, never ``3.0``); lists are ``"; "``-joined.
    """
    for r in records(events, sources):
        yield {k: _csv_cell(v) for k, v in r.items()}


def _json_value(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def geojson(
    events: Iterable[Event], sources: Mapping[str, Document] | None = None, *, keep_unlocated: bool = False
) -> dict[str, Any]:
    """A FeatureCollection (RFC 7946: [lon, lat], WGS 84, no ``crs`` member).

    Events without coordinates are left out and counted in the foreign member ``rasd:skipped``, or kept with
    ``"geometry": null`` (valid RFC 7946) when ``keep_unlocated``.
    """
    features = []
    skipped = 0
    for r in records(events, sources):
        lat, lon = r["latitude"], r["longitude"]
        if lat is None or lon is None:
            if not keep_unlocated:
                skipped += 1
                continue
            geometry = None
        else:
            geometry = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
        props = {k: _json_value(v) for k, v in r.items() if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": r["event_id"], "geometry": geometry, "properties": props})
    return {"type": "FeatureCollection", "rasd:skipped": skipped, "features": features}


def arrow_schema(geometry: bool = False):
    """The Parquet schema: the same columns and types whatever the events (even none)."""
    import pyarrow as pa

    def typ(name: str) -> Any:
        if name == "event_date":
            return pa.date32()
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in ("latitude", "longitude", "confidence"):
            return pa.float64()
        if name in LIST_COLUMNS:
            return pa.list_(pa.string())
        return pa.string()

    fields = [pa.field(c, typ(c)) for c in COLUMNS]
    if geometry:
        fields.append(pa.field("geometry", pa.binary()))
    return pa.schema(fields)


def _wkb_point(lon: float, lat: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, lon, lat)  # little-endian, type 1 (Point)


def arrow_table(
    events: Iterable[Event], sources: Mapping[str, Document] | None = None, *, geometry: bool = False
):
    """Events as a pyarrow Table of ``arrow_schema``; with ``geometry``, a GeoParquet 1.1 table.

    The geometry column is WKB points (null when unlocated) in OGC:CRS84 (lon, lat), described by the ``geo``
    metadata key that GeoPandas, GDAL/QGIS and DuckDB read.
    """
    import pyarrow as pa

    rows = list(records(events, sources))
    schema = arrow_schema(geometry)
    if geometry:
        for r in rows:
            located = r["latitude"] is not None and r["longitude"] is not None
            r["geometry"] = _wkb_point(r["longitude"], r["latitude"]) if located else None
    table = pa.Table.from_pylist(rows, schema=schema)
    if geometry:
        located = [r for r in rows if r["geometry"] is not None]
        geo = {
            "version": "1.1.0",
            "primary_column": "geometry",
            "columns": {
                "geometry": {
                    "encoding": "WKB",
                    "geometry_types": ["Point"],
                    **(
                        {
                            "bbox": [
                                min(r["longitude"] for r in located),
                                min(r["latitude"] for r in located),
                                max(r["longitude"] for r in located),
                                max(r["latitude"] for r in located),
                            ]
                        }
                        if located
                        else {}
                    ),
                }
            },
        }
        table = table.replace_schema_metadata({b"geo": json.dumps(geo).encode()})
    return table


def export_events(
    events: list[Event],
    fmt: str,
    out: IO,
    *,
    sources: Mapping[str, Document] | None = None,
    keep_unlocated: bool = False,
) -> ExportResult:
    """Write ``events`` in ``fmt`` to ``out`` (text for csv/geojson/jsonl, binary for (geo)parquet).

    Args:
        sources: the events' documents by ``doc_id``, for the source columns (url, title, outlet, time).
        keep_unlocated: GeoJSON only: keep events without a location, with ``geometry: null``.

    Raises:
        ValueError: an unknown format (named, with the known ones).
    """
    skipped = 0
    if fmt == "acled-csv":
        w = csv.DictWriter(out, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(acled_rows(events, sources))
    elif fmt == "geojson":
        doc = geojson(events, sources, keep_unlocated=keep_unlocated)
        skipped = doc["rasd:skipped"]
        json.dump(doc, out, ensure_ascii=False)
    elif fmt == "jsonl":
        for e in events:
            out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    elif fmt in ("parquet", "geoparquet"):
        import pyarrow.parquet as pq

        buf = io.BytesIO()
        pq.write_table(arrow_table(events, sources, geometry=fmt == "geoparquet"), buf)
        out.write(buf.getvalue())
    else:
        raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    return ExportResult(written=len(events) - skipped, skipped=skipped)
