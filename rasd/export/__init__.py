"""Exports: ACLED-style CSV, GeoJSON (RFC 7946), JSONL, Parquet — from stored events."""

from rasd.export.formats import FORMATS, acled_rows, export_events, geojson

__all__ = ["FORMATS", "acled_rows", "export_events", "geojson"]
