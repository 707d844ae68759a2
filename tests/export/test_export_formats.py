"""Every export format of a 60-event SQLite store, written by `rasd export` and read back by pandas, pyarrow
and GeoPandas: columns, dtypes, counts, the source columns, readable ids, escaped formulas, skipped events."""

from __future__ import annotations

import csv
import io
import json
import re

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from rasd.cli import app
from rasd.export import arrow_table, readable_ids
from rasd.export.formats import ACLED_COLUMNS, COLUMNS, EXTRA_COLUMNS, arrow_schema
from tests.export.export_store import N_EVENTS, UNLOCATED, make_events


@pytest.fixture(scope="module")
def exported(export_db, tmp_path_factory, settings):
    """``format → (path, stderr)`` for every format, written by the CLI from the store."""
    import os

    os.environ["RASD_CACHE_DIR"] = settings.cache_dir
    out = tmp_path_factory.mktemp("out")
    files = {}
    for fmt, ext in (
        ("acled-csv", "csv"),
        ("geojson", "geojson"),
        ("jsonl", "jsonl"),
        ("parquet", "parquet"),
        ("geoparquet", "geoparquet"),
    ):
        path = out / f"events.{ext}"
        r = CliRunner().invoke(app, ["export", "--db", export_db, "--format", fmt, "-o", str(path)])
        assert r.exit_code == 0, r.output
        files[fmt] = (path, r.stderr)
    return files


