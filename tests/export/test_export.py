"""Exports: ACLED CSV read by pandas with ACLED's columns and types; GeoJSON per RFC 7946; JSONL; Parquet."""

import io
import json
import subprocess
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from rasd.export import export_events
from rasd.export.formats import ACLED_COLUMNS
from rasd.models import Event


@pytest.fixture(scope="module")
def events(sample_text, settings):
    from rasd.coding.api import extract_events
    from rasd.resources import load_resources

    return extract_events(sample_text, resources=load_resources(settings))


def test_acled_csv_in_pandas(events):
    buf = io.StringIO()
    export_events(events, "acled-csv", buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), parse_dates=["event_date"])
    assert list(df.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS  # rasd's own columns follow
    assert len(df) == len(events)
    assert pd.api.types.is_datetime64_any_dtype(df["event_date"])
    for col in ("year", "time_precision", "fatalities", "geo_precision"):
        assert pd.api.types.is_integer_dtype(df[col]), col
    assert pd.api.types.is_float_dtype(df["latitude"]) and df["latitude"].between(-90, 90).all()
    assert set(df["country"]) == {"Syria"} and df["iso"].eq(760).all()
    assert set(df["event_type"]) <= {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }


def _check_rfc7946(doc):
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        g = f["geometry"]
        assert g["type"] == "Point" and len(g["coordinates"]) == 2
        lon, lat = g["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(f.get("id"), str | int)


def test_geojson_rfc7946(events):
    buf = io.StringIO()
    export_events(events, "geojson", buf)
    doc = json.loads(buf.getvalue())
    _check_rfc7946(doc)
    assert len(doc["features"]) == sum(1 for e in events if e.location and e.location.lat is not None)
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert 39 < lon < 42 and 34 < lat < 36.5  # lon first: eastern Syria


def test_jsonl_round_trip(events):
    buf = io.StringIO()
    export_events(events, "jsonl", buf)
    back = [Event.from_dict(json.loads(line)) for line in buf.getvalue().splitlines()]
    assert back == events


def test_parquet(events):
    buf = io.BytesIO()
    export_events(events, "parquet", buf)
    table = pq.read_table(io.BytesIO(buf.getvalue()))
    assert table.num_rows == len(events) and "sub_event_type" in table.column_names


def test_cli_export_filters(tmp_path, sample_path, settings):
    db = f"sqlite:///{tmp_path / 'x.sqlite'}"
    env_cache = {"RASD_CACHE_DIR": settings.cache_dir}
    import os

    env = {**os.environ, **env_cache}
    r = subprocess.run(
        [sys.executable, "-m", "rasd", "run", str(sample_path), "--db", db],
        capture_output=True,
        text=True,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    out = tmp_path / "e.geojson"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "rasd",
            "export",
            "--db",
            db,
            "--format",
            "geojson",
            "--event-type",
            "Battles",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    _check_rfc7946(doc)
    assert doc["features"] and all(f["properties"]["event_type"] == "Battles" for f in doc["features"])
    bad = subprocess.run(
        [sys.executable, "-m", "rasd", "export", "--db", db, "--format", "xml"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 2 and "xml" in bad.stderr
