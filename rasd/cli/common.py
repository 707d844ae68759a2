"""Options shared by several commands, as reusable ``Annotated`` types, and the store openers they share."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rasd.settings import Settings
    from rasd.store.base import Store


def _db_value(value: str | None) -> str | None:
    """``--db`` as a store URL: a plain path becomes a SQLite URL; a bad scheme is refused by name."""
    if value is None:
        return None
    from rasd.errors import StoreError
    from rasd.settings import db_url

    try:
        return db_url(value)
    except StoreError as e:
        raise typer.BadParameter(str(e)) from e


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        callback=_db_value,
        help="The store: a SQLite file path (rasd.sqlite, ./data/x.db) or a URL (sqlite:///x.sqlite, "
        "postgresql://user@host/db). Default: RASD_DB, else rasd.sqlite.",
    ),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...", help="Files, directories, globs, or - for standard input.", show_default=False
    ),
]


def fail_line(source: str, code: str, message: str) -> str:
    """The one line a failed input gets on stderr."""
    return f"error: {source}: {message} [{code}]"


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL (None for PostgreSQL and in-memory SQLite)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def require_store(settings: Settings) -> None:
    """Refuse a SQLite store that does not exist, naming its path.

    A reading command (export, serve) that opened a mistyped path would create an empty store and
    answer "0 events" with exit 0: the analyst would believe the data is empty. PostgreSQL databases are
    not created by opening them, so the server's own error names them.

    Raises:
        StoreError: code ``no-store``, ``source`` the missing file.
    """
    from rasd.errors import StoreError

    path = sqlite_path(settings.db_url)
    if path is not None and not path.is_file():
        raise StoreError(
            "no such store (create one with `rasd run REPORTS --db PATH`)", str(path.resolve()), "no-store"
        )


def open_reading_store(settings: Settings) -> Store:
    """The store of a reading command: refused when it does not exist (see ``require_store``)."""
    from rasd.store import open_store

    require_store(settings)
    return open_store(settings.db_url, settings)
