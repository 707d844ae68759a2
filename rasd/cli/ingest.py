"""CLI: ``rasd ingest`` and ``rasd show``."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from rasd.cli.common import DbOption, PathsArgument, fail_line
from rasd.models import Failure


def register(app: typer.Typer) -> None:
    """Add ``ingest`` and ``show`` to ``app``."""
    app.command("ingest")(ingest)
    app.command("show")(show)


def ingest(paths: PathsArgument, db: DbOption = None) -> None:
    """Read reports and list them; with --db, store them (the same report twice is one row).

    One line per document (id, outlet, date, title); one error line per failed input on stderr.
    Exits 1 if any input failed.

    Example: rasd ingest reports/ feed.rss archive.warc.gz --db sqlite:///rasd.sqlite
    """
    from rasd.errors import StoreError
    from rasd.ingest import read
    from rasd.settings import from_environment

    settings = from_environment(db_url=db)
    store = None
    if db is not None:
        from rasd.store import open_store

        store = open_store(settings.db_url, settings)
    failed = new = 0
    try:
        for item in read(paths, settings, stdin=sys.stdin.buffer):
            if isinstance(item, Failure):
                failed += 1
                typer.echo(fail_line(item.source, item.code, item.message), err=True)
                continue
            mark = ""
            if store is not None:
                try:
                    added = store.save_document(item)
                except StoreError as e:
                    if e.code != "bad-data":
                        raise  # the database itself is unusable
                    failed += 1
                    store.record_failure(Failure(item.source_uri, e.code, e.message, stage="store"))
                    typer.echo(fail_line(item.source_uri, e.code, e.message), err=True)
                    continue
                new += int(added)
                mark = " (new)" if added else " (already stored)"
            when = item.published_at.isoformat() if item.published_at else "-"
            typer.echo(
                f"{item.doc_id[:12]}  {item.outlet or '-'}  {when}  {item.title or '(no title)'}{mark}"
            )
    finally:
        if store is not None:
            store.close()
    if failed:
        typer.echo(f"{failed} input(s) failed", err=True)
        raise typer.Exit(1)


def show(
    path: Annotated[str, typer.Argument(help="A report file (text dump, HTML, …) or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the Document as JSON.")] = False,
) -> None:
    """Print a report's parsed metadata and its clean body (chrome removed).

    Example: rasd show rasd/data/examples/syria-tv-2018-11-27-deir-ez-zor.txt
    """
    from rasd.ingest import read
    from rasd.settings import from_environment

    settings = from_environment()
    failed = False
    for item in read([path], settings, stdin=sys.stdin.buffer):
        if isinstance(item, Failure):
            failed = True
            typer.echo(fail_line(item.source, item.code, item.message), err=True)
            continue
        if as_json:
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False, indent=2))
            continue
        for label, value in (
            ("id", item.doc_id),
            ("source", item.source_uri),
            ("title", item.title),
            ("outlet", f"{item.outlet or '-'}" + (f" / {item.section}" if item.section else "")),
            ("published", item.published_at.isoformat() if item.published_at else None),
            ("dateline", item.dateline),
            ("captions", " | ".join(item.captions) or None),
        ):
            typer.echo(f"{label:>10}: {value if value is not None else '-'}")
        typer.echo("")
        typer.echo(item.body)
    if failed:
        raise typer.Exit(1)
