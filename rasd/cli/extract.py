"""CLI: ``rasd extract``."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from rasd.cli.common import PathsArgument, fail_line
from rasd.models import Failure


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def register(app: typer.Typer) -> None:
    """Add ``extract`` to ``app``."""
    app.command("extract")(extract)


def extract(
    paths: PathsArgument,
    fmt: Annotated[
        Format, typer.Option("--format", help="json (one array), jsonl (an event a line) or table.")
    ] = Format.table,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also list, on stderr, the drafts that were no event and why."),
    ] = False,
) -> None:
    """Every event in every report, in the Event schema, each field with its evidence span, and its source.

    Each event carries ``source``: the input's URL or path (and line for JSONL), outlet, title, published_at.
    With --explain, each war word that yielded no event is listed on stderr with the reason (a sports context,
    a plan, background, no place…).

    One error line per failed input on stderr; exit 1 if any failed.

    Example: rasd extract rasd/data/examples --format jsonl --explain
    """
    from rasd.ingest import read
    from rasd.pipeline import process_document
    from rasd.resources import load_resources
    from rasd.settings import from_environment

    settings = from_environment()
    res = load_resources(settings)
    failed = False
    collected = []
    for item in read(paths, settings, stdin=sys.stdin.buffer):
        if isinstance(item, Failure):
            failed = True
            typer.echo(fail_line(item.source, item.code, item.message), err=True)
            continue
        if explain:
            from rasd.coding.api import explain_events

            events, dropped = explain_events(item, resources=res)
            for d in dropped:
                words = next((x.text for x in d.event.evidence if x.field == "event_type"), "")
                typer.echo(
                    f"{item.source_uri}: no event from «{words}» ({d.event.sub_event_type}): {d.reason}",
                    err=True,
                )
        else:
            events = process_document(item, res).events
        source = source_of(item)
        if fmt is Format.jsonl:
            for e in events:
                typer.echo(json.dumps({**e.to_dict(), "source": source}, ensure_ascii=False))
        elif fmt is Format.json:
            collected.extend({**e.to_dict(), "source": source} for e in events)
        else:
            _table(item, events)
    if fmt is Format.json:
        typer.echo(json.dumps(collected, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


def source_of(doc) -> dict:
    """Where an event was read: the input's URL or path, for a JSONL record also its file and line (with or
    without a URL), the outlet, title and publication time, and the document's id (the hash the store keys it by).

    Example: a record on line 3 of ``feed.jsonl`` → ``{"uri": "feed.jsonl", "file": "feed.jsonl", "line": 3, …}``;
    with ``"url": "https://…"`` → ``{"uri": "https://…", "file": "feed.jsonl", "line": 3, …}``.
    """
    from rasd.ingest.containers import record_origin

    uri, file, line = doc.source_uri, None, None
    origin = record_origin(doc)
    if origin is not None:
        file, line = origin
        if uri == f"{file}:{line}":  # no URL: the record is named by its file and line
            uri = file
    return {
        "uri": uri,
        "file": file,
        "line": line,
        "outlet": doc.outlet,
        "title": doc.title,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "doc_id": doc.doc_id,
    }


def _table(doc, events) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{doc.title or doc.source_uri} — {len(events)} event(s)", show_lines=False)
    for col in (
        "date (prec)",
        "type / sub-type",
        "actor 1",
        "actor 2",
        "location (prec)",
        "deaths",
        "modality",
        "source",
    ):
        table.add_column(col)
    for e in events:
        deaths = (
            ""
            if e.fatalities.min is None
            else f"{e.fatalities.best}{'+ (vague)' if e.fatalities.vague else ''}"
        )
        table.add_row(
            f"{e.event_date} ({e.time_precision})",
            f"{e.event_type} / {e.sub_event_type}",
            e.actor1.name_en if e.actor1 else "",
            e.actor2.name_en if e.actor2 else "",
            f"{e.location.name_en} ({e.geo_precision})" if e.location else "",
            deaths,
            e.modality,
            " → ".join(s.name for s in e.attribution),
        )
    Console(width=200).print(table)
