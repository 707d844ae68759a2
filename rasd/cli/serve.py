"""CLI: ``rasd serve``."""

from __future__ import annotations

from typing import Annotated

import typer

from rasd.cli.common import DbOption, require_store


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command("serve")(serve)


def serve(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8765).")] = None,
    allow_no_accounts: Annotated[
        bool,
        typer.Option(
            "--allow-no-accounts", help="Listen beyond loopback although the store has no account (warned)."
        ),
    ] = False,
    read_requires_login: Annotated[
        bool | None,
        typer.Option("--read-requires-login/--read-open", help="Whether reading needs an account."),
    ] = None,
    create: Annotated[
        bool,
        typer.Option("--create", help="Start over a new, empty SQLite store when the file does not exist."),
    ] = False,
) -> None:
    """Serve the web map (at /) and the HTTP API (OpenAPI at /docs) over a store.

    Writing (review, submit) needs an account (rasd users add); beyond loopback the server refuses to start
    without one unless told.

    Example: rasd serve --db sqlite:///rasd.sqlite --port 8765
    """
    import uvicorn

    from rasd.api.exposure import check_exposure
    from rasd.api.main import create_app
    from rasd.settings import from_environment
    from rasd.store import open_store

    settings = from_environment(db_url=db, host=host, port=port, read_requires_login=read_requires_login)
    if not create:
        require_store(settings)  # a mistyped path would serve an empty map
    store = open_store(settings.db_url, settings)
    try:
        warnings = check_exposure(settings, store.accounts.count(), allow_no_accounts)
    except BaseException:
        store.close()
        raise
    for w in warnings:
        typer.echo(f"warning: {w}", err=True)
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(
        f"rasd map on {base}/ (API: {base}/api/events, OpenAPI: {base}/docs); Ctrl-C stops it", err=True
    )
    uvicorn.run(create_app(settings, store), host=settings.host, port=settings.port, log_level="warning")
