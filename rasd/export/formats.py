"""Event → ACLED CSV row, GeoJSON feature, JSONL line, Parquet table.

ACLED's column names are kept so existing ACLED tooling reads rasd's CSV unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any

from rasd.models import Event

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
FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")
_COUNTRY = {
    "SY": ("Syria", 760, "Middle East"),
    "IQ": ("Iraq", 368, "Middle East"),
    "YE": ("Yemen", 887, "Middle East"),
    "LY": ("Libya", 434, "Northern Africa"),
    "SD": ("Sudan", 729, "Northern Africa"),
    "TR": ("Turkey", 792, "Middle East"),
    "LB": ("Lebanon", 422, "Middle East"),
    "JO": ("Jordan", 400, "Middle East"),
}


def _disorder(e: Event) -> str:
    if e.event_type == "Strategic developments":
        return "Strategic developments"
    if e.event_type in ("Protests", "Riots"):
        return "Demonstrations"
    return "Political violence"


def acled_rows(events: Iterable[Event]) -> Iterable[dict[str, Any]]:
    for e in events:
        loc = e.location
        country, iso, region = _COUNTRY.get(loc.country if loc else "", (loc.country if loc else "", "", ""))
        yield {
            "event_id_cnty": e.event_id,
            "event_date": e.event_date.isoformat() if e.event_date else "",
            "year": e.event_date.year if e.event_date else "",
            "time_precision": e.time_precision,
            "disorder_type": _disorder(e),
            "event_type": e.event_type,
            "sub_event_type": e.sub_event_type,
            "actor1": e.actor1.name_en if e.actor1 else "",
            "assoc_actor_1": "; ".join(a.name_en for a in e.assoc_actor1),
            "inter1": e.actor1.inter if e.actor1 and e.actor1.inter else "",
            "actor2": e.actor2.name_en if e.actor2 else "",
            "assoc_actor_2": "; ".join(a.name_en for a in e.assoc_actor2),
            "inter2": e.actor2.inter if e.actor2 and e.actor2.inter else "",
            "interaction": e.interaction or "",
            "civilian_targeting": "Civilian targeting" if e.civilian_targeting else "",
            "iso": iso,
            "region": region,
            "country": country,
            "admin1": (loc.admin1 or "") if loc else "",
            "admin2": (loc.admin2 or "") if loc else "",
            "admin3": "",
            "location": (loc.name_en or loc.name_ar) if loc else "",
            "latitude": loc.lat if loc and loc.lat is not None else "",
            "longitude": loc.lon if loc and loc.lon is not None else "",
            "geo_precision": e.geo_precision or "",
            "source": "; ".join(s.name for s in e.attribution),
            "source_scale": "Subnational",
            "notes": e.notes,
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
            "timestamp": int(e.updated_at.timestamp()) if e.updated_at else "",
        }


def geojson(events: Iterable[Event]) -> dict[str, Any]:
    """A FeatureCollection (RFC 7946: [lon, lat], WGS 84, no ``crs`` member); unlocated events are left out."""
    features = []
    for e in events:
        loc = e.location
        if not loc or loc.lat is None or loc.lon is None:
            continue
        props = {k: v for k, v in next(iter(acled_rows([e]))).items() if k not in ("latitude", "longitude")}
        props["status"] = e.status
        features.append(
            {
                "type": "Feature",
                "id": e.event_id,
                "geometry": {"type": "Point", "coordinates": [round(loc.lon, 6), round(loc.lat, 6)]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export_events(events: list[Event], fmt: str, out: IO) -> int:
    """Write ``events`` in ``fmt`` to ``out`` (text for csv/geojson/jsonl, binary for parquet); returns the count."""
    if fmt == "acled-csv":
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        w.writeheader()
        w.writerows(acled_rows(events))
    elif fmt == "geojson":
        json.dump(geojson(events), out, ensure_ascii=False)
    elif fmt == "jsonl":
        for e in events:
            out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(acled_rows(events))
        table = (
            pa.Table.from_pylist([{k: (None if v == "" else v) for k, v in r.items()} for r in rows])
            if rows
            else pa.table({c: pa.array([], pa.string()) for c in ACLED_COLUMNS})
        )
        buf = io.BytesIO()
        pq.write_table(table, buf)
        out.write(buf.getvalue())
    else:
        raise ValueError(f"unknown export format {fmt!r}: one of {FORMATS}")
    return len(events)
