"""CLI: ``rasd backup`` and ``rasd restore``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import DbOption

ForceOption = Annotated[bool, typer.Option("--force", help="Replace what is there.")]


def register(app: typer.Typer) -> None:
    """Add ``backup`` and ``restore`` to ``app``."""
    app.command("backup")(backup)
    app.command("restore")(restore)


def backup(
    output: Annotated[Path, typer.Argument(help="The backup file to write.")],
    db: DbOption = None,
    force: ForceOption = False,
) -> None:
    """Write a consistent copy of the store (SQLite online backup; pg_dump for PostgreSQL), safe while it is in use.

    Example: rasd backup rasd-$(date +%F).bak --db sqlite:///rasd.sqlite
    """
    from rasd.settings import from_environment
    from rasd.store.backup import backup as do_backup

    settings = from_environment(db_url=db)
    result = do_backup(settings.db_url, output, force=force)
    typer.echo(f"backed up {settings.db_url} to {result.path} ({result.backend}, {result.bytes:,} bytes)")


def restore(
    backup_file: Annotated[Path, typer.Argument(help="A file written by rasd backup.")],
    db: DbOption = None,
    force: ForceOption = False,
) -> None:
    """Restore a backup into a store (refused if the store holds documents, unless --force).

    Example: rasd restore rasd-2024-05-01.bak --db sqlite:///restored.sqlite
    """
    from rasd.settings import from_environment
    from rasd.store.backup import restore as do_restore

    settings = from_environment(db_url=db)
    backend = do_restore(backup_file, settings.db_url, force=force)
    typer.echo(f"restored {backup_file} into {settings.db_url} ({backend})")
