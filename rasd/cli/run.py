"""CLI: ``rasd run``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from rasd.cli.common import DbOption, PathsArgument, fail_line
from rasd.models import Failure


def register(app: typer.Typer) -> None:
    """Add ``run`` to ``app`` (``export`` lives in ``rasd.cli.export``)."""
    app.command("run")(run)


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
