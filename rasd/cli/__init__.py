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


@app.command()
def version() -> None:
    """Print rasd's version.

    Example: rasd version
    """
    from rasd import __version__

    typer.echo(__version__)


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
