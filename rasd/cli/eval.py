"""CLI: ``rasd eval``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add ``eval`` to ``app``."""
    app.command("eval")(eval_)


def _table(title: str, rows: dict[str, dict[str, float]]) -> list[str]:
    out = [f"\n{title}", f"  {'':<28} {'P':>5} {'R':>5} {'F1':>5} {'gold':>5} {'pred':>5}"]
    for k, r in rows.items():
        out.append(
            f"  {k:<28} {r['precision']:5.2f} {r['recall']:5.2f} {r['f1']:5.2f} {r['gold']:5d} {r['predicted']:5d}"
        )
    return out


def eval_(
    gold: Annotated[
        list[Path],
        typer.Argument(help="Gold JSONL files (DESIGN.md format; docs/annotation.md for the real corpus)."),
    ],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-document breakdown.")] = False,
    errors: Annotated[
        bool, typer.Option("--errors", help="List every error by kind, with its document.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
) -> None:
    """Score rasd's events against hand-annotated gold files: event P/R/F1 (overall, per type, per country),
    actor 1, place, date, toll and modality accuracy, events per no-event report, and the errors by kind.

    Example: rasd eval tests/gold/real-*.jsonl --errors
    """
    from rasd.coding.api import extract_events
    from rasd.errors import RasdError
    from rasd.evaluate import load_gold, score
    from rasd.evaluate.gold import read_gold_text
    from rasd.ingest import read_text
    from rasd.resources import load_resources
    from rasd.settings import from_environment

    settings = from_environment()
    docs = []
    for g in gold:
        try:
            docs += load_gold(g)
        except (RasdError, OSError) as e:
            typer.echo(f"error: {g}: {e}", err=True)
            raise typer.Exit(1) from e
    res = load_resources(settings)
    predicted, scored, unreadable = {}, [], 0
    for d in docs:
        try:
            text = read_gold_text(d)
            doc = read_text(text, settings, source_uri=d.url or str(d.path), published_at=d.published_at)
        except RasdError as e:
            typer.echo(f"error: {e.source}: {e}", err=True)
            unreadable += 1
            continue
        scored.append(d)
        predicted[str(d.path)] = extract_events(doc, published_at=d.published_at, resources=res)
    report = score(scored, predicted)
    metrics = report.metrics()
    errs = report.errors()
    if as_json:
        out = {**metrics, "by_type": report.by_type(), "by_country": report.by_country(),
               "errors_by_kind": dict(Counter(e["kind"] for e in errs)), "unreadable": unreadable}  # fmt: skip
        if errors:
            out["errors"] = errs
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        for k, v in metrics.items():
            typer.echo(f"{k:>28}: {v:.3f}" if isinstance(v, float) else f"{k:>28}: {v}")
        lines = _table("By event type (precision by predicted type, recall by gold type)", report.by_type())
        lines += _table("By country", report.by_country())
        lines.append("\nErrors by kind")
        for kind, n in Counter(e["kind"] for e in errs).most_common():
            docs_of = sorted({e["doc"] for e in errs if e["kind"] == kind})
            lines.append(f"  {kind:<28} {n:4d}  {' '.join(docs_of[:12])}{' …' if len(docs_of) > 12 else ''}")
        typer.echo("\n".join(lines))
        if unreadable:
            typer.echo(f"\n{unreadable} gold documents could not be read (see errors above)")
        if errors:
            typer.echo("")
            for e in errs:
                typer.echo(f"  [{e['kind']}] {e['doc']}: " + "; ".join(
                    f"{k}={e[k]}" for k in ("gold", "predicted") if k in e))  # fmt: skip
    if verbose:
        for r in report.docs:
            typer.echo(f"\n{r.doc_id}: gold {r.gold}, predicted {r.predicted}, matched {len(r.matched)}")
            for p, g in r.matched:
                typer.echo(
                    f"  ✓ {g.sub_event_type} @ {g.location and g.location.get('name')}  ← {p.sub_event_type} @ "
                    f"{p.location and p.location.name_en}"
                )
            for g in r.missed:
                typer.echo(
                    f"  ✗ missed {g.event_type} / {g.sub_event_type} @ {g.location and g.location.get('name')} "
                    f"{g.event_date}"
                )
            for p in r.spurious:
                typer.echo(
                    f"  + spurious {p.event_type} / {p.sub_event_type} @ {p.location and p.location.name_en} "
                    f"{p.event_date}"
                )