def test_acled_csv_columns_types_and_sources(exported):
    path, _ = exported["acled-csv"]
    df = pd.read_csv(
        path, dtype={c: "Int64" for c in ("inter1", "inter2", "interaction", "iso", "geo_precision")}
    )
    assert list(df.columns) == ACLED_COLUMNS + EXTRA_COLUMNS
    assert list(df.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS  # ACLED's first, in ACLED's order
    assert len(df) == N_EVENTS
    for col in ("year", "time_precision", "fatalities", "source_count", "timestamp"):
        assert pd.api.types.is_integer_dtype(df[col]), col
    # integers with blanks are written as integers ("2"), never "2.0", and blank when unknown
    raw = list(csv.DictReader(path.open(encoding="utf-8")))
    for col in ("inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities_max"):
        assert all(re.fullmatch(r"\d*", r[col]) for r in raw), col
    assert sum(r["geo_precision"] == "" for r in raw) == len(UNLOCATED)
    assert df["interaction"].isna().sum() == N_EVENTS // 4
    assert set(df["iso"].dropna()) == {760, 368, 887, 434}
    assert df.loc[df["country"] == "Syria", "iso"].eq(760).all()
    # the source columns
    assert df["source_count"].sum() == N_EVENTS + N_EVENTS // 10
    two = df[df["source_count"] == 2].iloc[0]
    assert len(two["document_ids"].split("; ")) == 2 and "https://other.example/" in two["source_url"]
    assert df["source_url"].str.contains(r"feed\.jsonl#L\d+").sum() == N_EVENTS // 5
    assert set(df["modality"]) == {"reported", "claimed", "denied"}
    assert set(df["status"]) == {"machine", "confirmed", "edited"}
    assert df["place_as_written"].dropna().str.startswith("مدينة ").sum() > 0
    assert df["confidence"].between(0, 1).all()
    assert df["source_title"].str.startswith("خبر ").all()
    # a formula-looking note is text, not a formula
    note = df.loc[df["notes"].str.contains("HYPERLINK"), "notes"].iloc[0]
    assert note.startswith("'=")
    assert not any(v.startswith(("=", "+", "@")) for r in raw for v in r.values())


def test_readable_ids_are_acled_like_unique_and_stable(exported):
    df = pd.read_csv(exported["acled-csv"][0])
    ids = df["event_id_cnty"]
    assert ids.is_unique and ids.str.fullmatch(r"[A-Z]{3}\d{10}").all()
    assert ids.str.startswith("XXX").sum() == len(UNLOCATED)  # no place, no country
    assert ids[df["country"] == "Syria"].str.startswith("SYR").all()
    assert df["event_id"].str.fullmatch(r"[0-9a-f]{16}").all()  # the internal hash beside it
    _, events = make_events()
    again = readable_ids(list(reversed(events)))  # order and batch do not change an id
    assert dict(zip(df["event_id"], ids, strict=True)) == {k: again[k] for k in df["event_id"]}
    assert readable_ids(events[:3]) == {e.event_id: again[e.event_id] for e in events[:3]}


def test_parquet_fixed_schema(exported):
    path, _ = exported["parquet"]
    table = pq.read_table(path)
    assert table.schema.equals(arrow_schema(), check_metadata=False)
    assert table.num_rows == N_EVENTS
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("document_ids").type == pa.list_(pa.string())
    df = pd.read_parquet(path, dtype_backend="numpy_nullable")
    assert pd.api.types.is_integer_dtype(df["inter2"]) and df["inter2"].isna().sum() == N_EVENTS // 4
    assert pd.api.types.is_integer_dtype(df["geo_precision"]) and df["geo_precision"].isna().sum() == len(
        UNLOCATED
    )
    assert df["document_ids"].map(len).sum() == N_EVENTS + N_EVENTS // 10
    # the same schema with no events at all, and with events that have no actor2 or no place
    assert arrow_table([]).schema.equals(table.schema, check_metadata=False)
    _, events = make_events()
    bare = [e for e in events if e.location is None][:1]
    assert arrow_table(bare).schema.equals(table.schema, check_metadata=False)


def test_geoparquet_in_geopandas(exported):
    path, _ = exported["geoparquet"]
    meta = json.loads(pq.read_schema(path).metadata[b"geo"])
    assert meta["primary_column"] == "geometry" and meta["columns"]["geometry"]["encoding"] == "WKB"
    gdf = gpd.read_parquet(path)
    assert isinstance(gdf, gpd.GeoDataFrame) and len(gdf) == N_EVENTS
    assert gdf.crs is not None and gdf.crs.to_string() == "OGC:CRS84"  # WGS 84, lon/lat
    assert gdf.geometry.isna().sum() == len(UNLOCATED)
    located = gdf[gdf.geometry.notna()]
    assert (located.geometry.x == located["longitude"]).all() and (
        located.geometry.y == located["latitude"]
    ).all()
    assert gdf.total_bounds[0] > 15 and gdf.total_bounds[2] < 45  # lon first: Libya to Iraq


def test_geojson_skipped_count_and_null_geometry(exported, export_db):
    path, stderr = exported["geojson"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["rasd:skipped"] == len(UNLOCATED) and len(doc["features"]) == N_EVENTS - len(UNLOCATED)
    assert f"{len(UNLOCATED)} event(s) without a location left out" in stderr
    gdf = gpd.read_file(path)
    assert len(gdf) == N_EVENTS - len(UNLOCATED) and "source_url" in gdf.columns
    r = CliRunner().invoke(app, ["export", "--db", export_db, "--format", "geojson", "--keep-unlocated"])
    assert r.exit_code == 0
    kept = json.loads(r.stdout)
    assert kept["rasd:skipped"] == 0 and len(kept["features"]) == N_EVENTS
    assert sum(f["geometry"] is None for f in kept["features"]) == len(UNLOCATED)
    assert "left out" not in r.stderr


def test_jsonl_has_every_event(exported):
    lines = exported["jsonl"][0].read_text(encoding="utf-8").splitlines()
    assert len(lines) == N_EVENTS
    assert {json.loads(x)["event_id"] for x in lines} == {e.event_id for e in make_events()[1]}


def test_api_export_every_format(export_db, settings, resources):
    from fastapi.testclient import TestClient

    from rasd.api.main import create_app
    from rasd.store.sql import SqlStore

    store = SqlStore(f"sqlite:///{export_db}", settings)
    try:
        app_ = create_app(settings.replace(allowed_hosts="testserver"), store, resources)
        with TestClient(app_) as c:
            r = c.get("/api/export", params={"format": "parquet"})
            assert r.status_code == 200 and r.headers["content-type"] == "application/vnd.apache.parquet"
            assert pq.read_table(io.BytesIO(r.content)).num_rows == N_EVENTS
            r = c.get("/api/export", params={"format": "geoparquet", "country": "Syria"})
            gdf = gpd.read_parquet(io.BytesIO(r.content))
            assert len(gdf) > 0 and set(gdf["country"]) == {"Syria"}
            r = c.get("/api/export", params={"format": "geojson"})
            assert r.headers["x-rasd-skipped"] == str(len(UNLOCATED))
            assert r.json()["rasd:skipped"] == len(UNLOCATED)
            r = c.get("/api/export", params={"format": "acled-csv"})
            assert list(pd.read_csv(io.StringIO(r.text)).columns) == COLUMNS
    finally:
        store.close()


def test_same_export_from_sqlite_and_postgresql(store, export_db, settings):
    """The 60 events stored in a fresh store of each backend (SQLite file, real PostgreSQL) export the same
    CSV and Parquet, sources included."""
    from rasd.export import export_events, load_sources
    from rasd.export.query import FilterRequest, resolve
    from rasd.store.sql import SqlStore
    from tests.export.export_store import fill

    fill(store)
    reference = SqlStore(f"sqlite:///{export_db}", settings)
    try:
        outputs = []
        for s in (store, reference):
            events = resolve(FilterRequest(country=("Syria", "IRQ")), s).select(s)
            csv_buf, pq_buf = io.StringIO(), io.BytesIO()
            export_events(events, "acled-csv", csv_buf, sources=load_sources(s, events))
            export_events(events, "parquet", pq_buf, sources=load_sources(s, events))
            outputs.append((csv_buf.getvalue(), pq.read_table(io.BytesIO(pq_buf.getvalue())).to_pylist()))
    finally:
        reference.close()
    (csv_a, rows_a), (csv_b, rows_b) = outputs
    # ``timestamp`` is when each store wrote the event: the one column that may differ
    strip = [{k: v for k, v in r.items() if k != "timestamp"} for r in rows_a]
    for got, want in zip(
        strip, ({k: v for k, v in r.items() if k != "timestamp"} for r in rows_b), strict=True
    ):
        assert got == want, {k: (got[k], want[k]) for k in got if got[k] != want[k]}
    frame = [pd.read_csv(io.StringIO(c)).drop(columns="timestamp") for c in (csv_a, csv_b)]
    pd.testing.assert_frame_equal(frame[0], frame[1])
    rows = rows_a
    assert rows and {r["country"] for r in rows} == {"Syria", "Iraq"}
    assert all(r["source_url"] and r["source_title"] for r in rows)
