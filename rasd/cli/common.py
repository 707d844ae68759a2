"""Options shared by several commands, as reusable ``Annotated`` types."""

from __future__ import annotations

from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database URL (sqlite:///file.sqlite or postgresql://…); default RASD_DB or sqlite:///rasd.sqlite.",
    ),
]
PathsArgument = Annotated[
    list[str], typer.Argument(help="Files, directories, globs, or - for standard input.", show_default=False)
]


def fail_line(source: str, code: str, message: str) -> str:
    """The one line a failed input gets on stderr."""
    return f"error: {source}: {message} [{code}]"
