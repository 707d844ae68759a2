"""The fixed Parquet schemas of a batch: per-shard work files and the published datasets.

Every dataset has one schema whatever its content (an empty shard writes an empty file of the same
schema), so ``pyarrow.dataset`` and ``dask.dataframe.read_parquet`` read a whole batch as one table.
Events carry the ACLED export's columns (``rasd.export.acled_rows``: the same names and meanings as
``rasd export --format acled-csv``), plus rasd's own: the whole event as JSON (``data``, the
``Event.to_dict`` form with every source and every evidence span), its source documents and the
events merged into it with the reason. ``country`` (ISO 3166 alpha-2, ``unknown`` when there is no
located place) and ``month`` (``YYYY-MM`` or ``unknown``) are the hive partition keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from rasd.export.formats import acled_rows
from rasd.models import Document, Event, Failure, Mention

UNKNOWN = "unknown"
PARTITION_KEYS = ("country", "month")

_str = pa.string()
_i64 = pa.int64()

SHARD_DOCUMENTS = pa.schema(
    [
        ("record", _i64),
        ("doc_id", _str),
        ("source_uri", _str),
        ("outlet", _str),
        ("outlet_id", _str),
        ("section", _str),
        ("title", _str),
        ("published_at", _str),
        ("dateline", _str),
        ("dateline_city", _str),
        ("captions", pa.list_(_str)),
        ("lang", _str),
        ("ingested_at", _str),
        ("source_offset", _i64),
        ("body", _str),
        ("minhash", pa.binary()),
        ("country", _str),
        ("month", _str),
    ]
)
MENTIONS = pa.schema(
    [
        ("doc_id", _str),
        ("kind", _str),
        ("start", _i64),
        ("end", _i64),
        ("surface", _str),
        ("normalised", _str),
        ("kb_id", _str),
        ("score", pa.float64()),
    ]
)
SHARD_MENTIONS = pa.schema([("record", _i64), *MENTIONS])
SHARD_EVENTS = pa.schema(
    [
        ("record", _i64),
        ("seq", _i64),
        ("doc_id", _str),
        ("event_id", _str),
        ("event_type", _str),
        ("country", _str),
        ("data", _str),
    ]
)
FAILURES = pa.schema(
    [
        ("shard", _str),
        ("record", _i64),
        ("source", _str),
        ("code", _str),
        ("message", _str),
        ("stage", _str),
    ]
)
DOCUMENTS = pa.schema(
    [
        *(f for f in SHARD_DOCUMENTS if f.name not in ("record", *PARTITION_KEYS)),
        ("shard", _str),
        ("record", _i64),
        ("near_duplicate_of", _str),
        ("country", _str),
        ("month", _str),
    ]
)
#: ACLED export columns with their Parquet types; ``country`` (ACLED's country name) becomes
#: ``country_name`` because ``country`` is the partition key (the ISO code).
_ACLED_TYPES: dict[str, pa.DataType] = {
    "event_id_cnty": _str,
    "event_date": pa.date32(),
    "year": _i64,
    "time_precision": _i64,
    "disorder_type": _str,
    "event_type": _str,
    "sub_event_type": _str,
    "actor1": _str,
    "assoc_actor_1": _str,
    "inter1": _i64,
    "actor2": _str,
    "assoc_actor_2": _str,
    "inter2": _i64,
    "interaction": _i64,
    "civilian_targeting": _str,
    "iso": _i64,
    "region": _str,
    "country_name": _str,
    "admin1": _str,
    "admin2": _str,
    "admin3": _str,
    "location": _str,
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": _i64,
    "source": _str,
    "source_scale": _str,
    "notes": _str,
    "fatalities": _i64,
    "tags": _str,
    "timestamp": _i64,
}
EVENTS = pa.schema(
    [
        ("event_id", _str),
        *_ACLED_TYPES.items(),
        ("modality", _str),
        ("confidence", pa.float64()),
        ("status", _str),
        ("doc_ids", pa.list_(_str)),
        ("merged_event_ids", pa.list_(_str)),
        ("merge_reasons", pa.list_(_str)),
        ("data", _str),
        ("country", _str),
        ("month", _str),
    ]
)


def document_partition(doc: Document, events: Iterable[Event], places: Iterable[Any]) -> tuple[str, str]:
    """(country, month) of a document: its first located event's country, else its first place's."""
    country = next((e.location.country for e in events if e.location and e.location.country), None)
    if country is None:
        country = next((p.country for p in places if getattr(p, "country", None)), None)
    month = doc.published_at.strftime("%Y-%m") if doc.published_at else UNKNOWN
    return country or UNKNOWN, month


def event_partition(e: Event) -> tuple[str, str]:
    """(country, month) of an event: where and when it happened."""
    country = e.location.country if e.location and e.location.country else UNKNOWN
    return country, e.event_date.strftime("%Y-%m") if e.event_date else UNKNOWN


def document_row(record: int, doc: Document, minhash: bytes, partition: tuple[str, str]) -> dict[str, Any]:
    d = doc.to_dict()
    d.update(record=record, minhash=minhash, country=partition[0], month=partition[1])
    d["captions"] = list(doc.captions)
    return d


def mention_rows(record: int, doc_id: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    return [{"record": record, "doc_id": doc_id, **m.to_dict()} for m in mentions]


def event_json(e: Event) -> str:
    return json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True)


def failure_row(shard: str, record: int, f: Failure) -> dict[str, Any]:
    return {
        "shard": shard,
        "record": record,
        "source": f.source,
        "code": f.code,
        "message": f.message,
        "stage": f.stage,
    }


def event_row(e: Event, merged: list[tuple[str, str]], data: str | None = None) -> dict[str, Any]:
    """An event as a row of the published ``events`` dataset (``merged``: (event id, reason) pairs;
    ``data``: the event's JSON when the caller has it already)."""
    acled = next(iter(acled_rows([e])))
    row: dict[str, Any] = {"event_id": e.event_id}
    for name, typ in _ACLED_TYPES.items():
        value = acled["country" if name == "country_name" else name]
        if value == "":
            value = None
        elif name == "event_date":
            value = e.event_date
        elif pa.types.is_integer(typ) and value is not None:
            value = int(value)
        row[name] = value
    country, month = event_partition(e)
    row.update(
        modality=e.modality,
        confidence=e.confidence,
        status=e.status,
        doc_ids=list(e.doc_ids),
        merged_event_ids=[m for m, _ in merged],
        merge_reasons=[r for _, r in merged],
        data=data or event_json(e),
        country=country,
        month=month,
    )
    return row


def table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as a table of exactly ``schema`` (missing keys are nulls, extra keys are dropped)."""
    return pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)
