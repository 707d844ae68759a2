"""CLI: ``rasd serve``."""

from __future__ import annotations

from typing import Annotated

import typer

from rasd.cli.common import DbOption


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)


def serve(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8765).")] = None,
) -> None:
    """Serve the web map (at /) and the HTTP API (OpenAPI at /docs) over a store.

    Example: rasd serve --db sqlite:///rasd.sqlite --port 8765
    """
    import uvicorn

    from rasd.api.main import create_app
    from rasd.settings import from_environment

    settings = from_environment(db_url=db, host=host, port=port)
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(
        f"rasd map on {base}/ (API: {base}/api/events, OpenAPI: {base}/docs); Ctrl-C stops it", err=True
    )
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
