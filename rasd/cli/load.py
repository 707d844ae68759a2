"""CLI: ``rasd load`` — a batch's Parquet datasets into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOption


def register(app: typer.Typer) -> None:
    """Add ``load`` to ``app``."""
    app.command("load")(load)


def load(
    directory: Annotated[Path, typer.Argument(help="The --out directory of a finished rasd batch.")],
    db: DbOption = None,
) -> None:
    """Load a batch's documents, mentions, events and failures into SQLite or PostgreSQL, in bulk.

    Idempotent: rows already stored are skipped, so a load stopped part-way resumes when run again.
    Then the map, the review queue and the exports work on the batch's results.

    Example: rasd load batch/ --db postgresql://rasd@localhost/rasd
    """
    from rasd.scale.load import load_dataset
    from rasd.settings import from_environment
    from rasd.store import open_store

    settings = from_environment(db_url=db)
    store = open_store(settings.db_url, settings)
    try:
        s = load_dataset(directory, store)
    finally:
        store.close()
    typer.echo(
        f"documents: {s.documents} loaded, {s.documents_present} already stored; mentions: {s.mentions}; "
        f"events: {s.events} loaded ({s.merges} merges), {s.events_present} already stored; "
        f"failures: {s.failures} ({settings.db_url})"
    )
