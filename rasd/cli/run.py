"""CLI: ``rasd run``."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOption, PathsArgument, fail_line
from rasd.models import Failure


def register(app: typer.Typer) -> None:
    """Add ``run`` to ``app`` (``export`` lives in ``rasd.cli.export``)."""
    app.command("run")(run)


#: Off a terminal (a log file, CI, a pipe), one progress line per this many documents instead of a live bar.
PROGRESS_EVERY = 25


def run(
    paths: PathsArgument,
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as one JSON object on stdout (for scripts).")
    ] = False,
) -> None:
    """Ingest, read, deduplicate and store reports, with a progress bar and a summary.

    Idempotent (the same report twice is one document) and resumable: stop it at any point and run it
    again, and every document ends up stored exactly once. One error line per failed input; exit 1 if any.
    Off a terminal the progress is a plain line every 25 documents.

    Example: rasd run reports/ --db rasd.sqlite --json
    """
    import json

    from rich.console import Console

    from rasd.resources import load_resources
    from rasd.runner import run as run_pipeline
    from rasd.settings import from_environment
    from rasd.store import open_store

    settings = from_environment(db_url=db)
    err = Console(stderr=True)
    res = load_resources(settings)
    store = open_store(settings.db_url, settings)
    try:
        with _progress(err) as (progress, failure):
            summary = run_pipeline(
                paths, store, res, stdin=sys.stdin.buffer, on_document=progress, on_failure=failure
            )
        counts = store.counts()
    except KeyboardInterrupt:
        typer.echo("interrupted: every document stored so far is whole; run again to resume", err=True)
        raise typer.Exit(130) from None
    finally:
        store.close()
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "documents_new": summary.documents_new,
                    "documents_stored_before": summary.documents_stored_before,
                    "documents_failed": len(summary.failures),
                    "events_new": summary.events_new,
                    "events_merged": summary.events_merged,
                    "store": {"url": settings.db_url, **counts},
                    "failures": [
                        {"source": f.source, "code": f.code, "message": f.message, "stage": f.stage}
                        for f in summary.failures
                    ],
                },
                ensure_ascii=False,
            )
        )
    else:
        typer.echo(
            f"documents: {summary.documents_new} new, {summary.documents_stored_before} already stored, "
            f"{len(summary.failures)} failed; events: {summary.events_new} new, {summary.events_merged} merged "
            f"into existing ones; the store now holds {counts['documents']} documents and {counts['events']} "
            f"events ({settings.db_url})"
        )
    if summary.failures:
        raise typer.Exit(1)


@contextlib.contextmanager
def _progress(err) -> Iterator[tuple[Callable[[str, str], None], Callable[[Failure], None]]]:
    """``(on_document, on_failure)`` callbacks: a live bar on a terminal, plain counted lines elsewhere."""
    if not err.is_terminal:
        seen = [0]

        def plain(source: str, outcome: str) -> None:
            seen[0] += 1
            if seen[0] % PROGRESS_EVERY == 0:
                print(f"rasd run: {seen[0]} documents read", file=sys.stderr, flush=True)

        def plain_failure(f: Failure) -> None:  # shown at once: a run stopped later has already said it
            print(fail_line(f.source, f.code, f.message), file=sys.stderr, flush=True)

        yield plain, plain_failure
        if seen[0] % PROGRESS_EVERY:
            print(f"rasd run: {seen[0]} documents read", file=sys.stderr, flush=True)
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

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
            if outcome != "failed":
                bar.update(task, description=f"{Path(source).name[:40]}: {outcome}")

        def failure(f: Failure) -> None:
            bar.console.print(
                fail_line(f.source, f.code, f.message), markup=False, highlight=False, soft_wrap=True
            )

        yield progress, failure
