"""CLI: ``rasd run`` and ``rasd export``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOption, PathsArgument, fail_line
from rasd.models import Failure


def register(app: typer.Typer) -> None:
    """Add ``run`` and ``export`` to ``app``."""
    app.command("run")(run)
    app.command("export")(export)


def run(paths: PathsArgument, db: DbOption = None) -> None:
    """Ingest, read, deduplicate and store reports, with a progress bar and a summary.

    Idempotent (the same report twice is one document) and resumable: stop it at any point and run it
    again, and every document ends up stored exactly once. One error line per failed input; exit 1 if any.

    Example: rasd run reports/ --db sqlite:///rasd.sqlite
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from rasd.resources import load_resources
    from rasd.runner import run as run_pipeline
    from rasd.settings import from_environment
    from rasd.store import open_store

    settings = from_environment(db_url=db)
    err = Console(stderr=True)
    res = load_resources(settings)
    store = open_store(settings.db_url, settings)
    try:
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]rasd run"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=False,
        ) as bar:
            task = bar.add_task("", total=None)

            def progress(source: str, outcome: str) -> None:
                bar.advance(task)
                if outcome == "failed":
                    return
                bar.update(task, description=f"{Path(source).name[:40]}: {outcome}")
                sys.stdout.flush()

            def failure(f: Failure) -> None:  # shown at once: a run stopped later has already said it
                bar.console.print(
                    fail_line(f.source, f.code, f.message), markup=False, highlight=False, soft_wrap=True
                )

            summary = run_pipeline(
                paths, store, res, stdin=sys.stdin.buffer, on_document=progress, on_failure=failure
            )
        counts = store.counts()
    except KeyboardInterrupt:
        typer.echo("interrupted: every document stored so far is whole; run again to resume", err=True)
        raise typer.Exit(130) from None
    finally:
        store.close()
    typer.echo(
        f"documents: {summary.documents_new} new, {summary.documents_stored_before} already stored, "
        f"{len(summary.failures)} failed; events: {summary.events_new} new, {summary.events_merged} merged "
        f"into existing ones; the store now holds {counts['documents']} documents and {counts['events']} "
        f"events ({settings.db_url})"
    )
    if summary.failures:
        raise typer.Exit(1)


def export(
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="acled-csv, geojson, jsonl, parquet or table")
    ] = "acled-csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code, e.g. SY.")] = None,
    event_type: Annotated[str | None, typer.Option(help="ACLED event type.")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor id or name.")] = None,
    status: Annotated[str | None, typer.Option(help="machine, confirmed, edited or rejected.")] = None,
) -> None:
    """Export stored events as ACLED-style CSV, GeoJSON, JSONL, Parquet, or a table on the terminal.

    Example: rasd export --format geojson --country SY --since 2018-01-01 -o events.geojson
    """
    from rasd.cli.common import open_reading_store
    from rasd.export import FORMATS, export_events
    from rasd.settings import from_environment
    from rasd.store import EventFilter

    if fmt not in (*FORMATS, "table"):
        typer.echo(f"error: unknown format {fmt!r} (one of {', '.join((*FORMATS, 'table'))})", err=True)
        raise typer.Exit(2)
    try:
        flt = EventFilter(
            since=dt.date.fromisoformat(since) if since else None,
            until=dt.date.fromisoformat(until) if until else None,
            country=country,
            event_type=event_type,
            actor=actor,
            status=status,
            limit=10**9,
            sort="event_date",
        )
    except ValueError as e:
        typer.echo(f"error: bad date: {e}", err=True)
        raise typer.Exit(2) from e
    settings = from_environment(db_url=db)
    store = open_reading_store(settings)
    try:
        events, _ = store.query_events(flt)
    finally:
        store.close()
    if fmt == "table":
        from rasd.cli.extract import _table
        from rasd.models import Document

        _table(Document(doc_id="", body="", title=f"{settings.db_url}"), events)
        return
    binary = fmt == "parquet"
    if output:
        with output.open(
            "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})
        ) as f:
            n = export_events(events, fmt, f)
        typer.echo(f"wrote {n} events to {output}", err=True)
    else:
        export_events(events, fmt, sys.stdout.buffer if binary else sys.stdout)
