"""CLI: ``rasd eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``eval`` to ``app``."""
    app.command("eval")(eval_)


def eval_(
    gold: Annotated[
        Path, typer.Argument(help="Gold JSONL (DESIGN.md format); article paths relative to it.")
    ],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-document breakdown.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Score rasd's events against a hand-annotated gold set: event P/R/F1, sub-event, actor, place, date, tolls.

    Example: rasd eval tests/gold/dev.jsonl --verbose
    """
    from rasd.errors import RasdError
    from rasd.evaluate import load_gold, score
    from rasd.extract.api import extract_events
    from rasd.ingest import read
    from rasd.models import Failure
    from rasd.resources import load_resources
    from rasd.settings import from_environment

    settings = from_environment()
    try:
        docs = load_gold(gold)
    except (RasdError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from e
    res = load_resources(settings)
    predicted = {}
    for d in docs:
        items = list(read([d.path], settings))
        doc = next((i for i in items if not isinstance(i, Failure)), None)
        if doc is None:
            typer.echo(f"error: {d.path}: could not be read", err=True)
            continue
        predicted[str(d.path)] = extract_events(doc, published_at=d.published_at, resources=res)
    report = score(docs, predicted)
    metrics = report.metrics()
    if as_json:
        typer.echo(json.dumps(metrics, indent=2))
    else:
        for k, v in metrics.items():
            typer.echo(f"{k:>22}: {v:.3f}" if isinstance(v, float) else f"{k:>22}: {v}")
    if verbose:
        for r in report.docs:
            typer.echo(
                f"\n{Path(r.path).name}: gold {r.gold}, predicted {r.predicted}, matched {len(r.matched)}"
            )
            for p, g in r.matched:
                typer.echo(
                    f"  ✓ {g.sub_event_type} @ {g.location and g.location.get('name')}  ← {p.sub_event_type} @ "
                    f"{p.location and p.location.name_en}"
                )
            for g in r.missed:
                typer.echo(
                    f"  ✗ missed {g.event_type} / {g.sub_event_type} @ {g.location and g.location.get('name')} {g.event_date}"
                )
            for p in r.spurious:
                typer.echo(
                    f"  + spurious {p.event_type} / {p.sub_event_type} @ {p.location and p.location.name_en} {p.event_date}"
                )
