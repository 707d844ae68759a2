"""CLI: ``rasd export``."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOption


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"
    geoparquet = "geoparquet"
    table = "table"


def register(app: typer.Typer) -> None:
    """Add ``export`` to ``app``."""
    app.command("export")(export)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from e


def export(
    db: DbOption = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", help="acled-csv, geojson, jsonl, parquet, geoparquet or table.", metavar="FORMAT"
        ),
    ] = ExportFormat.acled_csv,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).", metavar="FILE")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.", metavar="DATE")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.", metavar="DATE")] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            help="Country: SY, SYR, Syria or سوريا; repeat or comma-separate for several.", metavar="C"
        ),
    ] = None,
    event_type: Annotated[
        list[str] | None, typer.Option(help="ACLED event type, any case; several allowed.", metavar="TYPE")
    ] = None,
    sub_event_type: Annotated[
        list[str] | None,
        typer.Option(help="ACLED sub-event type, any case; several allowed.", metavar="TYPE"),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(help="Actor id, English or Arabic name or alias (داعش); several allowed.", metavar="A"),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(help="machine, confirmed, edited or rejected; several allowed.", metavar="S"),
    ] = None,
    min_fatalities: Annotated[
        int | None, typer.Option("--min-fatalities", help="Only events with at least N deaths (best).", min=0)
    ] = None,
    interaction: Annotated[
        list[int] | None,
        typer.Option(help="ACLED interaction code (e.g. 12); several allowed.", metavar="CODE"),
    ] = None,
    keep_unlocated: Annotated[
        bool,
        typer.Option("--keep-unlocated", help="GeoJSON: keep events without a place, with geometry null."),
    ] = False,
) -> None:
    """Export stored events as ACLED-style CSV, GeoJSON, JSONL, Parquet, GeoParquet, or a table.

    The CSV keeps ACLED's columns, then rasd's (source_url, document_ids, source_count, confidence, modality,
    status, place_as_written, event_id…). A filter value that matches nothing is warned about on stderr.

    Example: rasd export --format geojson --country Syria --event-type battles -o events.geojson
    """
    from rasd.cli.common import open_reading_store
    from rasd.export import export_events, load_sources
    from rasd.export.query import FilterRequest, resolve
    from rasd.settings import from_environment

    request = FilterRequest(
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        country=tuple(country or ()),
        event_type=tuple(event_type or ()),
        sub_event_type=tuple(sub_event_type or ()),
        actor=tuple(actor or ()),
        status=tuple(status or ()),
        min_fatalities=min_fatalities,
        interaction=tuple(interaction or ()),
    )
    settings = from_environment(db_url=db)
    store = open_reading_store(settings)
    try:
        resolved = resolve(request, store)
        for w in resolved.warnings:
            typer.echo(f"warning: {w}", err=True)
        events = resolved.select(store)
        sources = load_sources(store, events) if fmt is not ExportFormat.table else {}
    finally:
        store.close()
    if fmt is ExportFormat.table:
        from rasd.cli.extract import _table
        from rasd.models import Document

        _table(Document(doc_id="", body="", title=f"{settings.db_url}"), events)
        return
    binary = fmt in (ExportFormat.parquet, ExportFormat.geoparquet)
    kwargs = {"sources": sources, "keep_unlocated": keep_unlocated}
    if output:
        with output.open(
            "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})
        ) as f:
            result = export_events(events, fmt.value, f, **kwargs)
        typer.echo(f"wrote {result.written} events to {output}", err=True)
    else:
        result = export_events(events, fmt.value, sys.stdout.buffer if binary else sys.stdout, **kwargs)
        if binary:
            sys.stdout.buffer.flush()
    if result.skipped:
        typer.echo(
            f"note: {result.skipped} event(s) without a location left out of the GeoJSON "
            "(--keep-unlocated keeps them with geometry null)",
            err=True,
        )
