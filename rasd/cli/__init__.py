"""The ``rasd`` command line: thin typer commands, one module per command group.

Each module exposes ``register(app)``; library errors (``RasdError``) become a
one-line message and a non-zero exit only here.
"""

from __future__ import annotations

import logging

import typer

from rasd.cli import backup, batch, export, extract, ingest, kb, load, run, serve, users, watch
from rasd.cli import eval as eval_cmd

app = typer.Typer(
    name="rasd",
    help="rasd (رصد): Arabic conflict reports in, a geocoded, deduplicated event dataset out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (ingest, kb, extract, eval_cmd, run, export, serve, users, backup, batch, load, watch):
    _module.register(app)


def _version(value: bool) -> None:
    if value:
        from rasd import __version__

        typer.echo(f"rasd {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Print rasd's version and exit."
    ),
) -> None:
    """rasd (رصد): Arabic conflict reports in, a geocoded, deduplicated event dataset out."""


@app.command()
def version() -> None:
    """Print rasd's version.

    Example: rasd version
    """
    from rasd import __version__

    typer.echo(__version__)


from rasd.cli.helpfmt import readable_help  # noqa: E402  (after every command is registered)

readable_help(app)


def main() -> None:
    """Entry point: library errors become one line on stderr and exit code 2, never a traceback."""
    import sys

    from rasd.errors import RasdError

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except RasdError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(2)
